# bench/stack: UDP echo of `xdpctl stack` against a kernel UDP echo server
# (recvmmsg/sendmmsg, batch 64, waiting as the stack mode it is compared
# with waits) on the same veth/namespace setup in the same run. Capacity: one open-loop BPF_PROG_RUN live-frames flood
# (bench/stack/flood.c) for both, echoes counted by XDP on the sender's veth.
# RTT: closed-loop ping-pong from an AF_XDP client (bench/stack/rtt.c, itself
# an xdpkit stack). Prints pps and RTT p50/p99 and the ratios.
XK_BSTK := $(BUILD)/bench/stack
$(XK_BSTK)/kecho: bench/stack/kecho.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $<
$(XK_BSTK)/rtt: bench/stack/rtt.c $(BUILD)/lib/libxdpkit.a stack/include/xdpkit/stack.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I loader/include -I stack/include -o $@ $< \
		$(BUILD)/lib/libxdpkit.a $(LDLIBS_BPF)
$(XK_BSTK)/flood: bench/stack/flood.c $(wildcard headers/xdpkit/*.h) \
		$(BUILD)/lib/libxdpkit.a progs/gen/include/xdpkit/gen.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $< $(BUILD)/lib/libxdpkit.a $(LDLIBS_BPF)
ALL_TARGETS += $(XK_BSTK)/kecho $(XK_BSTK)/rtt $(XK_BSTK)/flood \
	$(XK_BSTK)/flood.bpf.o
BPF_OBJS += $(XK_BSTK)/flood.bpf.o

$(XK_BSTK)/tcpb: bench/stack/tcpb.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $<
ALL_TARGETS += $(XK_BSTK)/tcpb

# TCP: xdpctl stack tcp-echo/tcp-sink against kernel TCP (bench/stack/tcpb.c)
.PHONY: bench-stack-tcp
bench-stack-tcp: $(XK_BSTK)/tcpb $(BUILD)/xdpctl
	@sh bench/stack/tcp_run.sh
BENCH_TARGETS += bench-stack-tcp

.PHONY: bench-stack
bench-stack: bench/stack/report.py $(XK_BSTK)/kecho $(XK_BSTK)/rtt $(XK_BSTK)/flood \
		$(XK_BSTK)/flood.bpf.o $(BUILD)/xdpctl $(BUILD)/progs/pass/pass.bpf.o \
		$(BUILD)/bench/rewrite/swap.bpf.o
	@sh bench/stack/run.sh
BENCH_TARGETS += bench-stack
