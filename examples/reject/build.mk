# examples/reject: built with the flags users are told to use, verified,
# and tested by test_reject.sh (TEST_RUN of XDP and TC against scapy, then
# a kernel peer in a namespace).
XK_EX_RJ_OBJ := $(BUILD)/examples/reject/reject.bpf.o
$(XK_EX_RJ_OBJ): examples/reject/reject.bpf.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CLANG) $(XK_USER_BPF_CFLAGS) -c $< -o $@
# the same builders on userspace buffers, under ASan and UBSan
XK_EX_RJ_BUF := $(BUILD)/examples/reject/reply_buf
$(XK_EX_RJ_BUF): examples/reject/test/reply_buf.c $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CLANG) $(HOST_CFLAGS) -O1 -fsanitize=address,undefined \
		-fno-sanitize-recover=all -o $@ $<
ALL_TARGETS += $(XK_EX_RJ_OBJ) $(XK_EX_RJ_BUF)
BPF_OBJS += $(XK_EX_RJ_OBJ)

.PHONY: test-example-reject
test-example-reject: $(XK_EX_RJ_OBJ) $(XK_EX_RJ_BUF) $(BUILD)/xdpctl $(BUILD)/progs/pass/pass.bpf.o
	@REJECT_OBJ=$(abspath $(XK_EX_RJ_OBJ)) \
		REPLY_BUF=$(abspath $(XK_EX_RJ_BUF)) sh examples/reject/test_reject.sh
TEST_TARGETS += test-example-reject
