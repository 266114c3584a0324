// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * libFuzzer harness over the rewrites of headers/xdpkit (rewrite.h,
 * encap.h) on a userspace buffer with headroom, as an AF_XDP frame has.
 *
 * Input: one byte N (ops, at most 8), then N ops of 1 + 20 bytes (which
 * rewrite, and its arguments), then the packet. The packet sits at the end
 * of its own allocation, so ASan sees any byte read or written past it.
 *
 * Checksums are checked by a small parser and summer of this file, not by
 * the code under test: a valid IPv4 header checksum and a valid (or, for
 * UDP over IPv4, zero) L4 checksum stay so through every in-place rewrite
 * and VLAN push/pop; an encapsulation's outer IPv4 header has a valid
 * checksum; encapsulating then decapsulating gives back the very bytes;
 * a rewrite that fails changes nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xdpkit/encap.h>

#define HEADROOM 256
#define OP_BYTES 21

static void broken(const char *what, int op)
{
	fprintf(stderr, "fuzz_rewrite: invariant broken after op %d: %s\n", op,
		what);
	abort();
}

/* ---- the independent checker ------------------------------------------ */

enum { UNKNOWN = -1, BAD = 0, GOOD = 1, ZERO = 2 };

struct state {
	int ip4; /* the outer IPv4 header checksum */
	int l4;	 /* its L4 checksum (ZERO: UDP over IPv4 without one) */
};

static __u16 be16(const __u8 *p)
{
	return (__u16)(p[0] << 8 | p[1]);
}

static __u32 sum(const __u8 *p, __u32 len, __u32 s)
{
	__u32 i;

	for (i = 0; i + 1 < len; i += 2)
		s += be16(p + i);
	if (len & 1)
		s += (__u32)p[len - 1] << 8;
	return s;
}

static __u16 fold(__u32 s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (__u16)s;
}

static struct state check(const __u8 *p, __u32 len)
{
	struct state st = {UNKNOWN, UNKNOWN};
	__u32 off = 14, l4, l4len, ihl, tot, s;
	__u16 et;
	__u8 proto;
	int depth;

	if (len < 14)
		return st;
	et = be16(p + 12);
	for (depth = 0; (et == 0x8100 || et == 0x88a8) && depth < 8; depth++) {
		if (off + 4 > len)
			return st;
		et = be16(p + off + 2);
		off += 4;
	}
	if (et == 0x0800) {
		if (off + 20 > len || p[off] >> 4 != 4)
			return st;
		ihl = (p[off] & 15) * 4u;
		if (ihl < 20 || off + ihl > len)
			return st;
		st.ip4 = fold(sum(p + off, ihl, 0)) == 0xffff ? GOOD : BAD;
		tot = be16(p + off + 2);
		if (tot < ihl || off + tot > len ||
		    (be16(p + off + 6) & 0x3fff))
			return st; /* cut short, or a fragment */
		proto = p[off + 9];
		l4 = off + ihl;
		l4len = tot - ihl;
		s = sum(p + off + 12, 8, 0);
	} else if (et == 0x86dd) {
		if (off + 40 > len || p[off] >> 4 != 6)
			return st;
		l4len = be16(p + off + 4);
		if (!l4len || off + 40 + l4len > len)
			return st;
		proto = p[off + 6];
		l4 = off + 40;
		s = sum(p + off + 8, 32, 0);
	} else {
		return st;
	}
	if ((proto == 6 && l4len < 20) || (proto == 17 && l4len < 8) ||
	    ((proto == 1 || proto == 58) && l4len < 4) ||
	    (proto != 6 && proto != 17 && proto != 1 && proto != 58) ||
	    (proto == 1 && et != 0x0800) || (proto == 58 && et != 0x86dd))
		return st;
	if (proto == 17 && et == 0x0800 && !be16(p + l4 + 6)) {
		st.l4 = ZERO;
		return st;
	}
	if (proto == 17 && et == 0x86dd && !be16(p + l4 + 6)) {
		st.l4 = BAD; /* never valid over IPv6 */
		return st;
	}
	s = proto == 1 ? 0 : s + proto + l4len;
	st.l4 = fold(sum(p + l4, l4len, s)) == 0xffff ? GOOD : BAD;
	return st;
}

/* ---- the rewrites ------------------------------------------------------ */

enum {
	OP_SPORT,
	OP_DPORT,
	OP_SADDR4,
	OP_DADDR4,
	OP_SADDR6,
	OP_DADDR6,
	OP_TTL,
	OP_DSCP,
	OP_ECN,
	OP_ETH_DST,
	OP_ETH_SRC,
	OP_ETH_SWAP,
	OP_ECHO,
	OP_VLAN_POP,
	OP_VLAN_PUSH,
	OP_IP_ENCAP,
	OP_GRE_ENCAP,
	OP_VXLAN_ENCAP,
	OP_DECAP,
	OP_NR
};

static int in_place(int op)
{
	return op <= OP_ECHO;
}

static void encap_of(const __u8 *a, struct xk_encap *e)
{
	memset(e, 0, sizeof(*e));
	e->family = a[0] & 1 ? ETH_P_IPV6 : ETH_P_IP;
	e->ttl = a[1];
	e->tos = a[2];
	memcpy(&e->saddr, a + 3, 8);
	memcpy(&e->daddr, a + 11, 8);
	e->has_key = a[19] & 1;
	e->key = a[19] * 0x01010101u;
	e->vni = a[19] & 0xfe;
	e->sport = (__u16)(a[1] << 8 | a[19]);
	memcpy(e->smac, a + 3, 6);
	memcpy(e->dmac, a + 9, 6);
}

static int apply(struct xk_pkt *pkt, struct xk_l4 *l4, int op, const __u8 *a)
{
	struct in6_addr a6;
	struct xk_encap e;
	struct xk_tun t;
	__be32 a4;
	__u16 port = (__u16)(a[0] << 8 | a[1]);
	int r;

	memcpy(&a4, a, 4);
	memcpy(&a6, a, 16);
	switch (op) {
	case OP_SPORT:
		return xk_l4_set_sport(pkt, l4, port);
	case OP_DPORT:
		return xk_l4_set_dport(pkt, l4, port);
	case OP_SADDR4:
		return xk_ip4_set_saddr(pkt, l4, a4);
	case OP_DADDR4:
		return xk_ip4_set_daddr(pkt, l4, a4);
	case OP_SADDR6:
		return xk_ip6_set_saddr(pkt, l4, &a6);
	case OP_DADDR6:
		return xk_ip6_set_daddr(pkt, l4, &a6);
	case OP_TTL:
		r = xk_ip_dec_ttl(pkt, l4);
		return r == 1 ? XK_EUNSUP : r; /* 1: TTL <= 1, unchanged */
	case OP_DSCP:
		return xk_ip_set_dscp(pkt, l4, a[0]);
	case OP_ECN:
		return xk_ip_set_ecn(pkt, l4, a[0]);
	case OP_ETH_DST:
		return xk_eth_set_dst(pkt, l4, a);
	case OP_ETH_SRC:
		return xk_eth_set_src(pkt, l4, a);
	case OP_ETH_SWAP:
		return xk_eth_swap(pkt, l4);
	case OP_ECHO:
		return xk_icmp_echo_reply(pkt, l4);
	case OP_VLAN_POP:
		return xk_vlan_pop(pkt, l4);
	case OP_VLAN_PUSH:
		return xk_vlan_push(
			pkt, l4, a[2] & 1 ? ETH_P_8021AD : ETH_P_8021Q, port);
	case OP_IP_ENCAP:
		encap_of(a, &e);
		return xk_ip_encap(pkt, l4, &e);
	case OP_GRE_ENCAP:
		encap_of(a, &e);
		return xk_gre_encap(pkt, l4, &e);
	case OP_VXLAN_ENCAP:
		encap_of(a, &e);
		return xk_vxlan_encap(pkt, l4, &e);
	default:
		r = xk_parse_tunnel(pkt, l4, &t);
		if (r <= 0)
			return XK_EUNSUP;
		return xk_decap(pkt, l4, &t);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	__u8 *frame, *before;
	__u32 len, nops, i, blen;
	struct xk_pkt pkt;
	struct xk_l4 l4;

	if (size < 1)
		return 0;
	nops = data[0] % 9;
	if (size < 1 + nops * OP_BYTES || size > 4096)
		return -1;
	len = (__u32)(size - 1 - nops * OP_BYTES);
	frame = malloc(HEADROOM + len + 1);
	before = malloc(HEADROOM + len + 1);
	if (!frame || !before)
		abort();
	memcpy(frame + HEADROOM, data + 1 + nops * OP_BYTES, len);
	pkt = xk_pkt_buf_room(frame, HEADROOM + len, HEADROOM, len);
	if (xk_parse_l4(&pkt, &l4))
		goto out;
	for (i = 0; i < nops; i++) {
		const __u8 *a = data + 1 + i * OP_BYTES;
		int op = a[0] % OP_NR, r, roundtrip;
		struct state s0 = check(pkt.b.data, pkt.b.end - pkt.b.data), s1;
		struct xk_pkt p0 = pkt;

		blen = (__u32)(pkt.b.end - pkt.b.data);
		memcpy(before, pkt.b.data, blen);
		roundtrip = op == OP_IP_ENCAP || op == OP_GRE_ENCAP ||
			    op == OP_VXLAN_ENCAP;
		r = apply(&pkt, &l4, op, a + 1);
#ifdef XK_FUZZ_DEBUG
		fprintf(stderr, "op %d -> %d, len %u -> %u, data moved %ld\n",
			op, r, blen, (__u32)(pkt.b.end - pkt.b.data),
			(long)(pkt.b.data - p0.b.data));
#endif
		if (r) {
			if (pkt.b.data != p0.b.data || pkt.b.end != p0.b.end ||
			    memcmp(before, pkt.b.data, blen))
				broken("a failed rewrite changed the packet",
				       op);
			if (xk_parse_l4(&pkt, &l4))
				break;
			continue;
		}
		if (pkt.b.data < frame || pkt.b.end > frame + HEADROOM + len ||
		    pkt.b.data > pkt.b.end)
			broken("packet bounds inside the frame", op);
		s1 = check(pkt.b.data, pkt.b.end - pkt.b.data);
		if (in_place(op) || op == OP_VLAN_POP || op == OP_VLAN_PUSH) {
			if (s0.ip4 == GOOD && s1.ip4 != GOOD)
				broken("IPv4 header checksum kept valid", op);
			if ((s0.l4 == GOOD || s0.l4 == ZERO) && s1.l4 != s0.l4)
				broken("L4 checksum kept valid (zero stays "
				       "zero over IPv4)",
				       op);
		}
		if (in_place(op) &&
		    (pkt.b.data != p0.b.data || pkt.b.end != p0.b.end))
			broken("an in-place rewrite keeps the length", op);
		if (roundtrip) {
			struct xk_tun t;

			if (op != OP_VXLAN_ENCAP && a[1] % 2 == 0 &&
			    s1.ip4 != GOOD)
				broken("the outer IPv4 checksum is valid", op);
			if (xk_parse_tunnel(&pkt, &l4, &t) <= 0)
				broken("an encapsulation parses as a tunnel",
				       op);
			if (xk_decap(&pkt, &l4, &t))
				broken("an encapsulation decapsulates", op);
			if ((__u32)(pkt.b.end - pkt.b.data) != blen ||
			    memcmp(before, pkt.b.data, blen))
				broken("encap then decap gives the bytes back",
				       op);
		}
		if (xk_parse_l4(&pkt, &l4))
			break;
	}
out:
	free(frame);
	free(before);
	return 0;
}
