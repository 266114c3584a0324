// SPDX-License-Identifier: GPL-2.0
/* The floor: BPF_PROG_TEST_RUN's own cost per packet. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int bench_empty(struct xdp_md *md)
{
	(void)md;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
