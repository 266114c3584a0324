// SPDX-License-Identifier: GPL-2.0
/*
 * equal_check OBJDIR PACKETS [CORPUS_DIR]: the equal-work baseline
 * (equal.bpf.o) and xk_parse_l4 (xk.bpf.o's bench_xk_l4) give the same
 * result (refused, or the same L4 protocol and port) on every benchmark
 * packet and on every Ethernet packet of every capture in CORPUS_DIR (the
 * tcpdump test corpus, read with libpcap; many are malformed or cut
 * short), under BPF_PROG_TEST_RUN. Exit 1 with the first differences shown
 * if they do not.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* libpcap's classic-BPF types share names with the kernel's eBPF ones:
 * renamed here, where only the capture reader is used */
#define bpf_insn    pcap_bpf_insn
#define bpf_program pcap_bpf_program
#include <pcap/pcap.h>
#undef bpf_insn
#undef bpf_program
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

struct prog {
	struct bpf_object *obj;
	int fd, res; /* res: the .bss map with bench_result */
};

static int load(struct prog *p, const char *dir, const char *file,
		const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	p->obj = bpf_object__open_file(path, NULL);
	if (!p->obj || bpf_object__load(p->obj)) {
		fprintf(stderr, "equal_check: %s: %s\n", path, strerror(errno));
		return -1;
	}
	p->fd = bpf_program__fd(bpf_object__find_program_by_name(p->obj, name));
	p->res = bpf_map__fd(bpf_object__find_map_by_name(p->obj, ".bss"));
	return p->fd < 0 || p->res < 0 ? -1 : 0;
}

static __u32 run(struct prog *p, const __u8 *d, __u32 len)
{
	__u32 zero = 0, v = 0xdeadbeef;
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = d, .data_size_in = len,
		    .repeat = 1);

	bpf_map_update_elem(p->res, &zero, &v, 0);
	if (bpf_prog_test_run_opts(p->fd, &o))
		return 0xfffffffe; /* the kernel refused the frame */
	bpf_map_lookup_elem(p->res, &zero, &v);
	return v;
}

static struct prog xk, eq;
static long npkts, ndiff;

static void one(const char *where, const __u8 *d, __u32 len)
{
	__u32 a, b;

	if (len < 14 || len > 9000)
		return;
	a = run(&xk, d, len);
	b = run(&eq, d, len);
	npkts++;
	if (a == b)
		return;
	if (++ndiff <= 10)
		fprintf(stderr,
			"equal_check: %s (%u bytes): xk_parse_l4 0x%08x, "
			"equal-work 0x%08x\n",
			where, len, a, b);
}

/*
 * The checks themselves, field by field: @pkt cut at every length, and
 * each of its first 100 bytes set to 0x00, 0x01, 0x07, 0x3f, 0x80 and 0xff
 * and moved by +-1 (versions, header lengths, total and payload lengths,
 * UDP length, data offset, TPIDs, next headers, fragment fields).
 */
static void mutate(const char *name, const __u8 *pkt, __u32 n)
{
	static const __u8 vals[] = {0x00, 0x01, 0x07, 0x3f, 0x80, 0xff};
	char where[128];
	__u8 m[3000];
	__u32 i, k;

	for (i = 14; i < n; i++) {
		snprintf(where, sizeof(where), "%s cut at %u", name, i);
		one(where, pkt, i);
	}
	for (i = 0; i < n && i < 100; i++)
		for (k = 0; k < sizeof(vals) + 2; k++) {
			memcpy(m, pkt, n);
			m[i] = k < sizeof(vals)	   ? vals[k]
			       : k == sizeof(vals) ? m[i] + 1
						   : m[i] - 1;
			if (m[i] == pkt[i])
				continue;
			snprintf(where, sizeof(where), "%s byte %u = 0x%02x",
				 name, i, m[i]);
			one(where, m, n);
		}
}

static void capture(const char *path)
{
	char err[PCAP_ERRBUF_SIZE], where[700];
	struct pcap_pkthdr *h;
	const u_char *d;
	long k = 0;
	pcap_t *pc = pcap_open_offline(path, err);

	if (!pc)
		return;
	if (pcap_datalink(pc) == DLT_EN10MB)
		while (pcap_next_ex(pc, &h, &d) == 1) {
			snprintf(where, sizeof(where), "%.600s #%ld", path,
				 ++k);
			/* a capture cut short is a shorter packet: as
			 * good a test of the checks as any */
			one(where, d, h->caplen);
		}
	pcap_close(pc);
}

int main(int argc, char **argv)
{
	char line[8192], name[64], hex[6100];
	__u8 pkt[3000];
	unsigned int x, y, b;
	long files = 0;
	FILE *f;

	if (argc < 3) {
		fprintf(stderr, "usage: equal_check OBJDIR PACKETS [CORPUS]\n");
		return 2;
	}
	if (load(&xk, argv[1], "xk.bpf.o", "bench_xk_l4") ||
	    load(&eq, argv[1], "equal.bpf.o", "bench_equal_l4"))
		return 2;
	f = fopen(argv[2], "r");
	while (f && fgets(line, sizeof(line), f)) {
		__u32 n = 0;
		const char *s;

		if (sscanf(line, "%63s %u %u %6099s", name, &x, &y, hex) != 4)
			continue;
		for (s = hex; s[0] && s[1] && n < sizeof(pkt); s += 2)
			if (sscanf(s, "%2x", &b) == 1)
				pkt[n++] = b;
		one(name, pkt, n);
		mutate(name, pkt, n);
	}
	if (f)
		fclose(f);
	if (argc > 3) {
		DIR *dir = opendir(argv[3]);
		struct dirent *de;
		char path[600];

		if (!dir) {
			fprintf(stderr, "equal_check: no corpus at %s\n",
				argv[3]);
			return 2;
		}
		while ((de = readdir(dir))) {
			size_t l = strlen(de->d_name);

			if (l < 5 ||
			    (strcmp(de->d_name + l - 5, ".pcap") &&
			     (l < 7 || strcmp(de->d_name + l - 7, ".pcapng"))))
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[3],
				 de->d_name);
			capture(path);
			files++;
		}
		closedir(dir);
	}
	printf("equal_check: %ld packets (%ld capture files), %ld "
	       "differences between xk_parse_l4 and the equal-work "
	       "baseline\n",
	       npkts, files, ndiff);
	return ndiff ? 1 : 0;
}
