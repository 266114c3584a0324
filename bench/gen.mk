# bench/gen: xdpctl gen (live frames and AF_XDP) against bench/stack's
# flood and a plain libxdp AF_XDP tx-only sender, same frame, same CPU, same
# receiver; and xk_build against a hand-made template fill.
XK_BGEN := $(BUILD)/bench/gen
$(XK_BGEN)/xsktx: bench/gen/xsktx.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $< -lxdp $(LDLIBS_BPF)
$(XK_BGEN)/build_bench: bench/gen/build_bench.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $<
ALL_TARGETS += $(XK_BGEN)/xsktx $(XK_BGEN)/build_bench

.PHONY: bench-gen
bench-gen: $(XK_BGEN)/xsktx $(XK_BGEN)/build_bench $(BUILD)/xdpctl \
		$(BUILD)/bench/stack/flood $(BUILD)/bench/stack/flood.bpf.o
	@sh bench/gen/run.sh
BENCH_TARGETS += bench-gen
