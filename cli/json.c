// SPDX-License-Identifier: GPL-2.0
/*
 * Streaming JSON writer. It tracks nesting so commas and indentation are
 * always right, and escapes every string, so nothing xdpctl prints in JSON
 * mode can be invalid (program names come from the kernel, not from us).
 */
#include <stdlib.h>
#include "json.h"

#define JW_DEPTH 32

struct jw {
	FILE *f;
	bool pretty;
	int depth;
	bool first[JW_DEPTH]; /* nothing written yet at this level */
	bool after_key;
};

struct jw *jw_new(FILE *f, bool pretty)
{
	struct jw *w = calloc(1, sizeof(*w));

	if (w) {
		w->f = f;
		w->pretty = pretty;
		w->first[0] = true;
	}
	return w;
}

void jw_destroy(struct jw *w)
{
	if (!w)
		return;
	fputc('\n', w->f);
	fflush(w->f);
	free(w);
}

static void indent(struct jw *w)
{
	int i;

	if (!w->pretty)
		return;
	fputc('\n', w->f);
	for (i = 0; i < w->depth; i++)
		fputs("    ", w->f);
}

/* Separator before a value (or key) at the current level. */
static void sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (!w->first[w->depth])
		fputc(',', w->f);
	w->first[w->depth] = false;
	if (w->depth)
		indent(w);
}

static void jopen(struct jw *w, char c)
{
	sep(w);
	fputc(c, w->f);
	if (w->depth < JW_DEPTH - 1)
		w->depth++;
	w->first[w->depth] = true;
}

static void close_(struct jw *w, char c)
{
	bool empty = w->first[w->depth];

	if (w->depth)
		w->depth--;
	if (!empty)
		indent(w);
	fputc(c, w->f);
}

void jw_obj_start(struct jw *w)
{
	jopen(w, '{');
}
void jw_obj_end(struct jw *w)
{
	close_(w, '}');
}
void jw_arr_start(struct jw *w)
{
	jopen(w, '[');
}
void jw_arr_end(struct jw *w)
{
	close_(w, ']');
}

static void put_str(struct jw *w, const char *s)
{
	fputc('"', w->f);
	for (; s && *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(w->f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", w->f);
		else if (c == '\t')
			fputs("\\t", w->f);
		else if (c < 0x20)
			fprintf(w->f, "\\u%04x", c);
		else
			fputc(c, w->f);
	}
	fputc('"', w->f);
}

void jw_key(struct jw *w, const char *key)
{
	sep(w);
	put_str(w, key);
	fputs(w->pretty ? ": " : ":", w->f);
	w->after_key = true;
}

void jw_str(struct jw *w, const char *s)
{
	sep(w);
	put_str(w, s);
}

void jw_uint(struct jw *w, __u64 v)
{
	sep(w);
	fprintf(w->f, "%llu", (unsigned long long)v);
}

void jw_int(struct jw *w, long long v)
{
	sep(w);
	fprintf(w->f, "%lld", v);
}

void jw_bool(struct jw *w, bool v)
{
	sep(w);
	fputs(v ? "true" : "false", w->f);
}

void jw_null(struct jw *w)
{
	sep(w);
	fputs("null", w->f);
}

/* A value that is already JSON (a BTF-formatted key or value from
 * libxdpkit, which escapes its strings itself). */
void jw_raw(struct jw *w, const char *json)
{
	sep(w);
	fputs(json, w->f);
}

void jw_double(struct jw *w, double v)
{
	sep(w);
	fprintf(w->f, "%.3f", v);
}
