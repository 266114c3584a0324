/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Field-by-field comparison of a parse summary with the hand-written
 * expectation (or with another summary), naming every field that differs
 * so a failure says what went wrong, not only that something did.
 */
#ifndef XK_SELFTEST_VEC_CHECK_H
#define XK_SELFTEST_VEC_CHECK_H

#include <stdio.h>
#include <string.h>
#include "vectors.h"

/* Every field of struct xk_summary, once: X(name, print-as-hex). */
#define XK_VEC_FIELDS(X)                                                       \
	X(err, 0)                                                              \
	X(tun_err, 0)                                                          \
	X(l3_proto, 1)                                                         \
	X(ip_proto, 0)                                                         \
	X(l4_proto, 0)                                                         \
	X(sport, 0)                                                            \
	X(dport, 0)                                                            \
	X(frag, 0)                                                             \
	X(nvlan, 0)                                                            \
	X(tunnel, 0)                                                           \
	X(tun_id, 1)                                                           \
	X(inner_l3_proto, 1)                                                   \
	X(inner_ip_proto, 0)                                                   \
	X(inner_l4_proto, 0)                                                   \
	X(inner_sport, 0)                                                      \
	X(inner_dport, 0)                                                      \
	X(inner_frag, 0)

static inline void xk_vec__diff(char *buf, size_t n, const char *field,
				long want, long got, int hex)
{
	size_t l = strlen(buf);

	if (l + 1 >= n)
		return;
	snprintf(buf + l, n - l,
		 hex ? " %s: want %#lx got %#lx" : " %s: want %ld got %ld",
		 field, want, got);
}

/* Compare a summary with an expectation; 0 if equal, else the number of
 * differing fields, described in buf. */
static inline int xk_vec_check(const struct xk_vec_expect *e,
			       const struct xk_summary *s, char *buf, size_t n)
{
	int bad = 0;

	buf[0] = 0;
#define XK_VEC_CMP(f, hex)                                                     \
	if ((long)e->f != (long)s->f) {                                        \
		xk_vec__diff(buf, n, #f, (long)e->f, (long)s->f, hex);         \
		bad++;                                                         \
	}
	XK_VEC_FIELDS(XK_VEC_CMP)
#undef XK_VEC_CMP
	return bad;
}

/* Turn a summary into an expectation (to compare two summaries). */
static inline void xk_vec_from_summary(struct xk_vec_expect *e,
				       const struct xk_summary *s)
{
#define XK_VEC_SET(f, hex) e->f = s->f;
	XK_VEC_FIELDS(XK_VEC_SET)
#undef XK_VEC_SET
}

/* Compare two summaries (e.g. BPF against host); 0 if equal. */
static inline int xk_vec_same(const struct xk_summary *want,
			      const struct xk_summary *got, char *buf, size_t n)
{
	struct xk_vec_expect e;

	xk_vec_from_summary(&e, want);
	return xk_vec_check(&e, got, buf, n);
}

#endif /* XK_SELFTEST_VEC_CHECK_H */
