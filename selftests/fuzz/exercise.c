// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Every host parser over one input, and the invariants any input must keep
 * (see exercise.h). The checks are the contract of headers/xdpkit as its
 * comments state it: results within the enums, offsets inside the buffer,
 * the whole-stack parser agreeing with the stepwise parsers it is built
 * from, read-only and mutable contexts agreeing, and a frame parsed from L2
 * agreeing with the same bytes parsed from L3.
 */
#include <stdlib.h>
#include <string.h>
#include "exercise.h"

#define XK__STR2(x) #x
#define XK__STR(x)  XK__STR2(x)
/* A broken invariant names its line: the report is the reproducer's key. */
#define CHECK(c)                                                               \
	do {                                                                   \
		if (!(c))                                                      \
			return "exercise.c:" XK__STR(__LINE__) ": " #c;        \
	} while (0)
#define TRY(e)                                                                 \
	do {                                                                   \
		const char *f_ = (e);                                          \
		if (f_)                                                        \
			return f_;                                             \
	} while (0)

/* Tunnels nested deeper than this are not followed (each level parses). */
#define XK_EX_TUN_DEPTH 4

static const char *const err_names[] = {
	"ok", "ETRUNC", "EBADLEN", "EDEPTH", "EVERSION", "EUNSUP",
};

const char *xk_ex_err_name(int err)
{
	if (err > 0 || err < XK_EUNSUP)
		return NULL;
	return err_names[-err];
}

static int err_ok(int e)
{
	return xk_ex_err_name(e) != NULL;
}

static int l4_ok(__u8 p)
{
	return p == 0 || p == IPPROTO_TCP || p == IPPROTO_UDP ||
	       p == IPPROTO_ICMP || p == IPPROTO_ICMPV6;
}

static int has_ports(__u8 p)
{
	return p == IPPROTO_TCP || p == IPPROTO_UDP;
}

static int is_ip(__u16 l3)
{
	return l3 == ETH_P_IP || l3 == ETH_P_IPV6;
}

/* The ethertype a summary reports for a stack: l3_proto names only what
 * was parsed (IP, IPv6, ARP), eth.proto holds any ethertype. */
static __u16 l3_of(const struct xk_l4_ro *v)
{
	return v->l3_proto ? v->l3_proto : v->eth.proto;
}

/* One layer of a summary (outer or inner): what it may say at all. */
static const char *check_layer(__u16 l3, __u8 ipp, __u8 l4, __u8 frag, __u16 sp,
			       __u16 dp)
{
	CHECK(l4_ok(l4));
	CHECK(l4 == 0 || l4 == ipp);
	CHECK(has_ports(l4) || (sp == 0 && dp == 0));
	CHECK(frag <= XK_FRAG_LATER);
	CHECK(frag != XK_FRAG_LATER || l4 == 0);
	CHECK(is_ip(l3) || (ipp == 0 && l4 == 0 && frag == 0));
	return NULL;
}

static const char *check_summary(const struct xk_summary *s)
{
	CHECK(err_ok(s->err));
	CHECK(err_ok(s->tun_err));
	CHECK(s->tunnel <= XK_TUN_GENEVE);
	CHECK(s->nvlan <= XK_VLAN_MAX_DEPTH);
	TRY(check_layer(s->l3_proto, s->ip_proto, s->l4_proto, s->frag,
			s->sport, s->dport));
	TRY(check_layer(s->inner_l3_proto, s->inner_ip_proto, s->inner_l4_proto,
			s->inner_frag, s->inner_sport, s->inner_dport));
	/* nothing behind a failed stack or a later fragment */
	if (s->err || s->frag == XK_FRAG_LATER)
		CHECK(s->tunnel == 0 && s->tun_err == 0);
	if (s->tunnel == 0)
		CHECK(s->tun_err == 0 && s->inner_l3_proto == 0 &&
		      s->inner_ip_proto == 0 && s->tun_id == 0);
	if (s->tunnel == XK_TUN_VXLAN || s->tunnel == XK_TUN_GENEVE)
		CHECK(s->tun_id <= 0xffffff);
	if (s->tunnel && s->tunnel != XK_TUN_GRE && s->tunnel != XK_TUN_VXLAN &&
	    s->tunnel != XK_TUN_GENEVE)
		CHECK(s->tun_id == 0);
	return NULL;
}

/* The L4 views of a stack, and the parsers that run behind them. */
static const char *check_l4(struct xk_pkt_ro *p, const struct xk_l4_ro *v,
			    int r, __u32 len)
{
	CHECK(err_ok(r));
	CHECK(l4_ok(v->proto));
	CHECK(v->frag <= XK_FRAG_LATER);
	if (r)
		return NULL;
	CHECK(v->l3_off <= v->l4_off && v->l4_off <= len);
	if (v->proto == IPPROTO_TCP) {
		struct xk_tcp_opts o;
		int ro;

		CHECK(v->tcp.off == v->l4_off && v->tcp.hlen >= 20 &&
		      v->tcp.hlen <= 60);
		CHECK(v->tcp.off + v->tcp.hlen <= len);
		CHECK(v->tcp.off + v->tcp.hlen <= v->l3_end);
		ro = xk_tcp_opts(p, &v->tcp, &o);
		CHECK(ro == 0 || ro == XK_ETRUNC || ro == XK_EBADLEN);
		CHECK(o.has_wscale <= 1 && o.sack_ok <= 1 && o.has_ts <= 1);
	} else if (v->proto == IPPROTO_UDP) {
		CHECK(v->udp.off == v->l4_off && v->udp.off + 8 <= len);
	} else if (v->proto == IPPROTO_ICMP) {
		CHECK(v->icmp.off == v->l4_off && v->icmp.off + 8 <= len);
	} else if (v->proto == IPPROTO_ICMPV6) {
		struct xk_ndp n;
		__u8 type = v->icmp6.h->icmp6_type;
		int rn;

		CHECK(v->icmp6.off == v->l4_off && v->icmp6.off + 8 <= len);
		rn = xk_parse_ndp(p, v, &n);
		CHECK(rn == 0 || rn == XK_ETRUNC || rn == XK_EBADLEN ||
		      rn == XK_EUNSUP);
		CHECK((type >= 133 && type <= 137) == (rn != XK_EUNSUP));
		CHECK(n.type == type);
		CHECK(rn || n.has_target == (type >= 135 && type <= 137));
	}
	return NULL;
}

/* L4 parsers at @off over whatever bytes are there (not only where the
 * stack says that protocol is): each must stay in bounds on any input. */
static const char *check_l4_steps(struct xk_pkt *p, __u32 off, __u32 len)
{
	struct xk_tcp tcp;
	struct xk_udp udp;
	struct xk_icmp icmp;
	struct xk_icmp6 icmp6;
	struct xk_tcp_opts o;
	__u32 o2;
	int r;

	o2 = off;
	r = xk_parse_tcp(p, &o2, &tcp);
	CHECK(r == 0 || r == XK_ETRUNC || r == XK_EBADLEN);
	if (!r) {
		CHECK(o2 == off + tcp.hlen && o2 <= len);
		r = xk_tcp_opts(p, &tcp, &o);
		CHECK(r == 0 || r == XK_ETRUNC || r == XK_EBADLEN);
	}
	o2 = off;
	r = xk_parse_udp(p, &o2, &udp);
	CHECK(r == 0 || r == XK_ETRUNC || r == XK_EBADLEN);
	CHECK(r || (o2 == off + 8 && o2 <= len));
	o2 = off;
	r = xk_parse_icmp(p, &o2, &icmp);
	CHECK(r == 0 || r == XK_ETRUNC);
	CHECK(r || (o2 == off + 8 && o2 <= len));
	o2 = off;
	r = xk_parse_icmp6(p, &o2, &icmp6);
	CHECK(r == 0 || r == XK_ETRUNC);
	CHECK(r || (o2 == off + 8 && o2 <= len));
	return NULL;
}

/*
 * The stepwise parsers from the start of a frame, checked against the
 * whole-stack view @v (result @r) built from them.
 */
static const char *check_steps(struct xk_pkt_ro *p, const struct xk_l4_ro *v,
			       int r, __u32 len)
{
	struct xk_eth_ro eth;
	struct xk_ip4_ro ip4;
	struct xk_ip6_ro ip6;
	struct xk_arp_ro arp;
	__u32 off = 0, o2;
	int re, ri;

	re = xk_parse_eth(p, &off, &eth);
	CHECK(re == XK_ETRUNC || re == XK_EDEPTH || re >= 0);
	if (re < 0) {
		CHECK(re == r);
		return NULL;
	}
	CHECK(off == eth.hlen && off <= len && eth.nvlan <= XK_VLAN_MAX_DEPTH);
	CHECK(off == 14u + 4u * eth.nvlan);
	CHECK(re == eth.proto && re == l3_of(v) && off == v->l3_off);

	/* every L3 parser at the L3 offset, whatever the ethertype says */
	o2 = off;
	ri = xk_parse_ip4(p, &o2, &ip4);
	CHECK(ri >= 0 || ri == XK_ETRUNC || ri == XK_EBADLEN ||
	      ri == XK_EVERSION);
	if (ri >= 0) {
		CHECK(ip4.hlen >= 20 && ip4.hlen <= 60);
		CHECK(o2 == off + ip4.hlen && o2 <= len);
		CHECK(ip4.frag <= XK_FRAG_LATER);
	}
	if (re == ETH_P_IP) {
		CHECK(ri < 0 ? ri == r : ri == v->ip_proto);
		CHECK(ri < 0 || (o2 == v->l4_off && ip4.frag == v->frag));
	}
	o2 = off;
	ri = xk_parse_ip6(p, &o2, &ip6);
	CHECK(ri >= 0 || ri == XK_ETRUNC || ri == XK_EBADLEN ||
	      ri == XK_EVERSION || ri == XK_EDEPTH);
	if (ri >= 0) {
		CHECK(o2 == off + ip6.hlen && o2 <= len && ip6.hlen >= 40);
		CHECK(ip6.nexthdrs <= XK_IPV6_EXT_MAX);
		CHECK(ip6.frag <= XK_FRAG_LATER);
		CHECK(ip6.frag == XK_FRAG_NONE || ip6.frag_hdr > off);
	}
	if (re == ETH_P_IPV6) {
		CHECK(ri < 0 ? ri == r : ri == v->ip_proto);
		CHECK(ri < 0 || (o2 == v->l4_off && ip6.frag == v->frag));
	}
	o2 = off;
	ri = xk_parse_arp(p, &o2, &arp);
	CHECK(ri == 0 || ri == XK_ETRUNC);
	CHECK(ri || (o2 <= len && o2 > off));
	if (re == ETH_P_ARP)
		CHECK(ri == r);
	return NULL;
}

/* Tunnels behind a parsed stack, down every nested level. */
static const char *check_tunnels(struct xk_pkt_ro *p,
				 const struct xk_l4_ro *outer,
				 const struct xk_summary *s, __u32 len)
{
	struct xk_l4_ro cur = *outer, in;
	struct xk_tun_ro t;
	int lvl, tr, ir;

	for (lvl = 0; lvl < XK_EX_TUN_DEPTH; lvl++) {
		tr = xk_parse_tunnel(p, &cur, &t);
		CHECK(tr >= XK_EUNSUP && tr <= XK_TUN_GENEVE);
		if (lvl == 0)
			CHECK(tr < 0 ? s->tun_err == tr : s->tunnel == tr);
		if (tr <= 0)
			return NULL;
		CHECK(t.type == tr);
		CHECK(t.off >= cur.l4_off && t.off <= t.inner_off);
		CHECK(t.inner_off <= len);
		CHECK(t.has_id || t.id == 0);
		ir = xk_parse_inner(p, &t, &in);
		CHECK(err_ok(ir) && in.inner == 1);
		if (lvl == 0) {
			CHECK(ir == s->tun_err && s->tun_id == t.id);
			CHECK(l3_of(&in) == s->inner_l3_proto &&
			      in.ip_proto == s->inner_ip_proto &&
			      in.proto == s->inner_l4_proto &&
			      in.frag == s->inner_frag);
		}
		TRY(check_l4(p, &in, ir, len));
		if (ir)
			return NULL;
		CHECK(in.l3_off >= t.inner_off);
		cur = in;
	}
	return NULL;
}

const char *xk_ex_l3(const __u8 *data, __u32 len, __u16 ethertype,
		     struct xk_summary *sum)
{
	struct xk_pkt_ro p = xk_pkt_buf_ro_l3(data, len, ethertype);
	struct xk_l4_ro v;
	int r;

	xk_summarize(&p, sum);
	TRY(check_summary(sum));
	r = xk_parse_l4(&p, &v);
	CHECK(r == sum->err && l3_of(&v) == sum->l3_proto);
	CHECK(v.eth.h == NULL && v.eth.nvlan == sum->nvlan);
	TRY(check_l4(&p, &v, r, len));
	if (r == 0) {
		CHECK(v.l3_off == 4u * v.eth.nvlan);
		TRY(check_tunnels(&p, &v, sum, len));
	}
	return NULL;
}

static const char *frame(const __u8 *data, __u32 len, __u8 *copy,
			 struct xk_summary *sum)
{
	struct xk_pkt_ro ro = xk_pkt_buf_ro(data, len);
	struct xk_pkt rw = xk_pkt_buf(copy, len);
	struct xk_summary srw, s3;
	struct xk_l4_ro v;
	struct xk_l4 vw;
	int r, rw_r;

	xk_summarize(&ro, sum);
	xk_summarize(&rw, &srw);
	CHECK(memcmp(sum, &srw, sizeof(srw)) == 0);
	TRY(check_summary(sum));

	r = xk_parse_l4(&ro, &v);
	CHECK(r == sum->err && l3_of(&v) == sum->l3_proto &&
	      v.ip_proto == sum->ip_proto && v.proto == sum->l4_proto &&
	      v.frag == sum->frag && v.eth.nvlan == sum->nvlan);
	CHECK(xk_l4_sport(&v) == sum->sport && xk_l4_dport(&v) == sum->dport);
	TRY(check_l4(&ro, &v, r, len));
	TRY(check_steps(&ro, &v, r, len));

	/* the mutable context gives the same views */
	rw_r = xk_parse_l4(&rw, &vw);
	CHECK(rw_r == r);
	CHECK(r || (vw.l3_off == v.l3_off && vw.l4_off == v.l4_off &&
		    vw.l3_end == v.l3_end));
	if (r == 0) {
		TRY(check_l4_steps(&rw, vw.l4_off, len));
		TRY(check_tunnels(&ro, &v, sum, len));
	}

	/* the same bytes from L3 on, as a socket filter would see them; only
	 * where no offset can reach XK_MAX_OFF, which shifts by 14 */
	if (len >= ETH_HLEN && len <= XK_MAX_OFF) {
		__u16 proto = (__u16)((data[12] << 8) | data[13]);

		TRY(xk_ex_l3(data + ETH_HLEN, len - ETH_HLEN, proto, &s3));
		CHECK(memcmp(sum, &s3, sizeof(s3)) == 0);
	}
	return NULL;
}

const char *xk_ex_frame(const __u8 *data, __u32 len, struct xk_summary *sum)
{
	/* the mutable context gets its own exact-size copy: ASan then sees
	 * an overread there too, and a parser that writes is caught below */
	__u8 *copy = malloc(len ? len : 1);
	const char *fail;

	if (!copy)
		return "exercise.c: out of memory";
	memcpy(copy, data, len);
	fail = frame(data, len, copy, sum);
	if (!fail && memcmp(copy, data, len))
		fail = "exercise.c: a parser wrote to the packet";
	free(copy);
	return fail;
}
