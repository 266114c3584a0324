// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * libFuzzer harness over the BTF-driven formatter and field parser of
 * maps/fmt.c (xk_btf__fmt, xk_btf__parse), on types built from the input
 * with libbpf's BTF writer: integers of every size and encoding, floats,
 * enums (signed or not, 32 and 64 bits), structs and unions with bitfields
 * at any offset (packed or not), arrays, typedefs, qualifiers, pointers.
 * BTF need not be the kernel's to reach these calls, so nothing is assumed
 * of it: values live in buffers of exactly the type's size, so ASan sees
 * any byte read or written past them; the text must end within its buffer;
 * JSON must be JSON.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <xdpkit/map.h>

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_btf: invariant broken: %s\n", what);
	abort();
}

struct in {
	const uint8_t *p;
	size_t n;
};

static unsigned take(struct in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

/* ---- a small JSON checker (RFC 8259 values) ---- */

static const char *ws(const char *s)
{
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	return s;
}

static const char *value(const char *s, int depth);

static const char *string(const char *s)
{
	if (*s++ != '"')
		return NULL;
	while (*s && *s != '"') {
		if ((unsigned char)*s < 0x20)
			return NULL;
		if (*s == '\\') {
			s++;
			if (*s == 'u') {
				int i;

				for (i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF",
						    s[i]) ||
					    !s[i])
						return NULL;
				s += 4;
			} else if (!*s || !strchr("\"\\/bfnrt", *s)) {
				return NULL;
			}
		}
		s++;
	}
	return *s == '"' ? s + 1 : NULL;
}

static const char *number(const char *s)
{
	const char *d;

	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return NULL;
	if (*s == '.') {
		d = ++s;
		while (*s >= '0' && *s <= '9')
			s++;
		if (s == d)
			return NULL;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		d = s;
		while (*s >= '0' && *s <= '9')
			s++;
		if (s == d)
			return NULL;
	}
	return s;
}

static const char *value(const char *s, int depth)
{
	if (depth > 64)
		return NULL;
	s = ws(s);
	if (*s == '{' || *s == '[') {
		char close = *s == '{' ? '}' : ']';
		bool obj = *s == '{';

		s = ws(s + 1);
		if (*s == close)
			return s + 1;
		for (;;) {
			if (obj) {
				s = string(ws(s));
				if (!s)
					return NULL;
				s = ws(s);
				if (*s++ != ':')
					return NULL;
			}
			s = value(s, depth + 1);
			if (!s)
				return NULL;
			s = ws(s);
			if (*s == close)
				return s + 1;
			if (*s++ != ',')
				return NULL;
		}
	}
	if (*s == '"')
		return string(s);
	if (!strncmp(s, "true", 4))
		return s + 4;
	if (!strncmp(s, "false", 5))
		return s + 5;
	if (!strncmp(s, "null", 4))
		return s + 4;
	return number(s);
}

static bool is_json(const char *s)
{
	s = value(s, 0);
	return s && !*ws(s);
}

/* ---- types from the input ---- */

static const char *const names[] = {"a", "b", "c", "lo", "hi", "x", "y", "z"};

static int build(struct btf *btf, struct in *in)
{
	int last = 0, n = 0, i, id;

	while (in->n && n < 16) {
		unsigned k = take(in) % 10, sz;

		n++;
		switch (k) {
		case 0: {
			static const unsigned sizes[] = {1, 2, 4, 8, 16};
			unsigned enc = take(in) % 4;

			sz = sizes[take(in) % 5];
			id = btf__add_int(btf, "i", sz,
					  enc == 1   ? BTF_INT_SIGNED
					  : enc == 2 ? BTF_INT_BOOL
					  : enc == 3 ? BTF_INT_CHAR
						     : 0);
			break;
		}
		case 1:
			id = btf__add_float(btf, "f", take(in) & 1 ? 8 : 4);
			break;
		case 2:
		case 3:
			sz = k == 3 ? 8 : 1u << (take(in) % 3);
			id = k == 3 ? btf__add_enum64(btf, "e", 8, take(in) & 1)
				    : btf__add_enum(btf, "e", sz);
			for (i = take(in) % 4; id > 0 && i > 0; i--) {
				__s64 v = (__s64)((__u64)take(in) << 56 |
						  (__u64)take(in) << 24 |
						  take(in));

				if (k == 3)
					btf__add_enum64_value(btf, names[i], v);
				else
					btf__add_enum_value(btf, names[i],
							    (__s32)v);
			}
			break;
		case 4:
		case 5: {
			unsigned members = take(in) % 5;

			sz = take(in) % 40 + 1;
			id = k == 4 ? btf__add_struct(btf, "s", sz)
				    : btf__add_union(btf, "u", sz);
			for (i = 0; id > 0 && i < (int)members && last; i++) {
				unsigned type = take(in) % (unsigned)last + 1;
				unsigned bit_off = take(in) % (sz * 8 + 16);
				unsigned bits =
					take(in) % 3 ? 0 : take(in) % 65;

				btf__add_field(btf, names[i], (int)type,
					       bit_off, bits);
			}
			break;
		}
		case 6:
			if (!last)
				continue;
			id = btf__add_array(btf, 1, take(in) % last + 1,
					    take(in) % 9);
			break;
		case 7:
			if (!last)
				continue;
			id = btf__add_typedef(btf, "t", take(in) % last + 1);
			break;
		case 8:
			if (!last)
				continue;
			id = take(in) & 1
				     ? btf__add_const(btf, take(in) % last + 1)
				     : btf__add_volatile(btf,
							 take(in) % last + 1);
			break;
		default:
			id = btf__add_ptr(btf, last ? (int)(take(in) % last + 1)
						    : 0);
			break;
		}
		if (id > 0)
			last = id;
	}
	return last;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = {data, size};
	char out[4096], text[128];
	struct btf *btf;
	__u8 *val;
	__s64 sz;
	int id, r;
	size_t i;

	if (size > 2048)
		return -1;
	btf = btf__new_empty();
	if (!btf)
		return 0;
	/* the first byte says how many bytes describe the types */
	in.n = size ? take(&in) : 0;
	if (in.n > size - 1)
		in.n = size ? size - 1 : 0;
	id = build(btf, &in);
	in.n = size - (size_t)(in.p - data);
	sz = id > 0 ? btf__resolve_size(btf, (__u32)id) : -1;
	if (sz <= 0 || sz > 1024)
		goto out;
	val = malloc((size_t)sz);
	if (!val)
		abort();
	for (i = 0; i < (size_t)sz; i++)
		val[i] = (__u8)take(&in);
	r = xk_btf__fmt(btf, (__u32)id, val, (size_t)sz, XK_FMT_JSON, out,
			sizeof(out));
	if (!r && !is_json(out))
		broken("JSON output is JSON");
	if (r && r != -ENOSPC)
		broken("formatting fails only for want of room");
	r = xk_btf__fmt(btf, (__u32)id, val, (size_t)sz, XK_FMT_TEXT, out,
			sizeof(out));
	if (!r && strlen(out) >= sizeof(out))
		broken("text output ends in its buffer");
	/* the rest as field text, parsed into the value */
	for (i = 0; i < sizeof(text) - 1 && in.n; i++)
		text[i] = (char)(take(&in) & 0x7f);
	text[i] = 0;
	xk_btf__parse(btf, (__u32)id, text, val, (size_t)sz);
	free(val);
out:
	btf__free(btf);
	return 0;
}
