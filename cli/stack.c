// SPDX-License-Identifier: GPL-2.0
/*
 * xdpctl stack: services of the AF_XDP userspace stack on an interface
 * whose addresses the kernel keeps serving. udp-echo PORT answers every
 * datagram to PORT from the frame it came in; tcp-echo PORT sends every
 * connection's bytes back; tcp-sink PORT reads and discards them and says
 * how many came how fast. Any of them in one run. Runs until SIGINT or
 * SIGTERM, then closes every connection (FIN), detaches the steering
 * program, removes its pins and reports where every frame and every drop
 * went.
 */
#include <errno.h>
#include <poll.h>
#include <sched.h>
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
	STK_TCP_ECHO,
	STK_TCP_SINK,
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
			  "echo UDP datagrams sent to PORT (0: any free)",
			  false, false, 0, 65535},
	[STK_TCP_ECHO] = {"tcp-echo", ARG_U32, "PORT",
			  "echo what TCP connections to PORT send (0: any "
			  "free)",
			  false, false, 0, 65535},
	[STK_TCP_SINK] = {"tcp-sink", ARG_U32, "PORT",
			  "read and discard TCP connections to PORT, report "
			  "bytes and rate (0: any free)",
			  false, false, 0, 65535},
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

/* How long serve() polls after the last packet before it sleeps. */
#define SPIN_US 50

static __u64 now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000ull + ts.tv_nsec / 1000;
}

/* A TCP service and what each of its connections still has to send. */
struct svc {
	struct xk_tcp_sock *l;
	bool echo; /* else sink */
	unsigned port;
	__u64 conns, bytes;
	__u64 first_us, last_us; /* sink: when data first and last came */
};

struct conn {
	struct svc *svc;
	struct xk_tcp_sock *k;
	__u8 *pend; /* echo: bytes the peer sent that did not fit yet */
	size_t npend;
	__u64 bytes, start_us;
	struct conn *next, **pprev; /* every open connection */
};
static struct conn *open_conns;

#define IOBUF (256 * 1024)
static __u8 iobuf[IOBUF];

static void conn_close(struct xk_tcp_sock *k, bool reset)
{
	struct conn *c = xk_tcp__user(k);

	if (c) {
		*c->pprev = c->next;
		if (c->next)
			c->next->pprev = c->pprev;
		free(c->pend);
		free(c);
	}
	xk_tcp__set_user(k, NULL);
	if (reset)
		xk_tcp__abort(k);
	else
		xk_tcp__close(k);
}

/* Send what is pending; false if some is left (XK_TCP_OUT will come). */
static bool flush_pending(struct xk_tcp_sock *k, struct conn *c)
{
	long n;

	while (c->npend) {
		n = xk_tcp__send(k, c->pend, c->npend);
		if (n <= 0)
			break;
		memmove(c->pend, c->pend + n, c->npend - n);
		c->npend -= n;
	}
	xk_tcp__want_out(k, c->npend > 0);
	return !c->npend;
}

static void on_conn(struct xk_tcp_sock *k)
{
	struct conn *c = xk_tcp__user(k);
	struct svc *v = c->svc;
	unsigned int ev = xk_tcp__events(k);
	long n;

	if (ev & XK_TCP_ERR && !(ev & XK_TCP_IN)) {
		conn_close(k, true);
		return;
	}
	/* echo: what is pending first; read no more until it is out, so a
	 * peer that does not read is slowed down, not buffered without end */
	if (v->echo && !flush_pending(k, c))
		return;
	for (;;) {
		n = xk_tcp__recv(k, iobuf, sizeof(iobuf));
		if (n == -EAGAIN)
			return;
		if (n <= 0) { /* EOF, or an error */
			if (n == 0 && c->npend)
				return; /* finish the echo, then close */
			conn_close(k, n < 0);
			return;
		}
		c->bytes += n;
		v->bytes += n;
		if (!v->echo) {
			v->last_us = now_us();
			if (!v->first_us)
				v->first_us = v->last_us;
			continue;
		}
		c->pend = realloc(c->pend, c->npend + n);
		if (!c->pend) {
			conn_close(k, true);
			return;
		}
		memcpy(c->pend + c->npend, iobuf, n);
		c->npend += n;
		if (!flush_pending(k, c))
			return;
	}
}

static void on_ready(struct xk_tcp_sock *k, struct svc *svcs, int nsvc)
{
	struct xk_tcp_sock *a;
	struct conn *c;
	int i;

	for (i = 0; i < nsvc; i++) {
		if (svcs[i].l != k)
			continue;
		while ((a = xk_tcp__accept(k))) {
			c = calloc(1, sizeof(*c));
			if (!c) {
				xk_tcp__abort(a);
				continue;
			}
			c->svc = &svcs[i];
			c->k = a;
			c->start_us = now_us();
			c->next = open_conns;
			c->pprev = &open_conns;
			if (open_conns)
				open_conns->pprev = &c->next;
			open_conns = c;
			svcs[i].conns++;
			xk_tcp__set_user(a, c);
			if (svcs[i].echo)
				xk_tcp__nodelay(a, true);
			on_conn(a);
		}
		return;
	}
	if (xk_tcp__user(k))
		on_conn(k);
	else if (xk_tcp__events(k) & (XK_TCP_ERR | XK_TCP_HUP))
		xk_tcp__abort(k); /* a connection we closed already */
}

static int serve(struct xk_stack *s, struct xk_udp_sock *u, struct svc *svcs,
		 int nsvc, bool busy)
{
	struct xk_tcp_sock *ready[64];
	struct xk_dgram d[64];
	struct epoll_event ev[8];
	struct xk_stack_stats st;
	struct xk_tcp_stats ts;
	bool warned = false;
	__u64 idle = 0; /* when the last packet was seen, 0: busy */
	__u64 checked = now_us(), t;
	unsigned spins = 0;
	int n, i, work;

	while (!stop) {
		work = 0;
		if (u) {
			n = xk_udp__recv(u, d, 64);
			if (n)
				xk_udp__reply(u, d, n);
			work += n;
		}
		if (nsvc) {
			n = xk_tcp__ready(s, ready, 64);
			for (i = 0; i < n; i++)
				on_ready(ready[i], svcs, nsvc);
			work += n;
		}
		if (work) {
			idle = 0;
			continue;
		}
		/* the idle path only: the clock is read here, never while
		 * packets flow (a lost steering program stops the flow,
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
		/* keep polling for a while after the last packet (a
		 * request-response peer answers within microseconds and
		 * waking from epoll costs more), then sleep */
		if (!idle)
			idle = t;
		if (busy || t - idle < SPIN_US) {
			/* a spinning poller gives the CPU to whatever else
			 * is runnable on it between its looks: the NAPI
			 * thread that fills its ring, when it shares the
			 * CPU, which a spin would otherwise only get by
			 * preemption (the kernel's busy polling checks
			 * need_resched for the same reason); nothing
			 * runnable, and the call returns at once; every 8th
			 * look only, as the syscall delays the next look */
			if (!(++spins & 7))
				sched_yield();
			continue;
		}
		if (!warned && !xk_stack__stats(s, &st) &&
		    !xk_tcp__stats(s, NULL, &ts) &&
		    (st.rx_csum_partial || ts.drop_csum_partial)) {
			p_note("note: packets with partial checksums arrive "
			       "and are dropped: the sender leaves checksums "
			       "to an offload (a veth peer with tx offload "
			       "on); run 'ethtool -K PEER tx off' on the "
			       "sending side\n");
			warned = true;
		}
		if (epoll_wait(xk_stack__fd(s), ev, 8, 200) < 0 &&
		    errno != EINTR)
			return p_err(EXIT_SYS, "epoll_wait: %s",
				     strerror(errno));
	}
	return EXIT_OK;
}

/* clang-format off */
#define TSTATS(X)							\
	X(segs_in) X(segs_out) X(bytes_in) X(bytes_out) X(retrans)	\
	X(rst_in) X(rst_out) X(accepted) X(connected) X(backlog_full)	\
	X(refused) X(reset) X(timed_out) X(drop_bad_csum)		\
	X(drop_csum_partial) X(drop_bad_options)			\
	X(drop_bad_flags) X(drop_rst_seq) X(drop_truncated)		\
	X(rx_zero_copy) X(rx_copied) X(frames_held) X(tx_not_tcp)	\
	X(tx_no_route) X(tx_no_neigh) X(tx_no_frame) X(tx_ring_full)
/* clang-format on */

static void report_tcp(const struct xk_tcp_stats *ts, const struct svc *svcs,
		       int nsvc)
{
	int i;

	if (json_output) {
#define JT(f) jw_kuint(jw, #f, ts->f);
		jw_key(jw, "tcp");
		jw_obj_start(jw);
		TSTATS(JT)
		jw_obj_end(jw);
		jw_key(jw, "services");
		jw_arr_start(jw);
		for (i = 0; i < nsvc; i++) {
			const struct svc *v = &svcs[i];
			__u64 us = v->last_us - v->first_us;

			jw_obj_start(jw);
			jw_kstr(jw, "service",
				v->echo ? "tcp-echo" : "tcp-sink");
			jw_kuint(jw, "port", v->port);
			jw_kuint(jw, "connections", v->conns);
			jw_kuint(jw, "bytes", v->bytes);
			if (!v->echo)
				jw_kuint(jw, "bits_per_second",
					 us ? v->bytes * 8000000ull / us : 0);
			jw_obj_end(jw);
		}
		jw_arr_end(jw);
		return;
	}
	for (i = 0; i < nsvc; i++) {
		const struct svc *v = &svcs[i];
		__u64 us = v->last_us - v->first_us;

		printf("  %s port %u: %llu connections, %llu bytes",
		       v->echo ? "tcp-echo" : "tcp-sink", v->port,
		       (unsigned long long)v->conns,
		       (unsigned long long)v->bytes);
		if (!v->echo && us)
			printf(" in %.3f s, %.3f Gbit/s", us / 1e6,
			       v->bytes * 8.0 / us / 1e3);
		printf("\n");
	}
#define TT(f)                                                                  \
	if (ts->f)                                                             \
		printf("  tcp %-22s %llu\n", #f, (unsigned long long)ts->f);
	TSTATS(TT)
}

/* sockaddr for @port on @addr (NULL: the dual-stack wildcard) */
static int endpoint(const char *addr, unsigned port,
		    struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in6 *sin6 = (void *)ss;
	struct sockaddr_in *sin = (void *)ss;

	memset(ss, 0, sizeof(*ss));
	if (addr && inet_pton(AF_INET, addr, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		*len = sizeof(*sin);
		return 0;
	}
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons(port);
	*len = sizeof(*sin6);
	if (addr && inet_pton(AF_INET6, addr, &sin6->sin6_addr) != 1)
		return -1;
	return 0;
}

int do_stack(const struct cmd *cmd, struct parsed *p)
{
	const char *dev = p->dev.name, *addr = p->val[STK_ADDRESS],
		   *mode = p->val[STK_MODE];
	XK_OPTS(xk_stack_opts, so);
	struct sockaddr_storage ss;
	socklen_t salen;
	struct xk_stack_stats st;
	struct xk_tcp_stats ts;
	struct xk_xsk_account a;
	struct sigaction sig;
	struct xk_udp_sock *u = NULL;
	struct xk_stack *s;
	struct svc svcs[2];
	int nsvc = 0, i, ret;
	bool want_udp = !!p->val[STK_UDP_ECHO];
	unsigned port = p->num[STK_UDP_ECHO];
	unsigned q = p->val[STK_QUEUES] ? p->num[STK_QUEUES] : 0;
	char what[160] = "";
	bool balanced;

	if (!want_udp && !p->val[STK_TCP_ECHO] && !p->val[STK_TCP_SINK])
		return p_usage(cmd->name, "name a service: udp-echo PORT, "
					  "tcp-echo PORT or tcp-sink PORT");
	if (endpoint(addr, 0, &ss, &salen))
		return p_usage(cmd->name, "bad address '%s'", addr);
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
	if (want_udp) {
		endpoint(addr, port, &ss, &salen);
		u = xk_udp__bind(s, (struct sockaddr *)&ss, salen);
		if (!u)
			goto fail;
		/* port 0: say the one the kernel chose */
		if (!port) {
			struct xk_addr la;

			if (!xk_udp__local(u, &la))
				port = ntohs(la.port);
		}
		snprintf(what, sizeof(what), "udp-echo port %u", port);
	}
	memset(svcs, 0, sizeof(svcs));
	for (i = 0; i < 2; i++) {
		int k = i ? STK_TCP_SINK : STK_TCP_ECHO;
		struct xk_addr la;
		size_t w = strlen(what);

		if (!p->val[k])
			continue;
		endpoint(addr, p->num[k], &ss, &salen);
		svcs[nsvc].l =
			xk_tcp__listen(s, (struct sockaddr *)&ss, salen, 128);
		if (!svcs[nsvc].l)
			goto fail;
		svcs[nsvc].echo = k == STK_TCP_ECHO;
		xk_tcp__addrs(svcs[nsvc].l, &la, NULL);
		svcs[nsvc].port = ntohs(la.port);
		snprintf(what + w, sizeof(what) - w, "%s%s port %u",
			 w ? ", " : "", i ? "tcp-sink" : "tcp-echo",
			 svcs[nsvc].port);
		nsvc++;
	}
	/* stderr, in JSON mode too: the JSON document comes at the end */
	fprintf(stderr,
		"xdpctl stack: %s on %s: %d queue%s, %s AF_XDP, steering "
		"program id %u in %s mode; SIGINT or SIGTERM stops\n",
		what, dev, xk_stack__queues(s),
		xk_stack__queues(s) == 1 ? "" : "s",
		xk_stack__zerocopy(s) ? "zero-copy" : "copy-mode",
		xk_stack__prog_id(s), xk_xdp_mode__str(xk_stack__xdp_mode(s)));
	/* frames the device puts on a queue without a socket are dropped by
	 * the steering program (nosock_dropped): a peer spreading its sends
	 * over the queues then loses every other packet */
	{
		int rxq = xk_iface__rx_queues(dev);

		if (rxq > xk_stack__queues(s))
			fprintf(stderr,
				"xdpctl stack: note: %s has %d rx queues and "
				"the stack serves %d: what arrives on queues "
				"%d..%d is dropped (steer nosock_dropped); "
				"serve them all (drop 'queues'), or make the "
				"traffic arrive on queues 0..%d only (the "
				"sender's queues, 'ethtool -L', ntuple "
				"rules)\n",
				dev, rxq, xk_stack__queues(s),
				xk_stack__queues(s), rxq - 1,
				xk_stack__queues(s) - 1);
	}
	fflush(stderr);

	ret = serve(s, u, svcs, nsvc, !!p->val[STK_BUSY_POLL]);
	if (u)
		xk_udp__close(u);
	/* our connections first (FIN), so nothing of ours outlives them */
	while (open_conns)
		conn_close(open_conns->k, false);
	/* every connection: FIN, a second for the peers to answer */
	xk_stack__stop(s);
	xk_tcp__stats(s, NULL, &ts);
	xk_stack__stats(s, &st);
	xk_stack__account(s, &a);
	balanced = a.free + a.fill + a.held + a.tx == a.total && !a.held &&
		   !a.tx && !a.ring_rx && !st.xsk.bad_descs;
	if (json_output) {
		jw_obj_start(jw);
		jw_kstr(jw, "dev", dev);
		if (u)
			jw_kuint(jw, "port", port);
		jw_kuint(jw, "queues", xk_stack__queues(s));
		jw_kstr(jw, "xsk_mode",
			xk_stack__zerocopy(s) ? "zero-copy" : "copy");
		jw_kstr(jw, "xdp_mode",
			xk_xdp_mode__str(xk_stack__xdp_mode(s)));
		jw_kuint(jw, "prog_id", xk_stack__prog_id(s));
		report(s, &st, &a, balanced);
		if (nsvc)
			report_tcp(&ts, svcs, nsvc);
		jw_obj_end(jw);
	} else {
		printf("xdpctl stack: stopped; %s detached, sockets closed\n",
		       dev);
		report(s, &st, &a, balanced);
		if (nsvc)
			report_tcp(&ts, svcs, nsvc);
	}
	xk_stack__close(s);
	if (ret == EXIT_OK && !balanced)
		ret = EXIT_SYS;
	return ret;
fail:
	ret = p_liberr(-errno);
	xk_stack__close(s);
	return ret;
}
