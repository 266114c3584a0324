// SPDX-License-Identifier: GPL-2.0
/* The target of the fentry and freplace checks: an XDP program whose
 * global function they attach to. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__attribute__((noinline)) int xk_feat_target(struct xdp_md *ctx)
{
	return ctx->data_end > ctx->data ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
int xk_feat_xdp(struct xdp_md *ctx)
{
	return xk_feat_target(ctx);
}

char LICENSE[] SEC("license") = "GPL";
