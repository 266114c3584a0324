// SPDX-License-Identifier: GPL-2.0
/*
 * rtt IFNAME DST PORT SECONDS: the round-trip half of the stack benchmark,
 * a closed-loop ping-pong client that is itself an xdpkit stack (AF_XDP,
 * copy mode on veth): one 64-byte datagram at a time, busy-polling for its
 * echo. Prints one JSON line with p50/p99 in microseconds. (Capacity is
 * measured by flood.c, an open-loop generator that is not the bottleneck.)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xdpkit/stack.h>

#define MAX_SAMPLES 2000000
#define SIZE	    64

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	struct sockaddr_in6 me = {.sin6_family = AF_INET6,
				  .sin6_port = htons(40001)};
	struct xk_addr to = {.family = AF_INET};
	struct xk_udp_msg m;
	struct xk_dgram d[64];
	struct xk_udp_sock *u;
	struct xk_stack *s;
	unsigned char payload[SIZE];
	unsigned long lost = 0;
	double t0, ts, secs, *rtt;
	int n, nrtt = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: %s IFNAME DST PORT SECONDS\n", argv[0]);
		return 2;
	}
	secs = atof(argv[4]);
	if (inet_pton(AF_INET, argv[2], to.addr) != 1)
		return 2;
	to.port = htons(atoi(argv[3]));
	memset(payload, 'g', sizeof(payload));
	m = (struct xk_udp_msg){&to, payload, SIZE};
	rtt = calloc(MAX_SAMPLES, sizeof(*rtt));
	if (!rtt)
		return 1;
	s = xk_stack__open(argv[1], NULL);
	if (!s) {
		fprintf(stderr, "rtt: %s\n", xk_errmsg());
		return 1;
	}
	u = xk_udp__bind(s, (struct sockaddr *)&me, sizeof(me));
	if (!u) {
		fprintf(stderr, "rtt: %s\n", xk_errmsg());
		xk_stack__close(s);
		return 1;
	}
	/* resolve the next hop before timing (the first send asks) */
	xk_udp__send(u, &m, 1);
	for (t0 = now(); now() - t0 < 0.3;)
		xk_udp__release(u, d, xk_udp__recv(u, d, 64));
	for (t0 = now(); now() - t0 < secs;) {
		ts = now();
		if (xk_udp__send(u, &m, 1) != 1)
			continue;
		while (!(n = xk_udp__recv(u, d, 1)) && now() - ts < 0.1)
			;
		if (!n) {
			lost++;
			continue;
		}
		if (nrtt < MAX_SAMPLES)
			rtt[nrtt++] = (now() - ts) * 1e6;
		xk_udp__release(u, d, n);
	}
	qsort(rtt, nrtt, sizeof(*rtt), cmp);
	printf("{\"samples\": %d, \"lost\": %lu, \"p50_us\": %.1f, "
	       "\"p99_us\": %.1f}\n",
	       nrtt, lost, nrtt ? rtt[nrtt / 2] : 0,
	       nrtt ? rtt[nrtt * 99 / 100] : 0);
	xk_udp__close(u);
	xk_stack__close(s);
	free(rtt);
	return 0;
}
