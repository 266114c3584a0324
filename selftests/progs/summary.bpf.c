// SPDX-License-Identifier: GPL-2.0
/*
 * Parse summary in every context: the same source as XDP, TC and a socket
 * filter. Each program writes xk_summarize()'s result for the packet it was
 * run on into slot 0 of `summary`; the tests run them with
 * BPF_PROG_TEST_RUN and compare with the host build on the same bytes.
 */
#include <xdpkit/xdpkit.h>
#include <xdpkit/skb_ro.h>
#include <linux/pkt_cls.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xk_summary);
} summary SEC(".maps");

static __always_inline struct xk_summary *slot(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&summary, &zero);
}

SEC("xdp")
int summary_xdp(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	struct xk_summary *s = slot();

	if (!s)
		return XDP_ABORTED;
	xk_summarize(&pkt, s);
	return XDP_PASS;
}

SEC("tc")
int summary_tc(struct __sk_buff *skb)
{
	struct xk_pkt pkt = xk_pkt_tc(skb);
	struct xk_summary *s = slot();

	if (!s)
		return TC_ACT_SHOT;
	xk_summarize(&pkt, s);
	return TC_ACT_OK;
}

/* Socket filters see the packet from L3 on; skb->protocol names it. */
SEC("socket")
int summary_sock(struct __sk_buff *skb)
{
	struct xk_pkt_ro pkt = xk_pkt_skb_ro(skb);
	struct xk_summary *s = slot();

	if (!s)
		return 0;
	xk_summarize(&pkt, s);
	return skb->len;
}

char _license[] SEC("license") = "GPL";
