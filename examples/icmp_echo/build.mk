# examples/icmp_echo: built with the flags users are told to use
# (XK_USER_BPF_CFLAGS, examples/build.mk), tested by selftests/rewrite.
XK_EX_ICMP_ECHO_OBJ := $(BUILD)/examples/icmp_echo/icmp_echo.bpf.o

$(XK_EX_ICMP_ECHO_OBJ): examples/icmp_echo/icmp_echo.bpf.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CLANG) -O2 -g -target bpf -Wall -Werror -I headers \
		-I /usr/include/$(MULTIARCH) -c $< -o $@

ALL_TARGETS += $(XK_EX_ICMP_ECHO_OBJ)
BPF_OBJS += $(XK_EX_ICMP_ECHO_OBJ)
