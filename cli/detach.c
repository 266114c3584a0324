// SPDX-License-Identifier: GPL-2.0
/* xdpctl detach: take our programs off an interface. */
#include <stdio.h>
#include <string.h>
#include <xdpkit/loader.h>
#include "xdpctl.h"

/* Indices of detach_args: the parsed values are p->val[DET_...]. */
enum {
	DET_DEV,
	DET_POS,
	DET_XDP,
	DET_TC,
	DET_TCX,
	DET_FORCE,
	DET_NR,
};

const struct arg detach_args[] = {
	[DET_DEV] = {"dev", ARG_DEV, "IFNAME", "interface", true, false, 0, 0},
	[DET_POS] = {"PROG|all", ARG_POS, NULL,
		     "only our program with this label or name (default: all "
		     "of ours)",
		     false, false, 0, 0},
	[DET_XDP] = {"xdp", ARG_FLAG, NULL, "only the XDP hook", false, false,
		     0, 0},
	[DET_TC] = {"tc", ARG_CHOICE, "ingress|egress", "only this clsact hook",
		    false, false, 0, 0},
	[DET_TCX] = {"tcx", ARG_CHOICE, "ingress|egress", "only this TCX hook",
		     false, false, 0, 0},
	[DET_FORCE] =
		{"force", ARG_FLAG, NULL,
		 "also a running stack's steering program (the stack stops)",
		 false, false, 0, 0},
	[DET_NR] = {NULL, 0, NULL, NULL, false, false, 0, 0},
};

int do_detach(const struct cmd *cmd, struct parsed *p)
{
	const char *prog = p->val[DET_POS], *tc = p->val[DET_TC],
		   *tcx = p->val[DET_TCX];
	XK_OPTS(xk_detach_opts, o);
	int ifindex, err;

	(void)cmd;
	if (prog && strcmp(prog, "all"))
		o.prog = prog;
	if (p->val[DET_XDP])
		o.hooks |= XK_HOOK_BIT(XK_HOOK_XDP);
	o.force = !!p->val[DET_FORCE];
	if (tc)
		o.hooks |=
			XK_HOOK_BIT(strcmp(tc, "egress") ? XK_HOOK_TC_INGRESS
							 : XK_HOOK_TC_EGRESS);
	if (tcx)
		o.hooks |=
			XK_HOOK_BIT(strcmp(tcx, "egress") ? XK_HOOK_TCX_INGRESS
							  : XK_HOOK_TCX_EGRESS);
	ifindex = p->dev.ifindex;
	err = xk_iface__detach(ifindex, &o);
	if (err)
		return p_liberr(err);
	if (json_output) {
		jw_obj_start(jw);
		jw_kstr(jw, "dev", p->dev.name);
		jw_kuint(jw, "detached", o.detached);
		jw_obj_end(jw);
	} else {
		printf("detached %d program%s of ours from %s\n", o.detached,
		       o.detached == 1 ? "" : "s", p->dev.name);
	}
	return EXIT_OK;
}
