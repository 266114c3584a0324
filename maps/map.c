// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * struct xk_map: open a map by id, pin, fd, object or program, learn what
 * it is from the kernel (info + BTF), and read and write it with typed
 * values, per-CPU values summed for the caller.
 */
#include <errno.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "internal.h"

struct btf *xk__btf_by_id(__u32 id)
{
	struct btf *b;

	if (!id)
		return NULL;
	b = btf__load_from_kernel_by_id(id);
	return libbpf_get_error(b) ? NULL : b;
}

static int retell(int err, const struct xk_map *m, const char *what)
{
	char why[256]; /* xk_err writes where xk_errmsg points */

	snprintf(why, sizeof(why), "%s", xk_errmsg());
	return xk_err(err, "map '%s' (id %u): %s type differs: %s",
		      m->info.name, m->info.id, what, why);
}

/* Compare the map's key/value types with what the caller expects. */
static int check_expected(struct xk_map *m, const struct xk_map_open_opts *o)
{
	__u32 kid = o->key_type_id, vid = o->value_type_id;
	int id, err;

	if (!o->btf)
		return 0;
	if (!kid && o->key_type) {
		if ((id = xk__btf_find(o->btf, o->key_type)) < 0)
			return xk_err(-ENOENT,
				      "type '%s' is not in the "
				      "expected BTF",
				      o->key_type);
		kid = id;
	}
	if (!vid && o->value_type) {
		if ((id = xk__btf_find(o->btf, o->value_type)) < 0)
			return xk_err(-ENOENT,
				      "type '%s' is not in the "
				      "expected BTF",
				      o->value_type);
		vid = id;
	}
	if ((kid && !m->info.btf_key_type_id) ||
	    (vid && !m->info.btf_value_type_id))
		return xk_err(-EPROTOTYPE,
			      "map '%s' (id %u) has no BTF key/"
			      "value types, so its types cannot be checked",
			      m->info.name, m->info.id);
	if (kid && (err = xk_btf__type_cmp(m->btf, m->info.btf_key_type_id,
					   o->btf, kid)))
		return retell(err, m, "key");
	if (vid && (err = xk_btf__type_cmp(m->btf, m->info.btf_value_type_id,
					   o->btf, vid)))
		return retell(err, m, "value");
	return 0;
}

/* Takes ownership of fd. */
static struct xk_map *wrap(int fd, const struct xk_map_open_opts *opts)
{
	struct xk_map *m = calloc(1, sizeof(*m));
	__u32 len = sizeof(m ? m->info : (struct bpf_map_info){});
	struct xk_map_open_opts oo, *o = opts ? &oo : NULL;
	int err;

	if (!m) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	m->fd = fd;
	err = XK_OPTS_IN(&oo, opts, xk_map_open_opts);
	if (err)
		goto fail;
	m->fd = fd;
	if (bpf_obj_get_info_by_fd(fd, &m->info, &len)) {
		err = xk_err(-errno, "not a BPF map fd: %s", strerror(errno));
		goto fail;
	}
	m->ncpus = libbpf_num_possible_cpus();
	if (m->ncpus <= 0) {
		err = xk_err(-EIO, "cannot count possible CPUs");
		goto fail;
	}
	m->btf = xk__btf_by_id(m->info.btf_id);
	if (o && (err = check_expected(m, o)))
		goto fail;
	return m;
fail:
	xk_map__close(m);
	errno = -err;
	return NULL;
}

struct xk_map *xk_map__open_id(__u32 id, const struct xk_map_open_opts *o)
{
	int fd = bpf_map_get_fd_by_id(id);

	if (fd < 0) {
		xk_err(-errno, "no map with id %u (%s)", id, strerror(errno));
		return NULL;
	}
	return wrap(fd, o);
}

struct xk_map *xk_map__open_pin(const char *path,
				const struct xk_map_open_opts *o)
{
	struct statfs sfs;
	int fd;

	/* say what is wrong with a path outside a bpffs, not what
	 * BPF_OBJ_GET makes of it ("Permission denied") */
	if (statfs(path, &sfs)) {
		xk_err(-errno, "cannot open pinned map %s: %m", path);
		return NULL;
	}
	if (sfs.f_type != BPF_FS_MAGIC) {
		xk_err(-EINVAL,
		       "%s is not on a bpffs, so it is no pinned map (pins "
		       "live under a bpffs mount such as /sys/fs/bpf)",
		       path);
		return NULL;
	}
	fd = bpf_obj_get(path);
	if (fd < 0) {
		xk_err(-errno, "cannot open pinned map %s (%s)", path,
		       strerror(errno));
		return NULL;
	}
	return wrap(fd, o);
}

struct xk_map *xk_map__open_fd(int fd, const struct xk_map_open_opts *o)
{
	int dup = fcntl(fd, F_DUPFD_CLOEXEC, 0);

	if (dup < 0) {
		xk_err(-errno, "cannot duplicate fd %d: %s", fd,
		       strerror(errno));
		return NULL;
	}
	return wrap(dup, o);
}

struct xk_map *xk_map__open_bpf_map(const struct bpf_object *obj,
				    const struct bpf_map *map)
{
	struct xk_map_open_opts opts = {.sz = sizeof(opts)};

	if (bpf_map__fd(map) < 0) {
		xk_err(-EBADF, "map '%s' is not loaded yet",
		       bpf_map__name(map));
		errno = EBADF;
		return NULL;
	}
	opts.btf = bpf_object__btf(obj);
	opts.key_type_id = bpf_map__btf_key_type_id(map);
	opts.value_type_id = bpf_map__btf_value_type_id(map);
	return xk_map__open_fd(bpf_map__fd(map), &opts);
}

struct xk_map *xk_map__open_obj(struct bpf_object *obj, const char *name)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, name);

	if (!map) {
		xk_err(-ENOENT, "object '%s' has no map '%s'",
		       bpf_object__name(obj), name);
		return NULL;
	}
	return xk_map__open_bpf_map(obj, map);
}

struct xk_map *xk_map__open_prog(__u32 prog_id, const char *name)
{
	struct bpf_prog_info pi;
	__u32 ids[64], len = sizeof(pi), i;
	struct xk_map *m;
	int pfd = bpf_prog_get_fd_by_id(prog_id);

	if (pfd < 0) {
		xk_err(-errno, "no program with id %u (%s)", prog_id,
		       strerror(errno));
		return NULL;
	}
	memset(&pi, 0, sizeof(pi));
	pi.nr_map_ids = 64;
	pi.map_ids = (__u64)(unsigned long)ids;
	if (bpf_obj_get_info_by_fd(pfd, &pi, &len)) {
		xk_err(-errno, "cannot read program %u: %s", prog_id,
		       strerror(errno));
		close(pfd);
		return NULL;
	}
	close(pfd);
	for (i = 0; i < pi.nr_map_ids && i < 64; i++) {
		struct bpf_map_info mi;
		__u32 mlen = sizeof(mi);
		int fd = bpf_map_get_fd_by_id(ids[i]);

		if (fd < 0)
			continue;
		/* the name first: only the match is worth its BTF */
		memset(&mi, 0, sizeof(mi));
		if (!bpf_obj_get_info_by_fd(fd, &mi, &mlen) &&
		    !strcmp(mi.name, name)) {
			m = wrap(fd, NULL);
			if (m)
				return m;
			continue; /* wrap closed fd and said why */
		}
		close(fd);
	}
	xk_err(-ENOENT, "program %u (%s) uses no map named '%s'", prog_id,
	       pi.name, name);
	return NULL;
}

void xk_map__close(struct xk_map *m)
{
	if (!m)
		return;
	if (m->fd >= 0)
		close(m->fd);
	btf__free(m->btf);
	free(m);
}

int xk_map__fd(const struct xk_map *m)
{
	return m->fd;
}
__u32 xk_map__id(const struct xk_map *m)
{
	return m->info.id;
}
const char *xk_map__name(const struct xk_map *m)
{
	return m->info.name;
}
__u32 xk_map__type(const struct xk_map *m)
{
	return m->info.type;
}
__u32 xk_map__key_size(const struct xk_map *m)
{
	return m->info.key_size;
}
__u32 xk_map__value_size(const struct xk_map *m)
{
	return m->info.value_size;
}
__u32 xk_map__max_entries(const struct xk_map *m)
{
	return m->info.max_entries;
}
__u32 xk_map__flags(const struct xk_map *m)
{
	return m->info.map_flags;
}
int xk_map__ncpus(const struct xk_map *m)
{
	return m->ncpus;
}
const struct btf *xk_map__btf(const struct xk_map *m)
{
	return m->btf;
}
__u32 xk_map__btf_key_type_id(const struct xk_map *m)
{
	return m->btf ? m->info.btf_key_type_id : 0;
}
__u32 xk_map__btf_value_type_id(const struct xk_map *m)
{
	return m->btf ? m->info.btf_value_type_id : 0;
}

const char *xk_map__type_str(const struct xk_map *m)
{
	const char *s = libbpf_bpf_map_type_str(m->info.type);

	return s ? s : "unknown";
}

bool xk_map__is_percpu(const struct xk_map *m)
{
	switch (m->info.type) {
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
		return true;
	default:
		return false;
	}
}

__u32 xk_map__percpu_stride(const struct xk_map *m)
{
	return (m->info.value_size + 7) & ~7U;
}

int xk_map__key_type_name(const struct xk_map *m, char *buf, size_t sz)
{
	return xk__btf_type_name(m->btf, xk_map__btf_key_type_id(m), buf, sz);
}

int xk_map__value_type_name(const struct xk_map *m, char *buf, size_t sz)
{
	return xk__btf_type_name(m->btf, xk_map__btf_value_type_id(m), buf, sz);
}

static int op_err(const struct xk_map *m, const char *what)
{
	int err = -errno;

	if (err == -ENOENT)
		return xk_err(err, "no such key in map '%s'", m->info.name);
	return xk_err(err, "%s on map '%s' failed: %s", what, m->info.name,
		      strerror(-err));
}

int xk_map__lookup_percpu(const struct xk_map *m, const void *key, void *values)
{
	if (!xk_map__is_percpu(m))
		return xk_err(-EINVAL, "map '%s' is not per-CPU", m->info.name);
	return bpf_map_lookup_elem(m->fd, key, values) ? op_err(m, "lookup")
						       : 0;
}

int xk_map__lookup(const struct xk_map *m, const void *key, void *value)
{
	void *per;
	int err;

	if (!xk_map__is_percpu(m))
		return bpf_map_lookup_elem(m->fd, key, value)
			       ? op_err(m, "lookup")
			       : 0;
	per = calloc(m->ncpus, xk_map__percpu_stride(m));
	if (!per)
		return -ENOMEM;
	err = xk_map__lookup_percpu(m, key, per);
	if (!err)
		err = xk__percpu_sum(m, per, value);
	free(per);
	return err;
}

int xk_map__update_percpu(const struct xk_map *m, const void *key,
			  const void *values, __u64 flags)
{
	if (!xk_map__is_percpu(m))
		return xk_err(-EINVAL, "map '%s' is not per-CPU", m->info.name);
	return bpf_map_update_elem(m->fd, key, values, flags)
		       ? op_err(m, "update")
		       : 0;
}

int xk_map__update(const struct xk_map *m, const void *key, const void *value,
		   __u64 flags)
{
	void *per;
	int err;

	if (!xk_map__is_percpu(m))
		return bpf_map_update_elem(m->fd, key, value, flags)
			       ? op_err(m, "update")
			       : 0;
	per = calloc(m->ncpus, xk_map__percpu_stride(m));
	if (!per)
		return -ENOMEM;
	memcpy(per, value, m->info.value_size);
	err = xk_map__update_percpu(m, key, per, flags);
	free(per);
	return err;
}

int xk_map__delete(const struct xk_map *m, const void *key)
{
	return bpf_map_delete_elem(m->fd, key) ? op_err(m, "delete") : 0;
}

int xk_map__next_key(const struct xk_map *m, const void *key, void *next)
{
	if (bpf_map_get_next_key(m->fd, key, next))
		return -errno;
	return 0;
}
