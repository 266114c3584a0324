/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * libxdpkit's core, under every other part of the library (loader, maps,
 * stack): how it talks and how it takes options.
 *
 * Conventions (libbpf style): functions are xk_<object>__<verb>; calls that
 * can fail return a negative errno (pointer-returning calls return NULL and
 * set errno); xk_errmsg() gives a one-line reason for the last failure in
 * the calling thread; the library never prints, it hands messages (its own
 * and libbpf's, verifier logs included) to the callback set by xk_set_print.
 *
 * Options structs start with `size_t sz` (XK_OPTS sets it) and grow only
 * at their end: the library reads a field only if the caller's sz covers
 * it (else its default) and writes an out field only if it does, so a
 * program built against an older, smaller struct keeps working; a newer
 * caller's fields this library does not know must be zero (-E2BIG).
 */
#ifndef XDPKIT_CORE_H
#define XDPKIT_CORE_H

#include <stddef.h>
#include <string.h>

/*
 * What a public header declares between these is exported from
 * libxdpkit.so (built with -fvisibility=hidden); nothing else is.
 */
#define XK_API_BEGIN _Pragma("GCC visibility push(default)")
#define XK_API_END   _Pragma("GCC visibility pop")

#ifdef __cplusplus
extern "C" {
#endif
XK_API_BEGIN

/* Where every part of the library pins what must outlive a process, by
 * default: xk_pin_root() gives the one in use. */
#define XK_PIN_ROOT "/sys/fs/bpf/xdpkit"

/*
 * The pin root in use: the one xk_set_pin_root() chose, else
 * $XDPKIT_PIN_ROOT if that is acceptable, else XK_PIN_ROOT. Maps pinned by
 * name go to its "maps" directory.
 */
const char *xk_pin_root(void);
/*
 * Choose the pin root (NULL: back to the default). It must be an absolute
 * path on a bpffs (it need not exist yet: the nearest directory of it that
 * does must be on one), not in a directory iproute2 or libxdp own
 * (/sys/fs/bpf/tc, xdp, ip). -EINVAL, with the
 * reason in xk_errmsg(), otherwise. Call it before anything is pinned.
 */
int xk_set_pin_root(const char *path);
/* -EINVAL if $XDPKIT_PIN_ROOT is set but refused (the reason is logged);
 * xk_env__check_bpffs() calls it, so every attach does. */
int xk_pin_root__check(void);
/* Make the pin root and any missing directory above it (0700). */
int xk_pin_root__mkdir(void);

/* Declare and zero an options struct with its size set, like LIBBPF_OPTS. */
#define XK_OPTS(TYPE, NAME, ...)                                               \
	struct TYPE NAME = ({                                                  \
		memset(&NAME, 0, sizeof(struct TYPE));                         \
		(struct TYPE){.sz = sizeof(struct TYPE), __VA_ARGS__};         \
	})

/* ---- messages ---- */
enum xk_print_level { XK_PRINT_WARN, XK_PRINT_INFO, XK_PRINT_DEBUG };
typedef void (*xk_print_fn_t)(enum xk_print_level level, const char *msg);
/* Set the message sink (NULL: drop everything); returns the previous one. */
xk_print_fn_t xk_set_print(xk_print_fn_t fn);
/* One-line reason for the last failure in this thread ("" if none). */
const char *xk_errmsg(void);

XK_API_END
#ifdef __cplusplus
}
#endif

#endif /* XDPKIT_CORE_H */
