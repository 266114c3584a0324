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

.PHONY: test-compose
test-compose: $(XK_CMP_DIR)/test_compose
	@$(XK_CMP_DIR)/test_compose
TEST_TARGETS += test-compose
