// SPDX-License-Identifier: GPL-2.0
/*
 * An independent answer to xdpctl features: each kind loaded and attached
 * through libbpf's own paths (bpf_object__load, bpf_program__attach_*,
 * libxdp's xsk_socket__create), from real objects.
 *
 *   featcheck DIR [IFNAME]    DIR holds target.bpf.o and kinds.bpf.o
 *
 * Prints "NAME yes|no DETAIL" per feature, the names xdpctl features uses.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdp/xsk.h>

#ifndef BPF_F_TEST_XDP_LIVE_FRAMES
#define BPF_F_TEST_XDP_LIVE_FRAMES (1U << 1)
#endif
#ifndef XDP_USE_SG
#define XDP_USE_SG (1 << 4)
#endif

static char dir[256];
static char msg[512];

static int quiet(enum libbpf_print_level l, const char *f, va_list a)
{
	(void)l;
	(void)f;
	(void)a;
	return 0;
}

static struct bpf_object *open_obj(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return bpf_object__open_file(path, NULL);
}

/* Load only @prog of kinds.bpf.o (and the ring buffer map only if
 * @ringbuf), with @target as its attach target; then attach it. */
static int check(const char *prog, bool ringbuf, bool attach)
{
	struct bpf_object *t = NULL, *o = open_obj("kinds.bpf.o");
	struct bpf_program *p, *want = NULL;
	struct bpf_link *l;
	int err = 0;

	if (!o)
		return -errno;
	bpf_object__for_each_program(p, o)
	{
		bool me = prog && !strcmp(bpf_program__name(p), prog);

		bpf_program__set_autoload(p, me);
		if (me)
			want = p;
	}
	bpf_map__set_autocreate(bpf_object__find_map_by_name(o, "xk_feat_rb"),
				ringbuf);
	if (want &&
	    (bpf_program__type(want) == BPF_PROG_TYPE_EXT ||
	     bpf_program__expected_attach_type(want) == BPF_TRACE_FENTRY)) {
		t = open_obj("target.bpf.o");
		if (!t || bpf_object__load(t)) {
			err = -errno;
			snprintf(msg, sizeof(msg), "target: %s",
				 strerror(-err));
			goto out;
		}
		err = bpf_program__set_attach_target(
			want,
			bpf_program__fd(bpf_object__find_program_by_name(
				t, "xk_feat_xdp")),
			"xk_feat_target");
		if (err)
			goto out;
	}
	if (bpf_object__load(o)) {
		err = -errno;
		snprintf(msg, sizeof(msg), "load: %s", strerror(-err));
		goto out;
	}
	snprintf(msg, sizeof(msg), "loads");
	if (!attach || !want)
		goto out;
	if (bpf_program__type(want) == BPF_PROG_TYPE_EXT)
		l = bpf_program__attach_freplace(
			want,
			bpf_program__fd(bpf_object__find_program_by_name(
				t, "xk_feat_xdp")),
			"xk_feat_target");
	else
		l = bpf_program__attach(want);
	if (!l) {
		err = -errno;
		snprintf(msg, sizeof(msg), "loads, attach: %s", strerror(-err));
		goto out;
	}
	bpf_link__destroy(l);
	snprintf(msg, sizeof(msg), "loads and attaches");
out:
	bpf_object__close(o);
	bpf_object__close(t);
	return err;
}

static int live(void)
{
	__u8 frame[64] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2};
	struct xdp_md ctx = {.data_end = sizeof(frame), .ingress_ifindex = 1};
	int err;

	if (check("xk_feat_frags", false, false))
		return -1;
	/* the frags program drops: reload it to run */
	struct bpf_object *o = open_obj("kinds.bpf.o");
	struct bpf_program *p;

	bpf_object__for_each_program(p, o) bpf_program__set_autoload(
		p, !strcmp(bpf_program__name(p), "xk_feat_frags"));
	bpf_map__set_autocreate(bpf_object__find_map_by_name(o, "xk_feat_rb"),
				false);
	if (bpf_object__load(o)) {
		bpf_object__close(o);
		return -errno;
	}
	frame[12] = 0x88;
	frame[13] = 0xb5;
	LIBBPF_OPTS(bpf_test_run_opts, t, .data_in = frame,
		    .data_size_in = sizeof(frame), .ctx_in = &ctx,
		    .ctx_size_in = sizeof(ctx), .repeat = 1,
		    .flags = BPF_F_TEST_XDP_LIVE_FRAMES);
	err = bpf_prog_test_run_opts(
		bpf_program__fd(
			bpf_object__find_program_by_name(o, "xk_feat_frags")),
		&t);
	err = err ? -errno : 0;
	snprintf(msg, sizeof(msg), "%s",
		 err ? strerror(-err) : "a live frame ran");
	bpf_object__close(o);
	return err;
}

static int xsk_sg(const char *ifname)
{
	struct xsk_ring_prod fill, tx;
	struct xsk_ring_cons comp, rx;
	struct xsk_umem *umem;
	struct xsk_socket *x;
	size_t len = 64 * 4096;
	void *mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct xsk_socket_config cfg = {
		.rx_size = 64,
		.tx_size = 64,
		.libxdp_flags = XSK_LIBXDP_FLAGS__INHIBIT_PROG_LOAD,
		.bind_flags = XDP_COPY | XDP_USE_SG,
	};
	int err;

	if (mem == MAP_FAILED)
		return -errno;
	err = xsk_umem__create(&umem, mem, len, &fill, &comp, NULL);
	if (!err) {
		err = xsk_socket__create(&x, ifname, 0, umem, &rx, &tx, &cfg);
		if (!err)
			xsk_socket__delete(x);
		xsk_umem__delete(umem);
	}
	munmap(mem, len);
	snprintf(msg, sizeof(msg), "%s",
		 err ? strerror(-err)
		     : "an AF_XDP socket binds with XDP_USE_SG");
	return err;
}

#ifndef BPF_F_XDP_DEV_BOUND_ONLY
#define BPF_F_XDP_DEV_BOUND_ONLY (1U << 6)
#endif

/* Both XDP metadata kfuncs in a program bound to the device. */
static int meta(const char *ifname)
{
	struct bpf_object *o = open_obj("meta.bpf.o");
	struct bpf_program *p;
	int err;

	if (!o) {
		snprintf(msg, sizeof(msg), "meta.bpf.o: %s", strerror(errno));
		return -errno;
	}
	p = bpf_object__find_program_by_name(o, "xk_feat_meta");
	bpf_program__set_ifindex(p, if_nametoindex(ifname));
	bpf_program__set_flags(p, BPF_F_XDP_DEV_BOUND_ONLY);
	err = bpf_object__load(o) ? -errno : 0;
	snprintf(msg, sizeof(msg), "%s",
		 err ? strerror(-err)
		     : "rx_timestamp and rx_hash load bound to the device");
	bpf_object__close(o);
	return err;
}

static void say(const char *name, int err)
{
	printf("%s %s %s\n", name, err ? "no" : "yes", msg);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: featcheck DIR [IFNAME]\n");
		return 1;
	}
	libbpf_set_print(quiet);
	snprintf(dir, sizeof(dir), "%s", argv[1]);
	say("freplace", check("xk_feat_ext", false, true));
	say("fentry", check("xk_feat_fentry", false, true));
	say("tp_btf", check("xk_feat_tp_btf", false, true));
	say("kprobe", check("xk_feat_kprobe", false, true));
	say("xdp_frags", check("xk_feat_frags", false, false));
	say("ringbuf", check(NULL, true, false));
	say("prog_run_live", live());
	if (argc > 2) {
		say("af_xdp_sg", xsk_sg(argv[2]));
		say("xdp_metadata", meta(argv[2]));
	}
	return 0;
}
