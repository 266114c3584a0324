// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Open a BPF object and pick the one program to attach, so that an object
 * holding XDP and TC variants (like ours) loads only what the hook needs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <linux/elf-em.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/map.h>
#include "internal.h"

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

	char names[256] = "";
	int n = 0;

	bpf_object__for_each_program(p, xp->obj)
	{
		if (want && strcmp(bpf_program__name(p), want))
			continue;
		if (sec && strcmp(bpf_program__section_name(p), sec))
			continue;
		if (!want && !sec && !fits(p, hook))
			continue;
		if (!xp->prog)
			xp->prog = p;
		if (want || sec)
			break;
		/* without a choice: exactly one may fit, never the first
		 * of several in silence */
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
			 "%s%s", n ? ", " : "", bpf_program__name(p));
		n++;
	}
	if (n > 1) {
		err = xk_err(-EINVAL,
			     "%s has %d programs for the %s hook (%s): pick "
			     "one with 'name FUNC' or 'section SEC'",
			     src, n, xk_hook__str(hook), names);
		goto fail;
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
				   bool mem, const struct xk_prog_open_opts *o)
{
	struct xk_prog *xp;
	long err = libbpf_get_error(obj);

	if (err || !obj) {
		char msg[128];

		err = err ? err : -errno;
		libbpf_strerror((int)err, msg, sizeof(msg));
		xk_err((int)err, "%s is not a BPF object libbpf can open: %s",
		       src, msg);
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
	/* where a chain can load it again from: the file, or for bytes in
	 * memory the label the caller's source resolver knows */
	if (!mem && !realpath(src, xp->src))
		snprintf(xp->src, sizeof(xp->src), "%s", src);
	else if (mem)
		snprintf(xp->src, sizeof(xp->src), "%s", xp->label);
	xp->from_mem = mem;
	/* shared (pinned) maps go under our root, not libbpf's default */
	if ((err = xk_obj__set_pin_root(obj, NULL))) {
		xk_prog__close(xp);
		errno = -err;
		return NULL;
	}
	return pick(xp, src, o);
}

/*
 * Say what @path is when it is not something libbpf can open: a directory,
 * a device, an empty file, not ELF, ELF for another machine, or a BPF ELF
 * that is cut short. 0 if it looks like a BPF object.
 */
static int not_bpf_object(const char *path)
{
	unsigned char h[20];
	struct stat st;
	ssize_t n;
	int fd;

	if (stat(path, &st))
		return xk_err(-errno, "cannot read %s: %m", path);
	if (S_ISDIR(st.st_mode))
		return xk_err(-EISDIR, "%s is a directory, not a BPF object",
			      path);
	if (!S_ISREG(st.st_mode))
		return xk_err(-EINVAL,
			      "%s is not a regular file, so not a BPF object",
			      path);
	if (!st.st_size)
		return xk_err(-ENOEXEC, "%s is empty, not a BPF object", path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return xk_err(-errno, "cannot read %s: %m", path);
	n = read(fd, h, sizeof(h));
	close(fd);
	if (n < 4 || memcmp(h, "\177ELF", 4))
		return xk_err(-ENOEXEC,
			      "%s is not a BPF object (not an ELF file)", path);
	if (n < 20 || h[18] + 256 * h[19] != EM_BPF)
		return xk_err(-ENOEXEC,
			      "%s is not a BPF object (an ELF file for "
			      "machine %u, not BPF: build it with clang "
			      "-target bpf)",
			      path, n < 20 ? 0 : h[18] + 256 * h[19]);
	return 0;
}

struct xk_prog *xk_prog__open_file(const char *path,
				   const struct xk_prog_open_opts *opts)
{
	struct xk_prog_open_opts o;
	struct bpf_object *obj;
	int err;

	xk_route_libbpf();
	err = XK_OPTS_IN(&o, opts, xk_prog_open_opts);
	if (!err)
		err = not_bpf_object(path);
	if (err) {
		errno = -err;
		return NULL;
	}
	obj = bpf_object__open_file(path, NULL);
	if (libbpf_get_error(obj) == -LIBBPF_ERRNO__FORMAT ||
	    libbpf_get_error(obj) == -LIBBPF_ERRNO__LIBELF) {
		xk_err(-ENOEXEC,
		       "%s is not a BPF object libbpf can read: a BPF ELF "
		       "file cut short or damaged",
		       path);
		return NULL;
	}
	return open_common(obj, path, false, &o);
}

struct xk_prog *xk_prog__open_mem(const void *buf, size_t size,
				  const struct xk_prog_open_opts *opts)
{
	struct xk_prog_open_opts o;
	const char *name;
	int err;

	xk_route_libbpf();
	err = XK_OPTS_IN(&o, opts, xk_prog_open_opts);
	if (err) {
		errno = -err;
		return NULL;
	}
	name = o.label ? o.label : "embedded";
	LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = name);
	return open_common(bpf_object__open_mem(buf, size, &oo), name, true,
			   &o);
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
	xk__verdict_reset();
	err = bpf_object__load(xp->obj);
	if (err) {
		const char *why = xk__verdict();
		char msg[128];

		libbpf_strerror(err, msg, sizeof(msg));
		/* a log means the verifier ran: its verdict, not a
		 * privilege problem, whatever the errno */
		if (why)
			return xk_err(err,
				      "the verifier rejected program '%s': %s "
				      "(-v shows its log)",
				      bpf_program__name(xp->prog), why);
		if (err == -EPERM || err == -EACCES)
			return xk_err(err,
				      "loading '%s' was refused (%s) before "
				      "the verifier ran: run as root (CAP_BPF "
				      "and CAP_NET_ADMIN), or a security "
				      "policy forbids it",
				      bpf_program__name(xp->prog), msg);
		return xk_err(err, "the kernel refused program '%s' (%s)",
			      bpf_program__name(xp->prog), msg);
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

struct bpf_program *xk_prog__bpf(const struct xk_prog *xp)
{
	return xp->prog;
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
