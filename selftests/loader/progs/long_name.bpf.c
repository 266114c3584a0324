// SPDX-License-Identifier: GPL-2.0
/* A foreign XDP program whose name the kernel cuts to 15 characters:
 * xdpctl status must show it in full, from BTF. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xk_foreign_program_with_a_long_name(struct xdp_md *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
