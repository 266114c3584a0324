// SPDX-License-Identifier: GPL-2.0
/*
 * vlan: strip the outermost VLAN tag on ingress (XDP) and tag every
 * untagged frame on egress (TC) with VLAN_ID, so the host sees a plain
 * interface while the wire carries one VLAN.
 *
 * vlan_pop_xdp: xk_vlan_pop moves the MAC addresses 4 bytes forward with
 * bpf_xdp_adjust_head; untagged frames pass as they are.
 * vlan_push_tc: xk_vlan_push calls bpf_skb_vlan_push, which puts the tag in
 * skb->vlan_tci (the metadata the driver or the stack inserts into the
 * frame on transmit), not into the packet data.
 */
#include <xdpkit/xdpkit.h>
#include <linux/pkt_cls.h>

#ifndef VLAN_ID
#define VLAN_ID 100
#endif
#define VLAN_PRIO 0

SEC("xdp")
int vlan_pop_xdp(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	struct xk_l4 l4;

	/* an L3/L4 parse error does not matter here: eth.nvlan and the
	 * Ethernet header are valid as soon as L2 parsed */
	xk_parse_l4(&pkt, &l4);
	/* a pop that fails (no room to move) changed nothing: pass it */
	if (l4.eth.h && l4.eth.nvlan && xk_vlan_pop(&pkt, &l4))
		return XDP_PASS;
	return XDP_PASS;
}

SEC("tc")
int vlan_push_tc(struct __sk_buff *skb)
{
	struct xk_pkt pkt = xk_pkt_tc(skb);
	struct xk_l4 l4;

	xk_parse_l4(&pkt, &l4);
	/* a push the kernel refused leaves the frame untagged: it would
	 * leave on the wrong network, so it is dropped */
	if (l4.eth.h && !l4.eth.nvlan && !l4.eth.offloaded &&
	    xk_vlan_push(&pkt, &l4, ETH_P_8021Q, (VLAN_PRIO << 13) | VLAN_ID))
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}

char _license[] SEC("license") = "GPL";
