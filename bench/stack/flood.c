// SPDX-License-Identifier: GPL-2.0
/*
 * flood IFNAME DST PORT SECONDS [sweep]: the stack benchmark's load
 * generator, 64-byte UDP datagrams from IFNAME (a veth) to DST:PORT at
 * rates the servers under test do not reach. libxdpkit's sender
 * (<xdpkit/gen.h>, what xdpctl gen sends with) runs progs/gen over one
 * prepared frame in BPF_PROG_RUN live-frames mode with IFNAME as ingress:
 * XDP_TX makes each frame an ndo_xdp_xmit into the peer's ring, no
 * socket, no skb, no copy on the sending side (veth takes them only when
 * the peer has an XDP program). xk_flood (flood.bpf.c), attached to
 * IFNAME, counts and drops the echoes.
 *   without sweep: as fast as it can, the generator's own rate
 *   sweep:         paced, stepping the rate up past the server's capacity,
 *                  then holding twice that (see sweep())
 * Pacing matters: unpaced, veth refuses 10-30 frames for each one the
 * server takes, and the frames taken and refused return to the run's
 * page_pool ring under one lock from both CPUs, so the server's CPU spins
 * on the generator's lock. Prints one JSON line of rates per second:
 *   offered_pps   frames the generator ran
 *   delivered_pps frames veth put into the peer's ring (tx_queue_0_xdp_xmit)
 *   refused_pps   frames veth refused, ring full (tx_queue_0_xdp_xmit_errors)
 *   echo_pps      echoes counted on IFNAME
 * FLOOD_DEBUG=1 prints each sweep step on stderr. Run it in IFNAME's
 * network namespace; DST must be in the neighbour table (ping it first).
 * flood.bpf.o is looked up next to this binary.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <libgen.h>
#include <net/if.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/ethtool.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/ip.h>
#include <linux/sockios.h>
#include <linux/udp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/compose.h>
#include <xdpkit/gen.h>

#define GEN_PORT 40001
#define PAYLOAD	 64

struct frame {
	struct ethhdr eth;
	struct iphdr ip;
	struct udphdr udp;
	unsigned char payload[PAYLOAD];
} __attribute__((packed));
_Static_assert(sizeof(struct frame) == 14 + 20 + 8 + PAYLOAD, "frame");

struct cfg {
	__u16 echo_port;
	__u16 gen_port;
};

enum { XK_FLOOD_ECHOES = 1 }; /* xk_flood_count's slot */

static volatile sig_atomic_t stop;
static int attached; /* ifindex the echo counter is on, 0 when not */

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void die(const char *what, int err)
{
	fprintf(stderr, "flood: %s: %s\n", what, strerror(err));
	if (attached)
		bpf_xdp_detach(attached, XDP_FLAGS_DRV_MODE, NULL);
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* the peer's MAC from the neighbour table of this namespace */
static int neigh_mac(const char *ip, __u8 mac[ETH_ALEN])
{
	char line[256], a[64], m[64];
	unsigned flags, v[ETH_ALEN];
	FILE *f = fopen("/proc/net/arp", "r");
	int i, found = 0;

	if (!f)
		return -errno;
	while (!found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %*s %x %63s", a, &flags, m) == 3 &&
		    !strcmp(a, ip) && (flags & 2) &&
		    sscanf(m, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3],
			   &v[4], &v[5]) == 6)
			found = 1;
	fclose(f);
	for (i = 0; found && i < ETH_ALEN; i++)
		mac[i] = v[i];
	return found ? 0 : -ENOENT;
}

/* The frame: our MAC and address to @dst's, UDP GEN_PORT -> @port, DF,
 * PAYLOAD bytes of 'g'; lengths and checksums from xdpkit's builder. */
static void build(struct frame *f, int fd, const char *ifname, const char *dst,
		  int port)
{
	static const __u8 pay[PAYLOAD] = {[0 ... PAYLOAD - 1] = 'g'};
	char src[INET_ADDRSTRLEN];
	__u8 smac[ETH_ALEN], dmac[ETH_ALEN];
	struct ifreq ifr;
	int n;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr))
		die(ifname, errno);
	memcpy(smac, ifr.ifr_hwaddr.sa_data, ETH_ALEN);
	if (ioctl(fd, SIOCGIFADDR, &ifr))
		die("no IPv4 address", errno);
	inet_ntop(AF_INET, &((struct sockaddr_in *)&ifr.ifr_addr)->sin_addr,
		  src, sizeof(src));
	if (neigh_mac(dst, dmac))
		die("no neighbour entry for the destination (ping it first)",
		    ENOENT);
	n = xk_build(f, sizeof(*f), XK_ETH(.dst = {0}, .src = {0}),
		     XK_IP4(.src = src, .dst = dst, .frag_off = 0x4000),
		     XK_UDP(.sport = GEN_PORT, .dport = port),
		     XK_RAW(pay, PAYLOAD));
	if (n != (int)sizeof(*f))
		die(dst, EINVAL);
	memcpy(f->eth.h_dest, dmac, ETH_ALEN);
	memcpy(f->eth.h_source, smac, ETH_ALEN);
}

/* veth's per-queue XDP transmit counters of ifname: ok and refused */
static void xmit_stats(int fd, const char *ifname, __u64 *ok, __u64 *err)
{
	struct {
		struct ethtool_sset_info hdr;
		__u32 len;
	} info = {.hdr = {.cmd = ETHTOOL_GSSET_INFO,
			  .sset_mask = 1ULL << ETH_SS_STATS}};
	struct ethtool_gstrings *names;
	struct ethtool_stats *vals;
	struct ifreq ifr;
	__u32 i, n;

	*ok = *err = 0;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	ifr.ifr_data = (void *)&info;
	if (ioctl(fd, SIOCETHTOOL, &ifr))
		die("ethtool stats", errno);
	n = info.len;
	names = calloc(1, sizeof(*names) + n * ETH_GSTRING_LEN);
	vals = calloc(1, sizeof(*vals) + n * sizeof(__u64));
	if (!names || !vals)
		die("calloc", ENOMEM);
	names->cmd = ETHTOOL_GSTRINGS;
	names->string_set = ETH_SS_STATS;
	names->len = n;
	ifr.ifr_data = (void *)names;
	if (ioctl(fd, SIOCETHTOOL, &ifr))
		die("ethtool strings", errno);
	vals->cmd = ETHTOOL_GSTATS;
	vals->n_stats = n;
	ifr.ifr_data = (void *)vals;
	if (ioctl(fd, SIOCETHTOOL, &ifr))
		die("ethtool stats", errno);
	for (i = 0; i < n; i++) {
		const char *s = (char *)names->data + i * ETH_GSTRING_LEN;

		if (!strncmp(s, "tx_queue_", 9) &&
		    strstr(s, "_xdp_xmit_errors"))
			*err += vals->data[i];
		else if (!strncmp(s, "tx_queue_", 9) &&
			 strstr(s, "_xdp_xmit") &&
			 !strcmp(strstr(s, "_xdp_xmit"), "_xdp_xmit"))
			*ok += vals->data[i];
	}
	free(names);
	free(vals);
}

/* sum over the CPUs of one of xk_flood_count's counters */
static __u64 count(int map_fd, __u32 idx)
{
	int i, ncpu = libbpf_num_possible_cpus();
	__u64 v[ncpu > 0 ? ncpu : 1], sum = 0;

	if (bpf_map_lookup_elem(map_fd, &idx, v))
		die("counter", errno);
	for (i = 0; i < ncpu; i++)
		sum += v[i];
	return sum;
}

/* frames per BPF_PROG_RUN call: each call sets up (and tears down) a
 * page_pool for its frames, so not too few (64 a call could not pace
 * beyond ~700k/s while a server held frames); a paced burst is at most
 * the 256 frames of veth's ring */
#define CHUNK	  256
#define RATE0	  100000.0 /* the sweep's first rate, frames/s */
#define GROWTH	  1.25	   /* and its factor per step */
#define FINE	  1.07	   /* then this, up from the best step */
#define LOSSY	  0.95	   /* a step is clean when this share is echoed */
#define STEP	  0.12	   /* seconds per step */
#define PAST	  2.0	   /* hold at this many times the best echo rate */
#define HOLD	  0.5	   /* for at least this long */
#define MAX_STEPS 30

struct gen {
	int count_fd, sock;
	const char *ifname;
	struct xk_gen *tx;
};

struct snap {
	double t;
	__u64 offered, echoes, ok, refused;
};

struct rates {
	double offered, delivered, refused, echo;
};

static void snap(struct gen *g, struct snap *s)
{
	s->t = now();
	s->offered = xk_gen__sent(g->tx);
	s->echoes = count(g->count_fd, XK_FLOOD_ECHOES);
	xmit_stats(g->sock, g->ifname, &s->ok, &s->refused);
}

static struct rates rates(const struct snap *a, const struct snap *b)
{
	double dt = b->t - a->t;

	return (struct rates){
		(b->offered - a->offered) / dt, (b->ok - a->ok) / dt,
		(b->refused - a->refused) / dt, (b->echoes - a->echoes) / dt};
}

/* Offer frames for secs (or until SIGINT/SIGTERM) at rate frames/s, or as
 * fast as the generator can when rate is 0. */
static void run(struct gen *g, double secs, double rate)
{
	double t0 = now(), t;
	__u64 sent = 0;

	while (!stop && (t = now()) - t0 < secs) {
		if (rate && sent > (t - t0) * rate)
			continue;
		int r = xk_gen__send(g->tx, CHUNK);

		if (r < 0)
			die("BPF_PROG_RUN live frames", -r);
		sent += (__u64)r;
	}
}

static void print_rates(const char *name, const struct rates *r)
{
	printf("\"%s\": {\"offered_pps\": %.0f, \"delivered_pps\": %.0f, "
	       "\"refused_pps\": %.0f, \"echo_pps\": %.0f}",
	       name, r->offered, r->delivered, r->refused, r->echo);
}

/* As fast as it can for secs: the generator's own rate. */
static void flood(struct gen *g, double secs)
{
	struct snap a, b;
	struct rates r;

	run(g, 0.3, 0); /* warm up */
	snap(g, &a);
	run(g, secs, 0);
	snap(g, &b);
	r = rates(&a, &b);
	printf("{\"seconds\": %.2f, ", b.t - a.t);
	print_rates("max", &r);
	printf("}\n");
}

/* One sweep step: offer rate for STEP seconds; keep the step with the most
 * echoes and the highest rate offered. */
static struct rates step(struct gen *g, double rate, struct rates *peak,
			 double *most)
{
	static int n;
	const char *debug = getenv("FLOOD_DEBUG");
	struct snap a, b;
	struct rates r;

	snap(g, &a);
	run(g, STEP, rate);
	snap(g, &b);
	r = rates(&a, &b);
	if (debug && *debug && strcmp(debug, "0"))
		fprintf(stderr,
			"flood: step %d at %.0fk/s: offered %.0fk delivered "
			"%.0fk refused %.0fk echoes %.0fk\n",
			++n, rate / 1e3, r.offered / 1e3, r.delivered / 1e3,
			r.refused / 1e3, r.echo / 1e3);
	if (r.echo > peak->echo)
		*peak = r;
	if (r.offered > *most)
		*most = r.offered;
	return r;
}

/* Step the offered rate up from RATE0 by GROWTH while the server keeps
 * up (echoes at least LOSSY of it) or its echo rate still grows by 5%,
 * then by FINE from the best step's rate up to the last one; then hold
 * PAST times the best echo rate for the rest of secs (at least HOLD).
 * Prints the best step (the server's capacity, within FINE; the hold
 * counts too), the hold (how the server copes overloaded), and whether
 * the generator never got clearly beyond what the server echoed. */
static void sweep(struct gen *g, double secs)
{
	struct rates r, peak = {0}, hold;
	double rate = RATE0, best = 0, base = RATE0, most = 0, t0, f;
	struct snap a, b;
	int steps;

	run(g, 0.3, RATE0); /* warm up: the server learns our MAC */
	t0 = now();
	for (steps = 0; !stop && steps < MAX_STEPS; steps++, rate *= GROWTH) {
		r = step(g, rate, &peak, &most);
		if (r.echo < LOSSY * r.offered && r.echo < 1.05 * best)
			break;
		if (r.echo > best) {
			best = r.echo;
			base = rate;
		}
	}
	for (f = FINE; !stop && base * f < rate * 0.99; f *= FINE)
		step(g, base * f, &peak, &most);
	rate = PAST * peak.echo > rate ? PAST * peak.echo : rate;
	snap(g, &a);
	run(g, now() - t0 < secs - HOLD ? secs - (now() - t0) : HOLD, rate);
	snap(g, &b);
	hold = rates(&a, &b);
	if (hold.echo > peak.echo)
		peak = hold;
	if (hold.offered > most)
		most = hold.offered;
	/* the generator is the limit if it never offered clearly more than
	 * the server echoed at best */
	printf("{\"seconds\": %.2f, \"generator_behind\": %s, ", b.t - t0,
	       most < 1.1 * peak.echo ? "true" : "false");
	print_rates("peak", &peak);
	printf(", ");
	print_rates("overload", &hold);
	printf("}\n");
}

int main(int argc, char **argv)
{
	char path[4096], exe[4096];
	struct sigaction sa = {.sa_handler = on_signal};
	struct bpf_object *obj;
	struct frame f;
	struct cfg c;
	struct gen g = {0};
	double secs;
	int fd, sock, ifindex, port, ret, prog_fd;
	bool do_sweep;
	ssize_t len;
	__u32 zero = 0;

	if (argc != 5 && (argc != 6 || strcmp(argv[5], "sweep"))) {
		fprintf(stderr, "usage: %s IFNAME DST PORT SECONDS [sweep]\n",
			argv[0]);
		return 2;
	}
	port = atoi(argv[3]);
	secs = atof(argv[4]);
	do_sweep = argc == 6;
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex)
		die(argv[1], errno);
	sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		die("socket", errno);
	build(&f, sock, argv[1], argv[2], port);

	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len < 0)
		die("/proc/self/exe", errno);
	exe[len] = 0;
	snprintf(path, sizeof(path), "%s/flood.bpf.o", dirname(exe));
	obj = bpf_object__open_file(path, NULL);
	if (!obj || bpf_object__load(obj))
		die(path, errno);
	prog_fd = bpf_program__fd(
		bpf_object__find_program_by_name(obj, "xk_flood"));
	c = (struct cfg){htons(port), htons(GEN_PORT)};
	fd = bpf_object__find_map_fd_by_name(obj, "xk_flood_cfg");
	if (bpf_map_update_elem(fd, &zero, &c, 0))
		die("config", errno);
	g.count_fd = bpf_object__find_map_fd_by_name(obj, "xk_flood_count");
	g.sock = sock;
	g.ifname = argv[1];
	{
		struct xk_gen_opts o = {
			.sz = sizeof(o), .mode = XK_GEN_LIVE, .burst = CHUNK};

		g.tx = xk_gen__open(argv[1], &f, sizeof(f), &o);
		if (!g.tx)
			die(xk_errmsg(), errno);
	}

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	ret = bpf_xdp_attach(ifindex, prog_fd,
			     XDP_FLAGS_DRV_MODE | XDP_FLAGS_UPDATE_IF_NOEXIST,
			     NULL);
	if (ret)
		die("attach (another XDP program there?)", -ret);
	attached = ifindex;
	if (do_sweep)
		sweep(&g, secs);
	else
		flood(&g, secs);
	bpf_xdp_detach(ifindex, XDP_FLAGS_DRV_MODE, NULL);
	attached = 0;
	xk_gen__close(g.tx);
	bpf_object__close(obj);
	return stop ? 1 : 0;
}
