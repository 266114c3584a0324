/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * libxdpkit maps: the userspace half of the one map definition.
 *
 * An xk_map wraps a map fd with what the kernel says about it (type, sizes,
 * BTF key and value types) and gives typed access:
 *
 *   struct xk_map *m = xk_map__open_pin("/sys/fs/bpf/...", NULL);
 *   struct xk_stats_val v;
 *   xk_map__lookup(m, &key, &v);        per-CPU maps: summed over CPUs
 *   xk_map__lookup_percpu(m, &key, a);  ... or every CPU's value
 *
 * Conventions as in <xdpkit/core.h>: negative errno returns (NULL plus
 * errno for constructors), a one-line reason in xk_errmsg(), no printing.
 *
 * Types: when the caller states what it expects (opts .btf with .key_type /
 * .value_type names, or an object's map), the map's BTF key and value types
 * are compared with the expected ones structurally (names, member names,
 * offsets, sizes, encodings), not only by size: a mismatch is -EPROTOTYPE.
 */
#ifndef XDPKIT_MAP_H
#define XDPKIT_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/types.h>
#include "xdpkit/core.h"

#ifdef __cplusplus
extern "C" {
#endif
XK_API_BEGIN

struct btf;
struct bpf_map;
struct bpf_object;
struct xk_map;

/* Where XK_PIN_SHARED maps are pinned (as in <xdpkit/map_defs.h>). */
#ifndef XK_MAPS_PIN_ROOT
#define XK_MAPS_PIN_ROOT "/sys/fs/bpf/xdpkit/maps"
#endif

struct xk_map_open_opts {
	size_t sz;
	/* expected types: named types of .btf, or type ids in it */
	const struct btf *btf;
	const char *key_type; /* e.g. "struct xk_stats_key" or "__u32" */
	const char *value_type;
	__u32 key_type_id;
	__u32 value_type_id;
	size_t : 0;
};

/* ---- open ---- */
struct xk_map *xk_map__open_id(__u32 id, const struct xk_map_open_opts *o);
struct xk_map *xk_map__open_pin(const char *path,
				const struct xk_map_open_opts *o);
/* Takes its own duplicate of fd; the caller keeps fd. */
struct xk_map *xk_map__open_fd(int fd, const struct xk_map_open_opts *o);
/* A map of a loaded object (skeletons: skel->obj, skel->maps.NAME); the
 * object's BTF types are the expected ones. */
struct xk_map *xk_map__open_bpf_map(const struct bpf_object *obj,
				    const struct bpf_map *map);
struct xk_map *xk_map__open_obj(struct bpf_object *obj, const char *name);
/* The map named name among the maps a loaded program uses. */
struct xk_map *xk_map__open_prog(__u32 prog_id, const char *name);
void xk_map__close(struct xk_map *m);

/* ---- what it is ---- */
int xk_map__fd(const struct xk_map *m);
__u32 xk_map__id(const struct xk_map *m);
const char *xk_map__name(const struct xk_map *m);
__u32 xk_map__type(const struct xk_map *m);	      /* BPF_MAP_TYPE_* */
const char *xk_map__type_str(const struct xk_map *m); /* "percpu_hash" */
__u32 xk_map__key_size(const struct xk_map *m);
__u32 xk_map__value_size(const struct xk_map *m); /* one CPU's value */
__u32 xk_map__max_entries(const struct xk_map *m);
__u32 xk_map__flags(const struct xk_map *m);
bool xk_map__is_percpu(const struct xk_map *m);
int xk_map__ncpus(const struct xk_map *m); /* possible CPUs */
/* Bytes of one CPU's slot in per-CPU buffers: value size rounded to 8. */
__u32 xk_map__percpu_stride(const struct xk_map *m);
/* BTF of the map (NULL if it has none) and its key/value type ids. */
const struct btf *xk_map__btf(const struct xk_map *m);
__u32 xk_map__btf_key_type_id(const struct xk_map *m);
__u32 xk_map__btf_value_type_id(const struct xk_map *m);
/* "struct xk_stats_key", "__u32", or "" without BTF. */
int xk_map__key_type_name(const struct xk_map *m, char *buf, size_t sz);
int xk_map__value_type_name(const struct xk_map *m, char *buf, size_t sz);

/* ---- typed access ---- */
/* value is value_size bytes; on per-CPU maps the integer fields of the
 * CPUs' values are summed (BTF-guided; without BTF the value is summed as
 * __u64 words when its size allows, else -EOPNOTSUPP). */
int xk_map__lookup(const struct xk_map *m, const void *key, void *value);
/* values: ncpus * percpu_stride bytes, CPU by CPU. */
int xk_map__lookup_percpu(const struct xk_map *m, const void *key,
			  void *values);
/* Per-CPU maps: value goes to CPU 0 and the others are zeroed, so the
 * sum reads back what was written. flags: BPF_ANY, BPF_NOEXIST, ... */
int xk_map__update(const struct xk_map *m, const void *key, const void *value,
		   __u64 flags);
int xk_map__update_percpu(const struct xk_map *m, const void *key,
			  const void *values, __u64 flags);
int xk_map__delete(const struct xk_map *m, const void *key);
/* key NULL: the first key. -ENOENT after the last. */
int xk_map__next_key(const struct xk_map *m, const void *key, void *next);

/* ---- iteration and batches ---- */
enum xk_iter_flags {
	XK_ITER_PERCPU = 1,   /* hand out every CPU's value, not the sum */
	XK_ITER_NO_BATCH = 2, /* force the one-by-one path (tests) */
};
/* cb gets each entry (value summed unless XK_ITER_PERCPU); a non-zero
 * return stops the walk and is returned. Uses the kernel's batch lookup
 * where the map has it, key by key otherwise. Returns 0 or -errno. */
typedef int (*xk_map_iter_fn)(const void *key, const void *value, void *ctx);
int xk_map__iterate(const struct xk_map *m, xk_map_iter_fn cb, void *ctx,
		    unsigned int flags);
/* Entries in the map (walks it). */
int xk_map__count(const struct xk_map *m);
/* count entries; values as for xk_map__update (per-CPU: CPU 0). Batched
 * where the kernel can, one by one otherwise; *done says how many went
 * in (all of them, or those before the failing one). */
int xk_map__update_batch(const struct xk_map *m, const void *keys,
			 const void *values, __u32 count, __u64 flags,
			 __u32 *done);
int xk_map__delete_batch(const struct xk_map *m, const void *keys, __u32 count,
			 __u32 *done);
/* Which path the last batch call of this thread took (tests, bench). */
bool xk_map__last_was_batched(void);

/* ---- LPM keys and prefixes ---- */
struct xk_prefix {
	__u8 family;   /* 4 or 6 */
	__u8 len;      /* prefix length */
	__u8 addr[16]; /* network order, host bits cleared */
};
/* "10.0.0.0/8", "2001:db8::/32", "10.1.2.3" (/32), "::1" (/128).
 * -EINVAL for anything else (bad address, length out of range, set host
 * bits are cleared, not refused). */
int xk_prefix__parse(const char *s, struct xk_prefix *p);
/* "10.0.0.0/8" into buf (at least 50 bytes). */
const char *xk_prefix__str(const struct xk_prefix *p, char *buf, size_t sz);
/* Parse s into an LPM key of key_size bytes ({__u32 prefixlen; addr}):
 * 8 for IPv4, 20 for IPv6; -EINVAL if s is the other family. */
int xk_lpm__parse(const char *s, void *key, size_t key_size);
const char *xk_lpm__str(const void *key, size_t key_size, char *buf, size_t sz);

/* ---- formatting (BTF-driven) ---- */
enum xk_fmt {
	XK_FMT_TEXT, /* one line, C initializer style: {.a = 1, .b = [1, 2]} */
	XK_FMT_JSON, /* {"a":1}: ints as numbers, char arrays as strings */
};
/* Format a key or value of m into buf (NUL-terminated, -ENOSPC if it
 * does not fit). LPM trie keys print as "10.0.0.0/8"; without BTF the
 * bytes print as hex. */
int xk_map__fmt_key(const struct xk_map *m, const void *key, enum xk_fmt f,
		    char *buf, size_t sz);
int xk_map__fmt_value(const struct xk_map *m, const void *value, enum xk_fmt f,
		      char *buf, size_t sz);
/* The same for any type of any BTF. */
int xk_btf__fmt(const struct btf *btf, __u32 type_id, const void *data,
		size_t size, enum xk_fmt f, char *buf, size_t sz);
/*
 * Parse text into a key or value of m, driven by BTF:
 *   "5"                   a scalar (integers: decimal, 0x hex, negative)
 *   "ifindex=3,l4_proto=6" fields (unnamed ones zero; a.b=1 for nesting,
 *                          a[2]=1 for array elements; u8[4]/u8[16] take an
 *                          IP address, char arrays a string)
 *   "10.0.0.0/8"          an LPM trie key
 *   "hex 0a 00 00 01"     raw bytes, exactly key/value size of them
 * -EINVAL for malformed text (xk_errmsg says where), -E2BIG / -ERANGE for
 * a wrong byte count or an out-of-range number.
 */
int xk_map__parse_key(const struct xk_map *m, const char *s, void *key);
int xk_map__parse_value(const struct xk_map *m, const char *s, void *value);
/* The same, but FIELD=VALUE input changes only the fields it names and
 * leaves the rest of @value as it was (a whole value, 'hex ...' or a plain
 * scalar, still replaces all of it). */
int xk_map__parse_value_over(const struct xk_map *m, const char *s,
			     void *value);
/* The same for any type of any BTF, into exactly @size bytes at @out. */
int xk_btf__parse(const struct btf *btf, __u32 type_id, const char *s,
		  void *out, size_t size);

/* ---- BTF type comparison and pinned-map reuse ---- */
/* 0 if the two types are the same structurally (typedefs and qualifiers
 * looked through), -EPROTOTYPE with a reason in xk_errmsg otherwise. */
int xk_btf__type_cmp(const struct btf *a, __u32 ida, const struct btf *b,
		     __u32 idb);
/* For an opened (not loaded) object: pin every XK_PIN_SHARED map under
 * root (NULL: the "maps" directory of xk_pin_root(), XK_MAPS_PIN_ROOT
 * unless the pin root was changed) instead of libbpf's /sys/fs/bpf. */
int xk_obj__set_pin_root(struct bpf_object *obj, const char *root);
/* For an opened object about to load: every map libbpf would reuse from a
 * pin must have our BTF key and value types (libbpf checks sizes only).
 * -EPROTOTYPE naming the map, the pin and the differing type otherwise. */
int xk_obj__check_pins(struct bpf_object *obj);

/* ---- ring buffers ---- */
struct xk_ringbuf;
/* cb gets each record; a negative return stops consumption with it. */
typedef int (*xk_ringbuf_fn)(void *ctx, void *data, size_t size);
struct xk_ringbuf *xk_ringbuf__new(const struct xk_map *m, xk_ringbuf_fn cb,
				   void *ctx);
/* Wait up to timeout_ms for records; returns records consumed or -errno. */
int xk_ringbuf__poll(struct xk_ringbuf *rb, int timeout_ms);
/* Consume what is there without waiting. */
int xk_ringbuf__consume(struct xk_ringbuf *rb);
int xk_ringbuf__epoll_fd(const struct xk_ringbuf *rb);
void xk_ringbuf__free(struct xk_ringbuf *rb);

XK_API_END
#ifdef __cplusplus
}
#endif
#endif /* XDPKIT_MAP_H */
