// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The one way the library talks: a print callback (silent by default) and a
 * per-thread "last error" line for the caller to show.
 */
#define _GNU_SOURCE /* vasprintf */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "core.h"

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

/*
 * The verifier's verdict: the last lines of the last program load log
 * libbpf passed us, without the statistics that follow the verdict.
 */
static __thread char last_verdict[512];

void xk__verdict_reset(void)
{
	last_verdict[0] = 0;
}

const char *xk__verdict(void)
{
	return last_verdict[0] ? last_verdict : NULL;
}

static bool stat_line(const char *l, size_t n)
{
	static const char *const skip[] = {
		"processed ",	 "verification time", "stack depth",
		"-- END PROG",	 "max_states",	      "mark_read",
		"libbpf: prog ", "Validating ",
	};
	size_t i;

	if (!n)
		return true;
	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (!strncmp(l, skip[i], strlen(skip[i])))
			return true;
	return false;
}

/* Keep the last two verdict lines of @log, whole, joined by "; ". */
static void keep_verdict(const char *log)
{
	const char *end = log + strlen(log), *lines[2] = {NULL, NULL};
	size_t lens[2] = {0, 0};
	int found = 0;

	while (end > log && found < 2) {
		const char *e = end, *b;

		while (e > log && e[-1] == '\n')
			e--;
		b = e;
		while (b > log && b[-1] != '\n')
			b--;
		if (b == e && b == log)
			break;
		if (!stat_line(b, (size_t)(e - b))) {
			/* a line may end with "; R1=..." state: keep the
			 * part before it, the verifier's words */
			found++;
			lines[2 - found] = b;
			lens[2 - found] = (size_t)(e - b);
		}
		end = b;
	}
	if (!found)
		return;
	if (found == 1)
		snprintf(last_verdict, sizeof(last_verdict), "%.*s",
			 (int)lens[1], lines[1]);
	else
		snprintf(last_verdict, sizeof(last_verdict), "%.*s; %.*s",
			 (int)lens[0], lines[0], (int)lens[1], lines[1]);
}

/* libbpf prints warnings to stderr by default; a library that never prints
 * must catch them (the verifier log arrives this way). */
static int libbpf_fwd(enum libbpf_print_level level, const char *fmt,
		      va_list ap)
{
	enum xk_print_level l = level == LIBBPF_WARN   ? XK_PRINT_WARN
				: level == LIBBPF_INFO ? XK_PRINT_INFO
						       : XK_PRINT_DEBUG;
	char *buf = NULL, *log;

	/* whole, not cut at a buffer's size: the verdict is at the end */
	if (vasprintf(&buf, fmt, ap) < 0)
		return 0;
	if (level == LIBBPF_WARN &&
	    (log = strstr(buf, "-- BEGIN PROG LOAD LOG --\n")))
		keep_verdict(log + strlen("-- BEGIN PROG LOAD LOG --\n"));
	if (print_fn)
		print_fn(l, buf);
	free(buf);
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

#ifdef XK_FAULT_INJECTION
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
#endif
