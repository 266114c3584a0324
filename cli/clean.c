// SPDX-License-Identifier: GPL-2.0
/* xdpctl clean: reconcile pins with the kernel after a crash. */
#include <stdio.h>
#include <xdpkit/loader.h>
#include "xdpctl.h"

/* Indices of clean_args: the parsed values are p->val[CLN_...]. */
enum {
	CLN_NR,
};

const struct arg clean_args[] = {
	[CLN_NR] = {NULL, 0, NULL, NULL, false, false, 0, 0},
};

int do_clean(const struct cmd *cmd, struct parsed *p)
{
	XK_OPTS(xk_clean_opts, o);
	int err, caps;

	(void)cmd;
	(void)p;
	err = xk_pins__clean(&o);
	if (err)
		return p_liberr(err);
	caps = capture_reap();
	if (json_output) {
		jw_obj_start(jw);
		jw_kuint(jw, "stale_pins_removed", o.pins);
		jw_kuint(jw, "dirs_removed", o.dirs);
		jw_kuint(jw, "qdiscs_removed", o.qdiscs);
		jw_kuint(jw, "netns_skipped", o.skipped);
		jw_kuint(jw, "netns_unseen", o.unseen);
		jw_kuint(jw, "orphans_detached", o.reaped);
		jw_kuint(jw, "capture_hooks_off", (unsigned)caps);
		jw_obj_end(jw);
	} else {
		printf("clean: removed %d stale pin%s, %d state director%s, "
		       "%d empty clsact qdisc%s of ours\n",
		       o.pins, o.pins == 1 ? "" : "s", o.dirs,
		       o.dirs == 1 ? "y" : "ies", o.qdiscs,
		       o.qdiscs == 1 ? "" : "s");
		if (caps)
			printf("clean: turned off %d capture hook%s a killed "
			       "xdpctl capture left on\n",
			       caps, caps == 1 ? "" : "s");
		if (o.reaped)
			printf("clean: detached %d program%s whose owner "
			       "process is gone\n",
			       o.reaped, o.reaped == 1 ? "" : "s");
		if (o.skipped - o.unseen)
			printf("clean: left %d other live network namespace%s "
			       "alone; run clean inside them\n",
			       o.skipped - o.unseen,
			       o.skipped - o.unseen == 1 ? "" : "s");
		if (o.unseen)
			printf("clean: left %d other network namespace%s "
			       "alone: inside a PID namespace, a process "
			       "holding %s cannot be seen; run clean from "
			       "the host's\n",
			       o.unseen, o.unseen == 1 ? "" : "s",
			       o.unseen == 1 ? "it" : "them");
	}
	return EXIT_OK;
}
