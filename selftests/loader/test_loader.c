// SPDX-License-Identifier: GPL-2.0
/*
 * libxdpkit at the C level: opening objects, picking programs, attach,
 * atomic replace, ownership against a foreign program, detach, clean. Each
 * test runs in its own process (criterion forks) and network namespace, so
 * the veth pair and every attach vanish with it; pins are cleaned by the
 * test itself.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/loader.h>

#define PASS_OBJ "build/progs/pass/pass.bpf.o"
#define TPROGS	 "build/selftests/loader/progs/"

static char logged[65536];

static void capture(enum xk_print_level l, const char *msg)
{
	(void)l;
	strncat(logged, msg, sizeof(logged) - strlen(logged) - 1);
}

static int veth;

static void netns_setup(void)
{
	cr_assert_eq(unshare(CLONE_NEWNET), 0, "unshare: %s (root?)",
		     strerror(errno));
	cr_assert_eq(system("ip link add xkt0 type veth peer name xkt1 && "
			    "ip link set xkt0 up && ip link set xkt1 up"),
		     0);
	veth = if_nametoindex("xkt0");
	cr_assert(veth > 0);
	xk_set_print(capture);
}

static void netns_teardown(void)
{
	XK_OPTS(xk_detach_opts, d);

	xk_iface__detach(veth, &d);
	xk_pins__clean(NULL);
}

TestSuite(loader, .init = netns_setup, .fini = netns_teardown);

static struct xk_prog *open_pass(enum xk_hook hook)
{
	XK_OPTS(xk_prog_open_opts, o, .hook = hook, .label = "pass");
	struct xk_prog *p = xk_prog__open_file(PASS_OBJ, &o);

	cr_assert_not_null(p, "open %s: %s", PASS_OBJ, xk_errmsg());
	return p;
}

Test(loader, names)
{
	cr_expect_str_eq(xk_hook__str(XK_HOOK_TC_EGRESS), "tc egress");
	cr_expect_str_eq(xk_xdp_mode__str(XK_XDP_MODE_SKB), "skb");
	cr_expect(xk_hook__is_tc(XK_HOOK_TCX_INGRESS));
	cr_expect(!xk_hook__is_tc(XK_HOOK_XDP));
}

Test(loader, not_an_object)
{
	char path[] = "/tmp/xk_notobj_XXXXXX";
	int fd = mkstemp(path);

	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, "hello\n", 6), 6);
	close(fd);
	cr_expect_null(xk_prog__open_file(path, NULL));
	cr_expect(strstr(xk_errmsg(), "not a BPF object"), "%s", xk_errmsg());
	unlink(path);
}

Test(loader, no_xdp_program)
{
	XK_OPTS(xk_prog_open_opts, o, .hook = XK_HOOK_XDP);

	cr_expect_null(xk_prog__open_file(TPROGS "tc_only.bpf.o", &o));
	cr_expect_eq(errno, ENOENT);
	cr_expect(strstr(xk_errmsg(), "no XDP program"), "%s", xk_errmsg());
}

Test(loader, xdp_prog_on_tc_hook)
{
	XK_OPTS(xk_prog_open_opts, o, .hook = XK_HOOK_TC_INGRESS,
		.section = "xdp");

	cr_expect_null(xk_prog__open_file(PASS_OBJ, &o));
	cr_expect_eq(errno, EINVAL);
	cr_expect(strstr(xk_errmsg(), "cannot go on the tc ingress hook"), "%s",
		  xk_errmsg());
}

Test(loader, verifier_rejects)
{
	struct xk_prog *p = xk_prog__open_file(TPROGS "rejected.bpf.o", NULL);
	XK_OPTS(xk_xdp_opts, xo);
	__u32 id = 0;

	cr_assert_not_null(p);
	cr_expect_lt(xk_xdp__attach(veth, p, &xo), 0);
	cr_expect(strstr(xk_errmsg(), "rejected"), "%s", xk_errmsg());
	cr_expect(strstr(logged, "invalid access to packet") ||
			  strstr(logged, "PROG LOAD LOG"),
		  "verifier log not passed on");
	bpf_xdp_query_id(veth, 0, &id);
	cr_expect_eq(id, 0, "something got attached");
	xk_prog__close(p);
}

Test(loader, xdp_attach_replace_detach)
{
	struct xk_prog *a = open_pass(XK_HOOK_XDP), *b = open_pass(XK_HOOK_XDP);
	XK_OPTS(xk_xdp_opts, xo, .mode = XK_XDP_MODE_SKB);
	XK_OPTS(xk_detach_opts, d);
	struct xk_status *st;
	__u32 id = 0, first;

	cr_assert_eq(xk_xdp__attach(veth, a, &xo), 0, "%s", xk_errmsg());
	cr_expect_eq(xo.mode_used, XK_XDP_MODE_SKB);
	first = xo.prog_id;
	bpf_xdp_query_id(veth, XDP_FLAGS_SKB_MODE, &id);
	cr_expect_eq(id, first);

	xo.mode = XK_XDP_MODE_BEST; /* replace keeps the mode in use */
	cr_assert_eq(xk_xdp__attach(veth, b, &xo), 0, "%s", xk_errmsg());
	cr_expect_eq(xo.replaced_id, first);
	cr_expect(!xo.replaced_foreign);
	cr_expect_eq(xo.mode_used, XK_XDP_MODE_SKB);

	cr_assert_eq(xk_iface__status(veth, &st), 0);
	cr_assert_eq(st->nifaces, 1);
	cr_assert_eq(st->ifaces[0].nprogs, 1);
	cr_expect_eq(st->ifaces[0].progs[0].owner, XK_OWNER_XDPKIT);
	cr_expect_eq(st->ifaces[0].progs[0].id, xo.prog_id);
	cr_expect_eq(st->ifaces[0].nstale, 0, "old pin not removed");
	xk_status__free(st);

	cr_expect_eq(xk_iface__detach(veth, &d), 0);
	cr_expect_eq(d.detached, 1);
	id = 0;
	bpf_xdp_query_id(veth, 0, &id);
	cr_expect_eq(id, 0);
	xk_prog__close(a);
	xk_prog__close(b);
}

Test(loader, foreign_xdp_is_left_alone)
{
	struct xk_prog *ours = open_pass(XK_HOOK_XDP),
		       *theirs = open_pass(XK_HOOK_XDP);
	XK_OPTS(xk_xdp_opts, xo, .mode = XK_XDP_MODE_NATIVE);
	XK_OPTS(xk_detach_opts, d);
	struct xk_status *st;
	__u32 id = 0;

	/* Attached behind our back, as ip link would. */
	cr_assert_eq(xk_prog__load(theirs), 0);
	cr_assert_eq(bpf_xdp_attach(veth, xk_prog__fd(theirs),
				    XDP_FLAGS_DRV_MODE, NULL),
		     0);
	cr_assert_eq(xk_iface__status(veth, &st), 0);
	cr_expect_eq(st->ifaces[0].progs[0].owner, XK_OWNER_FOREIGN);
	xk_status__free(st);

	cr_expect_eq(xk_xdp__attach(veth, ours, &xo), -EEXIST);
	cr_expect(strstr(xk_errmsg(), "not ours"), "%s", xk_errmsg());
	cr_expect_eq(xk_iface__detach(veth, &d), -ENOENT);
	bpf_xdp_query_id(veth, 0, &id);
	cr_expect_gt(id, 0, "foreign program was removed");

	xo.replace = true;
	cr_expect_eq(xk_xdp__attach(veth, ours, &xo), 0, "%s", xk_errmsg());
	cr_expect(xo.replaced_foreign);
	xk_prog__close(ours);
	xk_prog__close(theirs);
}

Test(loader, tc_both_directions)
{
	struct xk_prog *p = open_pass(XK_HOOK_TC_INGRESS);
	XK_OPTS(xk_tc_opts, to, .hook = XK_HOOK_TC_INGRESS);
	XK_OPTS(xk_detach_opts, d);
	struct xk_status *st;

	cr_assert_eq(xk_tc__attach(veth, p, &to), 0, "%s", xk_errmsg());
	cr_expect_gt(to.handle, 0);
	to.hook = XK_HOOK_TC_EGRESS;
	to.prog_id = 0;
	cr_assert_eq(xk_tc__attach(veth, p, &to), 0, "%s", xk_errmsg());
	cr_assert_eq(xk_iface__status(veth, &st), 0);
	cr_expect_eq(st->ifaces[0].nprogs, 2);
	cr_expect(st->ifaces[0].clsact_ours);
	xk_status__free(st);
	cr_expect_eq(xk_iface__detach(veth, &d), 0);
	cr_expect_eq(d.detached, 2);
	cr_expect_eq(system("tc qdisc show dev xkt0 | grep -q clsact"), 256,
		     "our clsact qdisc was left behind");
	xk_prog__close(p);
}

Test(loader, clean_removes_stale_pin)
{
	struct xk_prog *p = open_pass(XK_HOOK_XDP);
	XK_OPTS(xk_xdp_opts, xo, .mode = XK_XDP_MODE_SKB);
	XK_OPTS(xk_clean_opts, c);
	struct xk_status *st;

	cr_assert_eq(xk_xdp__attach(veth, p, &xo), 0, "%s", xk_errmsg());
	/* Someone else takes it off: our pin is now stale. */
	cr_assert_eq(bpf_xdp_detach(veth, XDP_FLAGS_SKB_MODE, NULL), 0);
	cr_assert_eq(xk_iface__status(veth, &st), 0);
	cr_expect_eq(st->ifaces[0].nprogs, 0);
	cr_expect_eq(st->ifaces[0].nstale, 1);
	xk_status__free(st);
	cr_expect_eq(xk_pins__clean(&c), 0);
	cr_expect_geq(c.pins, 1);
	cr_assert_eq(xk_iface__status(veth, &st), 0);
	cr_expect_eq(st->ifaces[0].nstale, 0);
	xk_status__free(st);
	xk_prog__close(p);
}
