// SPDX-License-Identifier: GPL-2.0
/*
 * port_rewrite: TCP destination port 5081 becomes 5082, except for
 * segments whose TCP payload is 290..294 bytes long, which keep 5081.
 *
 * One source, two programs: rewrite() is written once against struct
 * xk_pkt; XK_PROG_XDP_TC makes port_rewrite_xdp and port_rewrite_tc.
 * xk_l4_set_dport keeps the TCP checksum right in both (XDP: incremental update
 * in software; TC: bpf_l4_csum_replace, so the skb's checksum state stays valid
 * too).
 */
#include <xdpkit/xdpkit.h>
#include <xdpkit/prog.h>

#define FROM_PORT 5081
#define TO_PORT	  5082
#define KEEP_MIN  290 /* payload lengths that keep FROM_PORT */
#define KEEP_MAX  294

static __always_inline int rewrite(struct xk_pkt *pkt)
{
	struct xk_l4 l4;
	__u32 payload;

	if (xk_parse_l4(pkt, &l4) || l4.proto != IPPROTO_TCP)
		return XK_PASS;
	if (xk_l4_dport(&l4) != FROM_PORT)
		return XK_PASS;
	/* The payload length comes from the IP length field (l3_end), not
	 * the frame: Ethernet padding is not payload. A fragment's length
	 * says nothing about the segment's, so fragments are left alone. */
	if (l4.frag != XK_FRAG_NONE || l4.l3_end == 0xffff)
		return XK_PASS;
	payload = l4.l3_end - l4.tcp.off - l4.tcp.hlen;
	if (payload >= KEEP_MIN && payload <= KEEP_MAX)
		return XK_PASS;
	/* only a TC helper can refuse here, maybe half way: drop rather
	 * than send a packet whose port and checksum may disagree */
	if (xk_l4_set_dport(pkt, &l4, TO_PORT))
		return XK_DROP;
	return XK_PASS;
}

XK_PROG_XDP_TC(port_rewrite, rewrite)

char _license[] SEC("license") = "GPL";
