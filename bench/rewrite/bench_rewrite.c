// SPDX-License-Identifier: GPL-2.0
/*
 * bench-rewrite: ns per packet of xdpkit's rewrites under BPF_PROG_TEST_RUN
 * (XDP) against an empty program, the equal-work baselines (equal.bpf.c:
 * the same checks and result by hand, proven equal by bench/equal_check
 * before this runs: the goal) and the tutorial-style ones (hand.bpf.c:
 * Ethernet/IPv4/TCP only, for reference), all in the same run, plus each
 * program's verifier work.
 *
 *   bench_rewrite OBJDIR PACKETS       (BENCH_REPEAT, BENCH_RUNS from env)
 *
 * A repeat reruns the program on the same buffer, so the programs toggle
 * (A->B, B->A; pop, push; decap, encap): before timing, the harness checks
 * that xdpkit's, the equal-work and the hand-written program give the same
 * bytes after one run and return to the input after two; every timed run must
 * count one rewrite per repetition (bench_ops). Runs interleave the programs;
 * ns is the thread's CPU time over the repeat count, median of the runs.
 */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../result.h"

#define NOPS	 4
#define MAX_LEN	 512
#define MAX_RUNS 64
#define LOG_SZ	 (1 << 16)

static const char *const ops[NOPS] = {"port", "dnat", "vlan", "ipip"};
static const char *const what[NOPS] = {"TCP dport + checksum",
				       "IPv4 daddr + dport (DNAT)",
				       "VLAN pop / push", "IPIP decap / encap"};

enum { P_EMPTY, P_HAND, P_EQUAL, P_XK, NKIND };
static const char *const kind_name[NKIND] = {"empty", "hand", "equal", "xk"};

struct prog {
	int fd;
	long processed;
	double ns[MAX_RUNS];
};

static struct prog progs[NOPS][NKIND];
static int bss_fd[NKIND];
static char logs[NOPS][NKIND][LOG_SZ];
static __u8 pkt[NOPS][MAX_LEN];
static __u32 pkt_len[NOPS];

static void die(const char *fmt, const char *a)
{
	fprintf(stderr, "bench-rewrite: ");
	fprintf(stderr, fmt, a);
	fprintf(stderr, "\n");
	exit(1);
}

static void load_packets(const char *path)
{
	char op[16], hex[2 * MAX_LEN + 1];
	FILE *f = fopen(path, "r");
	unsigned int b;
	int i;

	if (!f)
		die("cannot open %s", path);
	while (fscanf(f, "%15s %1024s", op, hex) == 2) {
		for (i = 0; i < NOPS && strcmp(ops[i], op); i++)
			;
		if (i == NOPS)
			die("unknown op %s", op);
		for (pkt_len[i] = 0; hex[2 * pkt_len[i]]; pkt_len[i]++) {
			sscanf(hex + 2 * pkt_len[i], "%2x", &b);
			pkt[i][pkt_len[i]] = b;
		}
	}
	fclose(f);
	for (i = 0; i < NOPS; i++)
		if (!pkt_len[i])
			die("no packet for %s", ops[i]);
}

static struct bpf_object *open_obj(const char *dir, const char *file, int kind)
{
	char path[512], name[32];
	struct bpf_object *o;
	struct bpf_program *p;
	struct bpf_map *m;
	int i;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	o = bpf_object__open_file(path, NULL);
	if (!o)
		die("cannot open %s", path);
	for (i = 0; i < NOPS && kind != P_EMPTY; i++) {
		snprintf(name, sizeof(name), "%s_%s", kind_name[kind], ops[i]);
		p = bpf_object__find_program_by_name(o, name);
		if (!p)
			die("no program %s", name);
		bpf_program__set_log_level(p, 4); /* stats only */
		bpf_program__set_log_buf(p, logs[i][kind], LOG_SZ);
	}
	if (kind == P_EMPTY)
		bpf_program__set_log_level(
			bpf_object__find_program_by_name(o, "bench_empty"), 0);
	if (bpf_object__load(o))
		die("%s does not load (root?)", path);
	for (i = 0; i < NOPS; i++) {
		struct prog *pr = &progs[i][kind];
		const char *s;

		if (kind == P_EMPTY) {
			pr->fd = bpf_program__fd(
				bpf_object__find_program_by_name(
					o, "bench_empty"));
			continue;
		}
		snprintf(name, sizeof(name), "%s_%s", kind_name[kind], ops[i]);
		pr->fd = bpf_program__fd(
			bpf_object__find_program_by_name(o, name));
		s = strstr(logs[i][kind], "processed ");
		pr->processed = s ? strtol(s + 10, NULL, 10) : -1;
	}
	m = bpf_object__find_map_by_name(o, ".bss");
	bss_fd[kind] = m ? bpf_map__fd(m) : -1;
	if (kind != P_EMPTY && bss_fd[kind] < 0)
		die("%s: no bench_ops", path);
	return o;
}

static void set_ops(int kind, __u64 v)
{
	__u32 zero = 0;

	if (bpf_map_update_elem(bss_fd[kind], &zero, &v, 0))
		die("cannot reset bench_ops: %s", strerror(errno));
}

static __u64 get_ops(int kind)
{
	__u32 zero = 0;
	__u64 v;

	if (bpf_map_lookup_elem(bss_fd[kind], &zero, &v))
		die("cannot read bench_ops: %s", strerror(errno));
	return v;
}

static __u32 run(int op, int kind, __u32 repeat, __u8 *out, double *ns)
{
	struct timespec a, b;
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt[op],
		    .data_size_in = pkt_len[op], .data_out = out,
		    .data_size_out = out ? MAX_LEN + 64 : 0, .repeat = repeat);

	if (kind != P_EMPTY)
		set_ops(kind, 0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
	if (bpf_prog_test_run_opts(progs[op][kind].fd, &o))
		die("test run failed: %s", strerror(errno));
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
	if (ns)
		*ns = ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) /
		      repeat;
	if (o.retval != XDP_PASS)
		die("%s: not XDP_PASS", ops[op]);
	if (kind != P_EMPTY && get_ops(kind) != repeat)
		die("%s: a run did not rewrite", ops[op]);
	return o.data_size_out;
}

/* hand, equal and xk agree after one run, and come back after two */
static void check_same(int op)
{
	__u8 h[MAX_LEN + 64], x[MAX_LEN + 64];
	__u32 hl, xl;
	int k;

	xl = run(op, P_XK, 1, x, NULL);
	if (xl == pkt_len[op] && !memcmp(x, pkt[op], xl))
		die("%s: xdpkit's output equals the input", ops[op]);
	for (k = P_HAND; k <= P_EQUAL; k++) {
		hl = run(op, k, 1, h, NULL);
		if (hl != xl || memcmp(h, x, hl))
			die("%s: xdpkit's and the baselines' outputs differ",
			    ops[op]);
	}
	for (k = P_HAND; k <= P_XK; k++) {
		hl = run(op, k, 2, h, NULL);
		if (hl != pkt_len[op] || memcmp(h, pkt[op], hl))
			die("%s: two runs do not give the input back", ops[op]);
	}
}

int main(int argc, char **argv)
{
	const char *e = getenv("BENCH_REPEAT");
	__u32 repeat = e ? strtoul(e, NULL, 10) : 1000000;
	int runs, r, i, k;

	e = getenv("BENCH_RUNS");
	runs = e ? atoi(e) : 15;
	if (argc != 3 || runs < 1 || runs > MAX_RUNS || !repeat)
		die("usage: bench_rewrite OBJDIR PACKETS%s "
		    "(BENCH_RUNS 1..64, BENCH_REPEAT > 0)",
		    "");
	load_packets(argv[2]);
	open_obj(argv[1], "empty.bpf.o", P_EMPTY);
	open_obj(argv[1], "hand.bpf.o", P_HAND);
	open_obj(argv[1], "equal.bpf.o", P_EQUAL);
	open_obj(argv[1], "xk.bpf.o", P_XK);
	for (i = 0; i < NOPS; i++)
		check_same(i);
	for (r = 0; r < runs; r++)
		for (i = 0; i < NOPS; i++)
			for (k = 0; k < NKIND; k++)
				run(i, k, repeat, NULL, &progs[i][k].ns[r]);

	printf("bench-rewrite: BPF_PROG_TEST_RUN (XDP), repeat %u, median of "
	       "%d interleaved runs, ns/packet (thread CPU time)\n",
	       repeat, runs);
	printf("shared 2-core machine: expect a few %% of noise\n\n");
	printf("%-27s %6s %6s %6s %6s %8s %8s %6s %6s %6s\n", "rewrite",
	       "empty", "hand", "equal", "xdpkit", "xk/equal", "xk/hand",
	       "hand", "equal", "xk");
	for (i = 0; i < NOPS; i++) {
		double m[NKIND], lo[NKIND], hi[NKIND];

		for (k = 0; k < NKIND; k++)
			m[k] = bench_spread(progs[i][k].ns, runs, &lo[k],
					    &hi[k]);
		{
			char n[96];

			snprintf(n, sizeof(n), "rewrite %.50s vs equal-work",
				 what[i]);
			bench_result(n, m[P_XK], m[P_EQUAL], "<=", 1.05, "ns");
		}
		printf("%-27s %6.2f %6.2f %6.2f %6.2f %8.3f %8.3f %6ld %6ld "
		       "%6ld %s\n",
		       what[i], m[P_EMPTY], m[P_HAND], m[P_EQUAL], m[P_XK],
		       m[P_XK] / m[P_EQUAL], m[P_XK] / m[P_HAND],
		       progs[i][P_HAND].processed, progs[i][P_EQUAL].processed,
		       progs[i][P_XK].processed,
		       m[P_XK] / m[P_EQUAL] <= 1.05 ? "ok"
						    : "MISSED (<= 1.05)");
		printf("%-27s min-max: equal %.2f-%.2f, xdpkit %.2f-%.2f\n", "",
		       lo[P_EQUAL], hi[P_EQUAL], lo[P_XK], hi[P_XK]);
	}
	printf("\nns/packet; the last three: instructions the verifier "
	       "processed. The goal: xk/equal <= 1.05 (equal.bpf.c does the "
	       "same checks and rewrite; hand.bpf.c parses less)\n");
	return 0;
}
