// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * AF_XDP sockets over libxdp's xsk API: one umem per socket (so one queue's
 * thread never shares rings with another's), a per-frame state table that
 * checks every descriptor, and need_wakeup always on.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <linux/ethtool.h>
#include <linux/if_xdp.h>
#include <linux/sockios.h>
#include <bpf/bpf.h>
#include <xdp/libxdp.h>
#include <xdp/xsk.h>
#include "internal.h"
#include "xdpkit/xsk.h"

#ifndef SOL_XDP
#define SOL_XDP 283
#endif

enum { F_FREE, F_FILL, F_HELD, F_TX };

struct xk_xsk {
	struct xsk_ring_prod fill, tx;
	struct xsk_ring_cons comp, rx;
	struct xsk_umem *umem;
	struct xsk_socket *sock;
	void *area;
	size_t area_sz;
	__u32 frames, fsz, ring, fill_target, queue;
	bool zc;
	int map_fd;
	__u8 *state; /* F_* per frame */
	__u64 *free; /* stack of free frame addresses */
	__u32 nfree, nfill, nheld, ntx;
	__u64 rx_frames, tx_frames, tx_completed, bad_descs;
};

static int libxdp_print(enum libxdp_print_level level, const char *fmt,
			va_list ap)
{
	char buf[512];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	xk_log(level == LIBXDP_WARN   ? XK_PRINT_WARN
	       : level == LIBXDP_INFO ? XK_PRINT_INFO
				      : XK_PRINT_DEBUG,
	       "libxdp: %s", buf);
	return 0;
}

static inline __u32 frame_of(const struct xk_xsk *x, __u64 addr)
{
	return (__u32)(addr / x->fsz);
}

/* Move frame i from state want to state to; false (and counted) if it was
 * not in want: the descriptor is then ignored. */
static bool move(struct xk_xsk *x, __u32 i, __u8 want, __u8 to)
{
	if (i >= x->frames || x->state[i] != want) {
		x->bad_descs++;
		return false;
	}
	x->state[i] = to;
	return true;
}

static void refill(struct xk_xsk *x)
{
	__u32 want, idx, k;

	if (x->nfill >= x->fill_target || !x->nfree)
		return;
	want = x->fill_target - x->nfill;
	if (want > x->nfree)
		want = x->nfree;
	want = xsk_prod_nb_free(&x->fill, want) < want
		       ? xsk_prod_nb_free(&x->fill, want)
		       : want;
	if (!want || xsk_ring_prod__reserve(&x->fill, want, &idx) != want)
		return;
	for (k = 0; k < want; k++) {
		__u64 a = x->free[--x->nfree];

		x->state[frame_of(x, a)] = F_FILL;
		*xsk_ring_prod__fill_addr(&x->fill, idx + k) = a;
	}
	x->nfill += want;
	xsk_ring_prod__submit(&x->fill, want);
}

static int make_socket(struct xk_xsk *x, const char *ifname, bool zc)
{
	struct xsk_umem_config uc = {
		.fill_size = x->ring,
		.comp_size = x->ring,
		.frame_size = x->fsz,
		.frame_headroom = 0,
		.flags = 0,
	};
	struct xsk_socket_config sc = {
		.rx_size = x->ring,
		.tx_size = x->ring,
		.libxdp_flags = XSK_LIBXDP_FLAGS__INHIBIT_PROG_LOAD,
		.xdp_flags = 0,
		.bind_flags =
			XDP_USE_NEED_WAKEUP | (zc ? XDP_ZEROCOPY : XDP_COPY),
	};
	int err;

	err = xsk_umem__create(&x->umem, x->area, x->area_sz, &x->fill,
			       &x->comp, &uc);
	if (err)
		return xk_err(err, "cannot register a umem of %u frames: %s",
			      x->frames, strerror(-err));
	err = xsk_socket__create(&x->sock, ifname, x->queue, x->umem, &x->rx,
				 &x->tx, &sc);
	if (err) {
		/* the umem's fd carries this socket's half-made rings:
		 * a retry needs a fresh umem */
		xsk_umem__delete(x->umem);
		x->umem = NULL;
		x->sock = NULL;
	}
	return err;
}

struct xk_xsk *xk_xsk__create(const char *ifname, __u32 queue,
			      const struct xk_xsk_opts *opts)
{
	struct xk_xsk_opts oo, *o = &oo;
	struct xk_xsk *x;
	enum xk_xsk_mode mode;
	__u32 i;
	int err;

	err = XK_OPTS_IN(&oo, opts, xk_xsk_opts);
	if (err) {
		errno = -err;
		return NULL;
	}
	libxdp_set_print(libxdp_print);
	x = calloc(1, sizeof(*x));
	if (!x) {
		errno = ENOMEM;
		return NULL;
	}
	x->map_fd = -1;
	x->queue = queue;
	x->frames = o->frames ? o->frames : 4096;
	x->fsz = o->frame_size ? o->frame_size : 2048;
	x->ring = o->ring_size ? o->ring_size : 2048;
	mode = o->mode;
	if ((x->fsz != 2048 && x->fsz != 4096) || (x->ring & (x->ring - 1)) ||
	    x->frames < 2 * 8) {
		err = xk_err(-EINVAL, "AF_XDP: frame size must be 2048 or 4096 "
				      "and the ring size a power of 2");
		goto fail;
	}
	/* half the frames wait in the fill ring, the rest serve sends and
	 * frames the application holds */
	x->fill_target = x->frames / 2 < x->ring ? x->frames / 2 : x->ring;
	x->area_sz = (size_t)x->frames * x->fsz;
	x->area = mmap(NULL, x->area_sz, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	x->state = calloc(x->frames, 1);
	x->free = calloc(x->frames, sizeof(*x->free));
	if (x->area == MAP_FAILED || !x->state || !x->free) {
		if (x->area == MAP_FAILED)
			x->area = NULL;
		err = xk_err(-ENOMEM, "AF_XDP: no memory for %u frames",
			     x->frames);
		goto fail;
	}
	err = -EOPNOTSUPP;
	if (mode != XK_XSK_MODE_COPY) {
		err = make_socket(x, ifname, true);
		x->zc = !err;
		if (err && mode == XK_XSK_MODE_ZEROCOPY) {
			xk_err(err, "%s queue %u: no zero-copy AF_XDP (%s)",
			       ifname, queue, strerror(-err));
			goto fail;
		}
		if (err)
			xk_log(XK_PRINT_INFO,
			       "%s queue %u: zero-copy refused "
			       "(%s), using copy mode\n",
			       ifname, queue, strerror(-err));
	}
	/* a socket just closed on this queue keeps it busy for a moment
	 * (its teardown is deferred): retry for up to a second */
	for (i = 0; err && i < 20; i++) {
		err = make_socket(x, ifname, false);
		if (err != -EBUSY)
			break;
		usleep(50000);
	}
	if (err) {
		xk_err(err,
		       "cannot create an AF_XDP socket on %s queue %u: %s%s",
		       ifname, queue, strerror(-err),
		       err == -EBUSY	? " (a socket on this queue was just "
					  "closed, or another one is bound: retry)"
		       : err == -ENODEV ? " (no such interface here)"
					: "");
		goto fail;
	}
	for (i = 0; i < x->frames; i++)
		x->free[x->nfree++] = (__u64)(x->frames - 1 - i) * x->fsz;
	refill(x);
	return x;
fail:
	xk_xsk__destroy(x);
	errno = -err;
	return NULL;
}

void xk_xsk__destroy(struct xk_xsk *x)
{
	if (!x)
		return;
	xk_xsk__unregister(x);
	if (x->sock)
		xsk_socket__delete(x->sock);
	if (x->umem)
		xsk_umem__delete(x->umem);
	if (x->area)
		munmap(x->area, x->area_sz);
	free(x->state);
	free(x->free);
	free(x);
}

int xk_xsk__register(struct xk_xsk *x, int map_fd)
{
	int err = xsk_socket__update_xskmap(x->sock, map_fd);

	if (err)
		return xk_err(err,
			      "cannot put the AF_XDP socket of queue %u "
			      "into the XSKMAP: %s",
			      x->queue, strerror(-err));
	x->map_fd = map_fd;
	return 0;
}

int xk_xsk__unregister(struct xk_xsk *x)
{
	__u32 k = x->queue;
	int err = 0;

	if (x->map_fd < 0)
		return 0;
	if (bpf_map_delete_elem(x->map_fd, &k) && errno != ENOENT)
		err = -errno;
	x->map_fd = -1;
	return err;
}

int xk_xsk__fd(const struct xk_xsk *x)
{
	return xsk_socket__fd(x->sock);
}

__u32 xk_xsk__queue(const struct xk_xsk *x)
{
	return x->queue;
}

bool xk_xsk__zerocopy(const struct xk_xsk *x)
{
	return x->zc;
}

__u32 xk_xsk__frame_size(const struct xk_xsk *x)
{
	return x->fsz;
}

int xk_xsk__recv(struct xk_xsk *x, struct xk_xsk_desc *d, int n)
{
	__u32 idx, got, k;
	int out = 0;

	got = xsk_ring_cons__peek(&x->rx, n, &idx);
	if (!got) {
		if (xsk_ring_prod__needs_wakeup(&x->fill))
			recvfrom(xsk_socket__fd(x->sock), NULL, 0, MSG_DONTWAIT,
				 NULL, NULL);
		return 0;
	}
	for (k = 0; k < got; k++) {
		const struct xdp_desc *r =
			xsk_ring_cons__rx_desc(&x->rx, idx + k);

		if (!move(x, frame_of(x, r->addr), F_FILL, F_HELD))
			continue;
		d[out].addr = r->addr;
		d[out].len = r->len;
		d[out].queue = x->queue;
		d[out].data = xsk_umem__get_data(x->area, r->addr);
		out++;
	}
	xsk_ring_cons__release(&x->rx, got);
	x->nfill -= out;
	x->nheld += out;
	x->rx_frames += out;
	return out;
}

void xk_xsk__release(struct xk_xsk *x, const struct xk_xsk_desc *d, int n)
{
	int k;

	for (k = 0; k < n; k++) {
		__u32 i = frame_of(x, d[k].addr);

		if (!move(x, i, F_HELD, F_FREE))
			continue;
		x->free[x->nfree++] = (__u64)i * x->fsz;
		x->nheld--;
	}
	refill(x);
}

int xk_xsk__alloc(struct xk_xsk *x, struct xk_xsk_desc *d)
{
	__u64 a;

	if (!x->nfree)
		xk_xsk__complete(x);
	if (!x->nfree)
		return -ENOBUFS;
	a = x->free[--x->nfree];
	x->state[frame_of(x, a)] = F_HELD;
	x->nheld++;
	d->addr = a + XK_XSK_HEADROOM;
	d->len = x->fsz - XK_XSK_HEADROOM;
	d->queue = x->queue;
	d->data = xsk_umem__get_data(x->area, d->addr);
	return 0;
}

static __u32 used(const __u32 *prod, const __u32 *cons)
{
	return __atomic_load_n(prod, __ATOMIC_ACQUIRE) -
	       __atomic_load_n(cons, __ATOMIC_ACQUIRE);
}

void xk_xsk__kick(struct xk_xsk *x)
{
	int i;

	/* copy mode sends at most 32 frames per wakeup (EAGAIN: more
	 * left): keep waking while the ring drains, a bounded number of
	 * times, reaping completions so their ring never blocks it */
	for (i = 0; i < 64 && xsk_ring_prod__needs_wakeup(&x->tx); i++) {
		if (!used(x->tx.producer, x->tx.consumer))
			break;
		if (sendto(xsk_socket__fd(x->sock), NULL, 0, MSG_DONTWAIT, NULL,
			   0) >= 0)
			continue;
		if (errno != EAGAIN && errno != EBUSY)
			break;
		if (!xk_xsk__complete(x) && errno == EBUSY)
			break;
	}
}

int xk_xsk__send(struct xk_xsk *x, const struct xk_xsk_desc *d, int n)
{
	__u32 room, idx, k, out = 0;

	xk_xsk__complete(x);
	room = xsk_prod_nb_free(&x->tx, n);
	if ((__u32)n > room)
		n = room;
	if (n <= 0 || xsk_ring_prod__reserve(&x->tx, n, &idx) != (__u32)n) {
		xk_xsk__kick(x);
		return 0;
	}
	for (k = 0; k < (__u32)n; k++) {
		struct xdp_desc *t;

		if (!move(x, frame_of(x, d[k].addr), F_HELD, F_TX))
			continue;
		t = xsk_ring_prod__tx_desc(&x->tx, idx + out);
		t->addr = d[k].addr;
		t->len = d[k].len;
		t->options = 0;
		out++;
	}
	/* a refused descriptor leaves a reserved slot unused: give it back */
	x->tx.cached_prod -= n - out;
	xsk_ring_prod__submit(&x->tx, out);
	x->nheld -= out;
	x->ntx += out;
	x->tx_frames += out;
	xk_xsk__kick(x);
	return out;
}

int xk_xsk__complete(struct xk_xsk *x)
{
	__u32 idx, got, k, done = 0;

	got = xsk_ring_cons__peek(&x->comp, x->ring, &idx);
	for (k = 0; k < got; k++) {
		__u64 a = *xsk_ring_cons__comp_addr(&x->comp, idx + k);
		__u32 i = frame_of(x, a);

		if (!move(x, i, F_TX, F_FREE))
			continue;
		x->free[x->nfree++] = (__u64)i * x->fsz;
		done++;
	}
	if (got)
		xsk_ring_cons__release(&x->comp, got);
	x->ntx -= done;
	x->tx_completed += done;
	if (done)
		refill(x);
	return done;
}

int xk_xsk__stats(const struct xk_xsk *x, struct xk_xsk_stats *s)
{
	struct xdp_statistics st;
	socklen_t len = sizeof(st);

	memset(s, 0, sizeof(*s));
	s->rx_frames = x->rx_frames;
	s->tx_frames = x->tx_frames;
	s->tx_completed = x->tx_completed;
	s->bad_descs = x->bad_descs;
	memset(&st, 0, sizeof(st));
	if (getsockopt(xsk_socket__fd(x->sock), SOL_XDP, XDP_STATISTICS, &st,
		       &len))
		return -errno;
	s->rx_dropped = st.rx_dropped;
	s->rx_invalid_descs = st.rx_invalid_descs;
	s->tx_invalid_descs = st.tx_invalid_descs;
	s->rx_ring_full = st.rx_ring_full;
	s->rx_fill_ring_empty_descs = st.rx_fill_ring_empty_descs;
	s->tx_ring_empty_descs = st.tx_ring_empty_descs;
	return 0;
}

void xk_xsk__account(const struct xk_xsk *x, struct xk_xsk_account *a)
{
	__u32 i;

	memset(a, 0, sizeof(*a));
	a->total = x->frames;
	for (i = 0; i < x->frames; i++) {
		switch (x->state[i]) {
		case F_FREE:
			a->free++;
			break;
		case F_FILL:
			a->fill++;
			break;
		case F_HELD:
			a->held++;
			break;
		default:
			a->tx++;
			break;
		}
	}
	a->ring_fill = used(x->fill.producer, x->fill.consumer);
	a->ring_rx = used(x->rx.producer, x->rx.consumer);
	a->ring_tx = used(x->tx.producer, x->tx.consumer);
	a->ring_comp = used(x->comp.producer, x->comp.consumer);
	a->kernel_fill = a->fill - a->ring_fill - a->ring_rx;
	a->kernel_tx = a->tx - a->ring_tx - a->ring_comp;
}

int xk_iface__rx_queues(const char *ifname)
{
	struct ethtool_channels ch = {.cmd = ETHTOOL_GCHANNELS};
	struct ifreq ifr;
	int fd, n = 1;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	ifr.ifr_data = (void *)&ch;
	if (!ioctl(fd, SIOCETHTOOL, &ifr)) {
		n = ch.rx_count > ch.combined_count ? ch.rx_count
						    : ch.combined_count;
		if (n < 1)
			n = 1;
	}
	close(fd);
	return n;
}
