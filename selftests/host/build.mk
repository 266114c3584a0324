# selftests/host/: criterion suites over the host build of the parsers,
# once with HOST_CFLAGS and once with clang under ASan+UBSan.
XK_HOST_SRCS := $(wildcard selftests/host/test_*.c) \
	$(BUILD)/selftests/vectors/vectors.c
XK_HOST_DEPS := $(XK_HOST_SRCS) selftests/host/build.mk \
	$(wildcard selftests/host/*.h selftests/host/*.inc.c \
	selftests/vectors/*.h headers/xdpkit/*.h)
XK_HOST_INC := -I selftests/vectors -I selftests/host
XK_HOST_TEST := $(BUILD)/selftests/host/test_host
XK_HOST_ASAN := $(BUILD)/selftests/host/test_host_asan

$(XK_HOST_TEST): $(XK_HOST_DEPS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(XK_HOST_INC) -o $@ $(XK_HOST_SRCS) -lcriterion

# -O1: ASan's recommended level; every sanitizer report aborts the test.
# Full UBSan, alignment included: an IPv4 header at offset 14 of a malloc'd
# frame is 2 mod 4, and the headers read it through their wire types
# (compat.h), which host builds give alignment 1.
$(XK_HOST_ASAN): $(XK_HOST_DEPS)
	@mkdir -p $(@D)
	$(CLANG) $(HOST_CFLAGS) -O1 -fno-omit-frame-pointer \
		-fsanitize=address,undefined \
		-fno-sanitize-recover=all \
		$(XK_HOST_INC) -o $@ $(XK_HOST_SRCS) -lcriterion

ALL_TARGETS += $(XK_HOST_TEST) $(XK_HOST_ASAN)

.PHONY: test-host test-host-asan
test-host: $(XK_HOST_TEST)
	@echo "host parsers (criterion, HOST_CFLAGS)"
	@$(XK_HOST_TEST) && echo "test-host: PASS" || \
		{ echo "test-host: FAIL"; exit 1; }

# Criterion forks a child per test: a sanitizer abort there is a crashed
# test, which criterion counts as failed.
test-host-asan: $(XK_HOST_ASAN)
	@echo "host parsers (criterion, clang ASan+UBSan)"
	@ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		$(XK_HOST_ASAN) && echo "test-host-asan: PASS" || \
		{ echo "test-host-asan: FAIL"; exit 1; }
TEST_TARGETS += test-host test-host-asan
