// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The wire side of a datagram: check a received frame from Ethernet to the
 * UDP checksum (with the parsers of headers/, on the frame in place), and
 * build Ethernet [+ 802.1Q] + IPv4/IPv6 + UDP headers in front of a payload
 * with every checksum computed.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <xdpkit/parse.h>
#include <xdpkit/csum.h>
#include "internal.h"

int xk_stack__verify(struct xk_stack *s, struct xk_dgram *d, void *frame,
		     __u32 len, struct xk_l4 *tl4)
{
	struct xk_pkt pkt = xk_pkt_buf(frame, len);
	struct xk_stack_stats *st = &s->st;
	const __u8 *sa, *da;
	struct xk_l4 l4;
	__u32 ulen, end, sum;
	int r, family, alen;
	__u16 check;

	/* gcc cannot see that proto == UDP implies an IP view was set */
	l4.ip6.h = NULL;
	r = xk_parse_l4(&pkt, &l4);
	if (r == XK_ETRUNC)
		goto trunc;
	if (r < 0)
		goto bad;
	/* ours: unfragmented UDP, or TCP when the stack serves TCP */
	if (l4.frag != XK_FRAG_NONE ||
	    (l4.proto != IPPROTO_UDP && (l4.proto != IPPROTO_TCP || !s->tcp))) {
		st->rx_not_udp++;
		return -EPROTO;
	}
	/* the IP layer, for both */
	end = l4.l3_end;
	if (l4.l3_proto == ETH_P_IP) {
		family = AF_INET;
		alen = 4;
		if (xk_csum_fold(xk_csum_partial(l4.ip4.h, l4.ip4.hlen, 0))) {
			st->rx_bad_ip_csum++;
			return -EBADMSG;
		}
		sa = (const __u8 *)&l4.ip4.h->saddr;
		da = (const __u8 *)&l4.ip4.h->daddr;
	} else {
		family = AF_INET6;
		alen = 16;
		if (end == 0xffff) /* jumbogram: not for a frame */
			goto bad;
		sa = l4.ip6.h->saddr.s6_addr;
		da = l4.ip6.h->daddr.s6_addr;
	}
	if (end > len)
		goto trunc;
	if (l4.proto == IPPROTO_TCP) {
		*tl4 = l4; /* tcp.c checks the segment */
		return XK_STACK_TCP;
	}
	ulen = xk_ntohs(l4.udp.h->len);
	if (l4.l4_off + ulen > end)
		goto trunc;
	check = l4.udp.h->check;
	if (!check) {
		if (family == AF_INET6) {
			st->rx_bad_csum++; /* RFC 8200: mandatory */
			return -EBADMSG;
		}
	} else {
		sum = xk_csum_pseudo(sa, da, alen, IPPROTO_UDP, ulen);
		if (xk_csum_fold(xk_csum_bytes((__u8 *)frame + l4.l4_off, ulen,
					       sum))) {
			/* a sender's offload left only the pseudo-header
			 * sum for hardware to finish */
			__u16 partial = ~xk_csum_fold(sum);

			if (check == partial)
				st->rx_csum_partial++;
			else
				st->rx_bad_csum++;
			return -EBADMSG;
		}
	}
	d->data = (__u8 *)frame + l4.l4_off + sizeof(struct udphdr);
	d->len = ulen - sizeof(struct udphdr);
	d->peer.family = d->local.family = family;
	d->peer.port = l4.udp.h->source;
	d->local.port = l4.udp.h->dest;
	memset(d->peer.addr, 0, 16);
	memset(d->local.addr, 0, 16);
	memcpy(d->peer.addr, sa, alen);
	memcpy(d->local.addr, da, alen);
	d->vlan = l4.eth.nvlan ? l4.eth.tci[l4.eth.nvlan - 1] & 0x0fff : 0;
	d->l3_off = l4.l3_off;
	d->l4_off = l4.l4_off;
	return 0;
trunc:
	st->rx_truncated++;
	return -EBADMSG;
bad:
	st->rx_malformed++;
	return -EBADMSG;
}

__u32 xk_stack__build(__u8 *payload, __u32 plen, const struct xk_addr *src,
		      const struct xk_addr *dst, const struct xk_nh *nh,
		      const __u8 *smac, __u16 *ip_id, __u8 **start)
{
	bool v4 = dst->family == AF_INET;
	__u32 iplen = v4 ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
	__u32 l2 = sizeof(struct ethhdr) + (nh->vlan ? 4 : 0);
	__u32 ulen = sizeof(struct udphdr) + plen;
	xk_udphdr_t *uh = (xk_udphdr_t *)(payload - sizeof(*uh));
	__u8 *ip = (__u8 *)uh - iplen, *p = ip - l2;
	struct ethhdr *eth = (struct ethhdr *)p;
	__u16 c;

	memcpy(eth->h_dest, nh->mac, 6);
	memcpy(eth->h_source, smac, 6);
	if (nh->vlan) {
		xk_vlanhdr_t *vh = (xk_vlanhdr_t *)(eth + 1);

		eth->h_proto = xk_htons_c(ETH_P_8021Q);
		vh->tci = xk_htons(nh->vlan);
		vh->proto = v4 ? xk_htons_c(ETH_P_IP) : xk_htons_c(ETH_P_IPV6);
	} else {
		eth->h_proto =
			v4 ? xk_htons_c(ETH_P_IP) : xk_htons_c(ETH_P_IPV6);
	}
	if (v4) {
		xk_iphdr_t *h = (xk_iphdr_t *)ip;

		h->version = 4;
		h->ihl = 5;
		h->tos = 0;
		h->tot_len = xk_htons(iplen + ulen);
		h->id = xk_htons((*ip_id)++);
		h->frag_off = xk_htons_c(0x4000); /* DF */
		h->ttl = 64;
		h->protocol = IPPROTO_UDP;
		h->check = 0;
		memcpy(&h->saddr, src->addr, 4);
		memcpy(&h->daddr, dst->addr, 4);
		h->check = xk_ip4_csum(h, sizeof(*h));
	} else {
		xk_ipv6hdr_t *h = (xk_ipv6hdr_t *)ip;

		memset(h, 0, 4);
		h->version = 6;
		h->payload_len = xk_htons(ulen);
		h->nexthdr = IPPROTO_UDP;
		h->hop_limit = 64;
		memcpy(&h->saddr, src->addr, 16);
		memcpy(&h->daddr, dst->addr, 16);
	}
	uh->source = src->port;
	uh->dest = dst->port;
	uh->len = xk_htons(ulen);
	uh->check = 0;
	c = xk_csum_fold(
		xk_csum_bytes((__u8 *)uh, ulen,
			      xk_csum_pseudo(src->addr, dst->addr, v4 ? 4 : 16,
					     IPPROTO_UDP, ulen)));
	uh->check = c ? c : 0xffff; /* 0 means "none" (IPv4 only) */
	*start = p;
	return l2 + iplen + ulen;
}
