// SPDX-License-Identifier: GPL-2.0
/*
 * The programs we ship, embedded as skeletons (bpf/build.mk generates the
 * headers). To ship another: add it to XK_SHIPPED in bpf/build.mk and a row
 * here.
 */
#include <string.h>
#include "xdpctl.h"
#include "pass.skel.h"
#include "xsk_steer.skel.h"
#include "stats.skel.h"
#include "filter.skel.h"

/* Slot names of pass's xk_counters (enum xk_pass_counter in the source). */
static const char *const pass_counters[] = {
	"packets", "bytes", "arp", "icmp", "udp", "tcp", "ipv6", "other", NULL,
};

/* Slot names of xsk_steer's xk_counters (enum xk_steer_counter). */
static const char *const xsk_steer_counters[] = {
	"packets",   "redirected", "passed",	"nosock_dropped",
	"fragments", "unparsed",   "not_local", NULL,
};

const struct shipped shipped[] = {
	{"pass", "pass every packet, count it per protocol",
	 pass_bpf__elf_bytes, pass_counters},
	{"xsk_steer", "steer registered flows to AF_XDP sockets (xdpctl stack)",
	 xsk_steer_bpf__elf_bytes, xsk_steer_counters},
	{"stats",
	 "pass every packet, count packets/bytes per L3/L4 "
	 "protocol ('xdpctl stats')",
	 stats_bpf__elf_bytes, NULL},
	{"filter",
	 "drop/pass/count by prefix, protocol, port ('xdpctl "
	 "filter')",
	 filter_bpf__elf_bytes, NULL},
	{NULL, NULL, NULL, NULL},
};

const struct shipped *shipped_find(const char *name)
{
	const struct shipped *s;

	for (s = shipped; s->name; s++)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}
