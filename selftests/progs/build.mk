# Shared BPF test programs (used by several suites).
SELFTEST_PROGS := $(BUILD)/selftests/progs/summary.bpf.o
ALL_TARGETS += $(SELFTEST_PROGS)
BPF_OBJS += $(SELFTEST_PROGS)
