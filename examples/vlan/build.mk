# examples/vlan: built with the flags users are told to use
# (XK_USER_BPF_CFLAGS, examples/build.mk), tested by selftests/rewrite.
XK_EX_VLAN_OBJ := $(BUILD)/examples/vlan/vlan.bpf.o

$(XK_EX_VLAN_OBJ): examples/vlan/vlan.bpf.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CLANG) -O2 -g -target bpf -Wall -Werror -I headers \
		-I /usr/include/$(MULTIARCH) -c $< -o $@

ALL_TARGETS += $(XK_EX_VLAN_OBJ)
BPF_OBJS += $(XK_EX_VLAN_OBJ)
