/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * IPv4 (with options and fragment state) and IPv6 (with an allow-list walk
 * of extension headers and fragment state).
 *
 * xk_parse_ip4 / xk_parse_ip6 (pkt, &off, &view): parse at off, advance off
 * to the L4 header (past IPv4 options / IPv6 extension headers) and return
 * the final IP protocol (>= 0) or a negative XK_E* code.
 *
 * Checked before use: version, IHL >= 5, total length >= IHL*4, every
 * extension header's length (an AH length field < 1 is invalid: AH is at
 * least 12 bytes), the walk depth (XK_IPV6_EXT_MAX).
 */
#ifndef XDPKIT_IP_H
#define XDPKIT_IP_H

#include "view.h"

#ifndef XK_IPV6_EXT_MAX
#define XK_IPV6_EXT_MAX 6
#endif

/**
 * enum xk_frag, XK_FRAG_NONE, XK_FRAG_FIRST, XK_FRAG_LATER - fragment state
 *
 * XK_FRAG_NONE not a fragment; XK_FRAG_FIRST offset 0 with more fragments
 * (the L4 header is there); XK_FRAG_LATER offset > 0: no L4 header in this
 * packet, and the parse stops at L3 with proto 0 (and returns 0).
 */
enum xk_frag {
	XK_FRAG_NONE = 0,  /* not a fragment (ip.h relies on NONE 0, FIRST 1) */
	XK_FRAG_FIRST = 1, /* offset 0, more fragments: L4 header present */
	XK_FRAG_LATER = 2, /* offset > 0: no L4 header in this packet */
};

/**
 * struct xk_ip4, struct xk_ip4_ro, struct xk_ip6, struct xk_ip6_ro - the IP
 * views
 *
 * IPv4: h, off, hlen (IHL * 4), end (off + total length), proto, frag.
 * IPv6: h, off, hlen (fixed header and the extension headers walked), end
 * (off + 40 + payload length, 0xffff for a jumbogram), proto (the final next
 * header), frag, frag_hdr and rt_hdr (offsets of the fragment and last
 * routing header, 0 if none), nexthdrs.
 */
#define XK__IP4_FIELDS(Q, S)                                                   \
	Q xk_iphdr_t *h;                                                       \
	__u16 off;  /* offset of the IPv4 header */                            \
	__u16 hlen; /* IHL * 4, options included */                            \
	__u16 end;  /* offset one past the datagram (off + tot_len) */         \
	__u8 proto; /* protocol field */                                       \
	__u8 frag;  /* enum xk_frag */
XK__VIEW(ip4, XK__IP4_FIELDS);

#define XK__IP6_FIELDS(Q, S)                                                   \
	Q xk_ipv6hdr_t *h;                                                     \
	__u16 off;	/* offset of the IPv6 header */                        \
	__u16 hlen;	/* fixed header + extension headers walked */          \
	__u16 end;	/* off + 40 + payload_len, or 0xffff if jumbo */       \
	__u8 proto;	/* final next header after the walk */                 \
	__u8 frag;	/* enum xk_frag */                                     \
	__u8 next_off;	/* offset (from off) of the last next-header byte */   \
	__u8 nexthdrs;	/* extension headers walked */                         \
	__u16 frag_hdr; /* offset of the fragment header, 0 if none */         \
	__u16 rt_hdr;	/* offset of the (last) routing header, 0 if none */
XK__VIEW(ip6, XK__IP6_FIELDS);

XK_INLINE int xk__parse_ip4(const struct xk__base *b, __u32 *off,
			    struct xk_ip4 *v)
{
	xk_iphdr_t *ip = xk__ptr(b, *off, sizeof(*ip));
	__u32 hlen, tot;

	v->off = *off;
	if (!ip)
		return XK_ETRUNC;
	if (ip->version != 4)
		return XK_EVERSION;
	hlen = ip->ihl * 4;
	if (hlen < sizeof(*ip))
		return XK_EBADLEN;
	if (!xk__ptr(b, *off, hlen))
		return XK_ETRUNC;
	tot = xk_ntohs(ip->tot_len);
	if (tot < hlen)
		return XK_EBADLEN;
	v->h = ip;
	v->hlen = hlen;
	/* end is a __u16: clamp, or offset + 65535 wraps below the header
	 * (0xffff already means "no end known"); branch-free, as a branch
	 * here costs the verifier a state per header */
	tot += *off;
	v->end = (__u16)(tot | (0U - (tot >> 16)));
	v->proto = ip->protocol;
	/* offset != 0: LATER; else the MF bit: FIRST (1) or NONE (0) */
	if (ip->frag_off & xk_htons_c(0x1fff))
		v->frag = XK_FRAG_LATER;
	else
		v->frag = (xk_ntohs(ip->frag_off) >> 13) & 1;
	*off += hlen;
	return ip->protocol;
}
XK__DEF_PARSE_OFF(xk__parse_ip4, xk_ip4)
/**
 * xk_parse_ip4(), xk_parse_ip6() - parse an IPv4 or IPv6 header
 *
 * @pkt: the context
 * @off: pointer to the header's offset; advanced to the L4 header (past
 *     IPv4 options or the IPv6 extension headers walked)
 * @v: the view to fill
 *
 * IPv6 walks an allow-list of extension headers (hop-by-hop, routing,
 * fragment, destination options, AH, mobility), at most XK_IPV6_EXT_MAX.
 *
 * Context: any.
 * Return: the final IP protocol (>= 0), or XK_ETRUNC, XK_EBADLEN (IHL < 5,
 * total length below it, a bad extension header length), XK_EVERSION,
 * XK_EDEPTH.
 */
#define xk_parse_ip4(pkt, off, v) XK__PARSE(xk__parse_ip4, pkt, off, v)

/**
 * struct xk_ip6_opthdr, xk_ip6_opthdr_t, struct xk_ip6_fraghdr,
 * xk_ip6_fraghdr_t - IPv6 extension headers
 *
 * The common start of an extension header (next header, length in 8-byte
 * units) and the fragment header (next header, offset and flags,
 * identification), network order; the _t types are alignment 1 in host
 * builds.
 */
struct xk_ip6_opthdr {
	__u8 nexthdr;
	__u8 hdrlen;
};
typedef struct xk_ip6_opthdr XK__WIRE xk_ip6_opthdr_t;

struct xk_ip6_fraghdr {
	__u8 nexthdr;
	__u8 reserved;
	__be16 frag_off;
	__be32 id;
};
_Static_assert(sizeof(struct xk_ip6_fraghdr) == 8, "ipv6 frag header");
typedef struct xk_ip6_fraghdr XK__WIRE xk_ip6_fraghdr_t;

/*
 * Length rule per next-header value, as a table rather than branches: a
 * branch per header type would give the verifier one state per type per
 * level (3^depth paths); one formula keeps the walk linear.
 *   len = ((hdrlen & mask) + add) << shift
 * hop-by-hop, routing, destination: (hdrlen + 1) * 8
 * AH: (hdrlen + 2) * 4, at least 12 (an AH length field of 0 is invalid)
 * fragment: 8 (its second byte is reserved and ignored)
 */
struct xk__ip6_ext_rule {
	__u8 ext; /* 1: an extension header we walk */
	__u8 mask;
	__u8 add;
	__u8 shift;
	__u8 min;
	__u16 frag; /* 0xffff for the fragment header: selects, no branch */
	__u16 rt;   /* 0xffff for the routing header */
};

static const struct xk__ip6_ext_rule xk__ip6_ext_rules[256] = {
	[NEXTHDR_HOP] = {1, 0xff, 1, 3, 8, 0, 0},
	[NEXTHDR_ROUTING] = {1, 0xff, 1, 3, 8, 0, 0xffff},
	[NEXTHDR_DEST] = {1, 0xff, 1, 3, 8, 0, 0},
	[NEXTHDR_AUTH] = {1, 0xff, 2, 2, 12, 0, 0},
	[NEXTHDR_FRAGMENT] = {1, 0x00, 1, 3, 8, 0xffff, 0},
};

XK_INLINE int xk__ip6_is_ext(__u8 nh)
{
	return xk__ip6_ext_rules[nh].ext;
}

XK_INLINE int xk__parse_ip6(const struct xk__base *b, __u32 *off,
			    struct xk_ip6 *v)
{
	xk_ipv6hdr_t *ip6 = xk__ptr(b, *off, sizeof(*ip6));
	__u32 cur, plen, fh_off = 0, rt_off = 0;
	__be16 fo;
	__u8 nh;
	int i;

	v->off = *off;
	v->frag = XK_FRAG_NONE;
	v->nexthdrs = 0;
	v->frag_hdr = 0;
	v->rt_hdr = 0;
	if (!ip6)
		return XK_ETRUNC;
	if (ip6->version != 6)
		return XK_EVERSION;
	v->h = ip6;
	plen = xk_ntohs(ip6->payload_len);
	plen = plen ? *off + sizeof(*ip6) + plen : 0xffff;
	v->end = (__u16)(plen | (0U - (plen >> 16))); /* clamp, as for IPv4 */
	nh = ip6->nexthdr;
	v->next_off = 6;
	cur = *off + sizeof(*ip6);

	/* unrolled on every compiler: clang 13 at -mcpu=v3 otherwise keeps
	 * a loop whose counter it folds away, which the verifier then
	 * takes for an infinite one */
	XK_UNROLL
	for (i = 0; i < XK_IPV6_EXT_MAX; i++) {
		const struct xk__ip6_ext_rule *r = xk__ip6_ext_rules;
		xk_ip6_opthdr_t *oh;
		__u32 len;

		/* keep clang from folding the table back into branches */
		XK_BARRIER_PTR(r);
		r += nh;
		if (!r->ext)
			goto walked;
		/* every extension header is at least 8 bytes */
		oh = xk__ptr(b, cur, 8);
		if (!oh)
			return XK_ETRUNC;
		len = ((__u32)(oh->hdrlen & r->mask) + r->add)
		      << (r->shift & 3);
		if (len < r->min)
			return XK_EBADLEN;
		if (len > 2048 || !xk__ptr(b, cur, len))
			return XK_ETRUNC;
		fo = ((xk_ip6_fraghdr_t *)oh)->frag_off & r->frag;
		fh_off = (fh_off & ~(__u32)r->frag) | (cur & r->frag);
		rt_off = (rt_off & ~(__u32)r->rt) | (cur & r->rt);
		if (fo & xk_htons_c(0xfff8)) {
			/* a later fragment: what follows is payload */
			v->frag = XK_FRAG_LATER;
			v->frag_hdr = cur;
			v->next_off = cur - *off;
			v->nexthdrs = i + 1;
			nh = oh->nexthdr;
			cur += sizeof(struct xk_ip6_fraghdr);
			goto done;
		}
		v->next_off = cur - *off;
		nh = oh->nexthdr;
		cur += len;
		v->nexthdrs = i + 1;
	}
	/* the loop ran out with a header still to walk */
	if (xk__ip6_is_ext(nh))
		return XK_EDEPTH;
walked:
	if (fh_off) {
		xk_ip6_fraghdr_t *fh = xk__ptr(b, fh_off, sizeof(*fh));

		if (!fh)
			return XK_ETRUNC;
		v->frag_hdr = fh_off;
		if (fh->frag_off & xk_htons_c(1))
			v->frag = XK_FRAG_FIRST;
	}
done:
	v->rt_hdr = rt_off;
	v->proto = nh;
	v->hlen = cur - *off;
	*off = cur;
	return nh;
}
XK__DEF_PARSE_OFF(xk__parse_ip6, xk_ip6)
#define xk_parse_ip6(pkt, off, v) XK__PARSE(xk__parse_ip6, pkt, off, v)

/* Getters: _be return network order, the others host order. */
/**
 * xk_ip4_saddr_be(), xk_ip4_daddr_be(), xk_ip4_ttl(), xk_ip4_tos(),
 * xk_ip4_tot_len(), xk_ip6_saddr(), xk_ip6_daddr(), xk_ip6_hop_limit() - IP
 * fields
 *
 * @v: a struct xk_ip4 / xk_ip6 view, mutable or read-only (l4.ip4, l4.ip6)
 *
 * Return: IPv4 addresses in network order (__be32), TTL, TOS, total length
 * (host order); IPv6 addresses as pointers to the wire's struct in6_addr
 * (const for a read-only view) and the hop limit.
 */
#define xk_ip4_saddr_be(v)  (XK__GET(xk_ip4, v)->h->saddr)
#define xk_ip4_daddr_be(v)  (XK__GET(xk_ip4, v)->h->daddr)
#define xk_ip4_ttl(v)	    (XK__GET(xk_ip4, v)->h->ttl)
#define xk_ip4_tos(v)	    (XK__GET(xk_ip4, v)->h->tos)
#define xk_ip4_tot_len(v)   xk_ntohs(XK__GET(xk_ip4, v)->h->tot_len)
#define xk_ip6_saddr(v)	    (&XK__GETP(xk_ip6, v)->h->saddr) /* wire order */
#define xk_ip6_daddr(v)	    (&XK__GETP(xk_ip6, v)->h->daddr) /* wire order */
#define xk_ip6_hop_limit(v) (XK__GET(xk_ip6, v)->h->hop_limit)

#endif /* XDPKIT_IP_H */
