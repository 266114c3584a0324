// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Seed corpus for fuzz_parse, made at build time under build/ (never
 * committed): every distinct Ethernet packet of the tcpdump test corpus,
 * one file each, named by a hash of its bytes.
 *
 *   make_seeds CORPUS_DIR OUT_DIR
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "../corpus/pcap_walk.h"

struct seeds {
	const char *out;
	unsigned long written;
	int err;
};

static unsigned long long fnv1a(const unsigned char *p, unsigned int n)
{
	unsigned long long h = 0xcbf29ce484222325ULL;

	while (n--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

static int one(const struct xk_walk_pkt *pkt, void *arg)
{
	struct seeds *s = arg;
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%016llx", s->out,
		 fnv1a(pkt->data, pkt->caplen));
	f = fopen(path, "wb");
	if (!f || fwrite(pkt->data, 1, pkt->caplen, f) != pkt->caplen) {
		perror(path);
		s->err = 1;
		if (f)
			fclose(f);
		return 1;
	}
	fclose(f);
	s->written++;
	return 0;
}

int main(int argc, char **argv)
{
	struct seeds s = {0};
	struct xk_walk_stats st;
	struct stat sb;

	if (argc != 3) {
		fprintf(stderr, "usage: %s CORPUS_DIR OUT_DIR\n", argv[0]);
		return 2;
	}
	if (stat(argv[1], &sb) || !S_ISDIR(sb.st_mode)) {
		fprintf(stderr,
			"make_seeds: FAIL: corpus directory %s not found (set "
			"XK_CORPUS to the tcpdump-tests directory)\n",
			argv[1]);
		return 1;
	}
	s.out = argv[2];
	if (xk_walk_corpus(argv[1], one, &s, &st, stderr) || s.err ||
	    !st.packets) {
		fprintf(stderr, "make_seeds: FAIL: no seeds from %s\n",
			argv[1]);
		return 1;
	}
	printf("make_seeds: %lu Ethernet packets from %u files into %s\n",
	       st.packets, st.files_eth, s.out);
	return 0;
}
