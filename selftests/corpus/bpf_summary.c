// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* The summary programs under BPF_PROG_TEST_RUN (see bpf_summary.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/pkt_cls.h>
#include "bpf_summary.h"

const char *const xk_run_names[XK_RUN_N] = {"xdp", "tc", "sock"};
static const char *const prog_names[XK_RUN_N] = {"summary_xdp", "summary_tc",
						 "summary_sock"};

/* What the slot holds before a run: a program that writes nothing, or
 * only part of the summary, cannot match the host's all-zero padding. */
#define POISON 0xa5

static int run_raw(struct xk_bpf_summary *b, enum xk_run which, const void *pkt,
		   __u32 len, __u32 *retval)
{
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt, .data_size_in = len,
		    .repeat = 1);
	int r;

	r = bpf_prog_test_run_opts(b->prog_fd[which], &o);
	if (r)
		return -errno;
	*retval = o.retval;
	return 0;
}

/* Largest accepted size by bisection: the limits depend on the kernel's
 * page size and struct layouts, so they are measured, not assumed. */
static __u32 probe_max(struct xk_bpf_summary *b, enum xk_run which)
{
	static __u8 zero[1 << 18]; /* pcap's largest snapshot */
	__u32 lo = ETH_HLEN, hi = sizeof(zero), mid, rv;

	if (run_raw(b, which, zero, lo, &rv))
		return 0;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (run_raw(b, which, zero, mid, &rv))
			hi = mid;
		else
			lo = mid;
	}
	return lo;
}

/* The least L3 length the test run accepts behind @ethertype (the rest
 * of the buffer zero but the IP version nibble). */
static __u32 probe_min_l3(struct xk_bpf_summary *b, enum xk_run which,
			  __u16 ethertype)
{
	__u8 pkt[ETH_HLEN + 64] = {};
	__u32 l3, rv;

	pkt[12] = ethertype >> 8;
	pkt[13] = ethertype & 0xff;
	pkt[14] = ethertype == ETH_P_IP ? 0x45 : 0x60;
	for (l3 = 0; l3 <= 64; l3++)
		if (!run_raw(b, which, pkt, ETH_HLEN + l3, &rv))
			return l3;
	return 0;
}

int xk_bpf_summary__refuses_ip(const struct xk_bpf_summary *b,
			       enum xk_run which, const __u8 *pkt, __u32 len)
{
	__u16 proto = (__u16)(pkt[12] << 8 | pkt[13]);
	__u32 l3 = len - ETH_HLEN;

	if (proto == ETH_P_IP)
		return l3 < b->min_l3[which][0];
	if (proto == ETH_P_IPV6)
		return l3 < b->min_l3[which][1];
	return 0;
}

int xk_bpf_summary__open(struct xk_bpf_summary *b, const char *path)
{
	int i, err;

	memset(b, 0, sizeof(*b));
	b->obj = bpf_object__open_file(path, NULL);
	if (!b->obj) {
		err = -errno;
		fprintf(stderr, "cannot open %s: %s\n", path, strerror(-err));
		return err;
	}
	err = bpf_object__load(b->obj);
	if (err) {
		fprintf(stderr, "cannot load %s: %s (root needed)\n", path,
			strerror(-err));
		return err;
	}
	for (i = 0; i < XK_RUN_N; i++) {
		struct bpf_program *p =
			bpf_object__find_program_by_name(b->obj, prog_names[i]);

		if (!p) {
			fprintf(stderr, "%s: no program %s\n", path,
				prog_names[i]);
			return -ENOENT;
		}
		b->prog_fd[i] = bpf_program__fd(p);
	}
	b->map_fd = bpf_object__find_map_fd_by_name(b->obj, "summary");
	if (b->map_fd < 0) {
		fprintf(stderr, "%s: no map summary\n", path);
		return -ENOENT;
	}
	for (i = 0; i < XK_RUN_N; i++) {
		b->max_len[i] = probe_max(b, i);
		if (!b->max_len[i]) {
			fprintf(stderr,
				"%s: test run refuses a 14-byte frame\n",
				prog_names[i]);
			return -EINVAL;
		}
		b->min_l3[i][0] = probe_min_l3(b, i, ETH_P_IP);
		b->min_l3[i][1] = probe_min_l3(b, i, ETH_P_IPV6);
	}
	return 0;
}

static __u32 expected_retval(enum xk_run which, __u32 len)
{
	switch (which) {
	case XK_RUN_XDP:
		return XDP_PASS;
	case XK_RUN_TC:
		return TC_ACT_OK;
	default:
		return len - ETH_HLEN; /* skb->len, Ethernet header pulled */
	}
}

int xk_bpf_summary__run(struct xk_bpf_summary *b, enum xk_run which,
			const void *pkt, __u32 len, struct xk_summary *out)
{
	struct xk_summary poison;
	__u32 zero = 0, rv;
	int r;

	memset(&poison, POISON, sizeof(poison));
	if (bpf_map_update_elem(b->map_fd, &zero, &poison, BPF_ANY))
		return -errno;
	r = run_raw(b, which, pkt, len, &rv);
	if (r)
		return r;
	if (rv != expected_retval(which, len))
		return -EPROTO;
	if (bpf_map_lookup_elem(b->map_fd, &zero, out))
		return -errno;
	if (!memcmp(out, &poison, sizeof(poison)))
		return -ENODATA;
	return 0;
}

void xk_bpf_summary__close(struct xk_bpf_summary *b)
{
	bpf_object__close(b->obj);
	b->obj = NULL;
}
