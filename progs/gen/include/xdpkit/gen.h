/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * libxdpkit: a frame sender, what `xdpctl gen` and the benchmarks send
 * with. One frame (built with <xdpkit/compose.h>, say) goes out of an
 * interface n times per xk_gen__send():
 *   - live: BPF_PROG_RUN in live-frames mode (5.18+) runs progs/gen over
 *     the frame with the interface as ingress and XDP_TX transmits it
 *     (ndo_xdp_xmit: no socket, no skb). The program is kept in the
 *     kernel's XDP dispatcher for the sender's life, attached to the
 *     loopback device of a private network namespace that dies with it;
 *     otherwise every call would wait for two RCU grace periods while the
 *     dispatcher swaps it in and out. On veth the peer needs an XDP
 *     program for such frames to arrive.
 *   - xsk: an AF_XDP socket's tx ring on queue 0 (<xdpkit/xsk.h>).
 * XK_GEN_AUTO takes live where xk_features() finds BPF_PROG_RUN live
 * frames. With flows > 1 each frame gets the next of that many source
 * ports from sport (UDP or TCP; the checksum follows).
 */
#ifndef XDPKIT_GEN_H
#define XDPKIT_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "xdpkit/core.h"

#ifdef __cplusplus
extern "C" {
#endif
XK_API_BEGIN

struct xk_gen;

enum xk_gen_mode {
	XK_GEN_AUTO = 0,
	XK_GEN_LIVE = 1,
	XK_GEN_XSK = 2,
};

struct xk_gen_opts {
	size_t sz;
	enum xk_gen_mode mode;
	__u32 flows; /* > 1: vary the source port over this many */
	__u16 sport; /* the first of them (host order) */
	__u32 burst; /* most frames per xk_gen__send (default 1024) */
	size_t : 0;
};

/* A sender of @len bytes at @frame out of @ifname (the frame is copied).
 * NULL with errno set and xk_errmsg() saying why. */
struct xk_gen *xk_gen__open(const char *ifname, const void *frame, __u32 len,
			    const struct xk_gen_opts *opts);
/* Send @n frames (at most the burst); returns how many went to the
 * kernel (xsk: fewer when its ring is full), or a negative errno. */
int xk_gen__send(struct xk_gen *g, __u32 n);
/* xsk: wait (up to @timeout_ms) until the kernel sent what is queued. */
void xk_gen__flush(struct xk_gen *g, int timeout_ms);
/* Frames sent so far: the program's own count (live), or those the
 * kernel completed (xsk). */
__u64 xk_gen__sent(const struct xk_gen *g);
/* Frames the sender could not give a flow's port (live), or descriptors
 * the kernel found invalid (xsk). */
__u64 xk_gen__errors(const struct xk_gen *g);
bool xk_gen__live(const struct xk_gen *g);
void xk_gen__close(struct xk_gen *g);

XK_API_END
#ifdef __cplusplus
}
#endif

#endif /* XDPKIT_GEN_H */
