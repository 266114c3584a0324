/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Schema of the gen program (the frame sender of `xdpctl gen`), shared by
 * the BPF side and xdpctl: its configuration and its per-CPU counters.
 */
#ifndef XDPKIT_GEN_SCHEMA_H
#define XDPKIT_GEN_SCHEMA_H

#include <linux/types.h>

/* xk_gen_cfg[0]: flows > 1 gives each frame the next of @flows source
 * ports from @sport (host order); 0 or 1 sends the frame as it is. */
struct xk_gen_cfg {
	__u32 flows;
	__u16 sport;
	__u16 pad;
};

enum xk_gen_counter {
	XK_GEN_SENT = 0, /* frames handed to XDP_TX */
	XK_GEN_BAD = 1,	 /* frames whose source port could not be set */
	XK_GEN_NR = 2,
};

#endif /* XDPKIT_GEN_SCHEMA_H */
