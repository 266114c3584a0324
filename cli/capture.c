// SPDX-License-Identifier: GPL-2.0
/*
 * xdpctl capture: packets on a hook as they entered it and as the program
 * there (ours: built with <xdpkit/prog.h>'s entry points) left them, with
 * its verdict. Those entry points carry a capture hook that costs one
 * load while the global xk_capture_cfg[0] (map ".data.xk_cap") is 0;
 * capture sets it to the snap length, reads the perf buffer xk_capture_ring
 * with libbpf, filters with libpcap (a tcpdump expression, compiled here and
 * run over each packet as it entered: every packet crosses to userspace while a
 * capture runs, whatever the filter), and writes pcapng (two interface blocks:
 * the hook's entry, the program's exit with epb_verdict and epb_queue) or one
 * line per record. Count, Ctrl-C or SIGTERM end it; the hook goes back to
 * 0 before anything is closed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/capture.h>
#include <xdpkit/chain.h>
#include <xdpkit/loader.h>
#include <xdpkit/parse.h>
#include "pcapfilter.h"
#include "pcapng.h"
#include "xdpctl.h"

enum {
	CAP_DEV,
	CAP_XDP,
	CAP_TC,
	CAP_COUNT,
	CAP_SNAPLEN,
	CAP_WRITE,
	CAP_FILTER,
	CAP_NR,
};

const struct arg capture_args[] = {
	[CAP_DEV] = {"dev", ARG_DEV, "IFNAME", "capture on this interface",
		     true, false, 0, 0},
	[CAP_XDP] = {"xdp", ARG_FLAG, NULL, "the XDP hook (the default)", false,
		     false, 0, 0},
	[CAP_TC] = {"tc", ARG_CHOICE, "ingress|egress", "a tc hook instead",
		    false, false, 0, 0},
	[CAP_COUNT] = {"count", ARG_U32, "N", "stop after N packets", false,
		       false, 1, 4000000000u},
	[CAP_SNAPLEN] = {"snaplen", ARG_U32, "BYTES",
			 "bytes of each packet kept (default 65535)", false,
			 false, 14, 65535},
	[CAP_WRITE] = {"-w", ARG_VALUE, "FILE",
		       "write pcapng to FILE (- for stdout) instead of lines",
		       false, false, 0, 0},
	[CAP_FILTER] = {"FILTER", ARG_REST, NULL,
			"a tcpdump expression on the packet as it entered "
			"(libpcap)",
			false, false, 0, 0},
	[CAP_NR] = {NULL, 0, NULL, NULL, false, false, 0, 0},
};

#define MAX_STAGES (XK_CHAIN_MAX + 1)

struct cap {
	FILE *out; /* pcapng, or NULL for lines */
	const char *ifname, *hook;
	/* stage 0: the entry; 1..: the exit of the program, or of each
	 * member of an XDP chain in order */
	char stage[MAX_STAGES][128];
	__u32 on[MAX_STAGES]; /* a member's chain-call set */
	int nstages, last;    /* last: the last stage with the hook */
	int ifaces[MAX_STAGES];
	bool xdp;
	struct pcap_filter *filter;
	__u64 count, packets, records, filtered, lost, ts_off;
	bool *match; /* per CPU: did the last entry record pass the filter */
	int ncpu;
	bool done;
};

static volatile sig_atomic_t cap_stop;

static void on_signal(int sig)
{
	(void)sig;
	cap_stop = 1;
}

static const char *verdict_str(const struct cap *c, __u32 v)
{
	static const char *const xdp[] = {"XDP_ABORTED", "XDP_DROP", "XDP_PASS",
					  "XDP_TX", "XDP_REDIRECT"};
	static char buf[24];

	if (c->xdp && v < 5)
		return xdp[v];
	if (!c->xdp && v == TC_ACT_OK)
		return "TC_ACT_OK";
	if (!c->xdp && v == TC_ACT_SHOT)
		return "TC_ACT_SHOT";
	if (!c->xdp && v == TC_ACT_REDIRECT)
		return "TC_ACT_REDIRECT";
	snprintf(buf, sizeof(buf), "%u", v);
	return buf;
}

/* "10.0.0.1.40001 > 10.0.0.2.9 udp" and the like, from our parser */
static void summary(const __u8 *p, __u32 n, char *out, size_t sz)
{
	struct xk_pkt_ro pkt = xk_pkt_buf_ro(p, n);
	char a[INET6_ADDRSTRLEN] = "?", b[INET6_ADDRSTRLEN] = "?";
	const char *proto;
	struct xk_l4_ro l4;
	int r = xk_parse_l4(&pkt, &l4);

	if (l4.l3_proto == ETH_P_IP) {
		inet_ntop(AF_INET, &l4.ip4.h->saddr, a, sizeof(a));
		inet_ntop(AF_INET, &l4.ip4.h->daddr, b, sizeof(b));
	} else if (l4.l3_proto == ETH_P_IPV6) {
		inet_ntop(AF_INET6, &l4.ip6.h->saddr, a, sizeof(a));
		inet_ntop(AF_INET6, &l4.ip6.h->daddr, b, sizeof(b));
	} else {
		snprintf(out, sz, "%s",
			 l4.l3_proto == ETH_P_ARP ? "arp" : "non-IP");
		return;
	}
	proto = l4.proto == IPPROTO_TCP	     ? "tcp"
		: l4.proto == IPPROTO_UDP    ? "udp"
		: l4.proto == IPPROTO_ICMP   ? "icmp"
		: l4.proto == IPPROTO_ICMPV6 ? "icmp6"
					     : "ip";
	if (l4.proto == IPPROTO_TCP || l4.proto == IPPROTO_UDP)
		snprintf(out, sz, "%s.%u > %s.%u %s%s", a, xk_l4_sport(&l4), b,
			 xk_l4_dport(&l4), proto, r ? " (malformed)" : "");
	else
		snprintf(out, sz, "%s > %s %s%s", a, b, proto,
			 r ? " (malformed)" : "");
}

static void on_sample(void *ctx, int cpu, void *data, __u32 size)
{
	struct cap *c = ctx;
	struct xk_capture_rec r;
	const __u8 *pkt;

	if (c->done || size < sizeof(r))
		return;
	memcpy(&r, data, sizeof(r));
	if (r.cap > size - sizeof(r) || r.cap > r.len || cpu < 0 ||
	    cpu >= c->ncpu || r.stage >= c->nstages)
		return; /* not one of ours: never written by the hook */
	pkt = (const __u8 *)data + sizeof(r);
	if (r.stage == XK_CAPTURE_ENTRY) {
		c->match[cpu] = !c->filter ||
				pcap_filter_match(c->filter, pkt, r.cap, r.len);
		if (!c->match[cpu]) {
			c->filtered++;
			return;
		}
		c->packets++;
	} else if (!c->match[cpu]) {
		return; /* the exit of a packet filtered out */
	}
	c->records++;
	if (c->out) {
		pcapng_packet(c->out, c->ifaces[r.stage], r.ts + c->ts_off, pkt,
			      r.cap, r.len, r.queue,
			      r.stage ? (c->xdp ? PCAPNG_XDP : PCAPNG_TC)
				      : PCAPNG_NO_VERDICT,
			      r.verdict);
	} else if (json_output) {
		char s[160];

		summary(pkt, r.cap, s, sizeof(s));
		jw_obj_start(jw);
		jw_key(jw, "ts_ns");
		jw_uint(jw, r.ts + c->ts_off);
		jw_kstr(jw, "stage", r.stage ? c->stage[r.stage] : "entry");
		if (r.stage)
			jw_kstr(jw, "verdict", verdict_str(c, r.verdict));
		jw_key(jw, "len");
		jw_uint(jw, r.len);
		jw_key(jw, "queue");
		jw_uint(jw, r.queue);
		jw_kstr(jw, "summary", s);
		jw_obj_end(jw);
	} else {
		__u64 t = r.ts + c->ts_off;
		time_t sec = (time_t)(t / 1000000000ull);
		struct tm tm;
		char s[160];

		localtime_r(&sec, &tm);
		summary(pkt, r.cap, s, sizeof(s));
		printf("%02d:%02d:%02d.%06llu %s %s %-12s %-12s len %u q %u: "
		       "%s\n",
		       tm.tm_hour, tm.tm_min, tm.tm_sec,
		       (unsigned long long)(t % 1000000000ull / 1000),
		       c->ifname, c->hook,
		       r.stage ? c->stage[r.stage] : "entry",
		       r.stage ? verdict_str(c, r.verdict) : "", r.len, r.queue,
		       s);
	}
	/* a packet's exit ends it (the last member's: a chain's packet may
	 * stop earlier, and then the next entry or the stop ends it): the
	 * count is of packets */
	if (r.stage && c->count && c->packets >= c->count &&
	    (r.stage >= c->last || r.verdict >= 32 ||
	     !(c->on[r.stage] & (1u << r.verdict))))
		c->done = true;
}

static void on_lost(void *ctx, int cpu, __u64 n)
{
	(void)cpu;
	((struct cap *)ctx)->lost += n;
}

/* The capture maps of program @id (-1 where it has none): 0, or -errno. */
static int capture_maps(__u32 id, int *cfg_fd, int *ring_fd)
{
	struct bpf_prog_info pi = {};
	__u32 plen = sizeof(pi), map_ids[64], i;
	int fd;

	*cfg_fd = *ring_fd = -1;
	fd = bpf_prog_get_fd_by_id(id);
	if (fd < 0 || bpf_obj_get_info_by_fd(fd, &pi, &plen)) {
		int err = -errno;

		if (fd >= 0)
			close(fd);
		return err;
	}
	if (pi.nr_map_ids > 64)
		pi.nr_map_ids = 64;
	{
		struct bpf_prog_info pi2 = {.nr_map_ids = pi.nr_map_ids,
					    .map_ids = (__u64)(long)map_ids};

		plen = sizeof(pi2);
		if (bpf_obj_get_info_by_fd(fd, &pi2, &plen)) {
			int err = -errno;

			close(fd);
			return err;
		}
	}
	close(fd);
	for (i = 0; i < pi.nr_map_ids; i++) {
		struct bpf_map_info mi = {};
		__u32 mlen = sizeof(mi);
		int mfd = bpf_map_get_fd_by_id(map_ids[i]);

		if (mfd < 0)
			continue;
		if (!bpf_obj_get_info_by_fd(mfd, &mi, &mlen) &&
		    !strcmp(mi.name, ".data.xk_cap") && mi.value_size == 8 &&
		    *cfg_fd < 0)
			*cfg_fd = mfd;
		else if (!strcmp(mi.name, "xk_capture_ring") && *ring_fd < 0)
			*ring_fd = mfd;
		else
			close(mfd);
	}
	return 0;
}

/* xdpctl clean: turn off the capture hooks of every program here that a
 * killed capture left on (its owner is gone). Returns how many. */
int capture_reap(void)
{
	struct xk_status *st;
	int i, k, n = 0;

	if (xk_iface__status(0, &st))
		return 0;
	for (i = 0; i < st->nifaces; i++)
		for (k = 0; k < st->ifaces[i].nprogs; k++) {
			__u32 cfg[2] = {0}, off[2] = {0};
			__u32 zero = 0;
			int cfd, rfd;

			if (capture_maps(st->ifaces[i].progs[k].id, &cfd, &rfd))
				continue;
			if (cfd >= 0 && !bpf_map_lookup_elem(cfd, &zero, cfg) &&
			    cfg[XK_CAPTURE_SNAP] &&
			    (!cfg[XK_CAPTURE_OWNER] ||
			     (kill((pid_t)cfg[XK_CAPTURE_OWNER], 0) &&
			      errno == ESRCH)) &&
			    !bpf_map_update_elem(cfd, &zero, off, 0))
				n++;
			if (cfd >= 0)
				close(cfd);
			if (rfd >= 0)
				close(rfd);
		}
	xk_status__free(st);
	return n;
}

/* The program on (ifindex, hook), or an XDP chain's members: the stage
 * names, and the capture maps (a chain's members share theirs). */
static int find_prog(int ifindex, bool xdp, bool egress, struct cap *c,
		     int *cfg_fd, int *ring_fd)
{
	struct xk_status *st;
	__u32 id = 0, root = 0, hook_id = 0;
	char name[128] = "";
	int err, k;

	*cfg_fd = *ring_fd = -1;
	c->nstages = 1;
	err = xk_iface__status(ifindex, &st);
	if (err)
		return p_liberr(err);
	for (k = 0; st->nifaces && k < st->ifaces[0].nprogs; k++) {
		const struct xk_prog_status *ps = &st->ifaces[0].progs[k];
		bool hit = xdp	    ? ps->hook == XK_HOOK_XDP
			   : egress ? ps->hook == XK_HOOK_TC_EGRESS ||
					      ps->hook == XK_HOOK_TCX_EGRESS
				    : ps->hook == XK_HOOK_TC_INGRESS ||
					      ps->hook == XK_HOOK_TCX_INGRESS;

		if (!hit)
			continue;
		if (xdp && ps->chain_pos && root && c->nstages < MAX_STAGES) {
			int cf, rf;

			c->on[c->nstages] = ps->chain_on;
			snprintf(c->stage[c->nstages++], sizeof(c->stage[0]),
				 "%s", ps->label);
			if (capture_maps(ps->id, &cf, &rf))
				cf = rf = -1;
			if (cf >= 0 && rf >= 0)
				c->last = c->nstages - 1;
			/* the first with the hook gives the shared maps */
			if (!id && cf >= 0 && rf >= 0) {
				id = ps->id;
				*cfg_fd = cf;
				*ring_fd = rf;
				continue;
			}
			if (cf >= 0)
				close(cf);
			if (rf >= 0)
				close(rf);
			continue;
		}
		if (hook_id)
			continue;
		hook_id = ps->id;
		snprintf(name, sizeof(name), "%s", ps->name);
		if (xdp && ps->owner == XK_OWNER_XDPKIT &&
		    !strcmp(ps->label, XK_CHAIN_LABEL))
			root = ps->id;
	}
	xk_status__free(st);
	if (!hook_id)
		return p_err(EXIT_SYS,
			     "no program on the %s hook of this interface: "
			     "capture shows what a program of ours sees (try "
			     "xdpctl attach stats ...)",
			     xdp      ? "xdp"
			     : egress ? "tc egress"
				      : "tc ingress");
	if (root) {
		if (!id)
			return p_err(EXIT_SYS,
				     "no member of the XDP chain has a capture "
				     "hook: none was built with "
				     "<xdpkit/prog.h>'s entry points");
		return 0;
	}
	c->last = c->nstages;
	snprintf(c->stage[c->nstages++], sizeof(c->stage[0]), "%s", name);
	err = capture_maps(hook_id, cfg_fd, ring_fd);
	if (err)
		return p_err(EXIT_SYS, "program %u: %s", hook_id,
			     strerror(-err));
	if (*cfg_fd < 0 || *ring_fd < 0)
		return p_err(EXIT_SYS,
			     "%s (id %u) has no capture hook: it was not built "
			     "with <xdpkit/prog.h>'s entry points "
			     "(XK_PROG_XDP/XK_PROG_TC)",
			     name, hook_id);
	return 0;
}

int do_capture(const struct cmd *cmd, struct parsed *p)
{
	struct sigaction sa = {.sa_handler = on_signal};
	const char *dir = p->val[CAP_TC];
	struct perf_buffer *pb = NULL;
	struct cap c = {.ifname = p->dev.name};
	__u32 zero = 0, snap;
	__u32 cfg[2] = {0}, off[2] = {0};
	char hookname[32], *name;
	int cfg_fd = -1, ring_fd = -1, r = 0, err, k;
	struct timespec rt, mono;
	bool egress = false;

	(void)cmd;
	if (p->val[CAP_XDP] && dir)
		return p_usage("capture", "xdp or tc, not both");
	egress = dir && !strcmp(dir, "egress");
	if (json_output && p->val[CAP_WRITE] && !strcmp(p->val[CAP_WRITE], "-"))
		return p_usage("capture", "-j and -w - both want stdout: "
					  "write the capture to a file");
	c.xdp = !dir;
	snprintf(hookname, sizeof(hookname), "%s%s", dir ? "tc " : "xdp",
		 dir ? dir : "");
	c.hook = hookname;
	c.count = p->val[CAP_COUNT] ? p->num[CAP_COUNT] : 0;
	snap = p->val[CAP_SNAPLEN] ? p->num[CAP_SNAPLEN] : 65535;
	/* the filter first: a bad one changes nothing */
	if (p->val[CAP_FILTER]) {
		char e[256];

		c.filter =
			pcap_filter_new(p->val[CAP_FILTER], snap, e, sizeof(e));
		if (!c.filter)
			return p_usage("capture", "filter '%s': %s",
				       p->val[CAP_FILTER], e);
	}
	r = find_prog(p->dev.ifindex, c.xdp, egress, &c, &cfg_fd, &ring_fd);
	if (r)
		goto out;
	name = c.stage[1];
	if (!bpf_map_lookup_elem(cfg_fd, &zero, cfg) && cfg[XK_CAPTURE_SNAP] &&
	    cfg[XK_CAPTURE_OWNER] &&
	    (kill((pid_t)cfg[XK_CAPTURE_OWNER], 0) == 0 || errno != ESRCH)) {
		r = p_err(EXIT_SYS,
			  "%s's capture hook is in use by process %u (another "
			  "xdpctl capture): stop that one first",
			  name, cfg[XK_CAPTURE_OWNER]);
		goto out;
	}
	/* on, with no owner alive: a capture that was killed; take it */
	c.ncpu = libbpf_num_possible_cpus();
	c.match = calloc(c.ncpu > 0 ? c.ncpu : 1, sizeof(*c.match));
	if (!c.match) {
		r = p_err(EXIT_SYS, "out of memory");
		goto out;
	}
	if (p->val[CAP_WRITE]) {
		char desc[160];

		c.out = strcmp(p->val[CAP_WRITE], "-")
				? fopen(p->val[CAP_WRITE], "wb")
				: stdout;
		if (!c.out) {
			r = p_err(EXIT_SYS, "%s: %s", p->val[CAP_WRITE],
				  strerror(errno));
			goto out;
		}
		pcapng_start(c.out);
		snprintf(desc, sizeof(desc), "%s %s: as the packets entered",
			 c.ifname, hookname);
		c.ifaces[0] = pcapng_iface(c.out, c.ifname, desc, snap);
		for (k = 1; k < c.nstages; k++) {
			char nm[200];

			snprintf(desc, sizeof(desc),
				 "%s %s: as %s left them, with its verdict",
				 c.ifname, hookname, c.stage[k]);
			snprintf(nm, sizeof(nm), "%s:%s", c.ifname, c.stage[k]);
			c.ifaces[k] = pcapng_iface(c.out, nm, desc, snap);
		}
	}
	if (!c.out && !json_output)
		setvbuf(stdout, NULL, _IOLBF,
			0); /* a live view, line by line */
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	c.ts_off = (__u64)(rt.tv_sec - mono.tv_sec) * 1000000000ull +
		   (__u64)(rt.tv_nsec - mono.tv_nsec);
	pb = perf_buffer__new(ring_fd, 64, on_sample, on_lost, &c, NULL);
	if (!pb) {
		r = p_err(EXIT_SYS, "perf buffer: %s", strerror(errno));
		goto out;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (json_output && !c.out) {
		jw_obj_start(jw);
		jw_key(jw, "packets");
		jw_arr_start(jw);
	}
	cfg[XK_CAPTURE_SNAP] = snap;
	cfg[XK_CAPTURE_OWNER] = (__u32)getpid();
	if (bpf_map_update_elem(cfg_fd, &zero, cfg, 0)) {
		r = p_err(EXIT_SYS, "cannot turn the capture hook on: %s",
			  strerror(errno));
		goto out;
	}
	if (!json_output && c.out != stdout)
		fprintf(stderr, "capture: %s %s, %s%s%s (Ctrl-C stops)\n",
			c.ifname, hookname,
			c.nstages > 2 ? "the chain from " : "", name,
			c.filter ? ", filtered in userspace" : "");
	while (!cap_stop && !c.done) {
		err = perf_buffer__poll(pb, 100);
		if (err < 0 && err != -EINTR) {
			r = p_err(EXIT_SYS, "perf buffer: %s", strerror(-err));
			break;
		}
		if (c.out && c.out != stdout)
			fflush(c.out);
	}
	/* off first, then what is still in the buffers */
	bpf_map_update_elem(cfg_fd, &zero, off, 0);
	perf_buffer__consume(pb);
	if (json_output) {
		if (!c.out)
			jw_arr_end(jw);
		else
			jw_obj_start(jw);
		jw_key(jw, "captured");
		jw_uint(jw, c.packets);
		jw_key(jw, "lost");
		jw_uint(jw, c.lost);
		jw_key(jw, "filtered_out");
		jw_uint(jw, c.filtered);
		jw_obj_end(jw);
	} else {
		fprintf(stderr,
			"capture: %llu packets (%llu records), %llu lost, "
			"%llu filtered out\n",
			(unsigned long long)c.packets,
			(unsigned long long)c.records,
			(unsigned long long)c.lost,
			(unsigned long long)c.filtered);
	}
out:
	if (cfg_fd >= 0) {
		if (pb) /* we turned it on: never leave it on */
			bpf_map_update_elem(cfg_fd, &zero, off, 0);
		close(cfg_fd);
	}
	perf_buffer__free(pb);
	if (ring_fd >= 0)
		close(ring_fd);
	if (c.out && c.out != stdout)
		fclose(c.out);
	else if (c.out)
		fflush(c.out);
	pcap_filter_free(c.filter);
	free(c.match);
	return r;
}
