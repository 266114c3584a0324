// SPDX-License-Identifier: GPL-2.0
/*
 * progs/stats under BPF_PROG_TEST_RUN, XDP and TC flavours: every packet
 * passes unchanged, and the per-CPU counters read through xk_map (summed)
 * are exactly repeat * packets and repeat * bytes per protocol key.
 */
#include <criterion/criterion.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/pkt_cls.h>
#include <xdpkit/map.h>
#include <xdpkit/stats_schema.h>
#include "pkt.h"

#define REPEAT 1000

static int show(const void *k, const void *v, void *ctx)
{
	char kb[256], vb[256];

	(void)ctx;
	xk_btf__fmt(NULL, 0, k, 8, XK_FMT_TEXT, kb, sizeof(kb));
	xk_btf__fmt(NULL, 0, v, 16, XK_FMT_TEXT, vb, sizeof(vb));
	cr_log_error("unexpected entries: key %s value %s", kb, vb);
	return 0;
}

static void run(const char *prog_name, int want)
{
	struct bpf_object *obj = bpf_object__open_file(STATS_OBJ, NULL);
	struct {
		struct tpkt p;
		struct xk_stats_key k;
	} cases[] = {
		{tpkt_ip("10.0.0.1", "10.0.0.2", IPPROTO_UDP, 53, 100),
		 {1, ETH_P_IP, IPPROTO_UDP, 0}},
		{tpkt_ip("2001:db8::1", "2001:db8::2", IPPROTO_TCP, 22, 0),
		 {1, ETH_P_IPV6, IPPROTO_TCP, 0}},
		{tpkt_ip("10.0.0.1", "10.0.0.9", IPPROTO_ICMP, 0, 56),
		 {1, ETH_P_IP, IPPROTO_ICMP, 0}},
		{tpkt_arp(), {1, ETH_P_ARP, 0, 0}},
		/* IPv4 claiming UDP but cut inside the UDP header: bad */
		{tpkt_ip("10.0.0.1", "10.0.0.2", IPPROTO_UDP, 53, 0),
		 {1, ETH_P_IP, IPPROTO_UDP, 1}},
	};
	int n = sizeof(cases) / sizeof(cases[0]), i, fd;
	struct bpf_program *prog;
	struct xk_map *m;

	cases[4].p.len = 14 + 20 + 4; /* no padding, 4 of 8 UDP bytes */
	cr_assert(obj);
	bpf_object__for_each_program(prog, obj) bpf_program__set_autoload(
		prog, !strcmp(bpf_program__name(prog), prog_name));
	cr_assert_eq(bpf_object__load(obj), 0);
	prog = bpf_object__find_program_by_name(obj, prog_name);
	fd = bpf_program__fd(prog);
	for (i = 0; i < n; i++) {
		unsigned char out[256];
		LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = cases[i].p.b,
			    .data_size_in = cases[i].p.len, .data_out = out,
			    .data_size_out = sizeof(out), .repeat = REPEAT);

		cr_assert_eq(bpf_prog_test_run_opts(fd, &o), 0);
		cr_assert_eq(o.retval, (__u32)want, "case %d verdict", i);
		cr_assert_eq(o.data_size_out, cases[i].p.len);
		cr_assert_eq(memcmp(out, cases[i].p.b, cases[i].p.len), 0,
			     "case %d: packet changed", i);
	}
	m = xk_map__open_obj(obj, XK_STATS_MAP);
	cr_assert(m);
	if (xk_map__count(m) != n)
		xk_map__iterate(m, show, NULL, 0);
	cr_assert_eq(xk_map__count(m), n);
	for (i = 0; i < n; i++) {
		struct xk_stats_val v;

		cr_assert_eq(xk_map__lookup(m, &cases[i].k, &v), 0,
			     "case %d: no entry", i);
		cr_assert_eq(v.packets, REPEAT, "case %d packets %llu", i,
			     (unsigned long long)v.packets);
		cr_assert_eq(v.bytes, (__u64)REPEAT * cases[i].p.len,
			     "case %d bytes", i);
	}
	xk_map__close(m);
	bpf_object__close(obj);
}

Test(stats_prog, xdp)
{
	run("xk_stats_xdp", XDP_PASS);
}
Test(stats_prog, tc)
{
	run("xk_stats_tc", TC_ACT_OK);
}
