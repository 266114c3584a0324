/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the two hand-written rewrite baselines share (hand.bpf.c, the
 * tutorial-style one, and equal.bpf.c, the equal-work one): the addresses
 * the programs toggle between, the checksum arithmetic (RFC 1624, as the
 * kernel's csum_replace), the outer IPv4 header of the IPIP encapsulation
 * as xk_ip_encap builds it, and moving the head with the Ethernet header
 * written back. No xdpkit header.
 */
#ifndef BENCH_BY_HAND_H
#define BENCH_BY_HAND_H

#include <linux/bpf.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define VIP  0x6403000aU /* 10.0.3.100, wire order on little endian */
#define REAL 0x0202000aU /* 10.0.2.2 */

static __always_inline __u16 csum_fold(__u32 s)
{
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (__u16)~s;
}

/* RFC 1624 eqn. 3 for a 16-bit field: HC' = ~(~HC + ~m + m') */
static __always_inline void csum_repl16(__u16 *c, __u16 from, __u16 to)
{
	*c = csum_fold((__u16) ~*c + (__u32)(__u16)~from + to);
}

static __always_inline void csum_repl32(__u16 *c, __u32 from, __u32 to)
{
	__u32 s = (__u16) ~*c;

	s += (__u16) ~(from & 0xffff) + (__u16) ~(from >> 16);
	s += (to & 0xffff) + (to >> 16);
	*c = csum_fold(s);
}

/* The outer header of IPIP 192.168.0.1 -> 192.168.0.2 carrying @inner
 * bytes: DF, TTL 64, id 0, its checksum computed. */
static __always_inline void outer_ip4(struct iphdr *o, __u16 inner)
{
	__u16 *w = (__u16 *)o;
	__u32 s = 0;
	int i;

	__builtin_memset(o, 0, sizeof(*o));
	o->version = 4;
	o->ihl = 5;
	o->tot_len = bpf_htons(inner + 20);
	o->frag_off = bpf_htons(0x4000);
	o->ttl = 64;
	o->protocol = IPPROTO_IPIP;
	o->saddr = 0x0100a8c0U;
	o->daddr = 0x0200a8c0U;
	for (i = 0; i < 10; i++)
		s += w[i];
	o->check = csum_fold(s);
}

/* Move the head by @delta and write @n (12 or 16) bytes of @hdr at the new
 * start: 0, or -1 when the move or the bounds check failed. */
static __always_inline int move_head(struct xdp_md *md, int delta,
				     const __u8 *hdr, int n)
{
	void *data, *end;

	if (bpf_xdp_adjust_head(md, delta))
		return -1;
	data = (void *)(long)md->data;
	end = (void *)(long)md->data_end;
	if (n == 16) {
		if (data + 16 > end)
			return -1;
		__builtin_memcpy(data, hdr, 16);
	} else {
		if (data + 12 > end)
			return -1;
		__builtin_memcpy(data, hdr, 12);
	}
	return 0;
}

#endif /* BENCH_BY_HAND_H */
