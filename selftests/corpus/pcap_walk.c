// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* Every Ethernet packet of a directory of captures (see pcap_walk.h). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <pcap/pcap.h>
#include "pcap_walk.h"

static int is_capture(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return (n > 5 && !strcmp(d->d_name + n - 5, ".pcap")) ||
	       (n > 7 && !strcmp(d->d_name + n - 7, ".pcapng"));
}

static int walk_file(const char *dir, const char *name, xk_walk_fn fn,
		     void *arg, struct xk_walk_stats *st, FILE *log)
{
	char path[4096], err[PCAP_ERRBUF_SIZE];
	const unsigned char *data;
	struct pcap_pkthdr *h;
	unsigned int frame = 0;
	pcap_t *p;
	int r, ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	st->files++;
	p = pcap_open_offline(path, err);
	if (!p) {
		st->files_bad++;
		fprintf(log, "  libpcap cannot open %s: %s\n", name, err);
		return 0;
	}
	if (pcap_datalink(p) != DLT_EN10MB) {
		st->files_other++;
		pcap_close(p);
		return 0;
	}
	st->files_eth++;
	while ((r = pcap_next_ex(p, &h, &data)) == 1) {
		struct xk_walk_pkt pkt = {
			.file = name,
			.frame = ++frame,
			.caplen = h->caplen,
			.wirelen = h->len,
			.ts_sec = h->ts.tv_sec,
			.ts_usec = h->ts.tv_usec,
			.data = data,
		};

		st->packets++;
		ret = fn(&pkt, arg);
		if (ret)
			break;
	}
	if (r == PCAP_ERROR) {
		st->files_broken++;
		fprintf(log, "  %s: read error after %u packets: %s\n", name,
			frame, pcap_geterr(p));
	}
	pcap_close(p);
	return ret;
}

int xk_walk_corpus(const char *dir, xk_walk_fn fn, void *arg,
		   struct xk_walk_stats *st, FILE *log)
{
	struct dirent **ents;
	int n, i, ret = 0;

	memset(st, 0, sizeof(*st));
	n = scandir(dir, &ents, is_capture, alphasort);
	if (n < 0) {
		fprintf(log, "cannot list %s: %m\n", dir);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!ret)
			ret = walk_file(dir, ents[i]->d_name, fn, arg, st, log);
		free(ents[i]);
	}
	free(ents);
	return ret;
}
