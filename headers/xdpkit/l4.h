/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * TCP (with an option walk), UDP, ICMP, ICMPv6 (with NDP).
 *
 * xk_parse_tcp/udp/icmp/icmp6 (pkt, &off, &view): parse at off, advance off
 * to the payload, return 0 or a negative XK_E* code. TCP data offset < 5
 * and a UDP length < 8 are XK_EBADLEN.
 */
#ifndef XDPKIT_L4_H
#define XDPKIT_L4_H

#include "view.h"

/**
 * struct xk_tcp, struct xk_tcp_ro, struct xk_udp, struct xk_udp_ro, struct
 * xk_icmp, struct xk_icmp_ro, struct xk_icmp6, struct xk_icmp6_ro - the L4
 * views
 *
 * h (the header) and off; TCP also hlen (the data offset times 4, options
 * included).
 */
#define XK__TCP_FIELDS(Q, S)                                                   \
	Q xk_tcphdr_t *h;                                                      \
	__u16 off;                                                             \
	__u16 hlen; /* doff * 4 */
XK__VIEW(tcp, XK__TCP_FIELDS);

#define XK__UDP_FIELDS(Q, S)                                                   \
	Q xk_udphdr_t *h;                                                      \
	__u16 off;
XK__VIEW(udp, XK__UDP_FIELDS);

#define XK__ICMP_FIELDS(Q, S)                                                  \
	Q xk_icmphdr_t *h;                                                     \
	__u16 off;
XK__VIEW(icmp, XK__ICMP_FIELDS);

#define XK__ICMP6_FIELDS(Q, S)                                                 \
	Q xk_icmp6hdr_t *h;                                                    \
	__u16 off;
XK__VIEW(icmp6, XK__ICMP6_FIELDS);

XK_INLINE int xk__parse_tcp(const struct xk__base *b, __u32 *off,
			    struct xk_tcp *v)
{
	xk_tcphdr_t *th = xk__ptr(b, *off, sizeof(*th));
	__u32 hlen;

	v->off = *off;
	if (!th)
		return XK_ETRUNC;
	hlen = th->doff * 4;
	if (hlen < sizeof(*th))
		return XK_EBADLEN;
	if (!xk__ptr(b, *off, hlen))
		return XK_ETRUNC;
	v->h = th;
	v->hlen = hlen;
	*off += hlen;
	return 0;
}
XK__DEF_PARSE_OFF(xk__parse_tcp, xk_tcp)
/**
 * xk_parse_tcp(), xk_parse_udp(), xk_parse_icmp(), xk_parse_icmp6() - parse an
 * L4 header at an offset
 *
 * @pkt: the context
 * @off: pointer to the header's offset; advanced past it (TCP: past its
 *     options)
 * @v: the view to fill
 *
 * Usually xk_parse_l4() does this; these parse one header where you know
 * one is.
 *
 * Context: any.
 * Return: 0, or XK_ETRUNC, XK_EBADLEN (TCP data offset below 5, UDP length
 * below 8).
 */
#define xk_parse_tcp(pkt, off, v) XK__PARSE(xk__parse_tcp, pkt, off, v)

XK_INLINE int xk__parse_udp(const struct xk__base *b, __u32 *off,
			    struct xk_udp *v)
{
	xk_udphdr_t *uh = xk__ptr(b, *off, sizeof(*uh));

	v->off = *off;
	if (!uh)
		return XK_ETRUNC;
	if (xk_ntohs(uh->len) < sizeof(*uh))
		return XK_EBADLEN;
	v->h = uh;
	*off += sizeof(*uh);
	return 0;
}
XK__DEF_PARSE_OFF(xk__parse_udp, xk_udp)
#define xk_parse_udp(pkt, off, v) XK__PARSE(xk__parse_udp, pkt, off, v)

/* A header with no length field of its own: it is there or it is not. */
XK_INLINE void *xk__parse_fixed(const struct xk__base *b, __u32 *off,
				__u16 *view_off, __u32 size)
{
	void *h = xk__ptr(b, *off, size);

	*view_off = *off;
	if (h)
		*off += size;
	return h;
}

XK_INLINE int xk__parse_icmp(const struct xk__base *b, __u32 *off,
			     struct xk_icmp *v)
{
	v->h = xk__parse_fixed(b, off, &v->off, sizeof(*v->h));
	return v->h ? 0 : XK_ETRUNC;
}
XK__DEF_PARSE_OFF(xk__parse_icmp, xk_icmp)
#define xk_parse_icmp(pkt, off, v) XK__PARSE(xk__parse_icmp, pkt, off, v)

XK_INLINE int xk__parse_icmp6(const struct xk__base *b, __u32 *off,
			      struct xk_icmp6 *v)
{
	v->h = xk__parse_fixed(b, off, &v->off, sizeof(*v->h));
	return v->h ? 0 : XK_ETRUNC;
}
XK__DEF_PARSE_OFF(xk__parse_icmp6, xk_icmp6)
#define xk_parse_icmp6(pkt, off, v) XK__PARSE(xk__parse_icmp6, pkt, off, v)

/**
 * xk_tcp_sport(), xk_tcp_dport(), xk_udp_sport(), xk_udp_dport(),
 * xk_icmp_type(), xk_icmp6_type() - L4 fields
 *
 * @v: the view (l4.tcp, l4.udp, l4.icmp, l4.icmp6), mutable or read-only
 *
 * Return: the port (host order) or the ICMP / ICMPv6 type.
 */
/* Getters: ports in host order unless _be. */
#define xk_tcp_sport(v)	 xk_ntohs(XK__GET(xk_tcp, v)->h->source)
#define xk_tcp_dport(v)	 xk_ntohs(XK__GET(xk_tcp, v)->h->dest)
#define xk_udp_sport(v)	 xk_ntohs(XK__GET(xk_udp, v)->h->source)
#define xk_udp_dport(v)	 xk_ntohs(XK__GET(xk_udp, v)->h->dest)
#define xk_icmp_type(v)	 (XK__GET(xk_icmp, v)->h->type)
#define xk_icmp6_type(v) (XK__GET(xk_icmp6, v)->h->icmp6_type)

/**
 * xk_tcp_flags(), XK_TCP_FIN, XK_TCP_SYN, XK_TCP_RST, XK_TCP_PSH, XK_TCP_ACK,
 * XK_TCP_URG, XK_TCP_ECE, XK_TCP_CWR - TCP flags
 *
 * @v: the TCP view (l4.tcp), mutable or read-only
 *
 * For example (xk_tcp_flags(&l4.tcp) & (XK_TCP_SYN | XK_TCP_ACK)) ==
 * XK_TCP_SYN is a connection request.
 *
 * Return: the header's flag byte.
 */
/* TCP flags: the header's flag byte, bits XK_TCP_FIN ... XK_TCP_CWR, e.g.
 * (xk_tcp_flags(&l4.tcp) & (XK_TCP_SYN | XK_TCP_ACK)) == XK_TCP_SYN. */
#define XK_TCP_FIN	0x01
#define XK_TCP_SYN	0x02
#define XK_TCP_RST	0x04
#define XK_TCP_PSH	0x08
#define XK_TCP_ACK	0x10
#define XK_TCP_URG	0x20
#define XK_TCP_ECE	0x40
#define XK_TCP_CWR	0x80
#define xk_tcp_flags(v) (((const __u8 *)XK__GET(xk_tcp, v)->h)[13])

/* ---- TCP options ---------------------------------------------------- */

#ifndef TCPOPT_EOL
#define TCPOPT_EOL	 0
#define TCPOPT_NOP	 1
#define TCPOPT_MSS	 2
#define TCPOPT_WINDOW	 3
#define TCPOPT_SACK_PERM 4
#define TCPOPT_TIMESTAMP 8
#endif

/**
 * struct xk_tcp_opts - TCP options found by xk_tcp_opts()
 *
 * mss (host order, 0 if absent), wscale with has_wscale, sack_ok, ts_val
 * and ts_ecr (host order) with has_ts.
 */
struct xk_tcp_opts {
	__u16 mss;   /* host order, 0 if absent */
	__u8 wscale; /* valid if has_wscale */
	__u8 has_wscale;
	__u8 sack_ok;
	__u8 has_ts;
	__u32 ts_val; /* host order */
	__u32 ts_ecr; /* host order */
};

/*
 * Walk the options of a parsed TCP header. Returns 0, XK_EBADLEN for an
 * option length < 2 or one running past the header, or XK_ETRUNC when an
 * option's length byte itself lies past the header. The walk is bounded by
 * the 40 bytes TCP options can take.
 */
XK_INLINE int xk__tcp_opts(const struct xk__base *b, const struct xk_tcp *t,
			   struct xk_tcp_opts *o)
{
	__u32 pos = t->off + sizeof(struct tcphdr);
	__u32 end = t->off + t->hlen;
	int i;

	xk_memset(o, 0, sizeof(*o));
	for (i = 0; i < 40; i++) {
		__u8 *k, *l, *d;

		if (pos >= end)
			break;
		k = xk__ptr(b, pos, 1);
		if (!k)
			return XK_ETRUNC;
		if (*k == TCPOPT_EOL)
			break;
		if (*k == TCPOPT_NOP) {
			pos++;
			continue;
		}
		l = xk__ptr(b, pos + 1, 1);
		if (!l || pos + 2 > end)
			return XK_ETRUNC;
		if (*l < 2 || pos + *l > end)
			return XK_EBADLEN;
		if (*k == TCPOPT_MSS && *l == 4) {
			d = xk__ptr(b, pos + 2, 2);
			if (!d)
				return XK_ETRUNC;
			o->mss = ((__u16)d[0] << 8) | d[1];
		} else if (*k == TCPOPT_WINDOW && *l == 3) {
			d = xk__ptr(b, pos + 2, 1);
			if (!d)
				return XK_ETRUNC;
			o->wscale = d[0];
			o->has_wscale = 1;
		} else if (*k == TCPOPT_SACK_PERM && *l == 2) {
			o->sack_ok = 1;
		} else if (*k == TCPOPT_TIMESTAMP && *l == 10) {
			__be32 tv[2];

			d = xk__ptr(b, pos + 2, 8);
			if (!d)
				return XK_ETRUNC;
			xk_memcpy(tv, d, 8);
			o->ts_val = xk_ntohl(tv[0]);
			o->ts_ecr = xk_ntohl(tv[1]);
			o->has_ts = 1;
		}
		pos += *l;
	}
	return 0;
}
XK_INLINE int xk__tcp_opts_rw(struct xk_pkt *p, const struct xk_tcp *t,
			      struct xk_tcp_opts *o)
{
	return xk__tcp_opts(&p->b, t, o);
}
XK_INLINE int xk__tcp_opts_ro(struct xk_pkt_ro *p, const struct xk_tcp_ro *t,
			      struct xk_tcp_opts *o)
{
	return xk__tcp_opts(&p->b, (const struct xk_tcp *)(const void *)t, o);
}
/**
 * xk_tcp_opts() - walk the options of a parsed TCP header
 *
 * @pkt: the context
 * @t: the TCP view (l4.tcp)
 * @o: the struct xk_tcp_opts to fill
 *
 * Bounded by the 40 bytes options can take.
 *
 * Context: any.
 * Return: 0, XK_EBADLEN for an option length below 2 or one running past the
 * header, XK_ETRUNC when an option's length byte lies past the header.
 */
#define xk_tcp_opts(pkt, t, o) XK__PARSE(xk__tcp_opts, pkt, t, o)

/* ---- NDP (ICMPv6 133..137) ----------------------------------------- */

/**
 * struct xk_ndp - an NDP message found by xk_parse_ndp()
 *
 * type (the ICMPv6 type, 133..137), target with has_target (NS, NA,
 * redirect), sll / tll with has_sll / has_tll (the source and target
 * link-layer address options).
 */
struct xk_ndp {
	__u8 type;	 /* ICMPv6 type */
	__u8 has_target; /* NS, NA, redirect */
	__u8 has_sll;	 /* source link-layer address option */
	__u8 has_tll;	 /* target link-layer address option */
	struct in6_addr target;
	__u8 sll[6];
	__u8 tll[6];
};

#ifndef XK_NDP_OPT_MAX
#define XK_NDP_OPT_MAX 8
#endif

/*
 * Parse an NDP message behind a parsed ICMPv6 header: the target address
 * and the link-layer address options. An option length of 0 is XK_EBADLEN
 * (RFC 4861 says drop). Returns 0, XK_EUNSUP for a non-NDP type, or an
 * error.
 */
XK_INLINE int xk__parse_ndp(const struct xk__base *b, const struct xk_icmp6 *ic,
			    __u32 end, struct xk_ndp *n)
{
	__u8 type = ic->h->icmp6_type;
	__u32 pos;
	int i;

	xk_memset(n, 0, sizeof(*n));
	n->type = type;
	switch (type) {
	case 133: /* router solicitation: 4 reserved bytes */
		pos = ic->off + 8;
		break;
	case 134: /* router advertisement: + reachable + retrans timers */
		pos = ic->off + 16;
		break;
	case 135:   /* neighbour solicitation */
	case 136:   /* neighbour advertisement */
	case 137: { /* redirect: target + destination */
		__u8 *t = xk__ptr(b, ic->off + 8, 16);

		if (!t)
			return XK_ETRUNC;
		xk_memcpy(&n->target, t, 16);
		n->has_target = 1;
		pos = ic->off + (type == 137 ? 40 : 24);
		break;
	}
	default:
		return XK_EUNSUP;
	}
	if (pos > end)
		return XK_ETRUNC;
	for (i = 0; i < XK_NDP_OPT_MAX; i++) {
		__u8 *o;
		__u32 len;

		if (pos + 2 > end)
			break;
		o = xk__ptr(b, pos, 8);
		if (!o)
			return XK_ETRUNC;
		len = (__u32)o[1] * 8;
		if (!len)
			return XK_EBADLEN;
		if (o[0] == 1 && len == 8) {
			xk_memcpy(n->sll, o + 2, 6);
			n->has_sll = 1;
		} else if (o[0] == 2 && len == 8) {
			xk_memcpy(n->tll, o + 2, 6);
			n->has_tll = 1;
		}
		pos += len;
	}
	return 0;
}

#endif /* XDPKIT_L4_H */
