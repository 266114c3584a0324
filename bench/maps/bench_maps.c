// SPDX-License-Identifier: GPL-2.0
/*
 * bench-maps helper (a benchmark, not a test):
 *
 *   bench_maps lpm OBJDIR FILTER_OBJ   filter ns/packet with 1, 1000 and
 *                                      100000 rules vs the empty program
 *   bench_maps gen OBJDIR IFINDEX N gen|sink
 *                                      N frames by BPF_PROG_RUN live frames
 *                                      out of IFINDEX; prints wall ns
 *   bench_maps fill OBJDIR PIN N       a pinned, BTF-typed hash of N entries
 *
 * ns/packet is the thread's CPU time over the repeat count, the median of
 * BENCH_RUNS runs, programs interleaved so that other load hits all alike.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/loader.h>
#include <xdpkit/map.h>
#include <xdpkit/filter.h>
#include "pkt.h"
#include "../result.h"

#ifndef BPF_F_TEST_XDP_LIVE_FRAMES
#define BPF_F_TEST_XDP_LIVE_FRAMES (1U << 1)
#endif
#define MAX_RUNS 32

static void die(const char *what)
{
	fprintf(stderr, "bench-maps: %s: %s %s\n", what, strerror(errno),
		xk_errmsg());
	exit(1);
}

static int env_int(const char *name, int dflt)
{
	const char *v = getenv(name);

	return v && atoi(v) > 0 ? atoi(v) : dflt;
}

static struct bpf_object *load(const char *path, const char *prog, int *fd)
{
	struct bpf_object *o = bpf_object__open_file(path, NULL);
	struct bpf_program *p;

	if (!o)
		die(path);
	bpf_object__for_each_program(p, o) bpf_program__set_autoload(
		p, !strcmp(bpf_program__name(p), prog));
	if (bpf_object__load(o))
		die(path);
	*fd = bpf_program__fd(bpf_object__find_program_by_name(o, prog));
	return o;
}

static double cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double run_ns(int fd, struct tpkt *p, int repeat, __u32 *ret)
{
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = p->b,
		    .data_size_in = p->len, .repeat = repeat);
	double t0 = cpu_ns();

	if (bpf_prog_test_run_opts(fd, &o))
		die("test run");
	*ret = o.retval;
	return (cpu_ns() - t0) / repeat;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_d);
	return v[n / 2];
}

/* Rule i: src 10.x.y.z/32 (a spread of distinct addresses). */
static __u32 rule_addr(__u32 i)
{
	return 0x0a000000 | ((i * 2654435761u) & 0x00ffffff);
}

static int do_lpm(const char *dir, const char *filter_obj)
{
	static const int sizes[] = {1, 1000, 100000};
	int repeat = env_int("BENCH_REPEAT", 200000);
	int runs = env_int("BENCH_RUNS", 5), efd, ffd, s, r, i;
	char path[512], a[32], b[32];
	struct bpf_object *eo, *fo;
	struct xk_filter *f;

	if (runs > MAX_RUNS)
		runs = MAX_RUNS;
	snprintf(path, sizeof(path), "%s/empty.bpf.o", dir);
	eo = load(path, "bench_empty", &efd);
	fo = load(filter_obj, "xk_filter_xdp", &ffd);
	f = xk_filter__open_obj(fo);
	if (!f)
		die("filter maps");
	printf("filter ns/packet under BPF_PROG_TEST_RUN (repeat %d, median "
	       "of %d runs; thread CPU time)\n",
	       repeat, runs);
	printf("%8s %10s %12s %12s %10s %10s\n", "rules", "empty ns",
	       "match ns", "miss ns", "match/emp", "miss/emp");
	for (s = 0; s < 3; s++) {
		int n = sizes[s];
		struct xk_filter_rule *rules = calloc(n, sizeof(*rules));
		double e[MAX_RUNS], m[MAX_RUNS], x[MAX_RUNS], em, mm, xm;
		static double m1;
		struct in_addr in;
		struct tpkt hit, miss;
		__u32 ret;
		char *w[] = {"src", a, "proto", "udp", "dport", "9", "drop"};

		for (i = 0; i < n; i++) {
			in.s_addr = htonl(rule_addr(i));
			snprintf(a, sizeof(a), "%s/32", inet_ntoa(in));
			if (xk_filter_rule__parse(7, w, &rules[i]))
				die("rule");
		}
		if (xk_filter__load(f, rules, n))
			die("load rules");
		in.s_addr = htonl(rule_addr(n / 2));
		snprintf(a, sizeof(a), "%s", inet_ntoa(in));
		hit = tpkt_ip(a, "192.0.2.1", IPPROTO_UDP, 9, 18);
		snprintf(b, sizeof(b), "11.1.2.3"); /* outside 10/8 */
		miss = tpkt_ip(b, "192.0.2.1", IPPROTO_UDP, 9, 18);
		for (r = 0; r < runs; r++) {
			e[r] = run_ns(efd, &hit, repeat, &ret);
			m[r] = run_ns(ffd, &hit, repeat, &ret);
			if (ret != XDP_DROP)
				die("matching packet not dropped");
			x[r] = run_ns(ffd, &miss, repeat, &ret);
			if (ret != XDP_PASS)
				die("other packet not passed");
		}
		em = median(e, runs);
		mm = median(m, runs);
		xm = median(x, runs);
		printf("%8d %10.1f %12.1f %12.1f %9.2fx %9.2fx\n", n, em, mm,
		       xm, mm / em, xm / em);
		if (s == 0)
			m1 = mm;
		else if (n == 100000)
			bench_result("filter 100000 rules vs 1 rule", mm, m1,
				     "<=", 2.0, "ns");
		free(rules);
	}
	xk_filter__close(f);
	bpf_object__close(fo);
	bpf_object__close(eo);
	return 0;
}

static int do_gen(const char *dir, int ifindex, long n, const char *which)
{
	struct tpkt p = tpkt_ip("10.79.0.1", "10.79.0.2", IPPROTO_UDP, 9, 18);
	/* the kernel wants data_end to be the frame's length */
	struct xdp_md ctx = {.ingress_ifindex = ifindex, .data_end = p.len};
	char path[512];
	struct timespec t0, t1;
	int fd;
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = p.b, .data_size_in = p.len,
		    .ctx_in = &ctx, .ctx_size_in = sizeof(ctx), .repeat = n,
		    .flags = BPF_F_TEST_XDP_LIVE_FRAMES, .batch_size = 64);

	snprintf(path, sizeof(path), "%s/gen.bpf.o", dir);
	load(path, strcmp(which, "sink") ? "bench_gen" : "bench_gen_sink", &fd);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (bpf_prog_test_run_opts(fd, &o))
		die("live frames run");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.0f\n",
	       (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec));
	return 0;
}

struct xkb_key {
	__u32 id;
	__u16 port;
	__u8 proto;
	__u8 pad;
};

struct xkb_val {
	__u64 packets;
	__u64 bytes;
};

static int do_fill(const char *dir, const char *pin, int n)
{
	struct xkb_key *k = calloc(n, sizeof(*k));
	struct xkb_val *v = calloc(n, sizeof(*v));
	char path[512];
	struct bpf_object *o;
	struct xk_map *m;
	__u32 done;
	int fd, i;

	snprintf(path, sizeof(path), "%s/dump.bpf.o", dir);
	o = load(path, "bench_dump_touch", &fd);
	m = xk_map__open_obj(o, "xkb_hash");
	if (!m || !k || !v)
		die("dump map");
	for (i = 0; i < n; i++) {
		k[i].id = i;
		k[i].port = i & 0xffff;
		k[i].proto = 17;
		v[i].packets = i;
		v[i].bytes = 100ULL * i;
	}
	if (xk_map__update_batch(m, k, v, n, BPF_ANY, &done) ||
	    done != (__u32)n)
		die("fill");
	if (bpf_obj_pin(xk_map__fd(m), pin))
		die(pin);
	xk_map__close(m);
	bpf_object__close(o);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "lpm"))
		return do_lpm(argv[2], argv[3]);
	if (argc == 6 && !strcmp(argv[1], "gen"))
		return do_gen(argv[2], atoi(argv[3]), atol(argv[4]), argv[5]);
	if (argc == 5 && !strcmp(argv[1], "fill"))
		return do_fill(argv[2], argv[3], atoi(argv[4]));
	fprintf(stderr, "usage: see bench/maps/bench_maps.c\n");
	return 1;
}
