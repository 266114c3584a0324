// SPDX-License-Identifier: GPL-2.0
/*
 * The stack benchmark's flood generator and echo sink (bench/stack/flood.c).
 *   xk_flood_tx:   run under BPF_PROG_RUN live frames with the generator's
 *                  veth as ingress, XDP_TX sends the prepared frame out of
 *                  it (ndo_xdp_xmit) to the peer under test
 *   xk_echo_count: on the generator's veth: counts and drops the echoes
 *                  (UDP from the echo port to the generator's port), passes
 *                  everything else (ARP, ICMP) to the kernel
 *   xk_sink:       on the peer, for the generator-alone phase: drops
 *                  everything, so nothing answers (not even ICMP)
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

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xk_flood_cfg);
} xk_flood_cfg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} xk_echoes SEC(".maps");

SEC("xdp")
int xk_flood_tx(struct xdp_md *ctx)
{
	(void)ctx;
	return XDP_TX;
}

SEC("xdp")
int xk_echo_count(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct xk_flood_cfg *cfg;
	struct udphdr *udp;
	struct iphdr *ip;
	__u32 zero = 0;
	__u64 *n;

	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP) ||
	    ip->protocol != IPPROTO_UDP || ip->ihl < 5)
		return XDP_PASS;
	udp = (void *)ip + ip->ihl * 4;
	if ((void *)(udp + 1) > end)
		return XDP_PASS;
	cfg = bpf_map_lookup_elem(&xk_flood_cfg, &zero);
	if (!cfg || udp->source != cfg->echo_port || udp->dest != cfg->gen_port)
		return XDP_PASS;
	n = bpf_map_lookup_elem(&xk_echoes, &zero);
	if (n)
		*n += 1;
	return XDP_DROP;
}

SEC("xdp")
int xk_sink(struct xdp_md *ctx)
{
	(void)ctx;
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
