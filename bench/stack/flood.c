// SPDX-License-Identifier: GPL-2.0
/*
 * flood IFNAME DST PORT SECONDS: the stack benchmark's load generator, an
 * open-loop flood of 64-byte UDP datagrams from IFNAME (a veth) to DST:PORT
 * that is not the bottleneck of what it measures. BPF_PROG_RUN in
 * live-frames mode runs xk_flood_tx (XDP_TX) over one prepared frame with
 * IFNAME as ingress, so every run is an ndo_xdp_xmit into the peer's ring:
 * no socket, no skb, no copy on the sending side (the peer needs an XDP
 * program for veth to take them). xk_echo_count on IFNAME counts and drops
 * the echoes. Prints one JSON line:
 *   offered_pps   frames the generator ran per second
 *   delivered_pps frames veth put into the peer's ring (tx_queue_0_xdp_xmit)
 *   refused_pps   frames veth refused, ring full (tx_queue_0_xdp_xmit_errors)
 *   echo_pps      echoes counted on IFNAME
 * Run it in IFNAME's network namespace; DST must be in the neighbour table
 * (ping it first). flood.bpf.o is looked up next to this binary.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <libgen.h>
#include <net/if.h>
#include <signal.h>
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

#ifndef BPF_F_TEST_XDP_LIVE_FRAMES
#define BPF_F_TEST_XDP_LIVE_FRAMES (1U << 1)
#endif

#define GEN_PORT 40001
#define PAYLOAD	 64
#define REPEAT	 (1 << 15) /* frames per BPF_PROG_RUN call */

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

static __u16 csum_fold(__u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (__u16)~sum;
}

static __u32 csum_add(__u32 sum, const void *p, size_t len)
{
	const __u8 *b = p;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (b[i] << 8) | b[i + 1];
	if (len & 1)
		sum += b[len - 1] << 8;
	return sum;
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

static void build(struct frame *f, int fd, const char *ifname, const char *dst,
		  int port)
{
	struct ifreq ifr;
	__u32 sum;

	memset(f, 0, sizeof(*f));
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr))
		die(ifname, errno);
	memcpy(f->eth.h_source, ifr.ifr_hwaddr.sa_data, ETH_ALEN);
	if (ioctl(fd, SIOCGIFADDR, &ifr))
		die("no IPv4 address", errno);
	f->ip.saddr = ((struct sockaddr_in *)&ifr.ifr_addr)->sin_addr.s_addr;
	if (neigh_mac(dst, f->eth.h_dest))
		die("no neighbour entry for the destination (ping it first)",
		    ENOENT);
	if (inet_pton(AF_INET, dst, &f->ip.daddr) != 1)
		die(dst, EINVAL);
	f->eth.h_proto = htons(ETH_P_IP);
	f->ip.version = 4;
	f->ip.ihl = 5;
	f->ip.tot_len = htons(sizeof(*f) - sizeof(f->eth));
	f->ip.frag_off = htons(0x4000);
	f->ip.ttl = 64;
	f->ip.protocol = IPPROTO_UDP;
	f->ip.check = htons(csum_fold(csum_add(0, &f->ip, sizeof(f->ip))));
	f->udp.source = htons(GEN_PORT);
	f->udp.dest = htons(port);
	f->udp.len = htons(sizeof(f->udp) + PAYLOAD);
	memset(f->payload, 'g', PAYLOAD);
	sum = csum_add(0, &f->ip.saddr, 8);
	sum += IPPROTO_UDP + sizeof(f->udp) + PAYLOAD;
	sum = csum_add(sum, &f->udp, sizeof(f->udp) + PAYLOAD);
	f->udp.check = htons(csum_fold(sum) ? csum_fold(sum) : 0xffff);
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

static __u64 echoes(int map_fd)
{
	int i, ncpu = libbpf_num_possible_cpus();
	__u64 v[ncpu > 0 ? ncpu : 1], sum = 0;
	__u32 zero = 0;

	if (bpf_map_lookup_elem(map_fd, &zero, v))
		die("echo counter", errno);
	for (i = 0; i < ncpu; i++)
		sum += v[i];
	return sum;
}

/* run the generator for secs (or until a signal); frames offered */
static __u64 run(int prog_fd, const struct frame *f, int ifindex, double secs)
{
	struct xdp_md ctx = {.data_end = sizeof(*f),
			     .ingress_ifindex = ifindex};
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = f,
		    .data_size_in = sizeof(*f), .ctx_in = &ctx,
		    .ctx_size_in = sizeof(ctx), .repeat = REPEAT,
		    .flags = BPF_F_TEST_XDP_LIVE_FRAMES, .batch_size = 64);
	double t0 = now();
	__u64 n = 0;

	while (!stop && now() - t0 < secs) {
		if (bpf_prog_test_run_opts(prog_fd, &o)) {
			if (errno == EINTR)
				break;
			die("BPF_PROG_RUN live frames", errno);
		}
		n += REPEAT;
	}
	return n;
}

int main(int argc, char **argv)
{
	char path[4096], exe[4096];
	struct bpf_object *obj;
	struct frame f;
	struct cfg c;
	__u64 ok0, ok1, err0, err1, e0, e1, offered;
	double t0, t1, secs;
	int tx_fd, cnt_fd, map_fd, sock, ifindex, port, ret;
	ssize_t len;
	__u32 zero = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: %s IFNAME DST PORT SECONDS\n", argv[0]);
		return 2;
	}
	port = atoi(argv[3]);
	secs = atof(argv[4]);
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
	tx_fd = bpf_program__fd(
		bpf_object__find_program_by_name(obj, "xk_flood_tx"));
	cnt_fd = bpf_program__fd(
		bpf_object__find_program_by_name(obj, "xk_echo_count"));
	c = (struct cfg){htons(port), htons(GEN_PORT)};
	map_fd = bpf_object__find_map_fd_by_name(obj, "xk_flood_cfg");
	if (bpf_map_update_elem(map_fd, &zero, &c, 0))
		die("config", errno);
	map_fd = bpf_object__find_map_fd_by_name(obj, "xk_echoes");

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	ret = bpf_xdp_attach(ifindex, cnt_fd,
			     XDP_FLAGS_DRV_MODE | XDP_FLAGS_UPDATE_IF_NOEXIST,
			     NULL);
	if (ret)
		die("attach the echo counter (another XDP program there?)",
		    -ret);
	attached = ifindex;
	/* warm up: the server resolves our MAC, rings and caches fill */
	run(tx_fd, &f, ifindex, 0.3);
	xmit_stats(sock, argv[1], &ok0, &err0);
	e0 = echoes(map_fd);
	t0 = now();
	offered = run(tx_fd, &f, ifindex, secs);
	t1 = now();
	e1 = echoes(map_fd);
	xmit_stats(sock, argv[1], &ok1, &err1);
	bpf_xdp_detach(ifindex, XDP_FLAGS_DRV_MODE, NULL);
	attached = 0;
	secs = t1 - t0;
	printf("{\"seconds\": %.2f, \"offered_pps\": %.0f, \"delivered_pps\": "
	       "%.0f, \"refused_pps\": %.0f, \"echo_pps\": %.0f}\n",
	       secs, offered / secs, (ok1 - ok0) / secs, (err1 - err0) / secs,
	       (e1 - e0) / secs);
	bpf_object__close(obj);
	return stop ? 1 : 0;
}
