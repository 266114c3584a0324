/* SPDX-License-Identifier: GPL-2.0 */
/* A pcapng writer (xdpctl capture): one section, interfaces with ns
 * timestamps, enhanced packet blocks with the queue and the eBPF verdict
 * (pcapng's epb_queue and epb_verdict) that tshark and Wireshark show. */
#ifndef XDPCTL_PCAPNG_H
#define XDPCTL_PCAPNG_H

#include <stdio.h>
#include <linux/types.h>

enum pcapng_verdict { PCAPNG_NO_VERDICT = -1, PCAPNG_TC = 1, PCAPNG_XDP = 2 };

/* Write the section header to @f; 0 or -errno. */
int pcapng_start(FILE *f);
/* An Ethernet interface block named @name; returns its id (0, 1, ...). */
int pcapng_iface(FILE *f, const char *name, const char *desc, __u32 snaplen);
/* A packet: @caplen of @len bytes at @ts_ns (Unix time) on interface
 * @iface, from @queue, with a verdict of @vtype (or none). 0 or -errno. */
int pcapng_packet(FILE *f, int iface, __u64 ts_ns, const void *data,
		  __u32 caplen, __u32 len, __u32 queue,
		  enum pcapng_verdict vtype, __u64 verdict);

#endif
