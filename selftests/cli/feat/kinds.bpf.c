// SPDX-License-Identifier: GPL-2.0
/* One program of each kind xdpctl features probes, loaded and attached by
 * featcheck through libbpf's own paths: an independent answer. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("freplace/xk_feat_target")
int xk_feat_ext(struct xdp_md *ctx)
{
	(void)ctx;
	return XDP_PASS;
}

SEC("fentry/xk_feat_target")
int xk_feat_fentry(unsigned long long *ctx)
{
	(void)ctx;
	return 0;
}

SEC("tp_btf/xdp_exception")
int xk_feat_tp_btf(unsigned long long *ctx)
{
	(void)ctx;
	return 0;
}

SEC("kprobe/do_nanosleep")
int xk_feat_kprobe(void *ctx)
{
	(void)ctx;
	return 0;
}

SEC("xdp.frags")
int xk_feat_frags(struct xdp_md *ctx)
{
	(void)ctx;
	return XDP_DROP;
}

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} xk_feat_rb SEC(".maps");

char LICENSE[] SEC("license") = "GPL";
