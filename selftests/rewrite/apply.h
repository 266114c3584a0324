/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * One rewrite by configuration, written once against struct xk_pkt: the
 * BPF program compiles it for XDP and TC, run_bytes.c for the host, so the
 * three contexts run the very same call sequence.
 *
 * rw_apply parses, applies cfg->op to the view it parsed and leaves that
 * view in *l4. rw_snap records what that view says: the headers promise
 * that the view handed to a rewrite stays right (refreshed, or re-parsed
 * after a move), so it must equal a fresh parse of the output. In BPF the
 * verifier adds its own proof: it refuses to load a program that reads a
 * packet pointer a helper invalidated, and rw_snap reads them all.
 */
#ifndef XK_SELFTEST_APPLY_H
#define XK_SELFTEST_APPLY_H

#include "rw.h"

static __always_inline int rw_apply(struct xk_pkt *pkt, const struct rw_cfg *c,
				    struct xk_l4 *l4, int *parse)
{
	struct in6_addr a6;
	struct xk_tun tun;
	__be32 a4;
	int r;

	*parse = xk_parse_l4(pkt, l4);
	if (*parse)
		return *parse;
	xk_memcpy(&a4, c->addr, 4);
	xk_memcpy(&a6, c->addr, 16);
	switch (c->op) {
	case RW_SPORT:
		return xk_l4_set_sport(pkt, l4, c->port);
	case RW_DPORT:
		return xk_l4_set_dport(pkt, l4, c->port);
	case RW_SADDR4:
		return xk_ip4_set_saddr(pkt, l4, a4);
	case RW_DADDR4:
		return xk_ip4_set_daddr(pkt, l4, a4);
	case RW_SADDR6:
		return xk_ip6_set_saddr(pkt, l4, &a6);
	case RW_DADDR6:
		return xk_ip6_set_daddr(pkt, l4, &a6);
	case RW_DEC_TTL:
		return xk_ip_dec_ttl(pkt, l4);
	case RW_DSCP:
		return xk_ip_set_dscp(pkt, l4, c->arg);
	case RW_ECN:
		return xk_ip_set_ecn(pkt, l4, c->arg);
	case RW_ETH_DST:
		return xk_eth_set_dst(pkt, l4, c->mac);
	case RW_ETH_SRC:
		return xk_eth_set_src(pkt, l4, c->mac);
	case RW_ETH_SWAP:
		return xk_eth_swap(pkt, l4);
	case RW_ECHO_REPLY:
		return xk_icmp_echo_reply(pkt, l4);
	case RW_L4_SWAP:
		return xk_l4_swap(pkt, l4);
	case RW_VLAN_POP:
		return xk_vlan_pop(pkt, l4);
	case RW_VLAN_PUSH:
		return xk_vlan_push(pkt, l4, c->arg2, c->arg);
	case RW_IP_ENCAP:
		return xk_ip_encap(pkt, l4, &c->enc);
	case RW_GRE_ENCAP:
		return xk_gre_encap(pkt, l4, &c->enc);
	case RW_VXLAN_ENCAP:
		return xk_vxlan_encap(pkt, l4, &c->enc);
	case RW_DECAP:
		r = xk_parse_tunnel(pkt, l4, &tun);
		if (r <= 0)
			return r ? r : XK_EUNSUP;
		return xk_decap(pkt, l4, &tun);
	case RW_DNAT4:
		r = xk_ip4_set_daddr(pkt, l4, a4);
		return r ? r : xk_l4_set_dport(pkt, l4, c->port);
	}
	return XK_EUNSUP;
}

/*
 * What a view says about the packet, read through its pointers. The BPF
 * program snapshots the view it kept across the rewrite; the host takes
 * the same snapshot of a fresh parse of the output bytes, and the two must
 * be equal. (Comparing inside the program against a second parse there
 * would multiply the verifier states of the two parses.)
 */
static __always_inline void rw_snap(const struct xk_l4 *v, struct rw_view *s)
{
	xk_memset(s, 0, sizeof(*s));
	s->l3_proto = v->l3_proto;
	s->proto = v->proto;
	s->l3_off = v->l3_off;
	s->l4_off = v->l4_off;
	s->nvlan = v->eth.nvlan;
	s->offloaded = v->eth.offloaded;
	s->offl_tci = v->eth.offl_tci;
	s->eth_proto = v->eth.proto;
	if (v->eth.h)
		xk_memcpy(s->macs, v->eth.h, 12);
	if (v->l3_proto == ETH_P_IP) {
		xk_memcpy(s->saddr, &v->ip4.h->saddr, 4);
		xk_memcpy(s->daddr, &v->ip4.h->daddr, 4);
		s->ttl = v->ip4.h->ttl;
		s->tos = v->ip4.h->tos;
		s->l3_check = v->ip4.h->check;
	} else if (v->l3_proto == ETH_P_IPV6) {
		xk_memcpy(s->saddr, &v->ip6.h->saddr, 16);
		xk_memcpy(s->daddr, &v->ip6.h->daddr, 16);
		s->ttl = v->ip6.h->hop_limit;
		s->tos = (__u8)((v->ip6.h->priority << 4) |
				(v->ip6.h->flow_lbl[0] >> 4));
	}
	if (v->proto == IPPROTO_TCP) {
		s->sport = v->tcp.h->source;
		s->dport = v->tcp.h->dest;
		s->l4_check = v->tcp.h->check;
	} else if (v->proto == IPPROTO_UDP) {
		s->sport = v->udp.h->source;
		s->dport = v->udp.h->dest;
		s->l4_check = v->udp.h->check;
	} else if (v->proto == IPPROTO_ICMP) {
		s->sport = v->icmp.h->type;
		s->l4_check = v->icmp.h->checksum;
	} else if (v->proto == IPPROTO_ICMPV6) {
		s->sport = v->icmp6.h->icmp6_type;
		s->l4_check = v->icmp6.h->icmp6_cksum;
	}
}

#endif /* XK_SELFTEST_APPLY_H */
