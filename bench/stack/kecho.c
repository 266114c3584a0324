// SPDX-License-Identifier: GPL-2.0
/*
 * kecho PORT [spin US | busy]: the kernel baseline of the stack benchmark,
 * a UDP echo server on kernel sockets (recvmmsg/sendmmsg, batches of 64,
 * dual-stack), running until SIGTERM.
 *
 * It waits for datagrams the way the stack it is compared with does, so
 * the comparison is of equal work under equal conditions: "spin US" polls
 * without blocking for US microseconds after the last datagram and then
 * sleeps in recvmmsg, as `xdpctl stack` does by default (50 us); "busy"
 * never sleeps, as `xdpctl stack ... busy-poll`; nothing: it always sleeps.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define BATCH 64

static struct sockaddr_in6 from[BATCH];
static char buf[BATCH][2048];
static struct mmsghdr m[BATCH];
static struct iovec iov[BATCH];

static unsigned long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000ull + ts.tv_nsec / 1000;
}

/* One batch: receive (@flags), echo. Returns datagrams echoed. */
static int batch(int fd, int flags)
{
	int n, k;

	for (k = 0; k < BATCH; k++) {
		iov[k] = (struct iovec){buf[k], sizeof(buf[k])};
		memset(&m[k], 0, sizeof(m[k]));
		m[k].msg_hdr.msg_iov = &iov[k];
		m[k].msg_hdr.msg_iovlen = 1;
		m[k].msg_hdr.msg_name = &from[k];
		m[k].msg_hdr.msg_namelen = sizeof(from[k]);
	}
	n = recvmmsg(fd, m, BATCH, flags, NULL);
	if (n <= 0)
		return 0;
	for (k = 0; k < n; k++)
		iov[k].iov_len = m[k].msg_len;
	sendmmsg(fd, m, n, 0);
	return n;
}

int main(int argc, char **argv)
{
	struct sockaddr_in6 sa = {.sin6_family = AF_INET6};
	int fd, zero = 0, big = 8 << 20, busy = 0;
	long spin = -1; /* microseconds; -1: sleep at once */
	unsigned long long idle = 0, t;
	unsigned spins = 0;

	if (argc < 2)
		return 2;
	if (argc > 2 && !strcmp(argv[2], "busy"))
		busy = 1;
	else if (argc > 3 && !strcmp(argv[2], "spin"))
		spin = atol(argv[3]);
	sa.sin6_port = htons(atoi(argv[1]));
	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof(big));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("kecho: bind");
		return 1;
	}
	for (;;) {
		if (spin < 0 && !busy) {
			batch(fd, MSG_WAITFORONE);
			continue;
		}
		if (batch(fd, MSG_DONTWAIT)) {
			idle = 0;
			continue;
		}
		/* the clock only on the idle path, as the stack reads it */
		t = now_us();
		if (!idle)
			idle = t;
		if (busy || t - idle < (unsigned long long)spin) {
			/* and gives the CPU away every 8th look, as the
			 * stack's spin does (a NAPI thread on this CPU
			 * runs then) */
			if (!(++spins & 7))
				sched_yield();
			continue;
		}
		if (batch(fd, MSG_WAITFORONE))
			idle = 0;
	}
}
