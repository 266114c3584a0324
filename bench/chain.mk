# bench/chain: what a link of xdpctl's XDP chain costs (goal: at most 5 ns)
# under BPF_PROG_TEST_RUN, progs/pass alone against chains of 2 and 4.
XK_BCH := $(BUILD)/bench/chain
$(XK_BCH)/pass_nochain.bpf.o: progs/pass/pass.bpf.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CLANG) $(BPF_CFLAGS) -DXK_NO_CHAIN -I progs/pass/ -c $< -o $@
$(XK_BCH)/chain_run: bench/chain/chain_run.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $< $(LDLIBS_BPF)
ALL_TARGETS += $(XK_BCH)/chain_run $(XK_BCH)/pass_nochain.bpf.o

.PHONY: bench-chain
bench-chain: $(XK_BCH)/chain_run $(XK_BCH)/pass_nochain.bpf.o \
		$(BUILD)/progs/pass/pass.bpf.o $(BUILD)/xdpctl
	@sh bench/chain/chain_bench.sh
BENCH_TARGETS += bench-chain
