# selftests/cli/: xdpctl end to end, in namespaces the suites create.
XK_CLI_SUITES := attach interop badinput crash concurrency
XK_CLI_DEPS := $(XDPCTL) $(XK_BPF_OBJS) $(XK_TPROGS)

.PHONY: $(XK_CLI_SUITES:%=test-xdpctl-%)
$(XK_CLI_SUITES:%=test-xdpctl-%): test-xdpctl-%: $(XK_CLI_DEPS)
	@sh selftests/cli/test_$*.sh

TEST_TARGETS += $(XK_CLI_SUITES:%=test-xdpctl-%)
