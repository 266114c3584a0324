// SPDX-License-Identifier: GPL-2.0
/*
 * build_bench [ROUNDS]: ns per packet of xk_build() against the way such a
 * packet is made by hand: a constant template (built once) copied and its
 * varying field patched, the UDP checksum fixed incrementally. Each packet
 * differs in its source port (as xdpctl gen's flows), so both do the same
 * job: the same 64 bytes out, checked equal on every packet. Rounds
 * alternate the two; the medians are printed as one JSON line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xdpkit/compose.h>

#define N 2000000

static const __u8 pay[22] = "abcdefghijklmnopqrstuv";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int build(__u8 *buf, __u16 sport)
{
	return xk_build(
		buf, 64,
		XK_ETH(.dst = {2, 0, 0, 0, 0, 2}, .src = {2, 0, 0, 0, 0, 1}),
		XK_IP4(.src = "10.0.0.1", .dst = "10.0.0.2",
		       .frag_off = 0x4000),
		XK_UDP(.sport = sport, .dport = 9), XK_RAW(pay, 22));
}

/* by hand: the template, the port, the checksum patched (RFC 1624) */
static int fill(__u8 *buf, const __u8 *tmpl, __u16 sport)
{
	__u16 old, new = htons(sport), c;

	memcpy(buf, tmpl, 64);
	memcpy(&old, buf + 34, 2);
	memcpy(buf + 34, &new, 2);
	memcpy(&c, buf + 40, 2);
	c = xk_csum_replace2(c, old, new);
	if (!c)
		c = 0xffff;
	memcpy(buf + 40, &c, 2);
	return 64;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 5, r, i;
	double tb[64], tf[64], t;
	__u8 tmpl[64], a[64], b[64];
	volatile __u32 sink = 0;

	if (rounds < 1 || rounds > 64 || build(tmpl, 10000) != 64)
		return 1;
	/* equal output, every port */
	for (i = 1; i < 65536; i++) { /* port 0 is the builder's default */
		build(a, (__u16)i);
		fill(b, tmpl, (__u16)i);
		if (memcmp(a, b, 64)) {
			fprintf(stderr,
				"build_bench: outputs differ at port %d\n", i);
			return 1;
		}
	}
	for (r = 0; r < rounds; r++) {
		t = now();
		for (i = 0; i < N; i++) {
			build(a, (__u16)(i % 65535 + 1));
			sink += a[40];
		}
		tb[r] = (now() - t) / N * 1e9;
		t = now();
		for (i = 0; i < N; i++) {
			fill(b, tmpl, (__u16)(i % 65535 + 1));
			sink += b[40];
		}
		tf[r] = (now() - t) / N * 1e9;
	}
	qsort(tb, rounds, sizeof(double), cmp);
	qsort(tf, rounds, sizeof(double), cmp);
	printf("{\"build_ns\": %.1f, \"template_ns\": %.1f, \"ratio\": %.2f, "
	       "\"build_min_max\": [%.1f, %.1f], \"template_min_max\": [%.1f, "
	       "%.1f], \"rounds\": %d, \"packets_per_round\": %d}\n",
	       tb[rounds / 2], tf[rounds / 2], tb[rounds / 2] / tf[rounds / 2],
	       tb[0], tb[rounds - 1], tf[0], tf[rounds - 1], rounds, N);
	return sink == 0xdeadbeef; /* keeps the loops */
}
