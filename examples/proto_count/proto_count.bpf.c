// SPDX-License-Identifier: GPL-2.0
/*
 * proto_count: count packets and bytes per protocol with xdpkit's parsers.
 *
 * One source, two programs: count() is written once against struct
 * xk_pkt, and XK_PROG_XDP_TC makes the entry points, which only build the
 * context and pick the return code. Attach proto_count_xdp with XDP,
 * proto_count_tc with tc (clsact ingress/egress or tcx). Both pass every packet
 * on.
 */
#include <xdpkit/xdpkit.h>
#include <xdpkit/prog.h>
#include "proto_count.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, PROTO_COUNT_MAX);
	__type(key, struct proto_key);
	__type(value, struct proto_val);
} proto_count SEC(".maps");

static __always_inline int count(struct xk_pkt *pkt)
{
	struct proto_key key = {};
	struct proto_val *val, first;
	struct xk_l4 l4;
	__u32 len = xk_pkt_len(pkt);
	int i;

	/* Fields of the layers before a failing header stay valid, so a
	 * malformed packet is still counted under what could be read. */
	key.bad = xk_parse_l4(pkt, &l4) != 0;
	key.l3_proto = l4.eth.proto;
	key.l4_proto = l4.ip_proto;

	/* Per-CPU values: no atomics needed. The second round covers
	 * another CPU creating the key between our lookup and insert. */
	for (i = 0; i < 2; i++) {
		val = bpf_map_lookup_elem(&proto_count, &key);
		if (val) {
			val->packets++;
			val->bytes += len;
			return XK_PASS;
		}
		first.packets = 1;
		first.bytes = len;
		if (!bpf_map_update_elem(&proto_count, &key, &first,
					 BPF_NOEXIST))
			return XK_PASS;
	}
	return XK_PASS;
}

XK_PROG_XDP_TC(proto_count, count)

char _license[] SEC("license") = "GPL";
