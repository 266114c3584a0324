# Every C file we own is formatted as .clang-format says (make fmt fixes).
.PHONY: test-fmt
TEST_TARGETS += test-fmt
test-fmt:
	@bad=$$(for f in $(FMT_FILES); do \
		clang-format --dry-run --Werror $$f >/dev/null 2>&1 || echo $$f; done); \
	if [ -n "$$bad" ]; then echo "not clang-formatted (run make fmt):"; \
		echo "$$bad" | sed 's/^/  /'; echo "fmt: FAIL"; exit 1; fi; \
	echo "fmt: $(words $(FMT_FILES)) files formatted: PASS"

# Dependencies point one way and private headers stay in their folder.
.PHONY: test-layering
TEST_TARGETS += test-layering
test-layering:
	@sh selftests/style/layering.sh
