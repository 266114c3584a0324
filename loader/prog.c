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
	struct xk_map *m = xk_map__open_prog(prog_id, "xk_counters");
	int n;

	if (!m)
		return -ENOENT;
	if (xk_map__type(m) != BPF_MAP_TYPE_PERCPU_ARRAY ||
	    xk_map__value_size(m) != sizeof(__u64)) {
		xk_map__close(m);
		return -ENOENT;
	}
	/* xk_map__lookup sums a per-CPU value over the CPUs */
	for (n = 0; n < max && (__u32)n < xk_map__max_entries(m); n++) {
		__u32 key = n;

		if (xk_map__lookup(m, &key, &vals[n]))
			vals[n] = 0;
	}
	xk_map__close(m);
	return n;
}
