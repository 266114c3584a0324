/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Typed views. Every view comes as a pair with one layout:
 *
 *   struct xk_NAME     mutable: packet pointers are writable; setters take it
 *   struct xk_NAME_ro  read-only: packet pointers are const; no setter takes it
 *
 * Getters accept both (XK__GET), setters accept only the mutable view and
 * only a mutable struct xk_pkt (XK__SET, XK__MUT). Both are _Generic
 * selections whose default is a static assertion that names the mistake
 * ("read-only view: setters need a mutable struct xk_l4 ..."), so a
 * read-only view or context handed to a setter is a hard compile error
 * with any compiler flags, and says so. Parsers pick the
 * view type from the context type (XK__PARSE); mixing a read-only context
 * with a mutable view is an incompatible-pointer error under the flags the
 * README asks for (-Werror, or at least -Werror=incompatible-pointer-types).
 */
/**
 * DOC: Views
 *
 * Every parsed header comes as a view pair with one layout: struct xk_NAME
 * (mutable: its packet pointers are writable, setters take it) and struct
 * xk_NAME_ro (read-only: packet pointers are const, no setter takes it). A
 * parser fills the view that matches the context: a struct xk_pkt gives
 * mutable views, a struct xk_pkt_ro read-only ones; mixing them is an
 * incompatible-pointer error, and a read-only view or context given to a
 * setter fails to compile with "read-only view: setters need a mutable
 * struct ..." (or "read-only context: ..."). Getters accept both.
 */
#ifndef XDPKIT_VIEW_H
#define XDPKIT_VIEW_H

#include "ctx.h"

/*
 * FIELDS(Q, S): Q qualifies packet pointers, S suffixes nested views.
 * Getters and the _ro parsers reach a read-only view through a pointer to
 * the mutable layout; may_alias makes that access defined (no type-based
 * alias assumptions between the pair) and keeps gcc -O2 -Wall -Werror from
 * failing on -Wstrict-aliasing at every getter on a read-only view.
 */
#define XK__VIEW(name, FIELDS)                                                 \
	struct __attribute__((__may_alias__)) xk_##name {                      \
		FIELDS(, )                                                     \
	};                                                                     \
	struct __attribute__((__may_alias__)) xk_##name##_ro {                 \
		FIELDS(const, _ro)                                             \
	};                                                                     \
	_Static_assert(sizeof(struct xk_##name) ==                             \
			       sizeof(struct xk_##name##_ro),                  \
		       "view pair layout")

/* Either view of a pair, as a const pointer to the mutable layout. */
#define XK__GET(T, v)                                                          \
	_Generic((v), struct T *                                              \
		 : (const struct T *)(v), const struct T *                   \
		 : (const struct T *)(v), struct T##_ro *                    \
		 : (const struct T *)(const void *)(v), const struct T##_ro * \
		 : (const struct T *)(const void *)(v))

/*
 * For getters that hand out a pointer into the packet (MACs, IPv6
 * addresses): XK__GET's cast to the mutable layout would make a read-only
 * view's h pointer const but not what it points to, so the getter would
 * give a writable pointer into a read-only packet. This keeps the _ro
 * layout, whose packet pointers point to const.
 */
#define XK__GETP(T, v)                                                         \
	_Generic((v), struct T *                                              \
		 : (const struct T *)(v), const struct T *                   \
		 : (const struct T *)(v), struct T##_ro *                    \
		 : (const struct T##_ro *)(v), const struct T##_ro *         \
		 : (const struct T##_ro *)(v))

/*
 * Only the mutable view: anything else does not compile, and the error
 * says why. The default association is analysed for every argument, so its
 * assertion tests the argument's type rather than failing outright; for a
 * mutable view it holds and the default is never selected (no code).
 */
#define XK__SET(T, v)                                                          \
	_Generic((v), struct T *                                               \
		 : (v), default                                                \
		 : ({                                                          \
			 _Static_assert(                                       \
				 __builtin_types_compatible_p(__typeof__(v),   \
							      struct T *),     \
				 "read-only view: setters need a mutable "     \
				 "struct " #T " (a struct " #T "_ro, or a "    \
				 "view parsed from a struct xk_pkt_ro, "       \
				 "has no setters)");                           \
			 (struct T *)0;                                        \
		 }))

/* Only a mutable context: a struct xk_pkt_ro does not compile. */
#define XK__MUT(pkt)                                                           \
	_Generic((pkt), struct xk_pkt *                                        \
		 : &(pkt)->b, default                                          \
		 : ({                                                          \
			 _Static_assert(                                       \
				 __builtin_types_compatible_p(                 \
					 __typeof__(pkt), struct xk_pkt *),    \
				 "read-only context: setters need a "          \
				 "mutable struct xk_pkt (from xk_pkt_xdp, "    \
				 "xk_pkt_tc or xk_pkt_buf); a struct "         \
				 "xk_pkt_ro cannot be written");               \
			 (struct xk__base *)0;                                 \
		 }))

/* Call fn_rw or fn_ro by the context's type. */
#define XK__PARSE(fn, pkt, ...)                                                \
	_Generic((pkt), struct xk_pkt *                                        \
		 : fn##_rw, struct xk_pkt_ro *                                 \
		 : fn##_ro)((pkt), __VA_ARGS__)

/* The typed pair of a cursor parser: int fn(base, __u32 *off, view). */
#define XK__DEF_PARSE_OFF(fn, T)                                               \
	XK_INLINE int fn##_rw(struct xk_pkt *p, __u32 *off, struct T *v)       \
	{                                                                      \
		return fn(&p->b, off, v);                                      \
	}                                                                      \
	XK_INLINE int fn##_ro(struct xk_pkt_ro *p, __u32 *off,                 \
			      struct T##_ro *v)                                \
	{                                                                      \
		return fn(&p->b, off, (struct T *)(void *)v);                  \
	}

/* The typed pair of a whole-stack parser: int fn(base, view). */
#define XK__DEF_PARSE(fn, T)                                                   \
	XK_INLINE int fn##_rw(struct xk_pkt *p, struct T *v)                   \
	{                                                                      \
		return fn(&p->b, v);                                           \
	}                                                                      \
	XK_INLINE int fn##_ro(struct xk_pkt_ro *p, struct T##_ro *v)           \
	{                                                                      \
		return fn(&p->b, (struct T *)(void *)v);                       \
	}

#endif /* XDPKIT_VIEW_H */
