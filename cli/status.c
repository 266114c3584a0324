// SPDX-License-Identifier: GPL-2.0
/* xdpctl status: every program on every hook, who owns it, what it saw. */
#include <stdio.h>
#include <string.h>
#include <xdpkit/chain.h>
#include <xdpkit/loader.h>
#include "xdpctl.h"

/* Indices of status_args: the parsed values are p->val[STA_...]. */
enum {
	STA_DEV,
	STA_NR,
};

const struct arg status_args[] = {
	[STA_DEV] = {"dev", ARG_DEV, "IFNAME",
		     "only this interface (default: all)", false, false, 0, 0},
	[STA_NR] = {NULL, 0, NULL, NULL, false, false, 0, 0},
};

#define MAX_CNT 16

/* Counter slot names: a shipped program's table, else the slot number. */
static const char *const *counter_names(const struct xk_prog_status *ps)
{
	const struct shipped *s = shipped_find(ps->label);

	return s ? s->counters : NULL;
}

static void counters_json(const struct xk_prog_status *ps)
{
	const char *const *names = counter_names(ps);
	__u64 v[MAX_CNT];
	char idx[16];
	int n, i;

	n = xk_prog__counters(ps->id, v, MAX_CNT);
	if (n <= 0)
		return;
	jw_key(jw, "counters");
	jw_obj_start(jw);
	for (i = 0; i < n; i++) {
		snprintf(idx, sizeof(idx), "%d", i);
		jw_kuint(jw, names && names[i] ? names[i] : idx, v[i]);
	}
	jw_obj_end(jw);
}

static void counters_text(const struct xk_prog_status *ps)
{
	const char *const *names = counter_names(ps);
	__u64 v[MAX_CNT];
	int n, i;

	n = xk_prog__counters(ps->id, v, MAX_CNT);
	if (n <= 0)
		return;
	printf("\t    counters:");
	for (i = 0; i < n; i++) {
		if (names && names[i])
			printf(" %s %llu", names[i], (unsigned long long)v[i]);
		else
			printf(" [%d] %llu", i, (unsigned long long)v[i]);
	}
	printf("\n");
}

static const char *owner_str(const struct xk_status *st,
			     const struct xk_prog_status *ps)
{
	if (!st->bpffs)
		return "unknown";
	return ps->owner == XK_OWNER_XDPKIT ? "xdpkit" : "foreign";
}

static void chain_json(const struct xk_prog_status *ps)
{
	__u64 v[XK_CHAIN_NSTATS];
	int i;

	jw_kuint(jw, "chain_position", ps->chain_pos);
	jw_kuint(jw, "chain_priority", ps->chain_prio);
	jw_key(jw, "chain_on");
	jw_arr_start(jw);
	for (i = 0; i < 5; i++)
		if (ps->chain_on & (1u << i))
			jw_str(jw, xdp_verdict_str(i));
	jw_arr_end(jw);
	if (xk_chain__counts(ps->id, v))
		return;
	jw_key(jw, "verdicts");
	jw_obj_start(jw);
	for (i = 0; i < XK_CHAIN_NSTATS; i++)
		jw_kuint(jw, xdp_verdict_str(i), v[i]);
	jw_obj_end(jw);
}

static void chain_text(const struct xk_prog_status *ps)
{
	__u64 v[XK_CHAIN_NSTATS];
	char on[64];
	int i;

	chain_on_str(ps->chain_on, on, sizeof(on));
	printf("	    chain: place %u, priority %u, the next runs on "
	       "%s\n",
	       ps->chain_pos, ps->chain_prio, on);
	if (xk_chain__counts(ps->id, v)) {
		printf("	    verdicts: none counted (not built with "
		       "<xdpkit/prog.h>: it can only be last)\n");
		return;
	}
	printf("	    verdicts:");
	for (i = 0; i < XK_CHAIN_NSTATS; i++)
		if (v[i] || i == 1 || i == 2)
			printf(" %s %llu", xdp_verdict_str(i),
			       (unsigned long long)v[i]);
	printf("\n");
}

static void prog_json(const struct xk_status *st,
		      const struct xk_prog_status *ps)
{
	jw_obj_start(jw);
	jw_kstr(jw, "hook", xk_hook__str(ps->hook));
	if (ps->hook == XK_HOOK_XDP)
		jw_kstr(jw, "mode", xk_xdp_mode__str(ps->mode));
	jw_kuint(jw, "id", ps->id);
	jw_kstr(jw, "name", ps->name);
	jw_kstr(jw, "tag", ps->tag);
	jw_kstr(jw, "type", ps->type);
	if (ps->hook == XK_HOOK_TC_INGRESS || ps->hook == XK_HOOK_TC_EGRESS) {
		jw_kuint(jw, "handle", ps->handle);
		jw_kuint(jw, "priority", ps->priority);
	}
	jw_kstr(jw, "owner", owner_str(st, ps));
	if (ps->owner == XK_OWNER_XDPKIT) {
		jw_kstr(jw, "label", ps->label);
		if (ps->chain_pos) {
			jw_key(jw, "pin"); /* held by the chain's root */
			jw_null(jw);
			chain_json(ps);
		} else {
			jw_kstr(jw, "pin", ps->pin);
		}
		counters_json(ps);
	} else {
		jw_key(jw, "pin");
		jw_null(jw);
	}
	jw_obj_end(jw);
}

static void prog_text(const struct xk_status *st,
		      const struct xk_prog_status *ps)
{
	char hook[32];

	snprintf(hook, sizeof(hook), "%s%s%s", xk_hook__str(ps->hook),
		 ps->hook == XK_HOOK_XDP ? " " : "",
		 ps->hook == XK_HOOK_XDP ? xk_xdp_mode__str(ps->mode) : "");
	if (ps->chain_pos)
		printf("\t  %u. %-9s", ps->chain_pos, hook);
	else
		printf("\t%-12s", hook);
	printf(" id %u name %s tag %s", ps->id, ps->name, ps->tag);
	if (ps->hook == XK_HOOK_TC_INGRESS || ps->hook == XK_HOOK_TC_EGRESS)
		printf(" handle 0x%x prio %u", ps->handle, ps->priority);
	printf(" owner %s", owner_str(st, ps));
	if (ps->owner == XK_OWNER_XDPKIT && ps->chain_pos)
		printf(" (%s) in the chain", ps->label);
	else if (ps->owner == XK_OWNER_XDPKIT)
		printf(" (%s) pin %s", ps->label, ps->pin);
	printf("\n");
	if (ps->chain_pos)
		chain_text(ps);
	if (ps->owner == XK_OWNER_XDPKIT)
		counters_text(ps);
}

static void status_json(const struct xk_status *st, const char *mp, bool disp)
{
	int i, j;

	jw_obj_start(jw);
	jw_kuint(jw, "netns_inode", st->netns_ino);
	jw_kstr(jw, "xdp_multiprog",
		disp ? "libxdp-dispatcher" : "xdpkit-chain");
	jw_kstr(jw, "multiprog", mp);
	jw_kbool(jw, "tcx", st->tcx);
	jw_kbool(jw, "bpffs", st->bpffs);
	jw_key(jw, "interfaces");
	jw_arr_start(jw);
	for (i = 0; i < st->nifaces; i++) {
		const struct xk_iface_status *is = &st->ifaces[i];

		jw_obj_start(jw);
		jw_kuint(jw, "ifindex", is->ifindex);
		jw_kstr(jw, "name", is->name);
		jw_key(jw, "programs");
		jw_arr_start(jw);
		for (j = 0; j < is->nprogs; j++)
			prog_json(st, &is->progs[j]);
		jw_arr_end(jw);
		jw_key(jw, "stale_pins");
		jw_arr_start(jw);
		for (j = 0; j < is->nstale; j++)
			jw_str(jw, is->stale[j]);
		jw_arr_end(jw);
		jw_kbool(jw, "clsact_ours", is->clsact_ours);
		jw_obj_end(jw);
	}
	jw_arr_end(jw);
	jw_obj_end(jw);
}

static void status_text(const struct xk_status *st, const char *mp)
{
	int i, j;

	printf("legend: IFINDEX: IFNAME, then per program: hook [XDP mode], "
	       "kernel id, name, tag, owner (xdpkit: attached by xdpctl, "
	       "with its pin and counters; foreign: another tool's, never "
	       "changed)\n");
	if (!st->bpffs)
		printf("warning: %s; owners cannot be told apart\n",
		       xk_errmsg());
	printf("tcx: %s\n",
	       st->tcx ? "available" : "not in this kernel (6.6+ needed)");
	for (i = 0; i < st->nifaces; i++) {
		const struct xk_iface_status *is = &st->ifaces[i];
		bool xdp = false;

		printf("%d: %s%s\n", is->ifindex, is->name,
		       is->nprogs || is->nstale ? "" : " (no programs)");
		for (j = 0; j < is->nprogs; j++) {
			prog_text(st, &is->progs[j]);
			xdp |= is->progs[j].hook == XK_HOOK_XDP;
		}
		/* where it applies: an interface whose XDP hook is taken */
		if (xdp)
			printf("\tnote: %s\n", mp);
		for (j = 0; j < is->nstale; j++)
			printf("\tstale pin %s (its program is not attached; "
			       "'xdpctl clean' removes it)\n",
			       is->stale[j]);
	}
}

int do_status(const struct cmd *cmd, struct parsed *p)
{
	struct xk_status *st;
	bool disp = false;
	const char *mp;
	int err;

	(void)cmd;
	err = xk_iface__status(p->dev.ifindex, &st); /* 0: every one */
	if (err)
		return p_liberr(err);
	mp = xk_env__multiprog_status(&disp);
	if (json_output)
		status_json(st, mp, disp);
	else
		status_text(st, mp);
	xk_status__free(st);
	return EXIT_OK;
}
