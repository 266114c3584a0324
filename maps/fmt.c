// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * BTF-driven formatting and parsing of keys and values. One walk of the
 * type gives JSON and, in C initializer style, text ({.a = 1, .s = "x"}):
 * libbpf has no JSON, and its btf_dump__dump_type_data costs four times
 * our walk on a 100000-entry dump. And the inverse, text into bytes, so
 * that `xdpctl map set` takes fields by name.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "internal.h"

static void sb_vadd(struct xk__sbuf *b, const char *fmt, va_list ap)
{
	int n;

	if (b->over)
		return;
	n = vsnprintf(b->buf + b->len, b->sz - b->len, fmt, ap);
	if (n < 0 || (size_t)n >= b->sz - b->len)
		b->over = true;
	else
		b->len += n;
}

static void __attribute__((format(printf, 2, 3)))
sb_add(struct xk__sbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vadd(b, fmt, ap);
	va_end(ap);
}

/* Plain appends: a dump formats millions of tokens, vsnprintf for each
 * would be most of its time. */
static void sb_putn(struct xk__sbuf *b, const char *s, size_t n)
{
	if (b->over)
		return;
	if (n >= b->sz - b->len) {
		b->over = true;
		return;
	}
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = 0;
}

static void sb_puts(struct xk__sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

static void sb_u64(struct xk__sbuf *b, unsigned long long v, bool neg)
{
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = '0' + v % 10;
		v /= 10;
	} while (v);
	if (neg)
		tmp[--i] = '-';
	sb_putn(b, tmp + i, sizeof(tmp) - i);
}

static int fmt_hex(const void *data, size_t size, enum xk_fmt f,
		   struct xk__sbuf *b)
{
	size_t i;

	sb_add(b, "%s", f == XK_FMT_JSON ? "\"" : "");
	for (i = 0; i < size; i++)
		sb_add(b, "%s%02x", i ? " " : "", ((const __u8 *)data)[i]);
	sb_add(b, "%s", f == XK_FMT_JSON ? "\"" : "");
	return 0;
}

/* ---- JSON ---- */

static void json_str(struct xk__sbuf *b, const char *s, size_t n)
{
	size_t i, run = 0;

	sb_putn(b, "\"", 1);
	for (i = 0; i < n && s[i]; i++) {
		unsigned char c = s[i];

		if (c != '"' && c != '\\' && c >= 0x20 && c < 0x7f) {
			run++;
			continue;
		}
		sb_putn(b, s + i - run, run);
		run = 0;
		if (c == '"' || c == '\\')
			sb_add(b, "\\%c", c);
		else
			sb_add(b, "\\u%04x", c);
	}
	sb_putn(b, s + i - run, run);
	sb_putn(b, "\"", 1);
}

/* Loads and stores by memcpy: values of packed structs are unaligned. */
static __u64 load_uint(const void *p, __u32 size)
{
	__u8 v8;
	__u16 v16;
	__u32 v32;
	__u64 v = 0;

	switch (size) {
	case 1:
		memcpy(&v8, p, 1);
		v = v8;
		break;
	case 2:
		memcpy(&v16, p, 2);
		v = v16;
		break;
	case 4:
		memcpy(&v32, p, 4);
		v = v32;
		break;
	case 8:
		memcpy(&v, p, 8);
		break;
	}
	return v;
}

/*
 * A bitfield of @bits (1-64) bits at bit @bo of @p, BTF's numbering on a
 * little-endian host (bit 0 is the first byte's lowest). Only the bytes
 * the bits occupy are read or written: in a packed struct the field's
 * declared storage unit may reach past the end of the value.
 */
static __u64 load_bits(const __u8 *p, __u32 bo, __u32 bits)
{
	unsigned __int128 acc = 0;
	__u32 first = bo / 8, last = (bo + bits - 1) / 8, i;

	for (i = last + 1; i-- > first;)
		acc = (acc << 8) | p[i];
	acc >>= bo % 8;
	return bits >= 64 ? (__u64)acc : (__u64)acc & ((1ULL << bits) - 1);
}

static void store_bits(__u8 *p, __u32 bo, __u32 bits, __u64 v)
{
	unsigned __int128 acc = 0, mask;
	__u32 first = bo / 8, last = (bo + bits - 1) / 8, i;

	for (i = last + 1; i-- > first;)
		acc = (acc << 8) | p[i];
	mask = (bits >= 64 ? (unsigned __int128)~0ULL
			   : (unsigned __int128)((1ULL << bits) - 1))
	       << (bo % 8);
	acc = (acc & ~mask) | (((unsigned __int128)v << (bo % 8)) & mask);
	for (i = first; i <= last; i++, acc >>= 8)
		p[i] = (__u8)acc;
}

static __s64 sext(__u64 v, __u32 bits)
{
	return bits >= 64 ? (__s64)v : (__s64)(v << (64 - bits)) >> (64 - bits);
}

/* An integer of type @t whose bits (@bits of them) start at bit @bo of p. */
/*
 * An integer of type @t whose bits (@bits of them, 0: the type's) start at
 * bit @bo of p, with @avail bytes readable from p. BTF that does not fit
 * (bits past avail, past 64, or past the type) prints as null: the BTF
 * need not be the kernel's checked one.
 */
static void json_int(struct xk__sbuf *b, const struct btf_type *t,
		     const void *p, __u32 bo, __u32 bits, size_t avail)
{
	__u8 enc = btf_int_encoding(t);
	__u64 v;

	if (t->size > 8) { /* __int128: no JSON number holds it */
		if (t->size <= avail && !bits)
			fmt_hex(p, t->size, XK_FMT_JSON, b);
		else
			sb_add(b, "null");
		return;
	}
	if (!bits)
		bits = btf_int_bits(t);
	if (!bits || bits > 64 ||
	    (__u64)bo + btf_int_offset(t) + bits > (__u64)avail * 8) {
		sb_add(b, "null");
		return;
	}
	v = load_bits(p, bo + btf_int_offset(t), bits);
	if (enc & BTF_INT_BOOL) {
		sb_puts(b, v ? "true" : "false");
	} else if (enc & BTF_INT_SIGNED) {
		__s64 sv = sext(v, bits);

		sb_u64(b, sv < 0 ? -(unsigned long long)sv : (__u64)sv, sv < 0);
	} else {
		sb_u64(b, v, false);
	}
}

static bool is_char(const struct btf *btf, __u32 id)
{
	const struct btf_type *t =
		btf__type_by_id(btf, xk__btf_resolve(btf, id));

	/* clang encodes plain char as a signed 1-byte int, not as CHAR;
	 * __u8 (unsigned char) arrays are bytes, not text */
	return t && btf_is_int(t) && t->size == 1 &&
	       ((btf_int_encoding(t) & BTF_INT_CHAR) ||
		!strcmp(btf__name_by_offset(btf, t->name_off), "char"));
}

static void json_type(const struct btf *btf, __u32 id, const __u8 *p,
		      size_t avail, struct xk__sbuf *b, int depth, bool text);

static void json_members(const struct btf *btf, const struct btf_type *t,
			 const __u8 *p, size_t avail, struct xk__sbuf *b,
			 bool *first, int depth, bool text)
{
	const struct btf_member *m = btf_members(t);
	int i;

	for (i = 0; i < btf_vlen(t); i++, m++) {
		const char *name = btf__name_by_offset(btf, m->name_off);
		__u32 off = btf_member_bit_offset(t, i);
		__u32 bits = btf_member_bitfield_size(t, i);
		__u32 mid = xk__btf_resolve(btf, m->type);
		const struct btf_type *mt = btf__type_by_id(btf, mid);

		size_t left = off / 8 < avail ? avail - off / 8 : 0;

		if (!name || !*name) {
			/* anonymous struct/union: its fields are ours */
			if (mt && btf_is_composite(mt) && depth < 32)
				json_members(btf, mt, p + off / 8, left, b,
					     first, depth + 1, text);
			continue;
		}
		if (!*first)
			sb_puts(b, text ? ", " : ",");
		*first = false;
		if (text) {
			sb_putn(b, ".", 1);
			sb_puts(b, name);
			sb_puts(b, " = ");
		} else {
			json_str(b, name, strlen(name));
			sb_putn(b, ":", 1);
		}
		if (bits && mt && btf_is_int(mt))
			json_int(b, mt, p + off / 8, off % 8, bits, left);
		else if (bits && mt && btf_is_any_enum(mt) && bits <= 64 &&
			 off % 8 + bits <= left * 8)
			sb_add(b, "%llu",
			       (unsigned long long)load_bits(p + off / 8,
							     off % 8, bits));
		else if (bits)
			sb_add(b, "null");
		else
			json_type(btf, m->type, p + off / 8, left, b, depth + 1,
				  text);
	}
}

/* JSON, or with text the same walk in C initializer style:
 * {.a = 1, .b = [1, 2], .c = "str"}. */
static void json_type(const struct btf *btf, __u32 id, const __u8 *p,
		      size_t avail, struct xk__sbuf *b, int depth, bool text)
{
	const struct btf_type *t;
	__s64 need;
	__u32 i;

	id = xk__btf_resolve(btf, id);
	t = btf__type_by_id(btf, id);
	need = t ? btf__resolve_size(btf, id) : -1;
	/* what the type says it takes must be there */
	if (!t || depth > 32 || need < 0 || (__u64)need > avail) {
		sb_add(b, "null");
		return;
	}
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		json_int(b, t, p, 0, 0, avail);
		return;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64: {
		__u64 v;

		if (t->size != 1 && t->size != 2 && t->size != 4 &&
		    t->size != 8) {
			sb_add(b, "null");
			return;
		}
		v = load_uint(p, t->size);

		if (btf_kflag(t))
			sb_add(b, "%lld", (long long)sext(v, t->size * 8));
		else
			sb_add(b, "%llu", (unsigned long long)v);
		return;
	}
	case BTF_KIND_PTR:
		if (avail < 8) {
			sb_add(b, "null");
			return;
		}
		sb_add(b, "%llu", (unsigned long long)load_uint(p, 8));
		return;
	case BTF_KIND_FLOAT: {
		double d;
		float f;

		if (t->size == 4) {
			memcpy(&f, p, 4);
			d = f;
		} else if (t->size == 8) {
			memcpy(&d, p, 8);
		} else {
			sb_add(b, "null");
			return;
		}
		/* JSON has no NaN or infinity: null there, the C word in
		 * text */
		if (!isfinite(d))
			sb_add(b, "%s",
			       text ? (isnan(d) ? "nan"
				       : d < 0	? "-inf"
						: "inf")
				    : "null");
		else
			sb_add(b, t->size == 4 ? "%.9g" : "%.17g", d);
		return;
	}
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(t);
		__s64 es = btf__resolve_size(btf, a->type);

		if (is_char(btf, a->type)) {
			json_str(b, (const char *)p, a->nelems);
			return;
		}
		sb_putn(b, "[", 1);
		for (i = 0; es > 0 && i < a->nelems; i++) {
			if (i)
				sb_puts(b, text ? ", " : ",");
			json_type(btf, a->type, p + i * es, avail - i * es, b,
				  depth + 1, text);
		}
		sb_putn(b, "]", 1);
		return;
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		bool first = true;

		sb_putn(b, "{", 1);
		json_members(btf, t, p, avail, b, &first, depth, text);
		sb_putn(b, "}", 1);
		return;
	}
	default:
		sb_add(b, "null");
	}
}

static int fmt_any(const struct btf *btf, __u32 id, const void *data,
		   size_t size, enum xk_fmt f, struct xk__sbuf *b)
{
	__s64 tsz;

	if (!btf || !id)
		return fmt_hex(data, size, f, b);
	tsz = btf__resolve_size(btf, id);
	if (tsz < 0 || (size_t)tsz != size)
		return fmt_hex(data, size, f, b); /* BTF disagrees */
	json_type(btf, id, data, size, b, 0, f == XK_FMT_TEXT);
	return 0;
}

static int finish(struct xk__sbuf *b, int err)
{
	if (err)
		return err;
	if (b->over)
		return -ENOSPC;
	b->buf[b->len] = 0;
	return 0;
}

int xk_btf__fmt(const struct btf *btf, __u32 type_id, const void *data,
		size_t size, enum xk_fmt f, char *buf, size_t sz)
{
	struct xk__sbuf b = {buf, sz, 0, sz == 0};

	return finish(&b, fmt_any(btf, type_id, data, size, f, &b));
}

static int map_fmt(const struct xk_map *m, __u32 id, const void *data,
		   size_t size, enum xk_fmt f, char *buf, size_t sz)
{
	return xk_btf__fmt(m->btf, id, data, size, f, buf, sz);
}

int xk_map__fmt_key(const struct xk_map *m, const void *key, enum xk_fmt f,
		    char *buf, size_t sz)
{
	if (xk__is_lpm(m)) {
		char tmp[64];

		xk_lpm__str(key, m->info.key_size, tmp, sizeof(tmp));
		if (snprintf(buf, sz, f == XK_FMT_JSON ? "\"%s\"" : "%s",
			     tmp) >= (int)sz)
			return -ENOSPC;
		return 0;
	}
	return map_fmt(m, xk_map__btf_key_type_id(m), key, m->info.key_size, f,
		       buf, sz);
}

int xk_map__fmt_value(const struct xk_map *m, const void *value, enum xk_fmt f,
		      char *buf, size_t sz)
{
	return map_fmt(m, xk_map__btf_value_type_id(m), value,
		       m->info.value_size, f, buf, sz);
}

/* ---- parsing text into keys and values ---- */

static int parse_hex(const char *s, __u8 *out, size_t size, const char *what)
{
	size_t n = 0;
	char *end;

	while (*s) {
		unsigned long v;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		if (!isxdigit((unsigned char)s[0]))
			return xk_err(-EINVAL, "'%s' is not a hex byte", s);
		v = strtoul(s, &end, 16);
		if (end - s > 2 + 2 * (s[0] == '0' &&
				       (s[1] == 'x' || s[1] == 'X')) ||
		    v > 0xff || (*end && !isspace((unsigned char)*end)))
			return xk_err(-EINVAL, "'%.*s' is not a hex byte",
				      (int)(end - s + 1), s);
		if (n < size)
			out[n] = v;
		n++;
		s = end;
	}
	if (n != size)
		return xk_err(-E2BIG,
			      "the %s is %zu bytes, the map's %s size "
			      "is %zu",
			      what, n, what, size);
	return 0;
}

static int parse_int(const struct btf_type *t, const char *v, __u8 *dst,
		     __u32 bit_off, __u32 bits, const char *name)
{
	bool sign = btf_is_int(t) ? (btf_int_encoding(t) & BTF_INT_SIGNED)
				  : btf_kflag(t);
	__u32 size = t->size;
	__u64 u, max;
	char *end;

	if (!bits)
		bits = size * 8;
	if (size > 8 || !bits || bits > 64)
		return xk_err(-EINVAL,
			      "%s: integers wider than 64 bits take "
			      "hex bytes",
			      name);
	if (btf_is_int(t) && (btf_int_encoding(t) & BTF_INT_BOOL) &&
	    (!strcmp(v, "true") || !strcmp(v, "false"))) {
		u = v[0] == 't';
		goto store;
	}
	errno = 0;
	if (!*v || isspace((unsigned char)*v))
		goto bad;
	if (*v == '-') {
		__s64 sv = strtoll(v, &end, 0);

		if (errno || *end || !sign)
			goto bad;
		if (bits < 64 && (sv < -(1LL << (bits - 1))))
			goto range;
		u = (__u64)sv;
		if (bits < 64)
			u &= (1ULL << bits) - 1;
		goto store;
	}
	u = strtoull(v, &end, 0);
	if (errno == ERANGE)
		goto range;
	if (errno || *end)
		goto bad;
	max = bits >= 64 ? ~0ULL : (1ULL << (bits - sign)) - 1;
	if (u > max)
		goto range;
store:
	/* a bitfield writes its own bytes only; a whole integer all of its
	 * (little-endian, as load_bits reads) */
	store_bits(dst, bit_off, bits, u);
	return 0;
bad:
	return xk_err(-EINVAL, "%s: '%s' is not a number", name, v);
range:
	return xk_err(-ERANGE, "%s: %s does not fit in %u bits%s", name, v,
		      bits, sign ? " (signed)" : "");
}

/* An enumerator's name, or a number. */
static int parse_enum(const struct btf *btf, const struct btf_type *t,
		      const char *v, __u8 *dst, const char *name)
{
	char num[24];
	int i;

	if (btf_is_enum(t)) {
		const struct btf_enum *e = btf_enum(t);

		for (i = 0; i < btf_vlen(t); i++, e++)
			if (!strcmp(btf__name_by_offset(btf, e->name_off), v)) {
				/* signed or not as the enum says: an
				 * unsigned value past 2^31 stays positive */
				if (btf_kflag(t))
					snprintf(num, sizeof(num), "%d",
						 e->val);
				else
					snprintf(num, sizeof(num), "%u",
						 (__u32)e->val);
				return parse_int(t, num, dst, 0, 0, name);
			}
	} else if (btf_is_enum64(t)) {
		const struct btf_enum64 *e = btf_enum64(t);

		for (i = 0; i < btf_vlen(t); i++, e++)
			if (!strcmp(btf__name_by_offset(btf, e->name_off), v)) {
				__u64 ev = btf_enum64_value(e);

				if (btf_kflag(t))
					snprintf(num, sizeof(num), "%lld",
						 (long long)ev);
				else
					snprintf(num, sizeof(num), "%llu",
						 (unsigned long long)ev);
				return parse_int(t, num, dst, 0, 0, name);
			}
	}
	return parse_int(t, v, dst, 0, 0, name);
}

/* Store text v into an object of type id at dst. */
static int parse_leaf(const struct btf *btf, __u32 id, const char *v, __u8 *dst,
		      __u32 bit_off, __u32 bits, const char *name)
{
	const struct btf_type *t;

	id = xk__btf_resolve(btf, id);
	t = btf__type_by_id(btf, id);
	if (!t)
		return xk_err(-EINVAL, "%s: no type", name);
	if (btf_is_int(t))
		return parse_int(t, v, dst, bit_off, bits, name);
	if (btf_is_any_enum(t))
		return parse_enum(btf, t, v, dst, name);
	if (btf_is_ptr(t)) {
		/* a u64, as BTF lays an INT out: the type, then the word
		 * with its encoding and bits, which parse_int reads */
		const struct {
			struct btf_type t;
			__u32 enc;
		} u = {.t = {.size = 8, .info = BTF_KIND_INT << 24}, .enc = 64};

		return parse_int(&u.t, v, dst, 0, 64, name);
	}
	if (btf_is_array(t)) {
		const struct btf_array *a = btf_array(t);
		__s64 es = btf__resolve_size(btf, a->type);

		if (is_char(btf, a->type)) {
			if (strlen(v) > a->nelems)
				return xk_err(-ERANGE,
					      "%s: '%s' is longer "
					      "than %u characters",
					      name, v, a->nelems);
			memset(dst, 0, a->nelems);
			memcpy(dst, v, strlen(v));
			return 0;
		}
		if (es == 1 && a->nelems == 4 &&
		    inet_pton(AF_INET, v, dst) == 1)
			return 0;
		if (es == 1 && a->nelems == 16 &&
		    inet_pton(AF_INET6, v, dst) == 1)
			return 0;
		return xk_err(-EINVAL,
			      "%s is an array: give its elements "
			      "(%s[0]=...), or an IP address for 4 or 16 "
			      "bytes",
			      name, name);
	}
	return xk_err(-EINVAL,
		      "%s is a struct or union: give its fields "
		      "(%s.FIELD=...)",
		      name, name);
}

/* Find member path (a.b[2].c) in type id; out: its type, byte offset and
 * bit position. */
static int resolve_path(const struct btf *btf, __u32 id, const char *path,
			__u32 *tid, __u32 *off, __u32 *bit_off, __u32 *bits)
{
	const char *p = path;

	*off = 0;
	*bit_off = 0;
	*bits = 0;
	while (*p) {
		const struct btf_type *t;
		size_t l;

		id = xk__btf_resolve(btf, id);
		t = btf__type_by_id(btf, id);
		if (!t)
			return xk_err(-EINVAL, "'%s': no such field", path);
		if (*p == '[') {
			const struct btf_array *a;
			unsigned long i;
			char *end;
			__s64 es;

			if (!btf_is_array(t))
				return xk_err(-EINVAL,
					      "'%s': not an array "
					      "before '%s'",
					      path, p);
			a = btf_array(t);
			i = strtoul(p + 1, &end, 0);
			if (end == p + 1 || *end != ']' || i >= a->nelems)
				return xk_err(-EINVAL,
					      "'%s': bad index (the "
					      "array has %u elements)",
					      path, a->nelems);
			es = btf__resolve_size(btf, a->type);
			*off += i * es;
			id = a->type;
			p = end + 1;
			if (*p == '.')
				p++;
			continue;
		}
		l = strcspn(p, ".[");
		if (btf_is_composite(t)) {
			const struct btf_member *m = btf_members(t);
			int i, hit = -1;

			for (i = 0; i < btf_vlen(t); i++, m++) {
				const char *n =
					btf__name_by_offset(btf, m->name_off);

				if (strlen(n) == l && !strncmp(n, p, l)) {
					hit = i;
					break;
				}
			}
			if (hit < 0) {
				char tn[96];

				xk__btf_type_name(btf, id, tn, sizeof(tn));
				return xk_err(-EINVAL,
					      "'%s': %s has no field "
					      "'%.*s'",
					      path, tn, (int)l, p);
			}
			*bits = btf_member_bitfield_size(t, hit);
			if (*bits) {
				__u32 o = btf_member_bit_offset(t, hit);

				/* from the byte holding its first bit, not
				 * its storage unit (see load_bits) */
				*off += o / 8;
				*bit_off = o % 8;
			} else {
				*off += btf_member_bit_offset(t, hit) / 8;
			}
			id = m->type;
		} else {
			return xk_err(-EINVAL,
				      "'%s': '%.*s' is not a struct "
				      "field",
				      path, (int)l, p);
		}
		p += l;
		if (*p == '.')
			p++;
	}
	*tid = id;
	return 0;
}

static int parse_typed(const struct btf *btf, __u32 id, const char *s,
		       __u8 *out, size_t size, const char *what, bool over)
{
	char *copy, *tok, *save = NULL;
	int err = 0;

	/* FIELD=VALUE on top of what @out holds, or from zero */
	if (!over || !strchr(s, '='))
		memset(out, 0, size);
	if (!strchr(s, '='))
		return parse_leaf(btf, id, s, out, 0, 0, what);
	copy = strdup(s);
	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ",", &save); tok && !err;
	     tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		__u32 tid = 0, off = 0, bo = 0, bits = 0;

		while (isspace((unsigned char)*tok))
			tok++;
		if (!eq || eq == tok) {
			err = xk_err(-EINVAL, "'%s': want FIELD=VALUE", tok);
			break;
		}
		*eq = 0;
		err = resolve_path(btf, id, tok, &tid, &off, &bo, &bits);
		if (!err) {
			/* the bytes the field occupies lie inside the value,
			 * whatever the BTF says */
			__s64 need = bits ? (bo + bits + 7) / 8
					  : btf__resolve_size(btf, tid);
			const struct btf_type *ft =
				btf__type_by_id(btf, xk__btf_resolve(btf, tid));

			/* a bitfield is an integer's or an enum's: BTF
			 * that says otherwise is not followed */
			if (bits &&
			    (!ft || (!btf_is_int(ft) && !btf_is_any_enum(ft))))
				err = xk_err(
					-EINVAL,
					"'%s': a bitfield of a type that is "
					"no integer",
					tok);
			else if (need < 0 || off + (__u64)need > size)
				err = xk_err(-EINVAL,
					     "'%s': the field lies past the "
					     "%zu-byte %s",
					     tok, size, what);
		}
		if (!err)
			err = parse_leaf(btf, tid, eq + 1, out + off, bo, bits,
					 tok);
	}
	free(copy);
	return err;
}

static int map_parse(const struct xk_map *m, __u32 id, const char *s, void *out,
		     size_t size, const char *what, bool over)
{
	__s64 tsz;

	if (!strncmp(s, "hex ", 4) || !strcmp(s, "hex"))
		return parse_hex(s + 3, out, size, what);
	if (!m->btf || !id)
		return xk_err(-EINVAL,
			      "map '%s' has no BTF %s type: give the "
			      "%s as 'hex BYTES'",
			      m->info.name, what, what);
	tsz = btf__resolve_size(m->btf, id);
	if (tsz != (__s64)size)
		return xk_err(-E2BIG,
			      "map '%s': its BTF %s type is %lld bytes "
			      "but the map says %zu",
			      m->info.name, what, (long long)tsz, size);
	return parse_typed(m->btf, id, s, out, size, what, over);
}

int xk_btf__parse(const struct btf *btf, __u32 type_id, const char *s,
		  void *out, size_t size)
{
	__s64 tsz;

	if (!strncmp(s, "hex ", 4) || !strcmp(s, "hex"))
		return parse_hex(s + 3, out, size, "value");
	if (!btf || !type_id)
		return xk_err(-EINVAL, "no BTF type: give the value as "
				       "'hex BYTES'");
	tsz = btf__resolve_size(btf, type_id);
	if (tsz != (__s64)size)
		return xk_err(-E2BIG,
			      "the BTF type is %lld bytes, the buffer %zu",
			      (long long)tsz, size);
	return parse_typed(btf, type_id, s, out, size, "value", false);
}

int xk_map__parse_key(const struct xk_map *m, const char *s, void *key)
{
	if (xk__is_lpm(m) && !strchr(s, '=') && strncmp(s, "hex", 3))
		return xk_lpm__parse(s, key, m->info.key_size);
	return map_parse(m, xk_map__btf_key_type_id(m), s, key,
			 m->info.key_size, "key", false);
}

int xk_map__parse_value(const struct xk_map *m, const char *s, void *value)
{
	return map_parse(m, xk_map__btf_value_type_id(m), s, value,
			 m->info.value_size, "value", false);
}

int xk_map__parse_value_over(const struct xk_map *m, const char *s, void *value)
{
	return map_parse(m, xk_map__btf_value_type_id(m), s, value,
			 m->info.value_size, "value", true);
}
