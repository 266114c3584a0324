// SPDX-License-Identifier: GPL-2.0
/*
 * TCP benchmark peers, kernel sockets on both ends of the comparison:
 *
 *   tcpb serve PORT              kernel echo on PORT, kernel sink on PORT+1:
 *                                the baseline xdpctl stack tcp-echo/tcp-sink
 *                                is compared with. Spins on non-blocking
 *                                sockets, as the stack does with busy-poll.
 *   tcpb rr ADDR PORT SECS       one connection, 64-byte request, 64-byte
 *                                answer, again: prints "rr N p50 P50 p99 P99"
 *                                (microseconds); checks every answer
 *   tcpb bulk ADDR PORT SECS     one stream into a sink for SECS, then FIN
 *                                and wait for the sink's close: prints
 *                                "bulk BYTES SECONDS GBITS"
 *   tcpb crr ADDR PORT SECS      connect, 64 bytes each way, close, again:
 *                                prints "crr N PER_SECOND"
 *
 * The client spins too (non-blocking recv), so neither server is measured
 * waking a sleeping client.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int addr_of(const char *a, int port, struct sockaddr_storage *ss,
		   socklen_t *len)
{
	struct sockaddr_in6 *s6 = (void *)ss;
	struct sockaddr_in *s4 = (void *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, a, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		*len = sizeof(*s4);
		return 0;
	}
	if (inet_pton(AF_INET6, a, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		*len = sizeof(*s6);
		return 0;
	}
	return -1;
}

static int dial(const char *a, int port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, one = 1;

	if (addr_of(a, port, &ss, &len))
		return -1;
	fd = socket(ss.ss_family, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (struct sockaddr *)&ss, len)) {
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

/* read exactly n bytes, spinning */
static int read_n(int fd, char *b, int n)
{
	int got = 0, r;

	while (got < n) {
		r = (int)recv(fd, b + got, n - got, 0);
		if (r > 0)
			got += r;
		else if (r == 0 || (errno != EAGAIN && errno != EINTR))
			return -1;
	}
	return 0;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int rr(const char *a, int port, double secs)
{
	char req[64], ans[64];
	size_t cap = 1 << 22, n = 0;
	double *v = malloc(cap * sizeof(*v)), t0, t1, end;
	int fd = dial(a, port), i;

	if (fd < 0 || !v) {
		perror("rr: connect");
		return 1;
	}
	end = now() + secs;
	for (i = 0; now() < end && n < cap; i++) {
		memset(req, 'a' + i % 26, sizeof(req));
		t0 = now();
		if (send(fd, req, sizeof(req), 0) != sizeof(req) ||
		    read_n(fd, ans, sizeof(ans))) {
			fprintf(stderr, "rr: connection failed\n");
			return 1;
		}
		t1 = now();
		if (memcmp(req, ans, sizeof(req))) {
			fprintf(stderr, "rr: the answer differs\n");
			return 1;
		}
		/* the first 100 warm caches and neighbour entries up */
		if (i >= 100)
			v[n++] = (t1 - t0) * 1e6;
	}
	qsort(v, n, sizeof(*v), cmp_d);
	printf("rr %zu p50 %.1f p99 %.1f\n", n, n ? v[n / 2] : 0,
	       n ? v[n * 99 / 100] : 0);
	close(fd);
	return 0;
}

static int bulk(const char *a, int port, double secs)
{
	static char buf[1 << 16];
	double t0, end;
	long long sent = 0;
	ssize_t r;
	int fd = dial(a, port);

	if (fd < 0) {
		perror("bulk: connect");
		return 1;
	}
	memset(buf, 'x', sizeof(buf));
	t0 = now();
	end = t0 + secs;
	while (now() < end) {
		r = send(fd, buf, sizeof(buf), 0);
		if (r > 0)
			sent += r;
		else if (r < 0 && errno != EAGAIN && errno != EINTR) {
			perror("bulk: send");
			return 1;
		}
	}
	shutdown(fd, SHUT_WR);
	/* the sink closes after it read everything */
	for (;;) {
		r = recv(fd, buf, sizeof(buf), 0);
		if (r == 0)
			break;
		if (r < 0 && errno != EAGAIN && errno != EINTR) {
			perror("bulk: waiting for the sink");
			return 1;
		}
	}
	end = now();
	printf("bulk %lld %.3f %.3f\n", sent, end - t0,
	       sent * 8 / (end - t0) / 1e9);
	close(fd);
	return 0;
}

static int crr(const char *a, int port, double secs)
{
	char req[64], ans[64];
	double t0 = now(), end = t0 + secs;
	long n = 0;
	int fd;

	memset(req, 'c', sizeof(req));
	while (now() < end) {
		fd = dial(a, port);
		if (fd < 0) {
			perror("crr: connect");
			return 1;
		}
		if (send(fd, req, sizeof(req), 0) != sizeof(req) ||
		    read_n(fd, ans, sizeof(ans)) ||
		    memcmp(req, ans, sizeof(ans))) {
			fprintf(stderr, "crr: exchange failed\n");
			return 1;
		}
		close(fd);
		n++;
	}
	printf("crr %ld %.0f\n", n, n / (now() - t0));
	return 0;
}

/* ---- the kernel server ---- */

#define MAXC 1024
struct kconn {
	int fd;
	int sink;
	char pend[1 << 16];
	int npend;
};

static int listener(int port)
{
	struct sockaddr_in6 s6 = {.sin6_family = AF_INET6,
				  .sin6_port = htons(port)};
	int fd = socket(AF_INET6, SOCK_STREAM, 0), one = 1, zero = 0;

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	if (fd < 0 || bind(fd, (struct sockaddr *)&s6, sizeof(s6)) ||
	    listen(fd, 128)) {
		perror("serve: listen");
		exit(2);
	}
	fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

static int serve(int port)
{
	static struct kconn c[MAXC];
	static char buf[1 << 16];
	int l[2] = {listener(port), listener(port + 1)}, n = 0, i, k, fd,
	    one = 1;
	ssize_t r;

	signal(SIGPIPE, SIG_IGN);
	printf("serving echo %d sink %d\n", port, port + 1);
	fflush(stdout);
	for (;;) {
		for (k = 0; k < 2; k++)
			while (n < MAXC &&
			       (fd = accept(l[k], NULL, NULL)) >= 0) {
				fcntl(fd, F_SETFL, O_NONBLOCK);
				setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
					   sizeof(one));
				c[n].fd = fd;
				c[n].sink = k;
				c[n].npend = 0;
				n++;
			}
		for (i = 0; i < n; i++) {
			struct kconn *x = &c[i];
			int done = 0;

			if (x->npend) {
				r = send(x->fd, x->pend, x->npend, 0);
				if (r > 0) {
					memmove(x->pend, x->pend + r,
						x->npend - r);
					x->npend -= (int)r;
				}
				if (x->npend)
					continue;
			}
			r = recv(x->fd, x->sink ? buf : x->pend,
				 x->sink ? sizeof(buf) : sizeof(x->pend), 0);
			if (r > 0 && !x->sink) {
				x->npend = (int)r;
				r = send(x->fd, x->pend, x->npend, 0);
				if (r > 0) {
					memmove(x->pend, x->pend + r,
						x->npend - r);
					x->npend -= (int)r;
				}
			} else if (r == 0 || (r < 0 && errno != EAGAIN &&
					      errno != EINTR)) {
				done = 1;
			}
			if (done) {
				close(x->fd);
				c[i--] = c[--n];
			}
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "serve"))
		return serve(atoi(argv[2]));
	if (argc >= 5 && !strcmp(argv[1], "rr"))
		return rr(argv[2], atoi(argv[3]), atof(argv[4]));
	if (argc >= 5 && !strcmp(argv[1], "bulk"))
		return bulk(argv[2], atoi(argv[3]), atof(argv[4]));
	if (argc >= 5 && !strcmp(argv[1], "crr"))
		return crr(argv[2], atoi(argv[3]), atof(argv[4]));
	fprintf(stderr,
		"usage: tcpb serve PORT | rr|bulk|crr ADDR PORT SECS\n");
	return 1;
}
