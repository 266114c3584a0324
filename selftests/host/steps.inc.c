/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The stepwise parsers and getters, one header at a time, with offsets and
 * field values worked out by hand from the Scapy expressions of the vectors
 * used (selftests/vectors/gen_vectors.py). Included once per context kind:
 * the includer defines
 *   XK_T_SUITE        criterion suite name
 *   XK_T_PKT          struct xk_pkt or struct xk_pkt_ro
 *   XK_T_MK(buf,len)  xk_pkt_buf or xk_pkt_buf_ro
 *   XK_T_V(name)      struct xk_<name> or struct xk_<name>_ro
 * so the mutable and the read-only context pass exactly the same checks.
 */
#include "helpers.h"

/* Views start zeroed: gcc cannot tell that cr_assert never returns on
 * failure and would warn about reading fields a failed parse left unset. */

static unsigned char *bufs[8];
static unsigned int nbufs;

static void free_bufs(void)
{
	while (nbufs)
		free(bufs[--nbufs]);
}

TestSuite(XK_T_SUITE, .fini = free_bufs);

/* A context over an exact-size copy of the named vector. */
static XK_T_PKT pkt_of(const char *name, unsigned char **data)
{
	const struct xk_vector *v = xk_t_vec(name);
	unsigned char *buf = xk_t_dup(v->data, v->len);

	cr_assert_lt(nbufs, 8);
	bufs[nbufs++] = buf;
	if (data)
		*data = buf;
	return XK_T_MK(buf, v->len);
}

static const unsigned char mac1[6] = {2, 0, 0, 0, 0, 1};
static const unsigned char mac2[6] = {2, 0, 0, 0, 0, 2};
static const unsigned char a4[4] = {10, 0, 0, 1};
static const unsigned char b4[4] = {10, 0, 0, 2};
static const unsigned char a6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1};
static const unsigned char b6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 2};

/* ---- Ethernet / VLAN -------------------------------------------------- */

Test(XK_T_SUITE, eth_plain)
{
	XK_T_PKT p = pkt_of("ipv4_tcp", NULL);
	XK_T_V(eth) eth = {};
	__u32 off = 0;

	cr_assert_eq(xk_parse_eth(&p, &off, &eth), ETH_P_IP);
	cr_expect_eq(off, 14);
	cr_expect_eq(eth.off, 0);
	cr_expect_eq(eth.hlen, 14);
	cr_expect_eq(eth.nvlan, 0);
	cr_expect_eq(eth.offloaded, 0);
	cr_expect_eq(xk_eth_proto(&eth), ETH_P_IP);
	cr_expect_arr_eq(xk_eth_dst(&eth), mac2, 6);
	cr_expect_arr_eq(xk_eth_src(&eth), mac1, 6);
}

Test(XK_T_SUITE, eth_qinq)
{
	XK_T_PKT p = pkt_of("qinq_ipv4_tcp", NULL);
	XK_T_V(eth) eth = {};
	__u32 off = 0;

	cr_assert_eq(xk_parse_eth(&p, &off, &eth), ETH_P_IP);
	cr_expect_eq(off, 22);
	cr_expect_eq(eth.hlen, 22);
	cr_expect_eq(eth.nvlan, 2);
	cr_expect_eq(eth.tpid[0], ETH_P_8021AD);
	cr_expect_eq(eth.tpid[1], ETH_P_8021Q);
	cr_expect_eq(xk_eth_vlan_id(&eth, 0), 10);
	cr_expect_eq(xk_eth_vlan_id(&eth, 1), 20);
}

Test(XK_T_SUITE, eth_errors)
{
	XK_T_PKT p3 = pkt_of("vlan_3_tags", NULL);
	XK_T_PKT pt = pkt_of("vlan_truncated_tag", NULL);
	XK_T_PKT p13 = pkt_of("eth_truncated_13", NULL);
	XK_T_V(eth) eth = {};
	__u32 off = 0;

	cr_expect_eq(xk_parse_eth(&p3, &off, &eth), XK_EDEPTH);
	off = 0;
	cr_expect_eq(xk_parse_eth(&pt, &off, &eth), XK_ETRUNC);
	off = 0;
	cr_expect_eq(xk_parse_eth(&p13, &off, &eth), XK_ETRUNC);
	cr_expect_eq(off, 0, "off must not move on error");
}

/* An Ethernet header in the middle of a packet (GRE/TEB inner frame). */
Test(XK_T_SUITE, eth_at_offset)
{
	XK_T_PKT p = pkt_of("gre_teb", NULL);
	XK_T_V(eth) eth = {};
	__u32 off = 38; /* 14 Ethernet + 20 IPv4 + 4 GRE */

	cr_assert_eq(xk_parse_eth(&p, &off, &eth), ETH_P_IP);
	cr_expect_eq(off, 52);
	cr_expect_eq(eth.off, 38);
}

/* ---- ARP ------------------------------------------------------------------
 */

Test(XK_T_SUITE, arp)
{
	XK_T_PKT rq = pkt_of("arp_request", NULL);
	XK_T_PKT rp = pkt_of("arp_reply", NULL);
	XK_T_PKT ne = pkt_of("arp_not_eth_ip", NULL);
	XK_T_PKT tr = pkt_of("arp_eth_ip_truncated", NULL);
	XK_T_V(arp) arp = {};
	__u32 off = 14;

	cr_assert_eq(xk_parse_arp(&rq, &off, &arp), 0);
	cr_expect_eq(off, 42);
	cr_expect_eq(arp.eth_ip, 1);
	cr_expect_eq(xk_arp_oper(&arp), 1);
	cr_expect_arr_eq(arp.h->sha, mac1, 6);
	cr_expect_arr_eq(arp.h->spa, a4, 4);
	cr_expect_arr_eq(arp.h->tpa, b4, 4);
	off = 14;
	cr_assert_eq(xk_parse_arp(&rp, &off, &arp), 0);
	cr_expect_eq(xk_arp_oper(&arp), 2);
	off = 14;
	cr_assert_eq(xk_parse_arp(&ne, &off, &arp), 0);
	cr_expect_eq(arp.eth_ip, 0);
	cr_expect_eq(off, 22, "only the 8-byte fixed header: off %u", off);
	off = 14;
	cr_expect_eq(xk_parse_arp(&tr, &off, &arp), XK_ETRUNC);
}

/* ---- IPv4 -----------------------------------------------------------------
 */

Test(XK_T_SUITE, ip4)
{
	XK_T_PKT p = pkt_of("ipv4_tcp", NULL);
	XK_T_V(ip4) ip = {};
	__u32 off = 14;

	cr_assert_eq(xk_parse_ip4(&p, &off, &ip), IPPROTO_TCP);
	cr_expect_eq(off, 34);
	cr_expect_eq(ip.off, 14);
	cr_expect_eq(ip.hlen, 20);
	cr_expect_eq(ip.end, 54);
	cr_expect_eq(ip.frag, XK_FRAG_NONE);
	cr_expect_eq(xk_ip4_tot_len(&ip), 40, "host order");
	cr_expect_eq(xk_ip4_ttl(&ip), 64);
	cr_expect_eq(xk_ip4_tos(&ip), 0);
	/* _be getters: network order, i.e. the wire bytes */
	{
		__be32 s = xk_ip4_saddr_be(&ip), d = xk_ip4_daddr_be(&ip);

		cr_expect_arr_eq(&s, a4, 4);
		cr_expect_arr_eq(&d, b4, 4);
		cr_expect_eq(s, xk_htonl(0x0a000001));
	}
}

Test(XK_T_SUITE, ip4_options_and_errors)
{
	XK_T_PKT o15 = pkt_of("ipv4_options_ihl15", NULL);
	XK_T_PKT o6 = pkt_of("ipv4_options_ihl6", NULL);
	XK_T_PKT ihl4 = pkt_of("ipv4_ihl4", NULL);
	XK_T_PKT v6 = pkt_of("ipv4_version6", NULL);
	XK_T_PKT big = pkt_of("ipv4_ihl_beyond_packet", NULL);
	XK_T_PKT tot = pkt_of("ipv4_totlen_lt_ihl", NULL);
	XK_T_V(ip4) ip = {};
	__u32 off = 14;

	cr_assert_eq(xk_parse_ip4(&o15, &off, &ip), IPPROTO_UDP);
	cr_expect_eq(off, 74);
	cr_expect_eq(ip.hlen, 60);
	off = 14;
	cr_assert_eq(xk_parse_ip4(&o6, &off, &ip), IPPROTO_UDP);
	cr_expect_eq(off, 38);
	off = 14;
	cr_expect_eq(xk_parse_ip4(&ihl4, &off, &ip), XK_EBADLEN);
	cr_expect_eq(off, 14);
	cr_expect_eq(xk_parse_ip4(&v6, &off, &ip), XK_EVERSION);
	cr_expect_eq(xk_parse_ip4(&big, &off, &ip), XK_ETRUNC);
	cr_expect_eq(xk_parse_ip4(&tot, &off, &ip), XK_EBADLEN);
	cr_expect_eq(off, 14);
}

Test(XK_T_SUITE, ip4_frag)
{
	XK_T_PKT first = pkt_of("ipv4_frag_first", NULL);
	XK_T_PKT later = pkt_of("ipv4_frag_later_mf", NULL);
	XK_T_PKT last = pkt_of("ipv4_frag_last", NULL);
	XK_T_PKT df = pkt_of("ipv4_df", NULL);
	XK_T_V(ip4) ip = {};
	__u32 off = 14;

	cr_assert_eq(xk_parse_ip4(&first, &off, &ip), IPPROTO_UDP);
	cr_expect_eq(ip.frag, XK_FRAG_FIRST);
	off = 14;
	cr_assert_eq(xk_parse_ip4(&later, &off, &ip), IPPROTO_UDP);
	cr_expect_eq(ip.frag, XK_FRAG_LATER);
	cr_expect_eq(off, 34);
	off = 14;
	cr_assert_eq(xk_parse_ip4(&last, &off, &ip), IPPROTO_TCP);
	cr_expect_eq(ip.frag, XK_FRAG_LATER);
	off = 14;
	cr_assert_eq(xk_parse_ip4(&df, &off, &ip), IPPROTO_TCP);
	cr_expect_eq(ip.frag, XK_FRAG_NONE, "DF is not a fragment");
}

/* ---- IPv6 -----------------------------------------------------------------
 */

Test(XK_T_SUITE, ip6_plain)
{
	XK_T_PKT p = pkt_of("ipv6_udp", NULL);
	XK_T_V(ip6) ip = {};
	__u32 off = 14;

	cr_assert_eq(xk_parse_ip6(&p, &off, &ip), IPPROTO_UDP);
	cr_expect_eq(off, 54);
	cr_expect_eq(ip.hlen, 40);
	cr_expect_eq(ip.end, 62);
	cr_expect_eq(ip.nexthdrs, 0);
	cr_expect_eq(ip.next_off, 6);
	cr_expect_eq(ip.frag_hdr, 0);
	cr_expect_eq(xk_ip6_hop_limit(&ip), 64);
	cr_expect_arr_eq(xk_ip6_saddr(&ip), a6, 16);
	cr_expect_arr_eq(xk_ip6_daddr(&ip), b6, 16);
}

/* HBH 8, DST 8, RT 8, FRAG 8 (at 78), AH 12, DST 8 (at 98), then UDP. */
Test(XK_T_SUITE, ip6_chain)
{
	XK_T_PKT p = pkt_of("ipv6_chain_6", NULL);
	XK_T_PKT p7 = pkt_of("ipv6_chain_7", NULL);
	XK_T_V(ip6) ip = {};
	__u32 off = 14;

	cr_assert_eq(xk_parse_ip6(&p, &off, &ip), IPPROTO_UDP);
	cr_expect_eq(off, 106);
	cr_expect_eq(ip.hlen, 92);
	cr_expect_eq(ip.nexthdrs, 6);
	cr_expect_eq(ip.frag, XK_FRAG_FIRST);
	cr_expect_eq(ip.frag_hdr, 78);
	cr_expect_eq(ip.next_off, 98 - 14);
	off = 14;
	cr_expect_eq(xk_parse_ip6(&p7, &off, &ip), XK_EDEPTH);
	cr_expect_eq(off, 14);
}

Test(XK_T_SUITE, ip6_ext_each)
{
	static const struct {
		const char *vec;
		int proto;
		__u32 l4_off;
	} t[] = {
		{"ipv6_hbh_udp", IPPROTO_UDP, 62},
		{"ipv6_routing_tcp", IPPROTO_TCP, 54 + 24},
		{"ipv6_destopt_udp", IPPROTO_UDP, 62},
		{"ipv6_ah_udp", IPPROTO_UDP, 54 + 24},
		{"ipv6_frag_atomic", IPPROTO_UDP, 62},
		{"ipv6_no_next_header", 59, 62},
	};
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		XK_T_PKT p = pkt_of(t[i].vec, NULL);
		XK_T_V(ip6) ip = {};
		__u32 off = 14;

		cr_expect_eq(xk_parse_ip6(&p, &off, &ip), t[i].proto, "%s",
			     t[i].vec);
		cr_expect_eq(off, t[i].l4_off, "%s: off %u", t[i].vec, off);
		cr_expect_eq(ip.nexthdrs, 1, "%s", t[i].vec);
		free_bufs();
	}
}

Test(XK_T_SUITE, ip6_frag_and_errors)
{
	XK_T_PKT later = pkt_of("ipv6_frag_later", NULL);
	XK_T_PKT ah0 = pkt_of("ipv6_ah_len0", NULL);
	XK_T_PKT tr = pkt_of("ipv6_ext_truncated", NULL);
	XK_T_PKT v4 = pkt_of("ipv6_version4", NULL);
	XK_T_V(ip6) ip = {};
	__u32 off = 14;

	cr_assert_eq(xk_parse_ip6(&later, &off, &ip), IPPROTO_UDP);
	cr_expect_eq(ip.frag, XK_FRAG_LATER);
	cr_expect_eq(ip.frag_hdr, 54);
	cr_expect_eq(off, 62, "payload starts after the fragment header");
	off = 14;
	cr_expect_eq(xk_parse_ip6(&ah0, &off, &ip), XK_EBADLEN);
	cr_expect_eq(xk_parse_ip6(&tr, &off, &ip), XK_ETRUNC);
	cr_expect_eq(xk_parse_ip6(&v4, &off, &ip), XK_EVERSION);
	cr_expect_eq(off, 14);
}

/* ---- TCP / UDP / ICMP / ICMPv6 --------------------------------------------
 */

Test(XK_T_SUITE, tcp)
{
	XK_T_PKT p = pkt_of("ipv4_tcp", NULL);
	XK_T_V(tcp) tcp = {};
	struct xk_tcp_opts o;
	__u32 off = 34;

	cr_assert_eq(xk_parse_tcp(&p, &off, &tcp), 0);
	cr_expect_eq(off, 54);
	cr_expect_eq(tcp.off, 34);
	cr_expect_eq(tcp.hlen, 20);
	cr_expect_eq(xk_tcp_sport(&tcp), 1234, "host order");
	cr_expect_eq(xk_tcp_dport(&tcp), 80, "host order");
	cr_expect_eq(tcp.h->source, xk_htons(1234),
		     "raw header: network order");
	cr_expect_eq(xk_tcp_flags(&tcp),
		     tcp.h->syn * XK_TCP_SYN | tcp.h->ack * XK_TCP_ACK |
			     tcp.h->fin * XK_TCP_FIN | tcp.h->rst * XK_TCP_RST |
			     tcp.h->psh * XK_TCP_PSH | tcp.h->urg * XK_TCP_URG |
			     tcp.h->ece * XK_TCP_ECE | tcp.h->cwr * XK_TCP_CWR,
		     "the flag byte, bit by bit as the header's fields");
	cr_expect_neq(xk_tcp_flags(&tcp), 0, "the vector has flags set");
	cr_assert_eq(xk_tcp_opts(&p, &tcp, &o), 0);
	cr_expect(!o.mss && !o.has_wscale && !o.sack_ok && !o.has_ts,
		  "doff 5: no options");
}

Test(XK_T_SUITE, tcp_errors)
{
	XK_T_PKT d4 = pkt_of("tcp_doff4", NULL);
	XK_T_PKT d0 = pkt_of("tcp_doff0", NULL);
	XK_T_PKT d15 = pkt_of("tcp_doff_beyond_packet", NULL);
	XK_T_PKT tr = pkt_of("tcp_truncated", NULL);
	XK_T_V(tcp) tcp = {};
	__u32 off = 34;

	cr_expect_eq(xk_parse_tcp(&d4, &off, &tcp), XK_EBADLEN);
	cr_expect_eq(xk_parse_tcp(&d0, &off, &tcp), XK_EBADLEN);
	cr_expect_eq(xk_parse_tcp(&d15, &off, &tcp), XK_ETRUNC);
	cr_expect_eq(xk_parse_tcp(&tr, &off, &tcp), XK_ETRUNC);
	cr_expect_eq(off, 34);
}

/*
 * tcp_options: MSS 1460 at 54, SAckOK at 58, Timestamp (1, 0) at 60, NOP
 * at 70, WScale 7 at 71; the header ends at 74.
 */
static int opts_of(unsigned char *buf, struct xk_tcp_opts *o)
{
	XK_T_PKT p = XK_T_MK(buf, xk_t_vec("tcp_options")->len);
	XK_T_V(tcp) tcp = {};
	__u32 off = 34;

	cr_assert_eq(xk_parse_tcp(&p, &off, &tcp), 0);
	cr_assert_eq(off, 74);
	return xk_tcp_opts(&p, &tcp, o);
}

Test(XK_T_SUITE, tcp_options)
{
	unsigned char *b;
	struct xk_tcp_opts o;

	pkt_of("tcp_options", &b);
	cr_assert(b[54] == 2 && b[58] == 4 && b[60] == 8 && b[70] == 1 &&
			  b[71] == 3,
		  "vector layout changed: fix the offsets in this test");
	cr_assert_eq(opts_of(b, &o), 0);
	cr_expect_eq(o.mss, 1460, "host order");
	cr_expect_eq(o.has_wscale, 1);
	cr_expect_eq(o.wscale, 7);
	cr_expect_eq(o.sack_ok, 1);
	cr_expect_eq(o.has_ts, 1);
	cr_expect_eq(o.ts_val, 1, "host order");
	cr_expect_eq(o.ts_ecr, 0);
}

Test(XK_T_SUITE, tcp_option_errors)
{
	unsigned char *b;
	struct xk_tcp_opts o;

	pkt_of("tcp_options", &b);
	b[59] = 1; /* SAckOK length 1: < 2 */
	cr_expect_eq(opts_of(b, &o), XK_EBADLEN);
	b[59] = 0; /* length 0: would never advance */
	cr_expect_eq(opts_of(b, &o), XK_EBADLEN);
	b[59] = 2;
	b[72] = 4; /* WScale at 71 of length 4 runs past 74 */
	cr_expect_eq(opts_of(b, &o), XK_EBADLEN);
	/* a kind byte in the header's last byte, its length byte past it */
	b[71] = 1;
	b[72] = 1;
	b[73] = 2;
	cr_expect_eq(opts_of(b, &o), XK_ETRUNC);
	/* an unknown kind with a good length is skipped */
	b[71] = 30;
	b[72] = 3;
	b[73] = 0;
	cr_expect_eq(opts_of(b, &o), 0);
	cr_expect_eq(o.has_wscale, 0);
	cr_expect_eq(o.mss, 1460);
	/* EOL ends the walk: nothing after it is read */
	b[58] = 0;
	cr_expect_eq(opts_of(b, &o), 0);
	cr_expect_eq(o.mss, 1460);
	cr_expect(!o.sack_ok && !o.has_ts);
	/* MSS with a wrong length is not taken */
	b[58] = 4;
	b[55] = 3;
	b[57] = 1; /* NOP, so the walk stays aligned */
	cr_expect_eq(opts_of(b, &o), 0);
	cr_expect_eq(o.mss, 0);
}

Test(XK_T_SUITE, udp)
{
	XK_T_PKT p = pkt_of("ipv4_udp", NULL);
	XK_T_PKT l7 = pkt_of("udp_len7", NULL);
	XK_T_V(udp) udp = {};
	__u32 off = 34;

	cr_assert_eq(xk_parse_udp(&p, &off, &udp), 0);
	cr_expect_eq(off, 42);
	cr_expect_eq(udp.off, 34);
	cr_expect_eq(xk_udp_sport(&udp), 5000);
	cr_expect_eq(xk_udp_dport(&udp), 5001);
	cr_expect_eq(udp.h->dest, xk_htons(5001));
	off = 34;
	cr_expect_eq(xk_parse_udp(&l7, &off, &udp), XK_EBADLEN);
	cr_expect_eq(off, 34);
}

Test(XK_T_SUITE, icmp)
{
	XK_T_PKT p = pkt_of("icmp_echo", NULL);
	XK_T_PKT tr = pkt_of("icmp_truncated", NULL);
	XK_T_V(icmp) ic = {};
	__u32 off = 34;

	cr_assert_eq(xk_parse_icmp(&p, &off, &ic), 0);
	cr_expect_eq(off, 42);
	cr_expect_eq(xk_icmp_type(&ic), XK_ICMP_ECHO);
	off = 34;
	cr_expect_eq(xk_parse_icmp(&tr, &off, &ic), XK_ETRUNC);
}

Test(XK_T_SUITE, icmp6)
{
	XK_T_PKT p = pkt_of("icmp6_echo", NULL);
	XK_T_V(icmp6) ic = {};
	__u32 off = 54;

	cr_assert_eq(xk_parse_icmp6(&p, &off, &ic), 0);
	cr_expect_eq(off, 62);
	cr_expect_eq(xk_icmp6_type(&ic), 128);
}

/* ---- Whole stack and NDP --------------------------------------------------
 */

Test(XK_T_SUITE, l4_stack)
{
	XK_T_PKT p = pkt_of("vlan_ipv4_udp", NULL);
	XK_T_PKT p6 = pkt_of("ipv6_chain_6", NULL);
	XK_T_V(l4) l4 = {};

	cr_assert_eq(xk_parse_l4(&p, &l4), 0);
	cr_expect_eq(l4.eth.nvlan, 1);
	cr_expect_eq(l4.l3_proto, ETH_P_IP);
	cr_expect_eq(l4.l3_off, 18);
	cr_expect_eq(l4.l4_off, 38);
	cr_expect_eq(l4.l3_end, 46);
	cr_expect_eq(l4.ip_proto, IPPROTO_UDP);
	cr_expect_eq(l4.proto, IPPROTO_UDP);
	cr_expect_eq(l4.inner, 0);
	cr_expect_eq(xk_l4_sport(&l4), 1000);
	cr_expect_eq(xk_l4_dport(&l4), 2000);
	cr_expect_eq(xk_udp_dport(&l4.udp), 2000);
	cr_assert_eq(xk_parse_l4(&p6, &l4), 0);
	cr_expect_eq(l4.l4_off, 106);
	cr_expect_eq(l4.frag, XK_FRAG_FIRST);
}

static int ndp_of(const char *vec, struct xk_ndp *n)
{
	XK_T_PKT p = pkt_of(vec, NULL);
	XK_T_V(l4) l4 = {};

	cr_assert_eq(xk_parse_l4(&p, &l4), 0, "%s", vec);
	return xk_parse_ndp(&p, &l4, n);
}

Test(XK_T_SUITE, ndp)
{
	struct xk_ndp n;

	cr_assert_eq(ndp_of("ndp_ns_sll", &n), 0);
	cr_expect_eq(n.type, 135);
	cr_expect(n.has_target && n.has_sll && !n.has_tll);
	cr_expect_arr_eq(&n.target, b6, 16);
	cr_expect_arr_eq(n.sll, mac1, 6);

	cr_assert_eq(ndp_of("ndp_na_tll", &n), 0);
	cr_expect_eq(n.type, 136);
	cr_expect(n.has_target && !n.has_sll && n.has_tll);
	cr_expect_arr_eq(&n.target, b6, 16);
	cr_expect_arr_eq(n.tll, mac2, 6);

	cr_assert_eq(ndp_of("ndp_rs_sll", &n), 0);
	cr_expect_eq(n.type, 133);
	cr_expect(!n.has_target && n.has_sll);
	cr_expect_arr_eq(n.sll, mac1, 6);

	/* SLL, then MTU and prefix information options, which are skipped */
	cr_assert_eq(ndp_of("ndp_ra_opts", &n), 0);
	cr_expect_eq(n.type, 134);
	cr_expect(!n.has_target && n.has_sll && !n.has_tll);
	cr_expect_arr_eq(n.sll, mac2, 6);
}

Test(XK_T_SUITE, ndp_errors)
{
	struct xk_ndp n;

	cr_expect_eq(ndp_of("ndp_ns_opt_len0", &n), XK_EBADLEN);
	cr_expect_eq(ndp_of("icmp6_echo", &n), XK_EUNSUP);
	cr_expect_eq(ndp_of("ipv6_udp", &n), XK_EUNSUP);
}

/* ---- Tunnels ------------------------------------------------------------- */

struct tun_want {
	const char *vec;
	int type;
	unsigned int off, hlen, inner_off, inner_proto, id, has_id, flags;
	unsigned int in_l3_off, in_l4_off, in_sport, in_dport;
	int has_h, in_has_eth;
};

static void check_tunnel(const struct tun_want *w)
{
	XK_T_PKT p = pkt_of(w->vec, NULL);
	XK_T_V(l4) o = {}, in = {};
	XK_T_V(tun) t = {};

	cr_assert_eq(xk_parse_l4(&p, &o), 0, "%s", w->vec);
	cr_assert_eq(xk_parse_tunnel(&p, &o, &t), w->type, "%s", w->vec);
	cr_expect_eq(t.type, w->type, "%s", w->vec);
	cr_expect_eq(t.off, w->off, "%s: off %u", w->vec, t.off);
	cr_expect_eq(t.hlen, w->hlen, "%s: hlen %u", w->vec, t.hlen);
	cr_expect_eq(t.inner_off, w->inner_off, "%s: inner_off %u", w->vec,
		     t.inner_off);
	cr_expect_eq(t.inner_proto, w->inner_proto, "%s", w->vec);
	cr_expect_eq(t.id, w->id, "%s: id %#x", w->vec, t.id);
	cr_expect_eq(t.has_id, w->has_id, "%s", w->vec);
	cr_expect_eq(t.gre_flags, w->flags, "%s: flags %#x", w->vec,
		     t.gre_flags);
	cr_expect_eq(t.h != NULL, w->has_h, "%s", w->vec);
	cr_assert_eq(xk_parse_inner(&p, &t, &in), 0, "%s", w->vec);
	cr_expect_eq(in.inner, 1, "%s", w->vec);
	cr_expect_eq(in.eth.h != NULL, w->in_has_eth, "%s", w->vec);
	cr_expect_eq(in.l3_off, w->in_l3_off, "%s: inner l3_off %u", w->vec,
		     in.l3_off);
	cr_expect_eq(in.l4_off, w->in_l4_off, "%s: inner l4_off %u", w->vec,
		     in.l4_off);
	cr_expect_eq(xk_l4_sport(&in), w->in_sport, "%s", w->vec);
	cr_expect_eq(xk_l4_dport(&in), w->in_dport, "%s", w->vec);
	free_bufs();
}

Test(XK_T_SUITE, tunnels)
{
	static const struct tun_want w[] = {
		/* IP in IP: no tunnel header, the inner IP is at the L4 offset
		 */
		{"ipip_udp", XK_TUN_IPIP, 34, 0, 34, ETH_P_IP, 0, 0, 0, 34, 54,
		 100, 200, 0, 0},
		{"fourin6_icmp", XK_TUN_4IN6, 54, 0, 54, ETH_P_IP, 0, 0, 0, 54,
		 74, 0, 0, 0, 0},
		{"sixin4_tcp", XK_TUN_6IN4, 34, 0, 34, ETH_P_IPV6, 0, 0, 0, 34,
		 74, 101, 201, 0, 0},
		{"ip6ip6_udp", XK_TUN_IP6IP6, 54, 0, 54, ETH_P_IPV6, 0, 0, 0,
		 54, 94, 102, 202, 0, 0},
		{"gre_plain", XK_TUN_GRE, 34, 4, 38, ETH_P_IP, 0, 0, 0, 38, 58,
		 300, 400, 1, 0},
		{"gre_key", XK_TUN_GRE, 34, 8, 42, ETH_P_IP, 0x12345678, 1,
		 0x2000, 42, 62, 300, 400, 1, 0},
		{"gre_csum_key_seq", XK_TUN_GRE, 34, 16, 50, ETH_P_IP,
		 0xabcdef01, 1, 0xb000, 50, 70, 300, 400, 1, 0},
		{"gre_teb", XK_TUN_GRE, 34, 4, 38, ETH_P_TEB, 0, 0, 0, 52, 72,
		 302, 402, 1, 1},
		{"vxlan", XK_TUN_VXLAN, 42, 8, 50, ETH_P_TEB, 42, 1, 0, 64, 84,
		 500, 600, 1, 1},
		{"geneve_options", XK_TUN_GENEVE, 42, 28, 70, ETH_P_TEB, 0x42,
		 1, 0, 84, 104, 500, 600, 1, 1},
		{"geneve_ipv4_inner", XK_TUN_GENEVE, 42, 8, 50, ETH_P_IP, 7, 1,
		 0, 50, 70, 502, 602, 1, 0},
	};
	unsigned int i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		check_tunnel(&w[i]);
}

Test(XK_T_SUITE, tunnel_errors)
{
	static const struct {
		const char *vec;
		int ret, type;
	} t[] = {
		{"gre_version1", XK_EUNSUP, XK_TUN_GRE},
		{"gre_routing", XK_EUNSUP, XK_TUN_GRE},
		{"gre_truncated", XK_ETRUNC, XK_TUN_GRE},
		{"vxlan_no_i_flag", XK_EUNSUP, XK_TUN_VXLAN},
		{"geneve_version1", XK_EUNSUP, XK_TUN_GENEVE},
		{"geneve_options_beyond", XK_ETRUNC, XK_TUN_GENEVE},
		{"ipv4_udp", 0, XK_TUN_NONE},
		{"udp_4790_not_vxlan", 0, XK_TUN_NONE},
		{"ipip_outer_frag_later", 0, XK_TUN_NONE},
	};
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		XK_T_PKT p = pkt_of(t[i].vec, NULL);
		XK_T_V(l4) o = {};
		XK_T_V(tun) tun = {};

		cr_assert_eq(xk_parse_l4(&p, &o), 0, "%s", t[i].vec);
		cr_expect_eq(xk_parse_tunnel(&p, &o, &tun), t[i].ret, "%s",
			     t[i].vec);
		cr_expect_eq(tun.type, t[i].type, "%s", t[i].vec);
		free_bufs();
	}
}
