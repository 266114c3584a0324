// SPDX-License-Identifier: GPL-2.0
/*
 * kecho PORT: the kernel baseline of the stack benchmark, a UDP echo server
 * on kernel sockets (recvmmsg/sendmmsg, batches of 64, dual-stack),
 * running until SIGTERM.
 */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define BATCH 64

int main(int argc, char **argv)
{
	struct sockaddr_in6 sa = {.sin6_family = AF_INET6}, from[BATCH];
	static char buf[BATCH][2048];
	struct mmsghdr m[BATCH];
	struct iovec iov[BATCH];
	int fd, n, k, zero = 0, big = 8 << 20;

	if (argc != 2)
		return 2;
	sa.sin6_port = htons(atoi(argv[1]));
	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof(big));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("kecho: bind");
		return 1;
	}
	for (;;) {
		for (k = 0; k < BATCH; k++) {
			iov[k] = (struct iovec){buf[k], sizeof(buf[k])};
			memset(&m[k], 0, sizeof(m[k]));
			m[k].msg_hdr.msg_iov = &iov[k];
			m[k].msg_hdr.msg_iovlen = 1;
			m[k].msg_hdr.msg_name = &from[k];
			m[k].msg_hdr.msg_namelen = sizeof(from[k]);
		}
		n = recvmmsg(fd, m, BATCH, MSG_WAITFORONE, NULL);
		if (n <= 0)
			continue;
		for (k = 0; k < n; k++)
			iov[k].iov_len = m[k].msg_len;
		sendmmsg(fd, m, n, 0);
	}
}
