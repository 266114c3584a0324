/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Shared schema of progs/xsk_steer: the keys userspace (stack/) writes
 * and the program reads, and the slot order of its counters. Plain
 * fixed-size integers only, so the BPF and the host layouts are the same.
 */
#ifndef XDPKIT_XSK_STEER_H
#define XDPKIT_XSK_STEER_H

#include <linux/types.h>

#define XK_STEER_MAX_QUEUES 64
#define XK_STEER_MAX_EPS    1024
#define XK_STEER_MAX_FLOWS  65536

/* A local endpoint: (protocol, local address, local port). An all-zero
 * address means every local address of that family. IPv4 addresses take
 * the first 4 bytes of addr, the rest zero. */
struct xk_steer_ep {
	__u8 proto;    /* IPPROTO_UDP or IPPROTO_TCP */
	__u8 family;   /* 4 or 6 */
	__be16 port;   /* local port, network order */
	__u8 addr[16]; /* local address, wire order */
};
_Static_assert(sizeof(struct xk_steer_ep) == 20, "xk_steer_ep layout");

/* The exact 5-tuple of a flow we opened, seen from our side. */
struct xk_steer_flow {
	__u8 proto;
	__u8 family;
	__be16 lport; /* our port */
	__be16 rport; /* the peer's port */
	__u16 pad;    /* zero */
	__u8 laddr[16];
	__u8 raddr[16];
};
_Static_assert(sizeof(struct xk_steer_flow) == 40, "xk_steer_flow layout");

/* Who attached the program: clean detaches it once that process is gone
 * (the sockets it steered to died with it). */
#define XK_STEER_MAX_LOCALS 256

/* One of the interface's own unicast addresses (xk_locals): what a
 * wildcard endpoint (an all-zero address in xk_eps) stands for. */
struct xk_steer_local {
	__u8 family; /* 4 or 6 */
	__u8 pad[3]; /* zero */
	__u8 addr[16];
};
_Static_assert(sizeof(struct xk_steer_local) == 20, "xk_steer_local layout");

/* xk_steer_cfg[0]: the interface's MAC; a frame to any other destination
 * (broadcast, multicast, another host's unicast) is the kernel's. All
 * zero: no check (the MAC is not known yet). */
struct xk_steer_cfg {
	__u8 mac[6];
	__u8 pad[2];
};
_Static_assert(sizeof(struct xk_steer_cfg) == 8, "xk_steer_cfg layout");

struct xk_steer_owner {
	__u32 pid;
	__u32 pad;
	__u64 start_time; /* /proc/PID/stat field 22, against pid reuse */
};

/* Slot order of the xk_counters per-CPU array (ABI: cli/progs.c names). */
/*
 * The counters (xk_counters, per CPU), named once: X(ENUM, "name").
 *   packets         every packet seen
 *   redirected      handed to an AF_XDP socket
 *   passed          left to the kernel
 *   nosock_dropped  registered, but no socket on its queue: dropped
 *   fragments       IP fragments, left to the kernel
 *   unparsed        headers we could not parse, left to the kernel
 *   not_local       to a registered port but not to this host: another MAC,
 *                   a broadcast or multicast, or an address the interface
 *                   does not have for a wildcard endpoint; left to the kernel
 */
#define XK_STEER_COUNTERS(X)                                                   \
	X(PACKETS, "packets")                                                  \
	X(REDIRECTED, "redirected")                                            \
	X(PASSED, "passed")                                                    \
	X(NOSOCK, "nosock_dropped")                                            \
	X(FRAGMENTS, "fragments")                                              \
	X(UNPARSED, "unparsed")                                                \
	X(NOT_LOCAL, "not_local")

enum xk_steer_counter {
#define XK__STEER_ENUM(n, s) XK_STEER_##n,
	XK_STEER_COUNTERS(XK__STEER_ENUM)
#undef XK__STEER_ENUM
		XK_STEER_NR,
};

#endif /* XDPKIT_XSK_STEER_H */
