/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * LPM trie keys, shared by BPF programs and userspace. The layout is the
 * kernel's (struct bpf_lpm_trie_key: prefix length, then the address in
 * network order); libxdpkit parses "10.0.0.0/8" and "2001:db8::/32" into
 * them (xk_lpm__parse) and prints them back the same way.
 */
#ifndef XDPKIT_LPM_SCHEMA_H
#define XDPKIT_LPM_SCHEMA_H

#include <linux/types.h>

struct xk_lpm4_key {
	__u32 prefixlen; /* 0..32 */
	__u8 addr[4];	 /* network order */
};

struct xk_lpm6_key {
	__u32 prefixlen; /* 0..128 */
	__u8 addr[16];	 /* network order */
};

_Static_assert(sizeof(struct xk_lpm4_key) == 8, "lpm4 key layout");
_Static_assert(sizeof(struct xk_lpm6_key) == 20, "lpm6 key layout");

#endif /* XDPKIT_LPM_SCHEMA_H */
