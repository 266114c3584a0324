// SPDX-License-Identifier: GPL-2.0
/*
 * xdpctl features: what this kernel and this process can load and attach,
 * found by trying each (xk_features), with where a refusal came from.
 */
#include <stdio.h>
#include <xdpkit/loader.h>
#include "xdpctl.h"

/* Indices of features_args: the parsed values are p->val[FEA_...]. */
enum {
	FEA_DEV,
	FEA_NR,
};

const struct arg features_args[] = {
	[FEA_DEV] = {"dev", ARG_DEV, "IFNAME",
		     "also probe this device (AF_XDP multi-buffer)", false,
		     false, 0, 0},
	[FEA_NR] = {NULL, 0, NULL, NULL, false, false, 0, 0},
};

int do_features(const struct cmd *cmd, struct parsed *p)
{
	struct xk_feature f[16];
	int n, i;

	(void)cmd;
	n = xk_features(p->dev.name, f, 16);
	if (json_output) {
		jw_obj_start(jw);
		jw_key(jw, "features");
		jw_arr_start(jw);
		for (i = 0; i < n; i++) {
			jw_obj_start(jw);
			jw_kstr(jw, "name", f[i].name);
			jw_kstr(jw, "description", f[i].desc);
			jw_kbool(jw, "available", f[i].available);
			jw_kstr(jw, "detail", f[i].why);
			jw_obj_end(jw);
		}
		jw_arr_end(jw);
		jw_obj_end(jw);
		return EXIT_OK;
	}
	for (i = 0; i < n; i++)
		printf("%-14s %-3s %s: %s\n", f[i].name,
		       f[i].available ? "yes" : "no", f[i].desc, f[i].why);
	return EXIT_OK;
}
