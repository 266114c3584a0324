# examples/arp_responder: built with the flags users are told to use,
# verified, and tested by test_arp_responder.sh (TEST_RUN against scapy,
# then a kernel peer in a namespace).
XK_EX_ARP_OBJ := $(BUILD)/examples/arp_responder/arp_responder.bpf.o
$(XK_EX_ARP_OBJ): examples/arp_responder/arp_responder.bpf.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CLANG) $(XK_USER_BPF_CFLAGS) -c $< -o $@
ALL_TARGETS += $(XK_EX_ARP_OBJ)
BPF_OBJS += $(XK_EX_ARP_OBJ)

.PHONY: test-example-arp
test-example-arp: $(XK_EX_ARP_OBJ) $(BUILD)/xdpctl $(BUILD)/progs/pass/pass.bpf.o
	@ARP_OBJ=$(abspath $(XK_EX_ARP_OBJ)) sh examples/arp_responder/test_arp_responder.sh
TEST_TARGETS += test-example-arp
