// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * libFuzzer harness over the stack's wire side (stack/frame.c): the input
 * is a received frame. xk_stack__verify must read only the frame, count
 * every refusal under exactly one name, and for an accepted datagram give
 * a payload inside the frame. The reply to it, built by xk_stack__build in
 * front of the payload as xk_udp__reply does (addresses and ports swapped,
 * back on the VLAN it came on), must verify again with the same payload.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "../../stack/internal.h"

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_stack: invariant broken: %s\n", what);
	abort();
}

static __u64 refusals(const struct xk_stack_stats *st)
{
	return st->rx_truncated + st->rx_malformed + st->rx_bad_ip_csum +
	       st->rx_bad_csum + st->rx_csum_partial + st->rx_not_udp;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct xk_stack s; /* only its counters are used */
	const __u8 smac[6] = {2, 0, 0, 0, 0, 1};
	struct xk_dgram d, d2;
	struct xk_nh nh = {.mac = {2, 0, 0, 0, 0, 2}};
	__u8 *frame, *out, *start, *copy;
	__u64 before;
	__u32 len, room;
	__u16 id = 7;
	struct xk_l4 l4;
	int r;

	if (size > 9000)
		return -1;
	frame = malloc(size ? size : 1);
	if (!frame)
		abort();
	memcpy(frame, data, size);
	before = refusals(&s.st);
	r = xk_stack__verify(&s, &d, frame, (__u32)size, &l4);
	if (r) {
		if (refusals(&s.st) != before + 1)
			broken("a refused frame is counted once, by name");
		goto out;
	}
	if (refusals(&s.st) != before)
		broken("an accepted frame is not counted as refused");
	if ((__u8 *)d.data < frame || (__u8 *)d.data + d.len > frame + size)
		broken("the payload lies inside the frame");
	if (d.peer.family != d.local.family ||
	    (d.peer.family != AF_INET && d.peer.family != AF_INET6))
		broken("one address family");

	/* the reply, in a buffer of exactly headers + payload */
	room = XK_STACK_HDR_MAX + d.len;
	out = malloc(room);
	copy = malloc(d.len ? d.len : 1);
	if (!out || !copy)
		abort();
	memcpy(out + XK_STACK_HDR_MAX, d.data, d.len);
	memcpy(copy, d.data, d.len);
	nh.vlan = d.vlan;
	len = xk_stack__build(out + XK_STACK_HDR_MAX, d.len, &d.local, &d.peer,
			      &nh, smac, &id, &start);
	if (start < out || start + len != out + room)
		broken("the reply's headers end where the payload starts");
	if (xk_stack__verify(&s, &d2, start, len, &l4))
		broken("the reply verifies");
	if (d2.len != d.len || memcmp(d2.data, copy, d.len))
		broken("the reply carries the same payload");
	if (memcmp(&d2.peer, &d.local, sizeof(d.local)) ||
	    memcmp(&d2.local, &d.peer, sizeof(d.peer)))
		broken("the reply swaps addresses and ports");
	if (d2.vlan != d.vlan)
		broken("the reply goes back on the VLAN it came on");
	free(out);
	free(copy);
out:
	free(frame);
	return 0;
}
