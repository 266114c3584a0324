# xdpkit top-level Makefile.
#
#   make            build everything into build/
#   make deps       apt-get install every Debian package we need (when missing)
#   make test       deps + build + every test suite
#   make demo       deps + build + a throwaway netns/veth demo of xdpctl
#   make bench      benchmarks (not tests): ratios against baselines
#   make fuzz       libFuzzer over the host parsers (FUZZ_SECONDS, default 60)
#   make install    PREFIX=/usr/local DESTDIR=
#   make fmt        clang-format every C file we own
#
# Each directory contributes a fragment <dir>/build.mk that appends to
# ALL_TARGETS / TEST_TARGETS / BENCH_TARGETS and defines its own rules.

BUILD    ?= build
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= gcc
CLANG    ?= clang
LLVM_STRIP ?= llvm-strip
BPFTOOL  ?= bpftool
PYTHON   ?= /usr/bin/python3
MULTIARCH := $(shell $(CC) -dumpmachine 2>/dev/null)

# What a user compiling against headers/ should use too (see README).
XK_WARN  := -Wall -Wextra -Werror
# The BPF instruction set, explicit: clang's default moved from v1 to v3 in
# LLVM 20. Every object verifies at v1, v2 and v3 (make verify-matrix).
BPF_CPU  ?= v3
# The shipped programs' schemas and public headers (progs/NAME/include).
XK_PROGS_INC := $(patsubst %,-I %,$(wildcard progs/*/include))
BPF_CFLAGS := -O2 -g -target bpf -mcpu=$(BPF_CPU) $(XK_WARN) -Wno-unused-function \
	-I headers -I maps $(XK_PROGS_INC) -I /usr/include/$(MULTIARCH)
CFLAGS   ?= -O2 -g
HOST_CFLAGS := $(CFLAGS) -std=gnu11 $(XK_WARN) -Wno-unused-function -I headers -I maps \
	-I core/include $(XK_PROGS_INC)
# Where the skeletons of the shipped programs are generated.
XK_SKEL_INC = $(patsubst %,-I $(BUILD)/progs/%,$(XK_SHIPPED))
LDLIBS_BPF := $(shell pkg-config --libs libbpf 2>/dev/null || echo -lbpf -lelf -lz)
# stack/'s TCP runs on Debian's lwIP (liblwip-dev): every program that
# links libxdpkit links it (set here, before any fragment copies the list)
LDLIBS_BPF += -llwip

ALL_TARGETS :=
TEST_TARGETS :=
BENCH_TARGETS :=
INSTALL_TARGETS :=

.PHONY: all deps test demo bench fuzz install fmt fmt-check clean
all: real-all

# Every BPF object that must pass the verifier goes into BPF_OBJS; the
# verify-bpf suite loads each one into this kernel.
BPF_OBJS :=

# One rule for every BPF C file: foo/bar.bpf.c -> build/foo/bar.bpf.o
$(BUILD)/%.bpf.o: %.bpf.c $(wildcard headers/xdpkit/*.h maps/*.h maps/*/*.h progs/*/include/xdpkit/*.h)
	@mkdir -p $(dir $@)
	$(CLANG) $(BPF_CFLAGS) -I $(dir $<) -c $< -o $@

include $(sort $(wildcard */build.mk */*/build.mk bench/*.mk))

real-all: $(ALL_TARGETS)

# Every build target waits for this: a missing tool is named, with its
# package and 'make deps', before any compiler fails on it.
.PHONY: check-tools
check-tools:
	@scripts/check-tools.sh "$(CC)" "$(CLANG)" "$(BPFTOOL)" "$(PYTHON)"
$(ALL_TARGETS) $(BPF_OBJS): | check-tools

deps:
	@scripts/deps.sh

test: deps
	@$(MAKE) --no-print-directory all
	@scripts/run-tests.sh $(TEST_TARGETS)

# The demo needs xdpctl (with its embedded programs) only: a suite that
# does not build must not keep a new user from seeing the tool work.
demo: deps
	@$(MAKE) --no-print-directory $(BUILD)/xdpctl
	@scripts/demo.sh

# Every benchmark records its goals (bench/result.py); the table, its JSON
# and a plot come last (bench/report.py), goals not measured included.
bench: deps
	@$(MAKE) --no-print-directory all
	@rm -rf $(BUILD)/bench/results
	@XK_BENCH_RESULTS=$(abspath $(BUILD))/bench/results \
		$(MAKE) --no-print-directory -k $(BENCH_TARGETS); \
		$(PYTHON) bench/report.py $(BUILD)/bench/results

install: all $(INSTALL_TARGETS)

FMT_FILES = $(shell git ls-files '*.c' '*.h' 2>/dev/null)
fmt:
	clang-format -i $(FMT_FILES)
fmt-check:
	@clang-format --dry-run --Werror $(FMT_FILES)

clean:
	rm -rf $(BUILD)

$(BUILD)/.dir:
	@mkdir -p $(BUILD) && touch $@
