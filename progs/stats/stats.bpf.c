// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * stats: packets and bytes per interface, L3 protocol and L4 protocol, in
 * a per-CPU hash (schema: <xdpkit/stats_schema.h>). Passes everything.
 * count() is written once against struct xk_pkt; XK_PROG_XDP_TC makes
 * its XDP and TC entry points.
 */
#include <xdpkit/xdpkit.h>
#include <xdpkit/prog.h>
#include <xdpkit/map_defs.h>
#include <xdpkit/stats_schema.h>

XK_MAP(xk_stats, BPF_MAP_TYPE_PERCPU_HASH, struct xk_stats_key,
       struct xk_stats_val, XK_STATS_ENTRIES, XK_PIN_NONE);

static __always_inline int count(struct xk_pkt *pkt)
{
	struct xk_stats_key key = {};
	struct xk_l4 l4;

	/* Layers before a failing header stay valid: a malformed packet is
	 * counted under what could be read, and flagged. */
	key.bad = xk_parse_l4(pkt, &l4) != 0;
	key.ifindex = xk_pkt_ifindex(pkt);
	key.l3_proto = l4.eth.proto;
	key.l4_proto = l4.ip_proto;
	xk_count_packet(xk_stats, &key, xk_pkt_len(pkt));
	return XK_PASS;
}

XK_PROG_XDP_TC(xk_stats, count)

char LICENSE[] SEC("license") = "Dual BSD/GPL";
