# selftests/fuzz/: libFuzzer harnesses (ASan + UBSan) over every input path
# of the toolkit, each checking invariants of its own (see each file):
#   parse    the host parsers (exercise.c)            packets of the corpus
#   rewrite  rewrites, encap, decap + own checksums    packets of the corpus
#   stack    the stack's receive check and reply build packets of the corpus
#   filter   filter rule grammar and planner           rule text
#   btf      BTF formatter and field parser, random BTF from scratch
#   lpm      prefix and LPM key parsing                prefix text
#   nl       rtnetlink reply parsers                   real replies (netns)
#   args     xdpctl command and argument parsing       command lines
#   build    the packet builder (compose.h)            layer descriptions
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZERS="parse nl"]   (make -j2 fuzz: two at once)
#   make test runs test-fuzz: FUZZ_TEST_SECONDS (10) of each
XK_CORPUS ?= $(CURDIR)/../shared/corpus/tcpdump-tests
FUZZ_SECONDS ?= 60
FUZZ_TEST_SECONDS ?= 10
XK_FUZZERS := parse rewrite stack filter btf lpm nl args build
FUZZERS ?= $(XK_FUZZERS)
XK_FUZZ_OUT := $(BUILD)/selftests/fuzz
XK_FUZZ_SEEDER := $(XK_FUZZ_OUT)/make_seeds
XK_FUZZ_SEEDS := $(XK_FUZZ_OUT)/seeds
XK_FUZZ_NLSEEDER := $(XK_FUZZ_OUT)/nl_seeds
XK_FUZZ_NLSEEDS := $(XK_FUZZ_OUT)/nl_seeds.d

XK_FUZZ_CFLAGS := $(HOST_CFLAGS) -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -I loader/include -I stack/include
# Packet headers are read where the wire puts them, through the headers'
# wire types: the full UBSan set applies (see the corpus suite).
XK_FUZZ_PKT :=
XK_FUZZ_LIBS := $(BUILD)/lib/libxdpkit.a $(LDLIBS_BPF)
XK_FUZZ_HDRS := $(wildcard headers/xdpkit/*.h)

$(XK_FUZZ_OUT)/fuzz_parse: selftests/fuzz/fuzz_parse.c selftests/fuzz/exercise.c \
		selftests/fuzz/exercise.h $(XK_FUZZ_HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(XK_FUZZ_CFLAGS) $(XK_FUZZ_PKT) -o $@ $(filter %.c,$^)
$(XK_FUZZ_OUT)/fuzz_rewrite: selftests/fuzz/fuzz_rewrite.c $(XK_FUZZ_HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(XK_FUZZ_CFLAGS) $(XK_FUZZ_PKT) -o $@ $<
$(XK_FUZZ_OUT)/fuzz_build: selftests/fuzz/fuzz_build.c $(XK_FUZZ_HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(XK_FUZZ_CFLAGS) -o $@ $<
$(XK_FUZZ_OUT)/fuzz_stack: selftests/fuzz/fuzz_stack.c stack/frame.c \
		stack/internal.h $(XK_FUZZ_HDRS)
	@mkdir -p $(@D)
	$(CLANG) $(XK_FUZZ_CFLAGS) $(XK_FUZZ_PKT) -o $@ $(filter %.c,$^)
# Harnesses that include the file they test (its static functions) and
# take the rest of libxdpkit from the library.
$(XK_FUZZ_OUT)/fuzz_filter: selftests/fuzz/fuzz_filter.c progs/filter/filter.c \
		$(BUILD)/lib/libxdpkit.a
	@mkdir -p $(@D)
	$(CLANG) $(XK_FUZZ_CFLAGS) -o $@ $< $(XK_FUZZ_LIBS)
$(XK_FUZZ_OUT)/fuzz_btf: selftests/fuzz/fuzz_btf.c maps/fmt.c maps/btf.c \
		$(BUILD)/lib/libxdpkit.a
	@mkdir -p $(@D)
	$(CLANG) $(XK_FUZZ_CFLAGS) -o $@ $< maps/fmt.c maps/btf.c $(XK_FUZZ_LIBS)
$(XK_FUZZ_OUT)/fuzz_lpm: selftests/fuzz/fuzz_lpm.c maps/lpm.c $(BUILD)/lib/libxdpkit.a
	@mkdir -p $(@D)
	$(CLANG) $(XK_FUZZ_CFLAGS) -o $@ $< maps/lpm.c $(XK_FUZZ_LIBS)
$(XK_FUZZ_OUT)/fuzz_nl: selftests/fuzz/fuzz_nl.c loader/nl.c stack/locals.c \
		stack/neigh.c $(BUILD)/lib/libxdpkit.a
	@mkdir -p $(@D)
	$(CLANG) $(XK_FUZZ_CFLAGS) -o $@ $< $(XK_FUZZ_LIBS)
$(XK_FUZZ_OUT)/fuzz_args: selftests/fuzz/fuzz_args.c $(filter-out cli/main.c,$(wildcard cli/*.c)) \
		cli/main.c cli/xdpctl.h $(BUILD)/lib/libxdpkit.a $(XK_BPF_SKELS)
	@mkdir -p $(@D)
	$(CLANG) $(XK_FUZZ_CFLAGS) $(XK_SKEL_INC) -I cli -o $@ $< \
		$(filter-out cli/main.c,$(wildcard cli/*.c)) $(XK_FUZZ_LIBS) -lpcap

$(XK_FUZZ_SEEDER): selftests/fuzz/make_seeds.c selftests/corpus/pcap_walk.c \
		selftests/corpus/pcap_walk.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ selftests/fuzz/make_seeds.c \
		selftests/corpus/pcap_walk.c -lpcap
$(XK_FUZZ_SEEDS)/.done: $(XK_FUZZ_SEEDER)
	@rm -rf $(XK_FUZZ_SEEDS) && mkdir -p $(XK_FUZZ_SEEDS)
	@$(XK_FUZZ_SEEDER) $(XK_CORPUS) $(XK_FUZZ_SEEDS)
	@touch $@
$(XK_FUZZ_NLSEEDER): selftests/fuzz/nl_seeds.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $<
# Real replies of a namespace of our own: a veth with addresses, a route,
# a neighbour, a clsact qdisc (nothing of the host's).
$(XK_FUZZ_NLSEEDS)/.done: $(XK_FUZZ_NLSEEDER)
	@rm -rf $(XK_FUZZ_NLSEEDS) && mkdir -p $(XK_FUZZ_NLSEEDS)
	@unshare --net sh -c 'ip link set lo up && \
		ip link add xkseed0 type veth peer name xkseed1 && \
		ip addr add 10.9.0.1/24 dev xkseed0 && \
		ip addr add fd09::1/64 dev xkseed0 nodad && \
		ip link set xkseed0 up && ip link set xkseed1 up && \
		ip route add 10.10.0.0/16 via 10.9.0.2 && \
		ip neigh add 10.9.0.2 lladdr 02:00:00:00:09:02 dev xkseed0 && \
		tc qdisc add dev xkseed0 clsact && \
		$(XK_FUZZ_NLSEEDER) $(XK_FUZZ_NLSEEDS)' >/dev/null
	@touch $@

XK_FUZZ_BINS := $(XK_FUZZERS:%=$(XK_FUZZ_OUT)/fuzz_%)
ALL_TARGETS += $(XK_FUZZ_BINS) $(XK_FUZZ_SEEDER) $(XK_FUZZ_NLSEEDER)

# Seed directories per harness.
XK_SEEDS_parse := $(XK_FUZZ_SEEDS)
XK_SEEDS_rewrite := $(XK_FUZZ_SEEDS)
XK_SEEDS_stack := $(XK_FUZZ_SEEDS)
XK_SEEDS_filter := selftests/fuzz/seeds/filter
XK_SEEDS_btf :=
XK_SEEDS_lpm := selftests/fuzz/seeds/lpm
XK_SEEDS_nl := $(XK_FUZZ_NLSEEDS)
XK_SEEDS_args := selftests/fuzz/seeds/args
XK_SEEDS_build :=
XK_FUZZ_SEEDS_DONE := $(XK_FUZZ_SEEDS)/.done $(XK_FUZZ_NLSEEDS)/.done

.PHONY: fuzz test-fuzz $(XK_FUZZERS:%=fuzz-%) $(XK_FUZZERS:%=test-fuzz-%)
fuzz: $(FUZZERS:%=fuzz-%)
$(XK_FUZZERS:%=fuzz-%): fuzz-%: $(XK_FUZZ_OUT)/fuzz_% $(XK_FUZZ_SEEDS_DONE)
	@selftests/fuzz/run.sh $* $(XK_FUZZ_OUT)/fuzz_$* $(FUZZ_SECONDS) \
		$(XK_FUZZ_OUT)/$* $(XK_SEEDS_$*)

test-fuzz: $(XK_FUZZERS:%=test-fuzz-%)
$(XK_FUZZERS:%=test-fuzz-%): test-fuzz-%: $(XK_FUZZ_OUT)/fuzz_% $(XK_FUZZ_SEEDS_DONE)
	@selftests/fuzz/run.sh $* $(XK_FUZZ_OUT)/fuzz_$* $(FUZZ_TEST_SECONDS) \
		$(XK_FUZZ_OUT)/$* $(XK_SEEDS_$*)
TEST_TARGETS += test-fuzz
