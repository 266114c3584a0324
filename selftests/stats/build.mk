# selftests/stats/: progs/stats under BPF_PROG_TEST_RUN (criterion), and
# xdpctl stats/map end to end: per-CPU sums with senders on both CPUs,
# dumps of every shipped map against what was written and bpftool.
XK_ST_BIN := $(BUILD)/selftests/stats/test_stats_prog

$(XK_ST_BIN): selftests/stats/test_stats_prog.c selftests/maps/pkt.h \
		$(BUILD)/lib/libxdpkit.a
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I loader/include -I selftests/maps \
		-DSTATS_OBJ='"$(BUILD)/progs/stats/stats.bpf.o"' \
		-o $@ $< $(BUILD)/lib/libxdpkit.a -lcriterion $(LDLIBS_BPF)

ALL_TARGETS += $(XK_ST_BIN)

.PHONY: test-stats-prog test-stats
test-stats-prog: $(XK_ST_BIN) $(BUILD)/progs/stats/stats.bpf.o
	@echo "progs/stats under BPF_PROG_TEST_RUN (criterion)"
	@$(XK_ST_BIN) --jobs 1 && echo "stats-prog: PASS" || \
		{ echo "stats-prog: FAIL"; exit 1; }
test-stats: $(BUILD)/xdpctl $(BUILD)/progs/stats/stats.bpf.o
	@sh selftests/stats/test_stats.sh
TEST_TARGETS += test-stats-prog test-stats
