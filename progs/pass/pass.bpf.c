// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * pass: lets every packet through and counts it per protocol class, so a
 * user can see what an interface carries before writing a real program.
 * Written as a user would, on the headers: one body for both hooks
 * (XK_PROG_XDP_TC), the full parser (VLAN tags walked), the counters in a
 * per-CPU array named xk_counters whose slots pass_schema.h names.
 */
#include <xdpkit/xdpkit.h>
#include <xdpkit/prog.h>
#include "xdpkit/pass_schema.h"

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

/* The class of a packet: ARP, IPv6, or IPv4 by its protocol (known once
 * the IPv4 header parsed, whatever follows); anything else is other. */
static __always_inline __u32 classify(struct xk_pkt *pkt)
{
	struct xk_l4 l4;

	xk_parse_l4(pkt, &l4);
	if (l4.l3_proto == ETH_P_ARP)
		return XK_PASS_ARP;
	if (l4.l3_proto == ETH_P_IPV6)
		return XK_PASS_IPV6;
	if (l4.l3_proto != ETH_P_IP)
		return XK_PASS_OTHER;
	switch (l4.ip_proto) {
	case IPPROTO_ICMP:
		return XK_PASS_ICMP;
	case IPPROTO_UDP:
		return XK_PASS_UDP;
	case IPPROTO_TCP:
		return XK_PASS_TCP;
	default:
		return XK_PASS_OTHER;
	}
}

static __always_inline int count(struct xk_pkt *pkt)
{
	bump(XK_PASS_PKTS, 1);
	bump(XK_PASS_BYTES, xk_pkt_len(pkt));
	bump(classify(pkt), 1);
	return XK_PASS;
}

XK_PROG_XDP_TC(xk_pass, count)

char LICENSE[] SEC("license") = "Dual BSD/GPL";
