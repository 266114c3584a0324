// SPDX-License-Identifier: GPL-2.0
/*
 * xdpkit's parsers as a user would call them. bench_xk_l4: Ethernet, VLAN,
 * IPv4/IPv6 with extension headers, L4. bench_xk_full: the same, then a
 * tunnel and the inner packet (outer, tunnel and inner all parsed).
 */
#include <xdpkit/xdpkit.h>
#include "result.h"

__u32 bench_result;

SEC("xdp")
int bench_xk_l4(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	struct xk_l4 l4;

	if (xk_parse_l4(&pkt, &l4))
		bench_result = BENCH_BAD;
	else
		bench_result = BENCH_RESULT(l4.proto, xk_l4_dport(&l4));
	return XDP_PASS;
}

SEC("xdp")
int bench_xk_full(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	struct xk_l4 l4, in;
	struct xk_tun tun;
	int r;

	if (xk_parse_l4(&pkt, &l4)) {
		bench_result = BENCH_BAD;
		return XDP_PASS;
	}
	r = xk_parse_tunnel(&pkt, &l4, &tun);
	if (r == 0) {
		bench_result = BENCH_RESULT(l4.proto, xk_l4_dport(&l4));
	} else if (r < 0 || xk_parse_inner(&pkt, &tun, &in)) {
		bench_result = BENCH_BAD;
	} else {
		bench_result = BENCH_RESULT(in.proto, xk_l4_dport(&in));
	}
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
