/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One benchmark goal's result from a C benchmark, for the table `make
 * bench` ends with: what bench/result.py's record() writes, to
 * $XK_BENCH_RESULTS/NAME.json (default build/bench/results). ratio is
 * figure / baseline; met: ratio CMP goal.
 */
#ifndef XK_BENCH_RESULT_H
#define XK_BENCH_RESULT_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static inline int bench_result(const char *name, double figure, double baseline,
			       const char *cmp, double goal, const char *unit)
{
	const char *d = getenv("XK_BENCH_RESULTS");
	double ratio = figure / baseline;
	int met = strcmp(cmp, "<=") ? ratio >= goal : ratio <= goal;
	char path[512], *c;
	FILE *f;

	if (!d)
		d = "build/bench/results";
	mkdir("build", 0755);
	mkdir("build/bench", 0755);
	if (mkdir(d, 0755) && errno != EEXIST)
		return met;
	snprintf(path, sizeof(path), "%s/", d);
	c = path + strlen(path);
	snprintf(c, sizeof(path) - (size_t)(c - path), "%s.json", name);
	for (; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '.' || *c == '-'))
			*c = '_';
	f = fopen(path, "w");
	if (!f)
		return met;
	fprintf(f,
		"{\"name\": \"%s\", \"figure\": %.4f, \"baseline\": %.4f, "
		"\"ratio\": %.4f, \"goal\": %.4f, \"cmp\": \"%s\", "
		"\"unit\": \"%s\", \"met\": %s}\n",
		name, figure, baseline, ratio, goal, cmp, unit,
		met ? "true" : "false");
	fclose(f);
	return met;
}

static int bench__cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of @n runs (at most 64), and their minimum and maximum. */
static inline double bench_spread(const double *v, int n, double *min,
				  double *max)
{
	double s[64];

	if (n < 1 || n > 64)
		return 0;
	memcpy(s, v, n * sizeof(*v));
	qsort(s, n, sizeof(*s), bench__cmp);
	if (min)
		*min = s[0];
	if (max)
		*max = s[n - 1];
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

#define bench_median(v, n) bench_spread(v, n, NULL, NULL)

#endif /* XK_BENCH_RESULT_H */
