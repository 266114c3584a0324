// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* Stepwise parsers and getters over a read-only buffer (struct xk_pkt_ro):
 * the same checks as the mutable context, with the _ro views. */
#include <xdpkit/xdpkit.h>

#define XK_T_SUITE	  steps_ro
#define XK_T_PKT	  struct xk_pkt_ro
#define XK_T_MK(buf, len) xk_pkt_buf_ro(buf, len)
#define XK_T_V(name)	  struct xk_##name##_ro

#include "steps.inc.c"
