// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * UDP sockets of the stack: a port reserved by a kernel socket and
 * registered with the steering program, a backlog of borrowed frames,
 * zero-copy replies built in the frame a datagram came in, and batched
 * sends.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <bpf/bpf.h>
#include "internal.h"
#include "xdpkit/xsk_steer.h"

static const __u8 any_addr[16];

int xk_addr__from_sockaddr(struct xk_addr *a, const struct sockaddr *sa,
			   socklen_t len)
{
	memset(a, 0, sizeof(*a));
	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *s4 = (const void *)sa;

		a->family = AF_INET;
		a->port = s4->sin_port;
		memcpy(a->addr, &s4->sin_addr, 4);
		return 0;
	}
	if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *s6 = (const void *)sa;

		a->family = AF_INET6;
		a->port = s6->sin6_port;
		memcpy(a->addr, &s6->sin6_addr, 16);
		return 0;
	}
	return -EAFNOSUPPORT;
}

socklen_t xk_addr__to_sockaddr(const struct xk_addr *a,
			       struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (a->family == AF_INET) {
		struct sockaddr_in *s4 = (void *)ss;

		s4->sin_family = AF_INET;
		s4->sin_port = a->port;
		memcpy(&s4->sin_addr, a->addr, 4);
		return sizeof(*s4);
	}
	struct sockaddr_in6 *s6 = (void *)ss;

	s6->sin6_family = AF_INET6;
	s6->sin6_port = a->port;
	memcpy(&s6->sin6_addr, a->addr, 16);
	return sizeof(*s6);
}

/* Take the port in the kernel, so nobody else gets it while we serve it:
 * a kernel socket of @family bound to @sa (if given) and connected to
 * @peer (if given: the kernel then refuses every other peer's datagram
 * to the port, and picks our source address). u->local is where it ended
 * up. */
static int reserve(struct xk_udp_sock *u, int family, const struct sockaddr *sa,
		   socklen_t len, const struct sockaddr *peer,
		   socklen_t peer_len)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	int zero = 0, small = 1;

	u->kfd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);
	if (u->kfd < 0)
		return xk_err(-errno, "cannot open a UDP socket: %m");
	if (family == AF_INET6 && !peer)
		setsockopt(u->kfd, IPPROTO_IPV6, IPV6_V6ONLY, &zero,
			   sizeof(zero));
	/* it only catches strays (see rx_kernel_path): keep it small */
	setsockopt(u->kfd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
	if (sa && bind(u->kfd, sa, len))
		return xk_err(-errno, "cannot reserve UDP port %u: %m",
			      ntohs(u->local.port));
	if (peer && connect(u->kfd, peer, peer_len))
		return xk_err(-errno, "cannot connect a UDP socket: %m");
	if (getsockname(u->kfd, (struct sockaddr *)&ss, &sl))
		return -errno;
	xk_addr__from_sockaddr(&u->local, (struct sockaddr *)&ss, sl);
	return 0;
}

/* Take back the steering keys u added. */
static void unregister(struct xk_udp_sock *u)
{
	xk_stack__unsteer(u->s, IPPROTO_UDP, u->connected, &u->local, &u->peer,
			  u->nreg);
	u->nreg = 0;
}

/* A socket with its backlog, in the epoll set (through its kernel
 * socket, already made by the caller in u->kfd). */
static struct xk_udp_sock *sock_new(struct xk_stack *s)
{
	struct xk_udp_sock *u;
	__u32 size = 1;

	if (s->nudp == XK_STACK_MAX_UDP) {
		errno = EMFILE;
		return NULL;
	}
	u = calloc(1, sizeof(*u));
	if (!u) {
		errno = ENOMEM;
		return NULL;
	}
	u->s = s;
	u->kfd = -1;
	/* room for every frame of every queue: the backlog never drops
	 * while the application keeps up with releases */
	while (size < 4096u * s->nq)
		size <<= 1;
	u->bl.v = calloc(size, sizeof(*u->bl.v));
	if (!u->bl.v) {
		free(u);
		errno = ENOMEM;
		return NULL;
	}
	u->bl.mask = size - 1;
	return u;
}

static void sock_free(struct xk_udp_sock *u)
{
	unregister(u);
	if (u->kfd >= 0)
		close(u->kfd);
	free(u->bl.v);
	free(u);
}

static int next_hop(struct xk_stack *s, const struct xk_addr *to,
		    struct xk_nh *nh);

struct xk_udp_sock *xk_udp__connect(struct xk_stack *s,
				    const struct sockaddr *local,
				    socklen_t local_len,
				    const struct sockaddr *peer,
				    socklen_t peer_len)
{
	struct xk_udp_sock *u;
	struct xk_nh nh;
	int err;

	u = sock_new(s);
	if (!u)
		return NULL;
	err = xk_addr__from_sockaddr(&u->peer, peer, peer_len);
	if (err)
		goto fail;
	if (local && (local->sa_family != peer->sa_family ||
		      xk_addr__from_sockaddr(&u->local, local, local_len))) {
		err = xk_err(-EAFNOSUPPORT, "local and peer addresses of a "
					    "flow must be of one family");
		goto fail;
	}
	if (peer->sa_family == AF_INET6 &&
	    IN6_IS_ADDR_V4MAPPED(
		    &((const struct sockaddr_in6 *)peer)->sin6_addr)) {
		err = xk_err(-EAFNOSUPPORT, "give an IPv4 peer as AF_INET, "
					    "not IPv4-mapped");
		goto fail;
	}
	/* the route must leave through our interface, or no reply of the
	 * flow would ever reach our sockets */
	err = xk_neigh__lookup(s->neigh, u->peer.family, u->peer.addr, &nh);
	if (err == -ENETUNREACH) {
		err = xk_err(err,
			     "the route to the peer does not go "
			     "through %s",
			     s->ifname);
		goto fail;
	}
	err = reserve(u, peer->sa_family, local, local_len, peer, peer_len);
	if (err)
		goto fail;
	u->connected = true;
	err = xk_stack__add_fd(s, u->kfd);
	if (err)
		goto fail;
	err = xk_stack__steer(s, IPPROTO_UDP, true, &u->local, &u->peer,
			      &u->nreg);
	if (err)
		goto fail;
	s->udp[s->nudp++] = u;
	return u;
fail:
	sock_free(u);
	errno = -err;
	return NULL;
}

int xk_udp__local(const struct xk_udp_sock *u, struct xk_addr *a)
{
	*a = u->local;
	return 0;
}

struct xk_udp_sock *xk_udp__bind(struct xk_stack *s, const struct sockaddr *sa,
				 socklen_t len)
{
	struct xk_udp_sock *u;
	int err;

	u = sock_new(s);
	if (!u)
		return NULL;
	err = xk_addr__from_sockaddr(&u->local, sa, len);
	if (err)
		goto fail;
	err = reserve(u, sa->sa_family, sa, len, NULL, 0);
	if (err)
		goto fail;
	err = xk_stack__add_fd(s, u->kfd);
	if (err)
		goto fail;
	err = xk_stack__steer(s, IPPROTO_UDP, false, &u->local, NULL, &u->nreg);
	if (err)
		goto fail;
	s->udp[s->nudp++] = u;
	return u;
fail:
	sock_free(u);
	errno = -err;
	return NULL;
}

void xk_udp__close(struct xk_udp_sock *u)
{
	struct xk_stack *s;
	int i;

	if (!u)
		return;
	s = u->s;
	unregister(u);
	xk_stack__drain(s, u); /* count its last strays */
	while (u->bl.head != u->bl.tail) {
		struct xk_dgram *d = &u->bl.v[u->bl.head++ & u->bl.mask];

		xk_stack__put(s, d->queue, d->frame);
	}
	for (i = 0; i < s->nudp; i++)
		if (s->udp[i] == u) {
			s->udp[i] = s->udp[--s->nudp];
			break;
		}
	sock_free(u); /* closing kfd also takes it out of the epoll set */
}

int xk_udp__recv(struct xk_udp_sock *u, struct xk_dgram *d, int n)
{
	struct xk_backlog *b = &u->bl;
	int i, k = 0;

	for (i = 0; i <= u->s->nq && b->head == b->tail; i++)
		if (!xk_stack__pump(u->s))
			break;
	while (k < n && b->head != b->tail)
		d[k++] = b->v[b->head++ & b->mask];
	u->s->st.rx_delivered += k;
	return k;
}

void xk_udp__release(struct xk_udp_sock *u, struct xk_dgram *d, int n)
{
	int i;

	for (i = 0; i < n; i++)
		xk_stack__put(u->s, d[i].queue, d[i].frame);
}

/* Queue descriptors built on queue q; what does not fit is released. */
static int flush_q(struct xk_stack *s, int q, struct xk_xsk_desc *d, int n)
{
	int sent = 0, r, tries;

	for (tries = 0; sent < n && tries < 4; tries++) {
		r = xk_xsk__send(s->q[q], d + sent, n - sent);
		sent += r;
	}
	if (sent < n) {
		s->st.tx_ring_full += n - sent;
		xk_xsk__release(s->q[q], d + sent, n - sent);
	}
	s->st.tx_sent += sent;
	return sent;
}

static int next_hop(struct xk_stack *s, const struct xk_addr *to,
		    struct xk_nh *nh)
{
	int err = xk_neigh__lookup(s->neigh, to->family, to->addr, nh);

	if (err == -EAGAIN)
		s->st.tx_no_neigh++;
	else if (err)
		s->st.tx_no_route++;
	return err;
}

int xk_udp__reply(struct xk_udp_sock *u, struct xk_dgram *d, int n)
{
	struct xk_stack *s = u->s;
	struct xk_xsk_desc out[XK_STACK_MAX_Q][XK_STACK_BATCH];
	int cnt[XK_STACK_MAX_Q] = {0};
	int i, q, sent = 0;
	struct xk_nh nh;

	for (i = 0; i < n; i++) {
		__u8 *pkt, *start;
		__u32 len;

		q = d[i].queue;
		if (q >= s->nq) {
			/* not a datagram this stack handed out: its frame
			 * is nobody's to give back */
			s->st.tx_bad_dgram++;
			continue;
		}
		if (d[i].len > d[i].room) {
			s->st.tx_too_big++;
			xk_stack__put(s, q, d[i].frame);
			continue;
		}
		if (next_hop(s, &d[i].peer, &nh)) {
			xk_stack__put(s, q, d[i].frame);
			continue;
		}
		/* back on the VLAN it came on, unless the route names one */
		if (!nh.vlan)
			nh.vlan = d[i].vlan;
		pkt = (__u8 *)d[i].data - d[i].l4_off - 8 /* udphdr */;
		len = xk_stack__build(d[i].data, d[i].len, &d[i].local,
				      &d[i].peer, &nh, s->mac, &s->ip_id,
				      &start);
		out[q][cnt[q]].addr = d[i].frame + (__s64)(start - pkt);
		out[q][cnt[q]].len = len;
		if (++cnt[q] == XK_STACK_BATCH) {
			sent += flush_q(s, q, out[q], cnt[q]);
			cnt[q] = 0;
		}
	}
	for (q = 0; q < s->nq; q++)
		if (cnt[q])
			sent += flush_q(s, q, out[q], cnt[q]);
	return sent;
}

int xk_udp__send(struct xk_udp_sock *u, const struct xk_udp_msg *m, int n)
{
	struct xk_stack *s = u->s;
	struct xk_xsk_desc out[XK_STACK_BATCH], f;
	const struct xk_addr *to;
	struct xk_addr src;
	struct xk_nh nh;
	int i, cnt = 0, sent = 0, err = 0, e, q = s->txq, fq;
	__u8 *start;

	for (i = 0; i < n; i++) {
		to = m[i].to ? m[i].to : u->connected ? &u->peer : NULL;
		if (!to) {
			err = err ? err : -EDESTADDRREQ;
			continue;
		}
		if (to->family != u->local.family &&
		    !(u->local.family == AF_INET6 && !u->connected &&
		      !memcmp(u->local.addr, any_addr, 16))) {
			err = err ? err : -EAFNOSUPPORT;
			continue;
		}
		e = next_hop(s, to, &nh);
		if (e) {
			err = err ? err : e;
			continue;
		}
		src = u->local;
		src.family = to->family;
		if (!memcmp(src.addr, any_addr, 16))
			memcpy(src.addr, nh.src, 16);
		if (!memcmp(src.addr, any_addr, 16)) {
			s->st.tx_no_route++;
			err = err ? err : -EADDRNOTAVAIL;
			continue;
		}
		fq = q;
		if (xk_stack__alloc_tx(s, &fq, &f)) {
			s->st.tx_no_frame++;
			err = err ? err : -ENOBUFS;
			continue;
		}
		if (fq != q) { /* a batch goes out on one queue */
			if (cnt)
				sent += flush_q(s, q, out, cnt);
			cnt = 0;
			q = fq;
		}
		/* no 32-bit wrap for a length near 4 GiB */
		if (m[i].len > f.len || f.len - m[i].len < XK_STACK_HDR_MAX) {
			s->st.tx_too_big++;
			xk_xsk__release(s->q[q], &f, 1);
			err = err ? err : -EMSGSIZE;
			continue;
		}
		memcpy(f.data, m[i].data, m[i].len);
		f.len = xk_stack__build(f.data, m[i].len, &src, to, &nh, s->mac,
					&s->ip_id, &start);
		f.addr -= (__u8 *)f.data - start;
		out[cnt++] = f;
		if (cnt == XK_STACK_BATCH) {
			sent += flush_q(s, q, out, cnt);
			cnt = 0;
		}
	}
	if (cnt)
		sent += flush_q(s, q, out, cnt);
	/* spread the next call's frames over the queues */
	s->txq = (q + 1) % s->nq;
	return sent ? sent : err;
}
