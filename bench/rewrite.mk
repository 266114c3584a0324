# bench/rewrite: xdpkit's rewrites (port + checksum, IPv4 DNAT, VLAN pop,
# IPIP decap) against an empty XDP program, the equal-work baselines
# (equal.bpf.c, first proven to do the same by equal_check) and the
# tutorial-style ones under BPF_PROG_TEST_RUN (`make bench-rewrite`; a
# benchmark, not a test); then pathlen.py counts the instructions each
# executes.
# BENCH_REPEAT (1000000) and BENCH_RUNS (15) tune it.
XK_BR_DIR  := $(BUILD)/bench/rewrite
XK_BR_OBJS := $(addprefix $(XK_BR_DIR)/,empty.bpf.o hand.bpf.o xk.bpf.o equal.bpf.o)

$(XK_BR_DIR)/equal.bpf.o: bench/parse/equal.h
$(XK_BR_DIR)/equal.bpf.o $(XK_BR_DIR)/hand.bpf.o: bench/rewrite/by_hand.h
XK_BR_BIN  := $(XK_BR_DIR)/bench_rewrite
XK_BR_PKTS := $(XK_BR_DIR)/packets.txt

$(XK_BR_BIN): bench/rewrite/bench_rewrite.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $< $(LDLIBS_BPF)

$(XK_BR_PKTS): bench/rewrite/gen_packets.py
	@mkdir -p $(@D)
	$(PYTHON) $< > $@.tmp && mv $@.tmp $@

ALL_TARGETS += $(XK_BR_OBJS) $(XK_BR_BIN)
BPF_OBJS += $(XK_BR_OBJS)

.PHONY: bench-rewrite
bench-rewrite: $(XK_BR_OBJS) $(XK_BR_BIN) $(XK_BR_PKTS) $(XK_EQCHECK) \
		bench/pathlen.py
	@$(XK_EQCHECK) $(XK_BR_DIR) $(XK_BR_PKTS) \
		$(XK_CORPUS) \
		xk.bpf.o equal.bpf.o xk_port:equal_port xk_dnat:equal_dnat \
		xk_vlan:equal_vlan xk_ipip:equal_ipip
	@taskset -c 1 $(XK_BR_BIN) $(XK_BR_DIR) $(XK_BR_PKTS)
	@echo
	@$(PYTHON) bench/pathlen.py --rewrite $(XK_BR_DIR) $(XK_BR_PKTS)
BENCH_TARGETS += bench-rewrite

# XDP_TX swap over veth (bench/rewrite/swap_veth.sh): xk_l4_swap against
# the same by hand, as reflectors behind a veth, fed by xdpctl gen
$(XK_BR_DIR)/swap.bpf.o: bench/rewrite/swap.bpf.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CLANG) $(BPF_CFLAGS) -c $< -o $@
ALL_TARGETS += $(XK_BR_DIR)/swap.bpf.o
BPF_OBJS += $(XK_BR_DIR)/swap.bpf.o

.PHONY: bench-swap
bench-swap: $(XK_BR_DIR)/swap.bpf.o $(BUILD)/xdpctl $(BUILD)/bench/stack/flood.bpf.o
	@sh bench/rewrite/swap_veth.sh
BENCH_TARGETS += bench-swap
