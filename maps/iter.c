// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Walks and batches. The kernel's batch ops move thousands of entries per
 * syscall but not every map type has them (LPM tries, for one): each call
 * tries the batch op and falls back to one entry at a time when the kernel
 * says the map type cannot (EINVAL/ENOTSUPP before any entry moved).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "internal.h"

#define BATCH 4096
#ifndef ENOTSUPP
#define ENOTSUPP 524 /* the kernel's, leaked by bpf() */
#endif

static __thread bool last_batched;

bool xk_map__last_was_batched(void)
{
	return last_batched;
}

static bool no_batch(int err)
{
	return err == -EINVAL || err == -ENOTSUPP || err == -EOPNOTSUPP;
}

/* Size of one entry's value as the kernel hands it out. */
static size_t raw_vsize(const struct xk_map *m)
{
	return xk_map__is_percpu(m)
		       ? (size_t)m->ncpus * xk_map__percpu_stride(m)
		       : m->info.value_size;
}

static int emit(const struct xk_map *m, const void *key, const void *raw,
		void *sum, xk_map_iter_fn cb, void *ctx, unsigned int flags)
{
	int err;

	if (!xk_map__is_percpu(m) || (flags & XK_ITER_PERCPU))
		return cb(key, raw, ctx);
	err = xk__percpu_sum(m, raw, sum);
	return err ? err : cb(key, sum, ctx);
}

static int iterate_batch(const struct xk_map *m, xk_map_iter_fn cb, void *ctx,
			 unsigned int flags, void *sum, bool *fallback)
{
	size_t ks = m->info.key_size, vs = raw_vsize(m);
	__u32 chunk = BATCH, n, i;
	void *keys, *vals, *in = NULL, *out;
	size_t tok = ks > 8 ? ks : 8;
	int err = 0, r;
	bool first = true;

	keys = malloc(ks * BATCH * 2);
	vals = malloc(vs * BATCH * 2);
	out = calloc(2, tok);
	if (!keys || !vals || !out) {
		err = -ENOMEM;
		goto out;
	}
	for (;;) {
		n = chunk;
		r = bpf_map_lookup_batch(m->fd, in, out, keys, vals, &n, NULL);
		r = r ? -errno : 0;
		if (r == -ENOSPC && chunk < 2 * BATCH) {
			chunk = 2 * BATCH; /* a bucket longer than chunk */
			continue;
		}
		if (r && r != -ENOENT) {
			if (first && no_batch(r))
				*fallback = true;
			else
				err = xk_err(r,
					     "batch lookup on map '%s' "
					     "failed: %s",
					     m->info.name, strerror(-r));
			goto out;
		}
		first = false;
		for (i = 0; i < n; i++) {
			err = emit(m, (__u8 *)keys + i * ks,
				   (__u8 *)vals + i * vs, sum, cb, ctx, flags);
			if (err)
				goto out;
		}
		if (r == -ENOENT)
			break;
		/* the next call starts where this one stopped */
		if (!in)
			in = (__u8 *)out + tok;
		memcpy(in, out, tok);
	}
out:
	free(keys);
	free(vals);
	free(out);
	return err;
}

static int iterate_keys(const struct xk_map *m, xk_map_iter_fn cb, void *ctx,
			unsigned int flags, void *sum)
{
	size_t ks = m->info.key_size;
	void *cur = malloc(ks), *next = malloc(ks), *val = malloc(raw_vsize(m));
	bool have = false;
	int err = 0;

	if (!cur || !next || !val) {
		err = -ENOMEM;
		goto out;
	}
	while (!bpf_map_get_next_key(m->fd, have ? cur : NULL, next)) {
		memcpy(cur, next, ks);
		have = true;
		if (bpf_map_lookup_elem(m->fd, cur, val))
			continue; /* deleted under us */
		err = emit(m, cur, val, sum, cb, ctx, flags);
		if (err)
			goto out;
	}
	if (errno != ENOENT)
		err = xk_err(-errno, "walking map '%s' failed: %m",
			     m->info.name);
out:
	free(cur);
	free(next);
	free(val);
	return err;
}

int xk_map__iterate(const struct xk_map *m, xk_map_iter_fn cb, void *ctx,
		    unsigned int flags)
{
	void *sum = malloc(m->info.value_size ? m->info.value_size : 1);
	bool fallback = !!(flags & XK_ITER_NO_BATCH);
	int err = 0;

	if (!sum)
		return -ENOMEM;
	/* ring buffers and the like have nothing to walk */
	if (m->info.type == BPF_MAP_TYPE_RINGBUF) {
		free(sum);
		return xk_err(-EINVAL,
			      "map '%s' is a ring buffer: consume it,"
			      " it cannot be walked",
			      m->info.name);
	}
	if (!fallback)
		err = iterate_batch(m, cb, ctx, flags, sum, &fallback);
	last_batched = !fallback;
	if (fallback)
		err = iterate_keys(m, cb, ctx, flags, sum);
	free(sum);
	return err;
}

static int count_cb(const void *k, const void *v, void *ctx)
{
	(void)k;
	(void)v;
	(*(int *)ctx)++;
	return 0;
}

int xk_map__count(const struct xk_map *m)
{
	int n = 0, err = xk_map__iterate(m, count_cb, &n, XK_ITER_PERCPU);

	return err ? err : n;
}

int xk_map__update_batch(const struct xk_map *m, const void *keys,
			 const void *values, __u32 count, __u64 flags,
			 __u32 *done)
{
	LIBBPF_OPTS(bpf_map_batch_opts, o, .elem_flags = flags);
	size_t ks = m->info.key_size, vs = m->info.value_size;
	size_t rv = raw_vsize(m);
	const void *vals = values;
	void *per = NULL;
	__u32 n = count, i;
	int err;

	*done = 0;
	if (xk_map__is_percpu(m)) {
		/* the kernel wants every CPU's value: ours on CPU 0 */
		per = calloc(count ? count : 1, rv);
		if (!per)
			return -ENOMEM;
		for (i = 0; i < count; i++)
			memcpy((__u8 *)per + i * rv,
			       (const __u8 *)values + i * vs, vs);
		vals = per;
	}
	err = count ? bpf_map_update_batch(m->fd, keys, vals, &n, &o) : 0;
	err = err ? -errno : 0;
	last_batched = !(err && no_batch(err) && n == 0);
	if (last_batched) {
		*done = err ? n : count;
		free(per);
		return err ? xk_err(err,
				    "batch update of map '%s' failed "
				    "after %u entries: %s",
				    m->info.name, n, strerror(-err))
			   : 0;
	}
	for (i = 0; i < count; i++) {
		err = xk_map__update(m, (const __u8 *)keys + i * ks,
				     (const __u8 *)values + i * vs, flags);
		if (err)
			break;
		(*done)++;
	}
	free(per);
	return err;
}

int xk_map__delete_batch(const struct xk_map *m, const void *keys, __u32 count,
			 __u32 *done)
{
	size_t ks = m->info.key_size;
	__u32 n = count, i;
	int err;

	*done = 0;
	err = count ? bpf_map_delete_batch(m->fd, keys, &n, NULL) : 0;
	err = err ? -errno : 0;
	last_batched = !(err && no_batch(err) && n == 0);
	if (last_batched) {
		*done = err ? n : count;
		return err ? xk_err(err,
				    "batch delete on map '%s' failed "
				    "after %u entries: %s",
				    m->info.name, n, strerror(-err))
			   : 0;
	}
	for (i = 0; i < count; i++) {
		err = xk_map__delete(m, (const __u8 *)keys + i * ks);
		if (err)
			break;
		(*done)++;
	}
	return err;
}
