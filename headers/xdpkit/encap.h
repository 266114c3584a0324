/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Rewrites that move packet data: VLAN push/pop, encapsulation (IPIP,
 * 6in4, 4in6, IPv6-in-IPv6, GRE, VXLAN) and decapsulation of every tunnel
 * the parsers know.
 *
 *   xk_vlan_pop   (pkt, &l4)                   the outermost tag
 *   xk_vlan_push  (pkt, &l4, tpid, tci)        host order
 *   xk_ip_encap   (pkt, &l4, &xk_encap)        IP-in-IP by families
 *   xk_gre_encap  (pkt, &l4, &xk_encap)        GRE over IPv4/IPv6
 *   xk_vxlan_encap(pkt, &l4, &xk_encap)        the whole frame, over IPv4/UDP
 *   xk_decap      (pkt, &l4, &tun)             tun from xk_parse_tunnel
 *
 * Each returns 0 once the packet changed, or a negative XK_E* code when it
 * did not (in TC, a helper failing half way is XK_EHELPER and may have
 * changed it). Either way @l4 is re-parsed over the packet as it now is
 * (the new outer headers after encap, the former inner packet after
 * decap), as xk_parse_l4 would: a new packet that does not parse in full
 * leaves the view at what did, so test l3_proto and proto as after a
 * parse. These calls move every header, so the view is rebuilt rather than
 * patched, and the natural code -- keep using the view you passed -- is
 * the correct code. Other views are stale.
 *
 * How: XDP moves the head with bpf_xdp_adjust_head and rewrites the L2
 * header in front; TC uses bpf_skb_vlan_push/pop (the pushed tag lives in
 * skb->vlan_tci until the device inserts it) and bpf_skb_adjust_room with
 * the encap/decap flags, so GSO and skb->protocol follow; userspace buffers
 * made with xk_pkt_buf_room grow into their headroom. In TC, encap and
 * decap need the tag-free frame TC normally sees (in-frame VLAN tags:
 * XK_EUNSUP). The new outer IPv4 header gets a computed checksum; the outer
 * UDP checksum of VXLAN over IPv4 is 0 (RFC 7348).
 */
#ifndef XDPKIT_ENCAP_H
#define XDPKIT_ENCAP_H

#include "rewrite.h"

/**
 * XK_ADJ_ROOM_DECAP_L3_IPV4, XK_ADJ_ROOM_DECAP_L3_IPV6 - bpf_skb_adjust_room
 * decap flags
 *
 * BPF_F_ADJ_ROOM_DECAP_L3_IPV4/IPV6 (Linux 6.3), which older UAPI headers
 * lack; xk_decap() uses them in TC.
 */
/* Debian's 6.1 UAPI lacks the decap flags (Linux 6.3). */
#define XK_ADJ_ROOM_DECAP_L3_IPV4 (1ULL << 7)
#define XK_ADJ_ROOM_DECAP_L3_IPV6 (1ULL << 8)

/**
 * struct xk_encap - the outer headers of an encapsulation
 *
 * family (ETH_P_IP or ETH_P_IPV6: the outer IP), ttl (0: 64), tos, saddr
 * and daddr (v4 network order or v6), key with has_key (GRE), vni and sport
 * (VXLAN, host order), smac and dmac (VXLAN's outer Ethernet).
 */
/* Outer headers of an encapsulation. */
struct xk_encap {
	__u16 family; /* ETH_P_IP or ETH_P_IPV6: the outer IP */
	__u8 ttl;     /* TTL / hop limit, 0: 64 */
	__u8 tos;     /* outer TOS / traffic class */
	union {
		__be32 v4;
		struct in6_addr v6;
	} saddr, daddr;
	__u32 key; /* GRE key (host order), if has_key */
	__u8 has_key;
	__u32 vni;    /* VXLAN network identifier (host order) */
	__u16 sport;  /* VXLAN outer UDP source port (host order) */
	__u8 smac[6]; /* VXLAN outer Ethernet */
	__u8 dmac[6];
};

/* The Ethernet header and VLAN tags of a frame, kept across a move. */
struct xk__l2 {
	__u8 macs[12];
	__u8 tags[4 * XK_VLAN_MAX_DEPTH];
	__u8 ntags;
};

XK_INLINE int xk__l2_save(struct xk__base *b, const struct xk_l4 *v,
			  struct xk__l2 *s)
{
	__u8 *p;
	int i;

	if (!v->eth.h)
		return XK_EUNSUP;
	/* gcc -O2 -Wall cannot follow ntags from here to xk__l2_write and
	 * calls the tags maybe-uninitialized (fatal under -Werror) */
	xk_memset(s->tags, 0, sizeof(s->tags));
	xk__copy_eth(s->macs, v->eth.h, 12);
	s->ntags = v->eth.nvlan;
	XK_UNROLL
	for (i = 0; i < XK_VLAN_MAX_DEPTH; i++) {
		if (i >= s->ntags)
			break;
		p = xk__ptr(b, v->eth.off + 12 + 4 * i, 4);
		if (!p)
			return XK_ETRUNC;
		xk_memcpy(s->tags + 4 * i, p, 4);
	}
	return 0;
}

/* Write a saved L2 header at offset 0 with @ethertype (host order). */
XK_INLINE int xk__l2_write(struct xk__base *b, const struct xk__l2 *s,
			   __u16 ethertype)
{
	__be16 et = xk_htons(ethertype);
	__u32 off = 12;
	int i, r;

	r = xk__store_bytes(b, 0, s->macs, 12);
	XK_UNROLL
	for (i = 0; i < XK_VLAN_MAX_DEPTH; i++) {
		if (r || i >= s->ntags)
			break;
		r = xk__store_bytes(b, off, s->tags + 4 * i, 4);
		off += 4;
	}
	return r ? r : xk__store_bytes(b, off, &et, 2);
}

/* Move the start of the packet by @delta (> 0: drop bytes in front). */
XK_INLINE int xk__adjust_head(struct xk__base *b, int delta)
{
#if XK_BPF
	if (b->kind == XK_CTX_XDP) {
		/* pointers are invalid after the call, failed or not */
		int e = bpf_xdp_adjust_head(b->ctx, delta);

		xk__reload(b);
		b->len = (__u32)(b->end - b->data);
		return e ? XK_ENOROOM : 0;
	}
	if (b->kind != XK_CTX_BUF)
		return XK_EUNSUP;
#endif
	if (delta < 0 ? b->data - b->head < -delta : b->end - b->data < delta)
		return XK_ENOROOM;
	b->data += delta;
	b->len -= delta;
	return 0;
}

/* After a move: re-read what TC keeps outside the frame and re-parse. */
XK_INLINE int xk__reparse(struct xk__base *b, struct xk_l4 *v)
{
#if XK_BPF
	if (b->kind == XK_CTX_TC) {
		struct __sk_buff *skb = b->ctx;

		xk__reload(b);
		b->vlan_present = skb->vlan_present ? 1 : 0;
		b->vlan_tci = (__u16)skb->vlan_tci;
		b->vlan_proto = xk_ntohs(skb->vlan_proto);
	}
#endif
	return xk__parse_l4(b, v);
}

/*
 * Every data-moving call ends here, failed or not: the helpers invalidate
 * packet pointers even when they fail, so the view is always rebuilt. The
 * result is the move's: once the packet changed the call succeeded, and a
 * new packet that does not parse in full (a decapsulated inner packet that
 * is cut short, say) leaves the view at what did parse, as xk_parse_l4
 * does -- an error here would tell the caller nothing changed.
 */
XK_INLINE int xk__moved(struct xk__base *b, struct xk_l4 *v, int r)
{
	xk__reparse(b, v);
	return r;
}

/* ---- VLAN ------------------------------------------------------------- */

XK_INLINE XK_MUST_CHECK int xk__vlan_pop(struct xk__base *b, struct xk_l4 *v)
{
	__u8 macs[12];
	int r;

#if XK_BPF
	if (b->kind == XK_CTX_TC) {
		if (!v->eth.offloaded && !v->eth.nvlan)
			return XK_EUNSUP;
		r = bpf_skb_vlan_pop(b->ctx) ? XK_EHELPER : 0;
		return xk__moved(b, v, r);
	}
#endif
	if (!v->eth.h || !v->eth.nvlan)
		return XK_EUNSUP;
	xk__copy_eth(macs, v->eth.h, 12);
	r = xk__adjust_head(b, 4);
	if (!r)
		r = xk__store_bytes(b, 0, macs, 12);
	return xk__moved(b, v, r);
}
/**
 * xk_vlan_pop(), xk_vlan_push() - remove the outermost VLAN tag, or push one
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4(); re-parsed over the new packet
 * @tpid: ETH_P_8021Q or ETH_P_8021AD, host order
 * @tci: the tag control information, host order
 *
 * In TC the pushed tag lives in skb->vlan_tci until the device inserts it.
 *
 * Context: XDP, TC, userspace buffers made with xk_pkt_buf_room().
 * Return: 0 once the packet changed; XK_EUNSUP (no tag to pop, no Ethernet
 * header), XK_ENOROOM, XK_EHELPER (TC: may have changed it) when it did
 * not. warn_unused_result.
 */
#define xk_vlan_pop(pkt, v) xk__vlan_pop(XK__MUT(pkt), XK__SET(xk_l4, v))

XK_INLINE XK_MUST_CHECK int xk__vlan_push(struct xk__base *b, struct xk_l4 *v,
					  __u16 tpid, __u16 tci)
{
	__u8 hdr[16];
	__be16 w;
	int r;

#if XK_BPF
	if (b->kind == XK_CTX_TC) {
		r = bpf_skb_vlan_push(b->ctx, xk_htons(tpid), tci) ? XK_EHELPER
								   : 0;
		return xk__moved(b, v, r);
	}
#endif
	if (!v->eth.h)
		return XK_EUNSUP;
	if (v->eth.nvlan >= XK_VLAN_MAX_DEPTH)
		return XK_EDEPTH; /* we could not parse what we made */
	xk__copy_eth(hdr, v->eth.h, 12);
	w = xk_htons(tpid);
	xk_memcpy(hdr + 12, &w, 2);
	w = xk_htons(tci);
	xk_memcpy(hdr + 14, &w, 2);
	r = xk__adjust_head(b, -4);
	if (!r)
		r = xk__store_bytes(b, 0, hdr, 16);
	return xk__moved(b, v, r);
}
#define xk_vlan_push(pkt, v, tpid, tci)                                        \
	xk__vlan_push(XK__MUT(pkt), XK__SET(xk_l4, v), tpid, tci)

/* ---- outer headers ---------------------------------------------------- */

/* Build the outer IP header for @payload bytes carrying @proto. */
XK_INLINE __u32 xk__outer_ip(const struct xk_encap *e, __u8 proto,
			     __u32 payload, __u8 *out)
{
	__u8 ttl = e->ttl ? e->ttl : 64;

	if (e->family == ETH_P_IP) {
		struct iphdr ip = {};

		ip.version = 4;
		ip.ihl = 5;
		ip.tos = e->tos;
		ip.tot_len = xk_htons(payload + sizeof(ip));
		ip.frag_off = xk_htons_c(0x4000); /* DF */
		ip.ttl = ttl;
		ip.protocol = proto;
		ip.saddr = e->saddr.v4;
		ip.daddr = e->daddr.v4;
		ip.check = xk_ip4_csum(&ip, sizeof(ip));
		xk_memcpy(out, &ip, sizeof(ip));
		return sizeof(ip);
	} else {
		struct ipv6hdr ip6 = {};

		ip6.version = 6;
		ip6.priority = e->tos >> 4;
		ip6.flow_lbl[0] = (__u8)(e->tos << 4);
		ip6.payload_len = xk_htons(payload);
		ip6.nexthdr = proto;
		ip6.hop_limit = ttl;
		ip6.saddr = e->saddr.v6;
		ip6.daddr = e->daddr.v6;
		xk_memcpy(out, &ip6, sizeof(ip6));
		return sizeof(ip6);
	}
}

/*
 * Insert @hlen bytes of @hdr between the L2 header and L3 and set the
 * ethertype to @outer (host order). @flags: the adjust_room encap flags.
 */
XK_INLINE int xk__insert_l3(struct xk__base *b, struct xk_l4 *v,
			    const __u8 *hdr, __u32 hlen, __u16 outer,
			    __u64 flags)
{
	__be16 et = xk_htons(outer);
	struct xk__l2 l2;
	int r;

#if XK_BPF
	if (b->kind == XK_CTX_TC) {
		if (v->eth.nvlan || !v->eth.h)
			return XK_EUNSUP;
		if (bpf_skb_adjust_room(b->ctx, hlen, BPF_ADJ_ROOM_MAC, flags))
			return XK_EHELPER;
		r = xk__store_bytes(b, 12, &et, 2);
		if (!r)
			r = xk__store_bytes(b, 14, hdr, hlen);
		return xk__moved(b, v, r);
	}
#endif
	(void)flags;
	(void)et;
	r = xk__l2_save(b, v, &l2);
	if (r)
		return r;
	r = xk__adjust_head(b, -(int)hlen);
	if (!r)
		r = xk__l2_write(b, &l2, outer);
	if (!r)
		r = xk__store_bytes(b, v->l3_off, hdr, hlen);
	return xk__moved(b, v, r);
}

XK_INLINE __u64 xk__encap_l3_flag(__u16 family)
{
	return family == ETH_P_IP ? BPF_F_ADJ_ROOM_ENCAP_L3_IPV4
				  : BPF_F_ADJ_ROOM_ENCAP_L3_IPV6;
}

/**
 * xk_ip_encap(), xk_gre_encap(), xk_vxlan_encap() - encapsulate a packet
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4(); re-parsed over the new outer
 *     headers
 * @e: the struct xk_encap with the outer headers
 *
 * xk_ip_encap(): IPIP, 6in4, 4in6 or IPv6 in IPv6 by the families;
 * xk_gre_encap(): GRE (optional key) over IPv4/IPv6 carrying the L3 packet;
 * xk_vxlan_encap(): the whole frame behind Ethernet + IPv4 + UDP (to
 * XK_VXLAN_PORT, checksum 0) + VXLAN. The new IPv4 header gets a computed
 * checksum.
 *
 * Context: XDP, TC (a tag-free frame: in-frame VLAN tags are XK_EUNSUP),
 * userspace buffers made with xk_pkt_buf_room().
 * Return: 0 once the packet changed; XK_EUNSUP, XK_ENOROOM, XK_EHELPER (TC:
 * may have changed it). warn_unused_result.
 */
/* IPIP, 6in4, 4in6 or IPv6-in-IPv6, by the inner and outer families. */
XK_INLINE XK_MUST_CHECK int xk__ip_encap(struct xk__base *b, struct xk_l4 *v,
					 const struct xk_encap *e)
{
	__u8 hdr[40];
	__u32 hlen, inner;
	__u8 proto;

	if (v->l3_proto == ETH_P_IP)
		proto = IPPROTO_IPIP;
	else if (v->l3_proto == ETH_P_IPV6)
		proto = IPPROTO_IPV6;
	else
		return XK_EUNSUP;
	if (e->family != ETH_P_IP && e->family != ETH_P_IPV6)
		return XK_EUNSUP;
	inner = b->len - v->l3_off;
	hlen = xk__outer_ip(e, proto, inner, hdr);
	if (hlen == 20)
		return xk__insert_l3(b, v, hdr, 20, e->family,
				     xk__encap_l3_flag(e->family));
	return xk__insert_l3(b, v, hdr, 40, e->family,
			     xk__encap_l3_flag(e->family));
}
#define xk_ip_encap(pkt, v, e) xk__ip_encap(XK__MUT(pkt), XK__SET(xk_l4, v), e)

/* GRE (RFC 2784/2890: optional key) carrying the L3 packet. */
XK_INLINE XK_MUST_CHECK int xk__gre_encap(struct xk__base *b, struct xk_l4 *v,
					  const struct xk_encap *e)
{
	__u8 hdr[40 + 8];
	struct xk_grehdr g;
	__u32 glen, hlen, inner;
	__be32 key;

	if (v->l3_proto != ETH_P_IP && v->l3_proto != ETH_P_IPV6)
		return XK_EUNSUP;
	if (e->family != ETH_P_IP && e->family != ETH_P_IPV6)
		return XK_EUNSUP;
	glen = e->has_key ? 8 : 4;
	inner = b->len - v->l3_off;
	hlen = xk__outer_ip(e, IPPROTO_GRE, inner + glen, hdr);
	g.flags = e->has_key ? xk_htons_c(XK_GRE_KEY) : 0;
	g.proto = xk_htons(v->l3_proto);
	key = xk_htonl(e->key);
	if (hlen == 20) {
		xk_memcpy(hdr + 20, &g, 4);
		xk_memcpy(hdr + 24, &key, 4);
		if (glen == 8)
			return xk__insert_l3(
				b, v, hdr, 28, e->family,
				BPF_F_ADJ_ROOM_ENCAP_L3_IPV4 |
					BPF_F_ADJ_ROOM_ENCAP_L4_GRE);
		return xk__insert_l3(b, v, hdr, 24, e->family,
				     BPF_F_ADJ_ROOM_ENCAP_L3_IPV4 |
					     BPF_F_ADJ_ROOM_ENCAP_L4_GRE);
	}
	xk_memcpy(hdr + 40, &g, 4);
	xk_memcpy(hdr + 44, &key, 4);
	if (glen == 8)
		return xk__insert_l3(b, v, hdr, 48, e->family,
				     BPF_F_ADJ_ROOM_ENCAP_L3_IPV6 |
					     BPF_F_ADJ_ROOM_ENCAP_L4_GRE);
	return xk__insert_l3(b, v, hdr, 44, e->family,
			     BPF_F_ADJ_ROOM_ENCAP_L3_IPV6 |
				     BPF_F_ADJ_ROOM_ENCAP_L4_GRE);
}
#define xk_gre_encap(pkt, v, e)                                                \
	xk__gre_encap(XK__MUT(pkt), XK__SET(xk_l4, v), e)

/*
 * VXLAN over IPv4: outer Ethernet + IPv4 + UDP + VXLAN (50 bytes) in front
 * of the whole frame. TC inserts the room after its MAC header and moves
 * the original Ethernet header into the inner position.
 */
XK_INLINE XK_MUST_CHECK int xk__vxlan_encap(struct xk__base *b, struct xk_l4 *v,
					    const struct xk_encap *e)
{
	__u8 hdr[14 + 40 + 16]; /* room for xk__outer_ip's IPv6 case */
	struct udphdr uh = {};
	struct xk_vxlanhdr vx;
	__be16 et = xk_htons_c(ETH_P_IP);
	__u32 frame = b->len;
	int r;

	if (e->family != ETH_P_IP || !v->eth.h)
		return XK_EUNSUP;
	xk_memcpy(hdr, e->dmac, 6);
	xk_memcpy(hdr + 6, e->smac, 6);
	xk_memcpy(hdr + 12, &et, 2);
	xk__outer_ip(e, IPPROTO_UDP, 16 + frame, hdr + 14);
	uh.source = xk_htons(e->sport);
	uh.dest = xk_htons_c(XK_VXLAN_PORT);
	uh.len = xk_htons(16 + frame);
	xk_memcpy(hdr + 34, &uh, 8);
	vx.flags = xk_htonl_c(0x08000000);
	vx.vni = xk_htonl(e->vni << 8);
	xk_memcpy(hdr + 42, &vx, 8);
#if XK_BPF
	if (b->kind == XK_CTX_TC) {
		__u8 inner_eth[14];

		if (v->eth.nvlan)
			return XK_EUNSUP;
		xk__copy_eth(inner_eth, v->eth.h, 14);
		if (bpf_skb_adjust_room(b->ctx, 50, BPF_ADJ_ROOM_MAC,
					BPF_F_ADJ_ROOM_ENCAP_L3_IPV4 |
						BPF_F_ADJ_ROOM_ENCAP_L4_UDP |
						BPF_F_ADJ_ROOM_ENCAP_L2_ETH |
						BPF_F_ADJ_ROOM_ENCAP_L2(14)))
			return XK_EHELPER;
		r = xk__store_bytes(b, 50, inner_eth, 14);
		if (!r)
			r = xk__store_bytes(b, 0, hdr, 50);
		return xk__moved(b, v, r);
	}
#endif
	r = xk__adjust_head(b, -50);
	if (!r)
		r = xk__store_bytes(b, 0, hdr, 50);
	return xk__moved(b, v, r);
}
#define xk_vxlan_encap(pkt, v, e)                                              \
	xk__vxlan_encap(XK__MUT(pkt), XK__SET(xk_l4, v), e)

/* ---- decap ------------------------------------------------------------ */

/**
 * xk_decap() - remove a tunnel's outer headers
 *
 * @pkt: a mutable context
 * @v: the mutable view from xk_parse_l4(); re-parsed over the former inner
 *     packet
 * @t: the tunnel view from xk_parse_tunnel() on @v
 *
 * IP in IP and GRE carrying IP: the outer L3 and tunnel headers go, the L2
 * header stays with the inner ethertype. VXLAN, Geneve and GRE carrying
 * Ethernet: everything before the inner Ethernet header goes.
 *
 * Context: XDP, TC (a tag-free frame), userspace buffers.
 * Return: 0 once the packet changed; XK_EUNSUP, XK_EHELPER (TC).
 * warn_unused_result.
 */
/*
 * Remove the outer headers of a tunnel found by xk_parse_tunnel on @v.
 * IP-in-IP and GRE carrying IP: the outer L3 and tunnel headers go, the
 * L2 header stays with the inner ethertype. VXLAN, Geneve and GRE carrying
 * Ethernet: everything in front of the inner Ethernet header goes.
 */
XK_INLINE XK_MUST_CHECK int xk__decap(struct xk__base *b, struct xk_l4 *v,
				      const struct xk_tun *t)
{
	__u32 len;
	int r;

	if (t->type == XK_TUN_NONE || t->inner_off <= v->l3_off)
		return XK_EUNSUP;
	if (t->inner_proto == ETH_P_TEB) {
#if XK_BPF
		if (b->kind == XK_CTX_TC) {
			__u8 eth[14];
			__u8 *p = xk__ptr(b, t->inner_off, 14);
			__u64 flags = 0;

			if (!p || v->eth.nvlan)
				return p ? XK_EUNSUP : XK_ETRUNC;
			xk_memcpy(eth, p, 14);
			/* skb->protocol must follow the inner frame (IPv6
			 * in an IPv4 tunnel): the decap flags set it */
			if (eth[12] == 0x08 && eth[13] == 0x00)
				flags = XK_ADJ_ROOM_DECAP_L3_IPV4;
			else if (eth[12] == 0x86 && eth[13] == 0xdd)
				flags = XK_ADJ_ROOM_DECAP_L3_IPV6;
			/* drop [14, 14 + inner_off): the inner frame's
			 * first 14 bytes then take the outer Ethernet's
			 * place */
			if (bpf_skb_adjust_room(b->ctx, -(int)t->inner_off,
						BPF_ADJ_ROOM_MAC, flags))
				return XK_EHELPER;
			r = xk__store_bytes(b, 0, eth, 14);
			return xk__moved(b, v, r);
		}
#endif
		r = xk__adjust_head(b, t->inner_off);
		return xk__moved(b, v, r);
	}
	if (t->inner_proto != ETH_P_IP && t->inner_proto != ETH_P_IPV6)
		return XK_EUNSUP;
	len = t->inner_off - v->l3_off;
#if XK_BPF
	if (b->kind == XK_CTX_TC) {
		__be16 et = xk_htons(t->inner_proto);
		__u64 flags = t->inner_proto == ETH_P_IP
				      ? XK_ADJ_ROOM_DECAP_L3_IPV4
				      : XK_ADJ_ROOM_DECAP_L3_IPV6;

		if (v->eth.nvlan || !v->eth.h)
			return XK_EUNSUP;
		if (bpf_skb_adjust_room(b->ctx, -(int)len, BPF_ADJ_ROOM_MAC,
					flags))
			return XK_EHELPER;
		r = xk__store_bytes(b, 12, &et, 2);
		return xk__moved(b, v, r);
	}
#endif
	{
		struct xk__l2 l2;

		r = xk__l2_save(b, v, &l2);
		if (r)
			return r;
		r = xk__adjust_head(b, (int)len);
		if (!r)
			r = xk__l2_write(b, &l2, t->inner_proto);
		return xk__moved(b, v, r);
	}
}
#define xk_decap(pkt, v, t)                                                    \
	xk__decap(XK__MUT(pkt), XK__SET(xk_l4, v), XK__SET(xk_tun, t))

#endif /* XDPKIT_ENCAP_H */
