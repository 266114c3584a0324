// SPDX-License-Identifier: GPL-2.0
/* bench-gen's plain live-frames sender (livetx.c): count the frame, send it
 * back out (XDP_TX). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} livetx_sent SEC(".maps");

SEC("xdp")
int livetx(struct xdp_md *ctx)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&livetx_sent, &zero);

	(void)ctx;
	if (n)
		*n += 1;
	return XDP_TX;
}

char LICENSE[] SEC("license") = "GPL";
