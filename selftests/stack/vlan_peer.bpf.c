// SPDX-License-Identifier: GPL-2.0
/*
 * The VLAN side of a kernel peer, for kernels without 802.1Q devices
 * (CONFIG_VLAN_8021Q unset, as here): on egress, UDP and TCP to
 * 10.77.5.0/24 and fd00:77:5::/64 get tag 5 pushed; on ingress, a frame
 * tagged 5 has it popped, and UDP or TCP from those prefixes that came
 * untagged is dropped, so a reply only arrives if the stack sent it on the
 * VLAN. Built on xdpkit's
 * headers (parse + VLAN push).
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <xdpkit/parse.h>
#include <xdpkit/encap.h>

#define VID 5

static __always_inline int in_vlan_net(struct xk_l4 *l4, int src)
{
	if (l4->l3_proto == ETH_P_IP) {
		__u32 a = src ? l4->ip4.h->saddr : l4->ip4.h->daddr;

		return (a & xk_htonl_c(0xffffff00)) == xk_htonl_c(0x0a4d0500);
	}
	if (l4->l3_proto == ETH_P_IPV6) {
		const __u32 *a = src ? l4->ip6.h->saddr.s6_addr32
				     : l4->ip6.h->daddr.s6_addr32;

		return a[0] == xk_htonl_c(0xfd000077) &&
		       a[1] == xk_htonl_c(0x00050000);
	}
	return 0;
}

SEC("tc")
int vlan_egress(struct __sk_buff *skb)
{
	struct xk_pkt pkt = xk_pkt_tc(skb);
	struct xk_l4 l4;

	if (xk_parse_l4(&pkt, &l4) ||
	    (l4.proto != IPPROTO_UDP && l4.proto != IPPROTO_TCP) ||
	    !in_vlan_net(&l4, 0))
		return TC_ACT_OK;
	/* untagged, it would reach the wrong network: drop what the kernel
	 * would not tag */
	if (xk_vlan_push(&pkt, &l4, ETH_P_8021Q, VID))
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}

SEC("tc")
int vlan_ingress(struct __sk_buff *skb)
{
	struct xk_pkt pkt = xk_pkt_tc(skb);
	struct xk_l4 l4;

	if (xk_parse_l4(&pkt, &l4))
		return TC_ACT_OK;
	if (l4.eth.offloaded && (l4.eth.offl_tci & 0xfff) == VID) {
		bpf_skb_vlan_pop(skb);
		return TC_ACT_OK;
	}
	if ((l4.proto == IPPROTO_UDP || l4.proto == IPPROTO_TCP) &&
	    in_vlan_net(&l4, 1))
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
