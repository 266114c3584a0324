// SPDX-License-Identifier: GPL-2.0
/*
 * progs/filter under BPF_PROG_TEST_RUN, XDP and TC flavours, with rules set
 * through libxdpkit's xk_filter: verdicts, unchanged packets, and exact
 * per-rule counters (count rules before the deciding rule counted, later
 * ones not; the default counted in slot 0).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/pkt_cls.h>
#include <xdpkit/loader.h>
#include <xdpkit/map.h>
#include <xdpkit/filter.h>
#include "pkt.h"

static struct bpf_object *obj;
static struct xk_filter *f;
static int fd, v_drop, v_pass;

static void load(const char *name, int drop, int pass)
{
	struct bpf_program *p;

	obj = bpf_object__open_file(FILTER_OBJ, NULL);
	cr_assert(obj);
	bpf_object__for_each_program(p, obj) bpf_program__set_autoload(
		p, !strcmp(bpf_program__name(p), name));
	cr_assert_eq(bpf_object__load(obj), 0);
	fd = bpf_program__fd(bpf_object__find_program_by_name(obj, name));
	f = xk_filter__open_obj(obj);
	cr_assert(f, "%s", xk_errmsg());
	v_drop = drop;
	v_pass = pass;
}

static void unload(void)
{
	xk_filter__close(f);
	bpf_object__close(obj);
}

static void add(const char *rule, __u32 want_id)
{
	char buf[256], *w[16];
	struct xk_filter_rule r;
	__u32 id = 0;
	int n = 0;

	snprintf(buf, sizeof(buf), "%s", rule);
	for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "))
		w[n++] = t;
	cr_assert_eq(xk_filter_rule__parse(n, w, &r), 0, "%s: %s", rule,
		     xk_errmsg());
	cr_assert_eq(xk_filter__add(f, &r, &id), 0, "%s", xk_errmsg());
	cr_assert_eq(id, want_id);
}

/* Run p once; check the verdict and that the packet is unchanged. */
static void xmit(struct tpkt p, bool drop)
{
	unsigned char out[256];
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = p.b, .data_size_in = p.len,
		    .data_out = out, .data_size_out = sizeof(out), .repeat = 1);

	cr_assert_eq(bpf_prog_test_run_opts(fd, &o), 0);
	cr_assert_eq(o.retval, (__u32)(drop ? v_drop : v_pass),
		     "verdict %u, want %s", o.retval, drop ? "drop" : "pass");
	cr_assert_eq(o.data_size_out, p.len);
	cr_assert_eq(memcmp(out, p.b, p.len), 0);
}

static void hits(__u32 id, __u64 packets, __u64 bytes)
{
	struct xk_filter_hits h;

	cr_assert_eq(xk_filter__hits(f, id, &h), 0);
	cr_assert_eq(h.packets, packets, "rule %u: %llu packets, want %llu", id,
		     (unsigned long long)h.packets,
		     (unsigned long long)packets);
	cr_assert_eq(h.bytes, bytes, "rule %u bytes", id);
}

static void scenario(void)
{
	struct tpkt
		a = tpkt_ip("10.1.2.3", "1.1.1.1", IPPROTO_TCP, 22, 0),
		b = tpkt_ip("10.1.2.3", "1.1.1.1", IPPROTO_TCP, 80, 0),
		c = tpkt_ip("172.16.0.1", "192.168.5.5", IPPROTO_UDP, 1500, 0),
		d = tpkt_ip("172.16.0.1", "192.168.5.5", IPPROTO_UDP, 2001, 0),
		e = tpkt_ip("2001:db8::1", "2001:db8::2", IPPROTO_UDP, 53, 10),
		g = tpkt_ip("2001:db9::1", "2001:db8::2", IPPROTO_UDP, 53, 10),
		h = tpkt_ip("10.1.0.1", "192.168.1.1", IPPROTO_UDP, 1500, 0),
		i = tpkt_ip("10.1.0.5", "8.8.8.8", IPPROTO_ICMP, 0, 20),
		arp = tpkt_arp();
	__u32 dflt;

	add("src 10.0.0.0/8 proto tcp dport 22 drop", 1);
	add("src 10.1.0.0/16 count", 2);
	add("dst 192.168.0.0/16 proto udp dport 1000-2000 drop", 3);
	add("src 2001:db8::/32 proto udp drop", 4);
	add("proto icmp pass", 5);
	cr_assert_eq(xk_filter__default(f, &dflt), 0);
	cr_assert_eq(dflt, XK_FILTER_PASS);

	xmit(a, true);	  /* rule 1 decides; count rule 2 is later */
	xmit(b, false);	  /* rule 2 counts, nothing decides */
	xmit(c, true);	  /* rule 3 */
	xmit(d, false);	  /* port out of range: default */
	xmit(e, true);	  /* rule 4 */
	xmit(g, false);	  /* 2001:db9:: is outside: default */
	xmit(h, true);	  /* rule 2 counts, then rule 3 decides */
	xmit(i, false);	  /* rule 2 counts, rule 5 passes */
	xmit(arp, false); /* not IP: untouched, uncounted */
	hits(1, 1, a.len);
	hits(2, 3, b.len + h.len + i.len);
	hits(3, 2, c.len + h.len);
	hits(4, 1, e.len);
	hits(5, 1, i.len);
	hits(0, 3, b.len + d.len + g.len);

	cr_assert_eq(xk_filter__set_default(f, XK_FILTER_DROP), 0);
	xmit(d, true);
	hits(0, 4, b.len + d.len + g.len + d.len);
	xmit(arp, false); /* a drop default spares ARP */

	cr_assert_eq(xk_filter__del(f, 1), 0);
	cr_assert_eq(xk_filter__del(f, 1), -ENOENT);
	xmit(a, true); /* rule 2 counts, the default drops */
	hits(2, 4, b.len + h.len + i.len + a.len);
	hits(0, 5, b.len + d.len + g.len + d.len + a.len);
	cr_assert_eq(xk_filter__set_default(f, XK_FILTER_PASS), 0);
	xmit(a, false);
	/* the id order decides, not the insertion order */
	{
		struct xk_filter_rule r;
		char *w[] = {"src", "10.1.2.0/24", "proto", "tcp", "drop"};
		__u32 id = 1;

		cr_assert_eq(xk_filter_rule__parse(5, w, &r), 0);
		cr_assert_eq(xk_filter__add(f, &r, &id), 0);
		cr_assert_eq(xk_filter__add(f, &r, &id), -EEXIST);
		cr_assert_eq(xk_filter__find(f, &r), 1);
	}
	xmit(b, true); /* rule 1 (new) comes before count rule 2 */
	hits(1, 1, b.len);
	hits(2, 5, b.len + h.len + i.len + a.len + a.len);
}

Test(filter_prog, xdp)
{
	load("xk_filter_xdp", XDP_DROP, XDP_PASS);
	scenario();
	unload();
}

Test(filter_prog, tc)
{
	load("xk_filter_tc", TC_ACT_SHOT, TC_ACT_OK);
	scenario();
	unload();
}

Test(filter_prog, chain_limit_refused_unchanged)
{
	char port[8], *w[5] = {"src", "10.0.0.0/8", "dport", port, "drop"};
	struct xk_filter_rule r, *rules;
	__u32 id, *ids;
	int i;

	load("xk_filter_xdp", XDP_DROP, XDP_PASS);
	for (i = 0; i < XK_FILTER_CHAIN; i++) {
		snprintf(port, sizeof(port), "%d", 100 + i);
		cr_assert_eq(xk_filter_rule__parse(5, w, &r), 0);
		id = 0;
		cr_assert_eq(xk_filter__add(f, &r, &id), 0, "%s", xk_errmsg());
	}
	/* one more under 10.0.0.0/8 (here via a longer prefix) overflows */
	w[1] = "10.9.0.0/16";
	cr_assert_eq(xk_filter_rule__parse(5, w, &r), 0);
	id = 0;
	cr_assert_eq(xk_filter__add(f, &r, &id), -E2BIG);
	cr_assert(strstr(xk_errmsg(), "10.9.0.0/16"), "%s", xk_errmsg());
	cr_assert_eq(xk_filter__rules(f, &ids, &rules), XK_FILTER_CHAIN);
	free(ids);
	free(rules);
	xmit(tpkt_ip("10.9.1.1", "1.1.1.1", IPPROTO_UDP, 100 + 5, 0), true);
	xmit(tpkt_ip("10.9.1.1", "1.1.1.1", IPPROTO_UDP, 99, 0), false);
	unload();
}

Test(filter_prog, grammar)
{
	static const char *bad[][6] = {
		{"src", "10.0.0.0/33", "drop"},
		{"src", "10.0.0.0/8"},
		{"dport", "70000", "drop"},
		{"dport", "20-10", "drop"},
		{"dport", "-1", "drop"},
		{"proto", "foo", "drop"},
		{"proto", "icmp", "dport", "22", "drop"},
		{"src", "10.0.0.0/8", "dst", "2001:db8::/32", "drop"},
		{"src", "2001:db8::/32", "proto", "icmp", "drop"},
		{"drop", "pass"},
		{"src", "1.2.3.4", "src", "1.2.3.5", "drop"},
		{"sport", "22", "drop"},
		{"dport"},
	};
	struct xk_filter_rule r;
	char buf[200];
	size_t i;
	int n;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		for (n = 0; n < 6 && bad[i][n]; n++)
			;
		cr_assert_eq(xk_filter_rule__parse(n, (char **)bad[i], &r),
			     -EINVAL, "case %zu accepted", i);
	}
	{
		char *w[] = {"dst", "2001:db8::1/48", "proto", "udp", "dport",
			     "53",  "count"};

		cr_assert_eq(xk_filter_rule__parse(7, w, &r), 0);
		cr_assert_str_eq(xk_filter_rule__str(&r, buf, sizeof(buf)),
				 "dst 2001:db8::/48 proto udp dport 53 count");
	}
}

/* Full-length prefixes live in the exact-match hashes, looked up before
 * the tries; entries whose rule has nothing but the prefix decide without
 * reading the rule (quick), count rules and the id order still hold. */
static void exact_quick(void)
{
	struct tpkt h1 = tpkt_ip("10.0.0.7", "1.1.1.1", IPPROTO_UDP, 53, 0),
		    h2 = tpkt_ip("10.0.0.8", "1.1.1.1", IPPROTO_UDP, 53, 0),
		    h3 = tpkt_ip("10.0.0.8", "1.1.1.1", IPPROTO_TCP, 53, 0),
		    d1 = tpkt_ip("192.0.2.1", "198.51.100.9", IPPROTO_UDP, 9,
				 0),
		    s6 = tpkt_ip("2001:db8::1", "2001:db8:1::5", IPPROTO_UDP, 9,
				 4),
		    s7 = tpkt_ip("2001:db8::1", "2001:db8:1::6", IPPROTO_UDP, 9,
				 4),
		    both = tpkt_ip("10.0.0.7", "198.51.100.9", IPPROTO_UDP, 9,
				   0);

	add("src 10.0.0.0/24 count", 1);	  /* count, before all */
	add("src 10.0.0.7/32 drop", 2);		  /* exact, quick */
	add("src 10.0.0.8/32 proto tcp drop", 3); /* exact, not quick */
	add("dst 198.51.100.9/32 pass", 4);	  /* exact dst, quick */
	add("dst 2001:db8:1::/64 drop", 5);	  /* trie */
	add("dst 2001:db8:1::5/128 pass", 6);	  /* exact, after 5 */
	xmit(h1, true);	  /* 1 counts, 2 drops without reading it */
	xmit(h2, false);  /* 1 counts; 3 is read and does not match */
	xmit(h3, true);	  /* 1 counts, 3 matches */
	xmit(d1, false);  /* 4 */
	xmit(s6, true);	  /* the /128's chain holds 5 and 6: 5 first */
	xmit(s7, true);	  /* the trie's /64: 5 */
	xmit(both, true); /* src chain: 1, 2; dst chain: 4: 2 is first */
	hits(1, 4, h1.len + h2.len + h3.len + both.len);
	hits(2, 2, h1.len + both.len);
	hits(3, 1, h3.len);
	hits(4, 1, d1.len);
	hits(5, 2, s6.len + s7.len);
	hits(6, 0, 0);
	hits(0, 1, h2.len);
	/* the count rule gone: one chain, a quick first entry, no walk */
	cr_assert_eq(xk_filter__del(f, 1), 0);
	xmit(h1, true);
	hits(2, 3, h1.len + both.len + h1.len);
	hits(1, 0, 0); /* a deleted rule's counters are zero */
	/* the exact rule gone: 10.0.0.7 falls to the trie (nothing there) */
	cr_assert_eq(xk_filter__del(f, 2), 0);
	xmit(h1, false);
	hits(0, 2, h2.len + h1.len);
}

Test(filter_prog, exact_quick_xdp)
{
	load("xk_filter_xdp", XDP_DROP, XDP_PASS);
	exact_quick();
	unload();
}

Test(filter_prog, exact_quick_tc)
{
	load("xk_filter_tc", TC_ACT_SHOT, TC_ACT_OK);
	exact_quick();
	unload();
}
