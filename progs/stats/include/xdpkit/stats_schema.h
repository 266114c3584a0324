/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Schema of progs/stats: the map xk_stats, per-CPU, one entry per interface,
 * L3 protocol and L4 protocol seen there. Included by the BPF program and
 * by userspace (xdpctl stats), so both sides agree by construction.
 */
#ifndef XDPKIT_STATS_SCHEMA_H
#define XDPKIT_STATS_SCHEMA_H

#include <linux/types.h>

#define XK_STATS_MAP	 "xk_stats"
#define XK_STATS_ENTRIES 4096

struct xk_stats_key {
	__u32 ifindex;	/* where the program saw the packet */
	__u16 l3_proto; /* ethertype after VLAN tags, host order */
	__u8 l4_proto;	/* IP protocol (TCP, UDP, ICMP, ...), 0 if not IP */
	__u8 bad; /* 1: a header failed to parse (counted as far as read) */
};

struct xk_stats_val {
	__u64 packets;
	__u64 bytes; /* wire length (skb->len for TC) */
};

_Static_assert(sizeof(struct xk_stats_key) == 8, "stats key layout");
_Static_assert(sizeof(struct xk_stats_val) == 16, "stats value layout");

#endif /* XDPKIT_STATS_SCHEMA_H */
