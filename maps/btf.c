// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * BTF helpers of the maps layer: names, structural type comparison (the
 * check libbpf does not do when it reuses a pinned map), the pin root of
 * shared maps, and per-CPU sums guided by the value's type.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "internal.h"

__u32 xk__btf_resolve(const struct btf *btf, __u32 id)
{
	const struct btf_type *t;
	int i;

	for (i = 0; i < 32 && id; i++) {
		t = btf__type_by_id(btf, id);
		if (!t || !(btf_is_typedef(t) || btf_is_mod(t)))
			break;
		id = t->type;
	}
	return id;
}

int xk__btf_type_name(const struct btf *btf, __u32 id, char *buf, size_t sz)
{
	const struct btf_type *t;
	const char *kind = "", *name;

	buf[0] = 0;
	if (!btf || !id || !(t = btf__type_by_id(btf, id)))
		return 0;
	name = btf__name_by_offset(btf, t->name_off);
	if (btf_is_struct(t))
		kind = "struct ";
	else if (btf_is_union(t))
		kind = "union ";
	else if (btf_is_any_enum(t))
		kind = "enum ";
	if (btf_is_array(t)) {
		const struct btf_array *a = btf_array(t);
		char el[96];

		xk__btf_type_name(btf, a->type, el, sizeof(el));
		snprintf(buf, sz, "%s[%u]", el, a->nelems);
		return 0;
	}
	snprintf(buf, sz, "%s%s", kind, name && *name ? name : "(anon)");
	return 0;
}

int xk__btf_find(const struct btf *btf, const char *name)
{
	static const struct {
		const char *pfx;
		int kind;
	} kinds[] = {
		{"struct ", BTF_KIND_STRUCT},
		{"union ", BTF_KIND_UNION},
		{"enum ", BTF_KIND_ENUM},
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strncmp(name, kinds[i].pfx, strlen(kinds[i].pfx)))
			return btf__find_by_name_kind(
				btf, name + strlen(kinds[i].pfx),
				kinds[i].kind);
	return btf__find_by_name(btf, name);
}

/* ---- structural comparison ---- */

static int differ(const struct btf *a, __u32 ida, const struct btf *b,
		  __u32 idb, const char *why, const char *where)
{
	char na[96], nb[96];

	xk__btf_type_name(a, ida, na, sizeof(na));
	xk__btf_type_name(b, idb, nb, sizeof(nb));
	return xk_err(-EPROTOTYPE, "%s%s%s is not %s (%s)", where,
		      *where ? ": " : "", na, nb, why);
}

static int cmp(const struct btf *a, __u32 ida, const struct btf *b, __u32 idb,
	       int depth, const char *where)
{
	const struct btf_type *ta, *tb;
	const char *sa, *sb;
	int i;

	if (depth > 16)
		return 0; /* deep enough: recursive types end here */
	ida = xk__btf_resolve(a, ida);
	idb = xk__btf_resolve(b, idb);
	ta = btf__type_by_id(a, ida);
	tb = btf__type_by_id(b, idb);
	if (!ta || !tb)
		return ta == tb ? 0 : differ(a, ida, b, idb, "void", where);
	if (btf_kind(ta) != btf_kind(tb))
		return differ(a, ida, b, idb, "different kinds", where);
	sa = btf__name_by_offset(a, ta->name_off);
	sb = btf__name_by_offset(b, tb->name_off);
	switch (btf_kind(ta)) {
	case BTF_KIND_INT:
		if (ta->size != tb->size ||
		    btf_int_encoding(ta) != btf_int_encoding(tb) ||
		    btf_int_bits(ta) != btf_int_bits(tb) ||
		    btf_int_offset(ta) != btf_int_offset(tb))
			return differ(a, ida, b, idb,
				      "integer size or "
				      "signedness",
				      where);
		return 0;
	case BTF_KIND_FLOAT:
		return ta->size == tb->size
			       ? 0
			       : differ(a, ida, b, idb, "float size", where);
	case BTF_KIND_PTR:
		return 0;
	case BTF_KIND_ARRAY: {
		const struct btf_array *aa = btf_array(ta), *ab = btf_array(tb);

		if (aa->nelems != ab->nelems)
			return differ(a, ida, b, idb, "array length", where);
		return cmp(a, aa->type, b, ab->type, depth + 1, where);
	}
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
		if (strcmp(sa, sb) || ta->size != tb->size)
			return differ(a, ida, b, idb, "name or size", where);
		return 0;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		const struct btf_member *ma = btf_members(ta),
					*mb = btf_members(tb);
		char at[160];

		if (strcmp(sa, sb))
			return differ(a, ida, b, idb, "another name", where);
		if (ta->size != tb->size || btf_vlen(ta) != btf_vlen(tb))
			return differ(a, ida, b, idb, "size or member count",
				      where);
		for (i = 0; i < btf_vlen(ta); i++, ma++, mb++) {
			const char *fa = btf__name_by_offset(a, ma->name_off);
			const char *fb = btf__name_by_offset(b, mb->name_off);

			snprintf(at, sizeof(at), "%s%smember '%s'", where,
				 *where ? ", " : "", fa);
			if (strcmp(fa, fb))
				return differ(a, ida, b, idb,
					      "member names "
					      "differ",
					      at);
			if (btf_member_bit_offset(ta, i) !=
				    btf_member_bit_offset(tb, i) ||
			    btf_member_bitfield_size(ta, i) !=
				    btf_member_bitfield_size(tb, i))
				return differ(a, ida, b, idb,
					      "member offsets "
					      "differ",
					      at);
			if (cmp(a, ma->type, b, mb->type, depth + 1, at))
				return -EPROTOTYPE;
		}
		return 0;
	}
	default:
		return strcmp(sa, sb) ? differ(a, ida, b, idb, "name", where)
				      : 0;
	}
}

int xk_btf__type_cmp(const struct btf *a, __u32 ida, const struct btf *b,
		     __u32 idb)
{
	return cmp(a, ida, b, idb, 0, "");
}

/* ---- pinned maps ---- */

int xk_obj__set_pin_root(struct bpf_object *obj, const char *root)
{
	char path[512], dflt[256];
	struct bpf_map *map;
	int err;

	if (!root) {
		snprintf(dflt, sizeof(dflt), "%s/maps", xk_pin_root());
		root = dflt;
	}
	bpf_object__for_each_map(map, obj)
	{
		if (!bpf_map__pin_path(map))
			continue; /* not pinned: nothing to move */
		snprintf(path, sizeof(path), "%s/%s", root, bpf_map__name(map));
		err = bpf_map__set_pin_path(map, path);
		if (err)
			return xk_err(err, "cannot set pin path %s: %s", path,
				      strerror(-err));
	}
	return 0;
}

static int check_one(struct bpf_object *obj, struct bpf_map *map,
		     const char *path)
{
	const struct btf *ours = bpf_object__btf(obj);
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	struct btf *theirs;
	int fd, err = 0;

	fd = bpf_obj_get(path);
	if (fd < 0)
		return errno == ENOENT ? 0
				       : xk_err(-errno,
						"cannot open pinned "
						"map %s: %m",
						path);
	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(fd, &info, &len)) {
		err = xk_err(-errno, "%s is not a map: %m", path);
		goto out;
	}
	if (info.type != bpf_map__type(map) ||
	    info.key_size != bpf_map__key_size(map) ||
	    info.value_size != bpf_map__value_size(map) ||
	    info.max_entries != bpf_map__max_entries(map)) {
		err = xk_err(-EPROTOTYPE,
			     "pinned map %s (id %u) does not fit "
			     "map '%s': type, key/value size or entries differ"
			     "; remove the pin if it is stale",
			     path, info.id, bpf_map__name(map));
		goto out;
	}
	if (!ours || !bpf_map__btf_key_type_id(map))
		goto out; /* we declared no types: sizes are all we have */
	theirs = xk__btf_by_id(info.btf_id);
	if (!theirs || !info.btf_key_type_id) {
		btf__free(theirs);
		err = xk_err(-EPROTOTYPE,
			     "pinned map %s (id %u) has no BTF "
			     "types, so it cannot be checked against map '%s'"
			     "; remove the pin if it is stale",
			     path, info.id, bpf_map__name(map));
		goto out;
	}
	if (xk_btf__type_cmp(theirs, info.btf_key_type_id, ours,
			     bpf_map__btf_key_type_id(map)) ||
	    xk_btf__type_cmp(theirs, info.btf_value_type_id, ours,
			     bpf_map__btf_value_type_id(map))) {
		char why[512];

		snprintf(why, sizeof(why), "%s", xk_errmsg());
		err = xk_err(-EPROTOTYPE,
			     "pinned map %s (id %u) has other BTF "
			     "types than map '%s' of this program although "
			     "the sizes match: %s; remove the pin if it is "
			     "stale",
			     path, info.id, bpf_map__name(map), why);
	}
	btf__free(theirs);
out:
	close(fd);
	return err;
}

int xk_obj__check_pins(struct bpf_object *obj)
{
	const char *path, *root = xk_pin_root();
	size_t n = strlen(root);
	struct bpf_map *map;
	int err;

	bpf_object__for_each_map(map, obj)
	{
		path = bpf_map__pin_path(map);
		if (!path)
			continue;
		if (!strncmp(path, root, n) &&
		    !strncmp(path + n, "/maps/", 6)) {
			/* libbpf makes only the last directory level */
			xk_pin_root__mkdir();
		}
		if ((err = check_one(obj, map, path)))
			return err;
	}
	return 0;
}

/* ---- per-CPU sums ---- */

static void add_int(void *dst, const void *src, __u32 size)
{
	switch (size) {
	case 1:
		*(__u8 *)dst += *(const __u8 *)src;
		break;
	case 2:
		*(__u16 *)dst += *(const __u16 *)src;
		break;
	case 4:
		*(__u32 *)dst += *(const __u32 *)src;
		break;
	case 8:
		*(__u64 *)dst += *(const __u64 *)src;
		break;
	}
}

/* dst already holds CPU 0's value; add CPU c's integers at off. */
static void sum_type(const struct btf *btf, __u32 id, __u8 *dst,
		     const __u8 *src, int depth)
{
	const struct btf_type *t;
	int i;

	id = xk__btf_resolve(btf, id);
	t = btf__type_by_id(btf, id);
	if (!t || depth > 16)
		return;
	if (btf_is_int(t)) {
		/* characters and booleans are not counts */
		if (!(btf_int_encoding(t) & (BTF_INT_CHAR | BTF_INT_BOOL)) &&
		    strcmp(btf__name_by_offset(btf, t->name_off), "char") &&
		    !btf_int_offset(t) && btf_int_bits(t) == t->size * 8)
			add_int(dst, src, t->size);
	} else if (btf_is_array(t)) {
		const struct btf_array *a = btf_array(t);
		__s64 es = btf__resolve_size(btf, a->type);

		for (i = 0; es > 0 && (__u32)i < a->nelems; i++)
			sum_type(btf, a->type, dst + i * es, src + i * es,
				 depth + 1);
	} else if (btf_is_struct(t)) {
		const struct btf_member *m = btf_members(t);

		for (i = 0; i < btf_vlen(t); i++, m++) {
			__u32 off = btf_member_bit_offset(t, i);

			if (btf_member_bitfield_size(t, i) || off % 8)
				continue; /* bitfields: CPU 0's bits */
			sum_type(btf, m->type, dst + off / 8, src + off / 8,
				 depth + 1);
		}
	}
	/* unions, enums, pointers: CPU 0's value stands */
}

int xk__percpu_sum(const struct xk_map *m, const void *in, void *out)
{
	__u32 vs = m->info.value_size, stride = xk_map__percpu_stride(m), i;
	__u32 vid = xk_map__btf_value_type_id(m);
	const __u8 *p = in;
	int c;

	memcpy(out, p, vs);
	if (!vid && vs % 8 && vs % 4)
		return xk_err(-EOPNOTSUPP,
			      "map '%s' has no BTF value type and "
			      "a value size of %u: cannot sum its CPUs",
			      m->info.name, vs);
	for (c = 1; c < m->ncpus; c++) {
		const __u8 *src = p + (size_t)c * stride;

		if (vid) {
			sum_type(m->btf, vid, out, src, 0);
			continue;
		}
		for (i = 0; i < vs; i += vs % 8 ? 4 : 8)
			add_int((__u8 *)out + i, src + i, vs % 8 ? 4 : 8);
	}
	return 0;
}

bool xk__is_lpm(const struct xk_map *m)
{
	return m->info.type == BPF_MAP_TYPE_LPM_TRIE &&
	       (m->info.key_size == 8 || m->info.key_size == 20);
}
