/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * xdpkit stack mode: UDP and TCP (on lwIP, see below) served from AF_XDP
 * sockets on an interface whose IP addresses the kernel keeps using.
 * progs/xsk_steer hands the ports we bind to our sockets and leaves ARP,
 * NDP, ICMP and every other port to the kernel; each bound port is
 * reserved in the kernel by a kernel socket bound to it; next hops come
 * from the kernel's routes and neighbours.
 *
 *   struct xk_stack *s = xk_stack__open("eth0", NULL);
 *   struct xk_udp_sock *u = xk_udp__bind(s, (struct sockaddr *)&any, len);
 *   for (;;) {
 *           poll({ xk_stack__fd(s), POLLIN }) ...
 *           n = xk_udp__recv(u, d, 64);     borrowed frames, zero copy
 *           ... read d[i].data / d[i].len ...
 *           xk_udp__reply(u, d, n);         or xk_udp__release(u, d, n)
 *   }
 *   xk_udp__close(u); xk_stack__close(s);  every frame comes back
 *
 * Checksums: computed on send, verified on receive (IPv4 header and UDP;
 * a zero UDP checksum is accepted on IPv4 only). A sender whose checksum
 * offload leaves a partial checksum in the packet (a kernel peer across a
 * veth with tx offload on: it writes only the pseudo-header sum, as the
 * hardware would have finished it) cannot be told from a corrupt packet:
 * such datagrams are dropped and counted in rx_csum_partial. Turn the
 * offload off on the sending side (`ethtool -K PEER tx off`).
 *
 * One thread drives a stack (no locks inside). Functions returning int
 * return a negative errno on failure; pointer-returning ones NULL with
 * errno set; xk_errmsg() says why. The library never prints.
 */
#ifndef XDPKIT_STACK_H
#define XDPKIT_STACK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <linux/types.h>
#include "xdpkit/loader.h"
#include "xdpkit/xsk.h"

#ifdef __cplusplus
extern "C" {
#endif
XK_API_BEGIN

struct xk_stack;
struct xk_udp_sock;

struct xk_stack_opts {
	size_t sz;
	__u32 queues;		   /* sockets on queues 0..queues-1; 0: all */
	enum xk_xdp_mode xdp_mode; /* steering program; default best */
	enum xk_xsk_mode xsk_mode; /* default auto (zero-copy, else copy) */
	__u32 frames;		   /* umem frames per queue; default 4096 */
	__u32 ring_size;	   /* default 2048 */
	size_t : 0;
};

/* Attach the steering program to @ifname (through the loader: `xdpctl
 * status` shows it, and `xdpctl clean` detaches it if we die) and open
 * one AF_XDP socket per queue. */
struct xk_stack *xk_stack__open(const char *ifname,
				const struct xk_stack_opts *opts);
/* Close every socket, wait for sent frames to complete, detach the
 * program and remove its pins. */
void xk_stack__close(struct xk_stack *s);

/* An epoll fd, readable when a datagram may be waiting (poll/epoll it). */
int xk_stack__fd(const struct xk_stack *s);
int xk_stack__queues(const struct xk_stack *s);
bool xk_stack__zerocopy(const struct xk_stack *s);
enum xk_xdp_mode xk_stack__xdp_mode(const struct xk_stack *s);
__u32 xk_stack__prog_id(const struct xk_stack *s);
/* 0 while the stack's steering program is still the one on the XDP hook;
 * -ENOLINK (xk_errmsg says how) once someone detached or replaced it. */
int xk_stack__check(const struct xk_stack *s);

/* An endpoint: family AF_INET or AF_INET6, addresses and port in network
 * order (an IPv4 address in the first 4 bytes). */
struct xk_addr {
	__u16 family;
	__be16 port;
	__u8 addr[16];
};
int xk_addr__from_sockaddr(struct xk_addr *a, const struct sockaddr *sa,
			   socklen_t len);
socklen_t xk_addr__to_sockaddr(const struct xk_addr *a,
			       struct sockaddr_storage *ss);

/* A received datagram, borrowed from the umem until released or replied. */
struct xk_dgram {
	void *data;	      /* payload (writable, for xk_udp__reply) */
	__u32 len;	      /* payload bytes */
	__u32 room;	      /* bytes data may grow to for a reply */
	struct xk_addr peer;  /* the sender */
	struct xk_addr local; /* the address it was sent to */
	__u16 vlan;	      /* VLAN id it came on, 0 if untagged */
	__u16 queue;
	/* private */
	__u64 frame;
	__u16 l3_off, l4_off;
};

/* Bind a UDP port: @addr is a wildcard (0.0.0.0 / ::, both families) or
 * one local address. The port is reserved in the kernel first: -EADDRINUSE
 * if anybody has it. */
struct xk_udp_sock *xk_udp__bind(struct xk_stack *s,
				 const struct sockaddr *addr, socklen_t len);
/* Open a connected flow to @peer: only datagrams of this exact 5-tuple
 * are steered to the socket (an xk_flows entry of the steering program);
 * the port's other traffic stays with the kernel, whose socket reserving
 * the port is connected to @peer too, so it refuses strangers as any
 * connected UDP socket does. @local may be NULL (the kernel picks the
 * source address from its routes, and an ephemeral port), or an address
 * and/or port of the peer's family. -ENETUNREACH if the route to @peer
 * does not leave through the stack's interface. Send with a NULL `to`. */
struct xk_udp_sock *xk_udp__connect(struct xk_stack *s,
				    const struct sockaddr *local,
				    socklen_t local_len,
				    const struct sockaddr *peer,
				    socklen_t peer_len);
/* The socket's local endpoint (the port the kernel chose, for port 0). */
int xk_udp__local(const struct xk_udp_sock *u, struct xk_addr *a);
void xk_udp__close(struct xk_udp_sock *u);

/* Up to n datagrams for this socket (0 if none; never blocks). */
int xk_udp__recv(struct xk_udp_sock *u, struct xk_dgram *d, int n);
/* Give borrowed datagrams back. */
void xk_udp__release(struct xk_udp_sock *u, struct xk_dgram *d, int n);
/* Send each datagram's (possibly rewritten) payload back to its sender
 * from the very frame it came in: no copy. The frames are consumed
 * (sent, or released and counted if they cannot be). Returns how many
 * were sent. */
int xk_udp__reply(struct xk_udp_sock *u, struct xk_dgram *d, int n);

struct xk_udp_msg {
	const struct xk_addr *to;
	const void *data;
	__u32 len;
};
/* Send a batch (each payload copied into a frame); returns how many were
 * sent, the first failure as a negative errno if none was. A NULL `to`
 * sends to a connected socket's peer (-EDESTADDRREQ if not connected).
 * Frames come from every queue's umem in turn: one queue running out of
 * frames does not stop the batch. */
int xk_udp__send(struct xk_udp_sock *u, const struct xk_udp_msg *m, int n);

/* Where every received frame went and every drop was counted. */
struct xk_stack_stats {
	__u64 rx_frames;	 /* frames read from the rx rings */
	__u64 rx_delivered;	 /* handed to the application */
	__u64 rx_truncated;	 /* shorter than its IP/UDP lengths say */
	__u64 rx_malformed;	 /* headers that do not parse or disagree */
	__u64 rx_bad_ip_csum;	 /* IPv4 header checksum wrong */
	__u64 rx_bad_csum;	 /* UDP checksum wrong (or zero on IPv6) */
	__u64 rx_csum_partial;	 /* UDP checksum only the pseudo-header sum:
				  * sender's tx offload on (see above) */
	__u64 rx_not_udp;	 /* steered, but not a UDP datagram for us */
	__u64 rx_no_socket;	 /* no bound socket for it (closed meanwhile) */
	__u64 rx_queue_full;	 /* its socket's backlog was full */
	__u64 rx_kernel_path;	 /* reached the reserving kernel socket
				  * instead (fragments, other interfaces):
				  * read and dropped */
	__u64 tx_sent;		 /* frames queued on tx rings */
	__u64 tx_no_route;	 /* no route, or not through this device */
	__u64 tx_no_neigh;	 /* next hop not resolved yet (resolution
				  * asked of the kernel) */
	__u64 tx_no_frame;	 /* no free frame */
	__u64 tx_ring_full;	 /* tx ring full */
	__u64 tx_too_big;	 /* does not fit a frame */
	__u64 tx_bad_dgram;	 /* reply to a datagram not from this stack
				  * (queue out of range): skipped */
	struct xk_xsk_stats xsk; /* summed over the queues */
	__u64 steer[8];		 /* progs/xsk_steer counters (xsk_steer.h) */
};
int xk_stack__stats(const struct xk_stack *s, struct xk_stack_stats *st);
/* One queue's socket counters (0 <= q < xk_stack__queues()). */
int xk_stack__queue_stats(const struct xk_stack *s, int q,
			  struct xk_xsk_stats *st);
/* Frame accounting summed over the queues (see xdpkit/xsk.h). */
void xk_stack__account(const struct xk_stack *s, struct xk_xsk_account *a);
/* Stop steering to us, take back every frame waiting in the rx rings and
 * wait (up to 1 s) for sent frames to complete; after it (and once the
 * application released what it holds) xk_stack__account() is final.
 * xk_stack__close() does this too. */
void xk_stack__stop(struct xk_stack *s);
/* Reclaim completed sends and wake the kernel; call when idle. */
void xk_stack__flush(struct xk_stack *s);
/* Do the stack's work without a socket call: read every queue (up to a
 * bound), run TCP's timers, send what TCP queued. Returns frames read.
 * xk_tcp__ready() calls it; a UDP-only program need not. */
int xk_stack__poll(struct xk_stack *s);

/*
 * TCP, on lwIP 2.1 (Debian's liblwip) through its raw API, driven from
 * the stack's own thread: no lwIP thread, its timers from the stack's
 * poll (a timerfd in the stack's epoll set wakes it for them). The kernel
 * keeps ARP, NDP, ICMP and every port we do not own; lwIP's segments go
 * out through the kernel's routes and neighbours like UDP's datagrams.
 *
 * lwIP is one instance per process: one stack of a process serves TCP
 * (-EBUSY for a second one), and only its thread may call these.
 * Debian's build fixes lwIP's options: MSS 1460, a 64 KiB window (window
 * scaling on, factor 1 is advertised but the window stays at 64 KiB) and
 * a 64 KiB send buffer per connection, software checksums (a veth peer
 * must turn its tx checksum offload off: segments with only the pseudo-
 * header sum are dropped and counted as csum_partial), memory from malloc.
 *
 * Events are edge-triggered, like EPOLLET: xk_tcp__ready() lists sockets
 * something happened to; read until -EAGAIN, and a send that returned
 * less than asked (or -EAGAIN) is followed by XK_TCP_OUT when there is
 * room again. Errors are negative errnos, the reason in xk_errmsg():
 * ECONNREFUSED, ECONNRESET, ETIMEDOUT, EADDRINUSE, ENOTCONN, EPIPE.
 */
struct xk_tcp_sock;

enum {
	XK_TCP_IN = 1 << 0,  /* data or EOF to read, or a connection
			      * to accept (listeners) */
	XK_TCP_OUT = 1 << 1, /* connected, room to send */
	XK_TCP_HUP = 1 << 2, /* the peer sent FIN (after the data) */
	XK_TCP_ERR = 1 << 3, /* failed: xk_tcp__error() says why */
};

/* Listen on a TCP port: @addr a wildcard (0.0.0.0 / ::, both families)
 * or one local address. The port is reserved in the kernel by a kernel
 * TCP socket bound to it (not listening): -EADDRINUSE if anybody has it.
 * Up to @backlog connections wait for xk_tcp__accept(); more are reset. */
struct xk_tcp_sock *xk_tcp__listen(struct xk_stack *s,
				   const struct sockaddr *addr, socklen_t len,
				   int backlog);
/* A connection the listener completed, or NULL with errno EAGAIN. */
struct xk_tcp_sock *xk_tcp__accept(struct xk_tcp_sock *l);
/* Open a connection to @peer without blocking: XK_TCP_OUT when it is
 * established, XK_TCP_ERR (ECONNREFUSED, ETIMEDOUT after the connect
 * timeout) when it failed. The local port comes from a kernel socket bound
 * to port 0, the address from @local or the route; only this exact
 * 5-tuple is steered to us. -ENETUNREACH if the route to @peer does not
 * leave through the stack's interface. */
struct xk_tcp_sock *xk_tcp__connect(struct xk_stack *s,
				    const struct sockaddr *local,
				    socklen_t local_len,
				    const struct sockaddr *peer,
				    socklen_t peer_len);
/* Queue up to @len bytes (copied); returns how many were taken, -EAGAIN
 * when the send buffer is full, -EPIPE after shutdown, the error of a
 * failed connection. */
long xk_tcp__send(struct xk_tcp_sock *t, const void *buf, size_t len);
/* Copy up to @len received bytes out: >0 bytes, 0 at EOF, -EAGAIN if
 * nothing is there yet. */
long xk_tcp__recv(struct xk_tcp_sock *t, void *buf, size_t len);
/* Zero copy: point @iov at up to @n pieces of the received data, where it
 * lies (in the AF_XDP frames it came in, when lwIP kept them); returns how
 * many, 0 at EOF, -EAGAIN. The data stays until xk_tcp__consume(). */
int xk_tcp__peek(struct xk_tcp_sock *t, struct iovec *iov, int n);
/* Drop @len bytes from the front of the received data (after a peek). */
int xk_tcp__consume(struct xk_tcp_sock *t, size_t len);
/* Send FIN after what is queued (SHUT_WR), stop reading (SHUT_RD), or
 * both. */
int xk_tcp__shutdown(struct xk_tcp_sock *t, int how);
/* Close: FIN after the queued data (a RST if received data was left
 * unread, as the kernel does); the handle is gone, the connection ends in
 * the background. Closing a listener resets what it had not handed out. */
void xk_tcp__close(struct xk_tcp_sock *t);
/* Reset the connection (RST) and free the handle. */
void xk_tcp__abort(struct xk_tcp_sock *t);
/* Sockets something happened to since they were last listed: up to @n,
 * after xk_stack__poll(). */
int xk_tcp__ready(struct xk_stack *s, struct xk_tcp_sock **v, int n);
/* XK_TCP_* now (level), and what to be listed for: XK_TCP_OUT must be
 * asked for (XK_TCP_IN, HUP and ERR always are). */
unsigned int xk_tcp__events(const struct xk_tcp_sock *t);
void xk_tcp__want_out(struct xk_tcp_sock *t, bool on);
/* 0, or the negative errno the connection failed with. */
int xk_tcp__error(const struct xk_tcp_sock *t);
int xk_tcp__addrs(const struct xk_tcp_sock *t, struct xk_addr *local,
		  struct xk_addr *peer);
/* Send small segments at once (TCP_NODELAY) or coalesce them (Nagle, the
 * default). */
void xk_tcp__nodelay(struct xk_tcp_sock *t, bool on);
/* Give up on a connection whose sent data has waited this long for an
 * acknowledgement (ETIMEDOUT; like TCP_USER_TIMEOUT); 0: the default,
 * XK_TCP_USER_TIMEOUT_MS. Also bounds a connect. */
void xk_tcp__user_timeout(struct xk_tcp_sock *t, __u32 ms);
#define XK_TCP_USER_TIMEOUT_MS 30000
void xk_tcp__set_user(struct xk_tcp_sock *t, void *user);
void *xk_tcp__user(const struct xk_tcp_sock *t);

struct xk_tcp_stats {
	__u64 segs_in, segs_out;   /* TCP segments */
	__u64 bytes_in, bytes_out; /* payload bytes */
	__u64 retrans;		   /* segments sent again */
	__u64 rst_in, rst_out;
	/* the stack's only (zero in a socket's stats): */
	__u64 accepted;	    /* connections handed to xk_tcp__accept */
	__u64 connected;    /* xk_tcp__connect()s that completed */
	__u64 backlog_full; /* reset: the listener's backlog was full */
	__u64 refused, reset, timed_out; /* connections failed so */
	__u64 drop_bad_csum;		 /* TCP checksum wrong */
	__u64 drop_csum_partial;	 /* only the pseudo-header sum: the
					  * sender's tx offload is on */
	__u64 drop_bad_options;		 /* an option runs past the header */
	/* (a data offset below 5 never reaches us: the steering program
	 * cannot parse it and leaves it to the kernel, counted unparsed) */
	__u64 drop_bad_flags; /* SYN with FIN or RST */
	__u64 drop_rst_seq;   /* RST outside the receive window */
	__u64 drop_truncated; /* shorter than its IP length says */
	__u64 rx_zero_copy;   /* segments lwIP took in their frame */
	__u64 rx_copied;      /* copied: lwIP held its share of frames */
	__u64 frames_held;    /* frames lwIP holds now */
	__u64 tx_not_tcp;     /* lwIP output other than TCP: dropped */
	__u64 tx_no_route, tx_no_neigh, tx_no_frame, tx_ring_full;
};
/* The stack's TCP counters (@t NULL) or one socket's. */
int xk_tcp__stats(const struct xk_stack *s, const struct xk_tcp_sock *t,
		  struct xk_tcp_stats *st);

/* Next hops the kernel's way, as the stack sends; xdpctl gen uses it too. */
struct xk_nexthop {
	__u8 mac[6];  /* the next hop's MAC */
	__u16 vlan;   /* VLAN id when the route's device is a VLAN on ours */
	__u8 src[16]; /* the route's preferred source address */
};

/* The route and neighbour the kernel would use to send from @ifindex to
 * @dst (AF_INET: 4 bytes, AF_INET6: 16). A neighbour the kernel does not
 * know yet it is asked to resolve (ARP / NDP), for up to @timeout_ms.
 * 0 and *nh; -ENETUNREACH (no route through @ifindex); -EHOSTUNREACH (no
 * answer in time: nh->src is the route's source address all the same). */
int xk_nexthop__resolve(int ifindex, int family, const void *dst,
			int timeout_ms, struct xk_nexthop *nh);

XK_API_END
#ifdef __cplusplus
}
#endif

#endif /* XDPKIT_STACK_H */
