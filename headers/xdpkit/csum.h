/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Internet checksums, incremental (RFC 1624), in plain C.
 *
 * These mirror, operation for operation, what the kernel's TC helpers do
 * (bpf_l3_csum_replace -> csum_replace2/4, bpf_l4_csum_replace ->
 * inet_proto_csum_replace2/4 on a packet with no checksum offload state),
 * so an XDP program, a TC program and a host build of the same rewrite
 * produce the same bytes, including the 0x0000 / 0xffff choice.
 *
 * All values are raw words in packet (network) order, as loaded from the
 * packet; one's complement sums do not care about byte order as long as
 * every operand is in the same order.
 */
#ifndef XDPKIT_CSUM_H
#define XDPKIT_CSUM_H

#include "compat.h"

/* 32-bit one's complement add with end-around carry (csum_add). */
XK_INLINE __u32 xk_csum_add(__u32 csum, __u32 addend)
{
	__u32 res = csum + addend;

	return res + (res < addend);
}

XK_INLINE __u32 xk_csum_sub(__u32 csum, __u32 addend)
{
	return xk_csum_add(csum, ~addend);
}

/* Fold a 32-bit sum to 16 bits and complement it (csum_fold). */
XK_INLINE __u16 xk_csum_fold(__u32 csum)
{
	__u32 sum = csum + ((csum >> 16) | (csum << 16));

	return (__u16)(~sum >> 16);
}

XK_INLINE __u16 xk__csum16_add(__u16 csum, __u16 addend)
{
	__u16 res = csum + addend;

	return res + (res < addend);
}

/* A 16-bit field of a header covered by @check changed old -> new. */
XK_INLINE __u16 xk_csum_replace2(__u16 check, __u16 old, __u16 new)
{
	return ~xk__csum16_add(xk__csum16_add(~check, ~old), new);
}

/* A 32-bit field of a header covered by @check changed old -> new. */
XK_INLINE __u16 xk_csum_replace4(__u16 check, __u32 old, __u32 new)
{
	return xk_csum_fold(xk_csum_add(xk_csum_sub(~(__u32)check, old), new));
}

/* The L4 flavour: a 16-bit change is widened to 32 bits (as
 * inet_proto_csum_replace2 does), which folds differently from
 * xk_csum_replace2 in the 0x0000/0xffff corner. */
XK_INLINE __u16 xk_l4_csum_replace(__u16 check, __u32 old, __u32 new)
{
	return xk_csum_replace4(check, old, new);
}

/* Sum of @len bytes (even) as 16-bit words, no fold (csum_partial). */
XK_INLINE __u32 xk_csum_partial(const void *buf, __u32 len, __u32 sum)
{
	const xk__wire_u16 *w = (const xk__wire_u16 *)buf;
	__u32 i;

	for (i = 0; i < len / 2; i++)
		sum = xk_csum_add(sum, w[i]);
	return sum;
}

/* Checksum of an IPv4 header from scratch (@ihl_bytes even, <= 60), to be
 * stored in its check field, which must be zero while this runs. */
XK_INLINE __u16 xk_ip4_csum(const void *iph, __u32 ihl_bytes)
{
	return xk_csum_fold(xk_csum_partial(iph, ihl_bytes, 0));
}

#endif /* XDPKIT_CSUM_H */
