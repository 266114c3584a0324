// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Every crafted vector through xk_summarize, against the hand-written
 * expectation: over a mutable and a read-only buffer, from L2 and (for a
 * frame with an Ethernet header) from L3 the way a socket filter sees it,
 * and cut at every byte for the vectors marked for a truncation sweep.
 */
#include "helpers.h"

static int summarize_l2(const struct xk_vector *v, unsigned int len, int ro,
			struct xk_summary *s)
{
	unsigned char *buf = xk_t_dup(v->data, len);
	int r;

	if (ro) {
		struct xk_pkt_ro p = xk_pkt_buf_ro(buf, len);

		r = xk_summarize(&p, s);
	} else {
		struct xk_pkt p = xk_pkt_buf(buf, len);

		r = xk_summarize(&p, s);
	}
	free(buf);
	return r;
}

/* Returns the number of vectors that failed; prints each failure. */
static int run_table(int ro)
{
	unsigned int i;
	int failed = 0;

	for (i = 0; i < xk_nvectors; i++) {
		const struct xk_vector *v = &xk_vectors[i];
		struct xk_summary s;
		char why[512];
		int r = summarize_l2(v, v->len, ro, &s);

		if (xk_vec_check(&v->exp, &s, why, sizeof(why)) ||
		    r != v->exp.err) {
			cr_log_error("%s (%s):%s ret %d", v->name,
				     ro ? "buf_ro" : "buf", why, r);
			failed++;
		}
	}
	return failed;
}

Test(vectors, table_not_empty)
{
	cr_assert_gt(xk_nvectors, 100, "vector table has %u entries",
		     xk_nvectors);
}

Test(vectors, summarize_buf)
{
	int failed = run_table(0);

	cr_expect_eq(failed, 0, "%d of %u vectors differ (xk_pkt_buf)", failed,
		     xk_nvectors);
}

Test(vectors, summarize_buf_ro)
{
	int failed = run_table(1);

	cr_expect_eq(failed, 0, "%d of %u vectors differ (xk_pkt_buf_ro)",
		     failed, xk_nvectors);
}

/*
 * From L3: the bytes after the Ethernet header, with the protocol a socket
 * filter is given (skb->protocol). In-frame VLAN tags stay in the data with
 * protocol 0x8100/0x88a8, as eth_type_trans leaves them, so the answers are
 * those of the L2 parse; only an 802.3 frame's l3_proto differs (the
 * length field versus ETH_P_802_2/802_3). Offsets shift by 14.
 */
Test(vectors, start_at_l3_same_answers)
{
	unsigned int i, n = 0;
	int failed = 0;

	for (i = 0; i < xk_nvectors; i++) {
		const struct xk_vector *v = &xk_vectors[i];
		struct xk_vec_expect e = v->exp;
		struct xk_summary s;
		struct xk_l4_ro l2, l3;
		unsigned char *buf;
		char why[512];
		int r2, r3;

		if (v->len < ETH_HLEN)
			continue;
		n++;
		if (xk_t_ethtype(v) < 0x600)
			e.l3_proto = v->sock_proto;
		buf = xk_t_dup(v->data + ETH_HLEN, v->len - ETH_HLEN);
		{
			struct xk_pkt_ro p = xk_pkt_buf_ro_l3(
				buf, v->len - ETH_HLEN, v->sock_proto);

			xk_summarize(&p, &s);
			r3 = xk_parse_l4(&p, &l3);
		}
		if (xk_vec_check(&e, &s, why, sizeof(why))) {
			cr_log_error("%s (from L3):%s", v->name, why);
			failed++;
		}
		free(buf);
		buf = xk_t_dup(v->data, v->len);
		{
			struct xk_pkt_ro p = xk_pkt_buf_ro(buf, v->len);

			r2 = xk_parse_l4(&p, &l2);
		}
		free(buf);
		if (r2 || r3)
			continue;
		if (l3.eth.h != NULL || l3.l3_off + ETH_HLEN != l2.l3_off ||
		    l3.l4_off + ETH_HLEN != l2.l4_off ||
		    l3.eth.nvlan != l2.eth.nvlan ||
		    (l2.l3_end != 0xffff &&
		     l3.l3_end + ETH_HLEN != l2.l3_end)) {
			cr_log_error("%s (from L3): offsets l3 %u/%u l4 %u/%u "
				     "end %u/%u",
				     v->name, l3.l3_off, l2.l3_off, l3.l4_off,
				     l2.l4_off, l3.l3_end, l2.l3_end);
			failed++;
		}
	}
	cr_expect_eq(failed, 0, "%d of %u vectors differ when parsed from L3",
		     failed, n);
}

/*
 * Cut at every length: below need_outer the outer parse must be XK_ETRUNC;
 * from there on it succeeds and a tunnel reports XK_ETRUNC for the inner
 * packet until need_inner; the whole frame gives the full expectation.
 * Each cut is a buffer of exactly that size (ASan sees any overread).
 */
static int sweep_one(const struct xk_vector *v, int ro)
{
	unsigned int n;
	int failed = 0;

	for (n = 0; n <= v->len; n++) {
		struct xk_summary s;
		int want_err = n < v->need_outer ? XK_ETRUNC : v->exp.err;
		int want_terr = 0;
		unsigned int want_tun = 0;
		char why[512] = "";

		summarize_l2(v, n, ro, &s);
		if (n >= v->need_outer && v->exp.tunnel) {
			want_tun = v->exp.tunnel;
			want_terr =
				n < v->need_inner ? XK_ETRUNC : v->exp.tun_err;
		}
		if (n == v->len) {
			if (!xk_vec_check(&v->exp, &s, why, sizeof(why)))
				continue;
		} else if (s.err == want_err && s.tun_err == want_terr &&
			   s.tunnel == want_tun) {
			continue;
		}
		cr_log_error("%s cut at %u (%s): err %d/%d tun_err %d/%d "
			     "tunnel %u/%u%s",
			     v->name, n, ro ? "buf_ro" : "buf", s.err, want_err,
			     s.tun_err, want_terr, s.tunnel, want_tun, why);
		failed++;
	}
	return failed;
}

Test(vectors, truncation_sweep)
{
	unsigned int i, swept = 0, cuts = 0;
	int failed = 0;

	for (i = 0; i < xk_nvectors; i++) {
		const struct xk_vector *v = &xk_vectors[i];

		if (!v->sweep)
			continue;
		swept++;
		cuts += v->len + 1;
		failed += sweep_one(v, 0);
		failed += sweep_one(v, 1);
	}
	cr_assert_geq(swept, 5, "only %u vectors marked for the sweep", swept);
	cr_expect_eq(failed, 0, "%d of %u cuts (x2 contexts) wrong", failed,
		     cuts);
}

/*
 * The TC offloaded tag (skb->vlan_tci) counts in nvlan next to the
 * in-frame tags and shows in the outer Ethernet view, never in a tunnel's
 * inner one. A userspace buffer has no offloaded tag, so the base fields
 * xk_pkt_tc fills are set by hand here.
 */
Test(vectors, offloaded_vlan_tag)
{
	const struct xk_vector *v = xk_t_vec("vlan_ipv4_udp");
	const struct xk_vector *vx = xk_t_vec("vxlan");
	unsigned char *buf = xk_t_dup(v->data, v->len);
	struct xk_pkt p = xk_pkt_buf(buf, v->len);
	struct xk_summary s;
	struct xk_l4 l4 = {}, in = {};
	struct xk_tun t;

	p.b.vlan_present = 1;
	p.b.vlan_tci = 0x2007;
	p.b.vlan_proto = ETH_P_8021AD;
	xk_summarize(&p, &s);
	cr_expect_eq(s.nvlan, 2, "nvlan %u: 1 in-frame + 1 offloaded", s.nvlan);
	cr_expect_eq(s.err, 0);
	cr_expect_eq(s.dport, 2000);
	cr_assert_eq(xk_parse_l4(&p, &l4), 0);
	cr_expect_eq(l4.eth.nvlan, 1);
	cr_expect_eq(l4.eth.offloaded, 1);
	cr_expect_eq(l4.eth.offl_tci, 0x2007);
	cr_expect_eq(l4.eth.offl_tpid, ETH_P_8021AD);
	cr_expect_eq(l4.eth.tci[0] & 0xfff, 100);
	free(buf);

	buf = xk_t_dup(vx->data, vx->len);
	p = xk_pkt_buf(buf, vx->len);
	p.b.vlan_present = 1;
	p.b.vlan_tci = 5;
	p.b.vlan_proto = ETH_P_8021Q;
	cr_assert_eq(xk_parse_l4(&p, &l4), 0);
	cr_assert_eq(xk_parse_tunnel(&p, &l4, &t), XK_TUN_VXLAN);
	cr_assert_eq(xk_parse_inner(&p, &t, &in), 0);
	cr_expect_eq(in.eth.offloaded, 0, "inner frame has no offloaded tag");
	cr_expect_eq(in.eth.nvlan, 0);
	xk_summarize(&p, &s);
	cr_expect_eq(s.nvlan, 1);
	free(buf);
}
