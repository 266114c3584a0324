// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Positive control for the ASan build: a read one byte past an exactly
 * sized packet copy must abort, or the sanitized suite proves nothing.
 * (Compiled out of the plain build, where nothing would catch it.)
 */
#include <signal.h>
#include "helpers.h"
#include <criterion/redirect.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XK_T_ASAN 1
#endif
#endif

#ifdef XK_T_ASAN
/* stderr captured: the expected ASan report would read like a failure */
Test(sanitizer, asan_catches_overread, .signal = SIGABRT,
     .init = cr_redirect_stderr)
{
	const struct xk_vector *v = xk_t_vec("ipv4_tcp");
	unsigned char *buf = xk_t_dup(v->data, v->len);
	volatile unsigned char *p = buf;

	cr_log_info("reading byte %u of a %u-byte copy", v->len, v->len);
	(void)p[v->len];
	free(buf);
}
#endif
