/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * BPF side of the one map definition: declare a map with its key and value
 * types recorded in BTF, its pinning policy and its size.
 *
 *   #include <xdpkit/map_defs.h>
 *   #include <xdpkit/stats_schema.h>     (the structs userspace sees too)
 *
 *   XK_MAP(xk_stats, BPF_MAP_TYPE_PERCPU_HASH, struct xk_stats_key,
 *          struct xk_stats_val, 4096, XK_PIN_NONE);
 *
 * Key and value go through __type(), so the map's BTF names the real
 * types: libxdpkit formats them field by field and refuses to reuse a
 * pinned map whose BTF types differ from these, even when the sizes match.
 *
 * Pinning: XK_PIN_NONE maps live as long as a program holds them (find
 * them through the program, as xdpctl does); XK_PIN_SHARED maps are pinned
 * by name under XK_MAPS_PIN_ROOT by libxdpkit (never at libbpf's default
 * /sys/fs/bpf) and reused by every object that declares them.
 */
#ifndef XDPKIT_MAP_DEFS_H
#define XDPKIT_MAP_DEFS_H

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define XK_PIN_NONE   LIBBPF_PIN_NONE
#define XK_PIN_SHARED LIBBPF_PIN_BY_NAME

/* Where libxdpkit pins XK_PIN_SHARED maps: <root>/<map name>. */
#ifndef XK_MAPS_PIN_ROOT
#define XK_MAPS_PIN_ROOT "/sys/fs/bpf/xdpkit/maps"
#endif

#define XK__MAP_BODY(_type, _key, _val, _max, _pin, _flags)                    \
	struct {                                                               \
		__uint(type, _type);                                           \
		__uint(max_entries, _max);                                     \
		__type(key, _key);                                             \
		__type(value, _val);                                           \
		__uint(pinning, _pin);                                         \
		__uint(map_flags, _flags);                                     \
	}

/* A map whose key and value types are recorded in BTF. */
#define XK_MAP(_name, _type, _key, _val, _max, _pin)                           \
	XK__MAP_BODY(_type, _key, _val, _max, _pin, 0) _name SEC(".maps")

/* The same with map flags (BPF_F_NO_PREALLOC for LPM tries, ...). */
#define XK_MAP_FLAGS(_name, _type, _key, _val, _max, _pin, _flags)             \
	XK__MAP_BODY(_type, _key, _val, _max, _pin, _flags) _name SEC(".maps")

/* An LPM trie: tries must not be preallocated. */
#define XK_LPM_MAP(_name, _key, _val, _max, _pin)                              \
	XK_MAP_FLAGS(_name, BPF_MAP_TYPE_LPM_TRIE, _key, _val, _max, _pin,     \
		     BPF_F_NO_PREALLOC)

/*
 * A ring buffer of _size bytes (a power of 2 and a multiple of the page
 * size). The kernel allows no key/value types on a ring buffer: the record
 * struct lives in the schema header both sides include.
 */
#define XK_RINGBUF(_name, _size)                                               \
	struct {                                                               \
		__uint(type, BPF_MAP_TYPE_RINGBUF);                            \
		__uint(max_entries, _size);                                    \
	} _name SEC(".maps")

/*
 * Count one packet of @len bytes in the entry @key of @map, a per-CPU hash
 * whose value has __u64 packets and bytes (as struct xk_stats_val does),
 * creating the entry at first use. Per-CPU values need no atomics; the
 * second round covers another CPU creating the key between our lookup and
 * our insert. Evaluates to 0, or -1 if the entry could not be made (the
 * map is full).
 */
#define xk_count_packet(map, key, len)                                         \
	({                                                                     \
		__typeof__(*(map).value) *xk__v, xk__first = {};               \
		int xk__i, xk__r = -1;                                         \
                                                                               \
		for (xk__i = 0; xk__i < 2; xk__i++) {                          \
			xk__v = bpf_map_lookup_elem(&(map), (key));            \
			if (xk__v) {                                           \
				xk__v->packets++;                              \
				xk__v->bytes += (len);                         \
				xk__r = 0;                                     \
				break;                                         \
			}                                                      \
			xk__first.packets = 1;                                 \
			xk__first.bytes = (len);                               \
			if (!bpf_map_update_elem(&(map), (key), &xk__first,    \
						 BPF_NOEXIST)) {               \
				xk__r = 0;                                     \
				break;                                         \
			}                                                      \
		}                                                              \
		xk__r;                                                         \
	})

#endif /* XDPKIT_MAP_DEFS_H */
