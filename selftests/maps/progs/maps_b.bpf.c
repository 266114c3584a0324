// SPDX-License-Identifier: GPL-2.0
/* xkt_shared again, same sizes, other value type (struct xkt_pair_b). */
#include <xdpkit/map_defs.h>
#include "types.h"

XK_MAP(xkt_shared, BPF_MAP_TYPE_HASH, __u32, struct xkt_pair_b, 16,
       XK_PIN_SHARED);

SEC("xdp")
int xkt_touch(struct xdp_md *md)
{
	__u32 k = 0;

	(void)md;
	return bpf_map_lookup_elem(&xkt_shared, &k) ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
