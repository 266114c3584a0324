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

# A bare make on a machine without a tool names it and says 'make deps'
# (simulated by naming a compiler and a bpftool that do not exist).
.PHONY: test-make-hints
TEST_TARGETS += test-make-hints
test-make-hints:
	@fails=0; d=$$(mktemp -d); \
	for v in CLANG=xk-no-such-clang BPFTOOL=xk-no-such-bpftool CC=xk-no-such-cc; do \
		out=$$($(MAKE) --no-print-directory -s BUILD=$$d $$v all 2>&1); rc=$$?; \
		if [ $$rc -ne 0 ] && printf '%s' "$$out" | grep -q "missing: xk-no-such-.*run 'make deps'" && \
		   ! printf '%s' "$$out" | grep -q "No such file or directory\|not found"; then \
			echo "  ok   $$v: the hint, and no compiler ran"; \
		else echo "  FAIL $$v: exit $$rc: $$out"; fails=1; fi; \
	done; rm -rf $$d; \
	[ $$fails = 0 ] && echo "make-hints: PASS" || { echo "make-hints: FAIL"; exit 1; }
