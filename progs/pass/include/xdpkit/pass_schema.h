/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Schema of the pass program, shared by the BPF side and xdpctl: its
 * per-CPU counters (xk_counters, one __u64 per slot), named once here.
 * Slot order is ABI: xdpctl reads pinned programs of older builds.
 */
#ifndef XDPKIT_PASS_SCHEMA_H
#define XDPKIT_PASS_SCHEMA_H

/* X(ENUM, "name"): every packet, its bytes, then one class per packet */
#define XK_PASS_COUNTERS(X)                                                    \
	X(PKTS, "packets")                                                     \
	X(BYTES, "bytes")                                                      \
	X(ARP, "arp")                                                          \
	X(ICMP, "icmp")                                                        \
	X(UDP, "udp")                                                          \
	X(TCP, "tcp")                                                          \
	X(IPV6, "ipv6")                                                        \
	X(OTHER, "other")

enum xk_pass_counter {
#define XK__PASS_ENUM(n, s) XK_PASS_##n,
	XK_PASS_COUNTERS(XK__PASS_ENUM)
#undef XK__PASS_ENUM
		XK_PASS_NR,
};

#endif /* XDPKIT_PASS_SCHEMA_H */
