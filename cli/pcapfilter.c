// SPDX-License-Identifier: GPL-2.0
/* tcpdump filter expressions: libpcap compiles, pcap_offline_filter runs
 * the classic BPF program over each frame, in userspace. */
#include <stdio.h>
#include <stdlib.h>
#include <pcap/pcap.h>
#include "pcapfilter.h"

struct pcap_filter {
	pcap_t *p;
	struct bpf_program prog;
};

struct pcap_filter *pcap_filter_new(const char *expr, __u32 snaplen, char *err,
				    size_t errsz)
{
	struct pcap_filter *f = calloc(1, sizeof(*f));

	if (!f) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	f->p = pcap_open_dead(DLT_EN10MB, (int)snaplen);
	if (!f->p) {
		snprintf(err, errsz, "libpcap failed");
		free(f);
		return NULL;
	}
	if (pcap_compile(f->p, &f->prog, expr, 1, PCAP_NETMASK_UNKNOWN)) {
		snprintf(err, errsz, "%s", pcap_geterr(f->p));
		pcap_close(f->p);
		free(f);
		return NULL;
	}
	return f;
}

int pcap_filter_match(const struct pcap_filter *f, const void *pkt,
		      __u32 caplen, __u32 len)
{
	struct pcap_pkthdr h = {.caplen = caplen, .len = len};

	return pcap_offline_filter(&f->prog, &h, pkt) != 0;
}

void pcap_filter_free(struct pcap_filter *f)
{
	if (!f)
		return;
	pcap_freecode(&f->prog);
	pcap_close(f->p);
	free(f);
}
