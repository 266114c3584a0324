/* SPDX-License-Identifier: GPL-2.0 */
/* Types of the maps-test objects: shared by the BPF side and the tests. */
#ifndef XK_TEST_TYPES_H
#define XK_TEST_TYPES_H
#include <linux/types.h>

struct xkt_key {
	__u32 ifindex;
	__u16 port;
	__u8 proto;
	__u8 flags;
};

struct xkt_val {
	__u64 packets;
	__u64 bytes;
	char label[8];
	__u8 addr[4];
	__s32 delta;
	__u32 low : 4, high : 28;
};

/* Same size as struct xkt_pair_b, other type: the BTF check must see it. */
struct xkt_pair_a {
	__u32 first;
	__u32 second;
};

struct xkt_pair_b {
	__u32 second;
	__u32 first;
};

struct xkt_event {
	__u32 seq;
	__u32 len;
};

#define XKT_SHARED "xkt_shared"

#endif
