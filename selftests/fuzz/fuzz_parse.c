// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * libFuzzer harness over the host build of headers/xdpkit: the input as an
 * Ethernet frame (every parser, see exercise.h), then the input minus its
 * first byte as a buffer that starts at L3, the first byte choosing the
 * ethertype a socket filter would have been given. A broken invariant
 * aborts, so libFuzzer keeps the input as a crash artifact.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include "exercise.h"

static const __u16 l3_protos[4] = {ETH_P_IP, ETH_P_IPV6, ETH_P_8021Q,
				   ETH_P_ARP};

static void broken(const char *what, const char *fail)
{
	fprintf(stderr, "fuzz_parse: invariant broken (%s): %s\n", what, fail);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xk_summary s;
	const char *fail;

	if (size > 0xffff)
		return -1; /* not a packet: keep it out of the corpus */
	fail = xk_ex_frame(data, (__u32)size, &s);
	if (fail)
		broken("frame", fail);
	if (size < 1)
		return 0;
	fail = xk_ex_l3(data + 1, (__u32)size - 1, l3_protos[data[0] & 3], &s);
	if (fail)
		broken("l3", fail);
	return 0;
}
