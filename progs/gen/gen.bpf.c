// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * gen: the frame sender of `xdpctl gen`. BPF_PROG_RUN runs it in live-frames
 * mode (Linux 5.18) over the frame xdpctl built, with the interface to send
 * from as ingress: each run hands the frame to XDP_TX, which transmits it
 * out of that interface (ndo_xdp_xmit: no socket, no skb, no copy). With
 * flows > 1 it first gives each frame the next of that many source ports
 * (xk_l4_set_sport: the L4 checksum follows), so that receivers see as
 * many flows. Live frames are recycled pages that keep what a previous run
 * wrote, so the port is set outright and the checksum fixed from what the
 * frame holds. Never attached.
 */
#include <xdpkit/xdpkit.h>
#include "xdpkit/gen_schema.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xk_gen_cfg);
} xk_gen_cfg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, XK_GEN_NR);
	__type(key, __u32);
	__type(value, __u64);
} xk_gen_count SEC(".maps");

/* the next flow, per CPU: BPF_PROG_RUN runs on the caller's CPU */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} xk_gen_flow SEC(".maps");

static __always_inline int bump(__u32 idx)
{
	__u64 *v = bpf_map_lookup_elem(&xk_gen_count, &idx);

	if (v)
		*v += 1;
	return 0;
}

static __always_inline int set_flow(struct xdp_md *md,
				    const struct xk_gen_cfg *c)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	__u32 zero = 0, *next;
	struct xk_l4 l4;
	__u16 port;

	next = bpf_map_lookup_elem(&xk_gen_flow, &zero);
	if (!next)
		return -1;
	if (*next >= c->flows)
		*next = 0;
	port = (__u16)(c->sport + *next);
	*next += 1;
	if (xk_parse_l4(&pkt, &l4) ||
	    (l4.proto != IPPROTO_UDP && l4.proto != IPPROTO_TCP))
		return -1;
	return xk_l4_set_sport(&pkt, &l4, port);
}

SEC("xdp")
int xk_gen(struct xdp_md *md)
{
	__u32 zero = 0;
	const struct xk_gen_cfg *c = bpf_map_lookup_elem(&xk_gen_cfg, &zero);

	if (c && c->flows > 1 && set_flow(md, c)) {
		bump(XK_GEN_BAD);
		return XDP_DROP;
	}
	bump(XK_GEN_SENT);
	return XDP_TX;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
