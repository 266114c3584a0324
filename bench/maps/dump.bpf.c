// SPDX-License-Identifier: GPL-2.0
/* A typed hash map for the dump benchmark (filled from userspace). */
#include <xdpkit/map_defs.h>

struct xkb_key {
	__u32 id;
	__u16 port;
	__u8 proto;
	__u8 pad;
};

struct xkb_val {
	__u64 packets;
	__u64 bytes;
};

XK_MAP(xkb_hash, BPF_MAP_TYPE_HASH, struct xkb_key, struct xkb_val, 100000,
       XK_PIN_NONE);

SEC("xdp")
int bench_dump_touch(struct xdp_md *md)
{
	struct xkb_key k = {};

	(void)md;
	return bpf_map_lookup_elem(&xkb_hash, &k) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
