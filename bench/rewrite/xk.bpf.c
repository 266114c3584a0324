// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmarked rewrites with xdpkit, as a user would write them. A
 * BPF_PROG_TEST_RUN repeat runs on the same buffer without resetting it,
 * so every program toggles: the port and DNAT programs rewrite A -> B and
 * B -> A on alternate runs, the VLAN one pops and pushes, the IPIP one
 * decapsulates and encapsulates. Each run does one full rewrite, counted
 * in bench_ops (checked by the harness).
 */
#include <xdpkit/xdpkit.h>

__u64 bench_ops;

#define VIP  0x6403000aU /* 10.0.3.100, wire order on little endian */
#define REAL 0x0202000aU /* 10.0.2.2 */

SEC("xdp")
int xk_port(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	struct xk_l4 l4;
	__u16 to;

	if (xk_parse_l4(&pkt, &l4) || l4.proto != IPPROTO_TCP)
		return XDP_PASS;
	to = xk_l4_dport(&l4) == 5081 ? 5082 : 5081;
	if (!xk_l4_set_dport(&pkt, &l4, to))
		bench_ops++;
	return XDP_PASS;
}

SEC("xdp")
int xk_dnat(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	struct xk_l4 l4;
	__be32 to;

	if (xk_parse_l4(&pkt, &l4) || l4.proto != IPPROTO_TCP ||
	    l4.l3_proto != ETH_P_IP)
		return XDP_PASS;
	to = l4.ip4.h->daddr == VIP ? REAL : VIP;
	if (!xk_ip4_set_daddr(&pkt, &l4, to) &&
	    !xk_l4_set_dport(&pkt, &l4, to == VIP ? 5081 : 5082))
		bench_ops++;
	return XDP_PASS;
}

SEC("xdp")
int xk_vlan(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	struct xk_l4 l4;
	int r;

	xk_parse_l4(&pkt, &l4);
	if (!l4.eth.h)
		return XDP_PASS;
	if (l4.eth.nvlan)
		r = xk_vlan_pop(&pkt, &l4);
	else
		r = xk_vlan_push(&pkt, &l4, ETH_P_8021Q, 100);
	if (!r)
		bench_ops++;
	return XDP_PASS;
}

SEC("xdp")
int xk_ipip(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	struct xk_encap e = {};
	struct xk_tun tun;
	struct xk_l4 l4;
	int r;

	if (xk_parse_l4(&pkt, &l4))
		return XDP_PASS;
	r = xk_parse_tunnel(&pkt, &l4, &tun);
	if (r == XK_TUN_IPIP) {
		r = xk_decap(&pkt, &l4, &tun);
	} else if (r == 0 && l4.l3_proto == ETH_P_IP) {
		e.family = ETH_P_IP;
		e.saddr.v4 = 0x0100a8c0U; /* 192.168.0.1 */
		e.daddr.v4 = 0x0200a8c0U; /* 192.168.0.2 */
		r = xk_ip_encap(&pkt, &l4, &e);
	} else {
		return XDP_PASS;
	}
	if (!r)
		bench_ops++;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
