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

/**
 * xk_csum_add(), xk_csum_sub() - one's complement addition of 32-bit partial
 * sums
 *
 * @csum: a partial sum
 * @addend: what to add (subtract)
 *
 * Return: the new partial sum, with the end-around carry (the kernel's
 * csum_add and csum_sub).
 */
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

/**
 * xk_csum_fold() - fold a partial sum into a checksum
 *
 * @csum: a 32-bit partial sum
 *
 * Return: the 16-bit complemented checksum (csum_fold): 0 when summed over
 * data that includes a correct checksum.
 */
/* Fold a 32-bit sum to 16 bits and complement it (csum_fold). */
XK_INLINE __u16 xk_csum_fold(__u32 csum)
{
	__u32 sum = csum + ((csum >> 16) | (csum << 16));

	return (__u16)(~sum >> 16);
}

/*
 * Both sum the 16-bit words into 32 bits and fold once at the end
 * (xk_csum_fold takes any 32-bit sum), where the kernel adds with a carry
 * at every word: a one's complement sum is 0 only when every word is, else
 * the one value in [1, 0xffff] of its class mod 0xffff, however it is
 * added, so the bytes are the kernel's (the 0xffff word below is the high
 * half of ~(u32)check in csum_replace4, which makes it differ from
 * csum_replace2 when every word is 0).
 */
/* A 16-bit field of a header covered by @check changed old -> new. */
/**
 * xk_csum_replace2(), xk_csum_replace4() - update a checksum for a changed
 * word (RFC 1624)
 *
 * @check: the checksum field as it is in the packet
 * @old: the old 16-bit (32-bit) value, packet order
 * @new: the new one
 *
 * The kernel's csum_replace2/4, which bpf_l3_csum_replace uses: XDP, TC and
 * host builds produce the same bytes.
 *
 * Return: the checksum to store.
 */
XK_INLINE __u16 xk_csum_replace2(__u16 check, __u16 old, __u16 new)
{
	return xk_csum_fold((__u32)(__u16)~check + (__u16)~old + new);
}

/* A 32-bit field of a header covered by @check changed old -> new. */
XK_INLINE __u16 xk_csum_replace4(__u16 check, __u32 old, __u32 new)
{
	return xk_csum_fold(0xffffU + (__u16)~check + (__u16)~old +
			    (__u16) ~(old >> 16) + (new & 0xffff) +
			    (new >> 16));
}

/**
 * xk_l4_csum_replace() - update an L4 checksum for a changed value
 *
 * @check: the checksum field
 * @old: the old value (a 16-bit one widened to 32 bits)
 * @new: the new value
 *
 * As inet_proto_csum_replace4 does (bpf_l4_csum_replace), which folds
 * differently from xk_csum_replace2() in the 0x0000/0xffff corner.
 *
 * Return: the checksum to store.
 */
/* The L4 flavour: a 16-bit change is widened to 32 bits (as
 * inet_proto_csum_replace2 does), which folds differently from
 * xk_csum_replace2 in the 0x0000/0xffff corner. */
XK_INLINE __u16 xk_l4_csum_replace(__u16 check, __u32 old, __u32 new)
{
	return xk_csum_replace4(check, old, new);
}

/**
 * xk_csum_partial() - sum bytes into a partial checksum
 *
 * @buf: the data (any alignment)
 * @len: its length, even
 * @sum: a partial sum to add to (0 to start)
 *
 * Return: the 32-bit partial sum, unfolded (csum_partial); xk_csum_fold()
 * makes it a checksum.
 */
/* Sum of @len bytes (even) as 16-bit words, no fold (csum_partial). */
XK_INLINE __u32 xk_csum_partial(const void *buf, __u32 len, __u32 sum)
{
	const xk__wire_u16 *w = (const xk__wire_u16 *)buf;
	__u32 i;

	for (i = 0; i < len / 2; i++)
		sum = xk_csum_add(sum, w[i]);
	return sum;
}

/**
 * xk_ip4_csum() - an IPv4 header checksum from scratch
 *
 * @iph: the header, its check field zero
 * @ihl_bytes: its length (IHL * 4, at most 60)
 *
 * Return: the checksum to store in the check field.
 */
/* Checksum of an IPv4 header from scratch (@ihl_bytes even, <= 60), to be
 * stored in its check field, which must be zero while this runs. */
XK_INLINE __u16 xk_ip4_csum(const void *iph, __u32 ihl_bytes)
{
	return xk_csum_fold(xk_csum_partial(iph, ihl_bytes, 0));
}

/**
 * xk_csum_bytes() - sum bytes of any length into a partial checksum
 *
 * @buf: the data (any alignment)
 * @len: its length; an odd last byte counts as if padded with zero
 * @sum: a partial sum to add to (0 to start)
 *
 * What xk_csum_partial() does, for any length. Host builds sum eight bytes
 * at a time (a segment's checksum is the hottest loop of a userspace
 * receive path); BPF sums 16-bit words.
 *
 * Return: the 32-bit partial sum, unfolded.
 */
XK_INLINE __u32 xk_csum_bytes(const void *buf, __u32 len, __u32 sum)
{
	const __u8 *p = (const __u8 *)buf;
	__u16 w = 0;
#if XK_BPF
	sum = xk_csum_partial(p, len & ~1u, sum);
	p += len & ~1u;
	len &= 1;
#else
	__u64 acc = sum;
	__u32 v32;

	for (; len >= 8; p += 8, len -= 8) {
		__u64 v;

		xk_memcpy(&v, p, 8);
		acc += (v & 0xffffffffu) + (v >> 32);
	}
	if (len >= 4) {
		xk_memcpy(&v32, p, 4);
		acc += v32;
		p += 4;
		len -= 4;
	}
	if (len >= 2) {
		xk_memcpy(&w, p, 2);
		acc += w;
		p += 2;
		len -= 2;
	}
	acc = (acc & 0xffffffffu) + (acc >> 32);
	sum = (__u32)((acc & 0xffffffffu) + (acc >> 32));
#endif
	if (len) {
		w = 0;
		xk_memcpy(&w, p, 1);
		sum = xk_csum_add(sum, w);
	}
	return sum;
}

/**
 * xk_csum_pseudo() - the pseudo-header sum of TCP, UDP and ICMPv6
 *
 * @saddr: the source address, wire order
 * @daddr: the destination address, wire order
 * @alen: 4 for IPv4, 16 for IPv6
 * @proto: the L4 protocol (IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMPV6)
 * @len: the L4 length, header and payload
 *
 * IPv4's (zero, protocol, 16-bit length) and IPv6's (32-bit length, zeros,
 * next header) sum the same for lengths below 64 KiB. Add the segment with
 * xk_csum_bytes() and fold: 0 for a segment whose checksum is right.
 *
 * Return: the 32-bit partial sum.
 */
XK_INLINE __u32 xk_csum_pseudo(const void *saddr, const void *daddr, __u32 alen,
			       __u8 proto, __u32 len)
{
	__u32 sum = xk_csum_partial(saddr, alen, 0);

	sum = xk_csum_partial(daddr, alen, sum);
	sum = xk_csum_add(sum, xk_htons(proto));
	return xk_csum_add(sum, xk_htons((__u16)len));
}

#endif /* XDPKIT_CSUM_H */
