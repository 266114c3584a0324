// SPDX-License-Identifier: GPL-2.0
/*
 * The baseline of the drop benchmark: the least an XDP program can do and
 * still say how many packets it dropped (one per-CPU counter, as the
 * filter keeps per rule).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} xkb_dropped SEC(".maps");

SEC("xdp")
int bench_drop(struct xdp_md *md)
{
	__u32 k = 0;
	__u64 *n = bpf_map_lookup_elem(&xkb_dropped, &k);

	(void)md;
	if (n)
		(*n)++;
	return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
