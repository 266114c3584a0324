# selftests/stack/: the AF_XDP stack. test-stack-steer runs progs/xsk_steer
# under BPF_PROG_TEST_RUN; the other suites run `xdpctl stack` in network
# namespaces they create against kernel UDP/TCP peers.
XK_STK_DIR := $(BUILD)/selftests/stack
XK_STK_STEER := $(XK_STK_DIR)/test_steer
XK_STK_FLOOD := $(XK_STK_DIR)/udp_flood
XK_STK_PKTS := $(XK_STK_DIR)/steer_packets.txt

$(XK_STK_STEER): selftests/stack/test_steer.c progs/xsk_steer/include/xdpkit/xsk_steer.h $(BUILD)/lib/libxdpkit.a
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I loader/include -o $@ $< \
		$(BUILD)/lib/libxdpkit.a $(LDLIBS_BPF)

XK_STK_FLOW := $(XK_STK_DIR)/flow_client
$(XK_STK_FLOW): selftests/stack/flow_client.c $(BUILD)/lib/libxdpkit.a \
		stack/include/xdpkit/stack.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I loader/include -I stack/include -o $@ $< \
		$(BUILD)/lib/libxdpkit.a $(LDLIBS_BPF)

$(XK_STK_FLOOD): selftests/stack/udp_flood.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $<

$(XK_STK_PKTS): selftests/stack/gen_steer.py
	@mkdir -p $(@D)
	$(PYTHON) $< > $@.tmp && mv $@.tmp $@

XK_STK_TCPC := $(XK_STK_DIR)/tcp_client
$(XK_STK_TCPC): selftests/stack/tcp_client.c $(BUILD)/lib/libxdpkit.a \
		stack/include/xdpkit/stack.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I loader/include -I stack/include -o $@ $< \
		$(BUILD)/lib/libxdpkit.a $(LDLIBS_BPF)

XK_STK_VLAN := $(BUILD)/selftests/stack/vlan_peer.bpf.o
XK_STK_LOSS := $(BUILD)/selftests/stack/loss_peer.bpf.o
ALL_TARGETS += $(XK_STK_STEER) $(XK_STK_FLOOD) $(XK_STK_VLAN) $(XK_STK_FLOW) \
	$(XK_STK_TCPC) $(XK_STK_LOSS)
BPF_OBJS += $(XK_STK_VLAN) $(XK_STK_LOSS)

.PHONY: test-stack-steer test-stack-echo test-stack-robust test-stack-flood \
	test-stack-flow test-stack-local test-stack-tcp
test-stack-steer: $(XK_STK_STEER) $(XK_STK_PKTS) $(BUILD)/progs/xsk_steer/xsk_steer.bpf.o
	@echo "progs/xsk_steer under BPF_PROG_TEST_RUN"
	@$(XK_STK_STEER) $(BUILD)/progs/xsk_steer/xsk_steer.bpf.o $(XK_STK_PKTS)

test-stack-echo test-stack-robust test-stack-flood test-stack-flow test-stack-local \
test-stack-tcp: \
		test-stack-%: $(BUILD)/xdpctl $(XK_STK_FLOOD) $(XK_STK_VLAN) \
		$(XK_STK_FLOW) $(XK_STK_TCPC) $(XK_STK_LOSS) $(XK_EX_TCP_SERVER)
	@sh selftests/stack/test_$*.sh

TEST_TARGETS += test-stack-steer test-stack-echo test-stack-robust \
	test-stack-flood test-stack-flow test-stack-local test-stack-tcp

# The TCP suite again with xdpctl and tcp_client under ASan, LeakSanitizer
# and UBSan (the host build of the whole TCP path: ours and lwIP's calls)
XK_STK_TCPC_ASAN := $(BUILD)/asan/selftests/stack/tcp_client
$(XK_STK_TCPC_ASAN): selftests/stack/tcp_client.c $(BUILD)/asan/xdpctl
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(XK_ASAN_CFLAGS) -I loader/include \
		-I stack/include -o $@ $< $(BUILD)/asan/lib/libxdpkit.a \
		$(LDLIBS_BPF)
.PHONY: test-stack-tcp-asan
test-stack-tcp-asan: $(BUILD)/asan/xdpctl $(XK_STK_TCPC_ASAN) $(XK_STK_FLOOD) \
		$(XK_STK_VLAN) $(XK_STK_LOSS) $(XK_EX_TCP_SERVER)
	@SUITE=stack-tcp-asan TCP_BIG=16777216 \
	 XDPCTL=$(abspath $(BUILD)/asan/xdpctl) \
	 TCPC=$(abspath $(XK_STK_TCPC_ASAN)) \
	 ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99 \
		sh selftests/stack/test_tcp.sh
TEST_TARGETS += test-stack-tcp-asan
