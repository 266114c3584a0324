// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Options structs read and written by their size, as libbpf does its own. */
#include <string.h>
#include "core.h"

int xk__opts_in(void *local, size_t local_sz, const void *opts,
		const char *type)
{
	const unsigned char *p = opts;
	size_t sz, i;

	memset(local, 0, local_sz);
	*(size_t *)local = local_sz;
	if (!opts)
		return 0;
	sz = *(const size_t *)opts;
	if (sz < sizeof(size_t))
		return xk_err(-EINVAL,
			      "struct %s: sz %zu is too small (set it with "
			      "XK_OPTS)",
			      type, sz);
	/* a newer caller's fields beyond ours must be unset */
	for (i = local_sz; i < sz; i++)
		if (p[i])
			return xk_err(-E2BIG,
				      "struct %s: a field this library does "
				      "not know is set (byte %zu of %zu)",
				      type, i, sz);
	memcpy((char *)local + sizeof(size_t), p + sizeof(size_t),
	       (sz < local_sz ? sz : local_sz) - sizeof(size_t));
	return 0;
}

void xk__opts_out(void *opts, const void *local, size_t local_sz)
{
	size_t sz;

	if (!opts)
		return;
	sz = *(const size_t *)opts;
	if (sz > local_sz)
		sz = local_sz;
	if (sz > sizeof(size_t))
		memcpy((char *)opts + sizeof(size_t),
		       (const char *)local + sizeof(size_t),
		       sz - sizeof(size_t));
}
