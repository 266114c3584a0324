// SPDX-License-Identifier: GPL-2.0
/*
 * The equal-work baseline of bench_xk_l4: xk_parse_l4's checks by hand
 * (equal.h, no xdpkit header), the result stored as bench_xk_l4 stores
 * its own. Whatever xk_parse_l4 refuses this refuses, whatever it accepts
 * this accepts with the same L4 protocol and port: bench/equal_check runs
 * both over every Ethernet packet of the tcpdump corpus and over the
 * benchmark's packets, and they must agree.
 */
#include "equal.h"
#include "result.h"

__u32 bench_result;

static __always_inline __u32 result(void *data, void *end)
{
	struct eq e;

	if (eq_parse(data, end, &e))
		return BENCH_BAD;
	if (e.proto == IPPROTO_TCP)
		return BENCH_RESULT(IPPROTO_TCP,
				    bpf_ntohs(((struct tcphdr *)e.l4)->dest));
	if (e.proto == IPPROTO_UDP)
		return BENCH_RESULT(IPPROTO_UDP,
				    bpf_ntohs(((struct udphdr *)e.l4)->dest));
	return BENCH_RESULT(e.proto, 0);
}

SEC("xdp")
int bench_equal_l4(struct xdp_md *ctx)
{
	bench_result =
		result((void *)(long)ctx->data, (void *)(long)ctx->data_end);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
