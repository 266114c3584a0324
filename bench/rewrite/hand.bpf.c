// SPDX-License-Identifier: GPL-2.0
/*
 * The same rewrites hand-written, tutorial style: direct packet pointers,
 * Ethernet (+ one VLAN tag where the rewrite is about VLANs) / IPv4 / TCP,
 * an RFC 1624 checksum update, nothing else (no IPv6, no options walk, no
 * view to keep). What xdpkit's versions are measured against; the harness
 * checks both produce the same bytes.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "by_hand.h"

__u64 bench_ops;

static __always_inline struct tcphdr *tcp_of(void *data, void *end,
					     struct iphdr **ipp)
{
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct tcphdr *th;

	if ((void *)(ip + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP))
		return NULL;
	if (ip->ihl < 5 || ip->protocol != IPPROTO_TCP)
		return NULL;
	th = (void *)ip + ip->ihl * 4;
	if ((void *)(th + 1) > end)
		return NULL;
	*ipp = ip;
	return th;
}

SEC("xdp")
int hand_port(struct xdp_md *md)
{
	void *data = (void *)(long)md->data, *end = (void *)(long)md->data_end;
	struct iphdr *ip;
	struct tcphdr *th = tcp_of(data, end, &ip);
	__u16 to;

	if (!th)
		return XDP_PASS;
	to = th->dest == bpf_htons(5081) ? bpf_htons(5082) : bpf_htons(5081);
	csum_repl16(&th->check, th->dest, to);
	th->dest = to;
	bench_ops++;
	return XDP_PASS;
}

SEC("xdp")
int hand_dnat(struct xdp_md *md)
{
	void *data = (void *)(long)md->data, *end = (void *)(long)md->data_end;
	struct iphdr *ip;
	struct tcphdr *th = tcp_of(data, end, &ip);
	__u32 to;
	__u16 port;

	if (!th)
		return XDP_PASS;
	to = ip->daddr == VIP ? REAL : VIP;
	port = to == VIP ? bpf_htons(5081) : bpf_htons(5082);
	csum_repl32(&ip->check, ip->daddr, to);
	csum_repl32(&th->check, ip->daddr, to);
	csum_repl16(&th->check, th->dest, port);
	ip->daddr = to;
	th->dest = port;
	bench_ops++;
	return XDP_PASS;
}

SEC("xdp")
int hand_vlan(struct xdp_md *md)
{
	void *data = (void *)(long)md->data, *end = (void *)(long)md->data_end;
	struct ethhdr *eth = data;
	__u8 hdr[16];

	if ((void *)(eth + 1) > end)
		return XDP_PASS;
	__builtin_memcpy(hdr, eth, 12);
	*(__be16 *)(hdr + 12) = bpf_htons(ETH_P_8021Q);
	*(__be16 *)(hdr + 14) = bpf_htons(100);
	if (eth->h_proto == bpf_htons(ETH_P_8021Q) ? move_head(md, 4, hdr, 12)
						   : move_head(md, -4, hdr, 16))
		return XDP_PASS;
	bench_ops++;
	return XDP_PASS;
}

SEC("xdp")
int hand_ipip(struct xdp_md *md)
{
	void *data = (void *)(long)md->data, *end = (void *)(long)md->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	__u8 macs[12];

	if ((void *)(ip + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP) ||
	    ip->ihl < 5)
		return XDP_PASS;
	__builtin_memcpy(macs, eth, 12);
	if (ip->protocol == IPPROTO_IPIP) {
		int hl = ip->ihl * 4;

		if (bpf_xdp_adjust_head(md, hl))
			return XDP_PASS;
		data = (void *)(long)md->data;
		end = (void *)(long)md->data_end;
		if (data + 14 > end)
			return XDP_PASS;
		__builtin_memcpy(data, macs, 12);
		((struct ethhdr *)data)->h_proto = bpf_htons(ETH_P_IP);
	} else {
		struct iphdr o;

		outer_ip4(&o, bpf_ntohs(ip->tot_len));
		if (bpf_xdp_adjust_head(md, -20))
			return XDP_PASS;
		data = (void *)(long)md->data;
		end = (void *)(long)md->data_end;
		if (data + 34 > end)
			return XDP_PASS;
		__builtin_memcpy(data, macs, 12);
		((struct ethhdr *)data)->h_proto = bpf_htons(ETH_P_IP);
		__builtin_memcpy(data + 14, &o, 20);
	}
	bench_ops++;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
