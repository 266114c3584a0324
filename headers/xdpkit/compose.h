/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Packet composition for userspace: a packet described as a list of layers
 * carrying only the fields that differ from the defaults, built into a
 * buffer with every length and checksum filled in.
 *
 *   __u8 buf[128];
 *   int n = xk_build(buf, sizeof(buf), XK_ETH(.dst = {2, 0, 0, 0, 0, 2}),
 *                    XK_VLAN(.id = 10), XK_IP4(.dst = "10.0.0.2"),
 *                    XK_UDP(.dport = 53), XK_RAW(payload, len));
 *
 * Defaults follow scapy's, so a description reads the same in both (give
 * the addresses: unset ones are zero, where scapy would ask its routes):
 * TTL / hop limit 64, IPv4 id 1,
 * UDP ports 53, TCP ports 20 -> 80 with SYN and a window of 8192, ICMP and
 * ICMPv6 echo requests. The ethertype, IP protocol / next header, every
 * length and every checksum come from the layers; an upper-layer checksum
 * behind an IPv6 routing header uses its final destination (RFC 8200 8.1).
 */
#ifndef XDPKIT_COMPOSE_H
#define XDPKIT_COMPOSE_H

#include "csum.h"
#include "l4.h"

#if XK_BPF
#error "xdpkit/compose.h builds packets in userspace buffers; not for BPF"
#endif

#include <arpa/inet.h>
#include <linux/icmp.h>

/**
 * enum xk_layer_kind, XK_L_ETH, XK_L_VLAN, XK_L_IP4, XK_L_IP6, XK_L_UDP,
 * XK_L_TCP, XK_L_ICMP, XK_L_ICMP6, XK_L_RAW, XK_L_ARP, XK_L_GRE,
 * XK_L_VXLAN, XK_L_IP6EXT, XK_L_NDP, XK_L_GENEVE - the layers xk_build()
 * knows
 *
 * Ethernet, an 802.1Q/802.1ad tag, ARP, IPv4 (with options), IPv6 and its
 * extension headers (hop-by-hop, destination options, routing, fragment),
 * UDP, TCP (with options), ICMP and ICMPv6 (a type, code and the echo
 * identifier and sequence), NDP (solicitations and advertisements with a
 * link-layer address option), GRE (with a key), VXLAN and Geneve (with
 * options) with their inner packet, and raw bytes, which end the packet.
 */
enum xk_layer_kind {
	XK_L_ETH = 1,
	XK_L_VLAN,
	XK_L_IP4,
	XK_L_IP6,
	XK_L_UDP,
	XK_L_TCP,
	XK_L_ICMP,
	XK_L_ICMP6,
	XK_L_RAW,
	XK_L_ARP,
	XK_L_GRE,
	XK_L_VXLAN,
	XK_L_IP6EXT,
	XK_L_NDP,
	XK_L_GENEVE,
};

/**
 * XK_ZERO - an explicit zero where a layer's 0 asks for the default
 *
 * For XK_NDP()'s .flags (0 is scapy's R|O for an advertisement) and
 * XK_RH()'s .segleft (0 is the number of addresses).
 */
#define XK_ZERO 0x100

/**
 * struct xk_layer, XK_ETH, XK_VLAN, XK_IP4, XK_IP6, XK_UDP, XK_TCP, XK_ICMP,
 * XK_ICMP6, XK_RAW, XK_ARP, XK_GRE, XK_VXLAN, XK_HBH, XK_DSTOPT, XK_RH,
 * XK_FRAG6, XK_NDP, XK_GENEVE - one layer of a packet to build
 *
 * Made with the macros, which take designated initialisers of the fields
 * that differ from the defaults: XK_ETH(.dst, .src: 6 bytes each, .type:
 * the ethertype, host order, 0 from the next layer), XK_VLAN(.id, .pcp,
 * .tpid: 0 is 0x8100, .type), XK_IP4(.src, .dst: dotted strings, .ttl: 0
 * is 64, .tos, .id: 0 is 1, .frag_off: host order, flags included,
 * .proto: 0 from the next layer, .opts with .optlen: options, a multiple
 * of 4), XK_IP6(.src, .dst: strings, .hlim: 0 is 64, .tclass, .flow, .nh),
 * XK_UDP(.sport, .dport: host order, 0 is 53), XK_TCP(.sport: 0 is 20,
 * .dport: 0 is 80, .seq, .ack, .flags: 0 is XK_TCP_SYN, .window: 0 is
 * 8192, .opts with .optlen, a multiple of 4), XK_ICMP and XK_ICMP6
 * (.type: 0 is the echo request, .code, .id, .seq), XK_RAW(data, len),
 * XK_ARP(.op: 0 is 1, a request, .sha, .tha: 6 bytes, .spa, .tpa: dotted
 * strings), XK_GRE(.key with .has_key), XK_VXLAN(.vni, .flags: 0 is 0x08,
 * the I flag of RFC 7348; scapy's own default is VXLAN-GPE's 0x0c),
 * XK_HBH and XK_DSTOPT (.opts with .optlen: options, padded with Pad1 or
 * PadN to a multiple of 8), XK_RH (.addrs: .naddrs address strings,
 * .rtype, .segleft: 0 is .naddrs, XK_ZERO for 0), XK_FRAG6 (.offset in
 * 8-byte units, .m, .id), XK_NDP(.type: 0 is 135, a neighbour
 * solicitation; 136 an advertisement, 133 a router solicitation; .target:
 * a string; .flags: R 0x80, S 0x40, O 0x20, 0 is R|O for an
 * advertisement, XK_ZERO for none; .lladdr with .has_lladdr: the source
 * link-layer address option, target's for an advertisement; an IPv6 layer
 * in front defaults to hop limit 255), XK_GENEVE(.vni, .proto: 0 from the
 * next layer, .opts with .optlen, a multiple of 4, .oam, .critical). A UDP
 * layer in front of VXLAN defaults to ports 4789, as scapy's does, and in
 * front of Geneve to destination port 6081.
 */
struct xk_layer {
	enum xk_layer_kind kind;
	union {
		struct {
			__u8 dst[6], src[6];
			__u16 type;
		} eth;
		struct {
			__u16 id, tpid, type;
			__u8 pcp;
		} vlan;
		struct {
			const char *src, *dst;
			__u8 ttl, tos, proto, optlen;
			__u16 id, frag_off;
			const void *opts;
		} ip4;
		struct {
			const char *src, *dst;
			__u8 hlim, tclass, nh;
			__u32 flow;
		} ip6;
		struct {
			__u16 sport, dport;
		} udp;
		struct {
			__u16 sport, dport, window;
			__u32 seq, ack;
			__u8 flags, optlen;
			const void *opts;
		} tcp;
		struct {
			__u8 type, code;
			__u16 id, seq;
		} icmp;
		struct {
			const void *data;
			__u32 len;
		} raw;
		struct {
			__u16 op;
			__u8 sha[6], tha[6];
			const char *spa, *tpa;
		} arp;
		struct {
			__u32 key;
			__u8 has_key;
		} gre;
		struct {
			__u32 vni;
			__u8 flags;
		} vxlan;
		struct {
			__u8 type; /* IPPROTO_HOPOPTS, _DSTOPTS, _ROUTING,
				      _FRAGMENT */
			__u8 optlen, rtype, naddrs, m;
			__u16 segleft, offset;
			__u32 id;
			const void *opts;
			const char *const *addrs;
		} ext;
		struct {
			__u8 type, has_lladdr;
			__u16 flags;
			const char *target;
			__u8 lladdr[6];
		} ndp;
		struct {
			__u32 vni;
			__u16 proto;
			__u8 optlen, oam, critical;
			const void *opts;
		} geneve;
	};
};

#define XK_ETH(...) ((struct xk_layer){.kind = XK_L_ETH, .eth = {__VA_ARGS__}})
#define XK_VLAN(...)                                                           \
	((struct xk_layer){.kind = XK_L_VLAN, .vlan = {__VA_ARGS__}})
#define XK_IP4(...) ((struct xk_layer){.kind = XK_L_IP4, .ip4 = {__VA_ARGS__}})
#define XK_IP6(...) ((struct xk_layer){.kind = XK_L_IP6, .ip6 = {__VA_ARGS__}})
#define XK_UDP(...) ((struct xk_layer){.kind = XK_L_UDP, .udp = {__VA_ARGS__}})
#define XK_TCP(...) ((struct xk_layer){.kind = XK_L_TCP, .tcp = {__VA_ARGS__}})
#define XK_ICMP(...)                                                           \
	((struct xk_layer){.kind = XK_L_ICMP, .icmp = {__VA_ARGS__}})
#define XK_ICMP6(...)                                                          \
	((struct xk_layer){.kind = XK_L_ICMP6, .icmp = {__VA_ARGS__}})
#define XK_RAW(d, n) ((struct xk_layer){.kind = XK_L_RAW, .raw = {(d), (n)}})
#define XK_ARP(...)  ((struct xk_layer){.kind = XK_L_ARP, .arp = {__VA_ARGS__}})
#define XK_GRE(...)  ((struct xk_layer){.kind = XK_L_GRE, .gre = {__VA_ARGS__}})
#define XK_VXLAN(...)                                                          \
	((struct xk_layer){.kind = XK_L_VXLAN, .vxlan = {__VA_ARGS__}})
#define XK__EXT(t, ...)                                                        \
	((struct xk_layer){.kind = XK_L_IP6EXT,                                \
			   .ext = {.type = t, __VA_ARGS__}})
#define XK_HBH(...)    XK__EXT(0, __VA_ARGS__)
#define XK_DSTOPT(...) XK__EXT(60, __VA_ARGS__)
#define XK_RH(...)     XK__EXT(43, __VA_ARGS__)
#define XK_FRAG6(...)  XK__EXT(44, __VA_ARGS__)
#define XK_NDP(...)    ((struct xk_layer){.kind = XK_L_NDP, .ndp = {__VA_ARGS__}})
#define XK_GENEVE(...)                                                         \
	((struct xk_layer){.kind = XK_L_GENEVE, .geneve = {__VA_ARGS__}})

/* Network-order stores, at any alignment. */
static inline void xk__put16(__u8 *p, __u32 v)
{
	p[0] = (__u8)(v >> 8);
	p[1] = (__u8)v;
}

static inline void xk__put32(__u8 *p, __u32 v)
{
	xk__put16(p, v >> 16);
	xk__put16(p + 2, v);
}

/* The header size of layer @l, or a negative XK_E* code. */
static inline int xk__layer_size(const struct xk_layer *l)
{
	switch (l->kind) {
	case XK_L_ETH:
		return 14;
	case XK_L_VLAN:
		return 4;
	case XK_L_IP4:
		if (l->ip4.optlen % 4 || l->ip4.optlen > 40 ||
		    (l->ip4.optlen && !l->ip4.opts))
			return XK_EBADLEN;
		return 20 + l->ip4.optlen;
	case XK_L_IP6:
		return 40;
	case XK_L_UDP:
		return 8;
	case XK_L_TCP:
		if (l->tcp.optlen % 4 || l->tcp.optlen > 40 ||
		    (l->tcp.optlen && !l->tcp.opts))
			return XK_EBADLEN;
		return 20 + l->tcp.optlen;
	case XK_L_ICMP:
	case XK_L_ICMP6:
		return 8;
	case XK_L_RAW:
		return l->raw.len > 0xffff || (l->raw.len && !l->raw.data)
			       ? XK_EBADLEN
			       : (int)l->raw.len;
	case XK_L_ARP:
		return 28;
	case XK_L_GRE:
		return l->gre.has_key ? 8 : 4;
	case XK_L_VXLAN:
		return 8;
	case XK_L_IP6EXT:
		if (l->ext.type == 0 || l->ext.type == 60) {
			if (l->ext.optlen && !l->ext.opts)
				return XK_EBADLEN;
			return (2 + l->ext.optlen + 7) & ~7;
		}
		if (l->ext.type == 43)
			return l->ext.naddrs > 127 ||
					       (l->ext.naddrs && !l->ext.addrs)
				       ? XK_EBADLEN
				       : 8 + 16 * l->ext.naddrs;
		if (l->ext.type == 44)
			return l->ext.offset > 0x1fff ? XK_EBADLEN : 8;
		return XK_EUNSUP;
	case XK_L_NDP: {
		int t = l->ndp.type ? l->ndp.type : 135;

		if (t != 133 && t != 135 && t != 136)
			return XK_EUNSUP;
		return (t == 133 ? 8 : 24) + (l->ndp.has_lladdr ? 8 : 0);
	}
	case XK_L_GENEVE:
		if (l->geneve.optlen % 4 || l->geneve.optlen > 252 ||
		    (l->geneve.optlen && !l->geneve.opts))
			return XK_EBADLEN;
		return 8 + l->geneve.optlen;
	}
	return XK_EUNSUP;
}

/* May @next follow @prev (0: the first layer)? */
static inline int xk__layer_follows(int prev, int next)
{
	switch (next) {
	case XK_L_ETH: /* first, or the inner frame of a tunnel */
		return !prev || prev == XK_L_GRE || prev == XK_L_VXLAN ||
		       prev == XK_L_GENEVE;
	case XK_L_VLAN:
	case XK_L_ARP:
		return prev == XK_L_ETH || prev == XK_L_VLAN;
	case XK_L_IP4:
	case XK_L_IP6:
		return !prev || prev == XK_L_ETH || prev == XK_L_VLAN ||
		       prev == XK_L_IP4 || prev == XK_L_IP6 ||
		       prev == XK_L_IP6EXT || prev == XK_L_GRE ||
		       prev == XK_L_GENEVE;
	case XK_L_GRE:
	case XK_L_UDP:
	case XK_L_TCP:
		return prev == XK_L_IP4 || prev == XK_L_IP6 ||
		       prev == XK_L_IP6EXT;
	case XK_L_VXLAN:
	case XK_L_GENEVE:
		return prev == XK_L_UDP;
	case XK_L_ICMP:
		return prev == XK_L_IP4;
	case XK_L_ICMP6:
	case XK_L_NDP:
	case XK_L_IP6EXT:
		return prev == XK_L_IP6 || prev == XK_L_IP6EXT;
	case XK_L_RAW:
		return prev != XK_L_RAW;
	}
	return 0;
}

static inline __u16 xk__next_type(const struct xk_layer *n)
{
	if (!n)
		return 0;
	switch (n->kind) {
	case XK_L_IP4:
		return ETH_P_IP;
	case XK_L_IP6:
		return ETH_P_IPV6;
	case XK_L_VLAN:
		return n->vlan.tpid ? n->vlan.tpid : ETH_P_8021Q;
	case XK_L_ARP:
		return ETH_P_ARP;
	case XK_L_ETH: /* behind GRE or Geneve */
		return ETH_P_TEB;
	default:
		return 0;
	}
}

/* The protocol of what follows an IP header: nothing or raw bytes is 0
 * for IPv4 and 59 (no next header) for IPv6, as scapy has it. */
static inline __u8 xk__next_proto(const struct xk_layer *n, int v6)
{
	if (!n || n->kind == XK_L_RAW)
		return v6 ? 59 : 0;
	switch (n->kind) {
	case XK_L_IP4:
		return IPPROTO_IPIP;
	case XK_L_IP6:
		return IPPROTO_IPV6;
	case XK_L_UDP:
		return IPPROTO_UDP;
	case XK_L_TCP:
		return IPPROTO_TCP;
	case XK_L_ICMP:
		return IPPROTO_ICMP;
	case XK_L_ICMP6:
	case XK_L_NDP:
		return IPPROTO_ICMPV6;
	case XK_L_GRE:
		return IPPROTO_GRE;
	case XK_L_IP6EXT:
		return n->ext.type;
	default:
		return 0;
	}
}

/**
 * xk_build_layers(), xk_build() - build a packet from its layers
 * @buf: where to write it
 * @size: the room at @buf
 * @l: the layers, outermost first (xk_build: the XK_ETH(), XK_IP4(), ...
 *     as arguments)
 * @n: how many
 *
 * Ethernet, VLAN tags, IPv4 or IPv6 (IP in IP too), then UDP, TCP, ICMP
 * (behind IPv4) or ICMPv6 (behind IPv6), then raw bytes; a packet may
 * also start at IP. What the layers leave at 0 gets its default (see
 * struct xk_layer); ethertypes, protocols, lengths and checksums are
 * computed (a UDP checksum that computes to 0 is written 0xffff). Nothing
 * is written past @size.
 *
 * Context: userspace.
 * Return: the packet's length; XK_ENOROOM when it does not fit;
 * XK_EUNSUP for layers that do not stack (UDP straight behind Ethernet,
 * ICMPv6 behind IPv4, anything after raw bytes); XK_EBADLEN for options
 * whose length is not a multiple of 4 (or above 40) or an address that
 * does not parse.
 */
XK_INLINE int xk_build_layers(void *buf, size_t size, const struct xk_layer *l,
			      int n)
{
	__u8 *p = buf;
	int off[16], i, sz, prev = 0, total = 0;

	if (n < 1 || n > 16)
		return XK_EUNSUP;
	for (i = 0; i < n; i++) {
		if (!xk__layer_follows(prev, l[i].kind))
			return XK_EUNSUP;
		sz = xk__layer_size(&l[i]);
		if (sz < 0)
			return sz;
		off[i] = total;
		total += sz;
		prev = l[i].kind;
	}
	if ((size_t)total > size)
		return XK_ENOROOM;
	if (total > 0xffff)
		return XK_EBADLEN;
	memset(p, 0, total);
	for (i = 0; i < n; i++) {
		const struct xk_layer *x = &l[i],
				      *nx = i + 1 < n ? &l[i + 1] : NULL;
		__u8 *h = p + off[i];
		__u32 rest = total - off[i];
		__u32 hsz =
			(i + 1 < n ? (__u32)off[i + 1] : (__u32)total) - off[i];

		switch (x->kind) {
		case XK_L_ETH: {
			__u16 t = x->eth.type ? x->eth.type : xk__next_type(nx);

			memcpy(h, x->eth.dst, 6);
			memcpy(h + 6, x->eth.src, 6);
			xk__put16(h + 12, t);
			break;
		}
		case XK_L_VLAN: {
			__u16 t =
				x->vlan.type ? x->vlan.type : xk__next_type(nx);
			__u16 tci = (__u16)(x->vlan.pcp << 13 |
					    (x->vlan.id & 0x0fff));

			/* the TPID is the previous header's type field */
			xk__put16(h + 0, tci);
			xk__put16(h + 2, t);
			break;
		}
		case XK_L_IP4: {
			__u8 ihl = (__u8)((20 + x->ip4.optlen) / 4);
			__u16 id = x->ip4.id ? x->ip4.id : 1,
			      fo = x->ip4.frag_off;

			h[0] = (__u8)(0x40 | ihl);
			h[1] = x->ip4.tos;
			xk__put16(h + 2, rest);
			xk__put16(h + 4, id);
			xk__put16(h + 6, fo);
			h[8] = x->ip4.ttl ? x->ip4.ttl : 64;
			h[9] = x->ip4.proto ? x->ip4.proto
					    : xk__next_proto(nx, 0);
			if ((x->ip4.src &&
			     inet_pton(AF_INET, x->ip4.src, h + 12) != 1) ||
			    (x->ip4.dst &&
			     inet_pton(AF_INET, x->ip4.dst, h + 16) != 1))
				return XK_EBADLEN;
			if (x->ip4.optlen)
				memcpy(h + 20, x->ip4.opts, x->ip4.optlen);
			{
				__u16 c = xk_ip4_csum(h, ihl * 4u);

				memcpy(h + 10, &c, 2);
			}
			break;
		}
		case XK_L_IP6: {
			__u32 plen = rest - 40;
			__u32 v = 6u << 28 | (__u32)x->ip6.tclass << 20 |
				  (x->ip6.flow & 0xfffff);

			xk__put32(h + 0, v);
			xk__put16(h + 4, plen);
			h[6] = x->ip6.nh ? x->ip6.nh : xk__next_proto(nx, 1);
			/* NDP wants 255 (RFC 4861), scapy gives it */
			h[7] = x->ip6.hlim		    ? x->ip6.hlim
			       : nx && nx->kind == XK_L_NDP ? 255
							    : 64;
			if ((x->ip6.src &&
			     inet_pton(AF_INET6, x->ip6.src, h + 8) != 1) ||
			    (x->ip6.dst &&
			     inet_pton(AF_INET6, x->ip6.dst, h + 24) != 1))
				return XK_EBADLEN;
			break;
		}
		case XK_L_UDP: {
			__u16 dflt = nx && nx->kind == XK_L_VXLAN ? 4789 : 53;
			__u16 sp = x->udp.sport ? x->udp.sport : dflt;
			__u16 dp = x->udp.dport ? x->udp.dport
				   : nx && nx->kind == XK_L_GENEVE ? 6081
								   : dflt;

			xk__put16(h + 0, sp);
			xk__put16(h + 2, dp);
			xk__put16(h + 4, rest);
			break;
		}
		case XK_L_TCP: {
			__u16 sp = x->tcp.sport ? x->tcp.sport : 20;
			__u16 dp = x->tcp.dport ? x->tcp.dport : 80;
			__u16 w = x->tcp.window ? x->tcp.window : 8192;
			__u32 s = x->tcp.seq, a = x->tcp.ack;

			xk__put16(h + 0, sp);
			xk__put16(h + 2, dp);
			xk__put32(h + 4, s);
			xk__put32(h + 8, a);
			h[12] = (__u8)(((20 + x->tcp.optlen) / 4) << 4);
			h[13] = x->tcp.flags ? x->tcp.flags : XK_TCP_SYN;
			xk__put16(h + 14, w);
			if (x->tcp.optlen)
				memcpy(h + 20, x->tcp.opts, x->tcp.optlen);
			break;
		}
		case XK_L_ICMP:
		case XK_L_ICMP6:
			h[0] = x->icmp.type ? x->icmp.type
					    : (x->kind == XK_L_ICMP ? 8 : 128);
			h[1] = x->icmp.code;
			xk__put16(h + 4, x->icmp.id);
			xk__put16(h + 6, x->icmp.seq);
			break;
		case XK_L_RAW:
			if (x->raw.len)
				memcpy(h, x->raw.data, x->raw.len);
			break;
		case XK_L_ARP: {
			__u16 op = x->arp.op ? x->arp.op : 1;

			h[1] = 1;    /* Ethernet */
			h[2] = 0x08; /* IPv4 */
			h[4] = 6;
			h[5] = 4;
			xk__put16(h + 6, op);
			memcpy(h + 8, x->arp.sha, 6);
			memcpy(h + 18, x->arp.tha, 6);
			if ((x->arp.spa &&
			     inet_pton(AF_INET, x->arp.spa, h + 14) != 1) ||
			    (x->arp.tpa &&
			     inet_pton(AF_INET, x->arp.tpa, h + 24) != 1))
				return XK_EBADLEN;
			break;
		}
		case XK_L_GRE: {
			__u16 t = xk__next_type(nx);

			h[0] = x->gre.has_key ? 0x20 : 0; /* K */
			xk__put16(h + 2, t);
			if (x->gre.has_key) {
				xk__put32(h + 4, x->gre.key);
			}
			break;
		}
		case XK_L_VXLAN:
			h[0] = x->vxlan.flags ? x->vxlan.flags : 0x08;
			xk__put32(h + 4, x->vxlan.vni << 8); /* VNI, reserved */
			break;
		case XK_L_IP6EXT:
			h[0] = xk__next_proto(nx, 1);
			if (x->ext.type == 0 || x->ext.type == 60) {
				__u32 pad = hsz - 2 - x->ext.optlen;

				h[1] = (__u8)(hsz / 8 - 1);
				if (x->ext.optlen)
					memcpy(h + 2, x->ext.opts,
					       x->ext.optlen);
				if (pad >= 2) { /* PadN; one byte is Pad1, 0 */
					h[2 + x->ext.optlen] = 1;
					h[3 + x->ext.optlen] = (__u8)(pad - 2);
				}
			} else if (x->ext.type == 43) {
				__u16 sl = x->ext.segleft;

				h[1] = (__u8)(2 * x->ext.naddrs);
				h[2] = x->ext.rtype;
				h[3] = (__u8)(!sl	      ? x->ext.naddrs
					      : sl == XK_ZERO ? 0
							      : sl);
				for (int a = 0; a < x->ext.naddrs; a++)
					if (!x->ext.addrs[a] ||
					    inet_pton(AF_INET6, x->ext.addrs[a],
						      h + 8 + 16 * a) != 1)
						return XK_EBADLEN;
			} else { /* fragment */
				xk__put16(h + 2, (__u32)(x->ext.offset << 3) |
							 (x->ext.m ? 1 : 0));
				xk__put32(h + 4, x->ext.id);
			}
			break;
		case XK_L_NDP: {
			int t = x->ndp.type ? x->ndp.type : 135;
			__u32 o = t == 133 ? 8 : 24;

			h[0] = (__u8)t;
			if (t == 136)
				h[4] = (__u8)(!x->ndp.flags ? 0xa0
					      : x->ndp.flags == XK_ZERO
						      ? 0
						      : x->ndp.flags);
			if (t != 133 && x->ndp.target &&
			    inet_pton(AF_INET6, x->ndp.target, h + 8) != 1)
				return XK_EBADLEN;
			if (x->ndp.has_lladdr) {
				h[o] = t == 136 ? 2
						: 1; /* target's : source's */
				h[o + 1] = 1;	     /* 8 bytes */
				memcpy(h + o + 2, x->ndp.lladdr, 6);
			}
			break;
		}
		case XK_L_GENEVE:
			h[0] = (__u8)(x->geneve.optlen / 4); /* version 0 */
			h[1] = (__u8)((x->geneve.oam ? 0x80 : 0) |
				      (x->geneve.critical ? 0x40 : 0));
			xk__put16(h + 2, x->geneve.proto ? x->geneve.proto
							 : xk__next_type(nx));
			xk__put32(h + 4, x->geneve.vni << 8);
			if (x->geneve.optlen)
				memcpy(h + 8, x->geneve.opts, x->geneve.optlen);
			break;
		}
	}
	/* the L4 checksums, over what now follows them: innermost first, as
	 * an outer one covers the inner ones (UDP around VXLAN, say) */
	for (i = n - 1; i >= 0; i--) {
		__u8 *h = p + off[i];
		__u32 rest = total - off[i], sum;
		__u16 c;
		int csum_at;

		if (l[i].kind == XK_L_UDP)
			csum_at = 6;
		else if (l[i].kind == XK_L_TCP)
			csum_at = 16;
		else if (l[i].kind == XK_L_ICMP || l[i].kind == XK_L_ICMP6 ||
			 l[i].kind == XK_L_NDP)
			csum_at = 2;
		else
			continue;
		sum = 0;
		if (l[i].kind != XK_L_ICMP) {
			__u8 proto = l[i].kind == XK_L_UDP   ? IPPROTO_UDP
				     : l[i].kind == XK_L_TCP ? IPPROTO_TCP
							     : IPPROTO_ICMPV6;
			const __u8 *iph, *dst;
			int j = i - 1;

			while (j > 0 && l[j].kind == XK_L_IP6EXT)
				j--;
			iph = p + off[j];
			dst = iph + 24;
			/* behind a routing header with segments left, the
			 * final destination is its last address */
			for (int k = j + 1; k < i; k++)
				if (l[k].kind == XK_L_IP6EXT &&
				    l[k].ext.type == 43 && l[k].ext.naddrs &&
				    p[off[k] + 3])
					dst = p + off[k] + 8 +
					      16 * (l[k].ext.naddrs - 1);
			sum = l[j].kind == XK_L_IP6
				      ? xk_csum_pseudo(iph + 8, dst, 16, proto,
						       rest)
				      : xk_csum_pseudo(iph + 12, iph + 16, 4,
						       proto, rest);
		}
		c = xk_csum_fold(xk_csum_bytes(h, rest, sum));
		if (!c && l[i].kind == XK_L_UDP)
			c = 0xffff;
		memcpy(h + csum_at, &c, 2);
	}
	return total;
}

#define xk_build(buf, size, ...)                                               \
	xk_build_layers(buf, size, (const struct xk_layer[]){__VA_ARGS__},     \
			(int)(sizeof((const struct xk_layer[]){__VA_ARGS__}) / \
			      sizeof(struct xk_layer)))

#endif /* XDPKIT_COMPOSE_H */
