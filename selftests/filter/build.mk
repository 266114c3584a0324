# selftests/filter/: progs/filter under BPF_PROG_TEST_RUN (criterion), and
# xdpctl filter end to end over veth with real traffic and bad input.
XK_FT_DIR := $(BUILD)/selftests/filter
XK_FT_BIN := $(XK_FT_DIR)/test_filter_prog

$(XK_FT_BIN): selftests/filter/test_filter_prog.c selftests/maps/pkt.h \
		$(BUILD)/lib/libxdpkit.a
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I loader/include -I selftests/maps \
		-DFILTER_OBJ='"$(BUILD)/progs/filter/filter.bpf.o"' \
		-o $@ $< $(BUILD)/lib/libxdpkit.a -lcriterion $(LDLIBS_BPF)

ALL_TARGETS += $(XK_FT_BIN)

.PHONY: test-filter-prog test-filter
test-filter-prog: $(XK_FT_BIN) $(BUILD)/progs/filter/filter.bpf.o
	@echo "progs/filter under BPF_PROG_TEST_RUN (criterion)"
	@$(XK_FT_BIN) --jobs 1 && echo "filter-prog: PASS" || \
		{ echo "filter-prog: FAIL"; exit 1; }
test-filter: $(BUILD)/xdpctl $(BUILD)/progs/filter/filter.bpf.o
	@sh selftests/filter/test_filter.sh
TEST_TARGETS += test-filter-prog test-filter
