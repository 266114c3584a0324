// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A stack on one interface: the steering program attached through the
 * loader (pinned, owner lease claimed before the attach, so a SIGKILL at
 * any point leaves something `xdpctl clean` recognises), one AF_XDP socket
 * per queue, one epoll fd over all of them, and the receive pump that
 * checks frames and hands them to the bound sockets' backlogs.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <netinet/in.h>
#include "internal.h"
#include "xdpkit/xsk_steer.h"
#include "xsk_steer.skel.h"

#define STEER_LABEL "xsk_steer"

static int map_fd(struct xk_prog *p, const char *name)
{
	return bpf_object__find_map_fd_by_name(xk_prog__object(p), name);
}

/* Refuse to take over the steering program of a stack that is running. */
static int check_busy(struct xk_stack *s)
{
	struct xk_status *st = NULL;
	struct xk_lease l;
	int i, err = 0;

	if (xk_iface__status(s->ifindex, &st))
		return 0; /* attach will say what is wrong */
	for (i = 0; st->nifaces && i < st->ifaces[0].nprogs; i++) {
		struct xk_prog_status *p = &st->ifaces[0].progs[i];

		if (p->hook != XK_HOOK_XDP)
			continue;
		if (!xk_lease__get(p->id, &l) && xk_lease__alive(&l))
			err = xk_err(-EBUSY,
				     "a stack (pid %u) already serves "
				     "%s; stop it first",
				     l.pid, s->ifname);
	}
	xk_status__free(st);
	return err;
}

static int get_mac(const char *ifname, __u8 *mac)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), err = 0;

	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr))
		err = -errno;
	else
		memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	close(fd);
	return err;
}

struct xk_stack *xk_stack__open(const char *ifname,
				const struct xk_stack_opts *opts)
{
	struct xk_stack_opts oo, *o = &oo;
	XK_OPTS(xk_prog_open_opts, po, .label = STEER_LABEL);
	XK_OPTS(xk_xdp_opts, xo);
	XK_OPTS(xk_xsk_opts, so);
	struct epoll_event ev = {.events = EPOLLIN};
	struct xk_stack *s;
	const void *elf;
	size_t sz;
	int i, n, err;

	err = XK_OPTS_IN(&oo, opts, xk_stack_opts);
	if (err) {
		errno = -err;
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		errno = ENOMEM;
		return NULL;
	}
	s->epfd = -1;
	s->locals_fd = -1;
	snprintf(s->ifname, sizeof(s->ifname), "%s", ifname);
	s->ifindex = if_nametoindex(ifname);
	if (!s->ifindex) {
		err = xk_err(-ENODEV, "no interface %s in this namespace",
			     ifname);
		goto fail;
	}
	if ((err = get_mac(ifname, s->mac)) || (err = check_busy(s)))
		goto fail;
	elf = xsk_steer_bpf__elf_bytes(&sz);
	s->prog = xk_prog__open_mem(elf, sz, &po);
	if (!s->prog) {
		err = -errno;
		goto fail;
	}
	err = xk_prog__load(s->prog);
	if (err)
		goto fail;
	s->map_xsks = map_fd(s->prog, "xk_xsks");
	s->map_eps = map_fd(s->prog, "xk_eps");
	s->map_flows = map_fd(s->prog, "xk_flows");
	s->map_counters = map_fd(s->prog, "xk_counters");
	err = xk_lease__claim(xk_prog__fd(s->prog),
			      map_fd(s->prog, "xk_owner"));
	if (err)
		goto fail;
	/* a wildcard means this interface's own MAC and unicast addresses;
	 * subscribe before the first read, so no change falls between */
	s->map_locals = map_fd(s->prog, "xk_locals");
	s->locals_fd = xk_locals__open();
	if (s->locals_fd < 0) {
		err = xk_err(s->locals_fd, "cannot watch %s's addresses: %s",
			     ifname, strerror(-s->locals_fd));
		goto fail;
	}
	err = xk_locals__sync(s->ifindex, s->map_locals);
	if (err < 0) {
		err = xk_err(err, "cannot read %s's addresses: %s", ifname,
			     strerror(-err));
		goto fail;
	}
	{
		struct xk_steer_cfg c = {};
		__u32 zero = 0;

		memcpy(c.mac, s->mac, 6);
		if (bpf_map_update_elem(map_fd(s->prog, "xk_steer_cfg"), &zero,
					&c, BPF_ANY)) {
			err = xk_err(-errno, "cannot set the steering MAC: %m");
			goto fail;
		}
	}

	n = o->queues ? (int)o->queues : xk_iface__rx_queues(ifname);
	if (n > XK_STACK_MAX_Q)
		n = XK_STACK_MAX_Q;
	so.frames = o->frames;
	so.ring_size = o->ring_size;
	so.mode = o->xsk_mode;
	s->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (s->epfd < 0) {
		err = -errno;
		goto fail;
	}
	/* an address change wakes a sleeping stack */
	if ((err = xk_stack__add_fd(s, s->locals_fd)))
		goto fail;
	for (i = 0; i < n; i++) {
		s->q[i] = xk_xsk__create(ifname, i, &so);
		if (!s->q[i]) {
			err = -errno;
			goto fail;
		}
		s->nq++;
		err = xk_xsk__register(s->q[i], s->map_xsks);
		if (err)
			goto fail;
		ev.data.u32 = i;
		if (epoll_ctl(s->epfd, EPOLL_CTL_ADD, xk_xsk__fd(s->q[i]),
			      &ev)) {
			err = -errno;
			goto fail;
		}
	}
	s->neigh = xk_neigh__new(s->ifindex);
	if (!s->neigh) {
		err = xk_err(-errno, "cannot open rtnetlink: %m");
		goto fail;
	}
	/* last: steering starts only once every socket is in place */
	xo.mode = o->xdp_mode;
	err = xk_xdp__attach(s->ifindex, s->prog, &xo);
	if (err)
		goto fail;
	s->mode = xo.mode_used;
	s->prog_id = xo.prog_id;
	return s;
fail:
	xk_stack__close(s);
	errno = -err;
	return NULL;
}

int xk_stack__fd(const struct xk_stack *s)
{
	return s->epfd;
}

int xk_stack__queues(const struct xk_stack *s)
{
	return s->nq;
}

bool xk_stack__zerocopy(const struct xk_stack *s)
{
	return s->nq && xk_xsk__zerocopy(s->q[0]);
}

enum xk_xdp_mode xk_stack__xdp_mode(const struct xk_stack *s)
{
	return s->mode;
}

__u32 xk_stack__prog_id(const struct xk_stack *s)
{
	return s->prog_id;
}

static bool matches(const struct xk_udp_sock *u, const struct xk_dgram *d)
{
	static const __u8 any[16];

	if (u->local.port != d->local.port)
		return false;
	if (u->connected)
		return u->local.family == d->local.family &&
		       !memcmp(u->local.addr, d->local.addr, 16) &&
		       u->peer.port == d->peer.port &&
		       u->peer.family == d->peer.family &&
		       !memcmp(u->peer.addr, d->peer.addr, 16);
	if (!memcmp(u->local.addr, any, 16))
		return u->local.family == AF_INET6 ||
		       d->local.family == AF_INET;
	return u->local.family == d->local.family &&
	       !memcmp(u->local.addr, d->local.addr, 16);
}

/* Read and count what reached a reserving kernel socket (all of them
 * with u NULL): datagrams the steering program left to the kernel. */
void xk_stack__drain(struct xk_stack *s, struct xk_udp_sock *u)
{
	char buf[64];
	int i;

	for (i = 0; i < s->nudp; i++)
		if (!u || s->udp[i] == u)
			while (recv(s->udp[i]->kfd, buf, sizeof(buf),
				    MSG_DONTWAIT) >= 0)
				s->st.rx_kernel_path++;
}

/* The interface's addresses changed: xk_locals follows. */
static void locals_check(struct xk_stack *s)
{
	if (s->locals_fd >= 0 && xk_locals__changed(s->locals_fd))
		xk_locals__sync(s->ifindex, s->map_locals);
}

/* Read one batch from the next queue with frames, check each frame and
 * queue it on its socket's backlog. Returns frames read. */
int xk_stack__pump(struct xk_stack *s)
{
	struct xk_xsk_desc d[XK_STACK_BATCH];
	struct xk_dgram g;
	struct xk_l4 l4;
	int i, k, n = 0, qi = 0, j, r;

	/* address changes are rare: a look every 1024 pumps while busy,
	 * with the strays while idle (below) */
	if (!(++s->pumps & 1023))
		locals_check(s);
	for (i = 0; i < s->nq && !n; i++) {
		qi = (s->rr + i) % s->nq;
		n = xk_xsk__recv(s->q[qi], d, XK_STACK_BATCH);
	}
	s->rr = (qi + 1) % (s->nq ? s->nq : 1);
	if (!n) {
		/* strays are rare and a recv() per socket costs a syscall:
		 * look at the kernel sockets on every 64th empty pump only,
		 * not on each spin of a busy-polling caller */
		if (!(s->idle++ & 63)) {
			xk_stack__drain(s, NULL);
			locals_check(s);
		}
		return 0;
	}
	s->st.rx_frames += n;
	for (k = 0; k < n; k++) {
		struct xk_udp_sock *u = NULL;
		struct xk_backlog *b;

		r = xk_stack__verify(s, &g, d[k].data, d[k].len, &l4);
		if (r == XK_STACK_TCP) {
			xk_tcp__input(s, (__u16)qi, &d[k], &l4);
			continue;
		}
		if (r) {
			xk_xsk__release(s->q[qi], &d[k], 1);
			continue;
		}
		for (j = 0; j < s->nudp && !u; j++)
			if (matches(s->udp[j], &g))
				u = s->udp[j];
		b = u ? &u->bl : NULL;
		if (!u || b->tail - b->head > b->mask) {
			if (u)
				s->st.rx_queue_full++;
			else
				s->st.rx_no_socket++;
			xk_xsk__release(s->q[qi], &d[k], 1);
			continue;
		}
		g.queue = qi;
		g.frame = d[k].addr;
		g.room = xk_xsk__frame_size(s->q[qi]) -
			 (__u32)(d[k].addr % xk_xsk__frame_size(s->q[qi])) -
			 (__u32)((__u8 *)g.data - (__u8 *)d[k].data);
		b->v[b->tail++ & b->mask] = g;
	}
	return n;
}

/* Read every queue until empty (a bounded number of batches), then TCP's
 * timers and sends. */
int xk_stack__poll(struct xk_stack *s)
{
	int n, total = 0, rounds = 0;

	/* a TCP socket with data hands control back at once: the application
	 * reads, and the window it opens goes out before the next batch */
	do {
		n = xk_stack__pump(s);
		total += n;
	} while (n && ++rounds < 4 * (s->nq ? s->nq : 1) &&
		 !xk_tcp__has_ready(s));
	xk_tcp__poll(s);
	return total;
}

int xk_stack__alloc_tx(struct xk_stack *s, int *q, struct xk_xsk_desc *f)
{
	int i;

	for (i = 0; i < s->nq; i++) {
		if (!xk_xsk__alloc(s->q[*q], f))
			return 0;
		*q = (*q + 1) % s->nq;
	}
	return -ENOBUFS;
}

/* The endpoint keys of @a (a dual-stack wildcard has two). */
static int ep_keys(__u8 proto, const struct xk_addr *a, struct xk_steer_ep *k)
{
	static const __u8 any[16];
	bool wild = !memcmp(a->addr, any, 16);

	memset(k, 0, 2 * sizeof(*k));
	k[0].proto = k[1].proto = proto;
	k[0].port = k[1].port = a->port;
	k[0].family = a->family == AF_INET ? 4 : 6;
	memcpy(k[0].addr, a->addr, a->family == AF_INET ? 4 : 16);
	if (a->family == AF_INET6 && wild) {
		k[1].family = 4;
		return 2;
	}
	return 1;
}

static void flow_key(__u8 proto, const struct xk_addr *l,
		     const struct xk_addr *p, struct xk_steer_flow *f)
{
	memset(f, 0, sizeof(*f));
	f->proto = proto;
	f->family = l->family == AF_INET ? 4 : 6;
	f->lport = l->port;
	f->rport = p->port;
	memcpy(f->laddr, l->addr, 16);
	memcpy(f->raddr, p->addr, 16);
}

int xk_stack__steer(struct xk_stack *s, __u8 proto, bool flow,
		    const struct xk_addr *local, const struct xk_addr *peer,
		    int *nreg)
{
	const char *what = proto == IPPROTO_TCP ? "TCP" : "UDP";
	struct xk_steer_flow f;
	struct xk_steer_ep k[2];
	__u32 one = 1;
	int i, n;

	*nreg = 0;
	if (flow) {
		flow_key(proto, local, peer, &f);
		if (bpf_map_update_elem(s->map_flows, &f, &one, BPF_NOEXIST))
			return xk_err(-errno,
				      "cannot register the %s flow with the "
				      "steering program: %m",
				      what);
		*nreg = 1;
		return 0;
	}
	n = ep_keys(proto, local, k);
	for (i = 0; i < n; i++) {
		if (bpf_map_update_elem(s->map_eps, &k[i], &one, BPF_NOEXIST))
			return xk_err(-errno,
				      "cannot register %s port %u with the "
				      "steering program: %m",
				      what, ntohs(local->port));
		(*nreg)++;
	}
	return 0;
}

void xk_stack__unsteer(struct xk_stack *s, __u8 proto, bool flow,
		       const struct xk_addr *local, const struct xk_addr *peer,
		       int nreg)
{
	struct xk_steer_flow f;
	struct xk_steer_ep k[2];
	int i;

	if (flow) {
		flow_key(proto, local, peer, &f);
		if (nreg)
			bpf_map_delete_elem(s->map_flows, &f);
		return;
	}
	ep_keys(proto, local, k);
	for (i = 0; i < nreg; i++)
		bpf_map_delete_elem(s->map_eps, &k[i]);
}

/* Give a frame back to the queue it came from. */
void xk_stack__put(struct xk_stack *s, __u16 q, __u64 addr)
{
	struct xk_xsk_desc d = {.addr = addr};

	if (q < s->nq)
		xk_xsk__release(s->q[q], &d, 1);
}

__u64 xk_stack__now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ull + ts.tv_nsec / 1000000;
}

int xk_stack__add_fd(struct xk_stack *s, int fd)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.u32 = 1000};

	return epoll_ctl(s->epfd, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

void xk_stack__flush(struct xk_stack *s)
{
	int i;

	for (i = 0; i < s->nq; i++) {
		xk_xsk__complete(s->q[i]);
		xk_xsk__kick(s->q[i]);
	}
}

/* Stop steering to us, take back what sits in the rx rings and wait (up
 * to a second) for sent frames to complete. */
void xk_stack__stop(struct xk_stack *s)
{
	struct xk_xsk_desc d[XK_STACK_BATCH];
	struct xk_xsk_account a;
	__u64 until = xk_stack__now_ms() + 1000;
	int i, n;

	if (s->quiesced)
		return;
	xk_tcp__down(s); /* FIN needs the steering still in place */
	s->quiesced = true;
	xk_stack__drain(s, NULL); /* count the last strays */
	for (i = 0; i < s->nq; i++)
		xk_xsk__unregister(s->q[i]);
	for (i = 0; i < s->nq; i++) {
		while ((n = xk_xsk__recv(s->q[i], d, XK_STACK_BATCH)) > 0) {
			s->st.rx_frames += n;
			s->st.rx_no_socket += n;
			xk_xsk__release(s->q[i], d, n);
		}
		do {
			xk_xsk__complete(s->q[i]);
			xk_xsk__kick(s->q[i]);
			xk_xsk__account(s->q[i], &a);
			if (a.tx)
				usleep(1000);
		} while (a.tx && xk_stack__now_ms() < until);
	}
}

int xk_stack__check(const struct xk_stack *s)
{
	LIBBPF_OPTS(bpf_xdp_query_opts, q);
	__u32 now;

	if (bpf_xdp_query(s->ifindex, 0, &q))
		return xk_err(-errno, "cannot query %s's XDP hook: %m",
			      s->ifname);
	now = q.prog_id;
	if (now == s->prog_id)
		return 0;
	if (!now)
		return xk_err(-ENOLINK,
			      "the steering program on %s (id %u) was "
			      "detached by someone else: nothing reaches the "
			      "stack any more",
			      s->ifname, s->prog_id);
	return xk_err(-ENOLINK,
		      "the steering program on %s (id %u) was replaced by "
		      "program id %u: nothing reaches the stack any more",
		      s->ifname, s->prog_id, now);
}

void xk_stack__close(struct xk_stack *s)
{
	XK_OPTS(xk_detach_opts, dopts, .hooks = XK_HOOK_BIT(XK_HOOK_XDP),
		.prog = STEER_LABEL);
	int i;

	if (!s)
		return;
	while (s->nudp)
		xk_udp__close(s->udp[s->nudp - 1]);
	xk_stack__stop(s);
	/* only while it is still ours: whoever took the hook keeps it */
	if (s->prog_id && !xk_stack__check(s))
		xk_iface__detach(s->ifindex, &dopts);
	for (i = 0; i < s->nq; i++)
		xk_xsk__destroy(s->q[i]);
	if (s->epfd >= 0)
		close(s->epfd);
	if (s->locals_fd >= 0)
		close(s->locals_fd);
	xk_neigh__free(s->neigh);
	xk_prog__close(s->prog);
	free(s);
}

int xk_stack__stats(const struct xk_stack *s, struct xk_stack_stats *st)
{
	struct xk_xsk_stats x;
	int i, ncpu = libbpf_num_possible_cpus();
	__u64 per[ncpu > 0 ? ncpu : 1];
	__u32 k, c;

	*st = s->st;
	memset(&st->xsk, 0, sizeof(st->xsk));
	for (i = 0; i < s->nq; i++) {
		if (xk_xsk__stats(s->q[i], &x))
			continue;
		st->xsk.rx_dropped += x.rx_dropped;
		st->xsk.rx_invalid_descs += x.rx_invalid_descs;
		st->xsk.tx_invalid_descs += x.tx_invalid_descs;
		st->xsk.rx_ring_full += x.rx_ring_full;
		st->xsk.rx_fill_ring_empty_descs += x.rx_fill_ring_empty_descs;
		st->xsk.tx_ring_empty_descs += x.tx_ring_empty_descs;
		st->xsk.rx_frames += x.rx_frames;
		st->xsk.tx_frames += x.tx_frames;
		st->xsk.tx_completed += x.tx_completed;
		st->xsk.bad_descs += x.bad_descs;
	}
	memset(st->steer, 0, sizeof(st->steer));
	for (k = 0; k < XK_STEER_NR && ncpu > 0; k++) {
		if (bpf_map_lookup_elem(s->map_counters, &k, per))
			return -errno;
		for (c = 0; c < (__u32)ncpu; c++)
			st->steer[k] += per[c];
	}
	return 0;
}

int xk_stack__queue_stats(const struct xk_stack *s, int q,
			  struct xk_xsk_stats *st)
{
	if (q < 0 || q >= s->nq)
		return -EINVAL;
	return xk_xsk__stats(s->q[q], st);
}

void xk_stack__account(const struct xk_stack *s, struct xk_xsk_account *a)
{
	struct xk_xsk_account q;
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < s->nq; i++) {
		xk_xsk__account(s->q[i], &q);
		a->total += q.total;
		a->free += q.free;
		a->fill += q.fill;
		a->held += q.held;
		a->tx += q.tx;
		a->ring_fill += q.ring_fill;
		a->ring_rx += q.ring_rx;
		a->ring_tx += q.ring_tx;
		a->ring_comp += q.ring_comp;
		a->kernel_fill += q.kernel_fill;
		a->kernel_tx += q.kernel_tx;
	}
}
