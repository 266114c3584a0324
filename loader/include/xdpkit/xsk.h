/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * libxdpkit AF_XDP layer: one socket and its umem on one queue of an
 * interface, over libxdp's xsk API, registered in an XSKMAP of ours (the
 * socket is created with XSK_LIBXDP_FLAGS__INHIBIT_PROG_LOAD: libxdp's
 * default program, which takes the whole queue away from the kernel, is
 * never loaded).
 *
 * Zero-copy is tried first and copy mode taken when the driver lacks it
 * (veth has copy mode only); xk_xsk__zerocopy() says which one we got.
 * need_wakeup is always on: the kernel is woken only when it asks.
 *
 * Frames: every umem frame is in exactly one state, kept in a per-frame
 * table that also checks every descriptor the kernel hands back:
 *   FREE  on our free list
 *   FILL  given to the kernel (fill ring, the kernel's cache, or the rx
 *         ring waiting to be read)
 *   HELD  owned by the application (received and not released, or
 *         allocated for sending)
 *   TX    sent (tx ring, in the kernel, or the completion ring)
 * xk_xsk__account() reports the table and the ring occupancies, so a
 * caller can prove at shutdown that every frame came back.
 *
 * Not thread-safe: one thread drives one socket (use one per queue).
 */
#ifndef XDPKIT_XSK_H
#define XDPKIT_XSK_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "xdpkit/loader.h"

#ifdef __cplusplus
extern "C" {
#endif
XK_API_BEGIN

struct xk_xsk;

enum xk_xsk_mode {
	XK_XSK_MODE_AUTO, /* zero-copy if the driver has it, else copy */
	XK_XSK_MODE_COPY,
	XK_XSK_MODE_ZEROCOPY,
};

struct xk_xsk_opts {
	size_t sz;
	__u32 frames;	  /* umem frames; default 4096 */
	__u32 frame_size; /* power of 2, 2048 or 4096; default 2048 */
	__u32 ring_size;  /* every ring, power of 2; default 2048 */
	enum xk_xsk_mode mode;
	size_t : 0;
};

/* Offset from a frame's start at which xk_xsk__alloc'ed frames are meant
 * to be written: the same headroom the kernel leaves on receive, so a
 * header can be pushed in front of a packet either way. */
#define XK_XSK_HEADROOM 256

/* A frame descriptor: addr is the umem offset of the packet's first byte
 * (the frame's start plus headroom), data the same byte in our memory. */
struct xk_xsk_desc {
	__u64 addr;
	__u32 len;
	__u32 queue;
	void *data;
};

/* Create the umem and the socket on queue @queue of @ifname (sockets are
 * created in the calling thread's network namespace). */
struct xk_xsk *xk_xsk__create(const char *ifname, __u32 queue,
			      const struct xk_xsk_opts *opts);
/* Close the socket and free the umem (frames the application still holds
 * become invalid: release them first). */
void xk_xsk__destroy(struct xk_xsk *x);

/* Put the socket into @xskmap_fd at key queue / take it out again. */
int xk_xsk__register(struct xk_xsk *x, int xskmap_fd);
int xk_xsk__unregister(struct xk_xsk *x);

int xk_xsk__fd(const struct xk_xsk *x); /* for poll/epoll */
__u32 xk_xsk__queue(const struct xk_xsk *x);
bool xk_xsk__zerocopy(const struct xk_xsk *x);
__u32 xk_xsk__frame_size(const struct xk_xsk *x);

/* Borrow up to n received frames (HELD until released). Returns how many,
 * 0 if none. */
int xk_xsk__recv(struct xk_xsk *x, struct xk_xsk_desc *d, int n);
/* Give held frames back (received or allocated), by any address inside
 * them; the fill ring is topped up from the free list. */
void xk_xsk__release(struct xk_xsk *x, const struct xk_xsk_desc *d, int n);
/* A free frame for sending: d->addr/data point XK_XSK_HEADROOM into it,
 * d->len is the room left. -ENOBUFS if none is free. */
int xk_xsk__alloc(struct xk_xsk *x, struct xk_xsk_desc *d);
/* Queue held frames (d[i].addr/len: the packet) on the tx ring and wake
 * the kernel if it asks; returns how many were queued (the rest are still
 * held: retry or release them). Reaps completions first. */
int xk_xsk__send(struct xk_xsk *x, const struct xk_xsk_desc *d, int n);
/* Move completed tx frames to the free list; returns how many. */
int xk_xsk__complete(struct xk_xsk *x);
/* Wake the kernel for tx (and rx in zero-copy mode) if it asked. */
void xk_xsk__kick(struct xk_xsk *x);

struct xk_xsk_stats {
	/* XDP_STATISTICS, from the kernel */
	__u64 rx_dropped; /* dropped for other reasons (no room) */
	__u64 rx_invalid_descs;
	__u64 tx_invalid_descs;
	__u64 rx_ring_full;		/* rx ring full: dropped */
	__u64 rx_fill_ring_empty_descs; /* fill ring empty: dropped */
	__u64 tx_ring_empty_descs;
	/* ours */
	__u64 rx_frames, tx_frames, tx_completed;
	__u64 bad_descs; /* kernel handed back a frame not in the
			  * state we gave it in: a bug somewhere */
};
int xk_xsk__stats(const struct xk_xsk *x, struct xk_xsk_stats *s);

struct xk_xsk_account {
	__u32 total;
	__u32 free, fill, held, tx;   /* per-frame table */
	__u32 ring_fill, ring_rx;     /* part of fill */
	__u32 ring_tx, ring_comp;     /* part of tx */
	__u32 kernel_fill, kernel_tx; /* the rest: inside the kernel */
};
/* free + fill + held + tx == total always; fill = ring_fill + ring_rx +
 * kernel_fill and tx = ring_tx + ring_comp + kernel_tx. */
void xk_xsk__account(const struct xk_xsk *x, struct xk_xsk_account *a);

/* ---- owner leases ----
 * An XDP program that steers to AF_XDP sockets is useless once the process
 * owning the sockets is gone (and drops what it steers), so it carries a
 * one-entry array map named "xk_owner" holding this value. xk_pins__clean
 * detaches such a program of ours when its owner is dead. */
struct xk_lease {
	__u32 pid;
	__u32 pad;
	__u64 start_time; /* /proc/PID/stat starttime, against pid reuse */
};
/* Record the calling process as owner in the xk_owner map @map_fd of the
 * loaded program @prog_fd (bound to it, so it is found from the program
 * even if the program's code never reads it). */
int xk_lease__claim(int prog_fd, int map_fd);
/* The owner of loaded program @prog_id: 0, -ENOENT if it has no lease. */
int xk_lease__get(__u32 prog_id, struct xk_lease *o);
/* Is that process still running? */
bool xk_lease__alive(const struct xk_lease *o);

/* Number of rx queues of ifindex (ethtool channels), at least 1. */
int xk_iface__rx_queues(const char *ifname);

XK_API_END
#ifdef __cplusplus
}
#endif
#endif /* XDPKIT_XSK_H */
