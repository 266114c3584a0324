/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Entry points (BPF only): a program body written once against struct
 * xk_pkt gets its XDP and its TC entry point from one line, each building
 * its context and turning the body's verdict into its own return code.
 *
 *   static __always_inline int handle(struct xk_pkt *pkt)
 *   {
 *           ...
 *           return XK_PASS;   (or XK_DROP)
 *   }
 *   XK_PROG_XDP_TC(myprog, handle)
 *
 * defines myprog_xdp in SEC("xdp") (XDP_PASS / XDP_DROP) and myprog_tc in
 * SEC("tc") (TC_ACT_OK / TC_ACT_SHOT); XK_PROG_XDP and XK_PROG_TC define
 * one of them under the name given. A body that needs the hook's own
 * codes (XDP_TX, a redirect) writes that entry point by hand.
 *
 * The entry points carry the hook of `xdpctl capture`: with capture off
 * (xk_capture_cfg[0] == 0, always, unless a capture runs) it is one
 * load and a branch; on, each packet goes to the perf buffer
 * xk_capture_ring twice, as it entered and as the body left it with the
 * verdict, up to the snap length. -DXK_NO_CAPTURE leaves it out.
 *
 * The XDP entry points also carry the chain hook (<xdpkit/chain.h>):
 * alone on an interface (xk_chain_cfg.chained == 0, a constant the
 * verifier sees) it costs nothing; in a chain it counts the verdict and
 * tail-calls the next member when the verdict is in the member's
 * chain-call set. A hand-written XDP entry point joins in by ending with
 * `return xk_chain_xdp(md, verdict);`. -DXK_NO_CHAIN leaves it out (the
 * program can then only be the last of a chain).
 */
#ifndef XDPKIT_PROG_H
#define XDPKIT_PROG_H

#include "ctx.h"
#include <linux/pkt_cls.h>
#include "capture.h"
#include "chain.h"

/**
 * enum xk_verdict, XK_PASS, XK_DROP - a program body's verdict
 *
 * XK_PASS on to the stack (XDP_PASS, TC_ACT_OK); XK_DROP (XDP_DROP,
 * TC_ACT_SHOT). The entry points of XK_PROG_XDP_TC() turn it into the
 * hook's code.
 */
enum xk_verdict {
	XK_PASS = 0, /* on to the stack (XDP_PASS, TC_ACT_OK) */
	XK_DROP = 1, /* XDP_DROP, TC_ACT_SHOT */
};

/**
 * xk_pkt_ifindex() - the interface the packet is on
 *
 * @p: a struct xk_pkt
 *
 * Return: where it arrived (XDP, TC ingress) or leaves (TC egress); 0 for
 * userspace buffers.
 */
/* The interface the packet is on: where it arrived for XDP and TC
 * ingress, where it leaves for TC egress; 0 for buffers. */
XK_INLINE __u32 xk_pkt_ifindex(const struct xk_pkt *p)
{
	if (p->b.kind == XK_CTX_XDP)
		return ((const struct xdp_md *)p->b.ctx)->ingress_ifindex;
	if (p->b.kind == XK_CTX_TC)
		return ((const struct __sk_buff *)p->b.ctx)->ifindex;
	return 0;
}

/**
 * XK_PROG_XDP(), XK_PROG_TC(), XK_PROG_XDP_TC() - entry points for a body
 * written once against struct xk_pkt
 *
 * @name: the program's name (XK_PROG_XDP_TC: the prefix; it defines
 *     NAME_xdp and NAME_tc)
 * @fn: the body, static __always_inline int fn(struct xk_pkt *pkt),
 *     returning XK_PASS or XK_DROP
 *
 * Defines SEC("xdp") and/or SEC("tc") programs that build the context,
 * call @fn and turn its verdict into XDP_PASS/XDP_DROP or
 * TC_ACT_OK/TC_ACT_SHOT. A body that needs XDP_TX or a redirect writes its
 * entry point by hand.
 *
 * Return: (the programs return the hook's verdict).
 */
#ifndef XK_NO_CAPTURE
volatile __u32 xk_capture_cfg[2] SEC(".data.xk_cap");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} xk_capture_ring SEC(".maps");

/* 0 when no capture runs: the whole cost of the hook then */
XK_INLINE __u32 xk__capture_snap(void)
{
	return xk_capture_cfg[XK_CAPTURE_SNAP];
}

/* Send the record and the packet's first bytes (BPF_F_CTX_LEN_MASK). */
XK_INLINE int xk__capture_out(void *ctx, struct xk_capture_rec *r, __u32 snap)
{
	__u64 cap;

	r->cap = r->len < snap ? r->len : snap;
	if (r->cap > 0xffff - sizeof(*r) - 8)
		r->cap = 0xffff - sizeof(*r) - 8; /* a perf sample's size */
	r->ts = bpf_ktime_get_ns();
	cap = r->cap;
	bpf_perf_event_output(ctx, &xk_capture_ring,
			      BPF_F_CURRENT_CPU | (cap << 32), r, sizeof(*r));
	return 0;
}

/* Out of line, one per hook: only a running capture pays for them. */
static __attribute__((noinline)) int
xk__capture_xdp(struct xdp_md *md, __u32 snap, __u32 stage, __u32 verdict)
{
	struct xk_capture_rec r = {
		.stage = (__u16)stage, .xdp = 1, .verdict = verdict};

	r.len = md->data_end - md->data;
	r.ifindex = md->ingress_ifindex;
	r.queue = md->rx_queue_index;
	return xk__capture_out(md, &r, snap);
}

static __attribute__((noinline)) int
xk__capture_tc(struct __sk_buff *skb, __u32 snap, __u32 stage, __u32 verdict)
{
	struct xk_capture_rec r = {.stage = (__u16)stage, .verdict = verdict};

	r.len = skb->len;
	r.ifindex = skb->ifindex;
	r.queue = skb->queue_mapping;
	return xk__capture_out(skb, &r, snap);
}
#define XK__CAPTURE_SNAP() xk__capture_snap()
#define XK__CAPTURE(ctx, snap, xdp, st, v)                                     \
	((xdp) ? xk__capture_xdp((void *)(ctx), snap, st, v)                   \
	       : xk__capture_tc((void *)(ctx), snap, st, v))
#else
#define XK__CAPTURE_SNAP()		   0
#define XK__CAPTURE(ctx, snap, xdp, st, v) 0
#endif

#ifndef XK_NO_CHAIN
const volatile struct xk_chain_cfg xk_chain_cfg SEC(".rodata.xkchain") = {};

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, XK_CHAIN_MAX);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} xk_chain SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, XK_CHAIN_NSTATS);
	__type(key, __u32);
	__type(value, __u64);
} xk_chain_stats SEC(".maps");

/**
 * xk_chain_xdp() - end an XDP entry point in a chain: count the verdict
 * and run the next member when the verdict is in this one's chain-call set
 *
 * @md: the program's context
 * @verdict: the XDP_* verdict this program gives
 *
 * Outside a chain (the loader's constant xk_chain_cfg.chained is 0) the
 * verifier removes all of it. In a chain, a tail call to the next member
 * does not return; when there is none, or the verdict does not continue,
 * this program's verdict is the packet's.
 *
 * Return: @verdict.
 */
XK_INLINE int xk_chain_xdp(struct xdp_md *md, int verdict)
{
	__u32 k = (__u32)verdict;
	__u64 *c;

	if (!xk_chain_cfg.chained)
		return verdict;
	c = bpf_map_lookup_elem(&xk_chain_stats, &k);
	if (c)
		*c += 1;
	if (xk_chain_cfg.next && k < 32 && ((xk_chain_cfg.on >> k) & 1))
		bpf_tail_call(md, &xk_chain, xk_chain_cfg.next);
	return verdict;
}
#define XK__CHAIN(md, v) xk_chain_xdp(md, v)
/* capture: only a chain's first member records the entry; member N's
 * exit is stage N */
#define XK__CHAIN_FIRST() (!xk_chain_cfg.chained || xk_chain_cfg.pos <= 1)
#define XK__CHAIN_STAGE()                                                      \
	(xk_chain_cfg.chained ? xk_chain_cfg.pos : XK_CAPTURE_EXIT)
#else
#define XK__CHAIN(md, v)  (v)
#define XK__CHAIN_FIRST() 1
#define XK__CHAIN_STAGE() XK_CAPTURE_EXIT
#endif

#define XK_PROG_XDP(name, fn)                                                  \
	SEC("xdp") int name(struct xdp_md *md)                                 \
	{                                                                      \
		__u32 snap_ = XK__CAPTURE_SNAP();                              \
		struct xk_pkt pkt;                                             \
		int v_;                                                        \
                                                                               \
		if (snap_ && XK__CHAIN_FIRST())                                \
			XK__CAPTURE(md, snap_, 1, XK_CAPTURE_ENTRY, 0);        \
		pkt = xk_pkt_xdp(md);                                          \
		v_ = fn(&pkt) == XK_DROP ? XDP_DROP : XDP_PASS;                \
		/* the exit of what entered: one body, not one per value */    \
		XK_BARRIER_VAR(snap_);                                         \
		if (snap_)                                                     \
			XK__CAPTURE(md, snap_, 1, XK__CHAIN_STAGE(), v_);      \
		return XK__CHAIN(md, v_);                                      \
	}

#define XK_PROG_TC(name, fn)                                                   \
	SEC("tc") int name(struct __sk_buff *skb)                              \
	{                                                                      \
		__u32 snap_ = XK__CAPTURE_SNAP();                              \
		struct xk_pkt pkt;                                             \
		int v_;                                                        \
                                                                               \
		if (snap_)                                                     \
			XK__CAPTURE(skb, snap_, 0, XK_CAPTURE_ENTRY, 0);       \
		pkt = xk_pkt_tc(skb);                                          \
		v_ = fn(&pkt) == XK_DROP ? TC_ACT_SHOT : TC_ACT_OK;            \
		XK_BARRIER_VAR(snap_);                                         \
		if (snap_)                                                     \
			XK__CAPTURE(skb, snap_, 0, XK_CAPTURE_EXIT, v_);       \
		return v_;                                                     \
	}

#define XK_PROG_XDP_TC(name, fn)                                               \
	XK_PROG_XDP(name##_xdp, fn)                                            \
	XK_PROG_TC(name##_tc, fn)

#endif /* XDPKIT_PROG_H */
