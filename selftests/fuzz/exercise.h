/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Every host parser of headers/xdpkit over one input, with the invariants
 * that must hold for any bytes at all. Shared by the libFuzzer harness and
 * the corpus robustness suite, so that both check exactly the same things.
 *
 * Each function returns NULL when every invariant held, or a static string
 * naming the first one that broke ("exercise.c:123: tun <= 7"). The input
 * must be exactly @len bytes of its own allocation so that ASan sees any
 * read past it.
 */
#ifndef XK_SELFTEST_EXERCISE_H
#define XK_SELFTEST_EXERCISE_H

#include <xdpkit/xdpkit.h>

/*
 * @data is an Ethernet frame. Runs xk_summarize over a read-only and a
 * mutable buffer context, the stepwise parsers (eth, ip4/ip6/arp, tcp, udp,
 * icmp, icmp6), xk_tcp_opts, xk_parse_ndp and the tunnel/inner parsers
 * down every nested tunnel. *@sum gets the read-only summary.
 */
const char *xk_ex_frame(const __u8 *data, __u32 len, struct xk_summary *sum);

/* @data starts at the network header, whose ethertype is @ethertype
 * (xk_pkt_buf_ro_l3, as a socket filter sees a packet). */
const char *xk_ex_l3(const __u8 *data, __u32 len, __u16 ethertype,
		     struct xk_summary *sum);

/* Name of an enum xk_err value, or NULL when it is not one. */
const char *xk_ex_err_name(int err);

#endif /* XK_SELFTEST_EXERCISE_H */
