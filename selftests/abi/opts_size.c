// SPDX-License-Identifier: GPL-2.0
/*
 * An application built against an older libxdpkit header, whose options
 * struct is smaller (struct xk_clean_opts before its `unseen` out field),
 * and one built against a newer header with a field this library does not
 * know: the library must read only what the caller's sz covers, write
 * nothing past it, and refuse a set field it does not know (-E2BIG) but
 * not an unset one. Each struct sits in a buffer with a canary behind it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xdpkit/loader.h>

/* the struct as an older header declared it */
struct xk_clean_opts_v0 {
	size_t sz;
	int pins, dirs, qdiscs, skipped, reaped;
};

/* as a newer header might: one more field at the end */
struct xk_clean_opts_v9 {
	struct xk_clean_opts cur;
	long future;
};

static int fails;

#define CHECK(c, ...)                                                          \
	do {                                                                   \
		if (c) {                                                       \
			printf("  ok   " __VA_ARGS__);                         \
		} else {                                                       \
			printf("  FAIL " __VA_ARGS__);                         \
			fails++;                                               \
		}                                                              \
		printf("\n");                                                  \
	} while (0)

int main(void)
{
	unsigned char *buf = malloc(sizeof(struct xk_clean_opts_v0) + 64);
	struct xk_clean_opts_v0 *v0 = (void *)buf;
	struct xk_clean_opts_v9 v9;
	int err, i, intact = 1;

	memset(buf, 0xa5, sizeof(*v0) + 64);
	memset(v0, 0, sizeof(*v0));
	v0->sz = sizeof(*v0);
	v0->reaped = -1; /* an out field: the library sets it */
	err = xk_pins__clean((struct xk_clean_opts *)v0);
	for (i = 0; i < 64; i++)
		intact &= buf[sizeof(*v0) + i] == 0xa5;
	CHECK(!err, "clean with an older, smaller struct: %d %s", err,
	      err ? xk_errmsg() : "");
	CHECK(intact, "nothing written past the caller's sz (%zu bytes)",
	      sizeof(*v0));
	CHECK(v0->reaped >= 0, "out fields within its sz written (reaped %d)",
	      v0->reaped);

	memset(&v9, 0, sizeof(v9));
	v9.cur.sz = sizeof(v9);
	err = xk_pins__clean(&v9.cur);
	CHECK(!err, "a newer, bigger struct with its new field unset: %d", err);
	v9.future = 1;
	err = xk_pins__clean(&v9.cur);
	CHECK(err == -E2BIG && strstr(xk_errmsg(), "xk_clean_opts"),
	      "a newer field set that this library does not know: %d (%s)", err,
	      xk_errmsg());
	v0->sz = 2;
	err = xk_pins__clean((struct xk_clean_opts *)v0);
	CHECK(err == -EINVAL, "an sz too small to hold sz: %d", err);
	free(buf);
	printf("abi-opts: %s\n", fails ? "FAIL" : "PASS");
	return fails ? 1 : 0;
}
