# selftests/cli/: xdpctl end to end, in namespaces the suites create.
XK_CLI_SUITES := attach interop badinput crash concurrency hardening docs \
	pinroot status features gen capture chain
# By path: selftests/loader/build.mk is included after this file.
XK_CLI_DEPS := $(BUILD)/xdpctl $(BUILD)/progs/pass/pass.bpf.o \
	$(patsubst selftests/loader/progs/%.bpf.c,$(BUILD)/selftests/loader/progs/%.bpf.o,\
	$(wildcard selftests/loader/progs/*.bpf.c))

# features: an independent checker and the objects it loads (not shipped,
# not in the verify matrix: fentry and freplace need a target at load)
XK_FEAT_DIR := $(BUILD)/selftests/cli/feat
$(XK_FEAT_DIR)/%.bpf.o: selftests/cli/feat/%.bpf.c
	@mkdir -p $(@D)
	$(CLANG) $(BPF_CFLAGS) -c $< -o $@
$(XK_FEAT_DIR)/featcheck: selftests/cli/feat/featcheck.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $< $(LDLIBS_BPF)
XK_FEAT := $(XK_FEAT_DIR)/featcheck $(XK_FEAT_DIR)/target.bpf.o \
	$(XK_FEAT_DIR)/kinds.bpf.o $(XK_FEAT_DIR)/meta.bpf.o
ALL_TARGETS += $(XK_FEAT)
test-xdpctl-features: $(XK_FEAT)

.PHONY: $(XK_CLI_SUITES:%=test-xdpctl-%)
$(XK_CLI_SUITES:%=test-xdpctl-%): test-xdpctl-%: $(XK_CLI_DEPS)
	@sh selftests/cli/test_$*.sh

# The crash suite kills xdpctl at named points (XDPKIT_CRASH_AT): those
# hooks exist only in this build of it, never in the one we ship.
.PHONY: $(BUILD)/fault/xdpctl
$(BUILD)/fault/xdpctl:
	@$(MAKE) --no-print-directory -s BUILD=$(BUILD)/fault \
		CFLAGS="$(CFLAGS) -DXK_FAULT_INJECTION" $(BUILD)/fault/xdpctl
test-xdpctl-crash: $(BUILD)/fault/xdpctl
test-xdpctl-crash: export XDPCTL = $(abspath $(BUILD)/fault/xdpctl)

# capture refuses a program without its hook: an example built without
# <xdpkit/prog.h>'s entry points
test-xdpctl-capture: $(BUILD)/examples/arp_responder/arp_responder.bpf.o
# chain: a user example with the hook, and one without (last only)
test-xdpctl-chain: $(BUILD)/examples/arp_responder/arp_responder.bpf.o \
	$(BUILD)/examples/proto_count/proto_count.bpf.o
TEST_TARGETS += $(XK_CLI_SUITES:%=test-xdpctl-%)

# xdpctl under AddressSanitizer, LeakSanitizer and UBSan: its own build.
XK_ASAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
.PHONY: test-xdpctl-asan $(BUILD)/asan/xdpctl
$(BUILD)/asan/xdpctl:
	@$(MAKE) --no-print-directory -s BUILD=$(BUILD)/asan CFLAGS="$(XK_ASAN_CFLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" $(BUILD)/asan/xdpctl
test-xdpctl-asan: $(BUILD)/asan/xdpctl $(XK_CLI_DEPS)
	@XDPCTL_ASAN=$(abspath $(BUILD)/asan/xdpctl) sh selftests/cli/test_asan.sh
TEST_TARGETS += test-xdpctl-asan
