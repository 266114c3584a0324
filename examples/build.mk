# examples/: programs a user would write against headers/. Each is built
# with exactly the flags examples/proto_count/README.md gives users (not our
# stricter BPF_CFLAGS), so the README's recipe is what the build proves.
XK_USER_BPF_CFLAGS := -O2 -g -target bpf -Wall -Werror -I headers \
	-I /usr/include/$(MULTIARCH)

XK_PC_DIR  := $(BUILD)/examples/proto_count
XK_PC_OBJ  := $(XK_PC_DIR)/proto_count.bpf.o
XK_PC_TEST := $(XK_PC_DIR)/test_proto_count
XK_PC_PKTS := $(XK_PC_DIR)/packets.txt

$(XK_PC_OBJ): examples/proto_count/proto_count.bpf.c \
		examples/proto_count/proto_count.h $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CLANG) $(XK_USER_BPF_CFLAGS) -c $< -o $@

$(XK_PC_TEST): examples/proto_count/test/test_proto_count.c \
		examples/proto_count/proto_count.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I examples/proto_count \
		-DPROTO_COUNT_OBJ='"$(XK_PC_OBJ)"' \
		-DPACKETS_FILE='"$(XK_PC_PKTS)"' \
		-o $@ $< -lcriterion $(LDLIBS_BPF)

$(XK_PC_PKTS): examples/proto_count/test/gen_packets.py
	@mkdir -p $(@D)
	$(PYTHON) $< > $@.tmp && mv $@.tmp $@

ALL_TARGETS += $(XK_PC_OBJ) $(XK_PC_TEST)
BPF_OBJS += $(XK_PC_OBJ)

.PHONY: test-examples
test-examples: $(XK_PC_OBJ) $(XK_PC_TEST) $(XK_PC_PKTS)
	@echo "examples/proto_count: XDP and TC under BPF_PROG_TEST_RUN"
	@$(XK_PC_TEST) --jobs 1 && echo "examples: PASS" || \
		{ echo "examples: FAIL"; exit 1; }
TEST_TARGETS += test-examples
