// SPDX-License-Identifier: GPL-2.0
/*
 * The echo counter of the stack benchmark's load generator
 * (bench/stack/flood.c), attached to the generator's veth: it counts and
 * drops the echoes (echo port -> generator port) and passes everything
 * else (ARP, ICMP) on. The load itself leaves through libxdpkit's sender
 * (<xdpkit/gen.h>, progs/gen), as xdpctl gen's does. xk_sink goes on the
 * peer for the generator-alone phase: it drops everything, so nothing
 * answers (not even ICMP).
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

/* ports in network order, set by flood.c before attaching */
struct xk_flood_cfg {
	__u16 echo_port;
	__u16 gen_port;
};

enum { XK_FLOOD_OFFERED, XK_FLOOD_ECHOES, XK_FLOOD_NR };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xk_flood_cfg);
} xk_flood_cfg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, XK_FLOOD_NR);
	__type(key, __u32);
	__type(value, __u64);
} xk_flood_count SEC(".maps");

static __always_inline int bump(__u32 idx, int action)
{
	__u64 *n = bpf_map_lookup_elem(&xk_flood_count, &idx);

	if (n)
		*n += 1;
	return action;
}

SEC("xdp")
int xk_flood(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct xk_flood_cfg *cfg;
	struct udphdr *udp;
	struct iphdr *ip;
	__u32 zero = 0;

	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP) ||
	    ip->protocol != IPPROTO_UDP || ip->ihl < 5)
		return XDP_PASS;
	udp = (void *)ip + ip->ihl * 4;
	if ((void *)(udp + 1) > end)
		return XDP_PASS;
	cfg = bpf_map_lookup_elem(&xk_flood_cfg, &zero);
	if (!cfg)
		return XDP_PASS;
	if (udp->source == cfg->echo_port && udp->dest == cfg->gen_port)
		return bump(XK_FLOOD_ECHOES, XDP_DROP);
	return XDP_PASS;
}

SEC("xdp")
int xk_sink(struct xdp_md *ctx)
{
	(void)ctx;
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
