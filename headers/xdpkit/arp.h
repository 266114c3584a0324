/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * ARP. The fixed header is always parsed; the Ethernet/IPv4 addresses are
 * available (eth_ip == 1) when hardware is Ethernet, protocol IPv4 and the
 * address lengths are 6 and 4.
 */
#ifndef XDPKIT_ARP_H
#define XDPKIT_ARP_H

#include "view.h"

/**
 * struct xk_arphdr, xk_arphdr_t - the ARP header, with the Ethernet/IPv4 body
 *
 * The fixed part is XK_ARP_FIXED (8) bytes; sha, spa, tha, tpa follow for
 * Ethernet/IPv4 (byte arrays: unaligned on the wire).
 */
struct xk_arphdr {
	__be16 htype;
	__be16 ptype;
	__u8 hlen;
	__u8 plen;
	__be16 oper;
	/* Ethernet/IPv4 body; unaligned, hence byte arrays */
	__u8 sha[6];
	__u8 spa[4];
	__u8 tha[6];
	__u8 tpa[4];
};
_Static_assert(sizeof(struct xk_arphdr) == 28, "arp header");
typedef struct xk_arphdr XK__WIRE xk_arphdr_t;
#define XK_ARP_FIXED 8

/**
 * struct xk_arp, struct xk_arp_ro - the ARP view
 *
 * h, off, eth_ip (the Ethernet/IPv4 body is present: hardware type 1,
 * protocol IPv4, address lengths 6 and 4).
 */
#define XK__ARP_FIELDS(Q, S)                                                   \
	Q xk_arphdr_t *h;                                                      \
	__u16 off;                                                             \
	__u8 eth_ip; /* the Ethernet/IPv4 body is present */
XK__VIEW(arp, XK__ARP_FIELDS);

XK_INLINE int xk__parse_arp(const struct xk__base *b, __u32 *off,
			    struct xk_arp *v)
{
	xk_arphdr_t *a = xk__ptr(b, *off, XK_ARP_FIXED);

	v->off = *off;
	v->eth_ip = 0;
	if (!a)
		return XK_ETRUNC;
	v->h = a;
	if (a->htype == xk_htons_c(1) && a->ptype == xk_htons_c(ETH_P_IP) &&
	    a->hlen == 6 && a->plen == 4) {
		if (!xk__ptr(b, *off, sizeof(*a)))
			return XK_ETRUNC;
		v->eth_ip = 1;
		*off += sizeof(*a);
	} else {
		*off += XK_ARP_FIXED;
	}
	return 0;
}
XK__DEF_PARSE_OFF(xk__parse_arp, xk_arp)
/**
 * xk_parse_arp(), xk_arp_oper() - parse ARP, and its operation
 *
 * @pkt: the context
 * @off: pointer to the header's offset; advanced past what was parsed
 * @v: the ARP view (for xk_arp_oper(): l4.arp, mutable or read-only)
 *
 * Context: any.
 * Return: xk_parse_arp() 0 or XK_ETRUNC; xk_arp_oper() the operation (host
 * order: 1 request, 2 reply).
 */
#define xk_parse_arp(pkt, off, v) XK__PARSE(xk__parse_arp, pkt, off, v)

#define xk_arp_oper(v) xk_ntohs(XK__GET(xk_arp, v)->h->oper) /* host */

#endif /* XDPKIT_ARP_H */
