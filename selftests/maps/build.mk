# selftests/maps/: the xk_map API of libxdpkit (criterion) against the maps
# of progs/maps_a.bpf.o, and maps_b.bpf.o for the pinned-type check.
XK_MT_DIR  := $(BUILD)/selftests/maps
XK_MT_OBJS := $(XK_MT_DIR)/progs/maps_a.bpf.o $(XK_MT_DIR)/progs/maps_b.bpf.o
XK_MT_BIN  := $(XK_MT_DIR)/test_maps

$(XK_MT_OBJS): selftests/maps/progs/types.h

$(XK_MT_BIN): selftests/maps/test_maps.c selftests/maps/progs/types.h \
		$(BUILD)/lib/libxdpkit.a
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I loader/include -I selftests/maps \
		-DMAPS_A_OBJ='"$(XK_MT_DIR)/progs/maps_a.bpf.o"' \
		-DMAPS_B_OBJ='"$(XK_MT_DIR)/progs/maps_b.bpf.o"' \
		-o $@ $< $(BUILD)/lib/libxdpkit.a -lcriterion $(LDLIBS_BPF)

ALL_TARGETS += $(XK_MT_OBJS) $(XK_MT_BIN)
BPF_OBJS += $(XK_MT_OBJS)

.PHONY: test-maps
test-maps: $(XK_MT_BIN) $(XK_MT_OBJS)
	@echo "xk_map API (criterion, real kernel maps)"
	@$(XK_MT_BIN) --jobs 1 && echo "maps: PASS" || { echo "maps: FAIL"; exit 1; }
TEST_TARGETS += test-maps

# The BTF formatter and parser on hand-built BTF, under ASan and UBSan.
XK_MT_FMT := $(XK_MT_DIR)/test_fmt
XK_MT_FMT_SRCS := $(wildcard core/*.c maps/*.c loader/*.c)
$(XK_MT_FMT): selftests/maps/test_fmt.c $(XK_MT_FMT_SRCS) maps/internal.h \
		maps/xdpkit/map.h loader/internal.h core/core.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
		-Wno-format-truncation -I loader/include -o $@ $< $(XK_MT_FMT_SRCS) \
		-lcriterion $(LDLIBS_BPF)
ALL_TARGETS += $(XK_MT_FMT)
.PHONY: test-maps-fmt
test-maps-fmt: $(XK_MT_FMT)
	@echo "BTF formatting and parsing (criterion, ASan/UBSan)"
	@$(XK_MT_FMT) --jobs 1 && echo "maps-fmt: PASS" || { echo "maps-fmt: FAIL"; exit 1; }
TEST_TARGETS += test-maps-fmt
