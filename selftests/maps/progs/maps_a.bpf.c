// SPDX-License-Identifier: GPL-2.0
/*
 * Maps of every kind the xk_map tests use, declared with XK_MAP, and a
 * program that emits one ring buffer record per run. xkt_shared is
 * XK_PIN_SHARED with struct xkt_pair_a; maps_b.bpf.c declares it with
 * struct xkt_pair_b (same sizes).
 */
#include <xdpkit/map_defs.h>
#include <xdpkit/lpm_schema.h>
#include "types.h"

XK_MAP(xkt_hash, BPF_MAP_TYPE_HASH, struct xkt_key, struct xkt_val, 1024,
       XK_PIN_NONE);
XK_MAP(xkt_pcpu, BPF_MAP_TYPE_PERCPU_HASH, struct xkt_key, struct xkt_val, 1024,
       XK_PIN_NONE);
XK_MAP(xkt_array, BPF_MAP_TYPE_ARRAY, __u32, __u64, 16, XK_PIN_NONE);
XK_LPM_MAP(xkt_lpm4, struct xk_lpm4_key, __u32, 1024, XK_PIN_NONE);
XK_LPM_MAP(xkt_lpm6, struct xk_lpm6_key, __u32, 1024, XK_PIN_NONE);
XK_MAP(xkt_shared, BPF_MAP_TYPE_HASH, __u32, struct xkt_pair_a, 16,
       XK_PIN_SHARED);
XK_RINGBUF(xkt_events, 4096);

__u32 seq;

SEC("xdp")
int xkt_emit(struct xdp_md *md)
{
	struct xkt_event *e = bpf_ringbuf_reserve(&xkt_events, sizeof(*e), 0);

	if (!e)
		return XDP_ABORTED;
	e->seq = ++seq;
	e->len = md->data_end - md->data;
	bpf_ringbuf_submit(e, 0);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
