# selftests/loader/: libxdpkit tests (criterion) and the BPF objects the
# loader and xdpctl fault tests use (built by the top Makefile's generic BPF
# rule; rejected.bpf.o must fail the verifier, so none go into BPF_OBJS).
XK_TPROGS_DIR := $(BUILD)/selftests/loader/progs
XK_TPROGS := $(patsubst selftests/loader/progs/%.bpf.c,$(XK_TPROGS_DIR)/%.bpf.o,\
	$(wildcard selftests/loader/progs/*.bpf.c))
XK_LOADER_TEST := $(BUILD)/selftests/loader/test_loader

$(XK_LOADER_TEST): selftests/loader/test_loader.c $(BUILD)/lib/libxdpkit.a \
		loader/include/xdpkit/loader.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I loader/include -o $@ $< $(BUILD)/lib/libxdpkit.a -lcriterion $(LDLIBS_BPF)

ALL_TARGETS += $(XK_TPROGS) $(XK_LOADER_TEST)

.PHONY: test-loader-lib
test-loader-lib: $(XK_LOADER_TEST) $(XK_TPROGS) $(BUILD)/progs/pass/pass.bpf.o
	@echo "libxdpkit (criterion, each test in its own network namespace)"
	@$(XK_LOADER_TEST) --jobs 1 && echo "loader-lib: PASS" || { echo "loader-lib: FAIL"; exit 1; }
TEST_TARGETS += test-loader-lib
