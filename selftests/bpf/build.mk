# selftests/bpf/: the vector table through summary_xdp, summary_tc and
# summary_sock with BPF_PROG_TEST_RUN, against the table and the host build.
# Other fragments' outputs are named by path (include order is not fixed).
XK_BPFT := $(BUILD)/selftests/bpf/test_bpf_summary
XK_BPFT_OBJ := $(BUILD)/selftests/progs/summary.bpf.o

$(XK_BPFT): selftests/bpf/test_bpf_summary.c selftests/bpf/build.mk \
		$(BUILD)/selftests/vectors/vectors.c \
		$(wildcard selftests/vectors/*.h headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I selftests/vectors -o $@ $< \
		$(BUILD)/selftests/vectors/vectors.c $(LDLIBS_BPF)

ALL_TARGETS += $(XK_BPFT)

.PHONY: test-bpf
test-bpf: $(XK_BPFT) $(XK_BPFT_OBJ)
	@echo "BPF parsers (BPF_PROG_TEST_RUN: xdp, tc, socket filter)"
	@$(XK_BPFT) $(XK_BPFT_OBJ) && echo "test-bpf: PASS" || \
		{ echo "test-bpf: FAIL"; exit 1; }
TEST_TARGETS += test-bpf
