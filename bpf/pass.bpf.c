// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * pass: lets every packet through and counts it per protocol class, so a
 * user can see what an interface carries before writing a real program.
 * One XDP and one TC entry point share the classifier; the counters live in
 * a per-CPU array named xk_counters, which `xdpctl status` knows how to read.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/in.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* Index order is ABI: xdpctl's program table labels these slots. */
enum xk_pass_counter {
	XK_PASS_PKTS,
	XK_PASS_BYTES,
	XK_PASS_ARP,
	XK_PASS_ICMP,
	XK_PASS_UDP,
	XK_PASS_TCP,
	XK_PASS_IPV6,
	XK_PASS_OTHER,
	XK_PASS_NR,
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, XK_PASS_NR);
	__type(key, __u32);
	__type(value, __u64);
} xk_counters SEC(".maps");

static __always_inline void bump(__u32 idx, __u64 by)
{
	__u64 *v = bpf_map_lookup_elem(&xk_counters, &idx);

	if (v)
		*v += by;
}

static __always_inline void count(void *data, void *data_end)
{
	struct ethhdr *eth = data;
	struct iphdr *ip;
	__u32 cls = XK_PASS_OTHER;

	bump(XK_PASS_PKTS, 1);
	bump(XK_PASS_BYTES, data_end - data);
	if ((void *)(eth + 1) > data_end)
		goto out;
	if (eth->h_proto == bpf_htons(ETH_P_ARP)) {
		cls = XK_PASS_ARP;
	} else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		cls = XK_PASS_IPV6;
	} else if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		ip = (void *)(eth + 1);
		if ((void *)(ip + 1) > data_end)
			goto out;
		if (ip->protocol == IPPROTO_ICMP)
			cls = XK_PASS_ICMP;
		else if (ip->protocol == IPPROTO_UDP)
			cls = XK_PASS_UDP;
		else if (ip->protocol == IPPROTO_TCP)
			cls = XK_PASS_TCP;
	}
out:
	bump(cls, 1);
}

SEC("xdp")
int xk_pass_xdp(struct xdp_md *ctx)
{
	count((void *)(long)ctx->data, (void *)(long)ctx->data_end);
	return XDP_PASS;
}

SEC("tc")
int xk_pass_tc(struct __sk_buff *skb)
{
	count((void *)(long)skb->data, (void *)(long)skb->data_end);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
