/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The equal-work parse: xk_parse_l4's checks, written by hand the way an
 * XDP engineer would (a pointer cursor, constants folded, no view kept),
 * with no xdpkit header. The equal-work baselines of bench-parse
 * (equal.bpf.c) and bench-rewrite (bench/rewrite/equal.bpf.c) parse with
 * it; bench/equal_check proves each equal to xdpkit's program on the
 * benchmark's packets, their mutations and the tcpdump corpus.
 *
 * The checks: Ethernet; up to two 802.1Q/802.1ad tags (a third is an
 * error); IPv4 version, IHL >= 5 and the options present, total length >=
 * the header; a later fragment has no L4 header; IPv6 version and the
 * walk of hop-by-hop, routing, destination, fragment and AH headers (AH at
 * least 12 bytes, at most six headers: a seventh is an error; a later
 * fragment stops the walk); ARP's fixed part, and its Ethernet/IPv4 body
 * when it says so; TCP data offset >= 5 and the options present, UDP
 * length >= 8, ICMP only over IPv4 and ICMPv6 only over IPv6 (8 bytes
 * each); every L4 header inside the IP datagram, not in Ethernet padding.
 */
#ifndef BENCH_EQUAL_H
#define BENCH_EQUAL_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define VLAN_MAX_DEPTH 2
#define IPV6_EXT_MAX   6

struct vlan_hdr {
	__be16 tci;
	__be16 proto;
};

struct opt_hdr {
	__u8 nexthdr;
	__u8 hdrlen;
	__be16 frag_off; /* the fragment header's */
	__be32 rest;
};

/* What the parse found; filled as it goes, so a failed parse still tells
 * how far it got (the VLAN rewrites only need the Ethernet part). */
struct eq {
	void *l3;      /* the IP header */
	void *l4;      /* the L4 header, or where it would start */
	__u8 ntags;    /* VLAN tags walked */
	__u8 v4;       /* l3 is IPv4 (else IPv6) */
	__u8 ip_proto; /* final IP protocol: 0 for ARP, others, later frags */
	__u8 proto;    /* L4 header checked: TCP, UDP, ICMP, ICMPv6; else 0 */
	__u8 later;    /* a later fragment: no L4 header */
};

static __always_inline int is_vlan(__be16 p)
{
	return p == bpf_htons(ETH_P_8021Q) || p == bpf_htons(ETH_P_8021AD);
}

static __always_inline int is_ext(__u8 nh)
{
	return nh == IPPROTO_HOPOPTS || nh == IPPROTO_ROUTING ||
	       nh == IPPROTO_DSTOPTS || nh == IPPROTO_FRAGMENT ||
	       nh == IPPROTO_AH;
}

/* Verifiers before 6.15 lose a value's bounds through a byte swap, and a
 * pointer plus that value must be bounded: mask it where clang cannot see
 * that the mask changes nothing. */
static __always_inline __u32 bounded16(__u32 v)
{
	asm volatile("" : "+r"(v));
	return v & 0xffff;
}

/* 0, or -1 for a packet xk_parse_l4 refuses. */
static __always_inline int eq_parse(void *data, void *end, struct eq *e)
{
	void *p = data, *lim;
	struct ethhdr *eth = p;
	__be16 proto;
	int i;

	e->ntags = 0;
	e->ip_proto = 0;
	e->proto = 0;
	e->later = 0;
	if ((void *)(eth + 1) > end)
		return -1;
	proto = eth->h_proto;
	p = eth + 1;
#pragma unroll
	for (i = 0; i < VLAN_MAX_DEPTH; i++) {
		struct vlan_hdr *vh = p;

		if (!is_vlan(proto))
			break;
		if ((void *)(vh + 1) > end)
			return -1;
		proto = vh->proto;
		p = vh + 1;
		e->ntags = i + 1;
	}
	if (is_vlan(proto))
		return -1;
	e->l3 = p;
	if (proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = p;
		__u32 hlen, tot;

		if ((void *)(ip + 1) > end || ip->version != 4)
			return -1;
		hlen = ip->ihl * 4;
		if (hlen < sizeof(*ip) || p + hlen > end)
			return -1;
		tot = bounded16(bpf_ntohs(ip->tot_len));
		if (tot < hlen)
			return -1;
		e->v4 = 1;
		e->l4 = p + hlen;
		if (ip->frag_off & bpf_htons(0x1fff)) {
			e->later = 1;
			return 0; /* no L4 header */
		}
		lim = p + tot;
		e->ip_proto = ip->protocol;
		p += hlen;
	} else if (proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = p;
		__u32 plen;
		__u8 nh;

		if ((void *)(ip6 + 1) > end || ip6->version != 6)
			return -1;
		plen = bounded16(bpf_ntohs(ip6->payload_len));
		lim = plen ? p + sizeof(*ip6) + plen : end;
		nh = ip6->nexthdr;
		p = ip6 + 1;
		e->v4 = 0;
#pragma unroll
		for (i = 0; i < IPV6_EXT_MAX; i++) {
			struct opt_hdr *oh = p;
			__u32 len;

			if (!is_ext(nh))
				break;
			if ((void *)(oh + 1) > end)
				return -1;
			if (nh == IPPROTO_FRAGMENT) {
				if (oh->frag_off & bpf_htons(0xfff8)) {
					e->later = 1;
					e->l4 = p;
					return 0;
				}
				len = 8;
			} else if (nh == IPPROTO_AH) {
				len = (oh->hdrlen + 2) * 4;
				if (len < 12)
					return -1;
			} else {
				len = (oh->hdrlen + 1) * 8;
			}
			if (p + len > end)
				return -1;
			nh = oh->nexthdr;
			p += len;
		}
		if (is_ext(nh))
			return -1;
		e->ip_proto = nh;
		e->l4 = p;
	} else if (proto == bpf_htons(ETH_P_ARP)) {
		struct arp {
			__be16 htype, ptype;
			__u8 hlen, plen;
			__be16 oper;
		} *a = p;

		if ((void *)(a + 1) > end)
			return -1;
		if (a->htype == bpf_htons(1) &&
		    a->ptype == bpf_htons(ETH_P_IP) && a->hlen == 6 &&
		    a->plen == 4 && p + 28 > end)
			return -1;
		return 0;
	} else {
		return 0;
	}
	if (e->ip_proto == IPPROTO_TCP) {
		struct tcphdr *th = p;
		__u32 hlen;

		if ((void *)(th + 1) > end)
			return -1;
		hlen = th->doff * 4;
		if (hlen < sizeof(*th) || p + hlen > end || p + hlen > lim)
			return -1;
		e->proto = IPPROTO_TCP;
		return 0;
	}
	if (e->ip_proto == IPPROTO_UDP) {
		struct udphdr *uh = p;

		if ((void *)(uh + 1) > end ||
		    bpf_ntohs(uh->len) < sizeof(*uh) || (void *)(uh + 1) > lim)
			return -1;
		e->proto = IPPROTO_UDP;
		return 0;
	}
	if ((e->ip_proto == IPPROTO_ICMP && e->v4) ||
	    (e->ip_proto == IPPROTO_ICMPV6 && !e->v4)) {
		if (p + 8 > end || p + 8 > lim)
			return -1;
		e->proto = e->ip_proto;
	}
	return 0;
}

#endif /* BENCH_EQUAL_H */
