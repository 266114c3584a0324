/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* struct xk_summary as one line of text, for failure reports and dumps. */
#ifndef XK_SELFTEST_SUMMARY_FMT_H
#define XK_SELFTEST_SUMMARY_FMT_H

#include <stdio.h>
#include <xdpkit/xdpkit.h>

extern const char *const xk_tun_names[XK_TUN_GENEVE + 1];

/* "err=ok l3=0x0800 ip=6 l4=6 1234>80 frag=0 vlan=0 tun=vxlan/0 id=42
 *  in: l3=0x0800 ip=17 l4=17 53>53 frag=0"; unknown values numerically. */
void xk_summary_print(FILE *f, const struct xk_summary *s);

#endif /* XK_SELFTEST_SUMMARY_FMT_H */
