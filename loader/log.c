// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The one way the library talks: a print callback (silent by default) and a
 * per-thread "last error" line for the caller to show.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <bpf/libbpf.h>
#include "internal.h"

static xk_print_fn_t print_fn;
static __thread char last_err[512];

xk_print_fn_t xk_set_print(xk_print_fn_t fn)
{
	xk_print_fn_t old = print_fn;

	print_fn = fn;
	xk_route_libbpf();
	return old;
}

const char *xk_errmsg(void)
{
	return last_err;
}

static void vlog(enum xk_print_level level, const char *fmt, va_list ap)
{
	char buf[1024];

	if (!print_fn)
		return;
	vsnprintf(buf, sizeof(buf), fmt, ap);
	print_fn(level, buf);
}

void xk_log(enum xk_print_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(level, fmt, ap);
	va_end(ap);
}

int xk_err(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_err, sizeof(last_err), fmt, ap);
	va_end(ap);
	xk_log(XK_PRINT_DEBUG, "error: %s\n", last_err);
	errno = -err;
	return err;
}

/* libbpf prints warnings to stderr by default; a library that never prints
 * must catch them (the verifier log arrives this way). */
static int libbpf_fwd(enum libbpf_print_level level, const char *fmt,
		      va_list ap)
{
	enum xk_print_level l = level == LIBBPF_WARN   ? XK_PRINT_WARN
				: level == LIBBPF_INFO ? XK_PRINT_INFO
						       : XK_PRINT_DEBUG;
	char buf[4096];

	if (!print_fn)
		return 0;
	vsnprintf(buf, sizeof(buf), fmt, ap);
	print_fn(l, buf);
	return 0;
}

void xk_route_libbpf(void)
{
	static bool done;

	if (!done) {
		libbpf_set_print(libbpf_fwd);
		done = true;
	}
}

void xk_crashpoint(const char *point)
{
	static const char *want;
	static bool looked;

	if (!looked) {
		want = getenv("XDPKIT_CRASH_AT");
		looked = true;
	}
	if (want && !strcmp(want, point))
		raise(SIGKILL);
}
