// SPDX-License-Identifier: GPL-2.0
/*
 * gen IFNAME DST PORT MODE SECONDS: the load generator of the stack
 * benchmark, itself an xdpkit stack (AF_XDP, copy mode on veth) so that a
 * kernel client's ~230k datagrams/s is not the limit. 64-byte datagrams.
 *   flood: keep WINDOW (4096) datagrams unanswered, print sent/s and
 *          echoes/s
 *   blast: send only (to a port nobody answers): the generator's own rate
 *   rtt:   one datagram at a time, busy-polling for its echo; print
 *          p50/p99 in microseconds
 * Prints one JSON line.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xdpkit/stack.h>

#define WINDOW 4096
#define BATCH  64
#define SIZE   64

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
	struct xk_udp_msg m[BATCH];
	struct xk_dgram d[BATCH];
	struct xk_udp_sock *u;
	struct xk_stack *s;
	unsigned char payload[SIZE];
	unsigned long sent = 0, got = 0, lost = 0, out = 0;
	double stall = 0;
	double t0, t1, secs, *rtt = NULL;
	const char *mode;
	int i, n, nrtt = 0;

	if (argc != 6) {
		fprintf(stderr,
			"usage: %s IFNAME DST PORT flood|blast|rtt "
			"SECONDS\n",
			argv[0]);
		return 2;
	}
	mode = argv[4];
	secs = atof(argv[5]);
	if (inet_pton(AF_INET, argv[2], to.addr) != 1)
		return 2;
	to.port = htons(atoi(argv[3]));
	memset(payload, 'g', sizeof(payload));
	for (i = 0; i < BATCH; i++)
		m[i] = (struct xk_udp_msg){&to, payload, SIZE};
	s = xk_stack__open(argv[1], NULL);
	if (!s) {
		fprintf(stderr, "gen: %s\n", xk_errmsg());
		return 1;
	}
	u = xk_udp__bind(s, (struct sockaddr *)&me, sizeof(me));
	if (!u) {
		fprintf(stderr, "gen: %s\n", xk_errmsg());
		xk_stack__close(s);
		return 1;
	}
	/* resolve the next hop before timing (the first send asks) */
	xk_udp__send(u, m, 1);
	for (t0 = now(); now() - t0 < 0.3;)
		xk_udp__release(u, d, xk_udp__recv(u, d, BATCH));
	if (!strcmp(mode, "rtt"))
		rtt = calloc(2000000, sizeof(*rtt));
	t0 = now();
	while ((t1 = now()) - t0 < secs) {
		if (rtt) {
			double ts = now();

			if (xk_udp__send(u, m, 1) != 1)
				continue;
			sent++;
			while (!(n = xk_udp__recv(u, d, 1)) && now() - ts < 0.1)
				;
			if (!n) {
				lost++;
				continue;
			}
			got++;
			if (nrtt < 2000000)
				rtt[nrtt++] = (now() - ts) * 1e6;
			xk_udp__release(u, d, n);
			continue;
		}
		if (!strcmp(mode, "blast") || out < WINDOW - BATCH) {
			n = xk_udp__send(u, m, BATCH);
			if (n > 0) {
				sent += n;
				out += n;
			}
		}
		n = xk_udp__recv(u, d, BATCH);
		got += n;
		out = out > (unsigned long)n ? out - n : 0;
		xk_udp__release(u, d, n);
		if (n || out < WINDOW - BATCH) {
			stall = 0;
		} else if (!stall) {
			stall = t1;
		} else if (t1 - stall > 0.05) {
			lost += out; /* give up what is outstanding */
			out = 0;
			stall = 0;
		}
	}
	secs = t1 - t0;
	if (rtt) {
		qsort(rtt, nrtt, sizeof(*rtt), cmp);
		printf("{\"mode\": \"rtt\", \"samples\": %d, \"lost\": %lu, "
		       "\"p50_us\": %.1f, \"p99_us\": %.1f}\n",
		       nrtt, lost, nrtt ? rtt[nrtt / 2] : 0,
		       nrtt ? rtt[nrtt * 99 / 100] : 0);
	} else {
		printf("{\"mode\": \"%s\", \"seconds\": %.2f, \"sent_pps\": "
		       "%.0f, "
		       "\"echo_pps\": %.0f, \"given_up\": %lu}\n",
		       mode, secs, sent / secs, got / secs, lost);
	}
	xk_udp__close(u);
	xk_stack__close(s);
	free(rtt);
	return 0;
}
