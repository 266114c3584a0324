// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * libxdpkit: the frame sender of <xdpkit/gen.h> over progs/gen (live
 * frames) or an AF_XDP socket.
 */
#define _GNU_SOURCE /* unshare */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/if_link.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/parse.h>
#include <xdpkit/rewrite.h>
#include "../../core/core.h"
#include "xdpkit/gen.h"
#include "xdpkit/gen_schema.h"
#include "xdpkit/loader.h"
#include "xdpkit/xsk.h"
#include "gen.skel.h"

#ifndef BPF_F_TEST_XDP_LIVE_FRAMES
#define BPF_F_TEST_XDP_LIVE_FRAMES (1U << 1)
#endif

#define GEN_MAX_BURST 1024

struct xk_gen {
	__u8 frame[4096];
	__u32 len, flows, burst, next_flow;
	__u16 sport;
	bool live;
	/* live frames */
	struct gen_bpf *skel;
	struct xdp_md ctx;
	struct bpf_test_run_opts opts;
	int hold_ns;
	/* AF_XDP */
	struct xk_xsk *xsk;
	__u8 *ready; /* per umem frame: holds the frame already */
	__u32 fsz, nframes;
	__u64 errors;
};

/*
 * BPF_PROG_RUN puts an XDP program into the kernel's XDP dispatcher for
 * each call and takes it out after, unless it is already there: two RCU
 * grace periods per call (27 ms a call on the machine this was written
 * on). An attached program stays in the dispatcher, so a thread attaches
 * ours to the loopback device of a network namespace of its own (skb
 * mode; nothing is ever sent there) and leaves: the namespace lives as
 * long as we hold its fd, and goes with it.
 */
static void *hold_thread(void *arg)
{
	struct xk_gen *g = arg;

	if (unshare(CLONE_NEWNET))
		return NULL;
	g->hold_ns = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (g->hold_ns >= 0 &&
	    bpf_xdp_attach(1 /* lo, in there */,
			   bpf_program__fd(g->skel->progs.xk_gen),
			   XDP_FLAGS_SKB_MODE, NULL)) {
		close(g->hold_ns);
		g->hold_ns = -1;
	}
	return NULL;
}

static int live_open(struct xk_gen *g, int ifindex)
{
	struct xk_gen_cfg c = {.flows = g->flows, .sport = g->sport};
	__u32 zero = 0;
	pthread_t t;
	int err;

	g->skel = gen_bpf__open_and_load();
	if (!g->skel) {
		err = -errno;
		return xk_err(err,
			      "cannot load the sender program: %s (see "
			      "xdpctl features; an AF_XDP sender needs no "
			      "BPF_PROG_RUN)",
			      strerror(-err));
	}
	if (bpf_map_update_elem(bpf_map__fd(g->skel->maps.xk_gen_cfg), &zero,
				&c, 0)) {
		err = -errno;
		return xk_err(err, "the sender's configuration: %s",
			      strerror(-err));
	}
	g->ctx = (struct xdp_md){.data_end = g->len,
				 .ingress_ifindex = (__u32)ifindex};
	g->opts = (struct bpf_test_run_opts){
		.sz = sizeof(g->opts),
		.data_in = g->frame,
		.data_size_in = g->len,
		.ctx_in = &g->ctx,
		.ctx_size_in = sizeof(g->ctx),
		.flags = BPF_F_TEST_XDP_LIVE_FRAMES,
		.batch_size = 64,
	};
	if (!pthread_create(&t, NULL, hold_thread, g))
		pthread_join(t, NULL);
	if (g->hold_ns < 0)
		xk_log(XK_PRINT_WARN,
		       "the sender is not kept in the XDP dispatcher: each "
		       "send waits for the kernel to swap it in and out\n");
	return 0;
}

struct xk_gen *xk_gen__open(const char *ifname, const void *frame, __u32 len,
			    const struct xk_gen_opts *opts)
{
	struct xk_gen_opts oo;
	struct xk_gen *g;
	int err, ifindex;

	err = XK_OPTS_IN(&oo, opts, xk_gen_opts);
	if (err) {
		errno = -err;
		return NULL;
	}
	ifindex = (int)if_nametoindex(ifname);
	if (!ifindex) {
		xk_err(-ENODEV, "no interface %s here", ifname);
		errno = ENODEV;
		return NULL;
	}
	if (len < 14 || len > 3500 || oo.burst > GEN_MAX_BURST) {
		xk_err(-EINVAL,
		       "a frame of 14 to 3500 bytes, a burst of at "
		       "most %d",
		       GEN_MAX_BURST);
		errno = EINVAL;
		return NULL;
	}
	g = calloc(1, sizeof(*g));
	if (!g) {
		errno = ENOMEM;
		return NULL;
	}
	g->hold_ns = -1;
	memcpy(g->frame, frame, len);
	g->len = len;
	g->flows = oo.flows ? oo.flows : 1;
	g->sport = oo.sport;
	g->burst = oo.burst ? oo.burst : GEN_MAX_BURST;
	if (oo.mode == XK_GEN_AUTO) {
		char why[320];

		g->live = xk_probe__live(why, sizeof(why)) > 0;
	} else {
		g->live = oo.mode == XK_GEN_LIVE;
	}
	if (g->live) {
		err = live_open(g, ifindex);
	} else {
		struct xk_xsk_account a;

		g->xsk = xk_xsk__create(ifname, 0, NULL);
		err = g->xsk ? 0 : -errno;
		if (!err) {
			xk_xsk__account(g->xsk, &a);
			g->fsz = xk_xsk__frame_size(g->xsk);
			g->nframes = a.total;
			g->ready = calloc(a.total, 1);
			err = g->ready ? 0 : -ENOMEM;
		}
	}
	if (err) {
		xk_gen__close(g);
		errno = -err;
		return NULL;
	}
	return g;
}

static int xsk_send(struct xk_gen *g, __u32 n)
{
	struct xk_xsk_desc d[GEN_MAX_BURST];
	__u32 i, k = 0;
	int out;

	for (i = 0; i < n; i++, k++) {
		__u32 f;

		if (xk_xsk__alloc(g->xsk, &d[k]))
			break; /* every frame in flight: send what we have */
		/* a frame keeps what it sent: copy the frame in once (a
		 * flow's port is set outright, its checksum fixed from
		 * what the frame holds) */
		f = (__u32)(d[k].addr / g->fsz);
		if (f >= g->nframes || !g->ready[f]) {
			memcpy(d[k].data, g->frame, g->len);
			if (f < g->nframes)
				g->ready[f] = 1;
		}
		d[k].len = g->len;
		if (g->flows > 1) {
			struct xk_pkt pkt = xk_pkt_buf(d[k].data, g->len);
			struct xk_l4 l4;

			if (g->next_flow >= g->flows)
				g->next_flow = 0;
			if (xk_parse_l4(&pkt, &l4) ||
			    xk_l4_set_sport(&pkt, &l4,
					    (__u16)(g->sport + g->next_flow++)))
				g->errors++;
		}
	}
	out = k ? xk_xsk__send(g->xsk, d, (int)k) : 0;
	if (out < 0)
		out = 0;
	if ((__u32)out < k) /* the ring was full: these go back */
		xk_xsk__release(g->xsk, d + out, (int)(k - out));
	if (!k)
		xk_xsk__complete(g->xsk);
	return out;
}

int xk_gen__send(struct xk_gen *g, __u32 n)
{
	if (n > g->burst)
		n = g->burst;
	if (!n)
		return 0;
	if (!g->live)
		return xsk_send(g, n);
	g->opts.repeat = n;
	if (bpf_prog_test_run_opts(bpf_program__fd(g->skel->progs.xk_gen),
				   &g->opts)) {
		int err = -errno;

		return err == -EINTR
			       ? 0
			       : xk_err(err, "BPF_PROG_RUN live frames: %s",
					strerror(-err));
	}
	return (int)n;
}

void xk_gen__flush(struct xk_gen *g, int timeout_ms)
{
	struct xk_xsk_account a;
	int waited;

	if (g->live)
		return; /* a live-frames call returns once they are out */
	for (waited = 0; waited <= timeout_ms; waited++) {
		xk_xsk__kick(g->xsk);
		xk_xsk__complete(g->xsk);
		xk_xsk__account(g->xsk, &a);
		if (!a.tx)
			break;
		usleep(1000);
	}
}

static __u64 live_count(const struct xk_gen *g, __u32 idx)
{
	int i, ncpu = libbpf_num_possible_cpus();
	__u64 *v, sum = 0;

	if (ncpu < 1)
		return 0;
	v = calloc((size_t)ncpu, sizeof(*v));
	if (v && !bpf_map_lookup_elem(bpf_map__fd(g->skel->maps.xk_gen_count),
				      &idx, v))
		for (i = 0; i < ncpu; i++)
			sum += v[i];
	free(v);
	return sum;
}

__u64 xk_gen__sent(const struct xk_gen *g)
{
	struct xk_xsk_stats st;

	if (g->live)
		return live_count(g, XK_GEN_SENT);
	return xk_xsk__stats(g->xsk, &st) ? 0 : st.tx_completed;
}

__u64 xk_gen__errors(const struct xk_gen *g)
{
	struct xk_xsk_stats st;

	if (g->live)
		return live_count(g, XK_GEN_BAD);
	return g->errors +
	       (xk_xsk__stats(g->xsk, &st) ? 0 : st.tx_invalid_descs);
}

bool xk_gen__live(const struct xk_gen *g)
{
	return g->live;
}

void xk_gen__close(struct xk_gen *g)
{
	if (!g)
		return;
	if (g->hold_ns >= 0)
		close(g->hold_ns); /* the namespace, its lo and the hold go */
	if (g->skel)
		gen_bpf__destroy(g->skel);
	if (g->xsk)
		xk_xsk__destroy(g->xsk);
	free(g->ready);
	free(g);
}
