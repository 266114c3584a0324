// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* One Ethernet pcap stream out of walked packets (see pcap_out.h). */
#include <stdlib.h>
#include <pcap/pcap.h>
#include "pcap_out.h"

struct xk_pcap_out {
	pcap_t *dead;
	pcap_dumper_t *dump;
};

struct xk_pcap_out *xk_pcap_out_open(FILE *f)
{
	struct xk_pcap_out *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	/* the largest snapshot libpcap reads: no record is refused */
	o->dead = pcap_open_dead(DLT_EN10MB, 262144);
	if (o->dead)
		o->dump = pcap_dump_fopen(o->dead, f);
	if (!o->dump) {
		fprintf(stderr, "pcap_dump_fopen: %s\n",
			o->dead ? pcap_geterr(o->dead) : "no memory");
		if (o->dead)
			pcap_close(o->dead);
		free(o);
		return NULL;
	}
	return o;
}

int xk_pcap_out_write(struct xk_pcap_out *o, const struct xk_walk_pkt *p)
{
	struct pcap_pkthdr h = {
		.ts = {.tv_sec = p->ts_sec, .tv_usec = p->ts_usec},
		.caplen = p->caplen,
		.len = p->wirelen,
	};

	pcap_dump((u_char *)o->dump, &h, p->data);
	return ferror(pcap_dump_file(o->dump)) ? -1 : 0;
}

void xk_pcap_out_close(struct xk_pcap_out *o)
{
	pcap_dump_close(o->dump);
	pcap_close(o->dead);
	free(o);
}
