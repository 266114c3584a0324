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
 */
#ifndef XDPKIT_PROG_H
#define XDPKIT_PROG_H

#include "ctx.h"
#include <linux/pkt_cls.h>

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
#define XK_PROG_XDP(name, fn)                                                  \
	SEC("xdp") int name(struct xdp_md *md)                                 \
	{                                                                      \
		struct xk_pkt pkt = xk_pkt_xdp(md);                            \
                                                                               \
		return fn(&pkt) == XK_DROP ? XDP_DROP : XDP_PASS;              \
	}

#define XK_PROG_TC(name, fn)                                                   \
	SEC("tc") int name(struct __sk_buff *skb)                              \
	{                                                                      \
		struct xk_pkt pkt = xk_pkt_tc(skb);                            \
                                                                               \
		return fn(&pkt) == XK_DROP ? TC_ACT_SHOT : TC_ACT_OK;          \
	}

#define XK_PROG_XDP_TC(name, fn)                                               \
	XK_PROG_XDP(name##_xdp, fn)                                            \
	XK_PROG_TC(name##_tc, fn)

#endif /* XDPKIT_PROG_H */
