// SPDX-License-Identifier: GPL-2.0
/*
 * chain_run ROUNDS PIN... : ns per packet of an empty XDP program (r0 =
 * XDP_PASS; exit: what BPF_PROG_TEST_RUN itself costs) and of each pinned
 * XDP program (a lone program, or the root of a chain xdpctl built) under
 * BPF_PROG_TEST_RUN, 1,000,000 repetitions a round over the same 64-byte
 * UDP frame, the programs in turns within each round. Every run must give
 * XDP_PASS with the frame unchanged. Prints one JSON object: for each pin,
 * the per-round figures (the kernel's own ns per repetition).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/compose.h>

#define REPS 1000000
#define MAXP 8

static double run(int fd, const __u8 *pkt, __u32 len, const char *what)
{
	__u8 out[256];
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt, .data_size_in = len,
		    .data_out = out, .data_size_out = sizeof(out),
		    .repeat = REPS);

	if (bpf_prog_test_run_opts(fd, &o) || o.retval != 2 /* XDP_PASS */ ||
	    o.data_size_out != len || memcmp(out, pkt, len)) {
		fprintf(stderr, "chain_run: %s did not pass the frame (%s)\n",
			what, strerror(errno));
		exit(1);
	}
	return (double)o.duration;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 0, n = argc - 2, fd[MAXP + 1],
	    i, r;
	static double v[MAXP + 1][256];
	__u8 pkt[64];
	int len;

	if (rounds < 1 || rounds > 256 || n < 1 || n > MAXP) {
		fprintf(stderr, "usage: chain_run ROUNDS PIN...\n");
		return 1;
	}
	len = xk_build(
		pkt, sizeof(pkt),
		XK_ETH(.dst = {2, 0, 0, 0, 0, 2}, .src = {2, 0, 0, 0, 0, 1}),
		XK_IP4(.src = "10.0.0.1", .dst = "10.0.0.2"),
		XK_UDP(.sport = 1000, .dport = 9),
		XK_RAW("0123456789abcdefghijkl", 22));
	{
		struct bpf_insn empty[] = {
			{.code = BPF_ALU64 | BPF_MOV | BPF_K, .imm = 2},
			{.code = BPF_JMP | BPF_EXIT},
		};

		fd[n] = bpf_prog_load(BPF_PROG_TYPE_XDP, "empty", "GPL", empty,
				      2, NULL);
		if (fd[n] < 0)
			return 1;
	}
	for (i = 0; i < n; i++) {
		fd[i] = bpf_obj_get(argv[2 + i]);
		if (fd[i] < 0) {
			fprintf(stderr, "chain_run: %s: %s\n", argv[2 + i],
				strerror(errno));
			return 1;
		}
	}
	argv[2 + n] = "empty";
	for (r = 0; r < rounds; r++)
		for (i = 0; i <= n; i++)
			v[i][r] = run(fd[i], pkt, (__u32)len, argv[2 + i]);
	printf("{\"repetitions\": %d, \"runs\": [", REPS);
	for (i = 0; i <= n; i++) {
		printf("%s{\"pin\": \"%s\", \"ns\": [", i ? ", " : "",
		       argv[2 + i]);
		for (r = 0; r < rounds; r++)
			printf("%s%.0f", r ? ", " : "", v[i][r]);
		printf("]}");
	}
	printf("]}\n");
	return 0;
}
