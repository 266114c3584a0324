// SPDX-License-Identifier: GPL-2.0
/*
 * The netns suite's NAT: a virtual address and port (VIP:5081) in front of
 * a real server (REAL:5082), for TCP and UDP over IPv4 and IPv6.
 *
 *   request  to   VIP:5081   -> destination becomes REAL:5082   (DNAT)
 *   reply    from REAL:5082  -> source becomes VIP:5081         (its reverse)
 *
 * One function for both directions, built for XDP (nat_xdp) and TC
 * (nat_tc): netns.sh puts it on both ingress sides of a router namespace
 * between client and server. Addresses match netns.sh. nat_hits counts
 * rewrites by direction.
 */
#include <xdpkit/xdpkit.h>
#include <xdpkit/prog.h>

#define VPORT 5081
#define RPORT 5082

/* 10.77.3.100, 10.77.2.2; fd77:3::100, fd77:2::2 (wire order bytes) */
static const __u8 vip4[4] = {10, 77, 3, 100};
static const __u8 real4[4] = {10, 77, 2, 2};
static const __u8 vip6[16] = {0xfd, 0x77, 0, 3, [14] = 0x01, [15] = 0x00};
static const __u8 real6[16] = {0xfd, 0x77, 0, 2, [15] = 0x02};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2); /* 0: DNAT, 1: reverse */
	__type(key, __u32);
	__type(value, __u64);
} nat_hits SEC(".maps");

static __always_inline int eq(const void *a, const __u8 *b, int n)
{
	const __u8 *p = a;
	__u8 d = 0;
	int i;

	for (i = 0; i < n; i++)
		d |= p[i] ^ b[i];
	return !d;
}

static __always_inline void count(__u32 dir)
{
	__u64 *v = bpf_map_lookup_elem(&nat_hits, &dir);

	if (v)
		__sync_fetch_and_add(v, 1);
}

static __always_inline int nat(struct xk_pkt *pkt)
{
	struct in6_addr a6;
	struct xk_l4 l4;
	__be32 a4;

	if (xk_parse_l4(pkt, &l4) ||
	    (l4.proto != IPPROTO_TCP && l4.proto != IPPROTO_UDP))
		return XK_PASS;
	if (l4.l3_proto == ETH_P_IP) {
		if (xk_l4_dport(&l4) == VPORT &&
		    eq(&l4.ip4.h->daddr, vip4, 4)) {
			__builtin_memcpy(&a4, real4, 4);
			if (!xk_ip4_set_daddr(pkt, &l4, a4) &&
			    !xk_l4_set_dport(pkt, &l4, RPORT))
				count(0);
		} else if (xk_l4_sport(&l4) == RPORT &&
			   eq(&l4.ip4.h->saddr, real4, 4)) {
			__builtin_memcpy(&a4, vip4, 4);
			if (!xk_ip4_set_saddr(pkt, &l4, a4) &&
			    !xk_l4_set_sport(pkt, &l4, VPORT))
				count(1);
		}
	} else if (l4.l3_proto == ETH_P_IPV6) {
		if (xk_l4_dport(&l4) == VPORT &&
		    eq(&l4.ip6.h->daddr, vip6, 16)) {
			__builtin_memcpy(&a6, real6, 16);
			if (!xk_ip6_set_daddr(pkt, &l4, &a6) &&
			    !xk_l4_set_dport(pkt, &l4, RPORT))
				count(0);
		} else if (xk_l4_sport(&l4) == RPORT &&
			   eq(&l4.ip6.h->saddr, real6, 16)) {
			__builtin_memcpy(&a6, vip6, 16);
			if (!xk_ip6_set_saddr(pkt, &l4, &a6) &&
			    !xk_l4_set_sport(pkt, &l4, VPORT))
				count(1);
		}
	}
	return XK_PASS;
}

XK_PROG_XDP_TC(nat, nat)

char _license[] SEC("license") = "GPL";
