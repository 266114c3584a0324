// SPDX-License-Identifier: GPL-2.0
/*
 * The rewrite test program: every rewrite of rewrite.h / encap.h, picked
 * by the rw_cfg map, in XDP (rw_xdp) and TC (rw_tc) from one source
 * (apply.h). Results go to the rw_out map; the packet bytes come back
 * through BPF_PROG_TEST_RUN's data_out.
 */
#include <xdpkit/xdpkit.h>
#include <linux/pkt_cls.h>
#include "apply.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct rw_cfg);
} rw_cfg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct rw_out);
} rw_out SEC(".maps");

/* A view is only promised after success (0, or 1 for an expired TTL):
 * a move whose re-parse failed leaves the headers past the failure unset. */
static __always_inline struct rw_out *run(struct xk_pkt *pkt, struct xk_l4 *l4,
					  int *ok)
{
	__u32 zero = 0;
	struct rw_cfg *c = bpf_map_lookup_elem(&rw_cfg, &zero);
	struct rw_out *o = bpf_map_lookup_elem(&rw_out, &zero);
	int parse;

	if (!c || !o)
		return NULL;
	*ok = rw_apply(pkt, c, l4, &parse);
	o->ret = *ok;
	o->parse = parse;
	*ok = *ok >= 0;
	o->runs++;
	return o;
}

SEC("xdp")
int rw_xdp(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	struct rw_out *o;
	struct xk_l4 l4;
	int ok;

	o = run(&pkt, &l4, &ok);
	if (!o)
		return XDP_ABORTED;
	o->snapped = ok;
	if (ok)
		rw_snap(&l4, &o->view);
	return XDP_PASS;
}

SEC("tc")
int rw_tc(struct __sk_buff *skb)
{
	struct xk_pkt pkt = xk_pkt_tc(skb);
	struct rw_out *o;
	struct xk_l4 l4;
	int ok;

	o = run(&pkt, &l4, &ok);
	if (!o)
		return TC_ACT_SHOT;
	o->snapped = ok;
	if (ok)
		rw_snap(&l4, &o->view);
	o->protocol = xk_ntohs(skb->protocol);
	o->vlan_present = skb->vlan_present;
	o->vlan_tci = skb->vlan_tci;
	o->vlan_proto = xk_ntohs(skb->vlan_proto);
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
