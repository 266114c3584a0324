// SPDX-License-Identifier: GPL-2.0
/* featcheck's XDP metadata probe: both kfuncs, through libbpf's own extern
 * resolution, in a program featcheck binds to the device. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern int bpf_xdp_metadata_rx_timestamp(const struct xdp_md *ctx,
					 __u64 *timestamp) __ksym;
/* the kernel's own type (include/net/xdp.h), for libbpf's signature check */
enum xdp_rss_hash_type { XDP_RSS_TYPE_NONE = 0 };
extern int bpf_xdp_metadata_rx_hash(const struct xdp_md *ctx, __u32 *hash,
				    enum xdp_rss_hash_type *rss_type) __ksym;

SEC("xdp")
int xk_feat_meta(struct xdp_md *ctx)
{
	__u64 ts = 0;
	__u32 hash = 0;
	enum xdp_rss_hash_type type = XDP_RSS_TYPE_NONE;

	bpf_xdp_metadata_rx_timestamp(ctx, &ts);
	bpf_xdp_metadata_rx_hash(ctx, &hash, &type);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
