// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * TCP of the stack: lwIP 2.1 (Debian's liblwip) through its raw API, under
 * our AF_XDP queues and steering program.
 *
 * One lwIP per process (its state is global): lwip_init() once, no tcpip
 * thread, its timers run from xk_stack__poll() (sys_check_timeouts), and
 * a timerfd in the stack's epoll set wakes a sleeping caller for them.
 * Debian's lwipopts.h fixes what that lwIP does; what it implies here:
 *  - NO_SYS=0 with core locking: the core-lock assertion only fires once
 *    a tcpip thread exists, and none is started, so one thread (the
 *    stack's) may call lwIP without taking the lock.
 *  - MEM_LIBC_MALLOC/MEMP_MEM_MALLOC: pcbs, segments and pbufs come from
 *    malloc; no pool runs dry before memory does. TCP_LISTEN_BACKLOG is
 *    off, so a listener's backlog is ours (a queue of accepted pcbs).
 *  - TCP_MSS 1460, TCP_WND and TCP_SND_BUF 64 KiB (window scaling on with
 *    factor 1, but the window stays 64 KiB): a connection moves at most
 *    64 KiB per round trip.
 *  - Software checksums both ways; lwIP checks them again after us.
 *  - ARP, IPv6 ND/MLD/autoconfig are compiled in. Our netif does not use
 *    them: no ETHARP flag, output through our own functions, router
 *    solicitations off, addresses set VALID by hand (no DAD), and any
 *    non-TCP packet lwIP still emits is dropped and counted (tx_not_tcp).
 *  - LWIP_RAND is rand(): seeded from getrandom() at init, as lwIP picks
 *    its initial local ports with it (its initial sequence numbers come
 *    from a counter and its tick: predictable, a known lwIP limit).
 *
 * Receive: a steered segment, checked here (checksum, options, flags, RST
 * sequence; a data offset below 5 is never steered: the steering program
 * cannot parse it, counts it unparsed and leaves it to the kernel) and
 * counted by name when dropped, goes to
 * lwIP as a custom pbuf over its umem frame: no copy; freeing the pbuf
 * gives the frame back. lwIP may hold a frame for long (out-of-order data,
 * unread data), so it may hold at most a quarter of each queue's frames;
 * past that, segments are copied and the frame returned at once. lwIP
 * accepts only its netif's own address: the steering program has already
 * decided the packet is for one of ours, so the netif takes the
 * destination before each input (written in place: the setters would
 * reset connections of the old address).
 *
 * Send: lwIP's IPv4/IPv6 output is copied into a umem frame behind an
 * Ethernet (and 802.1Q) header for the kernel's next hop, batched per
 * queue and sent at the end of each poll and socket call.
 */
#define LWIP_DONT_PROVIDE_BYTEORDER_FUNCTIONS 1
#include <lwip/init.h>
#include <lwip/ip.h>
#include <lwip/ip_addr.h>
#include <lwip/netif.h>
#include <lwip/pbuf.h>
#include <lwip/tcp.h>
#include <lwip/timeouts.h>
#include <lwip/priv/tcp_priv.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/random.h>
#include <sys/timerfd.h>
#include <bpf/bpf.h>
#include <xdpkit/csum.h>
#include "internal.h"
#include "xdpkit/xsk_steer.h"

/* a received frame lent to lwIP */
struct rxbuf {
	struct pbuf_custom pc;
	struct xk_lwip *t;
	__u64 addr;
	__u16 q;
	struct rxbuf *next; /* free list */
};

enum sock_kind { K_LISTEN, K_CONN };

struct xk_tcp_sock {
	struct xk_lwip *t;
	enum sock_kind kind;
	struct tcp_pcb *pcb; /* NULL once lwIP freed it */
	int kfd;	     /* kernel socket reserving the port, or -1 */
	struct xk_addr local, peer;
	int nreg;  /* steering keys added */
	bool flow; /* a 5-tuple key (connect), else endpoint keys */
	/* listener: connections waiting for xk_tcp__accept */
	struct xk_tcp_sock **acq;
	int acq_n, acq_cap;
	/* connection */
	struct pbuf *rx; /* received, not read yet */
	__u32 rx_off;	 /* bytes of rx (its first pbuf) read already */
	bool eof, connected, connecting, shut_wr, shut_rd, want_out, blocked;
	bool closed;	 /* the application let go: freed with its pcb */
	bool unaccepted; /* waits in its listener's queue: no events yet */
	bool aborting;
	int err;
	__u32 snd_max; /* one past the highest sequence number sent */
	bool snd_set;
	__u64 progress_ms; /* last time sent data was acked (or connect) */
	__u32 user_timeout;
	void *user;
	struct xk_tcp_stats st;
	bool in_ready;
	struct xk_tcp_sock *ready_next, *next;
};

/* The VLAN a peer's segments came on (0: untagged), by its address: TCP's
 * segments go back on it unless the route names one, as UDP's replies do.
 * Direct-mapped: a collision only costs the next segment's lookup. */
#define PEER_VLANS 256
struct peer_vlan {
	__u8 family;
	__u8 addr[16];
	__u16 vlan;
};

struct xk_lwip {
	struct xk_stack *s;
	struct peer_vlan pv[PEER_VLANS];
	struct netif nif;
	struct xk_tcp_sock *all;
	struct xk_tcp_sock *ready_head, *ready_tail;
	struct rxbuf *free_rx;
	__u32 held, held_max;
	struct xk_tcp_stats st;
	int tfd;     /* timerfd: lwIP's next timeout */
	u32_t due;   /* when that is, in sys_now() ms */
	u32_t armed; /* what tfd is set to */
	bool is_armed;
	bool dirty; /* lwIP ran since the timer was set: its timers may have
		     * moved */
	struct xk_xsk_desc tx[XK_STACK_MAX_Q][XK_STACK_BATCH];
	int ntx[XK_STACK_MAX_Q];
	int txq;
	__u64 last_scan;
};

static struct xk_lwip *the_tcp; /* lwIP is one per process */
static bool lwip_ready;

/* ---- the ready list ---- */

static void mark(struct xk_tcp_sock *k)
{
	struct xk_lwip *t = k->t;

	if (k->in_ready || k->closed || k->unaccepted)
		return;
	k->in_ready = true;
	k->ready_next = NULL;
	if (t->ready_tail)
		t->ready_tail->ready_next = k;
	else
		t->ready_head = k;
	t->ready_tail = k;
}

static void unmark(struct xk_tcp_sock *k)
{
	struct xk_lwip *t = k->t;
	struct xk_tcp_sock **pp, *prev = NULL;

	if (!k->in_ready)
		return;
	for (pp = &t->ready_head; *pp; prev = *pp, pp = &(*pp)->ready_next)
		if (*pp == k) {
			*pp = k->ready_next;
			if (t->ready_tail == k)
				t->ready_tail = prev;
			break;
		}
	k->in_ready = false;
}

/* ---- transmit: lwIP's packets into umem frames ---- */

void xk_tcp__tx_flush(struct xk_lwip *t)
{
	struct xk_stack *s = t->s;
	int q, sent, r, tries;

	for (q = 0; q < s->nq; q++) {
		if (!t->ntx[q])
			continue;
		for (sent = 0, tries = 0; sent < t->ntx[q] && tries < 4;
		     tries++) {
			r = xk_xsk__send(s->q[q], t->tx[q] + sent,
					 t->ntx[q] - sent);
			sent += r;
		}
		if (sent < t->ntx[q]) {
			t->st.tx_ring_full += t->ntx[q] - sent;
			xk_xsk__release(s->q[q], t->tx[q] + sent,
					t->ntx[q] - sent);
		}
		s->st.tx_sent += sent;
		t->ntx[q] = 0;
	}
}

/* The socket of an lwIP pcb matching a segment we send or receive. */
static struct tcp_pcb *find_pcb(__u16 lport, __u16 rport, int family,
				const __u8 *raddr)
{
	struct tcp_pcb *p;

	for (p = tcp_active_pcbs; p; p = p->next) {
		if (p->local_port != lport || p->remote_port != rport)
			continue;
		if (family == AF_INET && IP_IS_V4_VAL(p->remote_ip) &&
		    !memcmp(&ip_2_ip4(&p->remote_ip)->addr, raddr, 4))
			return p;
		if (family == AF_INET6 && IP_IS_V6_VAL(p->remote_ip) &&
		    !memcmp(ip_2_ip6(&p->remote_ip)->addr, raddr, 16))
			return p;
	}
	return NULL;
}

/* Count a segment going out, and whether it is sent again. */
static void count_out(struct xk_lwip *t, const __u8 *ip, __u32 len, int family)
{
	__u32 l3 = family == AF_INET ? (ip[0] & 15) * 4u : 40;
	const __u8 *th = ip + l3, *raddr;
	struct xk_tcp_sock *k = NULL;
	__u32 seq, plen, end;
	__u16 lport, rport;
	struct tcp_pcb *p;
	__u8 flags;

	if (len < l3 + 20)
		return;
	raddr = family == AF_INET ? ip + 16 : ip + 24;
	lport = (__u16)(th[0] << 8 | th[1]);
	rport = (__u16)(th[2] << 8 | th[3]);
	seq = (__u32)th[4] << 24 | th[5] << 16 | th[6] << 8 | th[7];
	flags = th[13];
	plen = len - l3 - (th[12] >> 4) * 4u;
	t->st.segs_out++;
	t->st.bytes_out += plen;
	if (flags & TCP_RST)
		t->st.rst_out++;
	p = find_pcb(lport, rport, family, raddr);
	if (p)
		k = p->callback_arg;
	if (!k || k->pcb != p)
		return;
	k->st.segs_out++;
	k->st.bytes_out += plen;
	if (flags & TCP_RST)
		k->st.rst_out++;
	end = seq + plen + !!(flags & (TCP_SYN | TCP_FIN));
	if (end == seq)
		return; /* a bare ACK occupies no sequence space */
	if (k->snd_set && TCP_SEQ_LEQ(end, k->snd_max)) {
		k->st.retrans++;
		t->st.retrans++;
		return;
	}
	k->snd_max = end;
	k->snd_set = true;
}

static struct peer_vlan *pv_slot(struct xk_lwip *t, int family, const __u8 *a)
{
	int alen = family == AF_INET ? 4 : 16, i;
	__u32 h = 2166136261u;

	for (i = 0; i < alen; i++)
		h = (h ^ a[i]) * 16777619u;
	return &t->pv[h % PEER_VLANS];
}

static __u16 peer_vlan(struct xk_lwip *t, int family, const __u8 *a)
{
	struct peer_vlan *e = pv_slot(t, family, a);

	return e->family == family &&
			       !memcmp(e->addr, a, family == AF_INET ? 4 : 16)
		       ? e->vlan
		       : 0;
}

static err_t output(struct netif *nif, struct pbuf *p, int family,
		    const __u8 *dst)
{
	struct xk_lwip *t = nif->state;
	struct xk_stack *s = t->s;
	struct xk_xsk_desc f;
	struct xk_nh nh;
	__u8 *o, proto = 0;
	__u32 l2, len = p->tot_len;
	int q, err;

	/* only TCP leaves: lwIP's own ICMP, MLD, ND would speak for a host
	 * whose control traffic is the kernel's (the protocol byte read in
	 * place: lwIP builds a segment in one pbuf) */
	pbuf_copy_partial(p, &proto, 1, family == AF_INET ? 9 : 6);
	if (len < 40 || proto != IP_PROTO_TCP) {
		t->st.tx_not_tcp++;
		return ERR_OK;
	}
	err = xk_neigh__lookup(s->neigh, family, dst, &nh);
	if (err) {
		if (err == -EAGAIN)
			t->st.tx_no_neigh++;
		else
			t->st.tx_no_route++;
		return ERR_OK; /* TCP sends it again */
	}
	/* back on the VLAN the peer is on, unless the route names one */
	if (!nh.vlan)
		nh.vlan = peer_vlan(t, family, dst);
	q = t->txq;
	if (xk_stack__alloc_tx(s, &q, &f)) {
		t->st.tx_no_frame++;
		return ERR_OK;
	}
	l2 = 14 + (nh.vlan ? 4 : 0);
	if (f.len < l2 + len) {
		xk_xsk__release(s->q[q], &f, 1);
		t->st.tx_no_frame++;
		return ERR_OK;
	}
	o = f.data;
	memcpy(o, nh.mac, 6);
	memcpy(o + 6, s->mac, 6);
	if (nh.vlan) {
		o[12] = 0x81;
		o[13] = 0x00;
		o[14] = (__u8)(nh.vlan >> 8);
		o[15] = (__u8)nh.vlan;
	}
	o[l2 - 2] = family == AF_INET ? 0x08 : 0x86;
	o[l2 - 1] = family == AF_INET ? 0x00 : 0xdd;
	pbuf_copy_partial(p, o + l2, (u16_t)len, 0);
	count_out(t, o + l2, len, family);
	f.len = l2 + len;
	if (t->ntx[q] == XK_STACK_BATCH)
		xk_tcp__tx_flush(t);
	t->tx[q][t->ntx[q]++] = f;
	t->txq = (q + 1) % s->nq;
	return ERR_OK;
}

static err_t output4(struct netif *nif, struct pbuf *p, const ip4_addr_t *dst)
{
	return output(nif, p, AF_INET, (const __u8 *)&dst->addr);
}

static err_t output6(struct netif *nif, struct pbuf *p, const ip6_addr_t *dst)
{
	return output(nif, p, AF_INET6, (const __u8 *)dst->addr);
}

static err_t nif_init(struct netif *n)
{
	n->name[0] = 'x';
	n->name[1] = 'k';
	n->output = output4;
	n->output_ip6 = output6;
	n->mtu = 1500;
	n->flags = NETIF_FLAG_LINK_UP;
	return ERR_OK;
}

/* ---- receive ---- */

static void rx_free(struct pbuf *p)
{
	struct rxbuf *b = (struct rxbuf *)p;
	struct xk_lwip *t = b->t;

	xk_stack__put(t->s, b->q, b->addr);
	t->held--;
	b->next = t->free_rx;
	t->free_rx = b;
}

/* The checks lwIP does not name: a segment that fails one is dropped and
 * counted here. 0: pass it on. */
static int check(struct xk_lwip *t, const struct xk_l4 *l4, const __u8 *frame,
		 __u32 *ip_len)
{
	const __u8 *th = frame + l4->l4_off, *o;
	int family = l4->l3_proto == ETH_P_IP ? AF_INET : AF_INET6;
	__u32 tlen = l4->l3_end - l4->l4_off, hlen = l4->tcp.hlen, i, sum;
	const __u8 *sa, *da;
	__u8 flags = th[13];
	__u16 c;

	*ip_len = l4->l3_end - l4->l3_off;
	sa = family == AF_INET ? (const __u8 *)&l4->ip4.h->saddr
			       : l4->ip6.h->saddr.s6_addr;
	da = family == AF_INET ? (const __u8 *)&l4->ip4.h->daddr
			       : l4->ip6.h->daddr.s6_addr;
	/* the checksum over the pseudo-header and the segment */
	sum = xk_csum_pseudo(sa, da, family == AF_INET ? 4 : 16, IPPROTO_TCP,
			     tlen);
	if (xk_csum_fold(xk_csum_bytes(th, tlen, sum))) {
		__u16 partial = (__u16)~xk_csum_fold(sum);

		memcpy(&c, th + 16, 2);
		if (c == partial)
			t->st.drop_csum_partial++;
		else
			t->st.drop_bad_csum++;
		return -1;
	}
	/* options: each one inside the header */
	for (i = 20, o = th; i < hlen;) {
		if (o[i] == 0) /* end of list */
			break;
		if (o[i] == 1) { /* no-op */
			i++;
			continue;
		}
		if (i + 1 >= hlen || o[i + 1] < 2 || i + o[i + 1] > hlen) {
			t->st.drop_bad_options++;
			return -1;
		}
		i += o[i + 1];
	}
	if ((flags & TCP_SYN) && (flags & (TCP_FIN | TCP_RST))) {
		t->st.drop_bad_flags++;
		return -1;
	}
	/* a RST counts only inside the receive window (RFC 793; lwIP would
	 * ignore it too, without saying) */
	if (flags & TCP_RST) {
		__u16 lport = (__u16)(th[2] << 8 | th[3]);
		__u16 rport = (__u16)(th[0] << 8 | th[1]);
		__u32 seq =
			(__u32)th[4] << 24 | th[5] << 16 | th[6] << 8 | th[7];
		struct tcp_pcb *p = find_pcb(lport, rport, family, sa);

		if (p && p->state != SYN_SENT &&
		    !TCP_SEQ_BETWEEN(
			    seq, p->rcv_nxt,
			    p->rcv_nxt + (p->rcv_wnd ? p->rcv_wnd : 1) - 1)) {
			t->st.drop_rst_seq++;
			return -1;
		}
	}
	return 0;
}

/* The netif's address, written in place: netif_set_ipaddr and its IPv6
 * kin would reset every connection of the old address. */
static void set_nif_addr(struct xk_lwip *t, int family, const __u8 *a)
{
	if (family == AF_INET) {
		memcpy(&ip_2_ip4(&t->nif.ip_addr)->addr, a, 4);
		IP_SET_TYPE_VAL(t->nif.ip_addr, IPADDR_TYPE_V4);
		return;
	}
	memcpy(ip_2_ip6(&t->nif.ip6_addr[0])->addr, a, 16);
	IP_SET_TYPE_VAL(t->nif.ip6_addr[0], IPADDR_TYPE_V6);
	ip6_addr_assign_zone(ip_2_ip6(&t->nif.ip6_addr[0]), IP6_UNICAST,
			     &t->nif);
}

void xk_tcp__input(struct xk_stack *s, __u16 q, const struct xk_xsk_desc *d,
		   const struct xk_l4 *l4)
{
	struct xk_lwip *t = s->tcp;
	const __u8 *frame = d->data;
	struct rxbuf *b;
	struct pbuf *p;
	__u32 iplen;
	__u8 flags;

	if (!t || l4->l3_end > d->len) {
		if (t)
			t->st.drop_truncated++;
		xk_stack__put(s, q, d->addr);
		return;
	}
	if (check(t, l4, frame, &iplen)) {
		xk_stack__put(s, q, d->addr);
		return;
	}
	flags = frame[l4->l4_off + 13];
	{
		int fam = l4->l3_proto == ETH_P_IP ? AF_INET : AF_INET6;
		const __u8 *sa = fam == AF_INET
					 ? (const __u8 *)&l4->ip4.h->saddr
					 : l4->ip6.h->saddr.s6_addr;
		struct peer_vlan *e = pv_slot(t, fam, sa);

		e->family = (__u8)fam;
		memset(e->addr, 0, 16);
		memcpy(e->addr, sa, fam == AF_INET ? 4 : 16);
		e->vlan = l4->eth.nvlan
				  ? l4->eth.tci[l4->eth.nvlan - 1] & 0x0fff
				  : 0;
	}
	t->st.segs_in++;
	t->st.bytes_in += l4->l3_end - l4->l4_off - l4->tcp.hlen;
	if (flags & TCP_RST)
		t->st.rst_in++;
	if (t->held < t->held_max &&
	    (b = t->free_rx ? t->free_rx : malloc(sizeof(*b)))) {
		if (b == t->free_rx)
			t->free_rx = b->next;
		b->t = t;
		b->q = q;
		b->addr = d->addr;
		b->pc.custom_free_function = rx_free;
		p = pbuf_alloced_custom(PBUF_RAW, (u16_t)iplen, PBUF_REF,
					&b->pc, (__u8 *)frame + l4->l3_off,
					(u16_t)iplen);
		t->held++;
		t->st.rx_zero_copy++;
	} else {
		p = pbuf_alloc(PBUF_RAW, (u16_t)iplen, PBUF_RAM);
		if (p)
			pbuf_take(p, frame + l4->l3_off, (u16_t)iplen);
		xk_stack__put(s, q, d->addr);
		t->st.rx_copied++;
		if (!p)
			return;
	}
	/* lwIP takes packets to its netif's address only: the steering
	 * program decided this one is ours; the netif says so */
	if (l4->l3_proto == ETH_P_IP)
		set_nif_addr(t, AF_INET, (const __u8 *)&l4->ip4.h->daddr);
	else
		set_nif_addr(t, AF_INET6, l4->ip6.h->daddr.s6_addr);
	t->dirty = true;
	t->nif.input(p, &t->nif); /* frees p whatever happens */
}

/* ---- lwIP callbacks ---- */

static int errno_of(const struct xk_tcp_sock *k, err_t e)
{
	switch (e) {
	case ERR_RST:
		return k->connecting ? -ECONNREFUSED : -ECONNRESET;
	case ERR_ABRT:
		return k->aborting ? -ECONNABORTED : -ETIMEDOUT;
	case ERR_CLSD:
		return -ECONNRESET;
	case ERR_MEM:
		return -ENOMEM;
	default:
		return -EIO;
	}
}

static void on_err(void *arg, err_t e)
{
	struct xk_tcp_sock *k = arg;
	struct xk_lwip *t;

	if (!k)
		return;
	t = k->t;
	k->pcb = NULL; /* lwIP freed it */
	if (!k->err)
		k->err = errno_of(k, e);
	if (k->err == -ECONNREFUSED)
		t->st.refused++;
	else if (k->err == -ECONNRESET)
		t->st.reset++;
	else if (k->err == -ETIMEDOUT)
		t->st.timed_out++;
	if (k->kind == K_CONN && e == ERR_RST) {
		k->st.rst_in++;
	}
	k->connecting = false;
	mark(k);
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t e)
{
	struct xk_tcp_sock *k = arg;

	(void)e;
	if (!k) { /* nobody reads: take it and say so */
		if (p) {
			tcp_recved(pcb, p->tot_len);
			pbuf_free(p);
		}
		return ERR_OK;
	}
	if (!p) {
		k->eof = true;
	} else {
		k->st.segs_in++;
		k->st.bytes_in += p->tot_len;
		if (k->closed || k->shut_rd) { /* nobody reads it: drop it */
			tcp_recved(pcb, p->tot_len);
			pbuf_free(p);
			return ERR_OK;
		}
		if (k->rx)
			pbuf_cat(k->rx, p);
		else
			k->rx = p;
	}
	mark(k);
	return ERR_OK;
}

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	struct xk_tcp_sock *k = arg;

	(void)pcb;
	(void)len;
	if (!k)
		return ERR_OK;
	k->progress_ms = xk_stack__now_ms();
	if (k->blocked && k->want_out) {
		k->blocked = false;
		mark(k);
	}
	return ERR_OK;
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t e)
{
	struct xk_tcp_sock *k = arg;

	(void)pcb;
	(void)e;
	if (!k)
		return ERR_OK;
	k->connecting = false;
	k->connected = true;
	k->progress_ms = xk_stack__now_ms();
	k->t->st.connected++;
	mark(k);
	return ERR_OK;
}

static void callbacks(struct tcp_pcb *pcb, struct xk_tcp_sock *k)
{
	tcp_arg(pcb, k);
	tcp_recv(pcb, on_recv);
	tcp_sent(pcb, on_sent);
	tcp_err(pcb, on_err);
}

static struct xk_tcp_sock *sock_new(struct xk_lwip *t, enum sock_kind kind)
{
	struct xk_tcp_sock *k = calloc(1, sizeof(*k));

	if (!k) {
		errno = ENOMEM;
		return NULL;
	}
	k->t = t;
	k->kind = kind;
	k->kfd = -1;
	k->user_timeout = XK_TCP_USER_TIMEOUT_MS;
	k->next = t->all;
	t->all = k;
	return k;
}

static void addr_of(struct xk_addr *a, const ip_addr_t *ip, u16_t port)
{
	memset(a, 0, sizeof(*a));
	a->port = xk_htons(port);
	if (IP_IS_V4_VAL(*ip)) {
		a->family = AF_INET;
		memcpy(a->addr, &ip_2_ip4(ip)->addr, 4);
	} else {
		a->family = AF_INET6;
		memcpy(a->addr, ip_2_ip6(ip)->addr, 16);
	}
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t e)
{
	struct xk_tcp_sock *l = arg, *k;

	if (e != ERR_OK || !pcb)
		return ERR_VAL;
	if (!l || l->closed || l->acq_n == l->acq_cap ||
	    !(k = sock_new(l->t, K_CONN))) {
		if (l)
			l->t->st.backlog_full++;
		tcp_abort(pcb);
		return ERR_ABRT;
	}
	k->pcb = pcb;
	k->connected = true;
	k->progress_ms = xk_stack__now_ms();
	addr_of(&k->local, &pcb->local_ip, pcb->local_port);
	addr_of(&k->peer, &pcb->remote_ip, pcb->remote_port);
	/* the SYN-ACK went out before this: the segments it sent count */
	k->snd_max = pcb->snd_nxt;
	k->snd_set = true;
	callbacks(pcb, k);
	k->unaccepted = true;
	l->acq[l->acq_n++] = k;
	l->t->st.accepted++;
	mark(l);
	return ERR_OK;
}

/* ---- the lwIP instance and its netif ---- */

/* When lwIP's next timer is due; the timerfd is set only when that moved
 * (a busy caller polls many times between two timers: no syscall then). */
static void timer_arm(struct xk_lwip *t)
{
	struct itimerspec it = {0};
	u32_t now = sys_now(), ms = sys_timeouts_sleeptime();

	if (ms == SYS_TIMEOUTS_SLEEPTIME_INFINITE)
		ms = 1000;
	if (!ms)
		ms = 1;
	t->due = now + ms;
	if (t->is_armed && t->armed == t->due)
		return;
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_nsec = (long)(ms % 1000) * 1000000L;
	timerfd_settime(t->tfd, 0, &it, NULL);
	t->armed = t->due;
	t->is_armed = true;
}

static int tcp_up(struct xk_stack *s)
{
	struct xk_lwip *t;
	unsigned int seed;
	int err, i;

	if (s->tcp)
		return 0;
	if (the_tcp)
		return xk_err(-EBUSY, "another stack of this process serves "
				      "TCP already (lwIP is one per process)");
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->s = s;
	t->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (t->tfd < 0) {
		err = -errno;
		free(t);
		return xk_err(err, "timerfd: %s", strerror(-err));
	}
	err = xk_stack__add_fd(s, t->tfd);
	if (err) {
		close(t->tfd);
		free(t);
		return err;
	}
	/* lwIP may hold a quarter of each queue's frames */
	for (i = 0; i < s->nq; i++) {
		struct xk_xsk_account a;

		xk_xsk__account(s->q[i], &a);
		t->held_max += a.total / 4;
	}
	if (!lwip_ready) {
		if (getrandom(&seed, sizeof(seed), 0) == sizeof(seed))
			srand(seed);
		lwip_init();
		lwip_ready = true;
	}
	if (!netif_add_noaddr(&t->nif, t, nif_init, ip_input)) {
		close(t->tfd);
		free(t);
		return xk_err(-ENOMEM, "lwIP: cannot add the interface");
	}
	netif_set_default(&t->nif);
	netif_set_up(&t->nif);
	netif_set_link_up(&t->nif);
	/* no router solicitation, no DAD: the kernel owns the link */
	t->nif.rs_count = 0;
	t->nif.ip6_autoconfig_enabled = 0;
	t->nif.ip6_addr_state[0] = IP6_ADDR_PREFERRED;
	t->nif.ip6_addr_valid_life[0] = IP6_ADDR_LIFE_STATIC;
	the_tcp = t;
	s->tcp = t;
	timer_arm(t);
	return 0;
}

/* Free a closed socket's reservation and memory. */
static void sock_free(struct xk_tcp_sock *k)
{
	struct xk_lwip *t = k->t;
	struct xk_tcp_sock **pp;

	unmark(k);
	if (k->nreg)
		xk_stack__unsteer(t->s, IPPROTO_TCP, k->flow, &k->local,
				  &k->peer, k->nreg);
	if (k->kfd >= 0)
		close(k->kfd);
	if (k->rx)
		pbuf_free(k->rx);
	free(k->acq);
	for (pp = &t->all; *pp; pp = &(*pp)->next)
		if (*pp == k) {
			*pp = k->next;
			break;
		}
	free(k);
}

static bool pcb_alive(const struct xk_tcp_sock *k)
{
	struct tcp_pcb *p;

	if (!k->pcb)
		return false;
	for (p = tcp_active_pcbs; p; p = p->next)
		if (p == k->pcb && p->callback_arg == k)
			return true;
	for (p = tcp_tw_pcbs; p; p = p->next)
		if (p == k->pcb && p->callback_arg == k)
			return true;
	return false;
}

/* Closed sockets stay until lwIP is done with their pcb (FIN_WAIT,
 * TIME_WAIT): their port and steering key must outlive the handle. */
static void reap(struct xk_lwip *t, bool force)
{
	struct xk_tcp_sock *k, *n;
	__u64 now = xk_stack__now_ms();

	for (k = t->all; k; k = n) {
		n = k->next;
		if (k->kind == K_CONN && k->pcb && !k->closed &&
		    (k->connecting || (k->pcb->unacked && !k->aborting)) &&
		    now - k->progress_ms > k->user_timeout) {
			/* the peer went quiet: give up, as TCP_USER_TIMEOUT */
			struct tcp_pcb *p = k->pcb;

			k->err = -ETIMEDOUT;
			t->st.timed_out++;
			k->connecting = false;
			tcp_arg(p, NULL);
			k->pcb = NULL;
			tcp_abort(p);
			mark(k);
			continue;
		}
		if (!k->closed)
			continue;
		if (!force && k->kind == K_CONN && pcb_alive(k))
			continue;
		if (force && k->pcb && pcb_alive(k)) {
			tcp_arg(k->pcb, NULL);
			tcp_abort(k->pcb);
			k->pcb = NULL;
		}
		sock_free(k);
	}
}

int xk_tcp__poll(struct xk_stack *s)
{
	struct xk_lwip *t = s->tcp;
	__u64 ticks, now;

	if (!t)
		return 0;
	if ((s32_t)(sys_now() - t->due) >= 0) {
		t->dirty = true;
		/* due: clear the timerfd's readiness, run lwIP's timers */
		if (read(t->tfd, &ticks, sizeof(ticks)) < 0) {
			/* EAGAIN: it had not fired yet */
		}
		t->is_armed = false;
		sys_check_timeouts();
		now = xk_stack__now_ms();
		if (now - t->last_scan >= 250) {
			t->last_scan = now;
			reap(t, false);
		}
	}
	xk_tcp__tx_flush(t);
	/* only when lwIP ran: an idle spin costs one clock read */
	if (t->dirty) {
		t->dirty = false;
		timer_arm(t);
	}
	return 0;
}

void xk_tcp__down(struct xk_stack *s)
{
	struct xk_lwip *t = s->tcp;
	struct xk_tcp_sock *k;
	struct tcp_pcb *p;
	__u64 until;

	if (!t)
		return;
	/* FIN for every open connection, then a second for the peers to
	 * answer, then whatever is left is reset */
	/* a listener's close frees the connections it held: start over */
	for (k = t->all; k;)
		if (!k->closed) {
			xk_tcp__close(k);
			k = t->all;
		} else {
			k = k->next;
		}
	until = xk_stack__now_ms() + 1000;
	while (xk_stack__now_ms() < until) {
		bool busy = false;

		xk_stack__poll(s);
		for (k = t->all; k && !busy; k = k->next)
			busy = k->kind == K_CONN && pcb_alive(k) &&
			       k->pcb->state != TIME_WAIT;
		if (!busy)
			break;
		usleep(1000);
	}
	reap(t, true);
	/* pcbs nobody claims (closed before accept, time-wait) */
	while ((p = tcp_active_pcbs)) {
		tcp_arg(p, NULL);
		tcp_abort(p);
	}
	while ((p = tcp_tw_pcbs)) {
		tcp_arg(p, NULL);
		tcp_abort(p);
	}
	xk_tcp__tx_flush(t);
	netif_remove(&t->nif);
	s->tcp_last = t->st;
	s->tcp_last.frames_held = t->held;
	while (t->free_rx) {
		struct rxbuf *b = t->free_rx;

		t->free_rx = b->next;
		free(b);
	}
	close(t->tfd);
	s->tcp = NULL;
	the_tcp = NULL;
	free(t);
}

/* ---- the socket calls ---- */

static int to_ipaddr(const struct xk_addr *a, ip_addr_t *ip)
{
	static const __u8 any[16];

	memset(ip, 0, sizeof(*ip));
	if (a->family == AF_INET) {
		memcpy(&ip_2_ip4(ip)->addr, a->addr, 4);
		IP_SET_TYPE_VAL(*ip, IPADDR_TYPE_V4);
	} else if (!memcmp(a->addr, any, 16)) {
		IP_SET_TYPE_VAL(*ip, IPADDR_TYPE_ANY);
	} else {
		memcpy(ip_2_ip6(ip)->addr, a->addr, 16);
		IP_SET_TYPE_VAL(*ip, IPADDR_TYPE_V6);
	}
	return 0;
}

/* a kernel TCP socket bound to @a (port 0: the kernel picks one), not
 * listening: the port is ours while it is open */
static int reserve(struct xk_tcp_sock *k, const struct xk_addr *a)
{
	struct sockaddr_storage ss;
	socklen_t sl = xk_addr__to_sockaddr(a, &ss);
	int zero = 0;

	k->kfd = socket(a->family, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
	if (k->kfd < 0)
		return xk_err(-errno, "cannot open a TCP socket: %m");
	if (a->family == AF_INET6)
		setsockopt(k->kfd, IPPROTO_IPV6, IPV6_V6ONLY, &zero,
			   sizeof(zero));
	if (bind(k->kfd, (struct sockaddr *)&ss, sl))
		return xk_err(-errno, "cannot reserve TCP port %u: %m",
			      xk_ntohs(a->port));
	sl = sizeof(ss);
	if (getsockname(k->kfd, (struct sockaddr *)&ss, &sl))
		return -errno;
	return xk_addr__from_sockaddr(&k->local, (struct sockaddr *)&ss, sl);
}

struct xk_tcp_sock *xk_tcp__listen(struct xk_stack *s,
				   const struct sockaddr *addr, socklen_t len,
				   int backlog)
{
	struct xk_tcp_sock *k = NULL;
	struct xk_addr a;
	struct tcp_pcb *pcb, *lp;
	ip_addr_t ip;
	err_t e;
	int err;

	err = xk_addr__from_sockaddr(&a, addr, len);
	if (err)
		goto fail;
	if ((err = tcp_up(s)))
		goto fail;
	k = sock_new(s->tcp, K_LISTEN);
	if (!k) {
		err = -ENOMEM;
		goto fail;
	}
	k->acq_cap = backlog > 0 ? backlog : 128;
	k->acq = calloc(k->acq_cap, sizeof(*k->acq));
	if (!k->acq) {
		err = -ENOMEM;
		goto fail;
	}
	if ((err = reserve(k, &a)))
		goto fail;
	to_ipaddr(&k->local, &ip);
	pcb = tcp_new_ip_type(IP_GET_TYPE(&ip));
	if (!pcb) {
		err = -ENOMEM;
		goto fail;
	}
	e = tcp_bind(pcb, &ip, xk_ntohs(k->local.port));
	if (e != ERR_OK) {
		tcp_abort(pcb);
		err = xk_err(-EADDRINUSE, "lwIP: TCP port %u is taken",
			     xk_ntohs(k->local.port));
		goto fail;
	}
	lp = tcp_listen_with_backlog_and_err(pcb, 255, &e);
	if (!lp) {
		tcp_abort(pcb);
		err = -ENOMEM;
		goto fail;
	}
	k->pcb = lp;
	s->tcp->dirty = true;
	tcp_arg(lp, k);
	tcp_accept(lp, on_accept);
	/* steering last: nothing reaches lwIP before it listens */
	err = xk_stack__steer(s, IPPROTO_TCP, false, &k->local, NULL, &k->nreg);
	if (err)
		goto fail;
	return k;
fail:
	if (k) {
		if (k->pcb) {
			tcp_arg(k->pcb, NULL);
			tcp_close(k->pcb);
			k->pcb = NULL;
		}
		sock_free(k);
	}
	errno = -err;
	return NULL;
}

struct xk_tcp_sock *xk_tcp__accept(struct xk_tcp_sock *l)
{
	struct xk_tcp_sock *k;

	if (l->kind != K_LISTEN || !l->acq_n) {
		errno = l->kind != K_LISTEN ? EINVAL : EAGAIN;
		return NULL;
	}
	k = l->acq[0];
	memmove(l->acq, l->acq + 1, (l->acq_n - 1) * sizeof(*l->acq));
	l->acq_n--;
	/* what came before the accept is an event now */
	k->unaccepted = false;
	if (xk_tcp__events(k) & (XK_TCP_IN | XK_TCP_ERR | XK_TCP_HUP))
		mark(k);
	return k;
}

struct xk_tcp_sock *xk_tcp__connect(struct xk_stack *s,
				    const struct sockaddr *local,
				    socklen_t local_len,
				    const struct sockaddr *peer,
				    socklen_t peer_len)
{
	struct xk_tcp_sock *k = NULL;
	struct xk_addr la;
	struct xk_nh nh;
	ip_addr_t lip, rip;
	struct tcp_pcb *pcb;
	err_t e;
	int err;

	if ((err = tcp_up(s)))
		goto fail;
	k = sock_new(s->tcp, K_CONN);
	if (!k) {
		err = -ENOMEM;
		goto fail;
	}
	err = xk_addr__from_sockaddr(&k->peer, peer, peer_len);
	if (err)
		goto fail;
	if (local) {
		err = xk_addr__from_sockaddr(&la, local, local_len);
		if (!err && la.family != k->peer.family)
			err = xk_err(-EAFNOSUPPORT, "local and peer addresses "
						    "must be of one family");
		if (err)
			goto fail;
	} else {
		memset(&la, 0, sizeof(la));
		la.family = k->peer.family;
	}
	err = xk_neigh__lookup(s->neigh, k->peer.family, k->peer.addr, &nh);
	if (err == -ENETUNREACH) {
		err = xk_err(err,
			     "the route to the peer does not go through %s",
			     s->ifname);
		goto fail;
	}
	if (!memcmp(la.addr, (__u8[16]){0}, 16))
		memcpy(la.addr, nh.src, 16);
	if ((err = reserve(k, &la)))
		goto fail;
	/* only this 5-tuple comes to us; steer before the SYN leaves */
	err = xk_stack__steer(s, IPPROTO_TCP, true, &k->local, &k->peer,
			      &k->nreg);
	if (err)
		goto fail;
	k->flow = true;
	to_ipaddr(&k->local, &lip);
	to_ipaddr(&k->peer, &rip);
	pcb = tcp_new_ip_type(IP_GET_TYPE(&rip));
	if (!pcb) {
		err = -ENOMEM;
		goto fail;
	}
	k->pcb = pcb;
	callbacks(pcb, k);
	if (tcp_bind(pcb, &lip, xk_ntohs(k->local.port)) != ERR_OK) {
		err = xk_err(-EADDRINUSE, "lwIP: local port %u is taken",
			     xk_ntohs(k->local.port));
		goto fail;
	}
	k->connecting = true;
	k->progress_ms = xk_stack__now_ms();
	s->tcp->dirty = true;
	/* lwIP routes through a netif with an address: the one we send from */
	set_nif_addr(s->tcp, k->local.family, k->local.addr);
	e = tcp_connect(pcb, &rip, xk_ntohs(k->peer.port), on_connected);
	if (e != ERR_OK) {
		err = xk_err(-ENOMEM, "lwIP: connect: error %d", e);
		goto fail;
	}
	xk_tcp__tx_flush(s->tcp);
	return k;
fail:
	if (k) {
		if (k->pcb) {
			tcp_arg(k->pcb, NULL);
			tcp_abort(k->pcb);
			k->pcb = NULL;
		}
		sock_free(k);
	}
	errno = -err;
	return NULL;
}

long xk_tcp__send(struct xk_tcp_sock *t, const void *buf, size_t len)
{
	size_t room, n, done = 0;
	err_t e;

	if (t->kind != K_CONN)
		return -EINVAL;
	t->t->dirty = true;
	if (t->err)
		return t->err;
	if (t->shut_wr)
		return -EPIPE;
	if (!t->pcb || t->connecting)
		return t->connecting ? -EAGAIN : -ENOTCONN;
	while (done < len) {
		room = tcp_sndbuf(t->pcb);
		if (tcp_sndqueuelen(t->pcb) >= TCP_SND_QUEUELEN - 4)
			room = 0;
		n = len - done;
		if (n > room)
			n = room;
		if (n > 0xffff)
			n = 0xffff;
		if (!n)
			break;
		e = tcp_write(
			t->pcb, (const __u8 *)buf + done, (u16_t)n,
			TCP_WRITE_FLAG_COPY |
				(done + n < len ? TCP_WRITE_FLAG_MORE : 0));
		if (e != ERR_OK)
			break;
		done += n;
	}
	if (done < len)
		t->blocked = true;
	if (done && !t->pcb->unacked)
		t->progress_ms = xk_stack__now_ms();
	if (done)
		tcp_output(t->pcb);
	xk_tcp__tx_flush(t->t);
	return done ? (long)done : -EAGAIN;
}

/* Take @n bytes off the front of the received data; open the window. */
static void eat(struct xk_tcp_sock *t, size_t n)
{
	size_t left = n;

	t->t->dirty = true;
	/* a head with nothing left in it goes too, consumed or not: lwIP may
	 * chain empty pbufs, and a reader must never see one */
	while (t->rx && (left || t->rx->len <= t->rx_off)) {
		struct pbuf *p = t->rx;
		size_t in = p->len - t->rx_off;

		if (left < in) {
			t->rx_off += (__u32)left;
			left = 0;
			break;
		}
		left -= in;
		t->rx_off = 0;
		t->rx = p->next;
		if (t->rx)
			pbuf_ref(t->rx);
		pbuf_free(p); /* frees p only: its successor got a ref */
	}
	if (t->pcb && n) {
		while (n) {
			u16_t c = n > 0xffff ? 0xffff : (u16_t)n;

			tcp_recved(t->pcb, c);
			n -= c;
		}
	}
}

long xk_tcp__recv(struct xk_tcp_sock *t, void *buf, size_t len)
{
	size_t got = 0;

	if (t->kind != K_CONN)
		return -EINVAL;
	while (got < len && t->rx) {
		struct pbuf *p = t->rx;
		size_t in = p->len - t->rx_off, c = len - got;

		if (c > in)
			c = in;
		memcpy((__u8 *)buf + got, (__u8 *)p->payload + t->rx_off, c);
		got += c;
		eat(t, c);
	}
	if (got) {
		xk_tcp__tx_flush(t->t);
		return (long)got;
	}
	if (t->eof)
		return 0;
	if (t->err)
		return t->err;
	return -EAGAIN;
}

int xk_tcp__peek(struct xk_tcp_sock *t, struct iovec *iov, int n)
{
	struct pbuf *p;
	__u32 off = t->rx_off;
	int k = 0;

	if (t->kind != K_CONN)
		return -EINVAL;
	for (p = t->rx; p && k < n; p = p->next, off = 0) {
		if (p->len <= off)
			continue;
		iov[k].iov_base = (__u8 *)p->payload + off;
		iov[k].iov_len = p->len - off;
		k++;
	}
	if (k)
		return k;
	if (t->eof)
		return 0;
	return t->err ? t->err : -EAGAIN;
}

int xk_tcp__consume(struct xk_tcp_sock *t, size_t len)
{
	size_t have = t->rx ? t->rx->tot_len - t->rx_off : 0;

	if (len > have)
		return -EINVAL;
	eat(t, len);
	xk_tcp__tx_flush(t->t);
	return 0;
}

int xk_tcp__shutdown(struct xk_tcp_sock *t, int how)
{
	int rd = how == SHUT_RD || how == SHUT_RDWR;
	int wr = how == SHUT_WR || how == SHUT_RDWR;

	if (t->kind != K_CONN || (!rd && !wr))
		return -EINVAL;
	t->t->dirty = true;
	if (!t->pcb)
		return t->err ? t->err : -ENOTCONN;
	if (wr)
		t->shut_wr = true;
	if (tcp_shutdown(t->pcb, 0, wr) != ERR_OK)
		return -ENOMEM;
	if (rd) {
		/* what is there and what arrives from now on is dropped (and
		 * acknowledged: SHUT_RD does not stop the peer, as in Linux) */
		eat(t, t->rx ? t->rx->tot_len - t->rx_off : 0);
		t->shut_rd = true;
		t->eof = true;
	}
	xk_tcp__tx_flush(t->t);
	return 0;
}

void xk_tcp__close(struct xk_tcp_sock *t)
{
	struct xk_lwip *tcp;
	int i;

	if (!t || t->closed)
		return;
	tcp = t->t;
	tcp->dirty = true;
	unmark(t);
	t->closed = true;
	if (t->kind == K_LISTEN) {
		for (i = 0; i < t->acq_n; i++)
			xk_tcp__abort(t->acq[i]);
		t->acq_n = 0;
		if (t->pcb) {
			tcp_arg(t->pcb, NULL);
			tcp_close(t->pcb);
			t->pcb = NULL;
		}
		sock_free(t); /* nothing lingers on a listener */
		return;
	}
	if (t->pcb) {
		/* unread data: lwIP resets, as the kernel does */
		if (t->rx) {
			pbuf_free(t->rx);
			t->rx = NULL;
		}
		tcp_recv(t->pcb, NULL);
		tcp_sent(t->pcb, NULL);
		if (tcp_close(t->pcb) != ERR_OK) {
			t->aborting = true;
			tcp_arg(t->pcb, NULL);
			tcp_abort(t->pcb);
			t->pcb = NULL;
		}
	}
	xk_tcp__tx_flush(tcp);
	/* freed by reap() once lwIP is done with the pcb */
}

void xk_tcp__abort(struct xk_tcp_sock *t)
{
	if (!t)
		return;
	t->t->dirty = true;
	if (t->pcb) {
		struct tcp_pcb *p = t->pcb;

		t->aborting = true;
		tcp_arg(p, NULL);
		t->pcb = NULL;
		tcp_abort(p);
	}
	t->closed = true;
	unmark(t);
	xk_tcp__tx_flush(t->t);
	sock_free(t);
}

bool xk_tcp__has_ready(const struct xk_stack *s)
{
	return s->tcp && s->tcp->ready_head;
}

int xk_tcp__ready(struct xk_stack *s, struct xk_tcp_sock **v, int n)
{
	struct xk_lwip *t;
	int k = 0;

	xk_stack__poll(s);
	t = s->tcp;
	if (!t)
		return 0;
	while (k < n && t->ready_head) {
		struct xk_tcp_sock *x = t->ready_head;

		t->ready_head = x->ready_next;
		if (!t->ready_head)
			t->ready_tail = NULL;
		x->in_ready = false;
		v[k++] = x;
	}
	return k;
}

unsigned int xk_tcp__events(const struct xk_tcp_sock *t)
{
	unsigned int ev = 0;

	if (t->kind == K_LISTEN)
		return t->acq_n ? XK_TCP_IN : 0;
	if ((t->rx && t->rx->tot_len > t->rx_off) || t->eof)
		ev |= XK_TCP_IN;
	if (t->eof)
		ev |= XK_TCP_HUP;
	if (t->err)
		ev |= XK_TCP_ERR | XK_TCP_HUP;
	if (t->pcb && t->connected && !t->shut_wr && tcp_sndbuf(t->pcb) &&
	    tcp_sndqueuelen(t->pcb) < TCP_SND_QUEUELEN - 4)
		ev |= XK_TCP_OUT;
	return ev;
}

void xk_tcp__want_out(struct xk_tcp_sock *t, bool on)
{
	t->want_out = on;
	if (on && (xk_tcp__events(t) & XK_TCP_OUT))
		mark(t);
}

int xk_tcp__error(const struct xk_tcp_sock *t)
{
	return t->err;
}

int xk_tcp__addrs(const struct xk_tcp_sock *t, struct xk_addr *local,
		  struct xk_addr *peer)
{
	if (local)
		*local = t->local;
	if (peer)
		*peer = t->peer;
	return 0;
}

void xk_tcp__nodelay(struct xk_tcp_sock *t, bool on)
{
	if (!t->pcb)
		return;
	if (on)
		tcp_nagle_disable(t->pcb);
	else
		tcp_nagle_enable(t->pcb);
}

void xk_tcp__user_timeout(struct xk_tcp_sock *t, __u32 ms)
{
	t->user_timeout = ms ? ms : XK_TCP_USER_TIMEOUT_MS;
}

void xk_tcp__set_user(struct xk_tcp_sock *t, void *user)
{
	t->user = user;
}

void *xk_tcp__user(const struct xk_tcp_sock *t)
{
	return t->user;
}

int xk_tcp__stats(const struct xk_stack *s, const struct xk_tcp_sock *t,
		  struct xk_tcp_stats *st)
{
	if (t) {
		*st = t->st;
		return 0;
	}
	if (!s->tcp) {
		*st = s->tcp_last;
		return 0;
	}
	*st = s->tcp->st;
	st->frames_held = s->tcp->held;
	return 0;
}
