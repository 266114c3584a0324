// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * For the tshark agreement check (agreement.py): every Ethernet packet of
 * the corpus, in walk order, once as a pcap stream on stdout (tshark reads
 * it from a pipe: one tshark run for the whole corpus, no file written)
 * and once as a line of our summary in TSV_FILE:
 *
 *   seq file frame caplen err tun_err l3 ip l4 sport dport frag nvlan
 *   tunnel in_l3 in_ip in_l4 in_sport in_dport in_frag tun_id hex
 *
 * (seq counts from 1 as tshark numbers the stream's frames; hex is the
 * first HEX_MAX bytes, for classifying disagreements).
 *
 *   corpus_dump CORPUS_DIR TSV_FILE > stream.pcap
 */
#include <stdio.h>
#include <sys/stat.h>
#include <xdpkit/xdpkit.h>
#include "pcap_walk.h"
#include "pcap_out.h"

#define HEX_MAX 256

struct dump {
	FILE *tsv;
	struct xk_pcap_out *out;
	unsigned long seq;
};

static int one(const struct xk_walk_pkt *p, void *arg)
{
	struct dump *d = arg;
	struct xk_pkt_ro pkt = xk_pkt_buf_ro(p->data, p->caplen);
	struct xk_summary s;
	unsigned int i;

	xk_summarize(&pkt, &s);
	if (xk_pcap_out_write(d->out, p))
		return 1;
	fprintf(d->tsv,
		"%lu\t%s\t%u\t%u\t%d\t%d\t%u\t%u\t%u\t%u\t%u\t%u\t%u\t%u\t%u\t"
		"%u\t%u\t%u\t%u\t%u\t%u\t",
		++d->seq, p->file, p->frame, p->caplen, s.err, s.tun_err,
		s.l3_proto, s.ip_proto, s.l4_proto, s.sport, s.dport, s.frag,
		s.nvlan, s.tunnel, s.inner_l3_proto, s.inner_ip_proto,
		s.inner_l4_proto, s.inner_sport, s.inner_dport, s.inner_frag,
		s.tun_id);
	for (i = 0; i < p->caplen && i < HEX_MAX; i++)
		fprintf(d->tsv, "%02x", p->data[i]);
	fputc('\n', d->tsv);
	return 0;
}

int main(int argc, char **argv)
{
	struct xk_walk_stats st;
	struct dump d = {0};
	struct stat sb;
	int r;

	if (argc != 3) {
		fprintf(stderr, "usage: %s CORPUS_DIR TSV_FILE > out.pcap\n",
			argv[0]);
		return 2;
	}
	if (stat(argv[1], &sb) || !S_ISDIR(sb.st_mode)) {
		fprintf(stderr,
			"corpus_dump: corpus directory %s not found (set "
			"XK_CORPUS to the tcpdump-tests directory)\n",
			argv[1]);
		return 1;
	}
	d.tsv = fopen(argv[2], "w");
	if (!d.tsv) {
		perror(argv[2]);
		return 1;
	}
	d.out = xk_pcap_out_open(stdout);
	if (!d.out)
		return 1;
	r = xk_walk_corpus(argv[1], one, &d, &st, stderr);
	xk_pcap_out_close(d.out);
	if (fclose(d.tsv) || r || !st.packets) {
		fprintf(stderr, "corpus_dump: failed\n");
		return 1;
	}
	return 0;
}
