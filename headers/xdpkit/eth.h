/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Ethernet and 802.1Q / 802.1ad VLAN stacks.
 *
 * xk_parse_eth(pkt, &off, &eth) parses the Ethernet header at off and up to
 * XK_VLAN_MAX_DEPTH in-frame VLAN tags, advances off to the L3 header and
 * returns the L3 ethertype (host order) or a negative XK_E* code. On TC the
 * tag the driver took out of the frame (skb->vlan_tci) is reported as the
 * offloaded tag, separately from the in-frame tags.
 */
#ifndef XDPKIT_ETH_H
#define XDPKIT_ETH_H

#include "view.h"

#ifndef XK_VLAN_MAX_DEPTH
#define XK_VLAN_MAX_DEPTH 2
#endif

/**
 * struct xk_vlanhdr, xk_vlanhdr_t - an 802.1Q / 802.1ad tag after the TPID
 *
 * TCI and the next ethertype, network order (xk_vlanhdr_t: alignment 1 in
 * host builds).
 */
struct xk_vlanhdr {
	__be16 tci;
	__be16 proto;
};
_Static_assert(sizeof(struct xk_vlanhdr) == 4, "vlan header");
typedef struct xk_vlanhdr XK__WIRE xk_vlanhdr_t;

/**
 * struct xk_eth, struct xk_eth_ro - the Ethernet view
 *
 * h (the header, NULL when parsing started at L3), off, hlen (Ethernet and
 * in-frame VLAN tags), proto (the ethertype after the tags, host order),
 * nvlan and tci[]/tpid[] (in-frame tags, outermost first, host order),
 * offloaded, offl_tci and offl_tpid (TC: the tag the driver took out of the
 * frame).
 */
#define XK__ETH_FIELDS(Q, S)                                                   \
	Q struct ethhdr *h; /* NULL when parsing started at L3 */              \
	__u16 off;	    /* offset of the Ethernet header */                \
	__u16 hlen;	    /* Ethernet + in-frame VLAN tags */                \
	__u16 proto;	    /* L3 ethertype after the tags, host order */      \
	__u8 nvlan;	    /* in-frame VLAN tags parsed */                    \
	__u8 offloaded;	    /* TC: skb carries an offloaded tag */             \
	__u16 offl_tci;	    /* that tag's TCI, host order */                   \
	__u16 offl_tpid;    /* that tag's TPID, host order */                  \
	__u16 tci[XK_VLAN_MAX_DEPTH];  /* in-frame TCIs, outermost first */    \
	__u16 tpid[XK_VLAN_MAX_DEPTH]; /* and their TPIDs, host order */
XK__VIEW(eth, XK__ETH_FIELDS);

XK_INLINE int xk__is_vlan(__u16 proto)
{
	return proto == ETH_P_8021Q || proto == ETH_P_8021AD;
}

/* Walk in-frame VLAN tags at *off whose TPID is proto. */
XK_INLINE int xk__vlan_walk(const struct xk__base *b, __u32 *off,
			    struct xk_eth *v, __u16 proto)
{
	int i;

	XK_UNROLL
	for (i = 0; i < XK_VLAN_MAX_DEPTH; i++) {
		xk_vlanhdr_t *vh;

		if (!xk__is_vlan(proto))
			break;
		vh = xk__ptr(b, *off, sizeof(*vh));
		if (!vh)
			return XK_ETRUNC;
		v->tci[i] = xk_ntohs(vh->tci);
		v->tpid[i] = proto;
		proto = xk_ntohs(vh->proto);
		*off += sizeof(*vh);
		v->nvlan = i + 1;
	}
	if (xk__is_vlan(proto))
		return XK_EDEPTH;
	v->proto = proto;
	v->hlen = *off - v->off;
	return proto;
}

XK_INLINE void xk__eth_init(const struct xk__base *b, __u32 off,
			    struct xk_eth *v)
{
	v->h = NULL;
	v->off = off;
	v->hlen = 0;
	v->proto = 0;
	v->nvlan = 0;
	v->offloaded = b->vlan_present;
	v->offl_tci = b->vlan_tci;
	v->offl_tpid = b->vlan_proto;
}

XK_INLINE int xk__parse_eth(const struct xk__base *b, __u32 *off,
			    struct xk_eth *v)
{
	struct ethhdr *eth;

	xk__eth_init(b, *off, v);
	eth = xk__ptr(b, *off, sizeof(*eth));
	if (!eth)
		return XK_ETRUNC;
	v->h = eth;
	*off += sizeof(*eth);
	/* struct ethhdr is packed: h_proto would be read byte by byte */
	return xk__vlan_walk(b, off, v,
			     xk_ntohs(*(xk__wire_be16 *)((__u8 *)eth + 12)));
}
XK__DEF_PARSE_OFF(xk__parse_eth, xk_eth)
/**
 * xk_parse_eth() - parse the Ethernet header and its VLAN tags
 *
 * @pkt: the context
 * @off: pointer to the offset of the Ethernet header; advanced to L3
 * @v: the view to fill (struct xk_eth, or struct xk_eth_ro for a read-only
 *     context)
 *
 * Walks up to XK_VLAN_MAX_DEPTH in-frame 802.1Q/802.1ad tags.
 *
 * Context: any.
 * Return: the L3 ethertype (host order, >= 0), or XK_ETRUNC, XK_EDEPTH.
 */
#define xk_parse_eth(pkt, off, v) XK__PARSE(xk__parse_eth, pkt, off, v)

/**
 * xk_eth_dst(), xk_eth_src(), xk_eth_proto(), xk_eth_vlan_id() - Ethernet
 * fields
 *
 * @v: a struct xk_eth or struct xk_eth_ro (l4.eth), h non-NULL for the MACs
 * @i: which in-frame tag (0: outermost, below nvlan)
 *
 * Return: the destination / source MAC (6 bytes, wire order; const for a
 * read-only view), the ethertype after the tags (host order), a tag's VLAN
 * id (12 bits).
 */
/* Getters. MACs are byte arrays in wire order. */
#define xk_eth_dst(v)	     (XK__GETP(xk_eth, v)->h->h_dest)
#define xk_eth_src(v)	     (XK__GETP(xk_eth, v)->h->h_source)
#define xk_eth_proto(v)	     (XK__GET(xk_eth, v)->proto)	   /* host */
#define xk_eth_vlan_id(v, i) (XK__GET(xk_eth, v)->tci[i] & 0x0fff) /* host */

#endif /* XDPKIT_ETH_H */
