// SPDX-License-Identifier: GPL-2.0
/*
 * hook_bench PASS_OBJ PASS_NOCAP_OBJ [ROUNDS]: what the capture hook of
 * <xdpkit/prog.h>'s entry points costs. progs/pass built as shipped (with
 * the hook) and with -DXK_NO_CAPTURE, run in turns under BPF_PROG_TEST_RUN
 * (XDP, 1,000,000 repetitions a round) over the same 64-byte UDP frame;
 * each round checks both give XDP_PASS and the frame unchanged. The
 * kernel reports whole ns per repetition: the means of the rounds carry
 * the fraction. Then the
 * hook on (a capture's snap length set, a perf buffer reading): each
 * packet goes out twice. Prints the medians and the differences as JSON.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/compose.h>

#define REPS 1000000

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int load(const char *path, struct bpf_object **obj)
{
	struct bpf_program *p;

	*obj = bpf_object__open_file(path, NULL);
	if (!*obj || bpf_object__load(*obj)) {
		fprintf(stderr, "hook_bench: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	p = bpf_object__find_program_by_name(*obj, "xk_pass_xdp");
	if (!p)
		exit(1);
	return bpf_program__fd(p);
}

static double run(int fd, const __u8 *pkt, __u32 len)
{
	__u8 out[256];
	struct timespec t0, t1;
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt, .data_size_in = len,
		    .data_out = out, .data_size_out = sizeof(out),
		    .repeat = REPS);
	int err;

	/* the kernel's own figure, ns per repetition, leaves out the time
	 * the caller was scheduled away; it is whole ns, so the rounds'
	 * mean carries the fraction */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = bpf_prog_test_run_opts(fd, &o);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	(void)t0;
	(void)t1;
	if (err || o.retval != 2 /* XDP_PASS */ || o.data_size_out != len ||
	    memcmp(out, pkt, len)) {
		fprintf(stderr, "hook_bench: a run did not pass the frame\n");
		exit(1);
	}
	return (double)o.duration;
}

static void on_sample(void *ctx, int cpu, void *data, __u32 size)
{
	(void)cpu;
	(void)data;
	(void)size;
	++*(__u64 *)ctx;
}

int main(int argc, char **argv)
{
	struct bpf_object *a, *b;
	double with[128], without[128], on[128];
	int rounds = argc > 3 ? atoi(argv[3]) : 41, fa, fb, i, cfg;
	struct perf_buffer *pb;
	__u64 samples = 0;
	double mw = 0, mo = 0;
	__u32 zero = 0, c[2];
	__u8 pkt[64];
	int len;

	if (argc < 3 || rounds < 1 || rounds > 128)
		return 1;
	len = xk_build(
		pkt, sizeof(pkt),
		XK_ETH(.dst = {2, 0, 0, 0, 0, 2}, .src = {2, 0, 0, 0, 0, 1}),
		XK_IP4(.src = "10.0.0.1", .dst = "10.0.0.2"),
		XK_UDP(.sport = 1000, .dport = 9),
		XK_RAW("0123456789abcdefghijkl", 22));
	fa = load(argv[1], &a);
	fb = load(argv[2], &b);
	for (i = 0; i < rounds; i++) {
		with[i] = run(fa, pkt, (__u32)len);
		without[i] = run(fb, pkt, (__u32)len);
	}
	/* on: as xdpctl capture has it */
	cfg = bpf_object__find_map_fd_by_name(a, ".data.xk_cap");
	pb = perf_buffer__new(
		bpf_object__find_map_fd_by_name(a, "xk_capture_ring"), 64,
		on_sample, NULL, &samples, NULL);
	c[0] = 65535;
	c[1] = 0;
	if (cfg < 0 || !pb || bpf_map_update_elem(cfg, &zero, c, 0))
		return 1;
	for (i = 0; i < rounds; i++) {
		on[i] = run(fa, pkt, (__u32)len);
		perf_buffer__consume(pb);
	}
	c[0] = 0;
	bpf_map_update_elem(cfg, &zero, c, 0);
	perf_buffer__free(pb);
	for (i = 0; i < rounds; i++) {
		mw += with[i] / rounds;
		mo += without[i] / rounds;
	}
	qsort(with, rounds, sizeof(double), cmpd);
	qsort(without, rounds, sizeof(double), cmpd);
	qsort(on, rounds, sizeof(double), cmpd);
	printf("{\"with_hook_ns\": %.2f, \"without_hook_ns\": %.2f, "
	       "\"idle_cost_ns\": %.2f, \"with_median\": %.0f, "
	       "\"without_median\": %.0f, \"with_min_max\": [%.0f, %.0f], "
	       "\"without_min_max\": [%.0f, %.0f], \"capturing_ns\": %.1f, "
	       "\"samples_read\": %llu, \"rounds\": %d, \"repetitions\": %d}\n",
	       mw, mo, mw - mo, with[rounds / 2], without[rounds / 2], with[0],
	       with[rounds - 1], without[0], without[rounds - 1],
	       on[rounds / 2], (unsigned long long)samples, rounds, REPS);
	bpf_object__close(a);
	bpf_object__close(b);
	return 0;
}
