/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Tunnels: IPIP, 6in4, 4in6, IPv6-in-IPv6, GRE (checksum/key/sequence
 * flags; IPv4, IPv6 and transparent Ethernet bridging inside), VXLAN and
 * Geneve (with options). The tunnel view tells where the inner packet
 * starts and what it is; the inner headers parse with the same functions
 * (xk_parse_inner in parse.h).
 *
 * Refused, as Linux refuses them: GRE version != 0 or with the routing bit
 * (XK_EUNSUP), VXLAN without the I flag (XK_EUNSUP), Geneve version != 0
 * (XK_EUNSUP).
 */
#ifndef XDPKIT_TUNNEL_H
#define XDPKIT_TUNNEL_H

#include "view.h"

/*
 * UDP tunnels are recognised by destination port, as Linux's receive path
 * does. VXLAN on the IANA port and on 8472, the port Linux's vxlan device
 * uses when created without dstport; Geneve on its IANA port. Override any
 * of them with -D before including xdpkit (set XK_VXLAN_PORT_ALT to
 * XK_VXLAN_PORT to recognise one VXLAN port only). The encapsulation
 * helpers (encap.h) send to XK_VXLAN_PORT.
 */
#ifndef XK_VXLAN_PORT
#define XK_VXLAN_PORT 4789
#endif
#ifndef XK_VXLAN_PORT_ALT
#define XK_VXLAN_PORT_ALT 8472
#endif
#ifndef XK_GENEVE_PORT
#define XK_GENEVE_PORT 6081
#endif

/**
 * enum xk_tun_type, XK_TUN_NONE, XK_TUN_IPIP, XK_TUN_6IN4, XK_TUN_4IN6,
 * XK_TUN_IP6IP6, XK_TUN_GRE, XK_TUN_VXLAN, XK_TUN_GENEVE - tunnel types
 *
 * What xk_parse_tunnel() found: none, IPv4 in IPv4, IPv6 in IPv4 (SIT),
 * IPv4 in IPv6, IPv6 in IPv6, GRE, VXLAN, Geneve.
 */
enum xk_tun_type {
	XK_TUN_NONE = 0,
	XK_TUN_IPIP = 1,   /* IPv4 in IPv4 */
	XK_TUN_6IN4 = 2,   /* IPv6 in IPv4 (SIT) */
	XK_TUN_4IN6 = 3,   /* IPv4 in IPv6 */
	XK_TUN_IP6IP6 = 4, /* IPv6 in IPv6 */
	XK_TUN_GRE = 5,
	XK_TUN_VXLAN = 6,
	XK_TUN_GENEVE = 7,
};

/**
 * struct xk_grehdr, xk_grehdr_t, XK_GRE_CSUM, XK_GRE_ROUTING, XK_GRE_KEY,
 * XK_GRE_SEQ, XK_GRE_VERSION - the GRE header and its flag bits
 *
 * Flags and protocol, network order; the flag bits (host order) of the
 * optional checksum, routing (refused), key and sequence fields, and the
 * version mask (version 0 only).
 */
struct xk_grehdr {
	__be16 flags;
	__be16 proto;
};
typedef struct xk_grehdr XK__WIRE xk_grehdr_t;
#define XK_GRE_CSUM    0x8000
#define XK_GRE_ROUTING 0x4000
#define XK_GRE_KEY     0x2000
#define XK_GRE_SEQ     0x1000
#define XK_GRE_VERSION 0x0007

/**
 * struct xk_vxlanhdr, xk_vxlanhdr_t, struct xk_genevehdr, xk_genevehdr_t -
 * VXLAN and Geneve headers
 *
 * The 8-byte VXLAN header (flags, VNI) and the fixed part of the Geneve
 * header (version and option length, flags, protocol, VNI).
 */
struct xk_vxlanhdr {
	__be32 flags; /* 0x08000000: VNI valid (I flag) */
	__be32 vni;   /* VNI << 8 */
};
_Static_assert(sizeof(struct xk_vxlanhdr) == 8, "vxlan header");
typedef struct xk_vxlanhdr XK__WIRE xk_vxlanhdr_t;

struct xk_genevehdr {
	__u8 ver_optlen; /* version (2 bits), options length in 4 bytes */
	__u8 flags;	 /* O, C */
	__be16 proto;
	__u8 vni[3];
	__u8 reserved;
};
_Static_assert(sizeof(struct xk_genevehdr) == 8, "geneve header");
typedef struct xk_genevehdr XK__WIRE xk_genevehdr_t;

/**
 * struct xk_tun, struct xk_tun_ro - the tunnel view
 *
 * type (enum xk_tun_type), h (the GRE/VXLAN/Geneve header, NULL for IP in
 * IP), off, hlen (options included), inner_off (where the inner packet
 * starts), inner_proto (its ethertype, host order; ETH_P_TEB for Ethernet),
 * id with has_id (the VNI, or the GRE key, host order), gre_flags.
 */
#define XK__TUN_FIELDS(Q, S)                                                   \
	Q __u8 *h;	 /* GRE/VXLAN/Geneve header; NULL for IP-in-IP */      \
	__u16 off;	 /* offset of the tunnel header (inner IP for IPIP) */ \
	__u16 hlen;	 /* tunnel header length, options included */          \
	__u16 inner_off; /* where the inner packet starts */                   \
	__u16 inner_proto; /* its ethertype, host order; ETH_P_TEB: Ethernet   \
			    */                                                 \
	__u32 id;	   /* VNI, or GRE key (host order), if has_id */       \
	__u16 gre_flags;   /* host order */                                    \
	__u8 type;	   /* enum xk_tun_type */                              \
	__u8 has_id;
XK__VIEW(tun, XK__TUN_FIELDS);

XK_INLINE int xk__parse_gre(const struct xk__base *b, __u32 off,
			    struct xk_tun *t)
{
	xk_grehdr_t *g = xk__ptr(b, off, sizeof(*g));
	__u32 hlen = sizeof(*g);
	__u16 flags;

	if (!g)
		return XK_ETRUNC;
	flags = xk_ntohs(g->flags);
	if (flags & (XK_GRE_VERSION | XK_GRE_ROUTING))
		return XK_EUNSUP;
	t->h = (__u8 *)g;
	t->gre_flags = flags;
	if (flags & XK_GRE_CSUM)
		hlen += 4;
	if (flags & XK_GRE_KEY) {
		xk__wire_be32 *key = xk__ptr(b, off + hlen, 4);

		if (!key)
			return XK_ETRUNC;
		t->id = xk_ntohl(*key);
		t->has_id = 1;
		hlen += 4;
	}
	if (flags & XK_GRE_SEQ)
		hlen += 4;
	if (!xk__ptr(b, off, hlen))
		return XK_ETRUNC;
	t->hlen = hlen;
	t->inner_off = off + hlen;
	t->inner_proto = xk_ntohs(g->proto);
	return XK_TUN_GRE;
}

XK_INLINE int xk__parse_vxlan(const struct xk__base *b, __u32 off,
			      struct xk_tun *t)
{
	xk_vxlanhdr_t *vx = xk__ptr(b, off, sizeof(*vx));

	if (!vx)
		return XK_ETRUNC;
	if (!(vx->flags & xk_htonl_c(0x08000000)))
		return XK_EUNSUP;
	t->h = (__u8 *)vx;
	t->hlen = sizeof(*vx);
	t->id = xk_ntohl(vx->vni) >> 8;
	t->has_id = 1;
	t->inner_off = off + sizeof(*vx);
	t->inner_proto = ETH_P_TEB;
	return XK_TUN_VXLAN;
}

XK_INLINE int xk__parse_geneve(const struct xk__base *b, __u32 off,
			       struct xk_tun *t)
{
	xk_genevehdr_t *gh = xk__ptr(b, off, sizeof(*gh));
	__u32 hlen;

	if (!gh)
		return XK_ETRUNC;
	if (gh->ver_optlen >> 6)
		return XK_EUNSUP;
	hlen = sizeof(*gh) + (gh->ver_optlen & 0x3f) * 4;
	if (!xk__ptr(b, off, hlen))
		return XK_ETRUNC;
	t->h = (__u8 *)gh;
	t->hlen = hlen;
	t->id = ((__u32)gh->vni[0] << 16) | ((__u32)gh->vni[1] << 8) |
		gh->vni[2];
	t->has_id = 1;
	t->inner_off = off + hlen;
	t->inner_proto = xk_ntohs(gh->proto);
	return XK_TUN_GENEVE;
}

#endif /* XDPKIT_TUNNEL_H */
