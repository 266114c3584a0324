// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Prefixes and LPM trie keys from and to "10.0.0.0/8", "2001:db8::/32". */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int xk_prefix__parse(const char *s, struct xk_prefix *p)
{
	char addr[INET6_ADDRSTRLEN + 1];
	const char *slash = strchr(s, '/');
	size_t al = slash ? (size_t)(slash - s) : strlen(s);
	unsigned long len;
	char *end;
	int i, max;

	memset(p, 0, sizeof(*p));
	if (!al || al >= sizeof(addr))
		return xk_err(-EINVAL,
			      "'%s' is not a prefix (want ADDR/LEN, "
			      "e.g. 10.0.0.0/8 or 2001:db8::/32)",
			      s);
	memcpy(addr, s, al);
	addr[al] = 0;
	if (inet_pton(AF_INET, addr, p->addr) == 1) {
		p->family = 4;
		max = 32;
	} else if (inet_pton(AF_INET6, addr, p->addr) == 1) {
		p->family = 6;
		max = 128;
	} else {
		return xk_err(-EINVAL, "'%s' is not an IPv4 or IPv6 address",
			      addr);
	}
	len = max;
	if (slash) {
		errno = 0;
		if (!slash[1] || slash[1] == '-' || slash[1] == '+')
			goto badlen;
		len = strtoul(slash + 1, &end, 10);
		if (errno || *end || len > (unsigned long)max)
			goto badlen;
	}
	p->len = len;
	/* clear the host bits: 10.1.2.3/8 means 10.0.0.0/8 */
	for (i = 0; i < 16; i++) {
		int keep = (int)len - 8 * i;

		if (keep <= 0)
			p->addr[i] = 0;
		else if (keep < 8)
			p->addr[i] &= (__u8)(0xff << (8 - keep));
	}
	return 0;
badlen:
	return xk_err(-EINVAL, "'%s': prefix length must be 0..%d", s, max);
}

const char *xk_prefix__str(const struct xk_prefix *p, char *buf, size_t sz)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(p->family == 4 ? AF_INET : AF_INET6, p->addr, a, sizeof(a));
	snprintf(buf, sz, "%s/%u", a, p->len);
	return buf;
}

int xk_lpm__parse(const char *s, void *key, size_t key_size)
{
	struct xk_prefix p;
	__u32 len;
	int err = xk_prefix__parse(s, &p);

	if (err)
		return err;
	if (key_size != (p.family == 4 ? 8u : 20u))
		return xk_err(-EINVAL,
			      "'%s' is an IPv%u prefix; this map's "
			      "keys are IPv%u",
			      s, p.family, key_size == 8 ? 4 : 6);
	len = p.len;
	memcpy(key, &len, 4);
	memcpy((__u8 *)key + 4, p.addr, key_size - 4);
	return 0;
}

const char *xk_lpm__str(const void *key, size_t key_size, char *buf, size_t sz)
{
	struct xk_prefix p = {.family = key_size == 8 ? 4 : 6};
	__u32 len;

	memcpy(&len, key, 4);
	p.len = len > 128 ? 128 : len;
	memcpy(p.addr, (const __u8 *)key + 4, key_size - 4);
	return xk_prefix__str(&p, buf, sz);
}
