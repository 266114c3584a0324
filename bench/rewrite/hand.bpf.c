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

__u64 bench_ops;

#define VIP  0x6403000aU
#define REAL 0x0202000aU

static __always_inline __u16 csum_fold(__u32 s)
{
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (__u16)~s;
}

/* RFC 1624 eqn. 3 for a 16-bit field: HC' = ~(~HC + ~m + m') */
static __always_inline void csum_repl16(__u16 *c, __u16 from, __u16 to)
{
	*c = csum_fold((__u16) ~*c + (__u32)(__u16)~from + to);
}

static __always_inline void csum_repl32(__u16 *c, __u32 from, __u32 to)
{
	__u32 s = (__u16) ~*c;

	s += (__u16) ~(from & 0xffff) + (__u16) ~(from >> 16);
	s += (to & 0xffff) + (to >> 16);
	*c = csum_fold(s);
}

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
	__u8 macs[12];

	if ((void *)(eth + 1) > end)
		return XDP_PASS;
	__builtin_memcpy(macs, eth, 12);
	if (eth->h_proto == bpf_htons(ETH_P_8021Q)) {
		if (bpf_xdp_adjust_head(md, 4))
			return XDP_PASS;
		data = (void *)(long)md->data;
		end = (void *)(long)md->data_end;
		if (data + 12 > end)
			return XDP_PASS;
		__builtin_memcpy(data, macs, 12);
	} else {
		__u16 tag[2] = {bpf_htons(ETH_P_8021Q), bpf_htons(100)};

		if (bpf_xdp_adjust_head(md, -4))
			return XDP_PASS;
		data = (void *)(long)md->data;
		end = (void *)(long)md->data_end;
		if (data + 16 > end)
			return XDP_PASS;
		__builtin_memcpy(data, macs, 12);
		__builtin_memcpy(data + 12, tag, 4);
	}
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
		struct iphdr o = {};
		__u16 *w = (__u16 *)&o;
		__u32 s = 0;
		int i;

		o.version = 4;
		o.ihl = 5;
		o.tot_len = bpf_htons(bpf_ntohs(ip->tot_len) + 20);
		o.frag_off = bpf_htons(0x4000);
		o.ttl = 64;
		o.protocol = IPPROTO_IPIP;
		o.saddr = 0x0100a8c0U;
		o.daddr = 0x0200a8c0U;
		for (i = 0; i < 10; i++)
			s += w[i];
		o.check = csum_fold(s);
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
