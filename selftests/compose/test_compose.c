// SPDX-License-Identifier: GPL-2.0
/*
 * The packet builder against scapy: every case's xk_build() output equals
 * scapy's bytes for the same description (defaults, lengths, checksums);
 * our parsers read every packet back (ports, protocol); too small a buffer
 * is XK_ENOROOM with nothing written past it; layers that do not stack
 * and bad options are refused. With a file name, every packet that starts
 * at Ethernet is also written there as a pcap, for tshark to dissect.
 */
#include <stdio.h>
#include <string.h>
#include <xdpkit/parse.h>
#include "cases.h"

static int fails;
static FILE *pcap;

/* one pcap record (the global header is written by main) */
static void pcap_put(const __u8 *p, int n)
{
	__u32 rec[4] = {0, 0, (__u32)n, (__u32)n};

	fwrite(rec, sizeof(rec), 1, pcap);
	fwrite(p, 1, (size_t)n, pcap);
}

#define CHECK(c, ...)                                                          \
	do {                                                                   \
		if (!(c)) {                                                    \
			fails++;                                               \
			printf("  FAIL " __VA_ARGS__);                         \
			printf("\n");                                          \
		}                                                              \
	} while (0)

static void one(const struct compose_case *c)
{
	__u8 buf[2048], small[2048];
	struct xk_pkt_ro p;
	struct xk_l4_ro l4;
	int n, r, i;

	memset(buf, 0xa5, sizeof(buf));
	n = c->build(buf, sizeof(buf));
	CHECK(n == (int)c->len, "%s: built %d bytes, scapy %zu", c->name, n,
	      c->len);
	if (n != (int)c->len)
		return;
	for (i = 0; i < n && buf[i] == c->want[i]; i++)
		;
	CHECK(i == n, "%s: differs from scapy at byte %d (%02x, scapy %02x)",
	      c->name, i, buf[i], c->want[i]);
	CHECK(buf[n] == 0xa5, "%s: wrote past its length", c->name);
	/* read back */
	p = c->l3 ? xk_pkt_buf_ro_l3(buf, n, ETH_P_IP) : xk_pkt_buf_ro(buf, n);
	r = xk_parse_l4(&p, &l4);
	CHECK(r == 0, "%s: xk_parse_l4 = %d", c->name, r);
	CHECK(l4.ip_proto == c->ip_proto, "%s: ip_proto %d, want %d", c->name,
	      l4.ip_proto, c->ip_proto);
	CHECK(xk_l4_sport(&l4) == c->sport && xk_l4_dport(&l4) == c->dport,
	      "%s: ports %u>%u, want %d>%d", c->name, xk_l4_sport(&l4),
	      xk_l4_dport(&l4), c->sport, c->dport);
	/* one byte short: refused, nothing written */
	memset(small, 0x5a, sizeof(small));
	r = c->build(small, n - 1);
	CHECK(r == XK_ENOROOM, "%s: %d bytes of room gives %d", c->name, n - 1,
	      r);
	for (i = 0; i < (int)sizeof(small) && small[i] == 0x5a; i++)
		;
	CHECK(i == (int)sizeof(small), "%s: a refused build wrote byte %d",
	      c->name, i);
	if (pcap && !c->l3)
		pcap_put(buf, n);
	if (!fails)
		printf("  ok   %s: %d bytes, equal to scapy's, parsed back\n",
		       c->name, n);
}

int main(int argc, char **argv)
{
	static const __u8 opt3[3] = {1, 1, 1};
	/* pcap: magic, 2.4, zone, sigfigs, snaplen 65535, Ethernet */
	static const __u32 ghdr[6] = {0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1};
	__u8 buf[256];
	int k = 0, r;

	if (argc > 1) {
		pcap = fopen(argv[1], "wb");
		if (!pcap) {
			perror(argv[1]);
			return 1;
		}
		fwrite(ghdr, sizeof(ghdr), 1, pcap);
	}

	for (const struct compose_case *c = compose_cases; c->name; c++, k++)
		one(c);
	r = xk_build(buf, sizeof(buf), XK_ETH(), XK_UDP());
	CHECK(r == XK_EUNSUP, "UDP behind Ethernet: %d", r);
	r = xk_build(buf, sizeof(buf), XK_IP4(), XK_ICMP6());
	CHECK(r == XK_EUNSUP, "ICMPv6 behind IPv4: %d", r);
	r = xk_build(buf, sizeof(buf), XK_IP4(), XK_RAW(opt3, 3), XK_UDP());
	CHECK(r == XK_EUNSUP, "a layer after raw bytes: %d", r);
	r = xk_build(buf, sizeof(buf), XK_IP4(.opts = opt3, .optlen = 3));
	CHECK(r == XK_EBADLEN, "IPv4 options of 3 bytes: %d", r);
	r = xk_build(buf, sizeof(buf), XK_IP4(.dst = "10.0.0.300"));
	CHECK(r == XK_EBADLEN, "a bad address: %d", r);
	{
		static const char *const bad6[1] = {"fd00::zz"};

		r = xk_build(buf, sizeof(buf), XK_IP6(),
			     XK_RH(.addrs = bad6, .naddrs = 1));
		CHECK(r == XK_EBADLEN, "a bad routing header address: %d", r);
	}
	r = xk_build(buf, sizeof(buf), XK_IP4(), XK_NDP());
	CHECK(r == XK_EUNSUP, "NDP behind IPv4: %d", r);
	r = xk_build(buf, sizeof(buf), XK_IP6(), XK_NDP(.type = 137));
	CHECK(r == XK_EUNSUP, "NDP type 137 (redirect): %d", r);
	r = xk_build(buf, sizeof(buf), XK_IP4(), XK_UDP(),
		     XK_GENEVE(.opts = opt3, .optlen = 3));
	CHECK(r == XK_EBADLEN, "Geneve options of 3 bytes: %d", r);
	r = xk_build(buf, sizeof(buf), XK_IP4(), XK_HBH());
	CHECK(r == XK_EUNSUP, "a hop-by-hop header behind IPv4: %d", r);
	if (pcap)
		fclose(pcap);
	printf("compose: %d cases against scapy, %s\n", k,
	       fails ? "FAIL" : "PASS");
	return fails ? 1 : 0;
}
