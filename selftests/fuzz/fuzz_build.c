// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * libFuzzer harness over the packet builder (headers/xdpkit/compose.h):
 * the input is a description -- a buffer size, then up to 16 layers, each
 * a kind byte and its fields (ports, flags, option lengths and bytes,
 * address strings picked from good and bad ones, VLAN ids, VNIs, ...). The
 * build goes into a heap buffer of exactly that size (ASan sees one byte
 * past it). What builds must: be no longer than the buffer; be as long as
 * its layers add up to; carry a right IPv4 header checksum and a total
 * length that reaches the end in every IPv4 header; have an IPv6 payload
 * length that does too; and parse (xk_parse_l4) without fault. What does
 * not build must say why with an XK_E* code.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xdpkit/compose.h>
#include <xdpkit/parse.h>

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_build: invariant broken: %s\n", what);
	abort();
}

static const char *const addr4[] = {
	"10.0.0.1", "192.0.2.255", "0.0.0.0", "10.0.0.256", "", NULL, "::1"};
static const char *const addr6[] = {
	"fd00::1", "ff02::1",	     "::", "fd00::zz", "10.0.0.1",
	NULL,	   "1:2:3:4:5:6:7:8"};
static const char *const segs[] = {"fd00::a", "fd00::b", "bad", "fd00::c"};

struct in {
	const uint8_t *p;
	size_t n;
};

static uint8_t byte(struct in *in)
{
	uint8_t b = 0;

	if (in->n) {
		b = *in->p++;
		in->n--;
	}
	return b;
}

static uint16_t u16(struct in *in)
{
	return (uint16_t)(byte(in) << 8 | byte(in));
}

/* @len bytes of the input as option bytes (fewer if it runs out: then
 * the pointer is still valid for @len, from a zeroed pad) */
static const void *bytes(struct in *in, size_t len)
{
	static uint8_t pad[256];
	const void *p = in->n >= len ? in->p : pad;

	if (in->n >= len) {
		in->p += len;
		in->n -= len;
	}
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = {data, size};
	struct xk_layer l[16];
	size_t room = u16(&in) % 2048;
	int n = 0, r, i, off, sz;
	uint8_t *buf;

	memset(l, 0, sizeof(l));
	while (in.n && n < 16) {
		struct xk_layer *x = &l[n++];
		uint8_t k = byte(&in);

		x->kind = (enum xk_layer_kind)(k % 17); /* 0 and 16: invalid */
		switch (x->kind) {
		case XK_L_ETH:
			memcpy(x->eth.dst, bytes(&in, 6), 6);
			x->eth.type = byte(&in) & 1 ? u16(&in) : 0;
			break;
		case XK_L_VLAN:
			x->vlan.id = u16(&in);
			x->vlan.tpid = byte(&in) & 1 ? 0x88a8 : 0;
			break;
		case XK_L_IP4:
			x->ip4.src = addr4[byte(&in) % 7];
			x->ip4.dst = addr4[byte(&in) % 7];
			x->ip4.optlen = byte(&in) % 48;
			x->ip4.opts = byte(&in) & 1 ? bytes(&in, x->ip4.optlen)
						    : NULL;
			x->ip4.frag_off = u16(&in);
			break;
		case XK_L_IP6:
			x->ip6.src = addr6[byte(&in) % 7];
			x->ip6.dst = addr6[byte(&in) % 7];
			x->ip6.flow = u16(&in);
			break;
		case XK_L_UDP:
			x->udp.sport = u16(&in);
			break;
		case XK_L_TCP:
			x->tcp.flags = byte(&in);
			x->tcp.optlen = byte(&in) % 48;
			x->tcp.opts = bytes(&in, x->tcp.optlen);
			break;
		case XK_L_ICMP:
		case XK_L_ICMP6:
			x->icmp.type = byte(&in);
			break;
		case XK_L_RAW:
			x->raw.len = byte(&in);
			x->raw.data =
				byte(&in) & 1 ? bytes(&in, x->raw.len) : NULL;
			break;
		case XK_L_ARP:
			x->arp.op = byte(&in);
			x->arp.spa = addr4[byte(&in) % 7];
			break;
		case XK_L_GRE:
			x->gre.has_key = byte(&in) & 1;
			x->gre.key = u16(&in);
			break;
		case XK_L_VXLAN:
			x->vxlan.vni = u16(&in);
			break;
		case XK_L_IP6EXT:
			x->ext.type =
				(uint8_t[]){0, 60, 43, 44, 7}[byte(&in) % 5];
			x->ext.optlen = byte(&in);
			x->ext.opts = bytes(&in, x->ext.optlen);
			x->ext.naddrs = byte(&in) % 5;
			x->ext.addrs =
				byte(&in) & 1 ? segs + (byte(&in) % 2) : NULL;
			if (x->ext.naddrs > 2)
				x->ext.naddrs = 2; /* segs holds 2 from + 1 */
			x->ext.segleft = u16(&in) % 0x102;
			x->ext.offset = u16(&in) % 0x2100;
			break;
		case XK_L_NDP:
			x->ndp.type = byte(&in);
			x->ndp.target = addr6[byte(&in) % 7];
			x->ndp.flags = u16(&in) % 0x102;
			x->ndp.has_lladdr = byte(&in) & 1;
			break;
		case XK_L_GENEVE:
			x->geneve.vni = u16(&in);
			x->geneve.optlen = byte(&in);
			x->geneve.opts = bytes(&in, x->geneve.optlen);
			break;
		default:
			break;
		}
	}
	if (!n)
		return 0;
	buf = malloc(room ? room : 1);
	if (!buf)
		return 0;
	r = xk_build_layers(buf, room, l, n);
	if (r < 0) {
		if (r != XK_ENOROOM && r != XK_EUNSUP && r != XK_EBADLEN)
			broken("a refusal that is not "
			       "XK_ENOROOM/EUNSUP/EBADLEN");
		free(buf);
		return 0;
	}
	if ((size_t)r > room)
		broken("longer than the buffer");
	for (i = 0, off = 0; i < n; i++) {
		sz = xk__layer_size(&l[i]);
		if (sz < 0)
			broken("built, yet a layer has no size");
		if (l[i].kind == XK_L_IP4) {
			__u16 tot = (__u16)(buf[off + 2] << 8 | buf[off + 3]);

			if (xk_csum_fold(xk_csum_partial(buf + off, sz, 0)))
				broken("an IPv4 header checksum is wrong");
			if (tot != r - off)
				broken("an IPv4 total length misses the end");
		}
		if (l[i].kind == XK_L_IP6 &&
		    (buf[off + 4] << 8 | buf[off + 5]) != r - off - 40)
			broken("an IPv6 payload length misses the end");
		off += sz;
	}
	if (off != r)
		broken("the length is not the layers' sum");
	if (l[0].kind == XK_L_ETH) {
		struct xk_pkt_ro p = xk_pkt_buf_ro(buf, (__u32)r);
		struct xk_l4_ro v;

		xk_parse_l4(&p, &v);
	}
	free(buf);
	return 0;
}
