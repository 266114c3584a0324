# bench/loader*: xdpctl attach/detach and status timings (make bench).
.PHONY: bench-loader
bench-loader: $(BUILD)/xdpctl $(BUILD)/progs/pass/pass.bpf.o
	@sh bench/loader.sh
BENCH_TARGETS += bench-loader
