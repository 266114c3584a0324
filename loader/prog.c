// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Open a BPF object and pick the one program to attach, so that an object
 * holding XDP and TC variants (like ours) loads only what the hook needs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/map.h>
#include "internal.h"

struct xk_prog {
	struct bpf_object *obj;
	struct bpf_program *prog;
	char label[64];
	bool loaded;
};

static bool fits(struct bpf_program *p, enum xk_hook hook)
{
	enum bpf_prog_type t = bpf_program__type(p);

	return hook == XK_HOOK_XDP ? t == BPF_PROG_TYPE_XDP
				   : t == BPF_PROG_TYPE_SCHED_CLS;
}

static const char *hook_kind(enum xk_hook hook)
{
	return hook == XK_HOOK_XDP ? "an XDP program (SEC(\"xdp\"))"
				   : "a TC program (SEC(\"tc\"))";
}

static void set_label(struct xk_prog *xp, const char *label, const char *src)
{
	const char *base = src ? strrchr(src, '/') : NULL;
	char *c;

	snprintf(xp->label, sizeof(xp->label), "%s",
		 label	? label
		 : base ? base + 1
		 : src	? src
			: "prog");
	/* Pin names: no dots (bpffs forbids them), no separators of ours. */
	if ((c = strstr(xp->label, ".bpf.o")) || (c = strstr(xp->label, ".o")))
		*c = 0;
	for (c = xp->label; *c; c++)
		if (*c == '.' || *c == '/' || *c == '@' || *c == ' ')
			*c = '_';
}

static struct xk_prog *pick(struct xk_prog *xp, const char *src,
			    const struct xk_prog_open_opts *o)
{
	const char *want = o ? o->prog_name : NULL;
	const char *sec = o ? o->section : NULL;
	enum xk_hook hook = o ? o->hook : XK_HOOK_XDP;
	struct bpf_program *p;
	int err;

	bpf_object__for_each_program(p, xp->obj)
	{
		if (want && strcmp(bpf_program__name(p), want))
			continue;
		if (sec && strcmp(bpf_program__section_name(p), sec))
			continue;
		if (!want && !sec && !fits(p, hook))
			continue;
		xp->prog = p;
		break;
	}
	if (!xp->prog) {
		if (want || sec)
			err = xk_err(-ENOENT, "%s has no program %s '%s'", src,
				     want ? "named" : "in section",
				     want ? want : sec);
		else
			err = xk_err(-ENOENT,
				     "%s has no %s program to put on "
				     "the %s hook",
				     src, hook == XK_HOOK_XDP ? "XDP" : "TC",
				     xk_hook__str(hook));
		goto fail;
	}
	if (!fits(xp->prog, hook)) {
		err = xk_err(-EINVAL,
			     "program '%s' (section %s) is not %s, "
			     "so it cannot go on the %s hook",
			     bpf_program__name(xp->prog),
			     bpf_program__section_name(xp->prog),
			     hook_kind(hook), xk_hook__str(hook));
		goto fail;
	}
	bpf_object__for_each_program(p, xp->obj)
		bpf_program__set_autoload(p, p == xp->prog);
	return xp;
fail:
	xk_prog__close(xp);
	errno = -err;
	return NULL;
}

static struct xk_prog *open_common(struct bpf_object *obj, const char *src,
				   const struct xk_prog_open_opts *o)
{
	struct xk_prog *xp;
	long err = libbpf_get_error(obj);

	if (err || !obj) {
		err = err ? err : -errno;
		xk_err(err, "%s is not a BPF object libbpf can open (%s)", src,
		       strerror(-err));
		return NULL;
	}
	xp = calloc(1, sizeof(*xp));
	if (!xp) {
		bpf_object__close(obj);
		errno = ENOMEM;
		return NULL;
	}
	xp->obj = obj;
	set_label(xp, o ? o->label : NULL, src);
	/* shared (pinned) maps go under our root, not libbpf's default */
	if ((err = xk_obj__set_pin_root(obj, NULL))) {
		xk_prog__close(xp);
		errno = -err;
		return NULL;
	}
	return pick(xp, src, o);
}

struct xk_prog *xk_prog__open_file(const char *path,
				   const struct xk_prog_open_opts *opts)
{
	xk_route_libbpf();
	if (access(path, R_OK)) {
		xk_err(-errno, "cannot read %s: %m", path);
		return NULL;
	}
	return open_common(bpf_object__open_file(path, NULL), path, opts);
}

struct xk_prog *xk_prog__open_mem(const void *buf, size_t size,
				  const struct xk_prog_open_opts *opts)
{
	const char *name = opts && opts->label ? opts->label : "embedded";

	xk_route_libbpf();
	LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = name);
	return open_common(bpf_object__open_mem(buf, size, &oo), name, opts);
}

int xk_prog__load(struct xk_prog *xp)
{
	int err;

	if (xp->loaded)
		return 0;
	/* libbpf reuses a pinned map when the sizes fit; we also want the
	 * BTF key/value types to be ours */
	err = xk_obj__check_pins(xp->obj);
	if (err)
		return err;
	err = bpf_object__load(xp->obj);
	if (err) {
		if (err == -EPERM || err == -EACCES)
			return xk_err(err,
				      "loading '%s' was refused (%s): "
				      "run as root (CAP_BPF and CAP_NET_ADMIN)",
				      bpf_program__name(xp->prog),
				      strerror(-err));
		return xk_err(err,
			      "the kernel rejected program '%s' (%s); "
			      "the verifier log says why (use -v)",
			      bpf_program__name(xp->prog), strerror(-err));
	}
	xp->loaded = true;
	return 0;
}

int xk_prog__fd(const struct xk_prog *xp)
{
	return bpf_program__fd(xp->prog);
}

const char *xk_prog__name(const struct xk_prog *xp)
{
	return bpf_program__name(xp->prog);
}

const char *xk_prog__label(const struct xk_prog *xp)
{
	return xp->label;
}

struct bpf_object *xk_prog__object(const struct xk_prog *xp)
{
	return xp->obj;
}

void xk_prog__close(struct xk_prog *xp)
{
	if (!xp)
		return;
	bpf_object__close(xp->obj);
	free(xp);
}

int xk_prog__counters(__u32 prog_id, __u64 *vals, int max)
{
	struct bpf_prog_info pi;
	struct bpf_map_info mi;
	__u32 ids[16], len, i;
	int pfd, mfd = -1, ncpu, n = -ENOENT;
	__u64 *per;

	pfd = bpf_prog_get_fd_by_id(prog_id);
	if (pfd < 0)
		return -errno;
	memset(&pi, 0, sizeof(pi));
	pi.nr_map_ids = 16;
	pi.map_ids = (__u64)(unsigned long)ids;
	len = sizeof(pi);
	if (bpf_obj_get_info_by_fd(pfd, &pi, &len))
		goto out;
	for (i = 0; i < pi.nr_map_ids && i < 16 && mfd < 0; i++) {
		mfd = bpf_map_get_fd_by_id(ids[i]);
		if (mfd < 0)
			continue;
		memset(&mi, 0, sizeof(mi));
		len = sizeof(mi);
		if (bpf_obj_get_info_by_fd(mfd, &mi, &len) ||
		    strcmp(mi.name, "xk_counters") ||
		    mi.type != BPF_MAP_TYPE_PERCPU_ARRAY ||
		    mi.value_size != sizeof(__u64)) {
			close(mfd);
			mfd = -1;
		}
	}
	if (mfd < 0)
		goto out;
	ncpu = libbpf_num_possible_cpus();
	per = calloc(ncpu, sizeof(__u64));
	if (!per || ncpu < 0) {
		n = -ENOMEM;
		goto out_map;
	}
	for (n = 0; n < max && (__u32)n < mi.max_entries; n++) {
		__u32 key = n;
		int c;

		vals[n] = 0;
		if (bpf_map_lookup_elem(mfd, &key, per))
			continue;
		for (c = 0; c < ncpu; c++)
			vals[n] += per[c];
	}
	free(per);
out_map:
	close(mfd);
out:
	close(pfd);
	return n;
}
