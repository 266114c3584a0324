/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Private glue of stack/: nothing here is ABI. */
#ifndef XK_STACK_INTERNAL_H
#define XK_STACK_INTERNAL_H

#include <stdint.h>
#include <xdpkit/parse.h>
#include "xdpkit/stack.h"
/* the same library: its error and log calls (xk_err, xk_log) */
#include "../core/core.h"

#define XK_STACK_MAX_Q	 64
#define XK_STACK_MAX_UDP 64
#define XK_STACK_BATCH	 64

/* neigh.c: next hops from the kernel's routes and neighbour table */
struct xk_nh {
	__u8 mac[6];
	__u16 vlan;   /* VLAN id of the route's device, 0 if none */
	__u8 src[16]; /* the route's preferred source address */
};
struct xk_neigh;
struct xk_neigh *xk_neigh__new(int ifindex);
void xk_neigh__free(struct xk_neigh *n);
/* 0 and *nh filled; -ENETUNREACH (no route through our device), or
 * -EAGAIN (next hop unresolved: the kernel was asked to resolve it). */
int xk_neigh__lookup(struct xk_neigh *n, int family, const __u8 *dst,
		     struct xk_nh *nh);

/* A socket's backlog: frames dispatched to it, not yet recv'ed. */
struct xk_backlog {
	struct xk_dgram *v;
	__u32 head, tail, mask;
};

struct xk_udp_sock {
	struct xk_stack *s;
	struct xk_addr local; /* all-zero address: any */
	int kfd;	      /* kernel socket reserving the port */
	struct xk_backlog bl;
	int nreg;	     /* steering keys we added */
	bool connected;	     /* a flow: only peer's datagrams */
	struct xk_addr peer; /* connected: the other end */
};

struct xk_lwip;

struct xk_stack {
	char ifname[16];
	int ifindex;
	__u8 mac[6];
	struct xk_prog *prog;
	enum xk_xdp_mode mode;
	__u32 prog_id;
	int map_xsks, map_eps, map_flows, map_counters;
	int nq;
	struct xk_xsk *q[XK_STACK_MAX_Q];
	int epfd;
	int rr;	    /* next queue to read */
	int txq;    /* next queue to take send frames from */
	__u32 idle; /* empty pumps, paces xk_stack__drain() */
	struct xk_udp_sock *udp[XK_STACK_MAX_UDP];
	int nudp;
	struct xk_neigh *neigh;
	__u16 ip_id;
	struct xk_stack_stats st;
	bool quiesced;
	int map_locals; /* xk_locals: what a wildcard endpoint stands for */
	int locals_fd;	/* rtnetlink, address changes; -1 if none */
	__u32 pumps;	/* paces the address-change check */
	struct xk_lwip *tcp; /* lwIP's side, once a TCP socket was made */
	struct xk_tcp_stats tcp_last; /* its counters when it went down */
};

/* stack.c */
int xk_stack__pump(struct xk_stack *s);
void xk_stack__put(struct xk_stack *s, __u16 q, __u64 addr);
int xk_stack__add_fd(struct xk_stack *s, int fd);
/* CLOCK_MONOTONIC in milliseconds */
__u64 xk_stack__now_ms(void);
void xk_stack__drain(struct xk_stack *s, struct xk_udp_sock *u);
/* A free frame, from queue *q or the next ones (*q says which). */
int xk_stack__alloc_tx(struct xk_stack *s, int *q, struct xk_xsk_desc *f);
/* Steering keys for @proto: a flow (the exact 5-tuple local/peer) or the
 * endpoint local (a wildcard IPv6 address takes IPv4 too); *nreg says how
 * many were added, for xk_stack__unsteer. */
int xk_stack__steer(struct xk_stack *s, __u8 proto, bool flow,
		    const struct xk_addr *local, const struct xk_addr *peer,
		    int *nreg);
void xk_stack__unsteer(struct xk_stack *s, __u8 proto, bool flow,
		       const struct xk_addr *local, const struct xk_addr *peer,
		       int nreg);

/* tcp.c */
void xk_tcp__input(struct xk_stack *s, __u16 q, const struct xk_xsk_desc *d,
		   const struct xk_l4 *l4);
int xk_tcp__poll(struct xk_stack *s);
bool xk_tcp__has_ready(const struct xk_stack *s);
void xk_tcp__tx_flush(struct xk_lwip *t);
/* Close every TCP socket (FIN, up to a second for the peers), reset
 * what is left, give every frame back. */
void xk_tcp__down(struct xk_stack *s);

/* locals.c: the interface's own addresses in xk_locals */
int xk_locals__open(void);
bool xk_locals__changed(int fd);
int xk_locals__sync(int ifindex, int map_fd);

/* frame.c: 0 and *d for a UDP datagram; XK_STACK_TCP and *l4 (IP
 * checked, the segment not yet) for a TCP segment when the stack serves
 * TCP; a negative errno, counted, for anything dropped */
#define XK_STACK_TCP 1
int xk_stack__verify(struct xk_stack *s, struct xk_dgram *d, void *frame,
		     __u32 len, struct xk_l4 *l4);
/* Headers for plen payload bytes written in front of payload; returns the
 * frame length, *start its first byte. Needs XK_STACK_HDR_MAX bytes before
 * payload. */
__u32 xk_stack__build(__u8 *payload, __u32 plen, const struct xk_addr *src,
		      const struct xk_addr *dst, const struct xk_nh *nh,
		      const __u8 *smac, __u16 *ip_id, __u8 **start);
#define XK_STACK_HDR_MAX (14 + 4 + 40 + 8)

#endif
