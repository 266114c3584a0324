// SPDX-License-Identifier: GPL-2.0
/*
 * The stack as a TCP client, for the TCP suite:
 *
 *   tcp_client DEV ADDR PORT SEND EXPECT [user-timeout-ms [peek]]
 *
 * opens an xdpkit stack on DEV, connects to ADDR PORT through it, sends
 * SEND bytes of the test pattern, then reads until EOF and checks that
 * what came is EXPECT bytes of the pattern (a download when SEND is 0).
 * Prints one line: "ok sent N received M in S s (G Gbit/s)", or
 * "error ENAME after MS ms" (ECONNREFUSED, ECONNRESET, ETIMEDOUT, ...),
 * then the stack's TCP counters as "stat NAME VALUE" lines, and the frame
 * accounting. With "peek" it reads without copying: xk_tcp__peek() hands
 * out the data where it lies (the frames it came in), xk_tcp__consume()
 * gives it back, and it says how many pieces pointed into umem frames. Exit 0
 * for ok, 3 for an error reported, 1 for bad usage, 2 when the stack could not
 * be set up.
 *
 * The pattern: byte i is (i + 7 * (i >> 16)) & 0xff, as the suite's
 * Python peers make it.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <xdpkit/stack.h>

static __u8 pat(__u64 i)
{
	return (__u8)((i + 7 * (i >> 16)) & 0xff);
}

static __u64 now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ull + ts.tv_nsec / 1000000;
}

static const char *ename(int e)
{
	switch (e) {
	case ECONNREFUSED:
		return "ECONNREFUSED";
	case ECONNRESET:
		return "ECONNRESET";
	case ETIMEDOUT:
		return "ETIMEDOUT";
	case ECONNABORTED:
		return "ECONNABORTED";
	case ENETUNREACH:
		return "ENETUNREACH";
	case EPIPE:
		return "EPIPE";
	default:
		return strerror(e);
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_storage ss = {0};
	struct sockaddr_in6 *s6 = (void *)&ss;
	struct sockaddr_in *s4 = (void *)&ss;
	struct xk_tcp_sock *k, *ready[4];
	struct xk_xsk_account a;
	struct xk_tcp_stats st;
	struct xk_stack *s;
	socklen_t len;
	__u64 send_n, expect, sent = 0, got = 0, t0, t1;
	__u8 buf[65536];
	int err = 0, rc, i, n;
	long r;
	bool bad = false, eof = false, peek = false;
	__u64 pieces = 0;

	if (argc < 6) {
		fprintf(stderr, "usage: tcp_client DEV ADDR PORT SEND EXPECT "
				"[user-timeout-ms]\n");
		return 1;
	}
	send_n = strtoull(argv[4], NULL, 0);
	expect = strtoull(argv[5], NULL, 0);
	if (inet_pton(AF_INET, argv[2], &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(atoi(argv[3]));
		len = sizeof(*s4);
	} else if (inet_pton(AF_INET6, argv[2], &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(atoi(argv[3]));
		len = sizeof(*s6);
	} else {
		fprintf(stderr, "bad address %s\n", argv[2]);
		return 1;
	}
	s = xk_stack__open(argv[1], NULL);
	if (!s) {
		fprintf(stderr, "stack: %s\n", xk_errmsg());
		return 2;
	}
	t0 = now_ms();
	k = xk_tcp__connect(s, NULL, 0, (struct sockaddr *)&ss, len);
	if (!k) {
		printf("error %s after 0 ms (%s)\n", ename(errno), xk_errmsg());
		xk_stack__close(s);
		return 3;
	}
	if (argc > 6)
		xk_tcp__user_timeout(k, (__u32)atoi(argv[6]));
	peek = argc > 7 && !strcmp(argv[7], "peek");
	xk_tcp__want_out(k, true);
	while (!err && !eof) {
		struct pollfd pfd = {.fd = xk_stack__fd(s), .events = POLLIN};

		n = xk_tcp__ready(s, ready, 4);
		if (!n) {
			poll(&pfd, 1, 100);
			continue;
		}
		for (i = 0; i < n; i++) {
			unsigned int ev = xk_tcp__events(ready[i]);

			if (ev & XK_TCP_OUT) {
				while (sent < send_n) {
					size_t c = sizeof(buf), j;

					if (c > send_n - sent)
						c = send_n - sent;
					for (j = 0; j < c; j++)
						buf[j] = pat(sent + j);
					r = xk_tcp__send(k, buf, c);
					if (r <= 0)
						break;
					sent += r;
				}
				if (sent == send_n) {
					xk_tcp__want_out(k, false);
					xk_tcp__shutdown(k, SHUT_WR);
					send_n++; /* shut down once */
				}
			}
			while (peek) { /* zero copy: borrow, check, give back */
				struct iovec iov[16];
				size_t tot = 0;
				int m = xk_tcp__peek(k, iov, 16), v;

				r = m;
				if (m <= 0)
					break;
				for (v = 0; v < m; v++) {
					const __u8 *d = iov[v].iov_base;

					for (size_t j = 0;
					     j < iov[v].iov_len && !bad; j++)
						bad = d[j] !=
						      pat(got + tot + j);
					tot += iov[v].iov_len;
				}
				pieces += m;
				got += tot;
				if (xk_tcp__consume(k, tot)) {
					bad = true;
					break;
				}
			}
			while (!peek &&
			       (r = xk_tcp__recv(k, buf, sizeof(buf))) > 0) {
				for (__u64 j = 0; j < (__u64)r && !bad; j++)
					bad = buf[j] != pat(got + j);
				got += r;
			}
			if (r == 0)
				eof = true;
			else if (r != -EAGAIN)
				err = (int)-r;
		}
	}
	t1 = now_ms();
	if (err) {
		printf("error %s after %llu ms\n", ename(err),
		       (unsigned long long)(t1 - t0));
		rc = 3;
	} else if (bad || got != expect) {
		printf("data: received %llu bytes, %s (expected %llu of the "
		       "pattern)\n",
		       (unsigned long long)got,
		       bad ? "NOT the pattern" : "the pattern",
		       (unsigned long long)expect);
		rc = 3;
	} else {
		printf("ok sent %llu received %llu in %.3f s (%.3f Gbit/s)",
		       (unsigned long long)(send_n ? send_n - 1 : 0),
		       (unsigned long long)got, (t1 - t0) / 1e3,
		       t1 > t0 ? (got + send_n) * 8.0 / (t1 - t0) / 1e6 : 0);
		if (peek)
			printf(", zero copy: %llu pieces borrowed",
			       (unsigned long long)pieces);
		printf("\n");
		rc = 0;
	}
	xk_tcp__close(k);
	xk_stack__stop(s);
	xk_tcp__stats(s, NULL, &st);
	printf("stat retrans %llu\nstat rst_in %llu\nstat timed_out %llu\n"
	       "stat refused %llu\nstat reset %llu\nstat frames_held %llu\n"
	       "stat rx_zero_copy %llu\nstat rx_copied %llu\n",
	       (unsigned long long)st.retrans, (unsigned long long)st.rst_in,
	       (unsigned long long)st.timed_out, (unsigned long long)st.refused,
	       (unsigned long long)st.reset, (unsigned long long)st.frames_held,
	       (unsigned long long)st.rx_zero_copy,
	       (unsigned long long)st.rx_copied);
	xk_stack__account(s, &a);
	printf("frames %s\n", a.free + a.fill == a.total && !a.held && !a.tx
				      ? "balanced"
				      : "NOT BALANCED");
	xk_stack__close(s);
	return rc;
}
