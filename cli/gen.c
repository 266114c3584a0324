// SPDX-License-Identifier: GPL-2.0
/*
 * xdpctl gen: a traffic generator that runs on this kernel. The packet is
 * described with the builder's words (udp|tcp|icmp, dst, dport, ...) and
 * built once by xk_build() (<xdpkit/compose.h>): every length and checksum
 * right, the destination MAC from the kernel's neighbours. libxdpkit's
 * sender (<xdpkit/gen.h>) sends it: live frames (BPF_PROG_RUN, XDP_TX) or
 * an AF_XDP socket, flows varying the source port. Paced to rate (bursts that
 * never outrun the clock) or as fast as it can; count, duration or Ctrl-C end
 * it, after which the frames still queued are waited for and a summary is
 * printed (JSON with -j). A progress line updates in place on a terminal.
 */
#include <errno.h>
#include <math.h>
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
#include <linux/sockios.h>
#include <xdpkit/compose.h>
#include <xdpkit/gen.h>
#include <xdpkit/loader.h>
#include <xdpkit/stack.h>
#include "xdpctl.h"

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
	struct xk_gen *tx;
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
		/* with a MAC given only the route's source address is
		 * wanted: no waiting for a neighbour */
		r = xk_nexthop__resolve(g->ifindex, fam, dst,
					p->val[GEN_DMAC] ? 0 : 1000, &nh);
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
			if (r && r != -EHOSTUNREACH)
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
	int r;

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
		r = xk_gen__send(g->tx, (__u32)n);
		if (r < 0) {
			g->errors += n;
			g->last_err = -r;
			if (!g->sent)
				break; /* it never worked: say so */
		} else {
			g->sent += (__u64)r;
		}
		if (tty && t - shown >= 0.5) {
			progress(g, t, refused0);
			shown = t;
		}
	}
	xk_gen__flush(g->tx, 1000);
	/* what the kernel took: the program's count, the completions */
	g->sent = xk_gen__sent(g->tx);
	t = now() - t0;
	if (tty) {
		progress(g, t, refused0);
		fputc('\n', stderr);
	}
	return t;
}

int do_gen(const struct cmd *cmd, struct parsed *p)
{
	struct sigaction sa = {.sa_handler = on_signal};
	struct gen *g = calloc(1, sizeof(*g));
	long long refused0, refused1;
	double secs;
	bool live;
	int r;

	(void)cmd;
	if (!g)
		return p_err(EXIT_SYS, "out of memory");
	g->ifname = p->dev.name;
	g->ifindex = p->dev.ifindex;
	g->flows = p->val[GEN_FLOWS] ? p->num[GEN_FLOWS] : 1;
	g->rate = p->val[GEN_RATE] ? p->num[GEN_RATE] : 0;
	g->count = p->val[GEN_COUNT] ? p->num[GEN_COUNT] : 0;
	r = describe(g, p);
	if (r)
		goto out;
	{
		const char *m = p->val[GEN_MODE];
		struct xk_gen_opts o = {
			.sz = sizeof(o),
			.mode = !m || !strcmp(m, "auto") ? XK_GEN_AUTO
				: !strcmp(m, "live")	 ? XK_GEN_LIVE
							 : XK_GEN_XSK,
			.flows = g->flows,
			.sport = g->sport,
			.burst = g->rate ? BURST_PACED : BURST_FLOOD,
		};

		g->tx = xk_gen__open(g->ifname, g->frame, g->len, &o);
		if (!g->tx) {
			r = p_err(EXIT_SYS, "%s", xk_errmsg());
			goto out;
		}
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	live = xk_gen__live(g->tx);
	refused0 = live ? xmit_refused(g->ifname) : -1;
	secs = run(g, refused0);
	refused1 = live ? xmit_refused(g->ifname) : -1;
	g->errors += xk_gen__errors(g->tx);
	if (json_output) {
		jw_obj_start(jw);
		jw_kstr(jw, "dev", g->ifname);
		jw_kstr(jw, "mode", live ? "live" : "xsk");
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
		       live ? "live frames" : "AF_XDP");
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
	xk_gen__close(g->tx);
	free(g);
	return r;
}
