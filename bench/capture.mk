# bench/capture: the cost of xdpctl capture's hook in <xdpkit/prog.h>'s
# entry points, idle (goal: at most 1 ns) and capturing, under
# BPF_PROG_TEST_RUN: progs/pass as shipped against the same built with
# -DXK_NO_CAPTURE.
XK_BCAP := $(BUILD)/bench/capture
$(XK_BCAP)/pass_nocap.bpf.o: progs/pass/pass.bpf.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CLANG) $(BPF_CFLAGS) -DXK_NO_CAPTURE -I progs/pass/ -c $< -o $@
$(XK_BCAP)/hook_bench: bench/capture/hook_bench.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $< $(LDLIBS_BPF)
ALL_TARGETS += $(XK_BCAP)/hook_bench $(XK_BCAP)/pass_nocap.bpf.o

.PHONY: bench-capture
bench-capture: $(XK_BCAP)/hook_bench $(XK_BCAP)/pass_nocap.bpf.o \
		$(BUILD)/progs/pass/pass.bpf.o
	@echo "bench-capture: progs/pass under BPF_PROG_TEST_RUN (XDP, 64-byte UDP), with and without the capture hook, CPU 0"
	@taskset -c 0 $(XK_BCAP)/hook_bench $(BUILD)/progs/pass/pass.bpf.o \
		$(XK_BCAP)/pass_nocap.bpf.o 61 | $(PYTHON) -c 'import json,sys; \
	d = json.load(sys.stdin); \
	print("  pass with the hook, idle: %.2f ns/packet, mean of %d rounds (median %.0f, min %.0f, max %.0f)" % (d["with_hook_ns"], d["rounds"], d["with_median"], *d["with_min_max"])); \
	print("  pass without the hook:    %.2f ns/packet, mean of %d rounds (median %.0f, min %.0f, max %.0f)" % (d["without_hook_ns"], d["rounds"], d["without_median"], *d["without_min_max"])); \
	print("  idle hook: %+.2f ns/packet (goal <= 1 ns: %s)" % (d["idle_cost_ns"], "met" if d["idle_cost_ns"] <= 1 else "NOT met")); \
	print("  capturing (two records per packet to a perf buffer): %.1f ns/packet, %d records read" % (d["capturing_ns"], d["samples_read"])); \
	sys.path.insert(0, "bench"); import result; \
	result.record("capture idle hook (ns, budget 1)", d["idle_cost_ns"], 1.0, "<=", 1.0, "ns")'
BENCH_TARGETS += bench-capture
