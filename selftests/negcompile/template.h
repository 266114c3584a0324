/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The frame every negative compile case is pasted into (run.sh writes
 * `#define NC_CTX_RO`, `#define NC_VIEW_RO`, includes this, then the case's
 * one statement between NC_BEGIN and NC_END). The context and the views
 * are read-only or mutable by those two switches alone, so a case and its
 * positive control differ only in the types, never in the statement.
 *
 * Host (gcc): userspace buffers, xk_pkt_buf_ro vs xk_pkt_buf.
 * BPF (clang -target bpf): the read-only skb of a socket filter or
 * cgroup_skb, xk_pkt_skb_ro, vs TC's mutable xk_pkt_tc.
 */
#include <xdpkit/xdpkit.h>
#if XK_BPF
#include <xdpkit/skb_ro.h>
#endif

#if NC_CTX_RO
#define NC_PKT struct xk_pkt_ro
#if XK_BPF
#define NC_SEC	      "socket"
#define NC_PKT_INIT() xk_pkt_skb_ro(skb)
#else
#define NC_PKT_INIT() xk_pkt_buf_ro(data, len)
#endif
#else
#define NC_PKT struct xk_pkt
#if XK_BPF
#define NC_SEC	      "tc"
#define NC_PKT_INIT() xk_pkt_tc(skb)
#else
#define NC_PKT_INIT() xk_pkt_buf(data, len)
#endif
#endif

#if NC_VIEW_RO
#define NC_L4  struct xk_l4_ro
#define NC_TUN struct xk_tun_ro
#else
#define NC_L4  struct xk_l4
#define NC_TUN struct xk_tun
#endif

#if XK_BPF
#define NC_FN_BEGIN SEC(NC_SEC) int nc_case(struct __sk_buff *skb)
#define NC_FN_END   char _license[] SEC("license") = "GPL";
#else
#define NC_FN_BEGIN int nc_case(void *data, __u32 len)
#define NC_FN_END
#endif

/* Values a statement may use: a port (host order), an IPv4 address
 * (network order), a MAC, an offset. */
#define NC_BEGIN                                                               \
	NC_FN_BEGIN                                                            \
	{                                                                      \
		NC_PKT pkt = NC_PKT_INIT();                                    \
		NC_L4 l4;                                                      \
		NC_TUN tun;                                                    \
		__u16 port = 5082;                                             \
		__be32 addr = xk_htonl_c(0xc0000201);                          \
		__u8 mac[6] = {2, 0, 0, 0, 0, 9};                              \
		__u32 off = 0;                                                 \
                                                                               \
		xk_memset(&l4, 0, sizeof(l4));                                 \
		xk_memset(&tun, 0, sizeof(tun));                               \
		(void)pkt, (void)port, (void)addr, (void)mac, (void)off;
#define NC_END                                                                 \
	return 0;                                                              \
	}                                                                      \
	NC_FN_END
