// SPDX-License-Identifier: GPL-2.0
/*
 * bench-swap's reflectors: a TCP or UDP packet turned around (MACs,
 * addresses, ports) and sent back with XDP_TX; anything else passes.
 *   xk_swap    xk_parse_l4 + xk_l4_swap, as a user writes it
 *   hand_swap  the same by hand, with the checks xdpkit's parse makes on
 *              this traffic: Ethernet and up to two VLAN tags, IPv4 with
 *              IHL >= 5 and its options skipped, no swap for a later
 *              fragment, IPv6 with its next header TCP or UDP (no
 *              extension header walk: xdpkit's parse does walk them), the
 *              TCP data offset >= 5 or the UDP length >= 8, every header
 *              within the packet. Both write the same bytes.
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
#include <xdpkit/xdpkit.h>

SEC("xdp")
int xk_swap(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	struct xk_l4 l4;

	if (xk_parse_l4(&pkt, &l4) || xk_l4_swap(&pkt, &l4))
		return XDP_PASS;
	return XDP_TX;
}

struct vlan {
	__be16 tci, proto;
};

SEC("xdp")
int hand_swap(struct xdp_md *md)
{
	void *data = (void *)(long)md->data, *end = (void *)(long)md->data_end;
	struct ethhdr *eth = data;
	__u8 mac[ETH_ALEN], proto;
	__be16 type, port;
	void *l4;
	int i;

	if ((void *)(eth + 1) > end)
		return XDP_PASS;
	type = eth->h_proto;
	l4 = eth + 1;
#pragma unroll
	for (i = 0; i < 2; i++) {
		struct vlan *v = l4;

		if (type != bpf_htons(ETH_P_8021Q) &&
		    type != bpf_htons(ETH_P_8021AD))
			break;
		if ((void *)(v + 1) > end)
			return XDP_PASS;
		type = v->proto;
		l4 = v + 1;
	}
	if (type == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = l4;
		__be32 a;

		if ((void *)(ip + 1) > end || ip->ihl < 5 || ip->version != 4)
			return XDP_PASS;
		if (ip->frag_off & bpf_htons(0x1fff))
			return XDP_PASS; /* a later fragment: no L4 here */
		proto = ip->protocol;
		l4 = (void *)ip + ip->ihl * 4;
		if (l4 + sizeof(struct udphdr) > end)
			return XDP_PASS;
		if (proto == IPPROTO_TCP) {
			struct tcphdr *t = l4;

			if ((void *)(t + 1) > end || t->doff < 5)
				return XDP_PASS;
		} else if (proto != IPPROTO_UDP ||
			   bpf_ntohs(((struct udphdr *)l4)->len) < 8) {
			return XDP_PASS;
		}
		a = ip->saddr;
		ip->saddr = ip->daddr;
		ip->daddr = a;
	} else if (type == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = l4;
		struct in6_addr a;

		if ((void *)(ip6 + 1) > end || ip6->version != 6)
			return XDP_PASS;
		proto = ip6->nexthdr;
		l4 = ip6 + 1;
		if (l4 + sizeof(struct udphdr) > end)
			return XDP_PASS;
		if (proto == IPPROTO_TCP) {
			struct tcphdr *t = l4;

			if ((void *)(t + 1) > end || t->doff < 5)
				return XDP_PASS;
		} else if (proto != IPPROTO_UDP ||
			   bpf_ntohs(((struct udphdr *)l4)->len) < 8) {
			return XDP_PASS;
		}
		a = ip6->saddr;
		ip6->saddr = ip6->daddr;
		ip6->daddr = a;
	} else {
		return XDP_PASS;
	}
	/* a swap leaves every checksum as it was */
	port = ((struct udphdr *)l4)->source;
	((struct udphdr *)l4)->source = ((struct udphdr *)l4)->dest;
	((struct udphdr *)l4)->dest = port;
	__builtin_memcpy(mac, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, eth->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, mac, ETH_ALEN);
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
