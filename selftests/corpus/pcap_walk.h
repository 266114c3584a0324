/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Walk every Ethernet (DLT_EN10MB) packet of every pcap/pcapng file in a
 * directory, in name order, through libpcap. Files of other link types,
 * files libpcap cannot open and files that break off with a read error are
 * counted (and named on the log), never skipped silently.
 */
#ifndef XK_SELFTEST_PCAP_WALK_H
#define XK_SELFTEST_PCAP_WALK_H

#include <stdio.h>

struct xk_walk_stats {
	unsigned int files;	   /* *.pcap and *.pcapng files seen */
	unsigned int files_eth;	   /* of link type Ethernet */
	unsigned int files_other;  /* other link types */
	unsigned int files_bad;	   /* libpcap could not open them */
	unsigned int files_broken; /* a read error ended them early */
	unsigned long packets;	   /* Ethernet packets handed out */
};

/* One packet: @caplen bytes at @data were captured of @wirelen. */
struct xk_walk_pkt {
	const char *file;   /* name within the corpus directory */
	unsigned int frame; /* from 1 within the file, as tshark counts */
	unsigned int caplen;
	unsigned int wirelen;
	long ts_sec, ts_usec;
	const unsigned char *data;
};

/* Called per packet; a non-zero return stops the walk and is returned by
 * xk_walk_corpus. (No libpcap type here: pcap/bpf.h and linux/bpf.h,
 * which headers/xdpkit includes, both define struct bpf_insn.) */
typedef int (*xk_walk_fn)(const struct xk_walk_pkt *pkt, void *arg);

/* 0 after a full walk, -1 if @dir cannot be listed (message on @log). */
int xk_walk_corpus(const char *dir, xk_walk_fn fn, void *arg,
		   struct xk_walk_stats *st, FILE *log);

#endif /* XK_SELFTEST_PCAP_WALK_H */
