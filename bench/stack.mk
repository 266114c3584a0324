# bench/stack: UDP echo of `xdpctl stack` against a kernel UDP echo server
# (recvmmsg/sendmmsg, batch 64) on the same veth/namespace setup in the same
# run, driven by one AF_XDP load generator (bench/stack/gen.c, itself an
# xdpkit stack). Prints pps and RTT p50/p99 and the ratios.
XK_BSTK := $(BUILD)/bench/stack
$(XK_BSTK)/kecho: bench/stack/kecho.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $<
$(XK_BSTK)/gen: bench/stack/gen.c $(BUILD)/lib/libxdpkit.a stack/include/xdpkit/stack.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I loader/include -I stack/include -o $@ $< \
		$(BUILD)/lib/libxdpkit.a $(LDLIBS_BPF)
ALL_TARGETS += $(XK_BSTK)/kecho $(XK_BSTK)/gen

.PHONY: bench-stack
bench-stack: $(XK_BSTK)/kecho $(XK_BSTK)/gen $(BUILD)/xdpctl
	@sh bench/stack/run.sh
BENCH_TARGETS += bench-stack
