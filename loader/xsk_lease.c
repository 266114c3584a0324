// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Owner leases of steering programs (see xdpkit/xsk.h): after a SIGKILL the
 * kernel closes the AF_XDP sockets but keeps the XDP program, which goes
 * on steering registered ports into an empty XSKMAP. The lease lets
 * `xdpctl clean` tell such a leftover from a program somebody is using.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/map.h>
#include "internal.h"
#include "xdpkit/xsk.h"

static __u64 start_time(__u32 pid)
{
	char path[64], buf[1024], *p;
	unsigned long long st = 0;
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "/proc/%u/stat", pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	/* comm may hold spaces and parentheses: count from the last ')' */
	p = strrchr(buf, ')');
	for (i = 2; p && i < 22; i++)
		p = strchr(p + 1, ' ');
	if (p)
		sscanf(p + 1, "%llu", &st);
	return st;
}

int xk_lease__claim(int prog_fd, int map_fd)
{
	struct xk_lease o = {.pid = getpid()};
	__u32 k = 0;

	if (bpf_prog_bind_map(prog_fd, map_fd, NULL))
		return xk_err(-errno, "cannot bind the owner lease map: %m");
	o.start_time = start_time(o.pid);
	if (bpf_map_update_elem(map_fd, &k, &o, BPF_ANY))
		return xk_err(-errno, "cannot record the owner lease: %m");
	return 0;
}

bool xk_lease__alive(const struct xk_lease *o)
{
	return o->pid && start_time(o->pid) == o->start_time;
}

int xk_lease__get(__u32 prog_id, struct xk_lease *o)
{
	struct xk_map *m = xk_map__open_prog(prog_id, "xk_owner");
	__u32 k = 0;
	int err = -ENOENT;

	memset(o, 0, sizeof(*o));
	if (!m)
		return -ENOENT;
	if (xk_map__type(m) == BPF_MAP_TYPE_ARRAY &&
	    xk_map__value_size(m) == sizeof(*o))
		err = xk_map__lookup(m, &k, o);
	xk_map__close(m);
	/* a lease nobody claimed (attached by hand) is no lease */
	if (!err && !o->pid)
		err = -ENOENT;
	return err;
}

int xk_lease__reap_locked(int ifindex, struct xk_iface_status *is)
{
	struct xk_lease o;
	int i, fd, n = 0;

	for (i = 0; i < is->nprogs; i++) {
		struct xk_prog_status *p = &is->progs[i];
		LIBBPF_OPTS(bpf_xdp_attach_opts, ao);
		__u32 f;

		if (p->owner != XK_OWNER_XDPKIT || p->hook != XK_HOOK_XDP ||
		    xk_lease__get(p->id, &o) || xk_lease__alive(&o))
			continue;
		fd = bpf_obj_get(p->pin);
		if (fd < 0)
			continue;
		f = p->mode == XK_XDP_MODE_SKB	? XDP_FLAGS_SKB_MODE
		    : p->mode == XK_XDP_MODE_HW ? XDP_FLAGS_HW_MODE
						: XDP_FLAGS_DRV_MODE;
		ao.old_prog_fd = fd; /* only if it is still this program */
		if (!bpf_xdp_detach(ifindex, f, &ao)) {
			unlink(p->pin);
			xk_log(XK_PRINT_INFO,
			       "detached %s (id %u): its owner, "
			       "pid %u, is gone\n",
			       p->name, p->id, o.pid);
			n++;
		}
		close(fd);
	}
	return n;
}

int xk_lease__busy(const char *ifname, const struct xk_prog_status *p)
{
	struct xk_lease o;

	if (p->hook != XK_HOOK_XDP || xk_lease__get(p->id, &o) ||
	    !xk_lease__alive(&o) || o.pid == (__u32)getpid())
		return 0;
	return xk_err(-EBUSY,
		      "%s's XDP program '%s' (id %u) steers for a running "
		      "stack (pid %u): stop that stack first, or add 'force' "
		      "to take the hook (the stack then stops)",
		      ifname, p->name, p->id, o.pid);
}
