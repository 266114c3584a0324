/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The shared table of crafted test vectors: packets built with Scapy by
 * gen_vectors.py, each with the parse result written by hand next to it.
 * The table (build/selftests/vectors/vectors.c) is generated at build time;
 * this header is its interface for the host and BPF suites.
 *
 * The expected values are the test's oracle: they never come from our
 * parser. Error codes, fragment states and tunnel types are written with
 * the header's enum names (XK_ETRUNC, XK_FRAG_LATER, XK_TUN_GRE, ...),
 * protocols and ports as plain numbers.
 */
#ifndef XK_SELFTEST_VECTORS_H
#define XK_SELFTEST_VECTORS_H

#include <xdpkit/xdpkit.h>

/* What xk_summarize must report for the whole frame (parsed from L2). */
struct xk_vec_expect {
	int err;
	int tun_err;
	unsigned int l3_proto;
	unsigned int ip_proto;
	unsigned int l4_proto;
	unsigned int sport;
	unsigned int dport;
	unsigned int frag;
	unsigned int nvlan;
	unsigned int tunnel;
	unsigned int tun_id;
	unsigned int inner_l3_proto;
	unsigned int inner_ip_proto;
	unsigned int inner_l4_proto;
	unsigned int inner_sport;
	unsigned int inner_dport;
	unsigned int inner_frag;
};

struct xk_vector {
	const char *name;
	const unsigned char *data;
	unsigned int len;
	/*
	 * skb->protocol that eth_type_trans() gives this frame: what a socket
	 * filter (which sees the packet from L3 on) is told the L3 protocol
	 * is. Differs from the type/length field for 802.3 frames.
	 */
	unsigned int sock_proto;
	struct xk_vec_expect exp;
	/*
	 * Truncation sweep (sweep != 0): the frame is also cut at every length
	 * 0..len-1. Cut below need_outer, the outer parse is XK_ETRUNC; from
	 * need_outer on it succeeds, and the tunnel (if any) reports
	 * XK_ETRUNC in tun_err below need_inner (end of the inner headers).
	 * The need_* figures are Scapy's layer boundaries.
	 */
	int sweep;
	unsigned int need_outer;
	unsigned int need_inner;
};

extern const struct xk_vector xk_vectors[];
extern const unsigned int xk_nvectors;

#endif /* XK_SELFTEST_VECTORS_H */
