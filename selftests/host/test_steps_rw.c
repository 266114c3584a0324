// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* Stepwise parsers and getters over a mutable buffer (struct xk_pkt). */
#include <xdpkit/xdpkit.h>

#define XK_T_SUITE	  steps_rw
#define XK_T_PKT	  struct xk_pkt
#define XK_T_MK(buf, len) xk_pkt_buf(buf, len)
#define XK_T_V(name)	  struct xk_##name

#include "steps.inc.c"
