// SPDX-License-Identifier: GPL-2.0
/*
 * The programs we ship, embedded as skeletons (bpf/build.mk generates the
 * headers). To ship another: add it to XK_SHIPPED in bpf/build.mk and a row
 * here.
 */
#include <string.h>
#include "xdpctl.h"
#include <xdpkit/chain.h> /* the skeletons' xk_chain_cfg */
#include "pass.skel.h"
#include "xsk_steer.skel.h"
#include "stats.skel.h"
#include "filter.skel.h"
#include "xdpkit/pass_schema.h"
#include "xdpkit/xsk_steer.h"

/* Slot names of the programs' xk_counters, from their schemas. */
#define XK__NAME(n, s) s,
static const char *const pass_counters[] = {XK_PASS_COUNTERS(XK__NAME) NULL};
static const char *const xsk_steer_counters[] = {XK_STEER_COUNTERS(XK__NAME)
							 NULL};
#undef XK__NAME

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

const void *shipped_elf(const char *label, size_t *sz)
{
	const struct shipped *s = shipped_find(label);

	return s ? s->elf(sz) : NULL;
}
