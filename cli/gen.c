// SPDX-License-Identifier: GPL-2.0
/*
 * xdpctl gen: a traffic generator that runs on this kernel. The packet is
 * described with the builder's words (udp|tcp|icmp, dst, dport, ...) and
 * built once by xk_build() (<xdpkit/compose.h>): every length and checksum
 * right, the destination MAC from the kernel's neighbours. It is sent
 *   - live: BPF_PROG_RUN in live-frames mode (5.18+) runs progs/gen over
 *     the frame with the interface as ingress, and XDP_TX transmits it
 *     (ndo_xdp_xmit: no socket, no skb). On veth the peer must have an XDP
 *     program for such frames to arrive (any, e.g. xdpctl attach pass).
 *   - xsk: an AF_XDP socket's tx ring (libxdp's xsk API through
 *     libxdpkit), where live frames are missing.
 * mode auto takes live where xk_features() finds it, else xsk. Flows vary
 * the source port (live: in the program; xsk: on each frame), with the L4
 * checksum fixed. Paced to rate (bursts that never outrun the clock) or as
 * fast as it can; count, duration or Ctrl-C end it, after which the
 * frames still queued are waited for and a summary is printed (JSON with
 * -j). A progress line updates in place on a terminal.
 */
#define _GNU_SOURCE /* unshare */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/ethtool.h>
#include <linux/if_link.h>
#include <linux/sockios.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/compose.h>
#include <xdpkit/parse.h>
#include <xdpkit/rewrite.h>
#include <xdpkit/loader.h>
#include <xdpkit/stack.h>
#include <xdpkit/xsk.h>
#include "xdpctl.h"
#include "gen.skel.h"
#include "xdpkit/gen_schema.h"

#ifndef BPF_F_TEST_XDP_LIVE_FRAMES
#define BPF_F_TEST_XDP_LIVE_FRAMES (1U << 1)
#endif

/* Indices of gen_args: the parsed values are p->val[GEN_...]. */
enum {
	GEN_DEV,
	GEN_PROTO,
	GEN_DST,
	GEN_SRC,
	GEN_DPORT,
	GEN_SPORT,
	GEN_FLAGS,
	GEN_TTL,
	GEN_TOS,
	GEN_VLAN,
	GEN_DMAC,
	GEN_SMAC,
	GEN_SIZE,
	GEN_FLOWS,
	GEN_RATE,
	GEN_COUNT,
	GEN_DURATION,
	GEN_MODE,
	GEN_NR,
};

const struct arg gen_args[] = {
	[GEN_DEV] = {"dev", ARG_DEV, "IFNAME", "send out of this interface",
		     true, false, 0, 0},
	[GEN_PROTO] = {"udp|tcp|icmp", ARG_POS, NULL,
		       "what to send (default udp)", false, false, 0, 0},
	[GEN_DST] = {"dst", ARG_VALUE, "ADDR",
		     "destination IPv4 or IPv6 address", true, false, 0, 0},
	[GEN_SRC] = {"src", ARG_VALUE, "ADDR",
		     "source address (default: the route's)", false, false, 0,
		     0},
	[GEN_DPORT] = {"dport", ARG_U32, "PORT",
		       "destination port (default 9, discard)", false, false, 1,
		       65535},
	[GEN_SPORT] = {"sport", ARG_U32, "PORT",
		       "source port, the first of flows (default 10000)", false,
		       false, 1, 65535},
	[GEN_FLAGS] = {"flags", ARG_VALUE, "FSRPAUEC",
		       "TCP flags as letters, e.g. S, SA, PA (default S)",
		       false, false, 0, 0},
	[GEN_TTL] = {"ttl", ARG_U32, "N", "TTL / hop limit (default 64)", false,
		     false, 1, 255},
	[GEN_TOS] = {"tos", ARG_U32, "N", "TOS / traffic class (default 0)",
		     false, false, 0, 255},
	[GEN_VLAN] = {"vlan", ARG_U32, "ID", "add an 802.1Q tag", false, false,
		      1, 4094},
	[GEN_DMAC] = {"dmac", ARG_VALUE, "MAC",
		      "destination MAC (default: the kernel's neighbour)",
		      false, false, 0, 0},
	[GEN_SMAC] = {"smac", ARG_VALUE, "MAC",
		      "source MAC (default: the interface's)", false, false, 0,
		      0},
	[GEN_SIZE] = {"size", ARG_U32, "BYTES",
		      "frame size without FCS, padded with payload (default "
		      "64 or the headers)",
		      false, false, 42, 3500},
	[GEN_FLOWS] = {"flows", ARG_U32, "N",
		       "vary the source port over N flows (UDP, TCP)", false,
		       false, 1, 65535},
	[GEN_RATE] = {"rate", ARG_U32, "PPS",
		      "frames per second (default: as fast as it can)", false,
		      false, 1, 100000000},
	[GEN_COUNT] = {"count", ARG_U32, "N", "stop after N frames", false,
		       false, 1, 4000000000u},
	[GEN_DURATION] = {"duration", ARG_VALUE, "SECONDS",
			  "stop after this long", false, false, 0, 0},
	[GEN_MODE] = {"mode", ARG_CHOICE, "auto|live|xsk",
		      "live frames, an AF_XDP socket, or the best there is",
		      false, false, 0, 0},
	[GEN_NR] = {NULL, 0, NULL, NULL, false, false, 0, 0},
};

#define BURST_PACED 64	 /* frames per call when paced: veth's ring is 256 */
#define BURST_FLOOD 1024 /* and unpaced: fewer page_pool set-ups */

struct gen {
	/* the packet */
	__u8 frame[4096];
	__u32 len, l4_proto;
	__u16 sport;
	__u32 flows;
	/* the run */
	const char *ifname;
	int ifindex;
	double rate, duration;
	__u64 count;
	bool live;
	/* live frames */
	struct gen_bpf *skel;
	struct xdp_md ctx;
	struct bpf_test_run_opts opts;
	int hold_ns; /* the private namespace holding it (see hold()) */
	/* AF_XDP */
	struct xk_xsk *xsk;
	__u32 next_flow;
	/* what happened */
	__u64 sent, errors;
	int last_err;
};

static volatile sig_atomic_t gen_stop;

static void on_signal(int sig)
{
	(void)sig;
	gen_stop = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int parse_mac(const char *s, __u8 *mac)
{
	unsigned int v[6];
	char tail;
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &v[0], &v[1], &v[2], &v[3], &v[4],
		   &v[5], &tail) != 6)
		return -1;
	for (i = 0; i < 6; i++) {
		if (v[i] > 255)
			return -1;
		mac[i] = (__u8)v[i];
	}
	return 0;
}

static int tcp_flags(const char *s, __u8 *out)
{
	static const char letters[] = "FSRPAUEC"; /* bit 0 .. 7 */
	const char *c;

	*out = 0;
	for (; *s; s++) {
		c = strchr(letters, *s >= 'a' ? *s - 32 : *s);
		if (!c || !*s)
			return -1;
		*out |= (__u8)(1u << (c - letters));
	}
	return *out ? 0 : -1;
}

/* Per-queue XDP transmit refusals of a driver that counts them (veth:
 * tx_queue_N_xdp_xmit_errors); -1 when it does not. */
static long long xmit_refused(const char *ifname)
{
	/* the sset info with room for its one length (a flexible array) */
	__u64 infobuf[(sizeof(struct ethtool_sset_info) + 4 + 7) / 8] = {0};
	struct ethtool_sset_info *info = (void *)infobuf;
	struct ethtool_gstrings *names = NULL;
	struct ethtool_stats *vals = NULL;
	long long sum = -1;
	struct ifreq ifr;
	__u32 i, n;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	info->cmd = ETHTOOL_GSSET_INFO;
	info->sset_mask = 1ULL << ETH_SS_STATS;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	ifr.ifr_data = (void *)info;
	if (ioctl(fd, SIOCETHTOOL, &ifr) || !info->data[0])
		goto out;
	n = info->data[0];
	names = calloc(1, sizeof(*names) + n * ETH_GSTRING_LEN);
	vals = calloc(1, sizeof(*vals) + n * sizeof(__u64));
	if (!names || !vals)
		goto out;
	names->cmd = ETHTOOL_GSTRINGS;
	names->string_set = ETH_SS_STATS;
	names->len = n;
	ifr.ifr_data = (void *)names;
	if (ioctl(fd, SIOCETHTOOL, &ifr))
		goto out;
	vals->cmd = ETHTOOL_GSTATS;
	vals->n_stats = n;
	ifr.ifr_data = (void *)vals;
	if (ioctl(fd, SIOCETHTOOL, &ifr))
		goto out;
	for (i = 0; i < n; i++)
		if (strstr((char *)names->data + i * ETH_GSTRING_LEN,
			   "xdp_xmit_err"))
			sum = (sum < 0 ? 0 : sum) + (long long)vals->data[i];
out:
	free(names);
	free(vals);
	close(fd);
	return sum;
}

/* The interface's own MAC. */
static int if_mac(const char *ifname, __u8 *mac)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), r;

	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	r = ioctl(fd, SIOCGIFHWADDR, &ifr) ? -errno : 0;
	if (!r)
		memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	r = r ? r : (ioctl(fd, SIOCGIFMTU, &ifr) ? -errno : ifr.ifr_mtu);
	close(fd);
	return r; /* the MTU */
}

/* Build the frame from the words; every check before anything is sent. */
static int describe(struct gen *g, struct parsed *p)
{
	const char *proto = p->val[GEN_PROTO] ? p->val[GEN_PROTO] : "udp";
	static __u8 pay[4096];
	struct xk_layer l[6];
	struct xk_nexthop nh;
	char srcbuf[INET6_ADDRSTRLEN];
	__u8 dst[16], smac[6], dmac[6], ifmac[6], flags = XK_TCP_SYN;
	int fam, n = 0, hdr = 0, mtu, r, i, size;

	memset(l, 0, sizeof(l));
	g->l4_proto = !strcmp(proto, "udp")    ? IPPROTO_UDP
		      : !strcmp(proto, "tcp")  ? IPPROTO_TCP
		      : !strcmp(proto, "icmp") ? IPPROTO_ICMP
					       : 0;
	if (!g->l4_proto)
		return p_usage("gen", "'%s': want udp, tcp or icmp", proto);
	fam = inet_pton(AF_INET, p->val[GEN_DST], dst) == 1    ? AF_INET
	      : inet_pton(AF_INET6, p->val[GEN_DST], dst) == 1 ? AF_INET6
							       : 0;
	if (!fam)
		return p_usage("gen", "dst '%s': not an IPv4 or IPv6 address",
			       p->val[GEN_DST]);
	if (p->val[GEN_SRC] && inet_pton(fam, p->val[GEN_SRC], srcbuf) != 1)
		return p_usage("gen", "src '%s': not an IPv%d address",
			       p->val[GEN_SRC], fam == AF_INET ? 4 : 6);
	if (g->l4_proto == IPPROTO_ICMP &&
	    (p->val[GEN_DPORT] || p->val[GEN_SPORT] || g->flows > 1))
		return p_usage("gen", "icmp has no ports: drop dport, sport "
				      "and flows");
	if (p->val[GEN_FLAGS] && g->l4_proto != IPPROTO_TCP)
		return p_usage("gen", "flags are TCP's");
	if (p->val[GEN_FLAGS] && tcp_flags(p->val[GEN_FLAGS], &flags))
		return p_usage("gen", "flags '%s': letters of FSRPAUEC",
			       p->val[GEN_FLAGS]);
	if ((p->val[GEN_DMAC] && parse_mac(p->val[GEN_DMAC], dmac)) ||
	    (p->val[GEN_SMAC] && parse_mac(p->val[GEN_SMAC], smac)))
		return p_usage("gen",
			       "a MAC is six hex bytes: 02:00:00:00:00:01");
	if (p->val[GEN_DURATION]) {
		char *end;

		g->duration = strtod(p->val[GEN_DURATION], &end);
		if (*end || end == p->val[GEN_DURATION] || !(g->duration > 0) ||
		    !isfinite(g->duration))
			return p_usage("gen", "duration '%s': seconds > 0",
				       p->val[GEN_DURATION]);
	}
	/* the interface and the route: source MAC, MTU, next hop */
	mtu = if_mac(g->ifname, ifmac);
	if (mtu < 0)
		return p_err(EXIT_SYS, "%s: cannot read its MAC: %s", g->ifname,
			     strerror(-mtu));
	if (!p->val[GEN_SMAC])
		memcpy(smac, ifmac, 6);
	if (!p->val[GEN_DMAC] || !p->val[GEN_SRC]) {
		r = xk_nexthop__resolve(g->ifindex, fam, dst, 1000, &nh);
		if (r == -ENETUNREACH &&
		    (!p->val[GEN_DMAC] || !p->val[GEN_SRC]))
			return p_err(EXIT_SYS,
				     "no route to %s through %s: give src and "
				     "dmac, or add the route",
				     p->val[GEN_DST], g->ifname);
		if (r && !p->val[GEN_DMAC])
			return p_err(EXIT_SYS,
				     "%s did not answer ARP/NDP on %s: give "
				     "dmac MAC",
				     p->val[GEN_DST], g->ifname);
		if (!p->val[GEN_DMAC])
			memcpy(dmac, nh.mac, 6);
		if (!p->val[GEN_SRC]) {
			if (r)
				return p_err(EXIT_SYS,
					     "no source address for %s on %s: "
					     "give src ADDR",
					     p->val[GEN_DST], g->ifname);
			inet_ntop(fam, nh.src, srcbuf, sizeof(srcbuf));
		}
	}
	/* the layers */
	l[n] = XK_ETH();
	memcpy(l[n].eth.dst, dmac, 6);
	memcpy(l[n++].eth.src, smac, 6);
	hdr = 14;
	if (p->val[GEN_VLAN]) {
		l[n++] = XK_VLAN(.id = (__u16)p->num[GEN_VLAN]);
		hdr += 4;
	}
	if (fam == AF_INET) {
		l[n++] = XK_IP4(.src = p->val[GEN_SRC] ? p->val[GEN_SRC]
						       : srcbuf,
				.dst = p->val[GEN_DST],
				.ttl = (__u8)p->num[GEN_TTL],
				.tos = (__u8)p->num[GEN_TOS],
				.frag_off = 0x4000 /* DF */);
		hdr += 20;
	} else {
		l[n++] = XK_IP6(.src = p->val[GEN_SRC] ? p->val[GEN_SRC]
						       : srcbuf,
				.dst = p->val[GEN_DST],
				.hlim = (__u8)p->num[GEN_TTL],
				.tclass = (__u8)p->num[GEN_TOS]);
		hdr += 40;
	}
	g->sport = p->val[GEN_SPORT] ? (__u16)p->num[GEN_SPORT] : 10000;
	if (g->flows > 1 && g->sport + g->flows - 1 > 65535)
		return p_usage("gen",
			       "sport %u + flows %u runs past port 65535",
			       g->sport, g->flows);
	if (g->l4_proto == IPPROTO_UDP) {
		l[n++] = XK_UDP(.sport = g->sport,
				.dport = p->val[GEN_DPORT]
						 ? (__u16)p->num[GEN_DPORT]
						 : 9);
		hdr += 8;
	} else if (g->l4_proto == IPPROTO_TCP) {
		l[n++] = XK_TCP(.sport = g->sport,
				.dport = p->val[GEN_DPORT]
						 ? (__u16)p->num[GEN_DPORT]
						 : 9,
				.flags = flags, .seq = 1);
		hdr += 20;
	} else if (fam == AF_INET) {
		l[n++] = XK_ICMP(.id = (__u16)getpid(), .seq = 1);
		hdr += 8;
	} else {
		l[n++] = XK_ICMP6(.id = (__u16)getpid(), .seq = 1);
		hdr += 8;
	}
	size = p->val[GEN_SIZE] ? (int)p->num[GEN_SIZE] : (hdr > 64 ? hdr : 64);
	if (size < hdr)
		return p_usage("gen",
			       "size %d: the headers alone take %d bytes", size,
			       hdr);
	if (size - (p->val[GEN_VLAN] ? 18 : 14) > mtu)
		return p_usage("gen",
			       "size %d: above %s's MTU (%d bytes of IP, %d "
			       "of frame)",
			       size, g->ifname, mtu,
			       mtu + (p->val[GEN_VLAN] ? 18 : 14));
	for (i = 0; i < size - hdr; i++)
		pay[i] = (__u8)('a' + i % 26);
	l[n++] = XK_RAW(pay, (__u32)(size - hdr));
	r = xk_build_layers(g->frame, sizeof(g->frame), l, n);
	if (r != size)
		return p_err(EXIT_SYS, "the packet did not build (%d)", r);
	g->len = (__u32)size;
	return 0;
}

/* ---- live frames ------------------------------------------------------ */

static __u64 live_counter(struct gen *g, __u32 idx)
{
	int i, ncpu = libbpf_num_possible_cpus();
	__u64 v[ncpu > 0 ? ncpu : 1], sum = 0;

	if (bpf_map_lookup_elem(bpf_map__fd(g->skel->maps.xk_gen_count), &idx,
				v))
		return 0;
	for (i = 0; i < ncpu; i++)
		sum += v[i];
	return sum;
}

/*
 * BPF_PROG_RUN puts an XDP program into the kernel's XDP dispatcher for
 * each call and takes it out after, unless it is already there: two RCU
 * grace periods per call (27 ms each call here), which caps a paced run
 * near 2,000 calls' worth. An attached program stays in the dispatcher, so
 * a thread attaches ours to the loopback device of a network namespace of
 * its own (skb mode; nothing is ever sent there) and leaves; the
 * namespace lives as long as we hold its fd, and dies with us.
 */
static void *hold_thread(void *arg)
{
	struct gen *g = arg;

	g->hold_ns = -1;
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

static void hold(struct gen *g)
{
	pthread_t t;

	g->hold_ns = -1;
	if (!pthread_create(&t, NULL, hold_thread, g))
		pthread_join(t, NULL);
	if (g->hold_ns < 0)
		p_note("gen: the sender could not be kept in the XDP "
		       "dispatcher: each burst waits for the kernel to swap it "
		       "in and out (slow)");
}

static int live_open(struct gen *g)
{
	struct xk_gen_cfg c = {.flows = g->flows, .sport = g->sport};
	__u32 zero = 0;

	g->skel = gen_bpf__open_and_load();
	if (!g->skel)
		return p_err(
			EXIT_SYS,
			"cannot load the sender program: %s (see "
			"'xdpctl features'; mode xsk needs no BPF_PROG_RUN)",
			strerror(errno));
	if (bpf_map_update_elem(bpf_map__fd(g->skel->maps.xk_gen_cfg), &zero,
				&c, 0))
		return p_err(EXIT_SYS, "gen config: %s", strerror(errno));
	g->ctx = (struct xdp_md){.data_end = g->len,
				 .ingress_ifindex = (__u32)g->ifindex};
	g->opts = (struct bpf_test_run_opts){
		.sz = sizeof(g->opts),
		.data_in = g->frame,
		.data_size_in = g->len,
		.ctx_in = &g->ctx,
		.ctx_size_in = sizeof(g->ctx),
		.flags = BPF_F_TEST_XDP_LIVE_FRAMES,
		.batch_size = 64,
	};
	hold(g);
	return 0;
}

/* n frames in one BPF_PROG_RUN call; the program's own count is read
 * once at the end (a map read per call would cost more than a frame). */
static __u64 live_burst(struct gen *g, __u32 n)
{
	g->opts.repeat = n;
	if (bpf_prog_test_run_opts(bpf_program__fd(g->skel->progs.xk_gen),
				   &g->opts)) {
		if (errno != EINTR) {
			g->errors += n;
			g->last_err = errno;
		}
		return 0;
	}
	return n;
}

/* ---- AF_XDP ----------------------------------------------------------- */

static int xsk_open(struct gen *g)
{
	g->xsk = xk_xsk__create(g->ifname, 0, NULL);
	if (!g->xsk)
		return p_err(EXIT_SYS, "%s", xk_errmsg());
	return 0;
}

static __u64 xsk_burst(struct gen *g, __u32 n)
{
	struct xk_xsk_desc d[BURST_FLOOD];
	__u32 i, k = 0;
	int out;

	for (i = 0; i < n; i++, k++) {
		if (xk_xsk__alloc(g->xsk, &d[k]))
			break; /* every frame in flight: send what we have */
		memcpy(d[k].data, g->frame, g->len);
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
	return (__u64)out;
}

/* Wait (up to a second) until the kernel has sent what we queued. */
static void xsk_drain(struct gen *g)
{
	struct xk_xsk_account a;
	double t0 = now();

	do {
		xk_xsk__kick(g->xsk);
		xk_xsk__complete(g->xsk);
		xk_xsk__account(g->xsk, &a);
		if (!a.tx)
			break;
		usleep(1000);
	} while (now() - t0 < 1.0);
}

/* ---- the run ---------------------------------------------------------- */

static void progress(const struct gen *g, double t, long long refused0)
{
	long long ref = xmit_refused(g->ifname);

	fprintf(stderr, "\rgen: %llu sent, %.0f pps",
		(unsigned long long)g->sent, t > 0 ? g->sent / t : 0.0);
	if (ref >= 0 && refused0 >= 0)
		fprintf(stderr, ", %lld refused", ref - refused0);
	fprintf(stderr, ", %llu errors   ", (unsigned long long)g->errors);
}

static double run(struct gen *g, long long refused0)
{
	__u32 cap = g->rate ? BURST_PACED : BURST_FLOOD;
	bool tty = isatty(2) && !json_output;
	double t0 = now(), t = 0, shown = 0;

	while (!gen_stop) {
		__u64 want, n;

		t = now() - t0;
		if ((g->count && g->sent >= g->count) ||
		    (g->duration && t >= g->duration))
			break;
		/* frames the clock allows by now (all of them unpaced) */
		want = g->rate ? (__u64)(t * g->rate) + 1 : g->sent + cap;
		if (g->count && want > g->count)
			want = g->count;
		if (want <= g->sent) {
			/* sleep until the next frame is due (10 ms at most,
			 * so Ctrl-C and the progress line are not late) */
			double due = (g->sent + 1) / g->rate - t;
			struct timespec ts = {
				0, (long)((due < 0.01 ? due : 0.01) * 1e9)};

			nanosleep(&ts, NULL);
			continue;
		}
		n = want - g->sent < cap ? want - g->sent : cap;
		g->sent += g->live ? live_burst(g, (__u32)n)
				   : xsk_burst(g, (__u32)n);
		if (tty && t - shown >= 0.5) {
			progress(g, t, refused0);
			shown = t;
		}
	}
	if (!g->live)
		xsk_drain(g);
	else /* what the program sent: frames it could not re-port it dropped */
		g->sent = live_counter(g, XK_GEN_SENT);
	t = now() - t0;
	if (tty) {
		progress(g, t, refused0);
		fputc('\n', stderr);
	}
	return t;
}

static int choose_mode(struct gen *g, const char *mode)
{
	struct xk_feature f[16];
	int n, i;

	if (mode && strcmp(mode, "auto")) {
		g->live = !strcmp(mode, "live");
		return 0;
	}
	n = xk_features(NULL, f, 16);
	for (i = 0; i < n; i++)
		if (!strcmp(f[i].name, "prog_run_live"))
			g->live = f[i].available;
	return 0;
}

int do_gen(const struct cmd *cmd, struct parsed *p)
{
	struct sigaction sa = {.sa_handler = on_signal};
	struct gen *g = calloc(1, sizeof(*g));
	long long refused0, refused1;
	double secs;
	int r;

	(void)cmd;
	if (!g)
		return p_err(EXIT_SYS, "out of memory");
	g->hold_ns = -1;
	g->ifname = p->dev.name;
	g->ifindex = p->dev.ifindex;
	g->flows = p->val[GEN_FLOWS] ? p->num[GEN_FLOWS] : 1;
	g->rate = p->val[GEN_RATE] ? p->num[GEN_RATE] : 0;
	g->count = p->val[GEN_COUNT] ? p->num[GEN_COUNT] : 0;
	r = describe(g, p);
	if (!r)
		r = choose_mode(g, p->val[GEN_MODE]);
	if (!r)
		r = g->live ? live_open(g) : xsk_open(g);
	if (r)
		goto out;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	refused0 = g->live ? xmit_refused(g->ifname) : -1;
	secs = run(g, refused0);
	refused1 = g->live ? xmit_refused(g->ifname) : -1;
	if (!g->live) {
		struct xk_xsk_stats st;

		if (!xk_xsk__stats(g->xsk, &st))
			g->errors += st.tx_invalid_descs;
	}
	if (json_output) {
		jw_obj_start(jw);
		jw_kstr(jw, "dev", g->ifname);
		jw_kstr(jw, "mode", g->live ? "live" : "xsk");
		jw_key(jw, "sent");
		jw_uint(jw, g->sent);
		jw_key(jw, "size");
		jw_uint(jw, g->len);
		jw_key(jw, "flows");
		jw_uint(jw, g->flows);
		jw_key(jw, "seconds");
		jw_double(jw, secs);
		jw_key(jw, "pps");
		jw_double(jw, secs > 0 ? g->sent / secs : 0);
		jw_key(jw, "refused");
		if (refused0 >= 0 && refused1 >= 0)
			jw_uint(jw, (__u64)(refused1 - refused0));
		else
			jw_null(jw);
		jw_key(jw, "errors");
		jw_uint(jw, g->errors);
		jw_kbool(jw, "interrupted", gen_stop);
		jw_obj_end(jw);
	} else {
		printf("gen: %llu frames of %u bytes in %.2f s (%.0f pps) out "
		       "of %s by %s",
		       (unsigned long long)g->sent, g->len, secs,
		       secs > 0 ? g->sent / secs : 0.0, g->ifname,
		       g->live ? "live frames" : "AF_XDP");
		if (refused0 >= 0 && refused1 >= 0)
			printf(", %lld refused by the driver",
			       refused1 - refused0);
		printf(", %llu errors%s\n", (unsigned long long)g->errors,
		       gen_stop ? " (interrupted)" : "");
	}
	if (g->errors && !g->sent && g->last_err)
		r = p_err(EXIT_SYS, "sending failed: %s",
			  strerror(g->last_err));
out:
	if (g->hold_ns >= 0)
		close(g->hold_ns); /* the namespace, lo and the hold go */
	if (g->skel)
		gen_bpf__destroy(g->skel);
	if (g->xsk)
		xk_xsk__destroy(g->xsk);
	free(g);
	return r;
}
