// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Everything attached to an interface, from the kernel's point of view
 * (netlink for XDP and clsact, BPF_PROG_QUERY for TCX), matched against our
 * pins to tell our programs from foreign ones.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "internal.h"

/*
 * The kernel keeps 15 characters of a program's name (BPF_OBJ_NAME_LEN);
 * its BTF keeps the whole function name, as bpftool shows it: the type of
 * the first func_info record (the entry point).
 */
static void btf_name(int fd, const struct bpf_prog_info *pi, char *buf,
		     size_t sz)
{
	struct bpf_func_info fi[1];
	struct bpf_prog_info q;
	__u32 len = sizeof(q);
	const struct btf_type *t;
	const char *n;
	struct btf *btf;

	if (!pi->btf_id || !pi->nr_func_info)
		return;
	memset(&q, 0, sizeof(q));
	q.nr_func_info = 1;
	q.func_info_rec_size = sizeof(fi[0]);
	q.func_info = (__u64)(unsigned long)fi;
	if (bpf_obj_get_info_by_fd(fd, &q, &len) || !q.nr_func_info)
		return;
	btf = btf__load_from_kernel_by_id(pi->btf_id);
	if (!btf)
		return;
	t = btf__type_by_id(btf, fi[0].type_id);
	n = t ? btf__name_by_offset(btf, t->name_off) : NULL;
	/* only if it is the name the kernel cut short */
	if (n && *n && !strncmp(n, pi->name, strlen(pi->name)))
		snprintf(buf, sz, "%s", n);
	btf__free(btf);
}

int xk_prog_info(__u32 id, struct xk_prog_status *ps)
{
	struct bpf_prog_info pi;
	__u32 len = sizeof(pi);
	const char *t;
	int fd, i;

	ps->id = id;
	fd = bpf_prog_get_fd_by_id(id);
	if (fd < 0)
		return -errno;
	memset(&pi, 0, sizeof(pi));
	if (bpf_obj_get_info_by_fd(fd, &pi, &len)) {
		close(fd);
		return -errno;
	}
	snprintf(ps->name, sizeof(ps->name), "%s", pi.name);
	if (strlen(pi.name) == BPF_OBJ_NAME_LEN - 1)
		btf_name(fd, &pi, ps->name, sizeof(ps->name));
	close(fd);
	for (i = 0; i < BPF_TAG_SIZE; i++)
		sprintf(ps->tag + 2 * i, "%02x", pi.tag[i]);
	t = libbpf_bpf_prog_type_str(pi.type);
	snprintf(ps->type, sizeof(ps->type), "%s", t ? t : "unknown");
	return 0;
}

struct pvec {
	struct xk_prog_status *v;
	int n;
};

static struct xk_prog_status *add(struct pvec *pv, enum xk_hook hook, __u32 id)
{
	struct xk_prog_status *p = realloc(pv->v, (pv->n + 1) * sizeof(*p));

	if (!p)
		return NULL;
	pv->v = p;
	p = &p[pv->n++];
	memset(p, 0, sizeof(*p));
	p->hook = hook;
	/* A program can vanish between the dump and the lookup; keep the
	 * id so the entry still says what was there. */
	xk_prog_info(id, p);
	return p;
}

static int collect(const struct xk_nl_link *l, bool tcx, struct pvec *pv)
{
	static const struct {
		int off;
		enum xk_xdp_mode mode;
	} xdp[] = {
		{offsetof(struct xk_nl_link, drv_id), XK_XDP_MODE_NATIVE},
		{offsetof(struct xk_nl_link, skb_id), XK_XDP_MODE_SKB},
		{offsetof(struct xk_nl_link, hw_id), XK_XDP_MODE_HW},
	};
	struct xk_prog_status *p;
	struct xk_nl_filter *f;
	__u32 ids[64], cnt;
	int i, j, n, h;

	for (i = 0; i < 3; i++) {
		__u32 id = *(const __u32 *)((const char *)l + xdp[i].off);

		if (!id)
			continue;
		if (!(p = add(pv, XK_HOOK_XDP, id)))
			return -ENOMEM;
		p->mode = xdp[i].mode;
	}
	for (i = 0; i < 2; i++) {
		n = xk_nl__filters(l->ifindex, i, &f);
		if (n < 0)
			return n;
		for (j = 0; j < n; j++) {
			p = add(pv, i ? XK_HOOK_TC_EGRESS : XK_HOOK_TC_INGRESS,
				f[j].prog_id);
			if (!p) {
				free(f);
				return -ENOMEM;
			}
			p->handle = f[j].handle;
			p->priority = f[j].prio;
		}
		free(f);
	}
	for (h = XK_HOOK_TCX_INGRESS; tcx && h <= XK_HOOK_TCX_EGRESS; h++) {
		cnt = 64;
		if (xk_tcx__query(l->ifindex, h, ids, &cnt))
			continue;
		for (j = 0; j < (int)cnt; j++)
			if (!add(pv, h, ids[j]))
				return -ENOMEM;
	}
	return 0;
}

/* One more pin of ours whose program (or chain) is not attached. */
static int stale_add(struct xk_iface_status *is, const char *path)
{
	void *s = realloc(is->stale, (is->nstale + 1) * XK_PIN_MAX);

	if (!s)
		return -ENOMEM;
	is->stale = s;
	snprintf(is->stale[is->nstale++], XK_PIN_MAX, "%s", path);
	return 0;
}

static int match_pins(struct xk_iface_status *is, int ifindex)
{
	char dir[XK_PIN_MAX];
	struct xk_pin *pins;
	int n, i, j;

	if (xk_pins__ifdir(ifindex, NULL, false, dir, sizeof(dir)))
		return 0;
	n = xk_pins__list(dir, &pins);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		bool used = false;

		if (pins[i].is_marker) {
			is->clsact_ours = true;
			continue;
		}
		if (pins[i].is_chainmap) /* once the roots are known */
			continue;
		for (j = 0; j < is->nprogs; j++) {
			struct xk_prog_status *p = &is->progs[j];

			if (p->hook != pins[i].hook || !pins[i].prog_id ||
			    p->id != pins[i].prog_id)
				continue;
			p->owner = XK_OWNER_XDPKIT;
			snprintf(p->pin, sizeof(p->pin), "%s", pins[i].path);
			snprintf(p->label, sizeof(p->label), "%s",
				 pins[i].label);
			used = true;
		}
		if (!used && stale_add(is, pins[i].path)) {
			free(pins);
			return -ENOMEM;
		}
	}
	/* a chain's array is used while the root attached uses it */
	for (i = 0; i < n; i++) {
		bool used = false;

		if (!pins[i].is_chainmap)
			continue;
		for (j = 0; j < is->nprogs && pins[i].map_id; j++)
			used |= is->progs[j].hook == XK_HOOK_XDP &&
				is->progs[j].owner == XK_OWNER_XDPKIT &&
				!strcmp(is->progs[j].label, XK_CHAIN_LABEL) &&
				xk__prog_uses_map(is->progs[j].id,
						  pins[i].map_id);
		if (!used && stale_add(is, pins[i].path)) {
			free(pins);
			return -ENOMEM;
		}
	}
	free(pins);
	return 0;
}

/* A chain's members, right after its root, each as the meta says. */
static int expand_chain(struct xk_iface_status *is)
{
	struct xk_chain_entry e[XK_CHAIN_MAX];
	struct xk_prog_status *v;
	int i, k, n;

	for (i = 0; i < is->nprogs; i++) {
		const struct xk_prog_status *r = &is->progs[i];

		if (r->hook != XK_HOOK_XDP || r->owner != XK_OWNER_XDPKIT ||
		    r->chain_pos || strcmp(r->label, XK_CHAIN_LABEL))
			continue;
		n = xk__chain_read(r->id, e, XK_CHAIN_MAX);
		if (n <= 0)
			continue;
		v = realloc(is->progs, (is->nprogs + n) * sizeof(*v));
		if (!v)
			return -ENOMEM;
		is->progs = v;
		memmove(&v[i + 1 + n], &v[i + 1],
			(is->nprogs - i - 1) * sizeof(*v));
		for (k = 0; k < n; k++) {
			struct xk_prog_status *p = &v[i + 1 + k];

			memset(p, 0, sizeof(*p));
			p->hook = XK_HOOK_XDP;
			p->mode = v[i].mode;
			xk_prog_info(e[k].id, p);
			p->owner = XK_OWNER_XDPKIT;
			snprintf(p->label, sizeof(p->label), "%s",
				 e[k].cfg.label);
			p->chain_pos = k + 1;
			p->chain_prio = e[k].cfg.prio;
			p->chain_on = e[k].cfg.on;
		}
		is->nprogs += n;
		i += n;
	}
	return 0;
}

static int iface_status(const struct xk_nl_link *l, struct xk_status *st,
			struct xk_iface_status *is)
{
	struct pvec pv = {0};
	int err;

	is->ifindex = l->ifindex;
	snprintf(is->name, sizeof(is->name), "%s", l->name);
	err = collect(l, st->tcx, &pv);
	is->progs = pv.v;
	is->nprogs = pv.n;
	if (!err && st->bpffs)
		err = match_pins(is, l->ifindex);
	if (!err && st->bpffs)
		err = expand_chain(is);
	return err;
}

static int status_get(int ifindex, struct xk_status **out, bool take_lock)
{
	struct xk_nl_link *links = NULL;
	struct xk_status *st;
	int n, i, err, lock = -1;

	*out = NULL;
	st = calloc(1, sizeof(*st));
	if (!st)
		return -ENOMEM;
	st->netns_ino = xk_netns_ino();
	st->tcx = xk_env__has_tcx();
	st->bpffs = !xk_env__check_bpffs();
	if (st->bpffs && take_lock) {
		/* Shared: wait out a running attach so we never report its
		 * half-done state. */
		lock = xk_lock(false);
		if (lock < 0) /* a reader goes on without: say so, not fail */
			xk_log(XK_PRINT_WARN,
			       "reading without the lock (%s): a concurrent "
			       "attach may show half done\n",
			       xk_errmsg());
	}
	n = xk_nl__links(ifindex, &links);
	if (n < 0) {
		err = n == -ENODEV
			      ? xk_err(n, "no interface with index %d", ifindex)
			      : xk_err(n, "netlink link dump failed: %s",
				       strerror(-n));
		goto fail;
	}
	st->ifaces = calloc(n ? n : 1, sizeof(*st->ifaces));
	if (!st->ifaces) {
		err = -ENOMEM;
		goto fail;
	}
	st->nifaces = n;
	for (i = 0; i < n; i++) {
		err = iface_status(&links[i], st, &st->ifaces[i]);
		if (err) {
			xk_err(err, "cannot read state of %s: %s",
			       links[i].name, strerror(-err));
			goto fail;
		}
	}
	free(links);
	xk_unlock(lock);
	*out = st;
	return 0;
fail:
	free(links);
	xk_unlock(lock);
	xk_status__free(st);
	return err;
}

int xk_iface__status(int ifindex, struct xk_status **out)
{
	return status_get(ifindex, out, true);
}

int xk_status__get_locked(int ifindex, struct xk_status **out)
{
	return status_get(ifindex, out, false);
}

int xk__write_begin(int ifindex, char *ifname, struct xk_status **st)
{
	int lock, err;

	*st = NULL;
	if (!if_indextoname(ifindex, ifname))
		return xk_err(-ENODEV, "no interface with index %d", ifindex);
	lock = xk_lock_for_write();
	if (lock < 0)
		return lock;
	err = xk_status__get_locked(ifindex, st);
	if (err) {
		xk_unlock(lock);
		return err;
	}
	return lock;
}

int xk_attach__begin(int ifindex, struct xk_prog *prog, struct xk_status **st)
{
	char ifname[IF_NAMESIZE];
	int lock = xk__write_begin(ifindex, ifname, st), err;

	if (lock < 0)
		return lock;
	err = xk_prog__load(prog);
	if (err) {
		xk_status__free(*st);
		*st = NULL;
		xk_unlock(lock);
		return err;
	}
	return lock;
}

void xk_status__free(struct xk_status *st)
{
	int i;

	if (!st)
		return;
	for (i = 0; i < st->nifaces; i++) {
		free(st->ifaces[i].progs);
		free(st->ifaces[i].stale);
	}
	free(st->ifaces);
	free(st);
}

struct xk_prog_status *xk_status__ours(struct xk_iface_status *is,
				       enum xk_hook hook)
{
	int i;

	for (i = 0; i < is->nprogs; i++)
		if (is->progs[i].hook == hook && !is->progs[i].chain_pos &&
		    is->progs[i].owner == XK_OWNER_XDPKIT)
			return &is->progs[i];
	return NULL;
}
