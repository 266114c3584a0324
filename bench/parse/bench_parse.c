// SPDX-License-Identifier: GPL-2.0
/*
 * bench-parse: ns per packet of xdpkit's parsers under BPF_PROG_TEST_RUN,
 * as ratios against an empty XDP program, the equal-work baseline (the
 * same checks by hand, equal.bpf.c: the goal) and the tutorial-style
 * parsers (fewer checks, for reference), all measured in the same run;
 * plus each program's verifier work and size.
 *
 *   bench_parse OBJDIR PACKETS      (BENCH_REPEAT, BENCH_RUNS from env)
 *
 * Runs interleave the programs (run r: every packet, every program), so
 * load from other processes spreads over all of them alike. ns/packet is
 * the thread's CPU time over the repeat count (sub-ns resolution, excludes
 * time the thread was preempted); the kernel's own opts.duration is a
 * whole number of ns, shown alongside.
 */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../result.h"

#define MAX_PKTS 16
#define MAX_LEN	 1514
#define MAX_RUNS 64
#define LOG_SZ	 (1 << 16)
#define SENTINEL 0xdeadbeefU

struct pkt {
	char name[32];
	__u32 want_l4, want_full;
	__u8 data[MAX_LEN];
	__u32 len;
};

enum {
	P_EMPTY,
	P_HAND_L4,
	P_XK_L4,
	P_HAND_FULL,
	P_XK_FULL,
	P_EQUAL_L4,
	NPROGS
};

struct prog {
	const char *obj;  /* file in OBJDIR */
	const char *name; /* program */
	int full;	  /* 1: expects the innermost L4, 0: the outermost */
	struct bpf_object *o;
	int fd, bss_fd;
	__u32 bss_size;
	long processed;
	struct bpf_prog_info info;
	char log[LOG_SZ];
	double cpu_ns[MAX_PKTS][MAX_RUNS];
	double kern_ns[MAX_PKTS][MAX_RUNS];
};

static struct prog progs[NPROGS] = {
	[P_EMPTY] = {"empty.bpf.o", "bench_empty", -1},
	[P_HAND_L4] = {"hand.bpf.o", "bench_hand_l4", 0},
	[P_XK_L4] = {"xk.bpf.o", "bench_xk_l4", 0},
	[P_HAND_FULL] = {"hand.bpf.o", "bench_hand_full", 1},
	[P_XK_FULL] = {"xk.bpf.o", "bench_xk_full", 1},
	/* xk_parse_l4's checks by hand (equal_check proves them equal) */
	[P_EQUAL_L4] = {"equal.bpf.o", "bench_equal_l4", 0},
};

static struct pkt pkts[MAX_PKTS];
static int npkts;

static int die(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "bench-parse: ");
	fprintf(stderr, fmt, a, b);
	fprintf(stderr, "\n");
	exit(1);
}

static void load_packets(const char *path)
{
	char hex[2 * MAX_LEN + 2];
	FILE *f = fopen(path, "r");

	if (!f)
		die("cannot open %s: %s", path, strerror(errno));
	while (npkts < MAX_PKTS) {
		struct pkt *p = &pkts[npkts];
		unsigned int b;
		const char *s;
		int n = fscanf(f, "%31s %u %u %3029s", p->name, &p->want_l4,
			       &p->want_full, hex);

		if (n == EOF)
			break;
		if (n != 4)
			die("%s: malformed line %s", path, p->name);
		for (s = hex, p->len = 0; s[0] && s[1] && p->len < MAX_LEN;
		     s += 2) {
			if (sscanf(s, "%2x", &b) != 1)
				die("%s: bad hex in %s", path, p->name);
			p->data[p->len++] = b;
		}
		npkts++;
	}
	fclose(f);
	if (!npkts)
		die("%s: no packets%s", path, "");
}

static long parse_processed(const char *log)
{
	const char *s = strstr(log, "processed ");

	return s ? strtol(s + 10, NULL, 10) : -1;
}

/* Open each object once, with a stats-level verifier log per program. */
static void load_progs(const char *dir)
{
	char path[512];
	int i, j;

	for (i = 0; i < NPROGS; i++) {
		struct prog *p = &progs[i];
		struct bpf_program *bp;
		struct bpf_map *bss;
		__u32 len = sizeof(p->info);

		for (j = 0; j < i; j++)
			if (!strcmp(progs[j].obj, p->obj))
				p->o = progs[j].o;
		if (!p->o) {
			struct bpf_program *q;

			snprintf(path, sizeof(path), "%s/%s", dir, p->obj);
			p->o = bpf_object__open_file(path, NULL);
			if (!p->o)
				die("cannot open %s: %s", path,
				    strerror(errno));
			bpf_object__for_each_program(q, p->o)
			{
				for (j = i; j < NPROGS; j++) {
					if (strcmp(progs[j].name,
						   bpf_program__name(q)))
						continue;
					/* BPF_LOG_STATS: just the totals */
					bpf_program__set_log_level(q, 4);
					bpf_program__set_log_buf(
						q, progs[j].log, LOG_SZ);
				}
			}
			if (bpf_object__load(p->o))
				die("%s does not load (root? see the "
				    "verifier log above)%s",
				    path, "");
		}
		bp = bpf_object__find_program_by_name(p->o, p->name);
		if (!bp)
			die("no program %s in %s", p->name, p->obj);
		p->fd = bpf_program__fd(bp);
		p->processed = parse_processed(p->log);
		if (bpf_obj_get_info_by_fd(p->fd, &p->info, &len))
			die("no prog info for %s: %s", p->name,
			    strerror(errno));
		bss = bpf_object__find_map_by_name(p->o, ".bss");
		p->bss_fd = bss ? bpf_map__fd(bss) : -1;
		p->bss_size = bss ? bpf_map__value_size(bss) : 0;
		if (i != P_EMPTY &&
		    (p->bss_fd < 0 || p->bss_size < 4 || p->bss_size > 64))
			die("%s: no bench_result in .bss%s", p->obj, "");
	}
}

static void set_result(struct prog *p, __u32 v)
{
	__u8 buf[64] = {};
	__u32 zero = 0;

	memcpy(buf, &v, sizeof(v));
	if (bpf_map_update_elem(p->bss_fd, &zero, buf, 0))
		die("cannot write %s's .bss: %s", p->obj, strerror(errno));
}

static __u32 get_result(struct prog *p)
{
	__u8 buf[64];
	__u32 zero = 0, v;

	if (bpf_map_lookup_elem(p->bss_fd, &zero, buf))
		die("cannot read %s's .bss: %s", p->obj, strerror(errno));
	memcpy(&v, buf, sizeof(v));
	return v;
}

static double now_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* One measurement; the parse result is checked so nothing is timed that
 * did not parse the packet to L4. */
static void run(struct prog *p, struct pkt *k, __u32 repeat, double *cpu,
		double *kern)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = k->data,
		    .data_size_in = k->len, .repeat = repeat);
	__u32 want = p->full ? k->want_full : k->want_l4, got;
	double t0;
	int err;

	if (p->full >= 0)
		set_result(p, SENTINEL);
	t0 = now_cpu();
	err = bpf_prog_test_run_opts(p->fd, &opts);
	*cpu = (now_cpu() - t0) / repeat;
	*kern = opts.duration;
	if (err)
		die("test run of %s failed: %s", p->name, strerror(-err));
	if (opts.retval != XDP_PASS)
		die("%s on %s: not XDP_PASS", p->name, k->name);
	if (p->full < 0)
		return;
	got = get_result(p);
	if (got != want) {
		fprintf(stderr,
			"bench-parse: %s on %s: result 0x%x, want "
			"0x%x (proto << 16 | dport)\n",
			p->name, k->name, got, want);
		exit(1);
	}
}

static const char *verdict(double ratio, double target)
{
	return ratio <= target ? "ok" : "MISSED";
}

int main(int argc, char **argv)
{
	const char *e = getenv("BENCH_REPEAT");
	__u32 repeat = e ? strtoul(e, NULL, 10) : 1000000;
	int runs, r, i, j;
	double m[NPROGS], mk[NPROGS];

	e = getenv("BENCH_RUNS");
	runs = e ? atoi(e) : 15;
	if (argc != 3)
		die("usage: bench_parse OBJDIR PACKETS%s%s", "", "");
	if (runs < 1 || runs > MAX_RUNS || !repeat)
		die("BENCH_RUNS must be 1..64, BENCH_REPEAT > 0%s%s", "", "");
	load_packets(argv[2]);
	load_progs(argv[1]);

	for (r = 0; r < runs; r++)
		for (j = 0; j < npkts; j++)
			for (i = 0; i < NPROGS; i++)
				run(&progs[i], &pkts[j], repeat,
				    &progs[i].cpu_ns[j][r],
				    &progs[i].kern_ns[j][r]);

	printf("bench-parse: BPF_PROG_TEST_RUN (XDP), repeat %u, median of "
	       "%d interleaved runs\n",
	       repeat, runs);
	printf("ns/packet from thread CPU time [kernel opts.duration, whole "
	       "ns]; every run's parse result checked\n\n");
	printf("%-15s %13s %13s %13s %8s %8s %13s %13s %8s\n", "packet",
	       "empty", "hand_full", "xk_full", "xk/empty", "xk/hand",
	       "hand_l4", "xk_l4", "xk/hand");
	for (j = 0; j < npkts; j++) {
		for (i = 0; i < NPROGS; i++) {
			m[i] = bench_median(progs[i].cpu_ns[j], runs);
			mk[i] = bench_median(progs[i].kern_ns[j], runs);
		}
		printf("%-15s %7.2f [%3.0f] %7.2f [%3.0f] %7.2f [%3.0f] "
		       "%8.3f %8.3f %7.2f [%3.0f] %7.2f [%3.0f] %8.3f\n",
		       pkts[j].name, m[P_EMPTY], mk[P_EMPTY], m[P_HAND_FULL],
		       mk[P_HAND_FULL], m[P_XK_FULL], mk[P_XK_FULL],
		       m[P_XK_FULL] / m[P_EMPTY], m[P_XK_FULL] / m[P_HAND_FULL],
		       m[P_HAND_L4], mk[P_HAND_L4], m[P_XK_L4], mk[P_XK_L4],
		       m[P_XK_L4] / m[P_HAND_L4]);
		{
			char n[64];

			/* the goal: against the baseline that does the same
			 * checks; the tutorial-style ones are for reference */
			snprintf(n, sizeof(n), "parse l4 %.40s vs equal-work",
				 pkts[j].name);
			bench_result(n, m[P_XK_L4], m[P_EQUAL_L4], "<=", 1.05,
				     "ns");
		}
		printf("%-15s %13s %13s %13s %8s %8s %13s %13s %8s\n", "", "",
		       "", "", verdict(m[P_XK_FULL] / m[P_EMPTY], 1.15),
		       verdict(m[P_XK_FULL] / m[P_HAND_FULL], 1.05), "", "",
		       verdict(m[P_XK_L4] / m[P_HAND_L4], 1.05));
	}
	printf("\nxk_parse_l4 against the equal-work baseline (equal.bpf.c: "
	       "its checks by hand, proven equal by equal_check)\n");
	printf("%-15s %21s %21s %8s\n", "packet", "equal_l4 (min-max)",
	       "xk_l4 (min-max)", "xk/equal");
	for (j = 0; j < npkts; j++) {
		double xl, xh, ql, qh,
			x = bench_spread(progs[P_XK_L4].cpu_ns[j], runs, &xl,
					 &xh),
			q = bench_spread(progs[P_EQUAL_L4].cpu_ns[j], runs, &ql,
					 &qh);

		printf("%-15s %7.2f (%5.2f-%5.2f) %7.2f (%5.2f-%5.2f) %8.3f "
		       "%s\n",
		       pkts[j].name, q, ql, qh, x, xl, xh, x / q,
		       verdict(x / q, 1.05));
	}
	printf("\ntargets: xk_l4/equal <= 1.05 (the goal); against the "
	       "tutorial-style parsers (fewer checks, for reference) xk/empty "
	       "<= 1.15, xk/hand <= 1.05; processed <= 5000 for the L2-L4 "
	       "parse (xk_l4)\n\n");
	printf("%-16s %10s %14s %8s %8s\n", "program", "processed",
	       "verified_insns", "xlated", "jited");
	for (i = 0; i < NPROGS; i++)
		printf("%-16s %10ld %14u %8u %8u%s\n", progs[i].name,
		       progs[i].processed, progs[i].info.verified_insns,
		       progs[i].info.xlated_prog_len,
		       progs[i].info.jited_prog_len,
		       i == P_XK_L4 ? (progs[i].processed <= 5000 ? "  ok"
								  : "  MISSED")
				    : "");
	return 0;
}
