# bench/maps: `make bench-maps` (a benchmark, not a test). progs/filter against
# the empty program per rule count, its drop pps against a hand-written
# XDP_DROP under the same live-frames traffic, and `xdpctl map dump` of a
# 100000-entry hash against bpftool. BENCH_REPEAT, BENCH_RUNS, BENCH_PACKETS,
# BENCH_ROUNDS tune it.
XK_BM_DIR  := $(BUILD)/bench/maps
XK_BM_OBJS := $(addprefix $(XK_BM_DIR)/,empty.bpf.o drop.bpf.o gen.bpf.o dump.bpf.o)
XK_BM_BIN  := $(XK_BM_DIR)/bench_maps

$(XK_BM_BIN): bench/maps/bench_maps.c selftests/maps/pkt.h $(BUILD)/lib/libxdpkit.a
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I loader/include -I selftests/maps -o $@ $< \
		$(BUILD)/lib/libxdpkit.a $(LDLIBS_BPF)

ALL_TARGETS += $(XK_BM_OBJS) $(XK_BM_BIN)
BPF_OBJS += $(XK_BM_OBJS)

.PHONY: bench-maps
bench-maps: $(XK_BM_OBJS) $(XK_BM_BIN) $(BUILD)/xdpctl $(BUILD)/progs/filter/filter.bpf.o
	@sh bench/maps/run.sh
BENCH_TARGETS += bench-maps
