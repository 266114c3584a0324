// SPDX-License-Identifier: GPL-2.0
/* Compiles, but the verifier must reject it: packet read with no bounds
 * check. Used to test that rejection is reported and nothing is attached. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xk_rejected(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;

	return data[20] == 1 ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
