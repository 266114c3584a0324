// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Several programs on one XDP hook without freplace (<xdpkit/chain.h>).
 *
 * A chain of two or more is a root program (five instructions, built here)
 * attached to the interface and pinned as xdp@chain, a program array it
 * tail-calls slot 0 of, and a meta array bound to it that says what each
 * slot holds (label, priority, chain-call set, source). A lone program of
 * ours is attached as itself, with the same facts in its own read-only
 * data, so it costs nothing and can still be joined later.
 *
 * Every change loads the whole chain again, aside: a new array, a new
 * instance of each member built with <xdpkit/prog.h> for its new place
 * (the slot after it baked in as a constant, its maps and data taken over
 * from the instance it replaces, its read-only data copied), a new root;
 * then one XDP_FLAGS_REPLACE swaps the root. Packets that entered the old
 * root finish in the old chain: none sees a mix. A member that does not
 * call the next one (not built with prog.h) can only be last; it is
 * carried over as it is.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/if_link.h>
#include <linux/membarrier.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdp/libxdp.h>
#include <xdpkit/chain.h>
#include <xdpkit/map.h>
#include "internal.h"

#define CFG_MAP	  ".rodata.xkchain" /* prog.h's xk_chain_cfg */
#define ARRAY_MAP "xk_chain"
#define META_MAP  "xk_chain_meta"
#define STATS_MAP "xk_chain_stats"
#define CAP_CFG	  ".data.xk_cap"	 /* prog.h's capture switch ... */
#define CAP_RING  "xk_capture_ring"	 /* ... and ring */
#define NAME_MAX_ (BPF_OBJ_NAME_LEN - 1) /* what the kernel keeps */

static xk_prog_source_fn source_fn;

void xk_prog__set_source(xk_prog_source_fn fn)
{
	source_fn = fn;
}

struct member {
	__u32 id;	 /* the instance running now; 0: the new one */
	bool calls_next; /* has prog.h's chain hook */
	bool has_cfg;	 /* cfg came from the program or the meta */
	struct xk_chain_cfg cfg;
	struct xk_prog *given; /* the caller's new program */
	struct xk_prog *fresh; /* loaded here for its new place */
	int fd;		       /* what goes into the new array */
	int order;	       /* ties of priority keep this order */
	__u32 keep;	       /* given: the instance whose state it takes */
};

/* The ids of the maps a program uses (up to @max). */
static int prog_map_ids(int fd, __u32 *ids, __u32 max)
{
	struct bpf_prog_info pi;
	__u32 len = sizeof(pi);

	memset(&pi, 0, sizeof(pi));
	pi.nr_map_ids = max;
	pi.map_ids = (__u64)(unsigned long)ids;
	if (bpf_obj_get_info_by_fd(fd, &pi, &len))
		return -errno;
	return pi.nr_map_ids < max ? (int)pi.nr_map_ids : (int)max;
}

/* The map named @name (kernel's 15 characters) among a program's, opened:
 * fd, with its info; -ENOENT if none. */
static int prog_map(int prog_fd, const char *name, struct bpf_map_info *mi)
{
	__u32 ids[64], len;
	int n, i, fd;

	n = prog_map_ids(prog_fd, ids, 64);
	for (i = 0; i < n; i++) {
		fd = bpf_map_get_fd_by_id(ids[i]);
		if (fd < 0)
			continue;
		memset(mi, 0, sizeof(*mi));
		len = sizeof(*mi);
		if (!bpf_obj_get_info_by_fd(fd, mi, &len) &&
		    !strncmp(mi->name, name, NAME_MAX_))
			return fd;
		close(fd);
	}
	return -ENOENT;
}

static bool uses_map(int prog_fd, __u32 map_id)
{
	__u32 ids[64];
	int n = prog_map_ids(prog_fd, ids, 64), i;

	for (i = 0; i < n; i++)
		if (ids[i] == map_id)
			return true;
	return false;
}

bool xk__prog_uses_map(__u32 prog_id, __u32 map_id)
{
	int fd = bpf_prog_get_fd_by_id(prog_id);
	bool r;

	if (fd < 0)
		return false;
	r = uses_map(fd, map_id);
	close(fd);
	return r;
}

/*
 * A program array loses its programs when the last file or pin of it
 * goes (the kernel breaks reference cycles so), whoever still calls it:
 * each chain's array is pinned as chainmap@ID next to its root. The old
 * one goes once no packet can be in the old chain any more: after an RCU
 * grace period (membarrier's global barrier waits for one), since XDP
 * runs inside an RCU read-side section.
 */
static void chainmaps_drop(const char *dir, __u32 keep_id)
{
	struct xk_pin *pins;
	int n, i;

	if (syscall(__NR_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0))
		usleep(100 * 1000); /* nohz_full: no such barrier */
	n = xk_pins__list(dir, &pins);
	for (i = 0; i < n; i++)
		if (pins[i].is_chainmap && pins[i].map_id != keep_id)
			unlink(pins[i].path);
	if (n >= 0)
		free(pins);
}

void xk__chainmaps_unpin(int ifindex, const char *ifname)
{
	char dir[XK_PIN_MAX];

	if (!xk_pins__ifdir(ifindex, ifname, false, dir, sizeof(dir)))
		chainmaps_drop(dir, 0);
}

/* What a running instance says of itself: its chain hook and its cfg. */
static void member_read(__u32 id, struct member *m)
{
	struct bpf_map_info mi;
	__u32 zero = 0;
	int pfd, mfd;

	m->id = id;
	pfd = bpf_prog_get_fd_by_id(id);
	if (pfd < 0)
		return;
	mfd = prog_map(pfd, CFG_MAP, &mi);
	if (mfd >= 0) {
		if (mi.value_size == sizeof(m->cfg) &&
		    !bpf_map_lookup_elem(mfd, &zero, &m->cfg))
			m->has_cfg = true;
		close(mfd);
	}
	mfd = prog_map(pfd, ARRAY_MAP, &mi);
	if (mfd >= 0) {
		m->calls_next =
			m->has_cfg && mi.type == BPF_MAP_TYPE_PROG_ARRAY;
		close(mfd);
	}
	close(pfd);
}

int xk__chain_read(__u32 root_id, struct xk_chain_entry *out, int max)
{
	struct bpf_map_info mi;
	int rfd, afd, mfd, n = 0;
	__u32 slot, id;

	rfd = bpf_prog_get_fd_by_id(root_id);
	if (rfd < 0)
		return -errno;
	afd = prog_map(rfd, ARRAY_MAP, &mi);
	mfd = prog_map(rfd, META_MAP, &mi);
	close(rfd);
	for (slot = 0; afd >= 0 && mfd >= 0 && slot < XK_CHAIN_MAX && n < max;
	     slot++) {
		if (bpf_map_lookup_elem(afd, &slot, &id))
			break; /* the first empty slot ends the chain */
		memset(&out[n], 0, sizeof(out[n]));
		out[n].id = id;
		if (bpf_map_lookup_elem(mfd, &slot, &out[n].cfg))
			break;
		n++;
	}
	if (afd >= 0)
		close(afd);
	if (mfd >= 0)
		close(mfd);
	return afd < 0 || mfd < 0 ? -ENOENT : n;
}

int xk_chain__counts(__u32 prog_id, __u64 *vals)
{
	struct xk_map *m = xk_map__open_prog(prog_id, STATS_MAP);
	__u32 k;

	memset(vals, 0, XK_CHAIN_NSTATS * sizeof(*vals));
	if (!m)
		return -ENOENT;
	if (xk_map__type(m) == BPF_MAP_TYPE_PERCPU_ARRAY &&
	    xk_map__value_size(m) == sizeof(__u64))
		/* xk_map__lookup sums a per-CPU value over the CPUs */
		for (k = 0; k < XK_CHAIN_NSTATS; k++)
			if (xk_map__lookup(m, &k, &vals[k]))
				vals[k] = 0;
	xk_map__close(m);
	return 0;
}

/* Maps of the instance being replaced, by kernel name. */
struct old_maps {
	int n;
	int fd[64];
	struct bpf_map_info mi[64];
};

static void old_maps_get(__u32 id, struct old_maps *om)
{
	__u32 ids[64], len;
	int pfd, n, i;

	om->n = 0;
	pfd = id ? bpf_prog_get_fd_by_id(id) : -1;
	if (pfd < 0)
		return;
	n = prog_map_ids(pfd, ids, 64);
	close(pfd);
	for (i = 0; i < n; i++) {
		int fd = bpf_map_get_fd_by_id(ids[i]);

		if (fd < 0)
			continue;
		memset(&om->mi[om->n], 0, sizeof(om->mi[0]));
		len = sizeof(om->mi[0]);
		if (bpf_obj_get_info_by_fd(fd, &om->mi[om->n], &len)) {
			close(fd);
			continue;
		}
		om->fd[om->n++] = fd;
	}
}

static void old_maps_put(struct old_maps *om)
{
	while (om->n)
		close(om->fd[--om->n]);
}

struct shared {
	int cap_cfg, cap_ring; /* one capture switch and ring for all */
};

/*
 * Make @xp, opened and not loaded, the program for @cfg: its place in
 * @cfg, the chain's array (array_fd >= 0), the chain's capture maps (@sh),
 * and the state of the instance it replaces (old_id): maps and data
 * shared, read-only data copied, so counters, rules and a running capture
 * go on across the swap.
 */
static int prepare(struct xk_prog *xp, const struct xk_chain_cfg *cfg,
		   int array_fd, __u32 old_id, bool copy_ro,
		   const struct shared *sh)
{
	struct old_maps om;
	struct bpf_map *m;
	int err = 0, i;

	if (xp->loaded)
		return xk_err(
			-EINVAL,
			"program '%s' was loaded before the attach, so it "
			"cannot be placed in a chain: attach it unloaded",
			xk_prog__name(xp));
	old_maps_get(old_id, &om);
	bpf_object__for_each_map(m, xp->obj)
	{
		const char *n = bpf_map__name(m);
		const struct bpf_map_info *o = NULL;

		if (!strcmp(n, CFG_MAP)) {
			if (bpf_map__value_size(m) == sizeof(*cfg))
				err = bpf_map__set_initial_value(m, cfg,
								 sizeof(*cfg));
			if (err)
				break;
			continue;
		}
		if (!strcmp(n, ARRAY_MAP)) { /* alone: an array of its own */
			if (array_fd >= 0 &&
			    (err = bpf_map__reuse_fd(m, array_fd)))
				break;
			continue;
		}
		if (sh && ((!strcmp(n, CAP_CFG) && sh->cap_cfg >= 0) ||
			   (!strcmp(n, CAP_RING) && sh->cap_ring >= 0))) {
			err = bpf_map__reuse_fd(m, !strcmp(n, CAP_CFG)
							   ? sh->cap_cfg
							   : sh->cap_ring);
			if (err)
				break;
			continue;
		}
		if (bpf_map__pin_path(m) || strstr(n, ".kconfig"))
			continue; /* libbpf's to share */
		for (i = 0; i < om.n && !o; i++)
			if (!strncmp(om.mi[i].name, n, NAME_MAX_) &&
			    om.mi[i].type == bpf_map__type(m) &&
			    om.mi[i].key_size == bpf_map__key_size(m) &&
			    om.mi[i].value_size == bpf_map__value_size(m) &&
			    om.mi[i].max_entries == bpf_map__max_entries(m))
				o = &om.mi[i];
		if (!o)
			continue;
		i--;
		if (bpf_map__is_internal(m) &&
		    (bpf_map__map_flags(m) & BPF_F_RDONLY_PROG)) {
			__u32 zero = 0;
			char *v;

			if (!copy_ro) /* a new program's own settings */
				continue;
			v = calloc(1, o->value_size);

			/* frozen: a copy of what the loader wrote */
			err = !v ? -ENOMEM
			      : bpf_map_lookup_elem(om.fd[i], &zero, v)
				      ? -errno
				      : bpf_map__set_initial_value(
						m, v, o->value_size);
			free(v);
		} else {
			err = bpf_map__reuse_fd(m, om.fd[i]);
		}
		if (err)
			break;
	}
	old_maps_put(&om);
	if (err)
		return xk_err(err, "cannot prepare '%s' for the chain: %s",
			      xk_prog__name(xp), strerror(-err));
	return 0;
}

/* The capture maps a member has become the chain's, if none are yet. */
static void shared_take(struct shared *sh, int prog_fd)
{
	struct bpf_map_info mi;

	if (!sh || sh->cap_cfg >= 0 || prog_fd < 0)
		return;
	sh->cap_cfg = prog_map(prog_fd, CAP_CFG, &mi);
	sh->cap_ring = prog_map(prog_fd, CAP_RING, &mi);
	if (sh->cap_cfg < 0 || sh->cap_ring < 0) {
		if (sh->cap_cfg >= 0)
			close(sh->cap_cfg);
		if (sh->cap_ring >= 0)
			close(sh->cap_ring);
		sh->cap_cfg = sh->cap_ring = -1;
	}
}

static void tag_of(int fd, __u8 tag[BPF_TAG_SIZE])
{
	struct bpf_prog_info pi;
	__u32 len = sizeof(pi);

	memset(&pi, 0, sizeof(pi));
	memset(tag, 0, BPF_TAG_SIZE);
	if (!bpf_obj_get_info_by_fd(fd, &pi, &len))
		memcpy(tag, pi.tag, BPF_TAG_SIZE);
}

/* Open a running member again from where it came. */
static struct xk_prog *reopen(const struct member *m)
{
	XK_OPTS(xk_prog_open_opts, oo, .hook = XK_HOOK_XDP,
		.label = m->cfg.label, .prog_name = m->cfg.sel);
	const void *elf;
	size_t sz = 0;

	if (!m->cfg.src[0] || !m->cfg.sel[0]) {
		xk_err(-EINVAL,
		       "'%s' (id %u) does not say where it came from: attach "
		       "it again with xdpctl",
		       m->cfg.label, m->id);
		return NULL;
	}
	if (m->cfg.src[0] == '/')
		return xk_prog__open_file(m->cfg.src, &oo);
	elf = source_fn ? source_fn(m->cfg.src, &sz) : NULL;
	if (!elf) {
		xk_err(-ENOENT,
		       "'%s' (id %u) was loaded from memory and this process "
		       "cannot load it again (xk_prog__set_source); attach "
		       "it again",
		       m->cfg.label, m->id);
		return NULL;
	}
	return xk_prog__open_mem(elf, sz, &oo);
}

/* Load member @m for its place; array_fd < 0: alone. */
static int member_load(struct member *m, int array_fd, struct shared *sh)
{
	struct xk_prog *xp = m->given;
	__u8 was[BPF_TAG_SIZE], now[BPF_TAG_SIZE];
	int err, ofd;

	if (!xp) {
		xp = m->fresh = reopen(m);
		if (!xp)
			return -errno ? -errno : -EINVAL;
	}
	err = prepare(xp, &m->cfg, array_fd, m->given ? m->keep : m->id,
		      !m->given, sh);
	if (!err)
		err = xk_prog__load(xp);
	if (err)
		return err;
	m->fd = xk_prog__fd(xp);
	shared_take(sh, m->fd);
	if (!m->given) {
		/* the same code, or the file changed under us */
		ofd = bpf_prog_get_fd_by_id(m->id);
		tag_of(m->fd, now);
		if (ofd >= 0) {
			tag_of(ofd, was);
			close(ofd);
			if (memcmp(was, now, BPF_TAG_SIZE))
				return xk_err(-ESTALE,
					      "%s changed since '%s' was "
					      "attached from it: attach it "
					      "again",
					      m->cfg.src, m->cfg.label);
		}
	}
	return 0;
}

/* r2 = array; r3 = 0; tail_call(ctx, r2, r3); return XDP_PASS */
static int root_load(int array_fd, int meta_fd)
{
	struct bpf_insn insns[] = {
		{.code = BPF_LD | BPF_DW | BPF_IMM,
		 .dst_reg = BPF_REG_2,
		 .src_reg = BPF_PSEUDO_MAP_FD,
		 .imm = array_fd},
		{.code = 0},
		{.code = BPF_ALU64 | BPF_MOV | BPF_K,
		 .dst_reg = BPF_REG_3,
		 .imm = 0},
		{.code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_tail_call},
		{.code = BPF_ALU64 | BPF_MOV | BPF_K,
		 .dst_reg = BPF_REG_0,
		 .imm = XDP_PASS},
		{.code = BPF_JMP | BPF_EXIT},
	};
	/* the array's programs fix the type it takes: libbpf loads
	 * SEC("xdp") as BPF_XDP, other loaders leave it 0 */
	LIBBPF_OPTS(bpf_prog_load_opts, lo, .expected_attach_type = BPF_XDP);
	int fd = bpf_prog_load(BPF_PROG_TYPE_XDP, "xk_chain_root",
			       "Dual BSD/GPL", insns, 6, &lo);

	if (fd < 0 && errno == EINVAL) {
		lo.expected_attach_type = 0;
		fd = bpf_prog_load(BPF_PROG_TYPE_XDP, "xk_chain_root",
				   "Dual BSD/GPL", insns, 6, &lo);
	}
	if (fd < 0)
		return xk_err(-errno, "the chain's root program: %m");
	if (bpf_prog_bind_map(fd, meta_fd, NULL)) {
		int err = -errno;

		close(fd);
		return xk_err(err, "binding the chain's meta map: %s",
			      strerror(-err));
	}
	return fd;
}

static int by_prio(const void *a, const void *b)
{
	const struct member *x = a, *y = b;

	if (x->cfg.prio != y->cfg.prio)
		return x->cfg.prio < y->cfg.prio ? -1 : 1;
	return x->order - y->order;
}

/*
 * Put members @ms (any order) on the hook in place of @cur: alone when
 * one, else a new root, array and instances swapped in at once. The chain
 * result goes to @o.
 */
static int commit(int ifindex, const char *ifname,
		  const struct xk_prog_status *cur, struct member *ms, int n,
		  struct xk_xdp_opts *o)
{
	int array = -1, meta = -1, root = -1, err = 0, i;
	char dir[XK_PIN_MAX], pin[XK_PIN_MAX + 32] = "";
	struct shared sh = {-1, -1};
	struct bpf_map_info ai;
	__u32 len = sizeof(ai);

	qsort(ms, n, sizeof(*ms), by_prio);
	for (i = 0; i < n; i++) {
		ms[i].cfg.chained = n > 1;
		ms[i].cfg.next = n > 1 && i + 1 < n ? i + 1 : 0;
		ms[i].cfg.pos = n > 1 ? i + 1 : 0;
	}
	/* the capture maps the running members share (a lone one: its own),
	 * so that a capture goes on across the swap */
	for (i = 0; i < n && sh.cap_cfg < 0; i++) {
		int pfd = ms[i].id && ms[i].calls_next
				  ? bpf_prog_get_fd_by_id(ms[i].id)
				  : -1;

		shared_take(&sh, pfd);
		if (pfd >= 0)
			close(pfd);
	}
	if (xk_pins__ifdir(ifindex, ifname, true, dir, sizeof(dir)))
		return xk_err(-EIO, "no state directory for %s", ifname);
	if (n == 1) {
		if (ms[0].given || ms[0].calls_next) {
			err = member_load(&ms[0], -1, &sh);
		} else { /* foreign: as it is */
			ms[0].fd = bpf_prog_get_fd_by_id(ms[0].id);
			err = ms[0].fd < 0 ? -errno : 0;
		}
		if (!err)
			err = xk_xdp__put(ifindex, ifname, ms[0].fd,
					  ms[0].cfg.label, cur, cur->mode, o);
		if (!ms[0].given && !ms[0].fresh && ms[0].fd >= 0)
			close(ms[0].fd);
		if (!err)
			chainmaps_drop(dir, 0);
		goto out;
	}
	array = bpf_map_create(BPF_MAP_TYPE_PROG_ARRAY, ARRAY_MAP, 4, 4,
			       XK_CHAIN_MAX, NULL);
	meta = bpf_map_create(BPF_MAP_TYPE_ARRAY, META_MAP, 4,
			      sizeof(struct xk_chain_cfg), XK_CHAIN_MAX, NULL);
	if (array < 0 || meta < 0) {
		err = xk_err(-errno, "cannot create the chain's maps: %m");
		goto out;
	}
	memset(&ai, 0, sizeof(ai));
	if (bpf_obj_get_info_by_fd(array, &ai, &len)) {
		err = -errno;
		goto out;
	}
	snprintf(pin, sizeof(pin), "%s/%s%u", dir, XK_CHAINMAP_PIN, ai.id);
	if (bpf_obj_pin(array, pin)) {
		err = xk_err(-errno, "cannot pin the chain's array at %s: %m",
			     pin);
		pin[0] = 0;
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct member *m = &ms[i];
		__u32 slot = i;
		bool owned = false;

		if (m->given || m->calls_next) {
			err = member_load(m, array, &sh);
			if (err)
				goto out;
			m->calls_next = uses_map(m->fd, ai.id);
		} else {
			m->fd = bpf_prog_get_fd_by_id(m->id);
			if (m->fd < 0) {
				err = xk_err(-errno, "'%s' (id %u) is gone",
					     m->cfg.label, m->id);
				goto out;
			}
			owned = true;
		}
		if (!m->calls_next && i + 1 < n) {
			err = xk_err(-EINVAL,
				     "'%s' cannot call the program after it "
				     "(it was not built with <xdpkit/prog.h>'s "
				     "entry points or xk_chain_xdp()), so it "
				     "can only be last in a chain: give it a "
				     "priority above %u ('%s')",
				     m->cfg.label, ms[n - 1].cfg.prio,
				     ms[n - 1 == i ? n - 2 : n - 1].cfg.label);
			if (owned)
				close(m->fd);
			goto out;
		}
		if (bpf_map_update_elem(array, &slot, &m->fd, BPF_ANY))
			err = xk_err(-errno,
				     "cannot put '%s' in slot %u of the "
				     "chain: %m (programs of one chain must "
				     "all be xdp, or all xdp.frags)",
				     m->cfg.label, slot);
		else if (bpf_map_update_elem(meta, &slot, &m->cfg, BPF_ANY))
			err = xk_err(-errno, "cannot record slot %u: %m", slot);
		if (owned)
			close(m->fd);
		if (err)
			goto out;
	}
	root = root_load(array, meta);
	if (root < 0) {
		err = root;
		goto out;
	}
	xk_crashpoint("chain-built");
	err = xk_xdp__put(ifindex, ifname, root, XK_CHAIN_LABEL, cur, cur->mode,
			  o);
	if (!err)
		chainmaps_drop(dir, ai.id);
out:
	if (err && pin[0])
		unlink(pin);
	if (sh.cap_cfg >= 0)
		close(sh.cap_cfg);
	if (sh.cap_ring >= 0)
		close(sh.cap_ring);
	if (root >= 0)
		close(root);
	if (array >= 0)
		close(array);
	if (meta >= 0)
		close(meta);
	return err;
}

static void members_free(struct member *ms, int n)
{
	int i;

	for (i = 0; i < n; i++)
		xk_prog__close(ms[i].fresh);
}

/* The members on the hook now: the chain's, or the lone program. */
static int members_now(const struct xk_iface_status *is,
		       const struct xk_prog_status *cur, struct member *ms)
{
	int i, n = 0;

	if (strcmp(cur->label, XK_CHAIN_LABEL)) {
		memset(&ms[0], 0, sizeof(ms[0]));
		member_read(cur->id, &ms[0]);
		if (!ms[0].has_cfg) {
			snprintf(ms[0].cfg.label, sizeof(ms[0].cfg.label), "%s",
				 cur->label);
			ms[0].cfg.prio = XK_CHAIN_PRIO_DEFAULT;
			ms[0].cfg.on = XK_CHAIN_ON_DEFAULT;
		}
		return 1;
	}
	for (i = 0; i < is->nprogs && n < XK_CHAIN_MAX; i++) {
		const struct xk_prog_status *p = &is->progs[i];

		if (p->hook != XK_HOOK_XDP || !p->chain_pos)
			continue;
		memset(&ms[n], 0, sizeof(ms[n]));
		member_read(p->id, &ms[n]);
		/* the meta is the chain's word for every member */
		snprintf(ms[n].cfg.label, sizeof(ms[n].cfg.label), "%s",
			 p->label);
		ms[n].cfg.prio = p->chain_prio;
		ms[n].cfg.on = p->chain_on;
		ms[n].order = n;
		n++;
	}
	return n;
}

int xk__chain_add(int ifindex, const char *ifname, struct xk_iface_status *is,
		  const struct xk_prog_status *cur, struct xk_prog *xp,
		  struct xk_xdp_opts *o)
{
	struct member ms[XK_CHAIN_MAX + 1], *m;
	int n, i, err;

	n = members_now(is, cur, ms);
	for (i = 0; i < n; i++)
		if (!strcmp(ms[i].cfg.label, xk_prog__label(xp)))
			break;
	if (i == n && n == XK_CHAIN_MAX)
		return xk_err(-E2BIG, "%s already has a chain of %d programs",
			      ifname, n);
	m = &ms[i];
	m->keep = 0;
	if (i < n) { /* the same label: replaced in its place */
		o->chain_replaced = m->id;
		if (!o->priority)
			o->priority = m->cfg.prio;
		if (!o->chain_on)
			o->chain_on = m->cfg.on;
		/* the same program again (to move it, or change what it
		 * chains on) keeps its state: a filter its rules, stats its
		 * counts; another file or object starts afresh */
		if (m->calls_next && m->cfg.src[0] &&
		    !strcmp(m->cfg.src, xp->src) &&
		    !strcmp(m->cfg.sel, xk_prog__name(xp)))
			m->keep = m->id;
	} else {
		memset(m, 0, sizeof(*m));
		m->order = n++;
	}
	memset(&m->cfg, 0, sizeof(m->cfg));
	m->id = 0;
	m->given = xp;
	m->fresh = NULL;
	m->cfg.prio = o->priority ? o->priority : XK_CHAIN_PRIO_DEFAULT;
	m->cfg.on = o->chain_on ? o->chain_on : XK_CHAIN_ON_DEFAULT;
	snprintf(m->cfg.label, sizeof(m->cfg.label), "%s", xk_prog__label(xp));
	snprintf(m->cfg.sel, sizeof(m->cfg.sel), "%s", xk_prog__name(xp));
	snprintf(m->cfg.src, sizeof(m->cfg.src), "%s", xp->src);
	err = commit(ifindex, ifname, cur, ms, n, o);
	if (!err && n > 1) {			    /* alone is not a chain */
		qsort(ms, n, sizeof(*ms), by_prio); /* as commit left it */
		o->chain_len = n;
		for (i = 0; i < n; i++)
			if (ms[i].given)
				o->chain_pos = i + 1;
	}
	members_free(ms, n);
	return err;
}

int xk__chain_remove(int ifindex, const char *ifname,
		     struct xk_iface_status *is,
		     const struct xk_prog_status *cur, const char *label)
{
	struct member ms[XK_CHAIN_MAX];
	XK_OPTS(xk_xdp_opts, o);
	int n, i, err;

	n = members_now(is, cur, ms);
	for (i = 0; i < n; i++)
		if (!strcmp(ms[i].cfg.label, label))
			break;
	if (i == n)
		return -ENOENT;
	if (n == 1)
		return -EINVAL; /* the whole hook: plain detach */
	ms[i] = ms[--n];
	err = commit(ifindex, ifname, cur, ms, n, &o);
	members_free(ms, n);
	return err;
}

int xk__dispatcher_attach(int ifindex, const char *ifname, struct xk_prog *xp,
			  enum xk_xdp_mode mode, struct xk_xdp_opts *o)
{
	enum xdp_attach_mode m = mode == XK_XDP_MODE_NATIVE ? XDP_MODE_NATIVE
				 : mode == XK_XDP_MODE_SKB  ? XDP_MODE_SKB
				 : mode == XK_XDP_MODE_HW   ? XDP_MODE_HW
							    : XDP_MODE_UNSPEC;
	struct xdp_program *p;
	char msg[256];
	int err, v;

	if (xp->loaded)
		return xk_err(-EINVAL,
			      "program '%s' was loaded before the attach: "
			      "libxdp's dispatcher loads it itself",
			      xk_prog__name(xp));
	p = xdp_program__from_bpf_obj(xp->obj,
				      bpf_program__section_name(xp->prog));
	err = (int)libxdp_get_error(p);
	if (err) {
		libxdp_strerror(err, msg, sizeof(msg));
		return xk_err(err, "libxdp cannot take '%s': %s",
			      xk_prog__name(xp), msg);
	}
	err = xdp_program__set_run_prio(p, o->priority ? o->priority
						       : XK_CHAIN_PRIO_DEFAULT);
	for (v = 0; !err && o->chain_on && v < 5; v++)
		err = xdp_program__set_chain_call_enabled(
			p, v, !!(o->chain_on & (1u << v)));
	if (!err)
		err = xdp_program__attach(p, ifindex, m, 0);
	if (!err) {
		/* libxdp falls back to the program alone when its dispatcher
		 * does not load: not what was chosen, so undone */
		struct xdp_multiprog *mp =
			xdp_multiprog__get_from_ifindex(ifindex);

		if (!libxdp_get_error(mp) && xdp_multiprog__is_legacy(mp)) {
			xdp_program__detach(p, ifindex, m, 0);
			err = -EOPNOTSUPP;
		}
		if (!libxdp_get_error(mp))
			xdp_multiprog__close(mp);
	}
	if (err) {
		libxdp_strerror(err, msg, sizeof(msg));
		xk_err(err,
		       "libxdp's dispatcher could not attach '%s' to %s: %s "
		       "(xdpctl status says why the dispatcher was chosen)",
		       xk_prog__label(xp), ifname, msg);
	} else {
		o->prog_id = xdp_program__id(p);
		o->mode_used = mode;
	}
	xdp_program__close(p);
	return err;
}
