// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * libFuzzer harness over every rtnetlink reply parser of libxdpkit: the
 * input is what recv() would have returned, fed to the link, tc filter and
 * qdisc dump parsers of loader/nl.c, the address dump parser of
 * stack/locals.c and the route, link and neighbour reply parsers of
 * stack/neigh.c. They are static, so their files are included here. A
 * reply the kernel could never send must still be read only within what
 * was received (ASan) and leave sane results (checked below).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "../../loader/nl.c"
#include "../../stack/locals.c"
#include "../../stack/neigh.c"

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_nl: invariant broken: %s\n", what);
	abort();
}

/* A copy in its own allocation of exactly @size bytes, 4-aligned as a
 * receive buffer is (malloc aligns), so ASan sees any read past it. */
static char *copy_of(const uint8_t *data, size_t size)
{
	char *buf = malloc(size ? size : 1);

	if (!buf)
		abort();
	memcpy(buf, data, size);
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vec links = {.esz = sizeof(struct xk_nl_link)};
	struct vec filters = {.esz = sizeof(struct xk_nl_filter)};
	int found[2] = {0, 1}, i, oif, err;
	__u8 hop[16], src[16], mac[6];
	struct locals *l;
	char *buf;
	bool done;
	__u16 vlan;

	if (size > 65536)
		return -1;
	buf = copy_of(data, size);

	done = false;
	nl_feed(buf, size, link_cb, &links, 0, &done);
	for (i = 0; i < links.n; i++) {
		struct xk_nl_link *k = (struct xk_nl_link *)links.v + i;

		if (k->name[sizeof(k->name) - 1])
			broken("link name not terminated");
	}
	free(links.v);
	done = false;
	nl_feed(buf, size, filter_cb, &filters, 0, &done);
	free(filters.v);
	done = false;
	nl_feed(buf, size, qdisc_cb, found, 0, &done);
	if (found[0] != 0 && found[0] != 1)
		broken("clsact found is 0 or 1");

	l = calloc(1, sizeof(*l));
	if (!l)
		abort();
	done = false;
	err = parse_addrs(buf, size, 1, l, &done);
	if (err > 0 || l->n < 0 || l->n > XK_STEER_MAX_LOCALS)
		broken("address count in range");
	for (i = 0; i < l->n; i++)
		if (l->a[i].family != 4 && l->a[i].family != 6)
			broken("address family 4 or 6");
	free(l);

	/* single replies, as talk() hands them over: a whole message */
	if (size >= sizeof(struct nlmsghdr) &&
	    NLMSG_OK((struct nlmsghdr *)buf, size)) {
		const __u8 dst[16] = {10, 0, 0, 1};

		route_parse((struct nlmsghdr *)buf, 4, dst, &oif, hop, src);
		route_parse((struct nlmsghdr *)buf, 16, dst, &oif, hop, src);
		err = link_parse((struct nlmsghdr *)buf, 1, &vlan);
		if (!err && !vlan)
			broken("a VLAN link has an id");
		neigh_parse((struct nlmsghdr *)buf, mac);
	}
	free(buf);
	return 0;
}
