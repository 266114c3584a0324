/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The shared summary programs (selftests/progs/summary.bpf.c) under
 * BPF_PROG_TEST_RUN: hand a frame to summary_xdp, summary_tc or
 * summary_sock and read back the struct xk_summary it wrote.
 */
#ifndef XK_SELFTEST_BPF_SUMMARY_H
#define XK_SELFTEST_BPF_SUMMARY_H

#include <xdpkit/xdpkit.h>

enum xk_run {
	XK_RUN_XDP,
	XK_RUN_TC,
	XK_RUN_SOCK, /* the kernel strips the Ethernet header first */
	XK_RUN_N,
};

struct xk_bpf_summary {
	struct bpf_object *obj;
	int prog_fd[XK_RUN_N];
	int map_fd;
	/* the largest frame each test run accepts on this kernel, probed */
	__u32 max_len[XK_RUN_N];
	/* skb test runs refuse a frame whose ethertype is IPv4 / IPv6 but
	 * whose L3 part is shorter than that header: the least L3 bytes
	 * each accepts, probed ([0] IPv4, [1] IPv6; 0 when no limit) */
	__u32 min_l3[XK_RUN_N][2];
};

extern const char *const xk_run_names[XK_RUN_N];

/* Open and load @path, probe the size limits. 0 or a negative errno
 * (a message on stderr says what failed). */
int xk_bpf_summary__open(struct xk_bpf_summary *b, const char *path);

/*
 * Run one program over the @len-byte frame @pkt (>= 14 bytes) and copy its
 * summary to @out. 0, or a negative errno: the run failed, the program
 * returned an unexpected verdict (-EPROTO), or wrote nothing (-ENODATA).
 */
int xk_bpf_summary__run(struct xk_bpf_summary *b, enum xk_run which,
			const void *pkt, __u32 len, struct xk_summary *out);

/* Whether the test run of @which refuses this frame for a short IP
 * header (see min_l3). */
int xk_bpf_summary__refuses_ip(const struct xk_bpf_summary *b,
			       enum xk_run which, const __u8 *pkt, __u32 len);

void xk_bpf_summary__close(struct xk_bpf_summary *b);

#endif /* XK_SELFTEST_BPF_SUMMARY_H */
