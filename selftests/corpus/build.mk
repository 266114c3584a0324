# selftests/corpus/: the tcpdump test corpus (read-only, never copied into
# the project) through every host parser under ASan + UBSan and through the
# summary programs under BPF_PROG_TEST_RUN (test-corpus), and against
# tshark's dissection of the same packets (test-agreement).
XK_CORPUS ?= $(CURDIR)/../shared/corpus/tcpdump-tests
XK_CORPUS_OUT := $(BUILD)/selftests/corpus
# Named here, not through SELFTEST_PROGS: that fragment may be read later.
XK_SUMMARY_OBJ := $(BUILD)/selftests/progs/summary.bpf.o

# Host parsers are checked with every sanitizer, alignment included:
# packet headers sit where the wire puts them (IPv4 after a 14-byte
# Ethernet header is 2 mod 4, VXLAN's inner headers likewise), and the
# headers' wire types (compat.h) are alignment 1 in host builds.
XK_SAN_CFLAGS := -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
XK_CORPUS_HDRS := $(wildcard headers/xdpkit/*.h selftests/corpus/*.h \
	selftests/fuzz/exercise.h)

XK_ROBUST := $(XK_CORPUS_OUT)/robust
XK_ROBUST_SRCS := selftests/corpus/robust.c selftests/corpus/pcap_walk.c \
	selftests/corpus/bpf_summary.c selftests/corpus/summary_fmt.c \
	selftests/fuzz/exercise.c

$(XK_ROBUST): $(XK_ROBUST_SRCS) $(XK_CORPUS_HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(HOST_CFLAGS) $(XK_SAN_CFLAGS) -o $@ $(XK_ROBUST_SRCS) \
		-lpcap $(LDLIBS_BPF)

ALL_TARGETS += $(XK_ROBUST)

.PHONY: test-corpus
test-corpus: $(XK_ROBUST) $(XK_SUMMARY_OBJ)
	@echo "corpus robustness: $(XK_CORPUS)"
	@$(XK_ROBUST) $(XK_CORPUS) $(XK_SUMMARY_OBJ)
TEST_TARGETS += test-corpus

# Agreement with tshark: our summaries and tshark's dissection of the same
# packets, compared by agreement.py (classes of disagreement: classes.py,
# the figure and the table: AGREEMENT.md). The threshold is explained there.
XK_CORPUS_DUMP := $(XK_CORPUS_OUT)/corpus_dump
XK_AGREEMENT_MIN ?= 97.5

$(XK_CORPUS_DUMP): selftests/corpus/corpus_dump.c selftests/corpus/pcap_walk.c \
		selftests/corpus/pcap_out.c $(XK_CORPUS_HDRS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ selftests/corpus/corpus_dump.c \
		selftests/corpus/pcap_walk.c selftests/corpus/pcap_out.c -lpcap

ALL_TARGETS += $(XK_CORPUS_DUMP)

.PHONY: test-agreement
test-agreement: $(XK_CORPUS_DUMP)
	@echo "agreement with tshark: $(XK_CORPUS)"
	@$(PYTHON) -B selftests/corpus/agreement.py --dump $(XK_CORPUS_DUMP) \
		--corpus $(XK_CORPUS) --min-agreement $(XK_AGREEMENT_MIN)
TEST_TARGETS += test-agreement
