# examples/port_rewrite: built with the flags users are told to use
# (XK_USER_BPF_CFLAGS, examples/build.mk), tested by selftests/rewrite.
XK_EX_PORT_REWRITE_OBJ := $(BUILD)/examples/port_rewrite/port_rewrite.bpf.o

$(XK_EX_PORT_REWRITE_OBJ): examples/port_rewrite/port_rewrite.bpf.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CLANG) -O2 -g -target bpf -Wall -Werror -I headers \
		-I /usr/include/$(MULTIARCH) -c $< -o $@

ALL_TARGETS += $(XK_EX_PORT_REWRITE_OBJ)
BPF_OBJS += $(XK_EX_PORT_REWRITE_OBJ)
