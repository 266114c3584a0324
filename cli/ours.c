// SPDX-License-Identifier: GPL-2.0
/* What stats, map and filter share: finding our programs, map errors. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <xdpkit/loader.h>
#include "xdpctl.h"

int ours_find(int ifindex, const char *label, int hook, __u32 *id,
	      int *found_hook)
{
	struct xk_status *st;
	struct xk_iface_status *is;
	int i, err = xk_iface__status(ifindex, &st);

	if (err)
		return err;
	err = -ENOENT;
	is = st->nifaces ? &st->ifaces[0] : NULL;
	for (i = 0; is && i < is->nprogs; i++) {
		const struct xk_prog_status *ps = &is->progs[i];

		if (ps->owner != XK_OWNER_XDPKIT || strcmp(ps->label, label) ||
		    (hook != XK_HOOK_MAX && (int)ps->hook != hook))
			continue;
		/* XDP first when any hook will do: it sees packets first */
		if (err || ps->hook == XK_HOOK_XDP) {
			*id = ps->id;
			if (found_hook)
				*found_hook = ps->hook;
			err = 0;
		}
	}
	xk_status__free(st);
	return err;
}

int xdp_holder(int ifindex, char *name, size_t sz)
{
	struct xk_status *st;
	int i, err = xk_iface__status(ifindex, &st);

	if (err)
		return err;
	err = -ENOENT;
	for (i = 0; st->nifaces && i < st->ifaces[0].nprogs; i++) {
		const struct xk_prog_status *ps = &st->ifaces[0].progs[i];

		if (ps->hook != XK_HOOK_XDP)
			continue;
		snprintf(name, sz, "%s", *ps->label ? ps->label : ps->name);
		err = 0;
	}
	xk_status__free(st);
	return err;
}
