/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * What the capture hook of <xdpkit/prog.h>'s entry points and xdpctl
 * capture share: the record each packet is sent with, and the layout of
 * the switch that turns the hook on. Both sides include this file, BPF and
 * userspace, so that the two cannot drift.
 */
#ifndef XDPKIT_CAPTURE_H
#define XDPKIT_CAPTURE_H

#include <linux/types.h>

/**
 * struct xk_capture_rec, XK_CAPTURE_ENTRY, XK_CAPTURE_EXIT - what the
 * capture hook of the entry points sends before the packet's bytes
 *
 * stage: XK_CAPTURE_ENTRY as the packet entered, XK_CAPTURE_EXIT as the
 * program left it, with verdict (XDP_* or TC_ACT_*); in an XDP chain
 * (<xdpkit/chain.h>) the first member alone records the entry and member
 * N's exit is stage N; xdp: 1 for XDP, 0 for
 * TC; len: the packet's length, cap: the bytes that follow; ifindex and
 * queue: where it was; ts: bpf_ktime_get_ns(). xdpctl capture reads them
 * from xk_capture_ring once it set xk_capture_cfg[0] to its snap length.
 */
struct xk_capture_rec {
	__u16 stage;
	__u16 xdp;
	__u32 verdict;
	__u32 len;
	__u32 cap;
	__u32 ifindex;
	__u32 queue;
	__u64 ts;
};
#define XK_CAPTURE_ENTRY 0
#define XK_CAPTURE_EXIT	 1

/**
 * XK_CAPTURE_SNAP, XK_CAPTURE_OWNER - the capture hook's switch,
 * xk_capture_cfg[2], set by xdpctl capture
 *
 * xk_capture_cfg[XK_CAPTURE_SNAP]: bytes of each packet to send, 0
 * (always, unless a capture runs): none; [XK_CAPTURE_OWNER]: the process
 * capturing, so that a capture killed before it could turn the hook off is
 * known as such. A global of its own data section, so that its map is
 * named ".data.xk_cap" and reading it costs one load: no lookup, no NULL
 * test.
 */
#define XK_CAPTURE_SNAP	 0
#define XK_CAPTURE_OWNER 1

_Static_assert(sizeof(struct xk_capture_rec) == 32,
	       "struct xk_capture_rec: read by xdpctl capture as is");

#endif /* XDPKIT_CAPTURE_H */
