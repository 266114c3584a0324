// SPDX-License-Identifier: GPL-2.0
/*
 * equal_check OBJDIR PACKETS CORPUS_DIR|- XK.o EQ.o XKPROG:EQPROG...
 *
 * Each xdpkit program (in OBJDIR/XK.o) and its equal-work baseline (in
 * OBJDIR/EQ.o) do the same on every benchmark packet (PACKETS: lines whose
 * first word names the packet and whose last is its hex), on each of them
 * cut at every length and with each of its first 100 bytes mutated, and on
 * every Ethernet packet of every capture in CORPUS_DIR (the tcpdump test
 * corpus, read with libpcap; many are malformed or cut short): the same
 * verdict, the same bytes out (length included) and the same .bss (the
 * parse's bench_result, the rewrites' bench_ops), under BPF_PROG_TEST_RUN.
 * Exit 1 with the first differences shown if they do not.
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

#define MAX_PAIRS 8
#define MAX_BSS	  64
#define MAX_OUT	  (9000 + 256)

struct obj {
	struct bpf_object *obj;
	int bss;      /* the .bss map */
	__u32 bss_sz; /* its value size */
};

/* what one run did */
struct res {
	int err; /* the kernel refused the frame */
	__u32 ret, len;
	__u8 out[MAX_OUT];
	__u8 bss[MAX_BSS];
};

static struct obj xko, eqo;
static struct {
	const char *xk, *eq;
	int xfd, efd;
} pairs[MAX_PAIRS];
static int npairs;
static long npkts, ndiff;

static int load(struct obj *o, const char *dir, const char *file)
{
	char path[512];
	struct bpf_map *m;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	o->obj = bpf_object__open_file(path, NULL);
	if (!o->obj || bpf_object__load(o->obj)) {
		fprintf(stderr, "equal_check: %s: %s\n", path, strerror(errno));
		return -1;
	}
	m = bpf_object__find_map_by_name(o->obj, ".bss");
	if (!m || bpf_map__value_size(m) > MAX_BSS) {
		fprintf(stderr,
			"equal_check: %s: no .bss of at most %d bytes\n", path,
			MAX_BSS);
		return -1;
	}
	o->bss = bpf_map__fd(m);
	o->bss_sz = bpf_map__value_size(m);
	return 0;
}

static int prog_fd(struct obj *o, const char *name)
{
	struct bpf_program *p = bpf_object__find_program_by_name(o->obj, name);

	if (!p)
		fprintf(stderr, "equal_check: no program %s\n", name);
	return p ? bpf_program__fd(p) : -1;
}

static void run(struct obj *ob, int fd, const __u8 *d, __u32 len, struct res *r)
{
	__u32 zero = 0;
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = d, .data_size_in = len,
		    .data_out = r->out, .data_size_out = MAX_OUT, .repeat = 1);

	memset(r->bss, 0xa5, ob->bss_sz); /* not a value either would store */
	bpf_map_update_elem(ob->bss, &zero, r->bss, 0);
	r->err = bpf_prog_test_run_opts(fd, &o) ? 1 : 0;
	r->ret = r->err ? 0 : o.retval;
	r->len = r->err ? 0 : o.data_size_out;
	bpf_map_lookup_elem(ob->bss, &zero, r->bss);
}

static void hex(const char *what, const __u8 *b, __u32 n)
{
	__u32 i;

	fprintf(stderr, "  %s:", what);
	for (i = 0; i < n && i < 80; i++)
		fprintf(stderr, "%02x", b[i]);
	fprintf(stderr, "%s\n", n > 80 ? "..." : "");
}

static void one(const char *where, const __u8 *d, __u32 len)
{
	static struct res a, b;
	int i;

	if (len < 14 || len > 9000)
		return;
	for (i = 0; i < npairs; i++) {
		run(&xko, pairs[i].xfd, d, len, &a);
		run(&eqo, pairs[i].efd, d, len, &b);
		npkts++;
		if (a.err == b.err && a.ret == b.ret && a.len == b.len &&
		    !memcmp(a.out, b.out, a.len) &&
		    !memcmp(a.bss, b.bss, xko.bss_sz))
			continue;
		if (++ndiff > 10)
			continue;
		fprintf(stderr,
			"equal_check: %s (%u bytes): %s: %s verdict %u, "
			"%u bytes; %s: %s verdict %u, %u bytes\n",
			where, len, pairs[i].xk, a.err ? "refused" : "ran",
			a.ret, a.len, pairs[i].eq, b.err ? "refused" : "ran",
			b.ret, b.len);
		hex("in ", d, len);
		hex("xk ", a.out, a.len);
		hex("eq ", b.out, b.len);
		hex("xk .bss", a.bss, xko.bss_sz);
		hex("eq .bss", b.bss, eqo.bss_sz);
	}
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
	char line[8192], name[64];
	__u8 pkt[3000];
	unsigned int b;
	long files = 0;
	FILE *f;
	int i;

	if (argc < 7 || argc - 6 > MAX_PAIRS) {
		fprintf(stderr,
			"usage: equal_check OBJDIR PACKETS CORPUS|- XK.o "
			"EQ.o XKPROG:EQPROG...\n");
		return 2;
	}
	if (load(&xko, argv[1], argv[4]) || load(&eqo, argv[1], argv[5]))
		return 2;
	if (xko.bss_sz != eqo.bss_sz) {
		fprintf(stderr, "equal_check: %s and %s differ in .bss\n",
			argv[4], argv[5]);
		return 2;
	}
	for (i = 6; i < argc; i++) {
		char *c = strchr(argv[i], ':');

		if (!c) {
			fprintf(stderr, "equal_check: %s: not XKPROG:EQPROG\n",
				argv[i]);
			return 2;
		}
		*c = 0;
		pairs[npairs].xk = argv[i];
		pairs[npairs].eq = c + 1;
		pairs[npairs].xfd = prog_fd(&xko, argv[i]);
		pairs[npairs].efd = prog_fd(&eqo, c + 1);
		if (pairs[npairs].xfd < 0 || pairs[npairs].efd < 0)
			return 2;
		npairs++;
	}
	f = fopen(argv[2], "r");
	if (!f) {
		fprintf(stderr, "equal_check: cannot open %s\n", argv[2]);
		return 2;
	}
	while (fgets(line, sizeof(line), f)) {
		__u32 n = 0;
		const char *s = strrchr(line, ' ');

		if (!s || sscanf(line, "%63s", name) != 1)
			continue;
		for (s++; s[0] && s[1] && n < sizeof(pkt); s += 2)
			if (sscanf(s, "%2x", &b) == 1)
				pkt[n++] = b;
		one(name, pkt, n);
		mutate(name, pkt, n);
	}
	fclose(f);
	if (strcmp(argv[3], "-")) {
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
	printf("equal_check: %ld runs (%d program pairs over packets and %ld "
	       "capture files), %ld differences between xdpkit and the "
	       "equal-work baseline\n",
	       npkts, npairs, files, ndiff);
	return ndiff ? 1 : 0;
}
