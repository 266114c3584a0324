/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Private glue of the maps half of libxdpkit; nothing here is ABI. */
#ifndef XK_MAPS_INTERNAL_H
#define XK_MAPS_INTERNAL_H

#include <linux/bpf.h>
#include "xdpkit/map.h"
#include "../core/core.h" /* xk_err, xk_log: one library, one log */

struct xk_map {
	int fd;
	int ncpus;
	struct bpf_map_info info;
	struct btf *btf; /* the map's own BTF, NULL if none */
};

/* A bounded string builder (fmt.c). */
struct xk__sbuf {
	char *buf;
	size_t sz, len;
	bool over;
};

/* BTF of a kernel object by id (NULL if id is 0 or it cannot be had). */
struct btf *xk__btf_by_id(__u32 id);
/* Skip typedefs and qualifiers. */
__u32 xk__btf_resolve(const struct btf *btf, __u32 id);
/* "struct foo", "__u32", "" into buf. */
int xk__btf_type_name(const struct btf *btf, __u32 id, char *buf, size_t sz);
/* Type id of "struct foo" / "union u" / "enum e" / a plain name. */
int xk__btf_find(const struct btf *btf, const char *name);
/* Sum n CPUs' values of type id (stride bytes apart) into out. */
int xk__percpu_sum(const struct xk_map *m, const void *in, void *out);
/* Is this map's key an LPM {prefixlen; addr[4|16]} key? */
bool xk__is_lpm(const struct xk_map *m);

#endif
