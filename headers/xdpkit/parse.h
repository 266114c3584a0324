/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Whole-stack parsing: one call from the start of the packet (or from a
 * tunnel's inner packet) to L4.
 *
 *   struct xk_l4 l4;                      (struct xk_l4_ro for read-only)
 *   if (xk_parse_l4(&pkt, &l4) == 0 && l4.proto == IPPROTO_TCP)
 *           port = xk_l4_dport(&l4);      (host order)
 *
 * xk_parse_l4 returns 0 when every header present parsed (an ARP packet, an
 * unknown ethertype and a later fragment are all 0, with l4.proto == 0), or
 * the negative XK_E* code of the first header that failed. Fields of the
 * layers before the failing one are valid.
 *
 * Test l3_proto before touching ip4/ip6/arp and proto before tcp/udp/icmp/
 * icmp6: they are set only for what was parsed (l3_proto is 0 for an
 * ethertype we do not parse; eth.proto always holds the ethertype).
 *
 * xk_parse_tunnel(&pkt, &l4, &tun) looks behind a parsed stack for a tunnel:
 * > 0 (enum xk_tun_type), 0 for none, < 0 for a bad tunnel header.
 * xk_parse_inner(&pkt, &tun, &inner) parses the inner packet like
 * xk_parse_l4 does the outer one.
 */
#ifndef XDPKIT_PARSE_H
#define XDPKIT_PARSE_H

#include "eth.h"
#include "arp.h"
#include "ip.h"
#include "l4.h"
#include "tunnel.h"

/**
 * struct xk_l4, struct xk_l4_ro - the whole-stack view
 *
 * eth; ip4, ip6 or arp (by l3_proto: ETH_P_IP, ETH_P_IPV6, ETH_P_ARP, or 0
 * for an ethertype not parsed); tcp, udp, icmp or icmp6 (by proto:
 * IPPROTO_TCP, _UDP, _ICMP, _ICMPV6, or 0); l3_off, l4_off, l3_end (one past
 * the IP datagram by its length field: Ethernet padding is not in it),
 * ip_proto (the final IP protocol), frag (enum xk_frag), inner (parsed as a
 * tunnel's inner packet). Test l3_proto and proto before touching the views
 * they select.
 */
#define XK__L4_FIELDS(Q, S)                                                    \
	struct xk_eth##S eth;                                                  \
	union {                                                                \
		struct xk_ip4##S ip4; /* l3_proto == ETH_P_IP */               \
		struct xk_ip6##S ip6; /* l3_proto == ETH_P_IPV6 */             \
		struct xk_arp##S arp; /* l3_proto == ETH_P_ARP */              \
	};                                                                     \
	union {                                                                \
		struct xk_tcp##S tcp;	  /* proto == IPPROTO_TCP */           \
		struct xk_udp##S udp;	  /* proto == IPPROTO_UDP */           \
		struct xk_icmp##S icmp;	  /* proto == IPPROTO_ICMP */          \
		struct xk_icmp6##S icmp6; /* proto == IPPROTO_ICMPV6 */        \
	};                                                                     \
	__u16 l3_proto; /* ETH_P_IP, ETH_P_IPV6, ETH_P_ARP if parsed, else 0   \
			 */                                                    \
	__u16 l3_off;	/* offset of the L3 header */                          \
	__u16 l4_off;	/* first byte after L3 options / extension headers */  \
	__u16 l3_end;	/* one past the IP datagram (its length field) */      \
	__u8 ip_proto;	/* final IP protocol, 0 if not IP */                   \
	__u8 proto;	/* L4 header parsed: TCP, UDP, ICMP, ICMPV6; else 0 */ \
	__u8 frag;	/* enum xk_frag */                                     \
	__u8 inner;	/* parsed as a tunnel's inner packet */
XK__VIEW(l4, XK__L4_FIELDS);

/*
 * Parse L3 (and L4) at off, whose ethertype is proto.
 *
 * The discriminators (l3_proto, proto) are stored as constants inside each
 * branch rather than copied from the value tested, and through XK_TAG, so
 * that clang cannot turn them back into the tested value: then every
 * verifier path carries a known l3_proto/proto next to the union member it
 * filled, and user code that tests them before touching ip4/ip6/tcp/...
 * verifies on every kernel and compiler.
 */
XK_INLINE int xk__parse_l3(const struct xk__base *b, __u32 off, __u16 proto,
			   struct xk_l4 *v)
{
	__u32 lim; /* one past the datagram, unclamped: the L4 bound */
	int r;

	v->l3_off = off;
	v->l4_off = off;
	v->l3_end = 0xffff;
	/* l3_proto is set once the header checked out: "test l3_proto
	 * before touching ip4/ip6/arp" then also holds after a failure */
	if (proto == ETH_P_IP) {
		r = xk__parse_ip4(b, &off, &v->ip4);
		if (r < 0)
			return r;
		XK_TAG(v->l3_proto, ETH_P_IP);
		v->frag = v->ip4.frag;
		v->l3_end = v->ip4.end;
		lim = v->l3_off + (__u32)xk_ntohs(v->ip4.h->tot_len);
	} else if (proto == ETH_P_IPV6) {
		__u32 plen;

		r = xk__parse_ip6(b, &off, &v->ip6);
		if (r < 0)
			return r;
		XK_TAG(v->l3_proto, ETH_P_IPV6);
		v->frag = v->ip6.frag;
		v->l3_end = v->ip6.end;
		plen = xk_ntohs(v->ip6.h->payload_len);
		lim = plen ? v->l3_off + sizeof(struct ipv6hdr) + plen : ~0U;
	} else if (proto == ETH_P_ARP) {
		r = xk__parse_arp(b, &off, &v->arp);
		if (r < 0)
			return r;
		XK_TAG(v->l3_proto, ETH_P_ARP);
		return 0;
	} else {
		/* not l3_proto = proto: the verifier cannot tell an unknown
		 * value from ETH_P_IP and would let ip4 be read unset */
		v->l3_proto = 0;
		return 0;
	}
	v->ip_proto = r;
	v->l4_off = off;
	if (v->frag == XK_FRAG_LATER)
		return 0;
	switch (r) {
	case IPPROTO_TCP:
		r = xk__parse_tcp(b, &off, &v->tcp);
		if (r < 0)
			return r;
		if (off > lim)
			return XK_ETRUNC; /* in padding, not the datagram */
		XK_TAG(v->proto, IPPROTO_TCP);
		return 0;
	case IPPROTO_UDP:
		r = xk__parse_udp(b, &off, &v->udp);
		if (r < 0)
			return r;
		if (off > lim)
			return XK_ETRUNC;
		XK_TAG(v->proto, IPPROTO_UDP);
		return 0;
	case IPPROTO_ICMP:
		/* ICMP belongs to IPv4 and ICMPv6 to IPv6: the other pairing
		 * is not parsed, so a view never pairs an ICMPv6 header with
		 * an IPv4 one (rewrites rely on it) */
		if (proto != ETH_P_IP)
			return 0;
		r = xk__parse_icmp(b, &off, &v->icmp);
		if (r < 0)
			return r;
		if (off > lim)
			return XK_ETRUNC;
		XK_TAG(v->proto, IPPROTO_ICMP);
		return 0;
	case IPPROTO_ICMPV6:
		if (proto != ETH_P_IPV6)
			return 0;
		r = xk__parse_icmp6(b, &off, &v->icmp6);
		if (r < 0)
			return r;
		if (off > lim)
			return XK_ETRUNC;
		XK_TAG(v->proto, IPPROTO_ICMPV6);
		return 0;
	}
	return 0;
}

XK_INLINE void xk__l4_init(struct xk_l4 *v)
{
	v->l3_proto = 0;
	v->l3_off = 0;
	v->l4_off = 0;
	v->l3_end = 0;
	v->ip_proto = 0;
	v->proto = 0;
	v->frag = XK_FRAG_NONE;
	v->inner = 0;
	/* the L3 and L4 views share their first members: gcc -O2 -Wall
	 * cannot tell that l3_proto / proto != 0 implies they are set, and
	 * -Werror makes that fatal (the rewrites read h and off) */
	v->ip4.h = NULL;
	v->ip4.off = 0;
	v->tcp.h = NULL;
	v->tcp.off = 0;
	/* read behind l3_proto == ETH_P_IPV6 (routed IPv6 is not swapped),
	 * but clang 13 at -mcpu=v3 hoists the load and spills the undefined
	 * value of another family's view: a register the verifier never saw
	 * written ("R8 !read_ok") */
	v->ip6.rt_hdr = 0;
}

XK_INLINE int xk__parse_l4(const struct xk__base *b, struct xk_l4 *v)
{
	__u32 off = 0;
	int r;

	xk__l4_init(v);
	if (b->start == XK_START_L3) {
		xk__eth_init(b, 0, &v->eth);
		r = xk__vlan_walk(b, &off, &v->eth, b->l3_proto);
	} else {
		r = xk__parse_eth(b, &off, &v->eth);
	}
	if (r < 0)
		return r;
	return xk__parse_l3(b, off, r, v);
}
XK__DEF_PARSE(xk__parse_l4, xk_l4)
/**
 * xk_parse_l4() - parse a packet from its start to L4
 *
 * @pkt: the context (struct xk_pkt or struct xk_pkt_ro)
 * @v: the view to fill (struct xk_l4, or struct xk_l4_ro for a read-only
 *     context)
 *
 * One call for Ethernet, VLAN tags, IPv4/IPv6 (options, extension headers,
 * fragments) or ARP, and TCP/UDP/ICMP/ICMPv6. Fields of the layers before a
 * failing one are valid.
 *
 * Context: any.
 * Return: 0 when every header present parsed (an ARP packet, an unknown
 * ethertype and a later fragment are 0, with proto 0), or the negative XK_E*
 * code of the first header that failed.
 */
#define xk_parse_l4(pkt, v) XK__PARSE(xk__parse_l4, pkt, v)

XK_INLINE int xk__parse_tunnel(const struct xk__base *b, const struct xk_l4 *o,
			       struct xk_tun *t)
{
	t->type = XK_TUN_NONE;
	t->h = NULL;
	t->hlen = 0;
	t->id = 0;
	t->has_id = 0;
	t->gre_flags = 0;
	t->off = o->l4_off;
	t->inner_off = o->l4_off;
	t->inner_proto = 0;
	if (!o->ip_proto || o->frag == XK_FRAG_LATER)
		return 0;
	switch (o->ip_proto) {
	case IPPROTO_IPIP:
		t->inner_proto = ETH_P_IP;
		t->type = o->l3_proto == ETH_P_IP ? XK_TUN_IPIP : XK_TUN_4IN6;
		return t->type;
	case IPPROTO_IPV6:
		t->inner_proto = ETH_P_IPV6;
		t->type = o->l3_proto == ETH_P_IP ? XK_TUN_6IN4 : XK_TUN_IP6IP6;
		return t->type;
	case IPPROTO_GRE:
		/* type names the tunnel tried even when its header is bad;
		 * never `return t->type = ...`: a __u8 turns -5 into 251 */
		t->type = XK_TUN_GRE;
		return xk__parse_gre(b, o->l4_off, t);
	case IPPROTO_UDP: {
		__u16 dport;

		if (o->proto != IPPROTO_UDP)
			return 0;
		dport = xk_ntohs(o->udp.h->dest);
		t->off = o->l4_off + sizeof(struct udphdr);
		if (dport == XK_VXLAN_PORT || dport == XK_VXLAN_PORT_ALT) {
			t->type = XK_TUN_VXLAN;
			return xk__parse_vxlan(b, t->off, t);
		}
		if (dport == XK_GENEVE_PORT) {
			t->type = XK_TUN_GENEVE;
			return xk__parse_geneve(b, t->off, t);
		}
		return 0;
	}
	}
	return 0;
}
XK_INLINE int xk__parse_tunnel_rw(struct xk_pkt *p, const struct xk_l4 *o,
				  struct xk_tun *t)
{
	return xk__parse_tunnel(&p->b, o, t);
}
XK_INLINE int xk__parse_tunnel_ro(struct xk_pkt_ro *p, const struct xk_l4_ro *o,
				  struct xk_tun_ro *t)
{
	return xk__parse_tunnel(&p->b, (const struct xk_l4 *)(const void *)o,
				(struct xk_tun *)(void *)t);
}
/**
 * xk_parse_tunnel() - look for a tunnel behind a parsed packet
 *
 * @pkt: the context
 * @o: the outer packet's view, from xk_parse_l4()
 * @t: the tunnel view to fill (struct xk_tun or struct xk_tun_ro)
 *
 * IP in IP, GRE (IP or Ethernet inside), VXLAN on XK_VXLAN_PORT or
 * XK_VXLAN_PORT_ALT and Geneve on XK_GENEVE_PORT (by destination port, as
 * Linux does).
 *
 * Context: any.
 * Return: > 0 the enum xk_tun_type found, 0 none, < 0 a bad tunnel header
 * (XK_ETRUNC, XK_EUNSUP: GRE version 1 or routing, VXLAN without the I
 * flag, Geneve version != 0); t->type names the tunnel tried either way.
 */
#define xk_parse_tunnel(pkt, o, t) XK__PARSE(xk__parse_tunnel, pkt, o, t)

XK_INLINE int xk__parse_inner(const struct xk__base *b, const struct xk_tun *t,
			      struct xk_l4 *v)
{
	__u32 off = t->inner_off;
	int r;

	xk__l4_init(v);
	v->inner = 1;
	xk__eth_init(b, off, &v->eth);
	v->eth.offloaded = 0;
	if (t->inner_proto == ETH_P_TEB) {
		r = xk__parse_eth(b, &off, &v->eth);
		v->eth.offloaded = 0;
		if (r < 0)
			return r;
	} else {
		r = t->inner_proto;
		v->eth.proto = r;
	}
	return xk__parse_l3(b, off, r, v);
}
XK_INLINE int xk__parse_inner_rw(struct xk_pkt *p, const struct xk_tun *t,
				 struct xk_l4 *v)
{
	return xk__parse_inner(&p->b, t, v);
}
XK_INLINE int xk__parse_inner_ro(struct xk_pkt_ro *p, const struct xk_tun_ro *t,
				 struct xk_l4_ro *v)
{
	return xk__parse_inner(&p->b, (const struct xk_tun *)(const void *)t,
			       (struct xk_l4 *)(void *)v);
}
/**
 * xk_parse_inner() - parse a tunnel's inner packet
 *
 * @pkt: the context
 * @t: the tunnel view, from xk_parse_tunnel()
 * @v: the view to fill (its inner field is set)
 *
 * Context: any.
 * Return: as xk_parse_l4() for the inner packet.
 */
#define xk_parse_inner(pkt, t, v) XK__PARSE(xk__parse_inner, pkt, t, v)

/* NDP behind a parsed ICMPv6 stack (see l4.h). */
XK_INLINE int xk__parse_ndp_rw(struct xk_pkt *p, const struct xk_l4 *v,
			       struct xk_ndp *n)
{
	if (v->proto != IPPROTO_ICMPV6)
		return XK_EUNSUP;
	return xk__parse_ndp(&p->b, &v->icmp6, v->l3_end, n);
}
XK_INLINE int xk__parse_ndp_ro(struct xk_pkt_ro *p, const struct xk_l4_ro *v,
			       struct xk_ndp *n)
{
	return xk__parse_ndp_rw((struct xk_pkt *)(void *)p,
				(const struct xk_l4 *)(const void *)v, n);
}
/**
 * xk_parse_ndp() - parse an NDP message behind a parsed ICMPv6 packet
 *
 * @pkt: the context
 * @v: the view from xk_parse_l4() (proto IPPROTO_ICMPV6)
 * @n: the struct xk_ndp to fill
 *
 * Walks at most XK_NDP_OPT_MAX options.
 *
 * Context: any.
 * Return: 0; XK_EUNSUP when the packet is not ICMPv6 or not an NDP type;
 * XK_EBADLEN for an option length of 0 (RFC 4861: drop); XK_ETRUNC.
 */
#define xk_parse_ndp(pkt, v, n) XK__PARSE(xk__parse_ndp, pkt, v, n)

/* Ports of a TCP or UDP stack, host order; 0 for other protocols. */
XK_INLINE __u16 xk__l4_sport(const struct xk_l4 *v)
{
	if (v->proto == IPPROTO_TCP)
		return xk_ntohs(v->tcp.h->source);
	if (v->proto == IPPROTO_UDP)
		return xk_ntohs(v->udp.h->source);
	return 0;
}
XK_INLINE __u16 xk__l4_dport(const struct xk_l4 *v)
{
	if (v->proto == IPPROTO_TCP)
		return xk_ntohs(v->tcp.h->dest);
	if (v->proto == IPPROTO_UDP)
		return xk_ntohs(v->udp.h->dest);
	return 0;
}
/**
 * xk_l4_sport(), xk_l4_dport() - the ports of a parsed packet
 *
 * @v: the view from xk_parse_l4(), mutable or read-only
 *
 * Return: the TCP or UDP port, host order; 0 for other protocols.
 */
#define xk_l4_sport(v) xk__l4_sport(XK__GET(xk_l4, v))
#define xk_l4_dport(v) xk__l4_dport(XK__GET(xk_l4, v))

/* ---- One-line summary of a packet (stats, tests, agreement checks) ---- */

/**
 * struct xk_summary - a one-line summary of a packet, by xk_summarize()
 *
 * err and tun_err (the parse results), l3_proto (the ethertype after VLAN
 * tags, parsed or not), ip_proto, l4_proto, frag, sport and dport (host
 * order), nvlan (in-frame and offloaded tags), tunnel (enum xk_tun_type) and
 * the inner packet's ip_proto, l4_proto, frag, l3_proto, ports; tun_id.
 */
struct xk_summary {
	__s8 err;     /* xk_parse_l4 result */
	__s8 tun_err; /* xk_parse_tunnel / xk_parse_inner result */
	__u8 ip_proto;
	__u8 l4_proto;
	__u16 l3_proto; /* the ethertype after VLAN tags (parsed or not) */
	__u16 sport;	/* host order */
	__u16 dport;	/* host order */
	__u8 frag;
	__u8 nvlan;  /* in-frame + offloaded tags */
	__u8 tunnel; /* enum xk_tun_type */
	__u8 inner_ip_proto;
	__u8 inner_l4_proto;
	__u8 inner_frag;
	__u16 inner_l3_proto;
	__u16 inner_sport;
	__u16 inner_dport;
	__u32 tun_id;
};

XK_INLINE void xk__summary_fill(const struct xk_l4 *v, __u16 *l3, __u8 *ipp,
				__u8 *l4p, __u8 *frag, __u16 *sp, __u16 *dp)
{
	*l3 = v->l3_proto ? v->l3_proto : v->eth.proto;
	*ipp = v->ip_proto;
	*l4p = v->proto;
	*frag = v->frag;
	*sp = xk__l4_sport(v);
	*dp = xk__l4_dport(v);
}

XK_INLINE int xk__summarize(const struct xk__base *b, struct xk_summary *s)
{
	struct xk_l4 o, in;
	struct xk_tun t;
	int r;

	xk_memset(s, 0, sizeof(*s));
	r = xk__parse_l4(b, &o);
	s->err = r;
	s->nvlan = o.eth.nvlan + o.eth.offloaded;
	xk__summary_fill(&o, &s->l3_proto, &s->ip_proto, &s->l4_proto, &s->frag,
			 &s->sport, &s->dport);
	if (r)
		return r;
	r = xk__parse_tunnel(b, &o, &t);
	if (r <= 0) {
		s->tun_err = r;
		s->tunnel = r < 0 ? t.type : 0;
		return 0;
	}
	s->tunnel = r;
	s->tun_id = t.id;
	r = xk__parse_inner(b, &t, &in);
	s->tun_err = r;
	xk__summary_fill(&in, &s->inner_l3_proto, &s->inner_ip_proto,
			 &s->inner_l4_proto, &s->inner_frag, &s->inner_sport,
			 &s->inner_dport);
	return 0;
}
/**
 * xk_summarize() - parse a packet, its tunnel and inner packet into a summary
 *
 * @pkt: the context
 * @s: the struct xk_summary to fill
 *
 * For statistics, tests and comparisons with other parsers.
 *
 * Context: any.
 * Return: xk_parse_l4()'s result (also in s->err).
 */
#define xk_summarize(pkt, s) xk__summarize(&(pkt)->b, s)

#endif /* XDPKIT_PARSE_H */
