// SPDX-License-Identifier: GPL-2.0
/*
 * Loss on a kernel peer's link, for a kernel without netem: TCP segments
 * through the hook are counted and every Nth is dropped (loss_cfg[0] = N;
 * 0 drops none, 1 drops all: a peer that vanished). Attached on tcx
 * ingress and egress of the peer's veth, it drops in both directions;
 * loss_hits counts what it dropped. Built on xdpkit's headers.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <xdpkit/parse.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} loss_cfg SEC(".maps");

/* [0] segments seen, [1] dropped: per hook, one CPU at a time is enough
 * for a test (the counters are atomic) */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} loss_hits SEC(".maps");

static __always_inline int loss(struct __sk_buff *skb)
{
	struct xk_pkt pkt = xk_pkt_tc(skb);
	__u32 k0 = 0, k1 = 1, *n;
	__u64 *seen, *dropped, c;
	struct xk_l4 l4;

	if (xk_parse_l4(&pkt, &l4) || l4.proto != IPPROTO_TCP)
		return TC_ACT_OK;
	n = bpf_map_lookup_elem(&loss_cfg, &k0);
	seen = bpf_map_lookup_elem(&loss_hits, &k0);
	dropped = bpf_map_lookup_elem(&loss_hits, &k1);
	if (!n || !*n || !seen || !dropped)
		return TC_ACT_OK;
#if __BPF_CPU_VERSION__ >= 3
	c = __sync_fetch_and_add(seen, 1) + 1;
#else
	/* before v3 an atomic add returns nothing (clang 22 refuses to
	 * compile the use): add, then read; two CPUs may then read the same
	 * count, which only moves which segment goes, and dropped still
	 * counts exactly the ones that went */
	__sync_fetch_and_add(seen, 1);
	c = *seen;
#endif
	if (c % *n)
		return TC_ACT_OK;
	__sync_fetch_and_add(dropped, 1);
	return TC_ACT_SHOT;
}

SEC("tc")
int loss_ingress(struct __sk_buff *skb)
{
	return loss(skb);
}

SEC("tc")
int loss_egress(struct __sk_buff *skb)
{
	return loss(skb);
}

char LICENSE[] SEC("license") = "GPL";
