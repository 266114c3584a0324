# selftests/compose/: the packet builder (headers/xdpkit/compose.h) against
# scapy, byte for byte, and read back by our parsers; built with ASan and
# UBSan (alignment included).
XK_CMP_DIR := $(BUILD)/selftests/compose
$(XK_CMP_DIR)/cases.c: selftests/compose/gen_cases.py
	@mkdir -p $(@D)
	$(PYTHON) $< > $@.tmp && mv $@.tmp $@
$(XK_CMP_DIR)/test_compose: selftests/compose/test_compose.c \
		$(XK_CMP_DIR)/cases.c selftests/compose/cases.h \
		$(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CLANG) $(HOST_CFLAGS) -O1 -fsanitize=address,undefined \
		-fno-sanitize-recover=all -I selftests/compose -o $@ \
		selftests/compose/test_compose.c $(XK_CMP_DIR)/cases.c
ALL_TARGETS += $(XK_CMP_DIR)/test_compose

# tshark, with every checksum check on, must find nothing malformed or
# wrong in what the builder made
.PHONY: test-compose
test-compose: $(XK_CMP_DIR)/test_compose
	@$(XK_CMP_DIR)/test_compose $(XK_CMP_DIR)/built.pcap
	@n=$$(tshark -r $(XK_CMP_DIR)/built.pcap 2>/dev/null | wc -l); \
	bad=$$(tshark -r $(XK_CMP_DIR)/built.pcap -o ip.check_checksum:TRUE \
		-o udp.check_checksum:TRUE -o tcp.check_checksum:TRUE \
		-o icmp.check_checksum:TRUE -o icmpv6.check_checksum:TRUE \
		-V 2>&1 | grep -iE 'malformed|bad checksum|\[incorrect|expert info \(error' ); \
	if [ -n "$$bad" ]; then echo "compose: tshark objects:"; echo "$$bad" | head; \
		echo "compose: FAIL"; exit 1; fi; \
	echo "compose: tshark dissects all $$n Ethernet packets, every checksum right, nothing malformed: PASS"
TEST_TARGETS += test-compose
