/* SPDX-License-Identifier: GPL-2.0 */
/* tcpdump filter expressions through libpcap, kept apart from libbpf's
 * headers: both name a struct bpf_program. */
#ifndef XDPCTL_PCAPFILTER_H
#define XDPCTL_PCAPFILTER_H

#include <stddef.h>
#include <linux/types.h>

struct pcap_filter;
/* Compile @expr for Ethernet frames; NULL and the reason in @err. */
struct pcap_filter *pcap_filter_new(const char *expr, __u32 snaplen, char *err,
				    size_t errsz);
/* Does the frame (@caplen of @len bytes) match? */
int pcap_filter_match(const struct pcap_filter *f, const void *pkt,
		      __u32 caplen, __u32 len);
void pcap_filter_free(struct pcap_filter *f);

#endif
