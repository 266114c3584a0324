/* SPDX-License-Identifier: GPL-2.0 */
/* The builder's cases (gen_cases.py writes them; test_compose.c runs them). */
#include <stddef.h>
#include <xdpkit/compose.h>

struct compose_case {
	const char *name;
	int (*build)(void *buf, size_t size);
	const __u8 *want; /* scapy's bytes */
	size_t len;
	int ip_proto, sport, dport; /* what a parse must find */
	int l3;			    /* the packet starts at IP */
};
extern const struct compose_case compose_cases[];
