// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * xk_csum_bytes (eight bytes at a time in host builds) against the plain
 * 16-bit sum of xk_csum_partial, and xk_csum_pseudo against the pseudo-
 * header written out as bytes: every length 0..1600, every alignment 0..7,
 * random data and starting sums; xk_csum_replace2/4 (one fold at the end)
 * against the kernel's csum_replace2/4 as the kernel writes them (a carry
 * at every add), on every 0x0000/0xffff corner and random words.
 */
#include <stdlib.h>
#include <string.h>
#include "helpers.h"

static __u32 slow(const __u8 *p, __u32 len, __u32 sum)
{
	__u16 w = 0;

	sum = xk_csum_partial(p, len & ~1u, sum);
	if (len & 1) {
		memcpy(&w, p + len - 1, 1);
		sum = xk_csum_add(sum, w);
	}
	return sum;
}

Test(csum, bytes_equals_the_16_bit_sum)
{
	static __u8 buf[1700];
	__u32 len, off, i, s0;

	srand(7);
	for (len = 0; len <= 1600; len++)
		for (off = 0; off < 8; off++) {
			for (i = 0; i < len + 8; i++)
				buf[i] = (__u8)rand();
			s0 = (__u32)rand();
			cr_assert_eq(
				xk_csum_fold(xk_csum_bytes(buf + off, len, s0)),
				xk_csum_fold(slow(buf + off, len, s0)),
				"length %u at offset %u", len, off);
		}
}

Test(csum, pseudo_equals_the_header_as_bytes)
{
	__u8 ph[40], a[16], b[16];
	__u32 len, i;

	srand(9);
	for (len = 0; len < 65536; len += 257) {
		for (i = 0; i < 16; i++) {
			a[i] = (__u8)rand();
			b[i] = (__u8)rand();
		}
		/* IPv4: saddr, daddr, zero, protocol, length (RFC 793) */
		memcpy(ph, a, 4);
		memcpy(ph + 4, b, 4);
		ph[8] = 0;
		ph[9] = 17;
		ph[10] = (__u8)(len >> 8);
		ph[11] = (__u8)len;
		cr_assert_eq(xk_csum_fold(xk_csum_pseudo(a, b, 4, 17, len)),
			     xk_csum_fold(slow(ph, 12, 0)), "IPv4, length %u",
			     len);
		/* IPv6: saddr, daddr, 32-bit length, zeros, next header */
		memcpy(ph, a, 16);
		memcpy(ph + 16, b, 16);
		ph[32] = 0;
		ph[33] = 0;
		ph[34] = (__u8)(len >> 8);
		ph[35] = (__u8)len;
		ph[36] = ph[37] = ph[38] = 0;
		ph[39] = 6;
		cr_assert_eq(xk_csum_fold(xk_csum_pseudo(a, b, 16, 6, len)),
			     xk_csum_fold(slow(ph, 40, 0)), "IPv6, length %u",
			     len);
	}
}

/* include/net/checksum.h, word for word */
static __u16 k_csum16_add(__u16 csum, __u16 addend)
{
	__u16 res = csum + addend;

	return res + (res < addend);
}

static __u16 k_replace2(__u16 check, __u16 old, __u16 new)
{
	return ~k_csum16_add(k_csum16_add(~check, ~old), new);
}

static __u16 k_replace4(__u16 check, __u32 old, __u32 new)
{
	return xk_csum_fold(xk_csum_add(xk_csum_sub(~(__u32)check, old), new));
}

Test(csum, replace_is_the_kernels)
{
	static const __u32 w[] = {0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff};
	static const __u32 l[] = {0,	      1,	  0xffff,
				  0x10000,    0xffff0000, 0xfffeffff,
				  0xfffffffe, 0xffffffff};
	unsigned i, j, k;

	for (i = 0; i < 6; i++)
		for (j = 0; j < 6; j++)
			for (k = 0; k < 6; k++)
				cr_assert_eq(xk_csum_replace2(w[i], w[j], w[k]),
					     k_replace2(w[i], w[j], w[k]),
					     "replace2 %x %x %x", w[i], w[j],
					     w[k]);
	for (i = 0; i < 6; i++)
		for (j = 0; j < 8; j++)
			for (k = 0; k < 8; k++)
				cr_assert_eq(xk_csum_replace4(w[i], l[j], l[k]),
					     k_replace4(w[i], l[j], l[k]),
					     "replace4 %x %x %x", w[i], l[j],
					     l[k]);
	srand(11);
	for (i = 0; i < 2000000; i++) {
		__u16 c = rand(), o = rand(), n = rand();
		__u32 o4 = (__u32)rand() << 1 ^ rand(), n4 = (__u32)rand() << 1;

		cr_assert_eq(xk_csum_replace2(c, o, n), k_replace2(c, o, n));
		cr_assert_eq(xk_csum_replace4(c, o4, n4),
			     k_replace4(c, o4, n4));
		cr_assert_eq(xk_l4_csum_replace(c, o, n), k_replace4(c, o, n));
	}
}
