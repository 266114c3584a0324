// SPDX-License-Identifier: GPL-2.0
/*
 * xdpctl stack: services of the AF_XDP userspace stack on an interface
 * whose addresses the kernel keeps serving. udp-echo PORT answers every
 * datagram to PORT from the frame it came in. Runs until SIGINT/SIGTERM,
 * then detaches the steering program, removes its pins, closes the
 * sockets and reports where every frame and every drop went.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <time.h>
#include <xdpkit/stack.h>
#include "xdpkit/xsk_steer.h"
#include "xdpctl.h"

/* Indices of stack_args: the parsed values are p->val[STK_...]. */
enum {
	STK_DEV,
	STK_UDP_ECHO,
	STK_ADDRESS,
	STK_QUEUES,
	STK_MODE,
	STK_BUSY_POLL,
	STK_NR,
};

const struct arg stack_args[] = {
	[STK_DEV] = {"dev", ARG_DEV, "IFNAME", "interface to serve on", true,
		     false, 0, 0},
	[STK_UDP_ECHO] = {"udp-echo", ARG_U32, "PORT",
			  "echo UDP datagrams sent to PORT (0: any free)", true,
			  false, 0, 65535},
	[STK_ADDRESS] =
		{"address", ARG_VALUE, "ADDR",
		 "serve only this local address (default: every address)",
		 false, false, 0, 0},
	[STK_QUEUES] = {"queues", ARG_U32, "N",
			"sockets on queues 0..N-1 (default: all)", false, false,
			1, 64},
	[STK_MODE] = {"mode", ARG_CHOICE, "native|skb|best",
		      "XDP mode of the steering program (default best)", false,
		      false, 0, 0},
	[STK_BUSY_POLL] = {"busy-poll", ARG_FLAG, NULL,
			   "spin instead of sleeping when idle (lower latency, "
			   "one CPU busy)",
			   false, false, 0, 0},
	[STK_NR] = {NULL, 0, NULL, NULL, false, false, 0, 0},
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

#define XK__NAME(n, s) s,
static const char *const steer_names[XK_STEER_NR] = {
	XK_STEER_COUNTERS(XK__NAME)};
#undef XK__NAME

/* X-macro lists: clang-format reflows these differently on every run */
/* clang-format off */
#define STATS(X)							\
	X(rx_frames) X(rx_delivered) X(rx_truncated) X(rx_malformed)	\
	X(rx_bad_ip_csum) X(rx_bad_csum) X(rx_csum_partial)		\
	X(rx_not_udp) X(rx_no_socket) X(rx_queue_full)			\
	X(rx_kernel_path) X(tx_sent) X(tx_no_route) X(tx_no_neigh)	\
	X(tx_no_frame) X(tx_ring_full) X(tx_too_big) X(tx_bad_dgram)
#define XSTATS(X)							\
	X(rx_dropped) X(rx_invalid_descs) X(tx_invalid_descs)		\
	X(rx_ring_full) X(rx_fill_ring_empty_descs)			\
	X(tx_ring_empty_descs) X(rx_frames) X(tx_frames)		\
	X(tx_completed) X(bad_descs)
#define FRAMES(X)							\
	X(total) X(free) X(fill) X(held) X(tx) X(ring_fill) X(ring_rx)	\
	X(ring_tx) X(ring_comp) X(kernel_fill) X(kernel_tx)
/* clang-format on */

static void report(const struct xk_stack *s, const struct xk_stack_stats *st,
		   const struct xk_xsk_account *a, bool balanced)
{
	struct xk_xsk_stats q;
	int i;

	if (json_output) {
#define J(f)  jw_kuint(jw, #f, st->f);
#define JX(f) jw_kuint(jw, #f, st->xsk.f);
#define JA(f) jw_kuint(jw, #f, a->f);
		jw_key(jw, "stats");
		jw_obj_start(jw);
		STATS(J)
		jw_obj_end(jw);
		jw_key(jw, "xsk");
		jw_obj_start(jw);
		XSTATS(JX)
		jw_obj_end(jw);
		jw_key(jw, "steer");
		jw_obj_start(jw);
		for (i = 0; i < XK_STEER_NR; i++)
			jw_kuint(jw, steer_names[i], st->steer[i]);
		jw_obj_end(jw);
		jw_key(jw, "frames");
		jw_obj_start(jw);
		FRAMES(JA)
		jw_kbool(jw, "balanced", balanced);
		jw_obj_end(jw);
		jw_key(jw, "per_queue");
		jw_arr_start(jw);
		for (i = 0; i < xk_stack__queues(s); i++) {
			if (xk_stack__queue_stats(s, i, &q))
				continue;
			jw_obj_start(jw);
			jw_kuint(jw, "queue", i);
			jw_kuint(jw, "rx_frames", q.rx_frames);
			jw_kuint(jw, "tx_frames", q.tx_frames);
			jw_kuint(jw, "rx_dropped",
				 q.rx_dropped + q.rx_ring_full +
					 q.rx_fill_ring_empty_descs);
			jw_obj_end(jw);
		}
		jw_arr_end(jw);
		return;
	}
#define T(f)                                                                   \
	if (st->f)                                                             \
		printf("  %-26s %llu\n", #f, (unsigned long long)st->f);
#define TX(f)                                                                  \
	if (st->xsk.f)                                                         \
		printf("  xsk %-22s %llu\n", #f, (unsigned long long)st->xsk.f);
	STATS(T)
	XSTATS(TX)
	for (i = 0; i < XK_STEER_NR; i++)
		printf("  steer %-20s %llu\n", steer_names[i],
		       (unsigned long long)st->steer[i]);
	for (i = 0; xk_stack__queues(s) > 1 && i < xk_stack__queues(s); i++)
		if (!xk_stack__queue_stats(s, i, &q))
			printf("  queue %-20d rx %llu tx %llu\n", i,
			       (unsigned long long)q.rx_frames,
			       (unsigned long long)q.tx_frames);
	printf("  frames: %u total = %u free + %u fill (%u in fill ring, %u "
	       "in rx ring, %u in the kernel) + %u held + %u tx: %s\n",
	       a->total, a->free, a->fill, a->ring_fill, a->ring_rx,
	       a->kernel_fill, a->held, a->tx,
	       balanced ? "balanced" : "NOT BALANCED");
}

/* How long serve() polls after the last datagram before it sleeps. */
#define SPIN_US 50

static __u64 now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000ull + ts.tv_nsec / 1000;
}

static int serve(struct xk_stack *s, struct xk_udp_sock *u, bool busy)
{
	struct xk_dgram d[64];
	struct epoll_event ev[8];
	struct xk_stack_stats st;
	bool warned = false;
	__u64 idle = 0; /* when the last datagram was seen, 0: busy */
	__u64 checked = now_us(), t;
	int n;

	while (!stop) {
		n = xk_udp__recv(u, d, 64);
		if (n) {
			xk_udp__reply(u, d, n);
			idle = 0;
			continue;
		}
		/* the idle path only: the clock is read here, never while
		 * datagrams flow (a lost steering program stops the flow,
		 * so the check below still runs when it matters) */
		xk_stack__flush(s);
		t = now_us();
		/* twice a second: is our steering program still there? */
		if (t - checked > 500000) {
			checked = t;
			if (xk_stack__check(s))
				return p_err(EXIT_SYS, "%s; stopping",
					     xk_errmsg());
		}
		/* keep polling for a while after the last datagram (a
		 * request-response peer answers within microseconds and
		 * waking from epoll costs more), then sleep */
		if (!idle)
			idle = t;
		if (busy || t - idle < SPIN_US)
			continue;
		if (!warned && !xk_stack__stats(s, &st) && st.rx_csum_partial) {
			p_note("note: datagrams with partial UDP checksums "
			       "arrive and are dropped: the sender leaves "
			       "checksums to an offload (a veth peer with tx "
			       "offload on); run 'ethtool -K PEER tx off' on "
			       "the sending side\n");
			warned = true;
		}
		if (epoll_wait(xk_stack__fd(s), ev, 8, 200) < 0 &&
		    errno != EINTR)
			return p_err(EXIT_SYS, "epoll_wait: %s",
				     strerror(errno));
	}
	return EXIT_OK;
}

int do_stack(const struct cmd *cmd, struct parsed *p)
{
	const char *dev = p->dev.name, *addr = p->val[STK_ADDRESS],
		   *mode = p->val[STK_MODE];
	XK_OPTS(xk_stack_opts, so);
	struct sockaddr_in6 sin6 = {.sin6_family = AF_INET6};
	struct sockaddr_in sin = {.sin_family = AF_INET};
	struct sockaddr *sa = (struct sockaddr *)&sin6;
	socklen_t salen = sizeof(sin6);
	struct xk_stack_stats st;
	struct xk_xsk_account a;
	struct sigaction sig;
	struct xk_udp_sock *u;
	struct xk_stack *s;
	unsigned port = p->num[STK_UDP_ECHO];
	unsigned q = p->val[STK_QUEUES] ? p->num[STK_QUEUES] : 0;
	bool balanced;
	int ret;

	sin6.sin6_port = htons(port);
	sin.sin_port = htons(port);
	if (addr && inet_pton(AF_INET, addr, &sin.sin_addr) == 1) {
		sa = (struct sockaddr *)&sin;
		salen = sizeof(sin);
	} else if (addr && inet_pton(AF_INET6, addr, &sin6.sin6_addr) != 1) {
		return p_usage(cmd->name, "bad address '%s'", addr);
	}
	so.queues = q;
	so.xdp_mode = !mode || !strcmp(mode, "best") ? XK_XDP_MODE_BEST
		      : !strcmp(mode, "native")	     ? XK_XDP_MODE_NATIVE
						     : XK_XDP_MODE_SKB;
	memset(&sig, 0, sizeof(sig));
	sig.sa_handler = on_signal; /* no SA_RESTART: epoll_wait returns */
	sigaction(SIGINT, &sig, NULL);
	sigaction(SIGTERM, &sig, NULL);

	s = xk_stack__open(dev, &so);
	if (!s)
		return p_liberr(-errno);
	u = xk_udp__bind(s, sa, salen);
	if (!u) {
		ret = p_liberr(-errno);
		xk_stack__close(s);
		return ret;
	}
	/* port 0: say the one the kernel chose */
	if (!port) {
		struct xk_addr la;

		if (!xk_udp__local(u, &la))
			port = ntohs(la.port);
	}
	/* stderr, in JSON mode too: the JSON document comes at the end */
	fprintf(stderr,
		"xdpctl stack: udp-echo on %s port %u: %d queue%s, %s "
		"AF_XDP, steering program id %u in %s mode; SIGINT or SIGTERM "
		"stops\n",
		dev, port, xk_stack__queues(s),
		xk_stack__queues(s) == 1 ? "" : "s",
		xk_stack__zerocopy(s) ? "zero-copy" : "copy-mode",
		xk_stack__prog_id(s), xk_xdp_mode__str(xk_stack__xdp_mode(s)));
	fflush(stderr);

	ret = serve(s, u, !!p->val[STK_BUSY_POLL]);
	xk_udp__close(u);
	xk_stack__stop(s);
	xk_stack__stats(s, &st);
	xk_stack__account(s, &a);
	balanced = a.free + a.fill + a.held + a.tx == a.total && !a.held &&
		   !a.tx && !a.ring_rx && !st.xsk.bad_descs;
	if (json_output) {
		jw_obj_start(jw);
		jw_kstr(jw, "dev", dev);
		jw_kuint(jw, "port", port);
		jw_kuint(jw, "queues", xk_stack__queues(s));
		jw_kstr(jw, "xsk_mode",
			xk_stack__zerocopy(s) ? "zero-copy" : "copy");
		jw_kstr(jw, "xdp_mode",
			xk_xdp_mode__str(xk_stack__xdp_mode(s)));
		jw_kuint(jw, "prog_id", xk_stack__prog_id(s));
		report(s, &st, &a, balanced);
		jw_obj_end(jw);
	} else {
		printf("xdpctl stack: stopped; %s detached, sockets closed\n",
		       dev);
		report(s, &st, &a, balanced);
	}
	xk_stack__close(s);
	if (ret == EXIT_OK && !balanced)
		ret = EXIT_SYS;
	return ret;
}
