// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * stats: packets and bytes per interface, L3 protocol and L4 protocol, in
 * a per-CPU hash (schema: <xdpkit/stats_schema.h>). Passes everything.
 * count() is written once against struct xk_pkt; the XDP and TC entry
 * points only build the context, name the interface and pick the verdict.
 */
#include <xdpkit/xdpkit.h>
#include <xdpkit/map_defs.h>
#include <xdpkit/stats_schema.h>
#include <linux/pkt_cls.h>

XK_MAP(xk_stats, BPF_MAP_TYPE_PERCPU_HASH, struct xk_stats_key,
       struct xk_stats_val, XK_STATS_ENTRIES, XK_PIN_NONE);

static __always_inline void count(struct xk_pkt *pkt, __u32 ifindex)
{
	struct xk_stats_key key = {};
	struct xk_l4 l4;

	/* Layers before a failing header stay valid: a malformed packet is
	 * counted under what could be read, and flagged. */
	key.bad = xk_parse_l4(pkt, &l4) != 0;
	key.ifindex = ifindex;
	key.l3_proto = l4.eth.proto;
	key.l4_proto = l4.ip_proto;
	xk_count_packet(xk_stats, &key, xk_pkt_len(pkt));
}

SEC("xdp")
int xk_stats_xdp(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);

	count(&pkt, md->ingress_ifindex);
	return XDP_PASS;
}

SEC("tc")
int xk_stats_tc(struct __sk_buff *skb)
{
	struct xk_pkt pkt = xk_pkt_tc(skb);

	count(&pkt, skb->ifindex);
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
