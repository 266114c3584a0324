// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * XDP attach in single-program mode (see xk_env__multiprog_status).
 *
 * Order, for crash safety: load, pin, attach, then tidy pins. A kill after
 * the pin but before the attach leaves a stale pin (status shows it, clean
 * removes it); a kill after the attach leaves a complete attach whose pin
 * may still carry "@new" (status shows it as ours, clean renames it).
 * Netlink attach (not a bpf_link) keeps `ip link ... xdp off` and
 * xdp-loader able to manage what we attached.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "internal.h"

static __u32 mode_flag(enum xk_xdp_mode m)
{
	switch (m) {
	case XK_XDP_MODE_NATIVE:
		return XDP_FLAGS_DRV_MODE;
	case XK_XDP_MODE_SKB:
		return XDP_FLAGS_SKB_MODE;
	case XK_XDP_MODE_HW:
		return XDP_FLAGS_HW_MODE;
	default:
		return 0;
	}
}

static int attach_err(int err, const char *ifname, enum xk_xdp_mode m)
{
	switch (err) {
	case -EOPNOTSUPP:
		if (m == XK_XDP_MODE_HW)
			return xk_err(err,
				      "%s cannot offload XDP (hw mode); "
				      "use mode native or skb",
				      ifname);
		return xk_err(err,
			      "%s does not support XDP in %s mode; "
			      "try mode skb",
			      ifname, xk_xdp_mode__str(m));
	case -EEXIST:
	case -EBUSY:
		return xk_err(err,
			      "%s already has an XDP program (in another "
			      "mode, or held by a bpf_link); see 'xdpctl "
			      "status dev %s'",
			      ifname, ifname);
	case -EPERM:
	case -EACCES:
		return xk_err(err,
			      "attaching XDP to %s was refused: run as "
			      "root (CAP_BPF and CAP_NET_ADMIN)",
			      ifname);
	default:
		return xk_err(err, "attaching XDP to %s in %s mode failed: %s",
			      ifname, xk_xdp_mode__str(m), strerror(-err));
	}
}

int xk_xdp__put(int ifindex, const char *ifname, int prog_fd, const char *label,
		const struct xk_prog_status *cur, enum xk_xdp_mode mode,
		struct xk_xdp_opts *o)
{
	char dir[XK_PIN_MAX], pin[XK_PIN_MAX];
	struct bpf_prog_info pi;
	__u32 len = sizeof(pi);
	bool is_new = false;
	int err, old_fd = -1;

	err = xk_pins__ifdir(ifindex, ifname, true, dir, sizeof(dir));
	if (err)
		return err;
	xk_pins__path(pin, sizeof(pin), dir, XK_HOOK_XDP, label, false);
	if (cur && !strcmp(cur->pin, pin)) {
		is_new = true;
		xk_pins__path(pin, sizeof(pin), dir, XK_HOOK_XDP, label, true);
	}
	unlink(pin); /* a stale leftover of a killed run, if anything */
	if (bpf_obj_pin(prog_fd, pin))
		return xk_err(-errno, "cannot pin program at %s: %m", pin);
	xk_crashpoint("xdp-pinned");

	if (cur) {
		LIBBPF_OPTS(bpf_xdp_attach_opts, ao);

		old_fd = bpf_prog_get_fd_by_id(cur->id);
		ao.old_prog_fd = old_fd;
		/* REPLACE with the expected old fd: atomic, and fails if
		 * somebody changed the hook since we looked. */
		err = old_fd < 0 ? -errno
				 : bpf_xdp_attach(ifindex, prog_fd,
						  XDP_FLAGS_REPLACE |
							  mode_flag(mode),
						  &ao);
		if (old_fd >= 0)
			close(old_fd);
	} else {
		__u32 f = XDP_FLAGS_UPDATE_IF_NOEXIST;

		if (mode == XK_XDP_MODE_BEST) {
			mode = XK_XDP_MODE_NATIVE;
			err = bpf_xdp_attach(ifindex, prog_fd,
					     f | XDP_FLAGS_DRV_MODE, NULL);
			if (err && err != -EEXIST && err != -EBUSY &&
			    err != -EPERM) {
				xk_log(XK_PRINT_INFO,
				       "native XDP on %s failed "
				       "(%s), falling back to skb mode\n",
				       ifname, strerror(-err));
				mode = XK_XDP_MODE_SKB;
			} else {
				goto attached;
			}
		}
		err = bpf_xdp_attach(ifindex, prog_fd, f | mode_flag(mode),
				     NULL);
	}
attached:
	if (err) {
		unlink(pin);
		xk_pins__rmdir_if_empty(dir);
		return attach_err(err, ifname, mode);
	}
	xk_crashpoint("xdp-attached");
	if (cur && cur->owner == XK_OWNER_XDPKIT) {
		char final[XK_PIN_MAX];

		if (is_new) {
			xk_pins__path(final, sizeof(final), dir, XK_HOOK_XDP,
				      label, false);
			rename(pin, final); /* atomically drops the old pin */
		} else {
			unlink(cur->pin);
		}
		/* a chain replaced by one program: its array goes too */
		if (!strcmp(cur->label, XK_CHAIN_LABEL) &&
		    strcmp(label, XK_CHAIN_LABEL))
			xk__chainmaps_unpin(ifindex, ifname);
	}
	o->mode_used = mode;
	o->replaced_id = cur ? cur->id : 0;
	o->replaced_foreign = cur && cur->owner != XK_OWNER_XDPKIT;
	memset(&pi, 0, sizeof(pi));
	if (!bpf_obj_get_info_by_fd(prog_fd, &pi, &len))
		o->prog_id = pi.id;
	xk_log(XK_PRINT_DEBUG, "attached %s (id %u) to %s xdp %s\n", label,
	       o->prog_id, ifname, xk_xdp_mode__str(mode));
	return 0;
}

/* A lone program says where it came from in its own chain cfg, so that a
 * later attach can build a chain around it. */
static int lone_cfg(struct xk_prog *xp, const struct xk_xdp_opts *o)
{
	struct bpf_map *m;
	struct xk_chain_cfg c = {
		.prio = o->priority ? o->priority : XK_CHAIN_PRIO_DEFAULT,
		.on = o->chain_on ? o->chain_on : XK_CHAIN_ON_DEFAULT,
	};

	if (xp->loaded)
		return 0;
	m = bpf_object__find_map_by_name(xp->obj, ".rodata.xkchain");
	if (!m || bpf_map__value_size(m) != sizeof(c))
		return 0;
	snprintf(c.label, sizeof(c.label), "%s", xp->label);
	snprintf(c.sel, sizeof(c.sel), "%s", xk_prog__name(xp));
	snprintf(c.src, sizeof(c.src), "%s", xp->src);
	return bpf_map__set_initial_value(m, &c, sizeof(c));
}

static int xdp_attach(int ifindex, struct xk_prog *prog, struct xk_xdp_opts *o)
{
	char ifname[IF_NAMESIZE];
	struct xk_prog_status *cur = NULL;
	struct xk_status *st = NULL;
	enum xk_xdp_mode mode;
	int lock, err, i;

	lock = xk__write_begin(ifindex, ifname, &st);
	if (lock < 0)
		return lock;
	/* what the kernel has on the hook: a chain's members come after */
	for (i = 0; i < st->ifaces[0].nprogs; i++)
		if (st->ifaces[0].progs[i].hook == XK_HOOK_XDP &&
		    !st->ifaces[0].progs[i].chain_pos)
			cur = &st->ifaces[0].progs[i];
	if (cur && !o->force && (err = xk_lease__busy(ifname, cur)))
		goto out;
	if (cur && cur->owner != XK_OWNER_XDPKIT && !o->replace) {
		err = xk_err(-EEXIST,
			     "%s already has XDP program '%s' (id %u, "
			     "%s mode) that is not ours (attached by ip, "
			     "xdp-loader or another tool); add 'replace' to "
			     "replace it",
			     ifname, cur->name, cur->id,
			     xk_xdp_mode__str(cur->mode));
		goto out;
	}
	mode = o->mode;
	if (cur && mode == XK_XDP_MODE_BEST)
		mode = cur->mode; /* replace in place */
	if (cur && mode != cur->mode) {
		err = xk_err(-EEXIST,
			     "%s has XDP program '%s' in %s mode; "
			     "detach it first or ask for mode %s",
			     ifname, cur->name, xk_xdp_mode__str(cur->mode),
			     xk_xdp_mode__str(cur->mode));
		goto out;
	}
	if (o->chain) {
		bool disp = false;

		xk_env__multiprog_status(&disp);
		if (disp) {
			err = xk__dispatcher_attach(ifindex, ifname, prog, mode,
						    o);
			goto out;
		}
	}
	/* ours there: a chain around it, or the same label replaced in its
	 * place (keeping its state when it is the same program again) */
	if (o->chain && cur && cur->owner == XK_OWNER_XDPKIT) {
		if (!strcmp(xk_prog__label(prog), XK_CHAIN_LABEL)) {
			err = xk_err(-EINVAL,
				     "'%s' is the label of a chain's "
				     "root: give the program another",
				     XK_CHAIN_LABEL);
			goto out;
		}
		err = xk__chain_add(ifindex, ifname, &st->ifaces[0], cur, prog,
				    o);
		goto out;
	}
	if ((err = lone_cfg(prog, o)) || (err = xk_prog__load(prog)))
		goto out;
	err = xk_xdp__put(ifindex, ifname, xk_prog__fd(prog),
			  xk_prog__label(prog), cur, mode, o);
out:
	xk_status__free(st);
	xk_unlock(lock);
	return err;
}

int xk_xdp__attach(int ifindex, struct xk_prog *prog, struct xk_xdp_opts *opts)
{
	struct xk_xdp_opts o;
	int err = XK_OPTS_IN(&o, opts, xk_xdp_opts);

	if (err)
		return err;
	err = xdp_attach(ifindex, prog, &o);
	XK_OPTS_OUT(opts, &o);
	return err;
}
