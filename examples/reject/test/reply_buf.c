// SPDX-License-Identifier: GPL-2.0
/*
 * The reply builders of <xdpkit/reply.h> on a userspace buffer: reads a
 * frame on stdin, turns it into the reply the arguments name and writes
 * the result on stdout (the frame unchanged when the builder refuses).
 * test_reject.py feeds it the packets it runs through XDP and TC and holds
 * the output to the same scapy bytes. Built with ASan and UBSan.
 *
 *   reply_buf rst
 *   reply_buf icmp TYPE CODE INFO
 *
 * Exit: 0 a reply, 3 refused (XK_EUNSUP), 1 any other error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xdpkit/xdpkit.h>

int main(int argc, char **argv)
{
	static __u8 frame[4096];
	const __u32 room = 64; /* headroom: an ICMP error grows by 28 / 48 */
	struct xk_pkt pkt;
	struct xk_l4 l4;
	size_t n;
	int r;

	if (argc < 2 || (strcmp(argv[1], "rst") && strcmp(argv[1], "icmp")) ||
	    (!strcmp(argv[1], "icmp") && argc != 5)) {
		fprintf(stderr, "usage: reply_buf rst | icmp TYPE CODE INFO\n");
		return 1;
	}
	n = fread(frame + room, 1, sizeof(frame) - room, stdin);
	pkt = xk_pkt_buf_room(frame, sizeof(frame), room, (__u32)n);
	r = xk_parse_l4(&pkt, &l4);
	if (r)
		r = XK_EUNSUP; /* as the example: what does not parse passes */
	else if (!strcmp(argv[1], "rst"))
		r = xk_tcp_rst(&pkt, &l4);
	else
		r = xk_icmp_error(&pkt, &l4, (__u8)atoi(argv[2]),
				  (__u8)atoi(argv[3]),
				  (__u32)strtoul(argv[4], NULL, 0), NULL);
	fwrite(pkt.b.data, 1, xk_pkt_len(&pkt), stdout);
	return r == 0 ? 0 : r == XK_EUNSUP ? 3 : 1;
}
