# Every BPF object the build makes passes the verifier on this kernel.
.PHONY: test-verify
TEST_TARGETS += test-verify
test-verify: $(BPF_OBJS)
	@scripts/verify-bpf.sh $(BPF_OBJS)
