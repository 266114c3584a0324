// SPDX-License-Identifier: GPL-2.0
/*
 * reject: refuse traffic the way a host does, from XDP or TC, before the
 * kernel sees it (iptables' REJECT, answered at the driver). By reject_cfg[0]:
 *   - a TCP segment to tcp_port gets a reset (the peer's connect() sees
 *     ECONNREFUSED);
 *   - a UDP datagram to udp_port gets ICMP port unreachable (ICMPv6
 *     destination unreachable, port);
 *   - an IP datagram longer than mtu gets ICMP fragmentation needed (IPv4
 *     with DF) or ICMPv6 packet too big, so the sender learns the path MTU;
 *   - with ping set, an echo request gets ICMP communication
 *     administratively prohibited (ICMPv6: administratively prohibited).
 * Zero turns each off. Every reply is built in the packet's place
 * (<xdpkit/reply.h>) and sent back where it came from: XDP_TX, or in TC a
 * redirect to the interface's egress. Everything else passes.
 * reject_sent[] counts the replies by kind, and the packets that matched
 * but may not be answered (an ICMP error, a multicast destination, ...).
 */
#include <xdpkit/xdpkit.h>
#include <linux/pkt_cls.h>

struct reject_cfg {
	__u16 tcp_port; /* host order, 0: none */
	__u16 udp_port; /* host order, 0: none */
	__u16 mtu;	/* bytes of IP datagram, 0: none */
	__u8 ping;	/* 1: refuse echo requests */
	__u8 pad;
};

enum reject_kind {
	REJECT_RST = 0,
	REJECT_PORT_UNREACH = 1,
	REJECT_TOO_BIG = 2,
	REJECT_PROHIBITED = 3,
	REJECT_NOT_ANSWERABLE = 4, /* matched, but refused by the builder */
	REJECT_KINDS = 5,
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct reject_cfg);
} reject_cfg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, REJECT_KINDS);
	__type(key, __u32);
	__type(value, __u64);
} reject_sent SEC(".maps");

static __always_inline void count(__u32 kind)
{
	__u64 *n = bpf_map_lookup_elem(&reject_sent, &kind);

	if (n)
		*n += 1;
}

/* 1: the packet is now a reply to send back; 0: pass it on; -1: drop. */
static __always_inline int reject(struct xk_pkt *pkt)
{
	const struct reject_cfg *c;
	__u8 type, code, echo;
	struct xk_l4 l4;
	__u32 zero = 0, kind, info = 0;
	int r, v6;

	if (xk_parse_l4(pkt, &l4))
		return 0;
	if (l4.l3_proto == ETH_P_IP)
		v6 = 0;
	else if (l4.l3_proto == ETH_P_IPV6)
		v6 = 1;
	else
		return 0;
	c = bpf_map_lookup_elem(&reject_cfg, &zero);
	if (!c)
		return 0;
	echo = l4.frag == XK_FRAG_NONE &&
	       ((l4.proto == IPPROTO_ICMP && l4.icmp.h->type == XK_ICMP_ECHO) ||
		(l4.proto == IPPROTO_ICMPV6 &&
		 l4.icmp6.h->icmp6_type == 128 /* echo request */));
	if (c->mtu && l4.l3_end - l4.l3_off > c->mtu &&
	    (v6 || (l4.ip4.h->frag_off & xk_htons_c(0x4000)))) {
		kind = REJECT_TOO_BIG;
		type = v6 ? XK_ICMP6_PKT_TOOBIG : XK_ICMP_DEST_UNREACH;
		code = v6 ? 0 : XK_ICMP_FRAG_NEEDED;
		info = c->mtu;
	} else if (l4.proto == IPPROTO_TCP && c->tcp_port &&
		   xk_l4_dport(&l4) == c->tcp_port) {
		r = xk_tcp_rst(pkt, &l4);
		kind = REJECT_RST;
		goto sent;
	} else if (l4.proto == IPPROTO_UDP && c->udp_port &&
		   xk_l4_dport(&l4) == c->udp_port) {
		kind = REJECT_PORT_UNREACH;
		type = v6 ? XK_ICMP6_DEST_UNREACH : XK_ICMP_DEST_UNREACH;
		code = v6 ? XK_ICMP6_PORT_UNREACH : XK_ICMP_PORT_UNREACH;
	} else if (c->ping && echo) {
		kind = REJECT_PROHIBITED;
		type = v6 ? XK_ICMP6_DEST_UNREACH : XK_ICMP_DEST_UNREACH;
		code = v6 ? XK_ICMP6_ADM_PROHIBITED : XK_ICMP_PKT_FILTERED;
	} else {
		return 0;
	}
	/* one call for every error: the family picks ICMP or ICMPv6 */
	r = xk_icmp_error(pkt, &l4, type, code, info, NULL);
sent:
	if (r == XK_EUNSUP) {
		/* not answerable (unchanged): the kernel decides */
		count(REJECT_NOT_ANSWERABLE);
		return 0;
	}
	if (r)
		return -1; /* changed half way: drop */
	count(kind);
	return 1;
}

SEC("xdp")
int reject_xdp(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	int r = reject(&pkt);

	return r > 0 ? XDP_TX : r < 0 ? XDP_DROP : XDP_PASS;
}

SEC("tc")
int reject_tc(struct __sk_buff *skb)
{
	struct xk_pkt pkt = xk_pkt_tc(skb);
	int r = reject(&pkt);

	if (r > 0)
		return (int)bpf_redirect(skb->ifindex, 0);
	return r < 0 ? TC_ACT_SHOT : TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
