// SPDX-License-Identifier: GPL-2.0
/*
 * udp_flood ADDR PORT COUNT [WINDOW [SIZE]]: send COUNT numbered datagrams
 * (sendmmsg batches of up to 64) with at most WINDOW unanswered, and check
 * every echo: each sequence number seen once, payload intact. When answers
 * stop for 200 ms the unanswered ones are given up as lost, so the run
 * ends even if something drops. Prints one JSON line:
 *   {"sent":..,"echoed":..,"lost":..,"dups":..,"corrupt":..,"seconds":..}
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void fill(unsigned char *p, unsigned size, unsigned long seq)
{
	unsigned i;

	memcpy(p, &seq, sizeof(seq));
	for (i = sizeof(seq); i < size; i++)
		p[i] = (unsigned char)(seq + i);
}

int main(int argc, char **argv)
{
	unsigned long count, sent = 0, echoed = 0, lost = 0, dups = 0,
			     corrupt = 0, inflight = 0, seq, i;
	unsigned window = argc > 4 ? atoi(argv[4]) : 256;
	unsigned size = argc > 5 ? atoi(argv[5]) : 64;
	unsigned char sbuf[BATCH][2048], rbuf[BATCH][2048], *seen, chk[2048];
	struct mmsghdr smsg[BATCH], rmsg[BATCH];
	struct iovec siov[BATCH], riov[BATCH];
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd, n, k, rcvbuf = 8 << 20;
	double t0, last;

	if (argc < 4 || size < 8 || size > 1400 || !window) {
		fprintf(stderr, "usage: %s ADDR PORT COUNT [WINDOW [SIZE]]\n",
			argv[0]);
		return 2;
	}
	count = strtoul(argv[3], NULL, 0);
	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, argv[1],
		      &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
		ss.ss_family = AF_INET;
		((struct sockaddr_in *)&ss)->sin_port = htons(atoi(argv[2]));
		sl = sizeof(struct sockaddr_in);
	} else if (inet_pton(AF_INET6, argv[1],
			     &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		ss.ss_family = AF_INET6;
		((struct sockaddr_in6 *)&ss)->sin6_port = htons(atoi(argv[2]));
		sl = sizeof(struct sockaddr_in6);
	} else {
		fprintf(stderr, "bad address %s\n", argv[1]);
		return 2;
	}
	seen = calloc(count / 8 + 1, 1);
	fd = socket(ss.ss_family, SOCK_DGRAM, 0);
	if (!seen || fd < 0 || connect(fd, (struct sockaddr *)&ss, sl)) {
		perror("udp_flood: socket");
		return 2;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	for (k = 0; k < BATCH; k++) {
		siov[k] = (struct iovec){sbuf[k], size};
		riov[k] = (struct iovec){rbuf[k], sizeof(rbuf[k])};
		memset(&smsg[k], 0, sizeof(smsg[k]));
		memset(&rmsg[k], 0, sizeof(rmsg[k]));
		smsg[k].msg_hdr.msg_iov = &siov[k];
		smsg[k].msg_hdr.msg_iovlen = 1;
		rmsg[k].msg_hdr.msg_iov = &riov[k];
		rmsg[k].msg_hdr.msg_iovlen = 1;
	}
	t0 = last = now();
	while (sent < count || inflight) {
		unsigned long room = window > inflight ? window - inflight : 0;

		n = room > BATCH ? BATCH : room;
		if ((unsigned long)n > count - sent)
			n = count - sent;
		if (n > 0) {
			for (k = 0; k < n; k++)
				fill(sbuf[k], size, sent + k);
			n = sendmmsg(fd, smsg, n, 0);
			if (n < 0) {
				perror("udp_flood: sendmmsg");
				return 2;
			}
			sent += n;
			inflight += n;
		}
		n = recvmmsg(fd, rmsg, BATCH, MSG_DONTWAIT, NULL);
		if (n <= 0) {
			struct pollfd p = {fd, POLLIN, 0};

			if (room && sent < count)
				continue;
			if (poll(&p, 1, 20) == 0 && now() - last > 0.2) {
				lost += inflight; /* give them up */
				inflight = 0;
				last = now();
			}
			continue;
		}
		last = now();
		for (k = 0; k < n; k++) {
			if (rmsg[k].msg_len != size) {
				corrupt++;
				continue;
			}
			memcpy(&seq, rbuf[k], sizeof(seq));
			fill(chk, size, seq);
			if (seq >= sent || memcmp(chk, rbuf[k], size)) {
				corrupt++;
				continue;
			}
			if (seen[seq / 8] & (1 << (seq % 8))) {
				dups++;
				continue;
			}
			seen[seq / 8] |= 1 << (seq % 8);
			echoed++;
			if (inflight)
				inflight--;
		}
	}
	/* echoes of datagrams given up as lost that came late */
	for (i = 0, seq = 0; i < count; i++)
		seq += !!(seen[i / 8] & (1 << (i % 8)));
	printf("{\"sent\": %lu, \"echoed\": %lu, \"lost\": %lu, \"dups\": %lu, "
	       "\"corrupt\": %lu, \"seconds\": %.3f}\n",
	       sent, seq, sent - seq, dups, corrupt, now() - t0);
	(void)echoed;
	(void)lost;
	return 0;
}
