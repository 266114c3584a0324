# examples/ipip_decap: built with the flags users are told to use
# (XK_USER_BPF_CFLAGS, examples/build.mk), tested by selftests/rewrite.
XK_EX_IPIP_DECAP_OBJ := $(BUILD)/examples/ipip_decap/ipip_decap.bpf.o

$(XK_EX_IPIP_DECAP_OBJ): examples/ipip_decap/ipip_decap.bpf.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CLANG) -O2 -g -target bpf -Wall -Werror -I headers \
		-I /usr/include/$(MULTIARCH) -c $< -o $@

ALL_TARGETS += $(XK_EX_IPIP_DECAP_OBJ)
BPF_OBJS += $(XK_EX_IPIP_DECAP_OBJ)
