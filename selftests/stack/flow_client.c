// SPDX-License-Identifier: GPL-2.0
/*
 * flow_client IFNAME PEER PORT COUNT BURST HOLD [QUEUES]: a client of the
 * xdpkit stack on IFNAME, through a connected flow (xk_udp__connect) to a
 * kernel UDP echo server at PEER:PORT.
 *   1. API errors: connecting to a peer routed through another interface
 *      (127.0.0.1, via lo) gives -ENETUNREACH; sending with no address on
 *      a socket that is not connected gives -EDESTADDRREQ.
 *   2. COUNT ping-pongs, each echo checked byte for byte.
 *   3. BURST datagrams in one xk_udp__send call, more than one queue's
 *      free frames: all must be accepted (frames from every queue); late
 *      echoes of them are counted, not required.
 *   4. HOLD seconds receiving: anything that arrives now is unexpected
 *      (a stray to our port must stay with the kernel).
 * The first stdout line, printed once connected, is {"local": ADDR,
 * "lport": N}; the last a JSON report. Exit 0 if the run could be made.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xdpkit/stack.h>

#define MAXQ 8

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static socklen_t to_sa(const char *addr, int port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *s4 = (void *)ss;
	struct sockaddr_in6 *s6 = (void *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		return sizeof(*s4);
	}
	if (inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		return sizeof(*s6);
	}
	return 0;
}

/* Wait up to secs for one datagram; 1 if one came (left in *d). */
static int wait1(struct xk_udp_sock *u, struct xk_dgram *d, double secs)
{
	double t0 = now();

	while (now() - t0 < secs)
		if (xk_udp__recv(u, d, 1) == 1)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	XK_OPTS(xk_stack_opts, so);
	struct sockaddr_storage peer, lo, any;
	socklen_t plen, lolen, anylen;
	struct xk_udp_sock *u, *v;
	struct xk_udp_msg *m;
	struct xk_stack_stats st;
	struct xk_xsk_account a;
	struct xk_xsk_stats qs;
	struct xk_stack *s;
	struct xk_dgram d;
	struct xk_addr me;
	char buf[64], la[INET6_ADDRSTRLEN];
	unsigned char(*burst)[32];
	int count, nburst, i, r, echoed = 0, bad = 0, late = 0, unexpected = 0;
	int lost = 0;
	int unreach, nodest, accepted;
	double hold, t0;
	__u64 qtx[MAXQ] = {0};

	if (argc < 7 || argc > 8) {
		fprintf(stderr,
			"usage: %s IFNAME PEER PORT COUNT BURST HOLD "
			"[QUEUES]\n",
			argv[0]);
		return 2;
	}
	plen = to_sa(argv[2], atoi(argv[3]), &peer);
	count = atoi(argv[4]);
	nburst = atoi(argv[5]);
	hold = atof(argv[6]);
	so.queues = argc == 8 ? atoi(argv[7]) : 0;
	if (!plen) {
		fprintf(stderr, "flow_client: bad address %s\n", argv[2]);
		return 2;
	}
	s = xk_stack__open(argv[1], &so);
	if (!s) {
		fprintf(stderr, "flow_client: %s\n", xk_errmsg());
		return 1;
	}

	/* 1. API errors */
	lolen = to_sa(peer.ss_family == AF_INET ? "127.0.0.1" : "::1", 9, &lo);
	v = xk_udp__connect(s, NULL, 0, (struct sockaddr *)&lo, lolen);
	unreach = v ? 0 : -errno;
	xk_udp__close(v);
	anylen = to_sa(peer.ss_family == AF_INET ? "0.0.0.0" : "::", 0, &any);
	v = xk_udp__bind(s, (struct sockaddr *)&any, anylen);
	nodest = v ? xk_udp__send(v, &(struct xk_udp_msg){NULL, "x", 1}, 1)
		   : -errno;
	xk_udp__close(v);

	u = xk_udp__connect(s, NULL, 0, (struct sockaddr *)&peer, plen);
	if (!u) {
		fprintf(stderr, "flow_client: %s\n", xk_errmsg());
		xk_stack__close(s);
		return 1;
	}
	xk_udp__local(u, &me);
	inet_ntop(me.family, me.addr, la, sizeof(la));
	printf("{\"local\": \"%s\", \"lport\": %u, \"queues\": %d}\n", la,
	       ntohs(me.port), xk_stack__queues(s));
	fflush(stdout);

	/* 2. ping-pong; the first send may wait for the next hop (-EAGAIN
	 * while the kernel resolves it); 10 s for the whole phase */
	t0 = now();
	for (i = 0; i < count && now() - t0 < 10; i++) {
		int len = snprintf(buf, sizeof(buf), "flow %d", i), got = 0;

		while (!got && now() - t0 < 10) {
			r = xk_udp__send(
				u, &(struct xk_udp_msg){NULL, buf, len}, 1);
			if (r != 1) {
				usleep(50000);
				continue;
			}
			got = wait1(u, &d, 0.2);
			lost += !got;
		}
		if (!got)
			continue;
		if (d.len == (__u32)len && !memcmp(d.data, buf, len) &&
		    d.peer.port == ((struct sockaddr_in *)&peer)->sin_port)
			echoed++;
		else
			bad++;
		xk_udp__release(u, &d, 1);
	}

	/* 3. one burst over more frames than a queue has free */
	burst = calloc(nburst, sizeof(*burst));
	m = calloc(nburst, sizeof(*m));
	for (i = 0; i < nburst; i++) {
		snprintf((char *)burst[i], sizeof(burst[i]), "burst %d", i);
		m[i] = (struct xk_udp_msg){NULL, burst[i], 16};
	}
	accepted = nburst ? xk_udp__send(u, m, nburst) : 0;
	for (t0 = now(); now() - t0 < 0.5;) {
		if (!xk_udp__recv(u, &d, 1)) {
			xk_stack__flush(s);
			continue;
		}
		if (d.len == 16 && !memcmp(d.data, "burst ", 6))
			late++;
		else
			unexpected++;
		xk_udp__release(u, &d, 1);
	}

	/* 4. hold: nothing more may come to us */
	for (t0 = now(); now() - t0 < hold;) {
		if (!xk_udp__recv(u, &d, 1)) {
			xk_stack__flush(s);
			continue;
		}
		unexpected++;
		xk_udp__release(u, &d, 1);
	}

	xk_udp__close(u);
	xk_stack__stop(s);
	xk_stack__stats(s, &st);
	xk_stack__account(s, &a);
	printf("{\"unreach\": %d, \"nodest\": %d, \"echoed\": %d, \"lost\": "
	       "%d, \"bad\": %d, \"burst\": %d, \"accepted\": %d, \"late\": "
	       "%d, "
	       "\"unexpected\": %d, \"rx_no_socket\": %llu, \"tx_no_frame\": "
	       "%llu, \"tx_ring_full\": %llu, \"redirected\": %llu, "
	       "\"balanced\": %s, \"queue_tx\": [",
	       unreach, nodest, echoed, lost, bad, nburst, accepted, late,
	       unexpected, (unsigned long long)st.rx_no_socket,
	       (unsigned long long)st.tx_no_frame,
	       (unsigned long long)st.tx_ring_full,
	       (unsigned long long)st.steer[1],
	       a.free + a.fill == a.total && !a.held && !a.tx ? "true"
							      : "false");
	for (i = 0; i < xk_stack__queues(s) && i < MAXQ; i++) {
		if (!xk_stack__queue_stats(s, i, &qs))
			qtx[i] = qs.tx_frames;
		printf("%s%llu", i ? ", " : "", (unsigned long long)qtx[i]);
	}
	printf("]}\n");
	xk_stack__close(s);
	free(burst);
	free(m);
	return 0;
}
