# selftests/abi/: libxdpkit's public ABI (exports, version script, soname,
# options read by size).
XK_ABI_OPTS := $(BUILD)/selftests/abi/opts_size
$(XK_ABI_OPTS): selftests/abi/opts_size.c $(BUILD)/lib/libxdpkit.a
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I loader/include -o $@ $< $(BUILD)/lib/libxdpkit.a $(LDLIBS_BPF)
ALL_TARGETS += $(XK_ABI_OPTS)
.PHONY: test-abi
test-abi: $(BUILD)/lib/libxdpkit.so $(XK_ABI_OPTS)
	@sh selftests/abi/test_abi.sh $(BUILD)/lib/libxdpkit.so $(XK_ABI_OPTS)
TEST_TARGETS += test-abi
