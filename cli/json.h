/* SPDX-License-Identifier: GPL-2.0 */
/* A small streaming JSON writer: the only way xdpctl writes JSON. */
#ifndef XDPCTL_JSON_H
#define XDPCTL_JSON_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>

struct jw;

struct jw *jw_new(FILE *f, bool pretty);
void jw_destroy(struct jw *w); /* ends the document with a newline */
void jw_obj_start(struct jw *w);
void jw_obj_end(struct jw *w);
void jw_arr_start(struct jw *w);
void jw_arr_end(struct jw *w);
void jw_key(struct jw *w, const char *key);
void jw_str(struct jw *w, const char *s);
void jw_uint(struct jw *w, __u64 v);
void jw_int(struct jw *w, long long v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
void jw_raw(struct jw *w, const char *json); /* already-valid JSON */
void jw_double(struct jw *w, double v);

/* key + value shorthands */
static inline void jw_kstr(struct jw *w, const char *k, const char *v)
{
	jw_key(w, k);
	jw_str(w, v);
}
static inline void jw_kuint(struct jw *w, const char *k, __u64 v)
{
	jw_key(w, k);
	jw_uint(w, v);
}
static inline void jw_kbool(struct jw *w, const char *k, bool v)
{
	jw_key(w, k);
	jw_bool(w, v);
}

#endif
