/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * What the chain hook of <xdpkit/prog.h>'s XDP entry points and the loader
 * share. Several programs on one XDP hook, without freplace: a root program
 * attached to the interface tail-calls slot 0 of the program array
 * xk_chain; each member, loaded for its place in the chain, ends by
 * tail-calling the slot after its own when its verdict is in its
 * chain-call set (libxdp's semantics: by default it continues on
 * XDP_PASS). The members share one capture switch and ring, so that
 * xdpctl capture sees a packet enter the first and leave each one. A change
 * builds a new root, a new array and new instances of the members, and swaps
 * the root in with one atomic replace: a packet runs the old chain or the new
 * one, never a mix.
 */
#ifndef XDPKIT_CHAIN_H
#define XDPKIT_CHAIN_H

#include <linux/types.h>

/**
 * struct xk_chain_cfg, XK_CHAIN_MAX - a member's place in a chain, written
 * by the loader into the program's read-only data before it loads
 *
 * chained: 1 in a chain of two or more (counts kept, next called), 0 alone
 * (the verifier then removes the whole hook); next: the slot of xk_chain
 * to call, 0 for the last member; on: bit (1 << verdict) for each XDP_*
 * verdict on which the next one runs; prio: the order, lowest first; pos:
 * the place in the chain from 1 (the capture stage of its exit records);
 * label, sel and src: what the loader needs to load it again for another
 * place (its name in pins and status, its function name, and the file it
 * came from or, for a program held in memory, its label).
 */
struct xk_chain_cfg {
	__u32 chained;
	__u32 next;
	__u32 on;
	__u32 prio;
	__u32 pos;
	char label[64];
	char sel[64];
	char src[256];
};
#define XK_CHAIN_MAX 16 /* members of one chain (libxdp: 10) */

/**
 * XK_CHAIN_PRIO_DEFAULT, XK_CHAIN_ON_DEFAULT - a member's priority and
 * chain-call set when none is given: libxdp's (50; XDP_PASS)
 */
#define XK_CHAIN_PRIO_DEFAULT 50
#define XK_CHAIN_ON_DEFAULT   (1u << 2) /* XDP_PASS */

/**
 * XK_CHAIN_NSTATS - entries of a member's xk_chain_stats: packets counted
 * per XDP verdict it gave (XDP_ABORTED .. XDP_REDIRECT), while in a chain
 */
#define XK_CHAIN_NSTATS 5

#endif /* XDPKIT_CHAIN_H */
