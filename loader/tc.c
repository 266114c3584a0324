// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * TC attach: clsact filters through libbpf's netlink API, TCX through links.
 *
 * We may share clsact with others, so we never delete it unless a pinned
 * marker says we created it and no filter is left on it. The marker is
 * pinned before the qdisc is created: a kill in between leaves a marker that
 * clean resolves, never a qdisc nobody claims.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "internal.h"

static int tc_point(enum xk_hook hook)
{
	return hook == XK_HOOK_TC_EGRESS ? BPF_TC_EGRESS : BPF_TC_INGRESS;
}

int xk_tc__clsact_release(int ifindex, const char *dir)
{
	struct xk_nl_filter *f;
	char marker[XK_PIN_MAX];
	int n, i, has;

	snprintf(marker, sizeof(marker), "%s/" XK_MARKER_CLSACT, dir);
	if (access(marker, F_OK))
		return 0;
	has = xk_nl__has_clsact(ifindex);
	if (has < 0)
		return has;
	for (i = 0; has && i < 2; i++) {
		n = xk_nl__filters(ifindex, i, &f);
		if (n < 0)
			return n;
		free(f);
		if (n)
			return 0; /* somebody's filter: keep qdisc */
	}
	if (has) {
		LIBBPF_OPTS(bpf_tc_hook, h, .ifindex = ifindex,
			    .attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS);
		int err = bpf_tc_hook_destroy(&h);

		if (err && err != -ENOENT && err != -EINVAL)
			return err;
	}
	unlink(marker);
	return has;
}

/* Make sure clsact exists, remembering whether we created it. */
static int clsact_ensure(int ifindex, const char *dir, bool ours)
{
	LIBBPF_OPTS(bpf_tc_hook, h, .ifindex = ifindex,
		    .attach_point = BPF_TC_INGRESS);
	char marker[XK_PIN_MAX];
	int mfd = -1, err;

	snprintf(marker, sizeof(marker), "%s/" XK_MARKER_CLSACT, dir);
	if (!ours) {
		mfd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "xk_clsact", 4, 4, 1,
				     NULL);
		if (mfd < 0 || bpf_obj_pin(mfd, marker)) {
			err = -errno;
			if (mfd >= 0)
				close(mfd);
			return xk_err(err, "cannot pin %s: %s", marker,
				      strerror(-err));
		}
		close(mfd);
		xk_crashpoint("tc-marker");
	}
	err = bpf_tc_hook_create(&h);
	if (err == -EEXIST) {
		if (!ours)
			unlink(marker); /* somebody else's clsact */
		return 0;
	}
	if (err) {
		if (!ours)
			unlink(marker);
		return xk_err(err, "cannot create the clsact qdisc: %s",
			      strerror(-err));
	}
	return 0;
}

static int attach_clsact(int ifindex, struct xk_prog *prog,
			 struct xk_iface_status *is, struct xk_prog_status *cur,
			 const char *dir, const char *pin, struct xk_tc_opts *o)
{
	LIBBPF_OPTS(bpf_tc_hook, h, .ifindex = ifindex,
		    .attach_point = tc_point(o->hook));
	LIBBPF_OPTS(bpf_tc_opts, to, .prog_fd = xk_prog__fd(prog));
	int err;

	err = clsact_ensure(ifindex, dir, is->clsact_ours);
	if (err)
		return err;
	if (bpf_obj_pin(xk_prog__fd(prog), pin)) {
		err = xk_err(-errno, "cannot pin program at %s: %m", pin);
		xk_tc__clsact_release(ifindex, dir);
		return err;
	}
	xk_crashpoint("tc-pinned");
	if (cur) {
		/* Same handle and priority with REPLACE swaps the program in
		 * place: packets never see a hook without it. */
		to.flags = BPF_TC_F_REPLACE;
		to.handle = cur->handle;
		to.priority = cur->priority;
	}
	err = bpf_tc_attach(&h, &to);
	if (err) {
		unlink(pin);
		xk_tc__clsact_release(ifindex, dir);
		return xk_err(err, "attaching to %s failed: %s",
			      xk_hook__str(o->hook), strerror(-err));
	}
	xk_crashpoint("tc-attached");
	o->prog_id = to.prog_id;
	o->handle = to.handle;
	o->priority = to.priority;
	return 0;
}

/* Swap the program of our existing TCX link: atomic, the link stays. */
static int update_tcx(struct xk_prog *prog, struct xk_prog_status *cur,
		      const char *pin)
{
	int fd, err;

	fd = bpf_obj_get(cur->pin);
	if (fd < 0)
		return xk_err(-errno, "cannot open our link %s: %m", cur->pin);
	err = xk_tcx__link_update(fd, xk_prog__fd(prog));
	close(fd);
	if (err)
		return xk_err(err, "updating our TCX link failed: %s",
			      strerror(-err));
	xk_crashpoint("tcx-updated");
	/* The pin name carries the label; a kill before this rename leaves
	 * the old label on a link that is still ours. */
	if (strcmp(cur->pin, pin) && rename(cur->pin, pin))
		return xk_err(-errno, "cannot rename %s: %m", cur->pin);
	return 0;
}

static int tc_attach(int ifindex, struct xk_prog *prog, struct xk_tc_opts *o)
{
	char ifname[IF_NAMESIZE], dir[XK_PIN_MAX], pin[XK_PIN_MAX];
	struct xk_prog_status *cur;
	struct xk_iface_status *is;
	struct xk_status *st = NULL;
	bool tcx, is_new = false;
	int lock, err, fd;

	if (!o || !xk_hook__is_tc(o->hook))
		return xk_err(-EINVAL, "no tc hook given");
	tcx = o->hook >= XK_HOOK_TCX_INGRESS;
	if (!if_indextoname(ifindex, ifname))
		return xk_err(-ENODEV, "no interface with index %d", ifindex);
	if (tcx && !xk_env__has_tcx())
		return xk_err(-EOPNOTSUPP, "this kernel has no TCX (6.6+); "
					   "use 'tc ingress' or 'tc egress'");
	lock = xk_attach__begin(ifindex, prog, &st);
	if (lock < 0)
		return lock;
	is = &st->ifaces[0];
	cur = xk_status__ours(is, o->hook);
	err = xk_pins__ifdir(ifindex, ifname, true, dir, sizeof(dir));
	if (err)
		goto out;
	xk_pins__path(pin, sizeof(pin), dir, o->hook, xk_prog__label(prog),
		      false);
	if (cur && !tcx && !strcmp(cur->pin, pin)) {
		is_new = true;
		xk_pins__path(pin, sizeof(pin), dir, o->hook,
			      xk_prog__label(prog), true);
	}
	if (!cur || strcmp(cur->pin, pin))
		unlink(pin); /* stale leftover of a killed run */

	if (!tcx) {
		err = attach_clsact(ifindex, prog, is, cur, dir, pin, o);
	} else if (cur) {
		err = update_tcx(prog, cur, pin);
	} else {
		fd = xk_tcx__link_create(xk_prog__fd(prog), ifindex, o->hook);
		if (fd < 0) {
			err = xk_err(fd, "creating a TCX link on %s failed: %s",
				     ifname, strerror(-fd));
			goto out_dir;
		}
		/* Until pinned, the link lives only in this process: a kill
		 * here detaches it, leaving nothing. */
		xk_crashpoint("tcx-created");
		if (bpf_obj_pin(fd, pin)) {
			err = xk_err(-errno, "cannot pin link at %s: %m", pin);
			close(fd);
			goto out_dir;
		}
		close(fd);
		xk_crashpoint("tcx-pinned");
	}
	if (err)
		goto out_dir;
	if (cur && !tcx) {
		char final[XK_PIN_MAX];

		if (is_new) {
			xk_pins__path(final, sizeof(final), dir, o->hook,
				      xk_prog__label(prog), false);
			rename(pin, final);
		} else {
			unlink(cur->pin);
		}
	}
	o->replaced_id = cur ? cur->id : 0;
	if (!o->prog_id) {
		struct bpf_prog_info pi;
		__u32 len = sizeof(pi);

		memset(&pi, 0, sizeof(pi));
		if (!bpf_obj_get_info_by_fd(xk_prog__fd(prog), &pi, &len))
			o->prog_id = pi.id;
	}
	goto out;
out_dir:
	xk_pins__rmdir_if_empty(dir);
out:
	xk_status__free(st);
	xk_unlock(lock);
	return err;
}

int xk_tc__attach(int ifindex, struct xk_prog *prog, struct xk_tc_opts *opts)
{
	struct xk_tc_opts o;
	int err;

	if (!opts)
		return xk_err(-EINVAL, "no tc hook given");
	err = XK_OPTS_IN(&o, opts, xk_tc_opts);
	if (err)
		return err;
	err = tc_attach(ifindex, prog, &o);
	XK_OPTS_OUT(opts, &o);
	return err;
}
