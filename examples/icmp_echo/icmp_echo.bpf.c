// SPDX-License-Identifier: GPL-2.0
/*
 * icmp_echo: answer ICMP and ICMPv6 echo requests from XDP.
 *
 * xk_icmp_echo_reply swaps the MAC and IP addresses and turns the request
 * into a reply in place, fixing the ICMP checksum (address swaps leave the
 * IPv4 header and ICMPv6 pseudo-header sums unchanged); the frame goes
 * back out of the interface it came in on with XDP_TX. Everything else,
 * ARP and IPv6 neighbour discovery included, passes to the kernel.
 *
 * On veth, XDP_TX frames reach the peer only if the peer has an XDP
 * program attached too (any program, e.g. one returning XDP_PASS).
 */
#include <xdpkit/xdpkit.h>

SEC("xdp")
int icmp_echo_xdp(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	struct xk_l4 l4;

	if (xk_parse_l4(&pkt, &l4))
		return XDP_PASS;
	/* a fragmented echo request cannot be answered from one fragment */
	if (l4.frag != XK_FRAG_NONE)
		return XDP_PASS;
	/* 0: turned into a reply; XK_EUNSUP: not an echo request */
	if (xk_icmp_echo_reply(&pkt, &l4))
		return XDP_PASS;
	return XDP_TX;
}

char _license[] SEC("license") = "GPL";
