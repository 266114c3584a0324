/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * In-place rewrites that keep every checksum right, the same call in every
 * mutable context:
 *
 *   xk_l4_set_sport / xk_l4_set_dport     (pkt, &l4, port)      host order
 *   xk_ip4_set_saddr / xk_ip4_set_daddr   (pkt, &l4, addr)      network order
 *   xk_ip6_set_saddr / xk_ip6_set_daddr   (pkt, &l4, &in6_addr) network order
 *   xk_ip_dec_ttl        (pkt, &l4)  1 if TTL/hop limit was <= 1 (untouched)
 *   xk_ip_set_dscp / xk_ip_set_ecn        (pkt, &l4, value)
 *   xk_eth_set_dst / xk_eth_set_src       (pkt, &l4, mac[6])
 *   xk_eth_swap                           (pkt, &l4)
 *   xk_icmp_echo_reply                    (pkt, &l4)  ICMP and ICMPv6
 *
 * Each returns 0 or a negative XK_E* code, and is warn_unused_result:
 * ignoring whether the packet changed does not compile under -Werror (a
 * first program that set a port after an ignored TTL check half-rewrote
 * packets). Who fixes the checksum: the
 * setter, always. IPv4 header checksum; TCP, UDP and ICMPv6 with the
 * pseudo-header when an address changes; an IPv4/IPv6 UDP checksum of zero
 * stays zero and a computed zero is written as 0xffff.
 *
 * How: XDP and userspace buffers store directly and update checksums in
 * software (csum.h, the kernel's own arithmetic); TC goes through
 * bpf_skb_store_bytes and bpf_l3/l4_csum_replace (BPF_F_PSEUDO_HDR,
 * BPF_F_MARK_MANGLED_0), so a CHECKSUM_COMPLETE skb keeps a valid
 * skb->csum and a CHECKSUM_PARTIAL one a valid pseudo-header sum.
 *
 * Pointer validity: those TC helpers invalidate every packet pointer. Each
 * setter re-derives the pointers of the view it was given from the view's
 * offsets, so the view stays usable; any other view or raw pointer taken
 * before the call is stale — in BPF the verifier refuses to load a program
 * that touches one, in userspace re-parse. Setters only accept a mutable
 * context and a mutable view (view.h): through a read-only context they
 * do not compile.
 */
#ifndef XDPKIT_REWRITE_H
#define XDPKIT_REWRITE_H

#include "parse.h"
#include "csum.h"

/*
 * Header fields by name: every offset a setter writes at comes from here,
 * each tied to its field by offsetof (a wrong number would corrupt packets
 * silently).
 */
/* __builtin_offsetof: bpf_helpers.h defines an offsetof that is no
 * integer constant expression */
#define XK__OFF(type, field) ((__u32) __builtin_offsetof(struct type, field))
#define XK__ETH_DST	     XK__OFF(ethhdr, h_dest)
#define XK__ETH_SRC	     XK__OFF(ethhdr, h_source)
#define XK__IP4_TOS_WORD     0U /* version/IHL and TOS, one 16-bit word */
#define XK__IP4_TTL_WORD     XK__OFF(iphdr, ttl) /* TTL and protocol */
#define XK__IP4_CHECK	     XK__OFF(iphdr, check)
#define XK__IP4_SADDR	     XK__OFF(iphdr, saddr)
#define XK__IP4_DADDR	     XK__OFF(iphdr, daddr)
#define XK__IP6_TC_WORD	     0U /* version and traffic class */
#define XK__IP6_HL_WORD	     XK__OFF(ipv6hdr, nexthdr) /* and hop limit */
#define XK__IP6_SADDR	     XK__OFF(ipv6hdr, saddr)
#define XK__IP6_DADDR	     XK__OFF(ipv6hdr, daddr)
#define XK__L4_SPORT	     XK__OFF(udphdr, source) /* TCP: the same */
#define XK__L4_DPORT	     XK__OFF(udphdr, dest)
#define XK__TCP_CHECK	     XK__OFF(tcphdr, check)
#define XK__UDP_CHECK	     XK__OFF(udphdr, check)
#define XK__ICMP_TYPE	     XK__OFF(xk_icmphdr, type)
#define XK__ICMP_CHECK	     XK__OFF(xk_icmphdr, checksum)
#define XK__ICMP6_TYPE	     XK__OFF(icmp6hdr, icmp6_type)
#define XK__ICMP6_CHECK	     XK__OFF(icmp6hdr, icmp6_cksum)
_Static_assert(XK__OFF(tcphdr, source) == XK__L4_SPORT &&
		       XK__OFF(tcphdr, dest) == XK__L4_DPORT,
	       "TCP and UDP ports in the same place");
_Static_assert(XK__IP4_TTL_WORD + 1 == XK__OFF(iphdr, protocol) &&
		       XK__IP6_HL_WORD + 1 == XK__OFF(ipv6hdr, hop_limit) &&
		       XK__OFF(iphdr, tos) == XK__IP4_TOS_WORD + 1,
	       "the 16-bit words the byte setters rewrite");
_Static_assert(XK__ICMP_CHECK == XK__ICMP6_CHECK &&
		       XK__ICMP_TYPE == XK__ICMP6_TYPE,
	       "ICMP and ICMPv6 type and checksum in the same place");

/* The BPF helper flags, also meaningful to the software path. */
#define XK__CSUM_PSEUDO 0x10 /* BPF_F_PSEUDO_HDR */
#define XK__CSUM_MM0	0x20 /* BPF_F_MARK_MANGLED_0 */

/* Copy @len bytes to @off, no checksum involved. */
XK_INLINE int xk__store_bytes(struct xk__base *b, __u32 off, const void *src,
			      __u32 len)
{
	__u8 *p;

#if XK_BPF
	if (b->kind == XK_CTX_TC)
		return bpf_skb_store_bytes(b->ctx, off, src, len, 0)
			       ? XK_EHELPER
			       : 0;
#endif
	p = xk__ptr(b, off, len);
	if (!p)
		return XK_ETRUNC;
	xk_memcpy(p, src, len);
	return 0;
}

/*
 * A place in the packet, as setters name it: its offset, which TC's helpers
 * take, and a pointer derived from a view's bounds-checked header pointer,
 * which XDP and userspace store through directly -- no second bounds check.
 * {0, NULL} is nowhere.
 */
struct xk__at {
	__u32 off;
	__u8 *p;
};

XK_INLINE struct xk__at xk__at(const void *hdr, __u32 hdr_off, __u32 field)
{
	struct xk__at a = {hdr_off + field, (__u8 *)(unsigned long)hdr + field};

	return a;
}

XK_INLINE struct xk__at xk__nowhere(void)
{
	struct xk__at a = {0, NULL};

	return a;
}

/* Copy @len bytes to a place, no checksum involved. */
XK_INLINE int xk__store_at(struct xk__base *b, struct xk__at at,
			   const void *src, __u32 len)
{
#if XK_BPF
	if (b->kind == XK_CTX_TC)
		return xk__store_bytes(b, at.off, src, len);
#else
	(void)b;
#endif
	xk__copy_hdr(at.p, src, len);
	return 0;
}

/* Store a raw packet-order word of @size (2 or 4) bytes. */
XK_INLINE int xk__store_word(struct xk__base *b, struct xk__at at, __u32 val,
			     __u32 size)
{
	__u16 v16 = (__u16)val;

	if (size == 2)
		return xk__store_at(b, at, &v16, 2);
	return xk__store_at(b, at, &val, 4);
}

/*
 * Replace the @size (2 or 4) bytes at @at, @from -> @to (raw packet-order
 * words, zero-extended), fixing the IPv4 header checksum at @l3c and the L4
 * checksum at @l4c (either may be nowhere) with @l4flags (XK__CSUM_*).
 */
XK_INLINE int xk__store_csum(struct xk__base *b, struct xk__at at, __u32 from,
			     __u32 to, __u32 size, struct xk__at l3c,
			     struct xk__at l4c, __u32 l4flags)
{
	__u16 c = 0; /* read through an aligned copy: clang cannot see it set */

#if XK_BPF
	if (b->kind == XK_CTX_TC) {
		struct __sk_buff *skb = b->ctx;

		if (l4c.off &&
		    bpf_l4_csum_replace(skb, l4c.off, from, to, l4flags | size))
			return XK_EHELPER;
		if (l3c.off &&
		    bpf_l3_csum_replace(skb, l3c.off, from, to, size))
			return XK_EHELPER;
		return xk__store_word(b, at, to, size);
	}
#endif
	if (l4c.p) {
		xk__copy_hdr(&c, l4c.p, 2);
		if (!((l4flags & XK__CSUM_MM0) && c == 0)) {
			c = xk_l4_csum_replace(c, from, to);
			if ((l4flags & XK__CSUM_MM0) && c == 0)
				c = 0xffff;
			xk__copy_hdr(l4c.p, &c, 2);
		}
	}
	if (l3c.p) {
		xk__copy_hdr(&c, l3c.p, 2);
		c = size == 2 ? xk_csum_replace2(c, (__u16)from, (__u16)to)
			      : xk_csum_replace4(c, from, to);
		xk__copy_hdr(l3c.p, &c, 2);
	}
	return xk__store_word(b, at, to, size);
}

/*
 * After TC helpers: reload data/data_end and re-derive the view's header
 * pointers from its offsets. If a header is no longer there (it cannot
 * shrink here, but the verifier must see the check) the view is emptied
 * (l3_proto, proto = 0) so code that tests them before use stays safe;
 * eth.h is then NULL, which the Ethernet setters test.
 */
XK_INLINE int xk__l4_rederive(struct xk__base *b, struct xk_l4 *v)
{
	/* one early exit per pointer: the verifier must see each NULL test */
	v->eth.h = xk__ptr(b, v->eth.off, sizeof(struct ethhdr));
	if (!v->eth.h)
		goto gone;
	if (v->l3_proto == ETH_P_IP) {
		v->ip4.h = xk__ptr(b, v->l3_off, sizeof(struct iphdr));
		if (!v->ip4.h)
			goto gone;
	} else if (v->l3_proto == ETH_P_IPV6) {
		v->ip6.h = xk__ptr(b, v->l3_off, sizeof(struct ipv6hdr));
		if (!v->ip6.h)
			goto gone;
	} else if (v->l3_proto == ETH_P_ARP) {
		v->arp.h = xk__ptr(b, v->l3_off, XK_ARP_FIXED);
		if (!v->arp.h)
			goto gone;
	}
	if (v->proto == IPPROTO_TCP) {
		v->tcp.h = xk__ptr(b, v->tcp.off, sizeof(struct tcphdr));
		if (!v->tcp.h)
			goto gone;
	} else if (v->proto == IPPROTO_UDP) {
		v->udp.h = xk__ptr(b, v->udp.off, sizeof(struct udphdr));
		if (!v->udp.h)
			goto gone;
	} else if (v->proto == IPPROTO_ICMP) {
		v->icmp.h = xk__ptr(b, v->icmp.off, sizeof(struct xk_icmphdr));
		if (!v->icmp.h)
			goto gone;
	} else if (v->proto == IPPROTO_ICMPV6) {
		v->icmp6.h = xk__ptr(b, v->icmp6.off, sizeof(struct icmp6hdr));
		if (!v->icmp6.h)
			goto gone;
	}
	return 0;
gone:
	v->l3_proto = 0;
	v->proto = 0;
	return XK_ETRUNC;
}

XK_INLINE int xk__l4_refresh(struct xk__base *b, struct xk_l4 *v)
{
#if XK_BPF
	if (b->kind == XK_CTX_TC) {
		xk__reload(b);
		return xk__l4_rederive(b, v);
	}
#endif
	(void)b;
	(void)v;
	return 0;
}

/* Every setter ends here, failed or not: a TC helper that failed half way
 * has still invalidated the pointers, so the view is refreshed either way. */
XK_INLINE int xk__done(struct xk__base *b, struct xk_l4 *v, int r)
{
	int rr = xk__l4_refresh(b, v);

	return r ? r : rr;
}

/* Where the L4 checksum is, and how it treats the pseudo-header. */
XK_INLINE struct xk__at xk__l4_csum_at(const struct xk__base *b,
				       const struct xk_l4 *v, __u32 *flags)
{
	*flags = XK__CSUM_PSEUDO;
	(void)b;
	if (v->proto == IPPROTO_TCP)
		return xk__at(v->tcp.h, v->tcp.off, XK__TCP_CHECK);
	if (v->proto == IPPROTO_UDP) {
		*flags |= XK__CSUM_MM0;
		return xk__at(v->udp.h, v->udp.off, XK__UDP_CHECK);
	}
	if (v->proto == IPPROTO_ICMPV6)
		return xk__at(v->icmp6.h, v->icmp6.off, XK__ICMP6_CHECK);
	*flags = 0;
	if (v->proto == IPPROTO_ICMP)
		return xk__at(v->icmp.h, v->icmp.off, XK__ICMP_CHECK);
	return xk__nowhere();
}

/* ---- ports ------------------------------------------------------------ */

XK_INLINE XK_MUST_CHECK int xk__l4_set_port(struct xk__base *b, struct xk_l4 *v,
					    __u32 field, __u16 port)
{
	struct xk__at l4c;
	__u32 flags;
	__u16 old;
	int r;

	if (v->proto != IPPROTO_TCP && v->proto != IPPROTO_UDP)
		return XK_EUNSUP;
	l4c = xk__l4_csum_at(b, v, &flags);
	old = field ? v->tcp.h->dest : v->tcp.h->source;
	r = xk__store_csum(b, xk__at(v->tcp.h, v->tcp.off, field), old,
			   xk_htons(port), 2, xk__nowhere(), l4c,
			   flags & XK__CSUM_MM0);
	return xk__done(b, v, r);
}
/**
 * xk_l4_set_sport(), xk_l4_set_dport() - rewrite a TCP or UDP port
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4()
 * @port: the new port, host order
 *
 * The L4 checksum follows (a UDP checksum of zero stays zero). @v stays
 * valid; other views and pointers taken before are stale.
 *
 * Context: XDP, TC, mutable userspace buffers.
 * Return: 0 (the packet changed), XK_EUNSUP if it is not TCP or UDP,
 * XK_EHELPER (TC: a helper refused, maybe half way: drop the packet).
 * warn_unused_result.
 */
#define xk_l4_set_sport(pkt, v, port)                                          \
	xk__l4_set_port(XK__MUT(pkt), XK__SET(xk_l4, v), XK__L4_SPORT, port)
#define xk_l4_set_dport(pkt, v, port)                                          \
	xk__l4_set_port(XK__MUT(pkt), XK__SET(xk_l4, v), XK__L4_DPORT, port)

/* ---- addresses -------------------------------------------------------- */

XK_INLINE XK_MUST_CHECK int
xk__ip4_set_addr(struct xk__base *b, struct xk_l4 *v, __u32 field, __be32 addr)
{
	struct xk__at l4c;
	__u32 flags;
	__be32 old;
	int r;

	if (v->l3_proto != ETH_P_IP)
		return XK_EUNSUP;
	old = field == XK__IP4_SADDR ? v->ip4.h->saddr : v->ip4.h->daddr;
	l4c = xk__l4_csum_at(b, v, &flags);
	if (!(flags & XK__CSUM_PSEUDO))
		l4c = xk__nowhere(); /* ICMP has no pseudo-header */
	r = xk__store_csum(b, xk__at(v->ip4.h, v->l3_off, field), old, addr, 4,
			   xk__at(v->ip4.h, v->l3_off, XK__IP4_CHECK), l4c,
			   flags);
	return xk__done(b, v, r);
}
/**
 * xk_ip4_set_saddr(), xk_ip4_set_daddr() - rewrite an IPv4 address
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4()
 * @a: the new address, network order (__be32)
 *
 * The IPv4 header checksum and the TCP/UDP/ICMPv6 pseudo-header checksum
 * follow.
 *
 * Context: XDP, TC, mutable userspace buffers.
 * Return: 0, XK_EUNSUP if it is not IPv4, XK_EHELPER (TC). warn_unused_result.
 */
#define xk_ip4_set_saddr(pkt, v, a)                                            \
	xk__ip4_set_addr(XK__MUT(pkt), XK__SET(xk_l4, v), XK__IP4_SADDR, a)
#define xk_ip4_set_daddr(pkt, v, a)                                            \
	xk__ip4_set_addr(XK__MUT(pkt), XK__SET(xk_l4, v), XK__IP4_DADDR, a)

/*
 * A Routing header with segments left means the pseudo-header's
 * destination is the last segment, not ip6->daddr: rewriting daddr then
 * needs no L4 checksum change, and the setters refuse it rather than guess.
 */
XK_INLINE int xk__ip6_routed(const struct xk__base *b, const struct xk_l4 *v)
{
	const __u8 *segs_left;

	if (!v->ip6.rt_hdr)
		return 0;
	segs_left = xk__ptr(b, v->ip6.rt_hdr + 3, 1);
	return !segs_left || *segs_left != 0;
}

/* 16 bytes as four 32-bit replaces: every sum stays ours to fold. */
XK_INLINE XK_MUST_CHECK int xk__ip6_set_addr(struct xk__base *b,
					     struct xk_l4 *v, __u32 field,
					     const struct in6_addr *addr)
{
	__u32 flags, old[4], new[4];
	struct xk__at l4c, at;
	int i, r;

	if (v->l3_proto != ETH_P_IPV6)
		return XK_EUNSUP;
	if (field == XK__IP6_DADDR && xk__ip6_routed(b, v))
		return XK_EUNSUP;
	/* read everything first: TC helpers invalidate v->ip6.h */
	xk_memcpy(old,
		  field == XK__IP6_SADDR ? &v->ip6.h->saddr : &v->ip6.h->daddr,
		  16);
	xk_memcpy(new, addr, 16);
	l4c = xk__l4_csum_at(b, v, &flags);
	at = xk__at(v->ip6.h, v->l3_off, field);
	XK_UNROLL
	for (i = 0; i < 4; i++) {
		r = xk__store_csum(b, at, old[i], new[i], 4, xk__nowhere(), l4c,
				   flags);
		if (r)
			break;
		at.off += 4;
		at.p += 4;
	}
	return xk__done(b, v, r);
}
/**
 * xk_ip6_set_saddr(), xk_ip6_set_daddr() - rewrite an IPv6 address
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4()
 * @a: pointer to the new struct in6_addr (wire order)
 *
 * The L4 pseudo-header checksum follows.
 *
 * Context: XDP, TC, mutable userspace buffers.
 * Return: 0, XK_EUNSUP if it is not IPv6 or (daddr) a routing header with
 * segments left makes the pseudo-header's destination another address,
 * XK_EHELPER (TC). warn_unused_result.
 */
#define xk_ip6_set_saddr(pkt, v, a)                                            \
	xk__ip6_set_addr(XK__MUT(pkt), XK__SET(xk_l4, v), XK__IP6_SADDR, a)
#define xk_ip6_set_daddr(pkt, v, a)                                            \
	xk__ip6_set_addr(XK__MUT(pkt), XK__SET(xk_l4, v), XK__IP6_DADDR, a)

/* ---- TTL / hop limit, DSCP / ECN -------------------------------------- */

/* Replace byte @idx of the 16-bit word at @w. */
XK_INLINE int xk__set_byte(struct xk__base *b, struct xk__at w, __u32 idx,
			   __u8 val, struct xk__at l3c)
{
	__u16 from, to;
	__u8 n[2];

	n[0] = w.p[0];
	n[1] = w.p[1];
	xk_memcpy(&from, n, 2);
	n[idx] = val;
	xk_memcpy(&to, n, 2);
	return xk__store_csum(b, w, from, to, 2, l3c, xk__nowhere(), 0);
}

XK_INLINE XK_MUST_CHECK int xk__ip_dec_ttl(struct xk__base *b, struct xk_l4 *v)
{
	int r;

	if (v->l3_proto == ETH_P_IP) {
		__u8 ttl = v->ip4.h->ttl;

		if (ttl <= 1)
			return 1;
		r = xk__set_byte(
			b, xk__at(v->ip4.h, v->l3_off, XK__IP4_TTL_WORD), 0,
			ttl - 1, xk__at(v->ip4.h, v->l3_off, XK__IP4_CHECK));
	} else if (v->l3_proto == ETH_P_IPV6) {
		__u8 hl = v->ip6.h->hop_limit;

		if (hl <= 1)
			return 1;
		r = xk__set_byte(b,
				 xk__at(v->ip6.h, v->l3_off, XK__IP6_HL_WORD),
				 1, hl - 1, xk__nowhere());
	} else {
		return XK_EUNSUP;
	}
	return xk__done(b, v, r);
}
/**
 * xk_ip_dec_ttl() - decrement the IPv4 TTL or IPv6 hop limit
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4()
 *
 * Return: 0 decremented (the IPv4 checksum follows); 1 when it was <= 1:
 * nothing changed, and a router would drop the packet and answer ICMP time
 * exceeded; XK_EUNSUP not IP; XK_EHELPER (TC). warn_unused_result.
 */
#define xk_ip_dec_ttl(pkt, v) xk__ip_dec_ttl(XK__MUT(pkt), XK__SET(xk_l4, v))

/* Set the 8-bit traffic class: IPv4 TOS, IPv6 across bytes 0 and 1. */
XK_INLINE XK_MUST_CHECK int xk__ip_set_tclass(struct xk__base *b,
					      struct xk_l4 *v, __u8 keep_mask,
					      __u8 bits)
{
	const __u8 *w;
	__u16 from, to;
	__u8 tc, n[2];
	int r;

	if (v->l3_proto == ETH_P_IP) {
		w = (const __u8 *)v->ip4.h;
		tc = (w[1] & keep_mask) | bits;
		r = xk__set_byte(b, xk__at(w, v->l3_off, XK__IP4_TOS_WORD), 1,
				 tc, xk__at(w, v->l3_off, XK__IP4_CHECK));
	} else if (v->l3_proto == ETH_P_IPV6) {
		w = (const __u8 *)v->ip6.h;
		tc = (__u8)((w[0] << 4) | (w[1] >> 4));
		tc = (tc & keep_mask) | bits;
		n[0] = (w[0] & 0xf0) | (tc >> 4);
		n[1] = (__u8)(tc << 4) | (w[1] & 0x0f);
		xk_memcpy(&from, w, 2);
		xk_memcpy(&to, n, 2);
		r = xk__store_csum(b, xk__at(w, v->l3_off, XK__IP6_TC_WORD),
				   from, to, 2, xk__nowhere(), xk__nowhere(),
				   0);
	} else {
		return XK_EUNSUP;
	}
	return xk__done(b, v, r);
}
/**
 * xk_ip_set_dscp(), xk_ip_set_ecn() - rewrite DSCP or ECN
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4()
 * @dscp: 0..63 (the upper six bits of TOS / traffic class)
 * @ecn: 0..3 (the lower two)
 *
 * Context: XDP, TC, mutable userspace buffers.
 * Return: 0, XK_EUNSUP not IP, XK_EHELPER (TC). warn_unused_result.
 */
/* DSCP 0..63 (the upper six bits), ECN 0..3 (the lower two). */
#define xk_ip_set_dscp(pkt, v, dscp)                                           \
	xk__ip_set_tclass(XK__MUT(pkt), XK__SET(xk_l4, v), 0x03,               \
			  (__u8)(((dscp)&0x3f) << 2))
#define xk_ip_set_ecn(pkt, v, ecn)                                             \
	xk__ip_set_tclass(XK__MUT(pkt), XK__SET(xk_l4, v), 0xfc,               \
			  (__u8)((ecn)&0x03))

/* ---- MAC addresses ---------------------------------------------------- */

XK_INLINE XK_MUST_CHECK int xk__eth_set(struct xk__base *b, struct xk_l4 *v,
					__u32 field, const __u8 *mac)
{
	__u8 m[6];
	int r;

	if (!v->eth.h)
		return XK_EUNSUP; /* parsed from L3: no Ethernet header */
	xk_memcpy(m, mac, 6);
	r = xk__store_at(b, xk__at(v->eth.h, v->eth.off, field), m, 6);
	return xk__done(b, v, r);
}
/**
 * xk_eth_set_dst(), xk_eth_set_src(), xk_eth_swap() - rewrite MAC addresses
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4()
 * @mac: 6 bytes, wire order
 *
 * xk_eth_swap() exchanges destination and source (the turnaround of an
 * XDP_TX answer).
 *
 * Context: XDP, TC, mutable userspace buffers.
 * Return: 0, XK_EUNSUP when there is no Ethernet header (parsed from L3),
 * XK_EHELPER (TC). warn_unused_result.
 */
#define xk_eth_set_dst(pkt, v, mac)                                            \
	xk__eth_set(XK__MUT(pkt), XK__SET(xk_l4, v), XK__ETH_DST, mac)
#define xk_eth_set_src(pkt, v, mac)                                            \
	xk__eth_set(XK__MUT(pkt), XK__SET(xk_l4, v), XK__ETH_SRC, mac)

XK_INLINE XK_MUST_CHECK int xk__eth_swap(struct xk__base *b, struct xk_l4 *v)
{
	__u8 m[12];
	int r;

	if (!v->eth.h)
		return XK_EUNSUP;
	xk__copy_eth(m + 6, v->eth.h->h_dest, 6);
	xk__copy_eth(m, v->eth.h->h_source, 6);
	r = xk__store_at(b, xk__at(v->eth.h, v->eth.off, XK__ETH_DST), m, 12);
	return xk__done(b, v, r);
}
#define xk_eth_swap(pkt, v) xk__eth_swap(XK__MUT(pkt), XK__SET(xk_l4, v))

/**
 * xk_l4_swap() - turn a TCP or UDP packet around, in place
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4()
 *
 * Swaps the MACs (when there is an Ethernet header), the IP addresses and
 * the ports: the packet goes back where it came from, as a reflector or
 * an echo sends it. A swap changes no one's complement sum, so no checksum
 * is touched: three stores in XDP, nothing re-derived. Send it back with
 * XDP_TX (or bpf_redirect in TC).
 *
 * Context: XDP, TC, mutable userspace buffers.
 * Return: 0; XK_EUNSUP unless TCP or UDP over IPv4 or IPv6, or behind an
 * IPv6 routing header with segments left (its checksum uses the last
 * segment); XK_EHELPER (TC). warn_unused_result.
 */
XK_INLINE XK_MUST_CHECK int xk__l4_swap(struct xk__base *b, struct xk_l4 *v)
{
	__u8 m[12], a[32], pt[4];
	struct xk__at addr_at, port_at;
	int r = 0;

	if (v->l3_proto == ETH_P_IPV6 && xk__ip6_routed(b, v))
		return XK_EUNSUP;
	/* read it all first: in TC a store invalidates the view's pointers */
	if (v->proto == IPPROTO_TCP) {
		xk_memcpy(pt, &v->tcp.h->dest, 2);
		xk_memcpy(pt + 2, &v->tcp.h->source, 2);
		port_at = xk__at(v->tcp.h, v->tcp.off, 0);
	} else if (v->proto == IPPROTO_UDP) {
		xk_memcpy(pt, &v->udp.h->dest, 2);
		xk_memcpy(pt + 2, &v->udp.h->source, 2);
		port_at = xk__at(v->udp.h, v->udp.off, 0);
	} else {
		return XK_EUNSUP;
	}
	if (v->l3_proto == ETH_P_IP) {
		xk_memcpy(a, &v->ip4.h->daddr, 4);
		xk_memcpy(a + 4, &v->ip4.h->saddr, 4);
		addr_at = xk__at(v->ip4.h, v->l3_off, XK__IP4_SADDR);
	} else if (v->l3_proto == ETH_P_IPV6) {
		xk_memcpy(a, &v->ip6.h->daddr, 16);
		xk_memcpy(a + 16, &v->ip6.h->saddr, 16);
		addr_at = xk__at(v->ip6.h, v->l3_off, XK__IP6_SADDR);
	} else {
		return XK_EUNSUP;
	}
	if (v->eth.h) {
		xk__copy_eth(m + 6, v->eth.h->h_dest, 6);
		xk__copy_eth(m, v->eth.h->h_source, 6);
		r = xk__store_at(b, xk__at(v->eth.h, v->eth.off, XK__ETH_DST),
				 m, 12);
	}
	if (!r)
		r = v->l3_proto == ETH_P_IP ? xk__store_at(b, addr_at, a, 8)
					    : xk__store_at(b, addr_at, a, 32);
	if (!r)
		r = xk__store_at(b, port_at, pt, 4);
	return xk__done(b, v, r);
}
#define xk_l4_swap(pkt, v) xk__l4_swap(XK__MUT(pkt), XK__SET(xk_l4, v))

/**
 * xk_icmp_echo_reply() - turn an ICMP or ICMPv6 echo request into its reply,
 * in place
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4()
 *
 * Swaps MACs and addresses and sets the reply type, fixing the ICMP
 * checksum; TTL / hop limit are left as they came. Send it back with
 * XDP_TX (or bpf_redirect in TC).
 *
 * Context: XDP, TC, mutable userspace buffers.
 * Return: 0, XK_EUNSUP if it is not an echo request, XK_EHELPER (TC).
 * warn_unused_result.
 */
/* ---- ICMP / ICMPv6 echo request -> reply, in place --------------------- */

/*
 * Swap MACs and addresses (neither changes a one's complement sum, so the
 * IPv4 header and the ICMPv6 pseudo-header sums stay right) and turn the
 * type into a reply, fixing the ICMP checksum for it. TTL / hop limit are
 * left as they came. XK_EUNSUP if this is not an echo request.
 */
XK_INLINE XK_MUST_CHECK int xk__icmp_echo_reply(struct xk__base *b,
						struct xk_l4 *v)
{
	struct xk__at addr_at, type_at;
	__u8 req, rep, addrs[32];
	__u16 from, to;
	__u32 alen;
	__u8 w[2];
	int r;

	/* test l3_proto too: it is what tells the verifier which union
	 * member the parse filled */
	if (v->l3_proto == ETH_P_IP && v->proto == IPPROTO_ICMP) {
		req = XK_ICMP_ECHO;
		rep = XK_ICMP_ECHOREPLY;
		w[0] = v->icmp.h->type;
		alen = 4;
	} else if (v->l3_proto == ETH_P_IPV6 && v->proto == IPPROTO_ICMPV6) {
		req = 128; /* ICMPV6_ECHO_REQUEST */
		rep = 129;
		w[0] = v->icmp6.h->icmp6_type;
		alen = 16;
	} else {
		return XK_EUNSUP;
	}
	if (w[0] != req)
		return XK_EUNSUP;
	r = xk__eth_swap(b, v);
	if (r)
		return r; /* xk__eth_swap refreshed v */
	/* v's pointers are valid again here, in every context */
	if (alen == 4) {
		w[1] = v->icmp.h->code;
		xk_memcpy(addrs, &v->ip4.h->daddr, 4);
		xk_memcpy(addrs + 4, &v->ip4.h->saddr, 4);
		addr_at = xk__at(v->ip4.h, v->l3_off, XK__IP4_SADDR);
		type_at = xk__at(v->icmp.h, v->icmp.off, XK__ICMP_TYPE);
		r = xk__store_at(b, addr_at, addrs, 8);
	} else {
		w[1] = v->icmp6.h->icmp6_code;
		xk_memcpy(addrs, &v->ip6.h->daddr, 16);
		xk_memcpy(addrs + 16, &v->ip6.h->saddr, 16);
		addr_at = xk__at(v->ip6.h, v->l3_off, XK__IP6_SADDR);
		type_at = xk__at(v->icmp6.h, v->icmp6.off, XK__ICMP6_TYPE);
		r = xk__store_at(b, addr_at, addrs, 32);
	}
	if (r)
		return xk__done(b, v, r);
	xk_memcpy(&from, w, 2);
	w[0] = rep;
	xk_memcpy(&to, w, 2);
	r = xk__store_csum(
		b, type_at, from, to, 2, xk__nowhere(),
		xk__at(type_at.p, type_at.off, XK__ICMP_CHECK - XK__ICMP_TYPE),
		0);
	return xk__done(b, v, r);
}
#define xk_icmp_echo_reply(pkt, v)                                             \
	xk__icmp_echo_reply(XK__MUT(pkt), XK__SET(xk_l4, v))

/* ---- ARP request -> reply, in place ------------------------------------ */

/**
 * xk_arp_reply() - turn an ARP request into its reply, in place
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4() (an Ethernet/IPv4 ARP request)
 * @mac: the hardware address to answer with (6 bytes)
 *
 * The operation becomes 2 (reply), the sender becomes @mac with the
 * address that was asked for, the target the requester; the Ethernet
 * header goes back to the requester from @mac. Whether to answer (is the
 * asked address one of ours?) is the caller's: read it first with
 * l4.arp.h->tpa. Send it back with XDP_TX.
 *
 * Context: XDP, TC, mutable userspace buffers.
 * Return: 0; XK_EUNSUP when it is not an Ethernet/IPv4 ARP request (or
 * was parsed from L3); XK_ETRUNC; XK_EHELPER (TC). warn_unused_result.
 */

XK_INLINE XK_MUST_CHECK int xk__arp_reply(struct xk__base *b, struct xk_l4 *v,
					  const __u8 *mac)
{
	xk_arphdr_t *a;
	__u8 body[22], l2[12];
	int r;

	if (v->l3_proto != ETH_P_ARP || !v->arp.eth_ip || !v->eth.h)
		return XK_EUNSUP;
	/* the whole Ethernet/IPv4 body, bounds-checked here for the reads */
	a = xk__ptr(b, v->l3_off, sizeof(*a));
	if (!a)
		return XK_ETRUNC;
	if (a->oper != xk_htons_c(1))
		return XK_EUNSUP; /* not a request */
	/* op 2; sender: @mac and the address asked for; target: the
	 * requester */
	body[0] = 0;
	body[1] = 2;
	xk_memcpy(body + 2, mac, 6);
	xk_memcpy(body + 8, a->tpa, 4);
	xk_memcpy(body + 12, a->sha, 6);
	xk_memcpy(body + 18, a->spa, 4);
	/* back to where it came from, from @mac */
	xk_memcpy(l2, a->sha, 6);
	xk_memcpy(l2 + 6, mac, 6);
	r = xk__store_at(b, xk__at(v->eth.h, v->eth.off, XK__ETH_DST), l2, 12);
	if (!r)
		r = xk__store_at(b, xk__at(a, v->l3_off, 6), body, 22);
	return xk__done(b, v, r);
}
#define xk_arp_reply(pkt, v, mac)                                              \
	xk__arp_reply(XK__MUT(pkt), XK__SET(xk_l4, v), mac)

#endif /* XDPKIT_REWRITE_H */
