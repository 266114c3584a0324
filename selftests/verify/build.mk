# selftests/verify/: every BPF object of the build (BPF_OBJS) through the
# verifier of each kernel and each compiler we support (matrix.sh).
#
#   make test-verify      (in make test) the default build and five corners,
#                         clang 13 -mcpu=v1 and v3, 16 v2, 22 v1 and v3, on
#                         6.1, 6.12 and the running kernel (13 v3 and 22 v1
#                         are where the full matrix last broke unseen)
#   make verify-kernels   the default build on 6.1, 6.12 and the running kernel
#   make verify-compilers every clang x cpu below on the running kernel
#   make verify-matrix    every clang x cpu on every kernel
VERIFY_CLANGS  ?= 13 14 15 16 19 22
VERIFY_CPUS    ?= v1 v2 v3
VERIFY_KERNELS ?= 6.1 6.12 host
VERIFY_CORNERS ?= default 13:v1 13:v3 16:v2 22:v1 22:v3
XK_VERIFY_ALL := $(foreach c,$(VERIFY_CLANGS),$(foreach v,$(VERIFY_CPUS),$(c):$(v)))
XK_VLOAD := $(BUILD)/verify/vload

# Static: it is the only program of the qemu guests' initramfs.
$(XK_VLOAD): selftests/verify/vload.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -static -o $@ $< -lbpf -lelf -lz

# xdpctl for the guests, which check what it says of features their
# kernel lacks (TCX before 6.6): the very binary we ship, with the shared
# libraries it loads (Debian has no static lwIP), bundled by matrix.sh.
XK_XDPCTL_STATIC := $(BUILD)/xdpctl

.PHONY: bpf-objs print-bpf-objs test-verify verify-kernels verify-compilers verify-matrix deps-matrix
deps-matrix:
	@XK_DEPS_MATRIX=1 scripts/deps.sh
bpf-objs: $(BPF_OBJS)
print-bpf-objs:
	@echo $(BPF_OBJS)

XK_MATRIX = CLANG=$(CLANG) BPF_CPU=$(BPF_CPU) selftests/verify/matrix.sh
test-verify: $(XK_VLOAD) $(XK_XDPCTL_STATIC)
	@$(XK_MATRIX) -s "$(VERIFY_CORNERS)" -k "$(VERIFY_KERNELS)" -o $(BUILD)/verify
verify-kernels: deps $(XK_VLOAD) $(XK_XDPCTL_STATIC)
	@$(XK_MATRIX) -s default -k "$(VERIFY_KERNELS)" -o $(BUILD)/verify
verify-compilers: deps-matrix $(XK_VLOAD)
	@$(XK_MATRIX) -s "$(XK_VERIFY_ALL)" -k host -o $(BUILD)/verify
verify-matrix: deps-matrix $(XK_VLOAD) $(XK_XDPCTL_STATIC)
	@$(XK_MATRIX) -s "$(XK_VERIFY_ALL)" -k "$(VERIFY_KERNELS)" -o $(BUILD)/verify

TEST_TARGETS += test-verify
