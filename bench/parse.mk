# bench/parse: xdpkit's parsers against an empty XDP program, the
# equal-work baseline (equal.bpf.c, first proven to agree with xk_parse_l4
# on the benchmark's packets, their mutations and the tcpdump corpus) and
# the tutorial-style parsers, under BPF_PROG_TEST_RUN (`make bench-parse`;
# a benchmark, not a test). BENCH_REPEAT (1000000) and BENCH_RUNS (15) tune
# it.
# pathlen.py then counts the BPF instructions each program executes per
# packet: deterministic, so it still compares when the machine is busy.
XK_BP_DIR  := $(BUILD)/bench/parse
XK_BP_OBJS := $(addprefix $(XK_BP_DIR)/,empty.bpf.o hand.bpf.o xk.bpf.o equal.bpf.o)
XK_BP_BIN  := $(XK_BP_DIR)/bench_parse
XK_BP_PKTS := $(XK_BP_DIR)/packets.txt

$(XK_BP_OBJS): bench/parse/result.h bench/parse/equal.h

$(XK_BP_BIN): bench/parse/bench_parse.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $< $(LDLIBS_BPF)

$(XK_BP_PKTS): bench/parse/gen_packets.py
	@mkdir -p $(@D)
	$(PYTHON) $< > $@.tmp && mv $@.tmp $@

# equal_check: an equal-work baseline does what its xdpkit twin does on
# every packet (bench-parse, bench-rewrite)
XK_EQCHECK := $(BUILD)/bench/equal_check
$(XK_EQCHECK): bench/equal_check.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $< $(LDLIBS_BPF) -lpcap

ALL_TARGETS += $(XK_BP_OBJS) $(XK_BP_BIN) $(XK_EQCHECK)
BPF_OBJS += $(XK_BP_OBJS)

.PHONY: bench-parse
bench-parse: $(XK_BP_OBJS) $(XK_BP_BIN) $(XK_BP_PKTS) bench/pathlen.py \
		$(XK_EQCHECK)
	@$(XK_EQCHECK) $(XK_BP_DIR) $(XK_BP_PKTS) \
		$(XK_CORPUS) \
		xk.bpf.o equal.bpf.o bench_xk_l4:bench_equal_l4
	@taskset -c 1 $(XK_BP_BIN) $(XK_BP_DIR) $(XK_BP_PKTS)
	@echo
	@$(PYTHON) bench/pathlen.py $(XK_BP_DIR) $(XK_BP_PKTS)
BENCH_TARGETS += bench-parse
