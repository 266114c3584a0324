// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * filter: drop, pass or count packets by source/destination prefix (IPv4
 * and IPv6, longest-prefix tries), IP protocol and destination port range,
 * with a configurable default and per-rule counters. The rule model and the
 * maps are in <xdpkit/filter_schema.h>; `xdpctl filter` keeps them.
 *
 * Only IP packets are filtered: ARP, NDP-less L2 protocols and anything
 * else pass untouched (a default of drop must not cut the neighbour
 * discovery the filtered traffic depends on). An IP packet whose headers
 * do not parse gets the default. decide() is written once against struct
 * xk_pkt; the XDP and TC entry points only map its verdict.
 */
#include <xdpkit/xdpkit.h>
#include <xdpkit/prog.h>
#include <xdpkit/map_defs.h>
#include <xdpkit/filter_schema.h>

/* A hash: a dump shows the rules there are, not 131072 slots. The walk
 * reads a rule only where its chain entry is not quick. */
XK_MAP_FLAGS(xk_filter_rules, BPF_MAP_TYPE_HASH, __u32, struct xk_filter_rule,
	     XK_FILTER_MAX_RULES, XK_PIN_NONE, BPF_F_NO_PREALLOC);
XK_LPM_MAP(xk_filter_src4, struct xk_lpm4_key, struct xk_filter_chain,
	   XK_FILTER_TRIE_MAX, XK_PIN_NONE);
XK_LPM_MAP(xk_filter_src6, struct xk_lpm6_key, struct xk_filter_chain,
	   XK_FILTER_TRIE_MAX, XK_PIN_NONE);
XK_LPM_MAP(xk_filter_dst4, struct xk_lpm4_key, struct xk_filter_chain,
	   XK_FILTER_TRIE_MAX, XK_PIN_NONE);
XK_LPM_MAP(xk_filter_dst6, struct xk_lpm6_key, struct xk_filter_chain,
	   XK_FILTER_TRIE_MAX, XK_PIN_NONE);
XK_MAP(xk_filter_cfg, BPF_MAP_TYPE_ARRAY, __u32, struct xk_filter_cfg, 1,
       XK_PIN_NONE);
/* an array: every packet bumps one, and an array's lookup is inlined */
XK_MAP(xk_filter_hits, BPF_MAP_TYPE_PERCPU_ARRAY, __u32, struct xk_filter_hits,
       XK_FILTER_MAX_RULES, XK_PIN_NONE);
/* each trie's /0 entry (n == 0: none): the tries hold longer prefixes */
XK_MAP(xk_filter_any, BPF_MAP_TYPE_ARRAY, __u32, struct xk_filter_chain,
       XK_FILTER_NTRIES, XK_PIN_NONE);
/* full-length prefixes, looked up before the tries (no walk down 32 or
 * 128 levels for a host address) */
XK_MAP_FLAGS(xk_filter_xsrc4, BPF_MAP_TYPE_HASH, __u32, struct xk_filter_chain,
	     XK_FILTER_TRIE_MAX, XK_PIN_NONE, BPF_F_NO_PREALLOC);
XK_MAP_FLAGS(xk_filter_xdst4, BPF_MAP_TYPE_HASH, __u32, struct xk_filter_chain,
	     XK_FILTER_TRIE_MAX, XK_PIN_NONE, BPF_F_NO_PREALLOC);
XK_MAP_FLAGS(xk_filter_xsrc6, BPF_MAP_TYPE_HASH, struct xk_filter_addr6,
	     struct xk_filter_chain, XK_FILTER_TRIE_MAX, XK_PIN_NONE,
	     BPF_F_NO_PREALLOC);
XK_MAP_FLAGS(xk_filter_xdst6, BPF_MAP_TYPE_HASH, struct xk_filter_addr6,
	     struct xk_filter_chain, XK_FILTER_TRIE_MAX, XK_PIN_NONE,
	     BPF_F_NO_PREALLOC);

struct pkt_info {
	__u32 src[4]; /* network order; IPv4 uses word 0 */
	__u32 dst[4];
	__u32 len;
	__u16 dport; /* host order */
	__u8 family;
	__u8 proto;
	__u8 has_port;
};

/* Do the first len bits of addr equal the (masked) prefix pfx? */
static __always_inline int prefix_match(const __u32 *addr, const __u8 *pfx,
					__u32 len)
{
	const __u32 *p = (const __u32 *)pfx;
	__u32 i;

	XK_UNROLL
	for (i = 0; i < 4; i++) {
		__u32 bits, mask;

		if (len <= 32 * i)
			break;
		bits = len - 32 * i;
		mask = bits >= 32 ? ~0U : xk_htonl(~0U << (32 - bits));
		if ((addr[i] ^ p[i]) & mask)
			return 0;
	}
	return 1;
}

/* Global (not static): the verifier checks it once, on its own, instead
 * of again at every step of every chain walk. */
__noinline int xk_filter_rule_match(const struct xk_filter_rule *r,
				    const struct pkt_info *pi)
{
	if (!r || !pi || !r->used || (r->family && r->family != pi->family))
		return 0;
	if ((r->flags & XK_FR_SRC) &&
	    !prefix_match(pi->src, r->src, r->src_len))
		return 0;
	if ((r->flags & XK_FR_DST) &&
	    !prefix_match(pi->dst, r->dst, r->dst_len))
		return 0;
	if ((r->flags & XK_FR_PROTO) && r->proto != pi->proto)
		return 0;
	if ((r->flags & XK_FR_DPORT) &&
	    (!pi->has_port || pi->dport < r->dport_lo ||
	     pi->dport > r->dport_hi))
		return 0;
	return 1;
}

/* Slot @id of the per-CPU counters (0: the default's). */
static __always_inline void bump(__u32 id, __u32 len)
{
	struct xk_filter_hits *h = bpf_map_lookup_elem(&xk_filter_hits, &id);

	if (h) {
		h->packets++;
		h->bytes += len;
	}
}

/* The /0 entry of trie @t, or NULL. */
static __always_inline const struct xk_filter_chain *any(__u32 t)
{
	const struct xk_filter_chain *c =
		bpf_map_lookup_elem(&xk_filter_any, &t);

	return c && c->n ? c : NULL;
}

/* The chains of the packet's source and destination entries: the exact
 * hash first, then the trie, then the /0 entry; what the configuration
 * says is empty is not looked up. */
static __always_inline void chains(const struct pkt_info *pi,
				   const struct xk_filter_cfg *c,
				   const struct xk_filter_chain **a,
				   const struct xk_filter_chain **b)
{
	if (pi->family == 4) {
		struct xk_lpm4_key k = {.prefixlen = 32};

		if (c->exact[XK_FILTER_SRC4])
			*a = bpf_map_lookup_elem(&xk_filter_xsrc4, &pi->src[0]);
		if (!*a && c->entries[XK_FILTER_SRC4]) {
			xk_memcpy(k.addr, &pi->src[0], 4);
			*a = bpf_map_lookup_elem(&xk_filter_src4, &k);
		}
		if (!*a)
			*a = any(XK_FILTER_SRC4);
		if (c->exact[XK_FILTER_DST4])
			*b = bpf_map_lookup_elem(&xk_filter_xdst4, &pi->dst[0]);
		if (!*b && c->entries[XK_FILTER_DST4]) {
			xk_memcpy(k.addr, &pi->dst[0], 4);
			*b = bpf_map_lookup_elem(&xk_filter_dst4, &k);
		}
		if (!*b)
			*b = any(XK_FILTER_DST4);
	} else {
		struct xk_lpm6_key k = {.prefixlen = 128};

		if (c->exact[XK_FILTER_SRC6])
			*a = bpf_map_lookup_elem(&xk_filter_xsrc6, pi->src);
		if (!*a && c->entries[XK_FILTER_SRC6]) {
			xk_memcpy(k.addr, pi->src, 16);
			*a = bpf_map_lookup_elem(&xk_filter_src6, &k);
		}
		if (!*a)
			*a = any(XK_FILTER_SRC6);
		if (c->exact[XK_FILTER_DST6])
			*b = bpf_map_lookup_elem(&xk_filter_xdst6, pi->dst);
		if (!*b && c->entries[XK_FILTER_DST6]) {
			xk_memcpy(k.addr, pi->dst, 16);
			*b = bpf_map_lookup_elem(&xk_filter_dst6, &k);
		}
		if (!*b)
			*b = any(XK_FILTER_DST6);
	}
}

static __always_inline int fill(struct xk_pkt *pkt, struct pkt_info *pi)
{
	struct xk_l4 l4;
	int r = xk_parse_l4(pkt, &l4);

	if (l4.l3_proto != ETH_P_IP && l4.l3_proto != ETH_P_IPV6)
		return 1; /* not IP: not ours to filter */
	if (r)
		return -1; /* malformed IP: the default decides */
	if (l4.l3_proto == ETH_P_IP) {
		pi->family = 4;
		pi->src[0] = xk_ip4_saddr_be(&l4.ip4);
		pi->dst[0] = xk_ip4_daddr_be(&l4.ip4);
	} else {
		pi->family = 6;
		xk_memcpy(pi->src, xk_ip6_saddr(&l4.ip6), 16);
		xk_memcpy(pi->dst, xk_ip6_daddr(&l4.ip6), 16);
	}
	pi->proto = l4.ip_proto;
	if (l4.proto == IPPROTO_TCP || l4.proto == IPPROTO_UDP) {
		pi->has_port = 1;
		pi->dport = xk_l4_dport(&l4);
	}
	return 0;
}

static __always_inline __u32 dflt(const struct xk_filter_cfg *c, __u32 len)
{
	bump(0, len);
	return c->default_action == XK_FILTER_DROP ? XK_FILTER_DROP
						   : XK_FILTER_PASS;
}

#define NO_RULE 0xffffffffU

/*
 * One chain, in id order, stopping at id `below`: find mode returns the
 * first matching drop/pass rule (its action in *act); count mode bumps
 * every matching count rule instead. Chains are walked one at a time, not
 * merged, so the verifier sees two short loops instead of their product;
 * global, so it checks the walk once, not at each of the four calls.
 */
__noinline __u32 xk_filter_walk(const struct xk_filter_chain *c,
				const struct pkt_info *pi, __u32 below,
				int count_mode, __u32 *act)
{
	__u32 i, n;

	if (!c || !pi || !act)
		return NO_RULE;
	n = c->n;
	for (i = 0; i < XK_FILTER_CHAIN && i < n; i++) {
		const struct xk_filter_rule *rule;
		__u32 id = c->ids[i];

		__u32 action;

		if (id >= below)
			break;
		if (c->quick[i]) { /* it matches: no need to read it */
			action = c->quick[i] - XK_FILTER_QUICK;
		} else {
			rule = bpf_map_lookup_elem(&xk_filter_rules, &id);
			if (!rule || !xk_filter_rule_match(rule, pi))
				continue;
			action = rule->action;
		}
		if (action == XK_FILTER_COUNT) {
			if (count_mode)
				bump(id, pi->len);
		} else if (!count_mode) {
			*act = action;
			return id;
		}
	}
	return NO_RULE;
}

/* XK_FILTER_PASS or XK_FILTER_DROP. */
static __always_inline __u32 decide(struct xk_pkt *pkt)
{
	const struct xk_filter_chain *a = NULL, *b = NULL;
	__u32 ida, idb, acta = 0, actb = 0, zero = 0;
	const struct xk_filter_cfg *c;
	struct pkt_info pi = {};
	int r;

	pi.len = xk_pkt_len(pkt);
	r = fill(pkt, &pi);
	if (r > 0)
		return XK_FILTER_PASS;
	c = bpf_map_lookup_elem(&xk_filter_cfg, &zero);
	if (!c)
		return XK_FILTER_PASS; /* cannot happen: a one-slot array */
	if (r < 0)
		return dflt(c, pi.len);
	chains(&pi, c, &a, &b);
	/* One chain whose first rule decides by reaching it, no count rule:
	 * that rule, without a walk. */
	if (!c->count_rules && (!a || !b)) {
		const struct xk_filter_chain *o = a ? a : b;

		if (!o)
			return dflt(c, pi.len);
		if (o->n && o->quick[0] &&
		    o->quick[0] != XK_FILTER_QUICK + XK_FILTER_COUNT) {
			bump(o->ids[0], pi.len);
			return o->quick[0] - XK_FILTER_QUICK == XK_FILTER_DROP
				       ? XK_FILTER_DROP
				       : XK_FILTER_PASS;
		}
	}
	/* The decisive rule is the lowest id deciding in either chain;
	 * count rules before it in id order are counted, later ones not. */
	ida = xk_filter_walk(a, &pi, NO_RULE, 0, &acta);
	idb = xk_filter_walk(b, &pi, NO_RULE, 0, &actb);
	if (idb < ida) {
		ida = idb;
		acta = actb;
	}
	if (c->count_rules) {
		xk_filter_walk(a, &pi, ida, 1, &actb);
		xk_filter_walk(b, &pi, ida, 1, &actb);
	}
	if (ida == NO_RULE)
		return dflt(c, pi.len);
	bump(ida, pi.len);
	return acta == XK_FILTER_DROP ? XK_FILTER_DROP : XK_FILTER_PASS;
}

/* decide() answers XK_FILTER_PASS/DROP, which are XK_PASS/XK_DROP */
_Static_assert((int)XK_FILTER_PASS == (int)XK_PASS &&
		       (int)XK_FILTER_DROP == (int)XK_DROP,
	       "filter verdicts are xdpkit's");
XK_PROG_XDP_TC(xk_filter, decide)

char LICENSE[] SEC("license") = "Dual BSD/GPL";
