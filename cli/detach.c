// SPDX-License-Identifier: GPL-2.0
/* xdpctl detach: take our programs off an interface. */
#include <stdio.h>
#include <string.h>
#include <xdpkit/loader.h>
#include "xdpctl.h"

const struct arg detach_args[] = {
	{"dev", ARG_DEV, "IFNAME", "interface", true, false},
	{"PROG|all", ARG_POS, NULL,
	 "only our program with this label or name (default: all of ours)",
	 false, false},
	{"xdp", ARG_FLAG, NULL, "only the XDP hook", false, false},
	{"tc", ARG_CHOICE, "ingress|egress", "only this clsact hook", false,
	 false},
	{"tcx", ARG_CHOICE, "ingress|egress", "only this TCX hook", false,
	 false},
	{"force", ARG_FLAG, NULL,
	 "also a running stack's steering program (the stack stops)", false,
	 false},
	{NULL, 0, NULL, NULL, false, false},
};

int do_detach(const struct cmd *cmd, struct parsed *p)
{
	const char *prog = ARG(p, cmd, "PROG|all"), *tc = ARG(p, cmd, "tc"),
		   *tcx = ARG(p, cmd, "tcx");
	XK_OPTS(xk_detach_opts, o);
	int ifindex, err;

	if (prog && strcmp(prog, "all"))
		o.prog = prog;
	if (ARG(p, cmd, "xdp"))
		o.hooks |= XK_HOOK_BIT(XK_HOOK_XDP);
	o.force = !!ARG(p, cmd, "force");
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
