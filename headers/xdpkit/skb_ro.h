/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Read-only skb context for socket filters and cgroup_skb programs, which
 * may not write the packet (and socket filters may not even read it
 * directly). The first XK_RO_COPY bytes are copied with
 * bpf_skb_load_bytes into a per-CPU scratch buffer and parsed there. The
 * handle is a struct xk_pkt_ro: no setter accepts it.
 *
 * Including this header declares the one-entry per-CPU array map
 * xk_ro_scratch in your object.
 */
#ifndef XDPKIT_SKB_RO_H
#define XDPKIT_SKB_RO_H

#include "xdpkit.h"

#if XK_BPF
/* Twice the copy: see the offset mask in xk__ptr. */
struct xk__ro_buf {
	__u8 data[2 * XK_RO_COPY];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xk__ro_buf);
} xk_ro_scratch SEC(".maps");

/**
 * xk_pkt_skb_ro_at(), xk_pkt_skb_ro() - the read-only context of a socket
 * filter or cgroup_skb program
 *
 * @skb: the program's struct __sk_buff
 * @start: XK_START_L3 (socket filters on IP sockets, cgroup_skb: data
 *     begins at the network header, skb->protocol names it) or XK_START_L2
 *     (packet sockets); xk_pkt_skb_ro() is XK_START_L3
 *
 * The first XK_RO_COPY bytes are copied with bpf_skb_load_bytes into a
 * per-CPU scratch buffer (including this header declares the map
 * xk_ro_scratch) and parsed there; headers past them are XK_ETRUNC.
 *
 * Context: socket filter, cgroup_skb (BPF only).
 * Return: a struct xk_pkt_ro (empty, every parse XK_ETRUNC, if the copy
 * failed).
 */
/*
 * @start: XK_START_L3 for socket filters on IP sockets and cgroup_skb
 * (data begins at the network header; skb->protocol names it), XK_START_L2
 * for packet sockets.
 */
XK_INLINE struct xk_pkt_ro xk_pkt_skb_ro_at(struct __sk_buff *skb,
					    enum xk_start start)
{
	struct xk_pkt_ro p = {};
	struct xk__ro_buf *buf;
	__u32 zero = 0;
	__u64 n = skb->len; /* 64-bit: no zero-extended copy to check */

	p.b.ctx = skb;
	p.b.kind = XK_CTX_SKB_RO;
	p.b.len = skb->len;
	p.b.start = start;
	p.b.l3_proto = xk_ntohs((__u16)skb->protocol);
	if (skb->vlan_present) {
		p.b.vlan_present = 1;
		p.b.vlan_tci = (__u16)skb->vlan_tci;
		p.b.vlan_proto = xk_ntohs(skb->vlan_proto);
	}
	buf = bpf_map_lookup_elem(&xk_ro_scratch, &zero);
	if (!buf)
		return p; /* clen == 0: every read fails with XK_ETRUNC */
	if (n > XK_RO_COPY)
		n = XK_RO_COPY;
	/* the verifier wants the size bounded in the register it is given */
	XK_BARRIER_VAR(n);
	/* signed: 6.1 learns n >= 1 from this, not from n == 0 */
	if ((__s64)n <= 0)
		return p;
	XK_BARRIER_VAR(n); /* two compares, or clang merges them into one */
	if (n > XK_RO_COPY)
		return p;
	if (bpf_skb_load_bytes(skb, 0, buf->data, n))
		return p;
	p.b.data = buf->data;
	p.b.end = buf->data + n;
	p.b.clen = (__u32)n;
	return p;
}

#define xk_pkt_skb_ro(skb) xk_pkt_skb_ro_at(skb, XK_START_L3)
#endif /* XK_BPF */

#endif /* XDPKIT_SKB_RO_H */
