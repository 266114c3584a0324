/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test frames for BPF_PROG_TEST_RUN: Ethernet + IPv4/IPv6 + TCP/UDP/ICMP,
 * or ARP, with correct lengths (checksums do not matter to the programs
 * under test). Shared by the stats and filter program suites.
 */
#ifndef XK_TEST_PKT_H
#define XK_TEST_PKT_H

#include <arpa/inet.h>
#include <string.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>

struct tpkt {
	unsigned char b[256];
	unsigned int len;
};

/*
 * Headers are built in local structs and copied in: writing them through
 * struct pointers into the byte array would break strict aliasing, and
 * gcc -O2 does drop such stores.
 */
static inline void tpkt_eth(struct tpkt *p, __u16 proto, __u8 dst)
{
	struct ethhdr eth;

	memset(eth.h_dest, dst, 6);
	memset(eth.h_source, 0x04, 6);
	eth.h_proto = htons(proto);
	memcpy(p->b, &eth, sizeof(eth));
}

/* proto: IPPROTO_TCP/UDP/ICMP(V6); src/dst: "10.0.0.1" or "2001:db8::1";
 * payload bytes after the L4 header. */
static inline struct tpkt tpkt_ip(const char *src, const char *dst, int proto,
				  unsigned short dport, unsigned int payload)
{
	struct tpkt p;
	int v6 = strchr(src, ':') != NULL;
	unsigned int l3 = v6 ? 40 : 20, l4, off = 14;

	memset(&p, 0, sizeof(p));
	tpkt_eth(&p, v6 ? ETH_P_IPV6 : ETH_P_IP, 0x02);
	l4 = proto == IPPROTO_TCP ? 20 : 8;
	if (v6) {
		struct ipv6hdr ip6;

		memset(&ip6, 0, sizeof(ip6));
		ip6.version = 6;
		ip6.payload_len = htons(l4 + payload);
		ip6.nexthdr = proto;
		ip6.hop_limit = 64;
		inet_pton(AF_INET6, src, &ip6.saddr);
		inet_pton(AF_INET6, dst, &ip6.daddr);
		memcpy(p.b + off, &ip6, sizeof(ip6));
	} else {
		struct iphdr ip;

		memset(&ip, 0, sizeof(ip));
		ip.version = 4;
		ip.ihl = 5;
		ip.tot_len = htons(l3 + l4 + payload);
		ip.ttl = 64;
		ip.protocol = proto;
		inet_pton(AF_INET, src, &ip.saddr);
		inet_pton(AF_INET, dst, &ip.daddr);
		memcpy(p.b + off, &ip, sizeof(ip));
	}
	off += l3;
	if (proto == IPPROTO_TCP) {
		struct tcphdr t;

		memset(&t, 0, sizeof(t));
		t.source = htons(40000);
		t.dest = htons(dport);
		t.doff = 5;
		t.syn = 1;
		memcpy(p.b + off, &t, sizeof(t));
	} else if (proto == IPPROTO_UDP) {
		struct udphdr u;

		memset(&u, 0, sizeof(u));
		u.source = htons(40000);
		u.dest = htons(dport);
		u.len = htons(8 + payload);
		memcpy(p.b + off, &u, sizeof(u));
	} else {
		p.b[off] = v6 ? 128 : 8; /* echo request */
	}
	p.len = off + l4 + payload;
	if (p.len < 60)
		p.len = 60; /* Ethernet minimum: trailing padding */
	return p;
}

static inline struct tpkt tpkt_arp(void)
{
	struct tpkt p;

	memset(&p, 0, sizeof(p));
	tpkt_eth(&p, ETH_P_ARP, 0xff);
	p.b[14] = 0;
	p.b[15] = 1; /* Ethernet */
	p.b[16] = 8;
	p.b[17] = 0; /* IPv4 */
	p.b[18] = 6;
	p.b[19] = 4;
	p.b[21] = 1; /* request */
	p.len = 60;
	return p;
}

#endif
