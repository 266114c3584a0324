# selftests/fuzz/: libFuzzer harness over the host parsers (fuzz_parse.c,
# invariants in exercise.c), seeded at build time from the Ethernet packets
# of the tcpdump test corpus (under build/, never committed).
#   make fuzz [FUZZ_SECONDS=60]     make test runs test-fuzz: 60 s
XK_CORPUS ?= $(CURDIR)/../shared/corpus/tcpdump-tests
FUZZ_SECONDS ?= 60
XK_FUZZ_OUT := $(BUILD)/selftests/fuzz
XK_FUZZ := $(XK_FUZZ_OUT)/fuzz_parse
XK_FUZZ_SEEDER := $(XK_FUZZ_OUT)/make_seeds
XK_FUZZ_SEEDS := $(XK_FUZZ_OUT)/seeds

# Alignment is left out as in selftests/corpus/build.mk (headers read
# packet headers where the wire puts them).
$(XK_FUZZ): selftests/fuzz/fuzz_parse.c selftests/fuzz/exercise.c \
		selftests/fuzz/exercise.h $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CLANG) $(HOST_CFLAGS) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize=alignment -fno-sanitize-recover=all \
		-o $@ selftests/fuzz/fuzz_parse.c selftests/fuzz/exercise.c

$(XK_FUZZ_SEEDER): selftests/fuzz/make_seeds.c selftests/corpus/pcap_walk.c \
		selftests/corpus/pcap_walk.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ selftests/fuzz/make_seeds.c \
		selftests/corpus/pcap_walk.c -lpcap

$(XK_FUZZ_SEEDS)/.done: $(XK_FUZZ_SEEDER)
	@rm -rf $(XK_FUZZ_SEEDS) && mkdir -p $(XK_FUZZ_SEEDS)
	@$(XK_FUZZ_SEEDER) $(XK_CORPUS) $(XK_FUZZ_SEEDS)
	@touch $@

ALL_TARGETS += $(XK_FUZZ) $(XK_FUZZ_SEEDER)

.PHONY: fuzz test-fuzz
fuzz: $(XK_FUZZ) $(XK_FUZZ_SEEDS)/.done
	@selftests/fuzz/run.sh $(XK_FUZZ) $(FUZZ_SECONDS) $(XK_FUZZ_OUT) \
		$(XK_FUZZ_SEEDS)

test-fuzz: $(XK_FUZZ) $(XK_FUZZ_SEEDS)/.done
	@selftests/fuzz/run.sh $(XK_FUZZ) 60 $(XK_FUZZ_OUT) $(XK_FUZZ_SEEDS)
TEST_TARGETS += test-fuzz
