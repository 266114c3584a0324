// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * xsk_steer: hand the flows userspace registered to the AF_XDP socket of
 * the queue they arrived on, and everything else to the kernel, so the
 * host keeps its ARP, NDP, ICMP and every other port while a userspace
 * stack serves a few ports on the same address.
 *
 * Steered: UDP/TCP to this host's MAC (xk_steer_cfg) whose (proto, local
 * address, local port) is in xk_eps (an all-zero address matches the
 * interface's own unicast addresses, xk_locals, and nothing else), or
 * whose exact 5-tuple is in xk_flows. A steered packet whose queue has no
 * socket in xk_xsks is dropped, not passed: the kernel socket that reserves the
 * port would otherwise receive what the application expects to see. IP
 * fragments (first ones too: the rest could not follow them) go to the kernel.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <xdpkit/parse.h>
#include "xdpkit/xsk_steer.h"

struct {
	__uint(type, BPF_MAP_TYPE_XSKMAP);
	__uint(max_entries, XK_STEER_MAX_QUEUES);
	__type(key, __u32);
	__type(value, __u32);
} xk_xsks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XK_STEER_MAX_EPS);
	__type(key, struct xk_steer_ep);
	__type(value, __u32);
} xk_eps SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XK_STEER_MAX_FLOWS);
	__type(key, struct xk_steer_flow);
	__type(value, __u32);
} xk_flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, XK_STEER_MAX_LOCALS);
	__type(key, struct xk_steer_local);
	__type(value, __u32);
} xk_locals SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xk_steer_cfg);
} xk_steer_cfg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xk_steer_owner);
} xk_owner SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, XK_STEER_NR);
	__type(key, __u32);
	__type(value, __u64);
} xk_counters SEC(".maps");

static __always_inline void bump(__u32 idx)
{
	__u64 *v = bpf_map_lookup_elem(&xk_counters, &idx);

	if (v)
		*v += 1;
}

static __always_inline int pass(__u32 why)
{
	bump(why);
	if (why != XK_STEER_PASSED)
		bump(XK_STEER_PASSED);
	return XDP_PASS;
}

/* Is the frame addressed to this interface's own MAC? */
static __always_inline int to_our_mac(const struct xk_l4 *l4)
{
	const struct xk_steer_cfg *c;
	__u32 zero = 0;

	c = bpf_map_lookup_elem(&xk_steer_cfg, &zero);
	if (!c || !(c->mac[0] | c->mac[1] | c->mac[2] | c->mac[3] | c->mac[4] |
		    c->mac[5]))
		return 1;
	{
		const __u8 *d = l4->eth.h->h_dest;

		return !((d[0] ^ c->mac[0]) | (d[1] ^ c->mac[1]) |
			 (d[2] ^ c->mac[2]) | (d[3] ^ c->mac[3]) |
			 (d[4] ^ c->mac[4]) | (d[5] ^ c->mac[5]));
	}
}

/*
 * Is this (already parsed, unfragmented, TCP or UDP) packet registered?
 * 1 yes, 0 no, -1 to a registered wildcard port but not to an address of
 * this interface.
 */
static __always_inline int registered(const struct xk_l4 *l4)
{
	struct xk_steer_local loc = {};
	struct xk_steer_flow f = {};
	struct xk_steer_ep ep = {};
	__u32 alen = 4;

	f.proto = l4->proto;
	f.lport = l4->proto == IPPROTO_UDP ? l4->udp.h->dest : l4->tcp.h->dest;
	f.rport = l4->proto == IPPROTO_UDP ? l4->udp.h->source
					   : l4->tcp.h->source;
	if (l4->l3_proto == ETH_P_IP) {
		f.family = 4;
		__builtin_memcpy(f.laddr, &l4->ip4.h->daddr, 4);
		__builtin_memcpy(f.raddr, &l4->ip4.h->saddr, 4);
	} else {
		f.family = 6;
		alen = 16;
		__builtin_memcpy(f.laddr, &l4->ip6.h->daddr, 16);
		__builtin_memcpy(f.raddr, &l4->ip6.h->saddr, 16);
	}
	ep.proto = f.proto;
	ep.family = f.family;
	ep.port = f.lport;
	if (bpf_map_lookup_elem(&xk_eps, &ep)) { /* any address of ours */
		loc.family = f.family;
		__builtin_memcpy(loc.addr, f.laddr, 16);
		if (bpf_map_lookup_elem(&xk_locals, &loc))
			return 1;
		/* not ours: a specific endpoint or a flow can still match
		 * only if the address is bound, so it is the kernel's */
		return -1;
	}
	if (alen == 4)
		__builtin_memcpy(ep.addr, f.laddr, 4);
	else
		__builtin_memcpy(ep.addr, f.laddr, 16);
	if (bpf_map_lookup_elem(&xk_eps, &ep))
		return 1;
	return bpf_map_lookup_elem(&xk_flows, &f) != NULL;
}

SEC("xdp")
int xk_xsk_steer(struct xdp_md *md)
{
	struct xk_pkt pkt = xk_pkt_xdp(md);
	__u32 q = md->rx_queue_index;
	struct xk_l4 l4;
	int r;

	bump(XK_STEER_PACKETS);
	if (xk_parse_l4(&pkt, &l4))
		return pass(XK_STEER_UNPARSED);
	if (l4.frag != XK_FRAG_NONE)
		return pass(XK_STEER_FRAGMENTS);
	if (l4.proto != IPPROTO_UDP && l4.proto != IPPROTO_TCP)
		return pass(XK_STEER_PASSED);
	r = registered(&l4);
	if (!r)
		return pass(XK_STEER_PASSED);
	if (r < 0 || !to_our_mac(&l4))
		return pass(XK_STEER_NOT_LOCAL);
	if (!bpf_map_lookup_elem(&xk_xsks, &q)) {
		bump(XK_STEER_NOSOCK);
		return XDP_DROP;
	}
	bump(XK_STEER_REDIRECTED);
	return bpf_redirect_map(&xk_xsks, q, XDP_DROP);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
