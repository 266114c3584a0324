// SPDX-License-Identifier: GPL-2.0
/*
 * progs/xsk_steer under BPF_PROG_TEST_RUN: the verdict for every packet of
 * gen_steer.py (registered flows DROP while no socket is bound, everything
 * else PASS), the counters that says so, and XDP_REDIRECT once a real
 * AF_XDP socket (on a veth in a private network namespace) is in the
 * XSKMAP.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/xsk.h>
#include "xdpkit/xsk_steer.h"

static int fails;

#define CHECK(c, ...)                                                          \
	do {                                                                   \
		if (!(c)) {                                                    \
			printf("  FAIL " __VA_ARGS__);                         \
			printf("\n");                                          \
			fails++;                                               \
		}                                                              \
	} while (0)

static int run(int prog, const __u8 *pkt, __u32 len)
{
	__u8 out[2048];
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt, .data_size_in = len,
		    .data_out = out, .data_size_out = sizeof(out), .repeat = 1);

	if (bpf_prog_test_run_opts(prog, &o))
		return -errno;
	return o.retval;
}

static __u64 counter(int map, __u32 k)
{
	int n = libbpf_num_possible_cpus(), i;
	__u64 v[n], s = 0;

	if (bpf_map_lookup_elem(map, &k, v))
		return ~0ull;
	for (i = 0; i < n; i++)
		s += v[i];
	return s;
}

static int hex(const char *h, __u8 *b)
{
	int n = 0;

	while (h[0] && h[1] && sscanf(h, "%2hhx", &b[n]) == 1) {
		n++;
		h += 2;
	}
	return n;
}

int main(int argc, char **argv)
{
	struct xk_steer_ep ep4 = {.proto = IPPROTO_UDP, .family = 4},
			   ep6 = {.proto = IPPROTO_UDP, .family = 6};
	struct xk_steer_ep any4 = {.proto = IPPROTO_UDP, .family = 4};
	struct xk_steer_flow fl = {.proto = IPPROTO_UDP, .family = 4};
	struct xk_steer_local l4 = {.family = 4}, l6 = {.family = 6};
	struct xk_steer_cfg cfg = {.mac = {2, 0, 0, 0, 0, 1}};
	int locals, cfgm, nnl = 0;
	__u32 zero = 0;
	char name[64], verdict[8], h[4200];
	int prog, eps, flows, xsks, cnt, nd = 0, np = 0, n, r;
	__u8 pkt[2100], first[2100];
	__u32 one = 1, firstlen = 0;
	struct bpf_object *obj;
	struct xk_xsk *x;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: %s xsk_steer.bpf.o packets.txt\n",
			argv[0]);
		return 2;
	}
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj || bpf_object__load(obj)) {
		printf("steer: FAIL: cannot load %s\n", argv[1]);
		return 1;
	}
	prog = bpf_program__fd(
		bpf_object__find_program_by_name(obj, "xk_xsk_steer"));
	eps = bpf_object__find_map_fd_by_name(obj, "xk_eps");
	flows = bpf_object__find_map_fd_by_name(obj, "xk_flows");
	xsks = bpf_object__find_map_fd_by_name(obj, "xk_xsks");
	cnt = bpf_object__find_map_fd_by_name(obj, "xk_counters");
	locals = bpf_object__find_map_fd_by_name(obj, "xk_locals");
	cfgm = bpf_object__find_map_fd_by_name(obj, "xk_steer_cfg");
	inet_pton(AF_INET, "10.0.0.1", l4.addr);
	inet_pton(AF_INET6, "fd00::1", l6.addr);
	if (bpf_map_update_elem(locals, &l4, &one, 0) ||
	    bpf_map_update_elem(locals, &l6, &one, 0) ||
	    bpf_map_update_elem(cfgm, &zero, &cfg, 0)) {
		printf("steer: FAIL: cannot set the local addresses: %m\n");
		return 1;
	}
	any4.port = htons(7000);
	ep4.port = ep6.port = htons(7777);
	inet_pton(AF_INET, "10.0.0.1", ep4.addr);
	fl.lport = htons(5000);
	fl.rport = htons(6000);
	inet_pton(AF_INET, "10.0.0.1", fl.laddr);
	inet_pton(AF_INET, "10.0.0.2", fl.raddr);
	if (bpf_map_update_elem(eps, &ep4, &one, 0) ||
	    bpf_map_update_elem(eps, &ep6, &one, 0) ||
	    bpf_map_update_elem(eps, &any4, &one, 0) ||
	    bpf_map_update_elem(flows, &fl, &one, 0)) {
		printf("steer: FAIL: cannot register endpoints: %m\n");
		return 1;
	}
	f = fopen(argv[2], "r");
	if (!f) {
		printf("steer: FAIL: %s: %m\n", argv[2]);
		return 1;
	}
	while (fscanf(f, "%63s %7s %4199s", name, verdict, h) == 3) {
		int want = !strcmp(verdict, "DROP") ? XDP_DROP : XDP_PASS;

		n = hex(h, pkt);
		r = run(prog, pkt, n);
		CHECK(r == want, "%s: verdict %d, want %s", name, r, verdict);
		if (r == want)
			printf("  ok   %s: %s\n", name, verdict);
		if (want == XDP_DROP && !firstlen) {
			memcpy(first, pkt, n);
			firstlen = n;
		}
		nd += want == XDP_DROP;
		np += want == XDP_PASS;
		nnl += !strncmp(name, "notlocal-", 9);
	}
	fclose(f);
	CHECK(nd >= 5 && np >= 10, "too few cases (%d drop, %d pass)", nd, np);
	CHECK(counter(cnt, XK_STEER_NOSOCK) == (__u64)nd,
	      "nosock counter %llu, want %d",
	      (unsigned long long)counter(cnt, XK_STEER_NOSOCK), nd);
	CHECK(counter(cnt, XK_STEER_PASSED) == (__u64)np,
	      "passed counter %llu, want %d",
	      (unsigned long long)counter(cnt, XK_STEER_PASSED), np);
	CHECK(counter(cnt, XK_STEER_FRAGMENTS) == 4, "fragments counter %llu",
	      (unsigned long long)counter(cnt, XK_STEER_FRAGMENTS));
	CHECK(counter(cnt, XK_STEER_UNPARSED) == 2, "unparsed counter %llu",
	      (unsigned long long)counter(cnt, XK_STEER_UNPARSED));
	CHECK(nnl >= 8 && counter(cnt, XK_STEER_NOT_LOCAL) == (__u64)nnl,
	      "not_local counter %llu, want %d",
	      (unsigned long long)counter(cnt, XK_STEER_NOT_LOCAL), nnl);
	CHECK(counter(cnt, XK_STEER_REDIRECTED) == 0, "redirected without a "
						      "socket");

	/* a real socket on queue 0: the registered packet is redirected */
	if (unshare(CLONE_NEWNET) ||
	    system("ip link add xkst0 type veth peer name xkst1 && "
		   "ip link set xkst0 up && ip link set xkst1 up")) {
		printf("steer: FAIL: cannot make a veth in a private netns\n");
		return 1;
	}
	x = xk_xsk__create("xkst0", 0, NULL);
	CHECK(x, "AF_XDP socket on xkst0: %s", x ? "" : xk_errmsg());
	if (x) {
		CHECK(!xk_xsk__zerocopy(x), "veth reported zero-copy");
		CHECK(!xk_xsk__register(x, xsks), "register: %s", xk_errmsg());
		r = run(prog, first, firstlen);
		CHECK(r == XDP_REDIRECT,
		      "registered with a socket: %d, want "
		      "XDP_REDIRECT",
		      r);
		if (r == XDP_REDIRECT)
			printf("  ok   registered with a socket: REDIRECT\n");
		CHECK(counter(cnt, XK_STEER_REDIRECTED) == 1,
		      "redirected counter");
		xk_xsk__destroy(x);
		r = run(prog, first, firstlen);
		CHECK(r == XDP_DROP, "socket closed: %d, want XDP_DROP", r);
	}
	bpf_object__close(obj);
	printf("steer: %s\n", fails ? "FAIL" : "PASS");
	return fails ? 1 : 0;
}
