/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Replies that are new packets, built in the place of the packet they
 * answer: ICMP and ICMPv6 errors that quote it, and a TCP reset.
 *
 *   xk_icmp_error(pkt, &l4, type, code, info, src)   ICMP or ICMPv6, by family
 *   xk_tcp_rst   (pkt, &l4)                          RFC 793's reset
 *
 * The Ethernet header goes back where the packet came from (its VLAN tags
 * kept); a new IP header runs from @src (NULL: the address the packet was
 * sent to) to the packet's sender with TTL / hop limit 64; every length and
 * checksum is computed. Send the result back with XDP_TX (TC: bpf_redirect
 * to the interface it came on). Like the calls of encap.h, these rebuild
 * @l4 over the new packet, failed or not; other views are stale.
 *
 * What RFC 1122 and RFC 4443 forbid is refused with XK_EUNSUP before
 * anything changes: an error about an ICMP error, about a fragment other
 * than the first, about a packet to a multicast or broadcast address (an
 * ICMPv6 packet too big excepted) or from an unspecified or multicast one;
 * a reset for a reset or for a fragment.
 *
 * How: XDP cuts the tail with bpf_xdp_adjust_tail and grows the head with
 * bpf_xdp_adjust_head; TC uses bpf_skb_change_tail and bpf_skb_adjust_room
 * (a tag-free frame, as TC normally sees it: in-frame VLAN tags are
 * XK_EUNSUP for the ICMP errors); userspace buffers made with
 * xk_pkt_buf_room() grow into their headroom. The quote's checksum is
 * summed 64 bytes per bpf_loop step (Linux 5.17) with bpf_xdp_load_bytes /
 * bpf_skb_load_bytes and bpf_csum_diff. In TC the skb's checksum state is left
 * as it was: every checksum of the reply is already complete.
 */
#ifndef XDPKIT_REPLY_H
#define XDPKIT_REPLY_H

#include "encap.h"

/**
 * XK_ICMP_QUOTE_MAX, XK_ICMP6_QUOTE_MAX - how much of a packet an ICMP
 * error quotes
 *
 * At most 548 bytes for ICMP, so that the error is at most 576 bytes
 * (RFC 1812 4.3.2.3), and 1232 for ICMPv6, so that it is at most 1280
 * (RFC 4443 2.4 (c)); a shorter packet is quoted whole (its IP datagram,
 * without Ethernet padding). Define them lower before the include for
 * smaller errors (RFC 792 asks for the IP header and 8 bytes).
 */
#ifndef XK_ICMP_QUOTE_MAX
#define XK_ICMP_QUOTE_MAX 548
#endif
#ifndef XK_ICMP6_QUOTE_MAX
#define XK_ICMP6_QUOTE_MAX 1232
#endif
_Static_assert(XK_ICMP_QUOTE_MAX >= 28 && XK_ICMP_QUOTE_MAX <= 1232 &&
		       XK_ICMP6_QUOTE_MAX >= 48 && XK_ICMP6_QUOTE_MAX <= 1232,
	       "ICMP quotes: an IP header and 8 bytes, at most 1232 bytes");

/**
 * XK_ICMP_DEST_UNREACH, XK_ICMP_TIME_EXCEEDED, XK_ICMP_PARAMETERPROB,
 * XK_ICMP_NET_UNREACH, XK_ICMP_HOST_UNREACH, XK_ICMP_PROT_UNREACH,
 * XK_ICMP_PORT_UNREACH, XK_ICMP_FRAG_NEEDED, XK_ICMP_PKT_FILTERED,
 * XK_ICMP6_DEST_UNREACH, XK_ICMP6_PKT_TOOBIG, XK_ICMP6_TIME_EXCEED,
 * XK_ICMP6_PARAMPROB, XK_ICMP6_NOROUTE, XK_ICMP6_ADM_PROHIBITED,
 * XK_ICMP6_ADDR_UNREACH, XK_ICMP6_PORT_UNREACH - ICMP and ICMPv6 error
 * types and codes
 *
 * The values of <linux/icmp.h> and <linux/icmpv6.h> (RFC 792, RFC 1812,
 * RFC 4443), which a BPF program cannot include (linux/icmp.h pulls in
 * libc's headers).
 */
#define XK_ICMP_DEST_UNREACH	3
#define XK_ICMP_TIME_EXCEEDED	11
#define XK_ICMP_PARAMETERPROB	12
#define XK_ICMP_NET_UNREACH	0
#define XK_ICMP_HOST_UNREACH	1
#define XK_ICMP_PROT_UNREACH	2
#define XK_ICMP_PORT_UNREACH	3
#define XK_ICMP_FRAG_NEEDED	4
#define XK_ICMP_PKT_FILTERED	13
#define XK_ICMP6_DEST_UNREACH	1
#define XK_ICMP6_PKT_TOOBIG	2
#define XK_ICMP6_TIME_EXCEED	3
#define XK_ICMP6_PARAMPROB	4
#define XK_ICMP6_NOROUTE	0
#define XK_ICMP6_ADM_PROHIBITED 1
#define XK_ICMP6_ADDR_UNREACH	3
#define XK_ICMP6_PORT_UNREACH	4

/* 64-byte chunks the quote's checksum takes at most (ICMP header too). */
#define XK__CSUM_CHUNKS ((1232 + 8 + 63) / 64)

/* Cut the packet to @len bytes, no more than it has. */
XK_INLINE int xk__set_len(struct xk__base *b, __u32 len)
{
#if XK_BPF
	if (b->kind == XK_CTX_XDP) {
		/* from the whole frame: a multi-buffer one loses its frags */
		int have = (int)bpf_xdp_get_buff_len(b->ctx);
		int e = bpf_xdp_adjust_tail(b->ctx, (int)len - have);

		xk__reload(b);
		b->len = (__u32)(b->end - b->data);
		return e ? XK_EHELPER : 0;
	}
	if (b->kind == XK_CTX_TC) {
		int e = (int)bpf_skb_change_tail(b->ctx, len, 0);

		xk__reload(b);
		return e ? XK_EHELPER : 0;
	}
	if (b->kind != XK_CTX_BUF)
		return XK_EUNSUP;
#endif
	if (len > (__u32)(b->end - b->data))
		return XK_EBADLEN;
	b->end = b->data + len;
	b->len = len;
	return 0;
}

#if XK_BPF
/* The quote's checksum, 64 bytes per bpf_loop step: a loop the verifier
 * walks once, not once per chunk on every path that builds an error. */
struct xk__csum_loop {
	__u8 buf[64];
	void *ctx;
	__u32 off, len, sum;
	int err;
};

XK_INLINE long xk__csum_chunk(struct xk__csum_loop *c, int xdp)
{
	__u32 n = c->len < 64 ? c->len : 64;
	long e;

	if (!n)
		return 1;
	/* 1..64 for the verifier too (a no-op on 1..64; the barrier keeps
	 * clang from proving so and dropping it: a range test would become
	 * one unsigned compare of n - 1, which bounds n - 1 and not n) */
	XK_BARRIER_VAR(n);
	n = ((n - 1) & 63) + 1;
	/* a short last chunk sums as if padded with zeros */
	xk_memset(c->buf, 0, sizeof(c->buf));
	e = xdp ? bpf_xdp_load_bytes(c->ctx, c->off, c->buf, n)
		: bpf_skb_load_bytes(c->ctx, c->off, c->buf, n);
	if (e) {
		c->err = XK_ETRUNC;
		return 1;
	}
	c->sum = (__u32)bpf_csum_diff(NULL, 0, (__be32 *)c->buf, sizeof(c->buf),
				      c->sum);
	c->off += n;
	c->len -= n;
	return 0;
}

static __attribute__((noinline)) long xk__csum_chunk_xdp(__u32 i, void *c)
{
	(void)i;
	return xk__csum_chunk(c, 1);
}

static __attribute__((noinline)) long xk__csum_chunk_tc(__u32 i, void *c)
{
	(void)i;
	return xk__csum_chunk(c, 0);
}
#endif

/* Add the @len bytes at @off (at most XK__CSUM_CHUNKS * 64) to @sum. */
XK_INLINE int xk__csum_range(struct xk__base *b, __u32 off, __u32 len,
			     __u32 *sum)
{
	const __u8 *p;

#if XK_BPF
	if (b->kind == XK_CTX_XDP || b->kind == XK_CTX_TC) {
		struct xk__csum_loop c = {
			.ctx = b->ctx, .off = off, .len = len, .sum = *sum};

		if (b->kind == XK_CTX_XDP)
			bpf_loop(XK__CSUM_CHUNKS, xk__csum_chunk_xdp, &c, 0);
		else
			bpf_loop(XK__CSUM_CHUNKS, xk__csum_chunk_tc, &c, 0);
		if (c.err)
			return c.err;
		if (c.len)
			return XK_EBADLEN;
		*sum = c.sum;
		return 0;
	}
#endif
	p = (const __u8 *)xk__ptr(b, off, len);
	if (!p)
		return XK_ETRUNC;
	*sum = xk_csum_bytes(p, len, *sum);
	return 0;
}

/* May an ICMP(v6) error or a reset go to (@src, @dst) of the packet? */
XK_INLINE int xk__reply_addrs_ok(const __u8 *src, const __u8 *dst, int v6,
				 int dst_mcast_ok)
{
	__u32 i, zero = 1, bcast = 1;

	if (v6) {
		XK_UNROLL
		for (i = 0; i < 16; i++)
			zero &= src[i] == 0;
		return !zero && src[0] != 0xff &&
		       (dst_mcast_ok || dst[0] != 0xff);
	}
	XK_UNROLL
	for (i = 0; i < 4; i++) {
		zero &= src[i] == 0;
		bcast &= dst[i] == 0xff;
	}
	/* 224/4 multicast, 240/4 reserved, the limited broadcast */
	return !zero && src[0] < 224 && dst[0] < 224 && !bcast;
}

/**
 * xk_icmp_error() - turn a packet into the ICMP or ICMPv6 error about it
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4() (IPv4 or IPv6 behind Ethernet);
 *     rebuilt over the error
 * @type: ICMP type for IPv4 (XK_ICMP_DEST_UNREACH, XK_ICMP_TIME_EXCEEDED,
 *     ...), ICMPv6 type for IPv6 (XK_ICMP6_DEST_UNREACH, XK_ICMP6_PKT_TOOBIG,
 *     ...)
 * @code: its code (XK_ICMP_PORT_UNREACH, XK_ICMP_FRAG_NEEDED, ...)
 * @info: the 32-bit word after the checksum, host order: the next-hop MTU
 *     for XK_ICMP_FRAG_NEEDED and XK_ICMP6_PKT_TOOBIG, the pointer of a
 * parameter problem, else 0
 * @src: the error's source address (4 or 16 bytes, network order), NULL
 *     for the address the packet was sent to
 *
 * The packet's IP datagram, cut to XK_ICMP_QUOTE_MAX / XK_ICMP6_QUOTE_MAX
 * bytes, is quoted behind a new IP and ICMP header: IPv4 with TOS
 * 0xc0 | the packet's TOS bits (RFC 1812 4.3.2.5, as Linux does), DF, id 0,
 * TTL 64; IPv6 with traffic class and flow label 0, hop limit 64. The
 * Ethernet header returns to the sender, VLAN tags kept. What may not be
 * answered with an error (see the file's head) is refused, unchanged.
 *
 * Context: XDP, TC (a tag-free frame), userspace buffers made with
 * xk_pkt_buf_room() (with 28 / 48 bytes of headroom).
 * Return: 0 once the packet is the error; XK_EUNSUP (not answerable,
 * unchanged); XK_ENOROOM, XK_EHELPER (may have changed it). The view is
 * rebuilt either way. warn_unused_result.
 */
XK_INLINE XK_MUST_CHECK int xk__icmp_error(struct xk__base *b, struct xk_l4 *v,
					   __u8 type, __u8 code, __u32 info,
					   const void *src)
{
	__u8 hdr[40], ih[8], t;
	__u32 l3 = v->l3_off, q, dgram, have, sum = 0;
	struct xk__l2 l2;
	__be32 be;
	__u16 c;
	int v6, r;

	if (!v->eth.h || v->inner)
		return XK_EUNSUP;
	if (v->frag == XK_FRAG_LATER)
		return XK_EUNSUP; /* RFC 1122 3.2.2, RFC 4443 2.4 (e) */
#if XK_BPF
	if (b->kind == XK_CTX_TC && v->eth.nvlan)
		return XK_EUNSUP;
#endif
	xk_memset(hdr, 0, sizeof(hdr));
	if (v->l3_proto == ETH_P_IP) {
		v6 = 0;
		if (v->ip_proto == IPPROTO_ICMP) {
			if (v->proto != IPPROTO_ICMP)
				return XK_EUNSUP; /* cannot tell what it is */
			t = v->icmp.h->type;
			/* unreachable, source quench, redirect, time
			 * exceeded, parameter problem: errors */
			if (t == 3 || t == 4 || t == 5 || t == 11 || t == 12)
				return XK_EUNSUP;
		}
		/* back to the sender, from @src or where it was sent */
		xk_memcpy(hdr + 12, &v->ip4.h->daddr, 4);
		xk_memcpy(hdr + 16, &v->ip4.h->saddr, 4);
		if (!xk__reply_addrs_ok(hdr + 16, hdr + 12, 0, 0))
			return XK_EUNSUP;
		if (src)
			xk_memcpy(hdr + 12, src, 4);
		/* version 4, IHL 5; precedence 6 with the packet's TOS */
		hdr[0] = 0x45;
		hdr[1] = (__u8)(0xc0 | (v->ip4.h->tos & 0x1e));
		hdr[6] = 0x40; /* DF */
		hdr[8] = 64;
		hdr[9] = IPPROTO_ICMP;
	} else if (v->l3_proto == ETH_P_IPV6) {
		v6 = 1;
		if (v->ip_proto == IPPROTO_ICMPV6) {
			if (v->proto != IPPROTO_ICMPV6)
				return XK_EUNSUP;
			if (v->icmp6.h->icmp6_type < 128)
				return XK_EUNSUP; /* an error message */
		}
		xk_memcpy(hdr + 8, &v->ip6.h->daddr, 16);
		xk_memcpy(hdr + 24, &v->ip6.h->saddr, 16);
		/* packet too big may answer multicast (RFC 4443 2.4 (e.2)) */
		if (!xk__reply_addrs_ok(hdr + 24, hdr + 8, 1,
					type == XK_ICMP6_PKT_TOOBIG))
			return XK_EUNSUP;
		if (src)
			xk_memcpy(hdr + 8, src, 16);
		hdr[0] = 0x60;
		hdr[6] = IPPROTO_ICMPV6;
		hdr[7] = 64;
	} else {
		return XK_EUNSUP;
	}
	/* the quote: the IP datagram, no padding, from the packet we hold */
	dgram = v->l3_end > l3 ? v->l3_end - l3 : 0;
	have = b->len > l3 ? b->len - l3 : 0;
	q = dgram < have ? dgram : have;
	if (q > (v6 ? XK_ICMP6_QUOTE_MAX : XK_ICMP_QUOTE_MAX))
		q = v6 ? XK_ICMP6_QUOTE_MAX : XK_ICMP_QUOTE_MAX;
	/* the ICMP header, its checksum 0 until the quote is summed */
	ih[0] = type;
	ih[1] = code;
	ih[2] = 0;
	ih[3] = 0;
	be = xk_htonl(info);
	xk_memcpy(ih + 4, &be, 4);
	if (v6) {
		c = xk_htons((__u16)(8 + q));
		xk_memcpy(hdr + 4, &c, 2);
	} else {
		c = xk_htons((__u16)(28 + q));
		xk_memcpy(hdr + 2, &c, 2);
		c = xk_ip4_csum(hdr, 20);
		xk_memcpy(hdr + 10, &c, 2);
	}
	r = xk__l2_save(b, v, &l2);
	if (r)
		return r;
	/* back to the sender: swap the MACs */
	{
		__u8 m[6];

		xk_memcpy(m, l2.macs, 6);
		xk_memcpy(l2.macs, l2.macs + 6, 6);
		xk_memcpy(l2.macs + 6, m, 6);
	}
	/* from here on the packet changes */
	r = xk__set_len(b, l3 + q);
	if (r)
		return xk__moved(b, v, r);
#if XK_BPF
	if (b->kind == XK_CTX_TC) {
		if (bpf_skb_adjust_room(b->ctx, v6 ? 48 : 28, BPF_ADJ_ROOM_MAC,
					0))
			return xk__moved(b, v, XK_EHELPER);
		xk__reload(b);
		r = xk__store_bytes(b, 0, l2.macs, 12);
	} else
#endif
	{
		r = xk__adjust_head(b, v6 ? -48 : -28);
		if (!r)
			r = xk__l2_write(b, &l2, v6 ? ETH_P_IPV6 : ETH_P_IP);
	}
	if (!r)
		r = v6 ? xk__store_bytes(b, l3, hdr, 40)
		       : xk__store_bytes(b, l3, hdr, 20);
	if (!r)
		r = xk__store_bytes(b, l3 + (v6 ? 40 : 20), ih, 8);
	if (r)
		return xk__moved(b, v, r);
	/* the ICMP checksum: header and quote (and IPv6's pseudo-header) */
	if (v6)
		sum = xk_csum_pseudo(hdr + 8, hdr + 24, 16, IPPROTO_ICMPV6,
				     8 + q);
	r = xk__csum_range(b, l3 + (v6 ? 40 : 20), 8 + q, &sum);
	if (!r) {
		c = xk_csum_fold(sum);
		r = xk__store_bytes(b, l3 + (v6 ? 42 : 22), &c, 2);
	}
	return xk__moved(b, v, r);
}
#define xk_icmp_error(pkt, v, type, code, info, src)                           \
	xk__icmp_error(XK__MUT(pkt), XK__SET(xk_l4, v), type, code, info, src)

/**
 * xk_tcp_rst() - turn a TCP segment into the reset that refuses it
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4() (TCP over IPv4 or IPv6 behind
 *     Ethernet); rebuilt over the reset
 *
 * RFC 793's reset for a segment that reaches no connection: to a segment
 * with ACK, sequence number SEG.ACK and flag RST; to one without, sequence
 * number 0, acknowledgment SEG.SEQ + SEG.LEN (SYN and FIN counted) and
 * flags RST and ACK. Window 0, no options, no data. A new IP header from
 * the address the segment was sent to: IPv4 with the segment's TOS less
 * ECN, DF, id 0, TTL 64 (options dropped); IPv6 with its traffic class less
 * ECN, hop limit 64 (extension headers dropped). Ports and MACs swapped,
 * VLAN tags kept. A reset, a fragment or a segment to a multicast or
 * broadcast address is refused, unchanged.
 *
 * Context: XDP, TC, mutable userspace buffers.
 * Return: 0 once the packet is the reset; XK_EUNSUP (unchanged);
 * XK_EHELPER (TC: may have changed it). The view is rebuilt either way.
 * warn_unused_result.
 */
XK_INLINE XK_MUST_CHECK int xk__tcp_rst(struct xk__base *b, struct xk_l4 *v)
{
	__u8 hdr[40], h[20], macs[12], fl, rfl;
	__u32 l3 = v->l3_off, seq, ack, seglen, sum;
	xk_tcphdr_t *t;
	__be32 be;
	__u16 c;
	int v6, r;

	if (!v->eth.h || v->inner || v->proto != IPPROTO_TCP ||
	    v->frag != XK_FRAG_NONE)
		return XK_EUNSUP;
	t = v->tcp.h;
	fl = ((const __u8 *)t)[13];
	if (fl & XK_TCP_RST)
		return XK_EUNSUP;
	xk_memset(hdr, 0, sizeof(hdr));
	if (v->l3_proto == ETH_P_IP) {
		v6 = 0;
		/* the new header's addresses: back to the sender */
		xk_memcpy(hdr + 12, &v->ip4.h->daddr, 4);
		xk_memcpy(hdr + 16, &v->ip4.h->saddr, 4);
		if (!xk__reply_addrs_ok(hdr + 16, hdr + 12, 0, 0))
			return XK_EUNSUP;
		hdr[0] = 0x45;
		hdr[1] = v->ip4.h->tos & 0xfc;
		hdr[3] = 40;
		hdr[6] = 0x40; /* DF */
		hdr[8] = 64;
		hdr[9] = IPPROTO_TCP;
		c = xk_ip4_csum(hdr, 20);
		xk_memcpy(hdr + 10, &c, 2);
	} else if (v->l3_proto == ETH_P_IPV6) {
		__u8 tc[2];

		v6 = 1;
		xk_memcpy(hdr + 8, &v->ip6.h->daddr, 16);
		xk_memcpy(hdr + 24, &v->ip6.h->saddr, 16);
		if (!xk__reply_addrs_ok(hdr + 24, hdr + 8, 1, 0))
			return XK_EUNSUP;
		/* version and traffic class (less ECN), flow label 0 */
		xk_memcpy(tc, v->ip6.h, 2);
		hdr[0] = (__u8)(0x60 | (tc[0] & 0x0f));
		hdr[1] = tc[1] & 0xc0;
		hdr[5] = 20;
		hdr[6] = IPPROTO_TCP;
		hdr[7] = 64;
	} else {
		return XK_EUNSUP;
	}
	seq = xk_ntohl(t->seq);
	ack = xk_ntohl(t->ack_seq);
	seglen = v->l3_end - v->tcp.off - v->tcp.hlen;
	seglen += (fl & XK_TCP_SYN ? 1 : 0) + (fl & XK_TCP_FIN ? 1 : 0);
	if (fl & XK_TCP_ACK) {
		seq = ack;
		ack = 0;
		rfl = XK_TCP_RST;
	} else {
		ack = seq + seglen;
		seq = 0;
		rfl = XK_TCP_RST | XK_TCP_ACK;
	}
	xk_memset(h, 0, sizeof(h));
	xk_memcpy(h, &t->dest, 2);
	xk_memcpy(h + 2, &t->source, 2);
	be = xk_htonl(seq);
	xk_memcpy(h + 4, &be, 4);
	be = xk_htonl(ack);
	xk_memcpy(h + 8, &be, 4);
	h[12] = 5 << 4;
	h[13] = rfl;
	sum = v6 ? xk_csum_pseudo(hdr + 8, hdr + 24, 16, IPPROTO_TCP, 20)
		 : xk_csum_pseudo(hdr + 12, hdr + 16, 4, IPPROTO_TCP, 20);
	c = xk_csum_fold(xk_csum_partial(h, 20, sum));
	xk_memcpy(h + 16, &c, 2);
	xk__copy_eth(macs, (const __u8 *)v->eth.h + 6, 6);
	xk__copy_eth(macs + 6, v->eth.h, 6);
	r = xk__set_len(b, l3 + (v6 ? 60 : 40));
	if (!r)
		r = xk__store_bytes(b, v->eth.off, macs, 12);
	if (!r)
		r = v6 ? xk__store_bytes(b, l3, hdr, 40)
		       : xk__store_bytes(b, l3, hdr, 20);
	if (!r)
		r = xk__store_bytes(b, l3 + (v6 ? 40 : 20), h, 20);
	return xk__moved(b, v, r);
}
#define xk_tcp_rst(pkt, v) xk__tcp_rst(XK__MUT(pkt), XK__SET(xk_l4, v))

#endif /* XDPKIT_REPLY_H */
