// SPDX-License-Identifier: GPL-2.0
/* Traffic generator: under BPF_PROG_RUN live frames every frame goes out
 * of the interface it was run on (XDP_TX), to the veth peer under test;
 * bench_gen_sink drops instead, to see what the generator alone costs. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int bench_gen(struct xdp_md *md)
{
	(void)md;
	return XDP_TX;
}

SEC("xdp")
int bench_gen_sink(struct xdp_md *md)
{
	(void)md;
	return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
