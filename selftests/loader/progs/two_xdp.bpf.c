// SPDX-License-Identifier: GPL-2.0
/* Two XDP programs in one object: attaching it without 'name' or 'section'
 * must ask which one, not take the first in silence. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xk_two_a(struct xdp_md *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("xdp")
int xk_two_b(struct xdp_md *ctx)
{
	(void)ctx;
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
