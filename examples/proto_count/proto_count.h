/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The proto_count map's layout, shared by the BPF program and whatever
 * reads the map from userspace (tests, xdpctl's demo).
 *
 * Map "proto_count": BPF_MAP_TYPE_PERCPU_HASH, key struct proto_key,
 * value struct proto_val (one per CPU: sum them for the total).
 */
#ifndef PROTO_COUNT_H
#define PROTO_COUNT_H

#include <linux/types.h>

#define PROTO_COUNT_MAX 256

struct proto_key {
	__u16 l3_proto; /* ethertype after VLAN tags, host order; 0: none */
	__u8 l4_proto;	/* IP protocol after IPv6 ext headers; 0: not IP */
	__u8 bad;	/* 1: a header failed to parse (fields: up to it) */
};

struct proto_val {
	__u64 packets;
	__u64 bytes; /* wire length: XDP data_end - data, TC skb->len */
};

_Static_assert(sizeof(struct proto_key) == 4, "proto_key has no padding");
_Static_assert(sizeof(struct proto_val) == 16, "proto_val has no padding");

#endif /* PROTO_COUNT_H */
