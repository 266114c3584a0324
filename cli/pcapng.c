// SPDX-License-Identifier: GPL-2.0
/*
 * pcapng blocks (draft-ietf-opsawg-pcapng): a section header, interface
 * descriptions with if_tsresol 9 (ns), enhanced packet blocks with
 * epb_queue and epb_verdict (type 1: Linux eBPF TC, 2: Linux eBPF XDP,
 * an 8-byte value). Host byte order, as the section header's magic says.
 */
#include <errno.h>
#include <string.h>
#include "pcapng.h"

#define SHB 0x0A0D0D0Au
#define IDB 0x00000001u
#define EPB 0x00000006u

static __u32 pad4(__u32 n)
{
	return (n + 3) & ~3u;
}

/* an option: code, length, value padded to 4 */
static size_t opt(__u8 *b, __u16 code, const void *v, __u16 len)
{
	static const __u8 zero[4];

	memcpy(b, &code, 2);
	memcpy(b + 2, &len, 2);
	if (len)
		memcpy(b + 4, v, len);
	memcpy(b + 4 + len, zero, pad4(len) - len);
	return 4 + pad4(len);
}

static int block(FILE *f, __u32 type, const __u8 *body, __u32 n)
{
	__u32 total = 12 + n;

	if (fwrite(&type, 4, 1, f) != 1 || fwrite(&total, 4, 1, f) != 1 ||
	    (n && fwrite(body, 1, n, f) != n) || fwrite(&total, 4, 1, f) != 1)
		return -EIO;
	return 0;
}

int pcapng_start(FILE *f)
{
	__u8 b[128];
	__u32 magic = 0x1A2B3C4D;
	__u16 ver[2] = {1, 0};
	__s64 len = -1;
	size_t n = 0;
	static const char app[] = "xdpctl capture";

	memcpy(b, &magic, 4);
	memcpy(b + 4, ver, 4);
	memcpy(b + 8, &len, 8);
	n = 16;
	n += opt(b + n, 4, app, sizeof(app) - 1); /* shb_userappl */
	n += opt(b + n, 0, NULL, 0);
	return block(f, SHB, b, (__u32)n);
}

int pcapng_iface(FILE *f, const char *name, const char *desc, __u32 snaplen)
{
	static int next;
	__u8 b[600], res = 9; /* 10^-9 s */
	__u16 link = 1;	      /* Ethernet */
	size_t n = 0;

	memcpy(b, &link, 2);
	memset(b + 2, 0, 2);
	memcpy(b + 4, &snaplen, 4);
	n = 8;
	n += opt(b + n, 2, name, (__u16)strnlen(name, 250)); /* if_name */
	n += opt(b + n, 3, desc,
		 (__u16)strnlen(desc, 250)); /* if_description */
	n += opt(b + n, 9, &res, 1);	     /* if_tsresol */
	n += opt(b + n, 0, NULL, 0);
	return block(f, IDB, b, (__u32)n) ? -EIO : next++;
}

int pcapng_packet(FILE *f, int iface, __u64 ts_ns, const void *data,
		  __u32 caplen, __u32 len, __u32 queue,
		  enum pcapng_verdict vtype, __u64 verdict)
{
	static __u8 b[65536 + 128];
	__u32 hi = (__u32)(ts_ns >> 32), lo = (__u32)ts_ns, id = (__u32)iface;
	size_t n;

	if (caplen > 65536)
		return -EINVAL;
	memcpy(b, &id, 4);
	memcpy(b + 4, &hi, 4);
	memcpy(b + 8, &lo, 4);
	memcpy(b + 12, &caplen, 4);
	memcpy(b + 16, &len, 4);
	memcpy(b + 20, data, caplen);
	n = 20 + caplen;
	memset(b + n, 0, pad4(caplen) - caplen);
	n = 20 + pad4(caplen);
	n += opt(b + n, 6, &queue, 4); /* epb_queue */
	if (vtype != PCAPNG_NO_VERDICT) {
		__u8 v[9];

		v[0] = (__u8)vtype;
		memcpy(v + 1, &verdict, 8);
		n += opt(b + n, 7, v, 9); /* epb_verdict */
	}
	n += opt(b + n, 0, NULL, 0);
	return block(f, EPB, b, (__u32)n);
}
