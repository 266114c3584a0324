/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What every part of libxdpkit shares and nothing outside it sees: the one
 * log, options read by size, the export rule. The only private header one
 * folder of the library may include from another (see docs/ARCHITECTURE.md;
 * `make test-layering` checks it).
 */
#ifndef XK_CORE_PRIVATE_H
#define XK_CORE_PRIVATE_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include "xdpkit/core.h"

/*
 * Exports: the library is built with -fvisibility=hidden; public headers
 * wrap their declarations in XK_API_BEGIN/XK_API_END (xdpkit/core.h), and
 * libxdpkit.map (the linker's version script) lists the same names.
 * Private headers like this one do neither.
 */

/* log.c */
int xk_err(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void xk_log(enum xk_print_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void xk_route_libbpf(void);
/* The verifier's last words on the last failed load (NULL: none came),
 * and forgetting them before a load. */
const char *xk__verdict(void);
void xk__verdict_reset(void);

/* Fault injection for the crash-safety tests: XDPKIT_CRASH_AT=<point>
 * SIGKILLs the process there. Compiled in only with -DXK_FAULT_INJECTION
 * (the test build of xdpctl); a no-op in the library anyone links. */
#ifdef XK_FAULT_INJECTION
void xk_crashpoint(const char *point);
#else
static inline void xk_crashpoint(const char *point)
{
	(void)point;
}
#endif

/*
 * opts.c: options read by size (libbpf's OPTS_VALID/OPTS_GET/OPTS_SET,
 * done once per call): a public function copies the caller's struct into
 * a full one of its own (fields the caller's sz does not reach read as
 * zero, their default), works on that, and copies the out fields back only
 * as far as the caller's sz reaches. NULL opts: all defaults, no output.
 * -EINVAL for a sz below sz itself, -E2BIG for a newer caller's field this
 * library does not know that is set.
 */
int xk__opts_in(void *local, size_t local_sz, const void *opts,
		const char *type);
void xk__opts_out(void *opts, const void *local, size_t local_sz);
#define XK_OPTS_IN(local, opts, type)                                          \
	xk__opts_in(local, sizeof(struct type), opts, #type)
#define XK_OPTS_OUT(opts, local) xk__opts_out(opts, local, sizeof(*(local)))

/* loader/probe.c: can this process run BPF_PROG_RUN with live XDP frames?
 * 1, or 0 and why. The one probe the frame sender (progs/gen) needs: it
 * does not run all of xk_features() to learn it. */
int xk_probe__live(char *why, size_t sz);

#endif /* XK_CORE_PRIVATE_H */
