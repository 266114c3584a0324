// SPDX-License-Identifier: GPL-2.0
/*
 * arp_responder: answer ARP requests for one IPv4 address from XDP, with
 * XDP_TX, before the kernel sees them (a proxy-ARP or an anycast address
 * held by a program). arp_cfg[0] holds the address (network order) and
 * the MAC to answer with; an all-zero address answers nothing. Everything
 * else passes on. arp_answered[0] counts the replies sent.
 */
#include <xdpkit/xdpkit.h>

struct arp_cfg {
	__be32 addr;
	__u8 mac[6];
	__u8 pad[2];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct arp_cfg);
} arp_cfg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} arp_answered SEC(".maps");

SEC("xdp")
int arp_responder(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	struct arp_cfg *c;
	struct xk_l4 l4;
	__u32 zero = 0;
	__be32 tpa;
	__u64 *n;

	if (xk_parse_l4(&pkt, &l4) || l4.l3_proto != ETH_P_ARP ||
	    !l4.arp.eth_ip || xk_arp_oper(&l4.arp) != 1)
		return XDP_PASS;
	c = bpf_map_lookup_elem(&arp_cfg, &zero);
	if (!c || !c->addr)
		return XDP_PASS;
	xk_memcpy(&tpa, l4.arp.h->tpa, 4);
	if (tpa != c->addr)
		return XDP_PASS; /* not the address we answer for */
	if (xk_arp_reply(&pkt, &l4, c->mac))
		return XDP_PASS; /* not answered: let the kernel decide */
	n = bpf_map_lookup_elem(&arp_answered, &zero);
	if (n)
		*n += 1;
	return XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
