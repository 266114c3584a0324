/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* Walked packets written out again as one Ethernet pcap stream. Kept apart
 * from libpcap's types for the reason given in pcap_walk.h. */
#ifndef XK_SELFTEST_PCAP_OUT_H
#define XK_SELFTEST_PCAP_OUT_H

#include <stdio.h>
#include "pcap_walk.h"

struct xk_pcap_out;

/* NULL on failure (message on stderr). */
struct xk_pcap_out *xk_pcap_out_open(FILE *f);
/* 0, or -1 when the stream cannot be written. */
int xk_pcap_out_write(struct xk_pcap_out *o, const struct xk_walk_pkt *p);
void xk_pcap_out_close(struct xk_pcap_out *o);

#endif /* XK_SELFTEST_PCAP_OUT_H */
