# selftests/negcompile/: writing through a read-only context or view must
# not compile (ARCHITECTURE.md, "A view's type says whether it may write").
# Each list holds cases; run.sh compiles every case negative and positive,
# with gcc for userspace buffers and clang -target bpf for read-only skbs.
#   cases.list    XK__MUT/XK__SET, parsers mixing ro and rw, direct stores
#   getters.list  stores through pointer-returning getters of ro views
#   setters.list  the rewrite.h setters (fails if rewrite.h is missing)
NEGCOMPILE_LISTS := $(addprefix selftests/negcompile/,\
	cases.list getters.list setters.list)

.PHONY: test-negcompile
test-negcompile: $(NEGCOMPILE_LISTS) selftests/negcompile/template.h
	@echo "negative compile tests (host: $(CC), bpf: $(CLANG) -target bpf)"
	@CC="$(CC)" CLANG="$(CLANG)" MULTIARCH="$(MULTIARCH)" \
		selftests/negcompile/run.sh $(BUILD)/selftests/negcompile \
		$(NEGCOMPILE_LISTS)
TEST_TARGETS += test-negcompile

# The setters' results are warn_unused_result: ignoring one must not compile.
.PHONY: test-unused-result
test-unused-result:
	@CC="$(CC)" CLANG="$(CLANG)" MULTIARCH="$(MULTIARCH)" \
		selftests/negcompile/unused.sh $(BUILD)/selftests/negcompile/unused
TEST_TARGETS += test-unused-result
