// SPDX-License-Identifier: GPL-2.0
/*
 * xsktx IFNAME DMAC SRC DST SIZE SECONDS: AF_XDP tx-only written plainly on
 * libxdp's xsk API, the baseline of bench-gen. One umem whose every frame
 * holds the same UDP frame (xk_build: SRC:10000 -> DST:9, SIZE bytes, to
 * DMAC from IFNAME's MAC: the frame xdpctl gen sends), one socket on queue
 * 0 in copy mode, no XDP program; the loop reaps completions, fills up to
 * 64 tx descriptors, submits and kicks when the kernel asks, until SECONDS
 * pass. Prints {"sent": N, "seconds": S}.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/if_xdp.h>
#include <xdp/xsk.h>
#include <xdpkit/compose.h>

#define FRAMES 4096
#define FSZ    2048
#define RING   2048
#define BATCH  64

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct xsk_umem_config uc = {RING, RING, FSZ, 0, 0};
	struct xsk_socket_config sc = {
		.rx_size = RING,
		.tx_size = RING,
		.libxdp_flags = XSK_LIBXDP_FLAGS__INHIBIT_PROG_LOAD,
		.bind_flags = XDP_USE_NEED_WAKEUP | XDP_COPY,
	};
	static __u8 pay[4096];
	struct xsk_ring_prod fill, tx;
	struct xsk_ring_cons comp, rx;
	struct xsk_umem *umem;
	struct xsk_socket *xsk;
	unsigned int v[6], i;
	__u8 frame[4096], mac[6];
	__u64 sent = 0, next = 0, inflight = 0;
	struct ifreq ifr;
	double t0, secs;
	int size, len, fd, err;
	void *area;

	if (argc != 7) {
		fprintf(stderr,
			"usage: xsktx IFNAME DMAC SRC DST SIZE SECONDS\n");
		return 1;
	}
	size = atoi(argv[5]);
	secs = atof(argv[6]);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[1]);
	if (fd < 0 || ioctl(fd, SIOCGIFHWADDR, &ifr) ||
	    sscanf(argv[2], "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3],
		   &v[4], &v[5]) != 6) {
		fprintf(stderr, "xsktx: %s or %s: bad\n", argv[1], argv[2]);
		return 1;
	}
	close(fd);
	for (i = 0; i < 6; i++)
		mac[i] = (__u8)v[i];
	for (i = 0; i < sizeof(pay); i++)
		pay[i] = (__u8)('a' + i % 26);
	len = xk_build(
		frame, sizeof(frame), XK_ETH(),
		XK_IP4(.src = argv[3], .dst = argv[4], .frag_off = 0x4000),
		XK_UDP(.sport = 10000, .dport = 9),
		XK_RAW(pay, (__u32)(size - 42)));
	if (len != size) {
		fprintf(stderr, "xsktx: the frame did not build (%d)\n", len);
		return 1;
	}
	memcpy(frame, mac, 6);
	memcpy(frame + 6, ifr.ifr_hwaddr.sa_data, 6);
	area = mmap(NULL, (size_t)FRAMES * FSZ, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (area == MAP_FAILED)
		return 1;
	for (i = 0; i < FRAMES; i++)
		memcpy((__u8 *)area + (size_t)i * FSZ, frame, len);
	/* a socket just closed on the queue keeps it busy for a moment */
	for (i = 0; i < 20; i++) {
		err = xsk_umem__create(&umem, area, (size_t)FRAMES * FSZ, &fill,
				       &comp, &uc);
		if (!err)
			err = xsk_socket__create(&xsk, argv[1], 0, umem, &rx,
						 &tx, &sc);
		if (err != -EBUSY)
			break;
		xsk_umem__delete(umem);
		usleep(50000);
	}
	if (err) {
		fprintf(stderr, "xsktx: AF_XDP socket: %s\n", strerror(-err));
		return 1;
	}
	t0 = now();
	while (now() - t0 < secs) {
		__u32 idx, n, k;

		n = xsk_ring_cons__peek(&comp, RING, &idx);
		if (n) {
			xsk_ring_cons__release(&comp, n);
			inflight -= n;
		}
		k = FRAMES - inflight < BATCH ? (__u32)(FRAMES - inflight)
					      : BATCH;
		if (k && xsk_ring_prod__reserve(&tx, k, &idx) == k) {
			for (i = 0; i < k; i++) {
				struct xdp_desc *d =
					xsk_ring_prod__tx_desc(&tx, idx + i);

				d->addr = (next++ % FRAMES) * FSZ;
				d->len = (__u32)len;
			}
			xsk_ring_prod__submit(&tx, k);
			inflight += k;
			sent += k;
		}
		if (xsk_ring_prod__needs_wakeup(&tx))
			sendto(xsk_socket__fd(xsk), NULL, 0, MSG_DONTWAIT, NULL,
			       0);
	}
	secs = now() - t0;
	printf("{\"sent\": %llu, \"seconds\": %.3f}\n",
	       (unsigned long long)sent, secs);
	xsk_socket__delete(xsk);
	xsk_umem__delete(umem);
	return 0;
}
