// SPDX-License-Identifier: GPL-2.0
/*
 * proto_count: count packets and bytes per protocol with xdpkit's parsers.
 *
 * One source, two programs: count() is written once against struct
 * xk_pkt, and each entry point only builds the context and picks its
 * return code. Attach proto_count_xdp with XDP, proto_count_tc with tc
 * (clsact ingress/egress or tcx). Both pass every packet on.
 */
#include <xdpkit/xdpkit.h>
#include <linux/pkt_cls.h>
#include "proto_count.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, PROTO_COUNT_MAX);
	__type(key, struct proto_key);
	__type(value, struct proto_val);
} proto_count SEC(".maps");

static __always_inline void count(struct xk_pkt *pkt)
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
			return;
		}
		first.packets = 1;
		first.bytes = len;
		if (!bpf_map_update_elem(&proto_count, &key, &first,
					 BPF_NOEXIST))
			return;
	}
}

SEC("xdp")
int proto_count_xdp(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);

	count(&pkt);
	return XDP_PASS;
}

SEC("tc")
int proto_count_tc(struct __sk_buff *skb)
{
	struct xk_pkt pkt = xk_pkt_tc(skb);

	count(&pkt);
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
