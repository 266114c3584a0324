# selftests/rewrite/: the checksum-keeping rewrites of headers/xdpkit
# (rewrite.h, encap.h) and the rewrite examples.
#   test-rewrite-bytes   exact bytes, XDP + TC (BPF_PROG_TEST_RUN) + host,
#                        against Scapy-built expected packets
#   test-rewrite-examples the rewrite examples, XDP and TC, on Scapy packets
#   test-rewrite-oracle  every output (both suites above) re-checked by Scapy and by tshark
#                        with checksum validation on
#   test-rewrite-netns   the kernel as the judge: real TCP/UDP/ping/VLAN/
#                        tunnel traffic between two network namespaces
XK_RW_DIR   := $(BUILD)/selftests/rewrite
XK_RW_OBJ   := $(XK_RW_DIR)/rewrite.bpf.o
XK_RW_NAT   := $(XK_RW_DIR)/nat.bpf.o
XK_RW_CASES := $(XK_RW_DIR)/cases.h
XK_RW_BYTES := $(XK_RW_DIR)/run_bytes
XK_RW_EXRUN := $(XK_RW_DIR)/run_examples
XK_RW_EXTXT := $(XK_RW_DIR)/examples.txt
XK_RW_EXOBJ := $(addprefix $(BUILD)/examples/,port_rewrite/port_rewrite.bpf.o \
	icmp_echo/icmp_echo.bpf.o vlan/vlan.bpf.o ipip_decap/ipip_decap.bpf.o)
XK_RW_HDRS  := selftests/rewrite/rw.h selftests/rewrite/apply.h \
	$(wildcard headers/xdpkit/*.h)

$(XK_RW_OBJ) $(XK_RW_NAT): $(XK_RW_HDRS)

$(XK_RW_CASES): selftests/rewrite/gen_cases.py
	@mkdir -p $(@D)
	$(PYTHON) $< $@.tmp && mv $@.tmp $@

$(XK_RW_BYTES): selftests/rewrite/run_bytes.c $(XK_RW_CASES) $(XK_RW_HDRS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I $(XK_RW_DIR) -o $@ $< $(LDLIBS_BPF)

$(XK_RW_EXRUN): selftests/rewrite/run_examples.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $< $(LDLIBS_BPF)

$(XK_RW_EXTXT): selftests/rewrite/gen_examples.py
	@mkdir -p $(@D)
	$(PYTHON) $< > $@.tmp && mv $@.tmp $@

ALL_TARGETS += $(XK_RW_OBJ) $(XK_RW_NAT) $(XK_RW_BYTES) $(XK_RW_EXRUN)
BPF_OBJS += $(XK_RW_OBJ) $(XK_RW_NAT)

.PHONY: test-rewrite-bytes test-rewrite-examples test-rewrite-oracle \
	test-rewrite-netns
test-rewrite-bytes: $(XK_RW_OBJ) $(XK_RW_BYTES)
	@$(XK_RW_BYTES) $(XK_RW_OBJ)

test-rewrite-examples: $(XK_RW_EXOBJ) $(XK_RW_EXRUN) $(XK_RW_EXTXT)
	@$(XK_RW_EXRUN) $(BUILD)/examples $(XK_RW_EXTXT)

# the oracle judges the outputs whatever the runners thought of them
test-rewrite-oracle: $(XK_RW_OBJ) $(XK_RW_BYTES) $(XK_RW_EXOBJ) \
		$(XK_RW_EXRUN) $(XK_RW_EXTXT)
	@$(XK_RW_BYTES) $(XK_RW_OBJ) $(XK_RW_DIR)/outputs.txt >/dev/null; \
		[ $$? -le 1 ] || { echo "rewrite-oracle: run_bytes could not run"; exit 2; }
	@$(XK_RW_EXRUN) $(BUILD)/examples $(XK_RW_EXTXT) \
		$(XK_RW_DIR)/examples-out.txt >/dev/null; \
		[ $$? -le 1 ] || { echo "rewrite-oracle: run_examples could not run"; exit 2; }
	@$(PYTHON) selftests/rewrite/oracle.py $(XK_RW_DIR)/outputs.pcap \
		$(XK_RW_DIR)/outputs.txt $(XK_RW_DIR)/examples-out.txt

TEST_TARGETS += test-rewrite-bytes test-rewrite-examples test-rewrite-oracle \
	test-rewrite-netns

test-rewrite-netns: $(XK_RW_NAT) $(XK_RW_EXOBJ) $(BUILD)/progs/pass/pass.bpf.o
	@PYTHON=$(PYTHON) BUILD=$(BUILD) selftests/rewrite/netns.sh
