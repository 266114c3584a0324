# bench/gen: xdpctl gen (live frames and AF_XDP) against a plain libbpf
# live-frames sender and a plain libxdp AF_XDP tx-only sender, same frame,
# same CPU, same receiver; and xk_build against a hand-made template fill.
XK_BGEN := $(BUILD)/bench/gen
$(XK_BGEN)/xsktx: bench/gen/xsktx.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $< -lxdp $(LDLIBS_BPF)
$(XK_BGEN)/build_bench: bench/gen/build_bench.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $<
$(XK_BGEN)/livetx: bench/gen/livetx.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $< $(LDLIBS_BPF)
$(XK_BGEN)/livetx.bpf.o: bench/gen/livetx.bpf.c
	@mkdir -p $(@D)
	$(CLANG) $(BPF_CFLAGS) -c $< -o $@
ALL_TARGETS += $(XK_BGEN)/xsktx $(XK_BGEN)/build_bench $(XK_BGEN)/livetx \
	$(XK_BGEN)/livetx.bpf.o
BPF_OBJS += $(XK_BGEN)/livetx.bpf.o

.PHONY: bench-gen
bench-gen: $(XK_BGEN)/xsktx $(XK_BGEN)/build_bench $(XK_BGEN)/livetx \
		$(XK_BGEN)/livetx.bpf.o $(BUILD)/xdpctl $(BUILD)/bench/stack/flood.bpf.o
	@sh bench/gen/run.sh
BENCH_TARGETS += bench-gen
