// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Detach what we attached, and only that: a program counts as ours when our
 * pin holds the very program the kernel has on the hook, and every removal
 * names that program (XDP: REPLACE with the expected fd; clsact: our handle
 * and priority; TCX: our link), so a concurrent foreign change is never
 * undone by us.
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

static int detach_one(int ifindex, struct xk_prog_status *p)
{
	int fd, err;

	switch (p->hook) {
	case XK_HOOK_XDP: {
		LIBBPF_OPTS(bpf_xdp_attach_opts, ao);
		__u32 f = p->mode == XK_XDP_MODE_SKB  ? XDP_FLAGS_SKB_MODE
			  : p->mode == XK_XDP_MODE_HW ? XDP_FLAGS_HW_MODE
						      : XDP_FLAGS_DRV_MODE;

		fd = bpf_obj_get(p->pin);
		if (fd < 0)
			return -errno;
		ao.old_prog_fd = fd;
		err = bpf_xdp_detach(ifindex, f, &ao);
		close(fd);
		return err;
	}
	case XK_HOOK_TC_INGRESS:
	case XK_HOOK_TC_EGRESS: {
		LIBBPF_OPTS(bpf_tc_hook, h, .ifindex = ifindex,
			    .attach_point = p->hook == XK_HOOK_TC_EGRESS
						    ? BPF_TC_EGRESS
						    : BPF_TC_INGRESS);
		LIBBPF_OPTS(bpf_tc_opts, to, .handle = p->handle,
			    .priority = p->priority);

		return bpf_tc_detach(&h, &to);
	}
	default:
		fd = bpf_obj_get(p->pin);
		if (fd < 0)
			return -errno;
		err = bpf_link_detach(fd);
		close(fd);
		return err;
	}
}

static bool wanted(const struct xk_prog_status *p,
		   const struct xk_detach_opts *o)
{
	unsigned int hooks = o->hooks ? o->hooks : XK_HOOKS_ALL;

	if (p->owner != XK_OWNER_XDPKIT || !(hooks & XK_HOOK_BIT(p->hook)))
		return false;
	if (p->chain_pos) /* they come off with their root, or one by one */
		return false;
	return !o->prog || !strcmp(o->prog, p->label) ||
	       !strcmp(o->prog, p->name);
}

/* One member of a chain named: the chain is built again without it
 * (alone again when one is left). -ENOENT when @o names no member. */
static int detach_member(int ifindex, const char *ifname,
			 struct xk_iface_status *is, struct xk_detach_opts *o)
{
	const struct xk_prog_status *root = NULL, *m = NULL;
	unsigned int hooks = o->hooks ? o->hooks : XK_HOOKS_ALL;
	int i, err;

	if (!o->prog || !(hooks & XK_HOOK_BIT(XK_HOOK_XDP)))
		return -ENOENT;
	for (i = 0; i < is->nprogs; i++) {
		const struct xk_prog_status *p = &is->progs[i];

		if (p->hook != XK_HOOK_XDP || p->owner != XK_OWNER_XDPKIT)
			continue;
		if (!p->chain_pos)
			root = p;
		else if (!m && (!strcmp(o->prog, p->label) ||
				!strcmp(o->prog, p->name)))
			m = p;
	}
	if (!m || !root)
		return -ENOENT;
	if (!o->force && (err = xk_lease__busy(ifname, m)))
		return err;
	err = xk__chain_remove(ifindex, ifname, is, root, m->label);
	if (err)
		return err == -ENOENT ? -EIO : err;
	o->detached = 1;
	return 0;
}

static int detach(int ifindex, struct xk_detach_opts *o)
{
	char ifname[IF_NAMESIZE], dir[XK_PIN_MAX];
	struct xk_iface_status *is;
	struct xk_status *st = NULL;
	int lock, err, i, foreign = 0;

	o->detached = 0;
	lock = xk__write_begin(ifindex, ifname, &st);
	if (lock < 0)
		return lock;
	is = &st->ifaces[0];
	err = detach_member(ifindex, ifname, is, o);
	if (err != -ENOENT)
		goto out;
	err = 0;
	/* refuse before anything comes off: all or nothing */
	for (i = 0; i < is->nprogs; i++)
		if (wanted(&is->progs[i], o) && !o->force &&
		    (err = xk_lease__busy(ifname, &is->progs[i])))
			goto out;
	for (i = 0; i < is->nprogs; i++) {
		struct xk_prog_status *p = &is->progs[i];

		if (!wanted(p, o)) {
			foreign += p->owner != XK_OWNER_XDPKIT;
			continue;
		}
		err = detach_one(ifindex, p);
		if (err) {
			xk_err(err, "detaching '%s' from %s %s failed: %s",
			       p->name, ifname, xk_hook__str(p->hook),
			       strerror(-err));
			goto out;
		}
		xk_crashpoint("detached");
		unlink(p->pin);
		if (p->hook == XK_HOOK_XDP && !strcmp(p->label, XK_CHAIN_LABEL))
			xk__chainmaps_unpin(ifindex, ifname);
		o->detached++;
	}
	/* Pins of ours whose program is gone are leftovers of our own
	 * attaches; removing them is part of detaching. */
	for (i = 0; i < is->nstale; i++)
		unlink(is->stale[i]);
	if (!xk_pins__ifdir(ifindex, NULL, false, dir, sizeof(dir))) {
		xk_tc__clsact_release(ifindex, dir);
		xk_pins__rmdir_if_empty(dir);
	}
	if (!o->detached)
		err = xk_err(-ENOENT, "%s has no program of ours%s%s%s", ifname,
			     o->prog ? " named " : "", o->prog ? o->prog : "",
			     foreign ? " (programs attached by other tools are "
				       "left alone)"
				     : "");
out:
	xk_status__free(st);
	xk_unlock(lock);
	return err;
}

int xk_iface__detach(int ifindex, struct xk_detach_opts *opts)
{
	struct xk_detach_opts o;
	int err = XK_OPTS_IN(&o, opts, xk_detach_opts);

	if (err)
		return err;
	err = detach(ifindex, &o);
	XK_OPTS_OUT(opts, &o);
	return err;
}
