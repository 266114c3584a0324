/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Helpers shared by the host suites: find a vector by name, and copy bytes
 * into a buffer of exactly that size, so that under ASan any read past the
 * end of a packet is a heap overflow report rather than a silent read of
 * the next vector.
 */
#ifndef XK_SELFTEST_HOST_HELPERS_H
#define XK_SELFTEST_HOST_HELPERS_H

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "vectors.h"
#include "vec_check.h"

static inline const struct xk_vector *xk_t_vec(const char *name)
{
	unsigned int i;

	for (i = 0; i < xk_nvectors; i++)
		if (!strcmp(xk_vectors[i].name, name))
			return &xk_vectors[i];
	cr_assert_fail("no test vector named %s", name);
	return NULL;
}

/* A malloc'd copy of exactly len bytes (the caller frees it). */
static inline unsigned char *xk_t_dup(const void *data, unsigned int len)
{
	unsigned char *p = malloc(len); /* glibc and ASan: non-NULL for 0 */

	cr_assert_not_null(p);
	memcpy(p, data, len);
	return p;
}

/* The type/length field of an Ethernet frame (>= 14 bytes). */
static inline unsigned int xk_t_ethtype(const struct xk_vector *v)
{
	return (v->data[12] << 8) | v->data[13];
}

#endif /* XK_SELFTEST_HOST_HELPERS_H */
