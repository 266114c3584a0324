// SPDX-License-Identifier: GPL-2.0
/*
 * ipip_decap: strip IPIP, 6in4, 4in6, IPv6-in-IPv6 and GRE (carrying IPv4
 * or IPv6) outer headers on ingress, so the inner packet reaches the stack
 * as if it had arrived bare; everything else passes untouched.
 *
 * One source for XDP (bpf_xdp_adjust_head under xk_decap) and TC
 * (bpf_skb_adjust_room with the decap flags, so skb->protocol follows the
 * inner family). The outer packet's destination is not checked: put this
 * only where every tunnel packet arriving is meant for this host.
 */
#include <xdpkit/xdpkit.h>
#include <xdpkit/prog.h>

/* Strip the outer headers of a tunnel we take; every packet passes on. */
static __always_inline int decap(struct xk_pkt *pkt)
{
	struct xk_l4 l4;
	struct xk_tun tun;
	int t;

	if (xk_parse_l4(pkt, &l4))
		return XK_PASS;
	t = xk_parse_tunnel(pkt, &l4, &tun);
	if (t != XK_TUN_IPIP && t != XK_TUN_6IN4 && t != XK_TUN_4IN6 &&
	    t != XK_TUN_IP6IP6 && t != XK_TUN_GRE)
		return XK_PASS;
	/* GRE carrying Ethernet (gretap) is not ours to strip */
	if (tun.inner_proto != ETH_P_IP && tun.inner_proto != ETH_P_IPV6)
		return XK_PASS;
	/* a decap that fails changed nothing: the packet goes on as it came,
	 * just as a stripped one does */
	if (xk_decap(pkt, &l4, &tun))
		return XK_PASS;
	return XK_PASS;
}

XK_PROG_XDP_TC(ipip_decap, decap)

char _license[] SEC("license") = "GPL";
