// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * libFuzzer harness over prefix parsing (maps/lpm.c): the input as text,
 * through xk_prefix__parse and xk_lpm__parse for both LPM key sizes (and
 * the sizes around them). What parses must have host bits zero and a
 * length within its family, print back with xk_prefix__str / xk_lpm__str
 * into text that parses to the same prefix; a key of a size no LPM key has
 * is refused; nothing is written past a key of exactly key_size bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xdpkit/map.h>

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_lpm: invariant broken: %s\n", what);
	abort();
}

static bool host_bits_zero(const __u8 *a, unsigned len, unsigned bits)
{
	unsigned i;

	for (i = len; i < bits; i++)
		if (a[i / 8] & (0x80 >> (i % 8)))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t sizes[] = {0, 4, 7, 8, 9, 16, 19, 20, 21, 64};
	struct xk_prefix p, q;
	char *s, buf[64], buf2[64];
	size_t i;

	if (size > 256)
		return -1;
	s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = 0;
	if (!xk_prefix__parse(s, &p)) {
		unsigned bits = p.family == 4 ? 32 : 128;

		if ((p.family != 4 && p.family != 6) || p.len > bits)
			broken("family 4 or 6, length within it");
		if (!host_bits_zero(p.addr, p.len, bits))
			broken("host bits are zero");
		if (!xk_prefix__str(&p, buf, sizeof(buf)))
			broken("a prefix prints");
		if (xk_prefix__parse(buf, &q) || q.family != p.family ||
		    q.len != p.len || memcmp(q.addr, p.addr, 16))
			broken("a prefix prints and parses back to itself");
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		__u8 *key = malloc(sizes[i] ? sizes[i] : 1), *k2;
		int r;

		if (!key)
			abort();
		r = xk_lpm__parse(s, key, sizes[i]);
		if (!r && sizes[i] != 8 && sizes[i] != 20)
			broken("only 8- and 20-byte LPM keys");
		if (!r) {
			k2 = malloc(sizes[i]);
			if (!k2)
				abort();
			xk_lpm__str(key, sizes[i], buf2, sizeof(buf2));
			if (xk_lpm__parse(buf2, k2, sizes[i]) ||
			    memcmp(k2, key, sizes[i]))
				broken("an LPM key prints and parses back");
			free(k2);
		}
		free(key);
	}
	free(s);
	return 0;
}
