# selftests/cli/: xdpctl end to end, in namespaces the suites create.
XK_CLI_SUITES := attach interop badinput crash concurrency hardening
# By path: selftests/loader/build.mk is included after this file.
XK_CLI_DEPS := $(BUILD)/xdpctl $(BUILD)/bpf/pass.bpf.o \
	$(patsubst selftests/loader/progs/%.bpf.c,$(BUILD)/selftests/loader/progs/%.bpf.o,\
	$(wildcard selftests/loader/progs/*.bpf.c))

.PHONY: $(XK_CLI_SUITES:%=test-xdpctl-%)
$(XK_CLI_SUITES:%=test-xdpctl-%): test-xdpctl-%: $(XK_CLI_DEPS)
	@sh selftests/cli/test_$*.sh

TEST_TARGETS += $(XK_CLI_SUITES:%=test-xdpctl-%)
