// SPDX-License-Identifier: GPL-2.0
/*
 * The equal-work baselines of bench-rewrite: xk.bpf.c's four programs by
 * hand, as an XDP engineer would write them with the same checks: the
 * whole parse of xk_parse_l4 (bench/parse/equal.h), the tunnel test of
 * xk_parse_tunnel where the IPIP program needs it, the same rewrite with
 * the same checksum arithmetic (RFC 1624, as the kernel's csum_replace),
 * VLAN tags kept across an encapsulation, the outer IPv4 header xk_ip_encap
 * builds. Pointers and direct stores, no xdpkit header. bench/equal_check
 * proves each does what its xdpkit twin does (verdict, bytes out,
 * bench_ops) on the benchmark's packets, their mutations and the tcpdump
 * corpus; hand.bpf.c stays as the tutorial-style reference that checks
 * less.
 */
#include "../parse/equal.h"
#include "by_hand.h"

__u64 bench_ops;

static __always_inline int parse(struct xdp_md *md, struct eq *e)
{
	return eq_parse((void *)(long)md->data, (void *)(long)md->data_end, e);
}

SEC("xdp")
int equal_port(struct xdp_md *md)
{
	struct tcphdr *th;
	struct eq e;
	__u16 to;

	if (parse(md, &e) || e.proto != IPPROTO_TCP)
		return XDP_PASS;
	th = e.l4;
	to = th->dest == bpf_htons(5081) ? bpf_htons(5082) : bpf_htons(5081);
	csum_repl16(&th->check, th->dest, to);
	th->dest = to;
	bench_ops++;
	return XDP_PASS;
}

SEC("xdp")
int equal_dnat(struct xdp_md *md)
{
	struct tcphdr *th;
	struct iphdr *ip;
	struct eq e;
	__u32 to;
	__u16 port;

	if (parse(md, &e) || e.proto != IPPROTO_TCP || !e.v4)
		return XDP_PASS;
	ip = e.l3;
	th = e.l4;
	/* checked in eq_parse, but clang 14 derives th anew from the IHL
	 * there, and this verifier then does not know its range */
	if ((void *)(th + 1) > (void *)(long)md->data_end)
		return XDP_PASS;
	to = ip->daddr == VIP ? REAL : VIP;
	port = to == VIP ? bpf_htons(5081) : bpf_htons(5082);
	csum_repl32(&ip->check, ip->daddr, to);
	csum_repl32(&th->check, ip->daddr, to);
	csum_repl16(&th->check, th->dest, port);
	ip->daddr = to;
	th->dest = port;
	bench_ops++;
	return XDP_PASS;
}

SEC("xdp")
int equal_vlan(struct xdp_md *md)
{
	void *data = (void *)(long)md->data, *end = (void *)(long)md->data_end;
	__u8 hdr[16];
	struct eq e;

	if (data + 14 > end)
		return XDP_PASS;
	eq_parse(data, end, &e); /* only the tags walked count here */
	__builtin_memcpy(hdr, data, 12);
	*(__be16 *)(hdr + 12) = bpf_htons(ETH_P_8021Q);
	*(__be16 *)(hdr + 14) = bpf_htons(100);
	/* pop the outermost tag, or push one */
	if (e.ntags ? move_head(md, 4, hdr, 12) : move_head(md, -4, hdr, 16))
		return XDP_PASS;
	bench_ops++;
	return XDP_PASS;
}

/* The Ethernet header and its tags, kept across a move. */
struct l2 {
	__u8 b[12 + 4 * VLAN_MAX_DEPTH];
	int ntags;
};

static __always_inline void l2_save(void *data, void *end, const struct eq *e,
				    struct l2 *s)
{
	/* as xk__l2_save: clang 13 (-mcpu=v3) otherwise hoists a copy of
	 * tag bytes never written into a register it never set */
	__builtin_memset(s->b + 12, 0, 4 * VLAN_MAX_DEPTH);
	s->ntags = e->ntags;
	__builtin_memcpy(s->b, data, 12);
	/* eq_parse saw the tags, but not every verifier keeps its bounds to
	 * here: checked again, as xk__l2_save does (xk__ptr) */
	if (s->ntags > 0 && data + 18 <= end)
		__builtin_memcpy(s->b + 12, data + 12, 4);
	if (s->ntags > 1 && data + 22 <= end)
		__builtin_memcpy(s->b + 16, data + 16, 4);
}

/* Write it back at the new start with the IPv4 ethertype: the L3 offset,
 * or -1 when the frame is too short for it (each store checked, as
 * xdpkit's are; it never is after these moves). */
static __always_inline int l2_write(void *data, void *end, const struct l2 *s)
{
	if (data + 14 > end)
		return -1;
	__builtin_memcpy(data, s->b, 12);
	if (!s->ntags) {
		*(__be16 *)(data + 12) = bpf_htons(ETH_P_IP);
		return 14;
	}
	if (data + 18 > end)
		return -1;
	__builtin_memcpy(data + 12, s->b + 12, 4);
	if (s->ntags == 1) {
		*(__be16 *)(data + 16) = bpf_htons(ETH_P_IP);
		return 18;
	}
	if (data + 22 > end)
		return -1;
	__builtin_memcpy(data + 16, s->b + 16, 4);
	*(__be16 *)(data + 20) = bpf_htons(ETH_P_IP);
	return 22;
}

SEC("xdp")
int equal_ipip(struct xdp_md *md)
{
	void *data = (void *)(long)md->data, *end = (void *)(long)md->data_end;
	struct iphdr *ip;
	struct l2 l2;
	struct eq e;
	int l3;

	if (parse(md, &e) || !e.v4)
		return XDP_PASS;
	ip = e.l3;
	if (e.ip_proto == IPPROTO_IPIP) {
		l2_save(data, end, &e, &l2);
		if (bpf_xdp_adjust_head(md, ip->ihl * 4))
			return XDP_PASS;
		data = (void *)(long)md->data;
		end = (void *)(long)md->data_end;
		if (l2_write(data, end, &l2) < 0)
			return XDP_PASS;
	} else if (e.ip_proto == IPPROTO_IPV6 || e.ip_proto == IPPROTO_GRE ||
		   (e.proto == IPPROTO_UDP &&
		    (((struct udphdr *)e.l4)->dest == bpf_htons(4789) ||
		     ((struct udphdr *)e.l4)->dest == bpf_htons(8472) ||
		     ((struct udphdr *)e.l4)->dest == bpf_htons(6081)))) {
		return XDP_PASS; /* a tunnel (or a bad one) of another kind */
	} else {
		struct iphdr o;

		/* xk_ip_encap: the inner length is the frame's from L3 on */
		outer_ip4(&o, (__u16)(end - (void *)ip));
		l2_save(data, end, &e, &l2);
		if (bpf_xdp_adjust_head(md, -20))
			return XDP_PASS;
		data = (void *)(long)md->data;
		end = (void *)(long)md->data_end;
		l3 = l2_write(data, end, &l2);
		if (l3 < 0 || data + (l3 & 31) + 20 > end)
			return XDP_PASS;
		__builtin_memcpy(data + (l3 & 31), &o, 20);
	}
	bench_ops++;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
