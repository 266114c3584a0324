// SPDX-License-Identifier: GPL-2.0
/*
 * The equal-work baseline of bench_xk_l4: xk_parse_l4's checks, written by
 * hand the way an XDP engineer would (a pointer cursor, constants folded,
 * no view kept), with no xdpkit header. Whatever xk_parse_l4 refuses this
 * refuses, whatever it accepts this accepts with the same L4 protocol and
 * port: bench/parse/equal_check runs both over every Ethernet packet of the
 * tcpdump corpus and over the benchmark's packets, and they must agree.
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
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "result.h"

#define VLAN_MAX_DEPTH 2
#define IPV6_EXT_MAX   6

__u32 bench_result;

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

/* The result, or BENCH_BAD for a packet xk_parse_l4 refuses. */
static __always_inline __u32 parse(void *data, void *end)
{
	void *p = data, *lim;
	struct ethhdr *eth = p;
	__be16 proto;
	int l4, i, v4;

	if ((void *)(eth + 1) > end)
		return BENCH_BAD;
	proto = eth->h_proto;
	p = eth + 1;
#pragma unroll
	for (i = 0; i < VLAN_MAX_DEPTH; i++) {
		struct vlan_hdr *vh = p;

		if (!is_vlan(proto))
			break;
		if ((void *)(vh + 1) > end)
			return BENCH_BAD;
		proto = vh->proto;
		p = vh + 1;
	}
	if (is_vlan(proto))
		return BENCH_BAD;
	if (proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = p;
		__u32 hlen, tot;

		if ((void *)(ip + 1) > end || ip->version != 4)
			return BENCH_BAD;
		hlen = ip->ihl * 4;
		if (hlen < sizeof(*ip) || p + hlen > end)
			return BENCH_BAD;
		tot = bounded16(bpf_ntohs(ip->tot_len));
		if (tot < hlen)
			return BENCH_BAD;
		if (ip->frag_off & bpf_htons(0x1fff))
			return BENCH_RESULT(0, 0); /* no L4 header */
		lim = p + tot;
		l4 = ip->protocol;
		p += hlen;
		v4 = 1;
	} else if (proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = p;
		__u32 plen;
		__u8 nh;

		if ((void *)(ip6 + 1) > end || ip6->version != 6)
			return BENCH_BAD;
		plen = bounded16(bpf_ntohs(ip6->payload_len));
		lim = plen ? p + sizeof(*ip6) + plen : end;
		nh = ip6->nexthdr;
		p = ip6 + 1;
#pragma unroll
		for (i = 0; i < IPV6_EXT_MAX; i++) {
			struct opt_hdr *oh = p;
			__u32 len;

			if (!is_ext(nh))
				break;
			if ((void *)(oh + 1) > end)
				return BENCH_BAD;
			if (nh == IPPROTO_FRAGMENT) {
				if (oh->frag_off & bpf_htons(0xfff8))
					return BENCH_RESULT(0, 0);
				len = 8;
			} else if (nh == IPPROTO_AH) {
				len = (oh->hdrlen + 2) * 4;
				if (len < 12)
					return BENCH_BAD;
			} else {
				len = (oh->hdrlen + 1) * 8;
			}
			if (p + len > end)
				return BENCH_BAD;
			nh = oh->nexthdr;
			p += len;
		}
		if (is_ext(nh))
			return BENCH_BAD;
		l4 = nh;
		v4 = 0;
	} else if (proto == bpf_htons(ETH_P_ARP)) {
		struct arp {
			__be16 htype, ptype;
			__u8 hlen, plen;
			__be16 oper;
		} *a = p;

		if ((void *)(a + 1) > end)
			return BENCH_BAD;
		if (a->htype == bpf_htons(1) &&
		    a->ptype == bpf_htons(ETH_P_IP) && a->hlen == 6 &&
		    a->plen == 4 && p + 28 > end)
			return BENCH_BAD;
		return BENCH_RESULT(0, 0);
	} else {
		return BENCH_RESULT(0, 0);
	}
	if (l4 == IPPROTO_TCP) {
		struct tcphdr *th = p;
		__u32 hlen;

		if ((void *)(th + 1) > end)
			return BENCH_BAD;
		hlen = th->doff * 4;
		if (hlen < sizeof(*th) || p + hlen > end || p + hlen > lim)
			return BENCH_BAD;
		return BENCH_RESULT(IPPROTO_TCP, bpf_ntohs(th->dest));
	}
	if (l4 == IPPROTO_UDP) {
		struct udphdr *uh = p;

		if ((void *)(uh + 1) > end ||
		    bpf_ntohs(uh->len) < sizeof(*uh) || (void *)(uh + 1) > lim)
			return BENCH_BAD;
		return BENCH_RESULT(IPPROTO_UDP, bpf_ntohs(uh->dest));
	}
	if ((l4 == IPPROTO_ICMP && v4) || (l4 == IPPROTO_ICMPV6 && !v4)) {
		if (p + 8 > end || p + 8 > lim)
			return BENCH_BAD;
		return BENCH_RESULT(l4, 0);
	}
	return BENCH_RESULT(0, 0);
}

SEC("xdp")
int bench_equal_l4(struct xdp_md *ctx)
{
	bench_result =
		parse((void *)(long)ctx->data, (void *)(long)ctx->data_end);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
