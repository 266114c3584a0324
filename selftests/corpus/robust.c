// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Robustness over the tcpdump test corpus: every Ethernet packet through
 * every host parser (built with ASan + UBSan, see exercise.h) and through
 * the summary programs in XDP, TC and socket filter context under
 * BPF_PROG_TEST_RUN, whose summaries must equal the host's byte for byte.
 *
 *   robust CORPUS_DIR SUMMARY_BPF_OBJ
 *
 * Prints the counts and exits 1 on any broken invariant, failed run or
 * mismatch, or when the corpus or the BPF object is missing. Packets a test
 * run cannot take (shorter than an Ethernet header, longer than the limit
 * probed on this kernel) are counted with the reason.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sanitizer/common_interface_defs.h>
#include "pcap_walk.h"
#include "bpf_summary.h"
#include "summary_fmt.h"
#include "../fuzz/exercise.h"

/* Failures printed in full per kind; all of them are counted. */
#define SHOW_MAX 20

#define ETH_P_802_3_MIN 0x0600
#define ETH_P_802_3	0x0001
#define ETH_P_802_2	0x0004

struct robust {
	struct xk_bpf_summary bpf;
	unsigned long host_fail;
	unsigned long verdict[1 - XK_EUNSUP];
	unsigned long tunnel[XK_TUN_GENEVE + 1];
	unsigned long tun_err[1 - XK_EUNSUP];
	unsigned long ran[XK_RUN_N], equal[XK_RUN_N], bad[XK_RUN_N];
	unsigned long too_short[XK_RUN_N], too_long[XK_RUN_N];
	unsigned long short_ip[XK_RUN_N];
	unsigned long xdp_multibuf;
	unsigned long sock_clipped;
};

/* The packet being parsed, for a sanitizer's death report. */
static const char *cur_file;
static unsigned int cur_frame;

static void on_death(void)
{
	fprintf(stderr, "robust: died on %s frame %u\n",
		cur_file ? cur_file : "?", cur_frame);
}

/*
 * What skb->protocol a socket filter sees for this frame under test run:
 * eth_type_trans() returns the ethertype as is (VLAN TPIDs included: test
 * run does not untag), and for 802.3 frames ETH_P_802_3 when the payload
 * starts 0xffff (raw IPX) and ETH_P_802_2 otherwise. Bytes past the frame
 * read as zero (test run zeroes its buffer).
 */
static __u16 eth_type_trans_proto(const __u8 *d, __u32 len)
{
	__u16 p = (__u16)(d[12] << 8 | d[13]);

	if (p >= ETH_P_802_3_MIN)
		return p;
	if (len >= ETH_HLEN + 2 && d[14] == 0xff && d[15] == 0xff)
		return ETH_P_802_3;
	return ETH_P_802_2;
}

static void *dup_exact(const void *src, __u32 len)
{
	void *p = malloc(len ? len : 1);

	if (!p) {
		perror("malloc");
		exit(1);
	}
	memcpy(p, src, len);
	return p;
}

/*
 * The host summary a socket filter must match: the L3 bytes as
 * xk_pkt_skb_ro copies them, i.e. at most XK_RO_COPY of them. Counts the
 * packets whose parse that window changes.
 */
static const char *sock_expect(struct robust *rb, const __u8 *frame, __u32 len,
			       struct xk_summary *exp)
{
	__u16 proto = eth_type_trans_proto(frame, len);
	__u32 l3len = len - ETH_HLEN;
	__u32 clip = l3len < XK_RO_COPY ? l3len : XK_RO_COPY;
	struct xk_summary full;
	const char *fail;
	__u8 *b;

	b = dup_exact(frame + ETH_HLEN, clip);
	fail = xk_ex_l3(b, clip, proto, exp);
	free(b);
	if (fail || clip == l3len)
		return fail;
	b = dup_exact(frame + ETH_HLEN, l3len);
	fail = xk_ex_l3(b, l3len, proto, &full);
	free(b);
	if (!fail && memcmp(&full, exp, sizeof(full)))
		rb->sock_clipped++;
	return fail;
}

static void report(const char *what, const char *file, unsigned int frame,
		   unsigned long n, const char *msg,
		   const struct xk_summary *want, const struct xk_summary *got)
{
	if (n > SHOW_MAX)
		return;
	printf("FAIL %s %s frame %u: %s\n", what, file, frame, msg);
	if (want) {
		printf("  host: ");
		xk_summary_print(stdout, want);
		printf("\n  bpf:  ");
		xk_summary_print(stdout, got);
		printf("\n");
	}
}

static void run_bpf(struct robust *rb, enum xk_run w, const char *file,
		    unsigned int frame, const __u8 *pkt, __u32 len,
		    const struct xk_summary *want)
{
	struct xk_summary got;
	char what[32];
	int r;

	if (len > rb->bpf.max_len[w]) {
		rb->too_long[w]++;
		return;
	}
	if (xk_bpf_summary__refuses_ip(&rb->bpf, w, pkt, len)) {
		rb->short_ip[w]++;
		return;
	}
	rb->ran[w]++;
	if (w == XK_RUN_XDP && len > rb->bpf.max_len[XK_RUN_TC])
		rb->xdp_multibuf++;
	snprintf(what, sizeof(what), "bpf-%s", xk_run_names[w]);
	r = xk_bpf_summary__run(&rb->bpf, w, pkt, len, &got);
	if (r) {
		rb->bad[w]++;
		report(what, file, frame, rb->bad[w], strerror(-r), NULL, NULL);
	} else if (memcmp(&got, want, sizeof(got))) {
		rb->bad[w]++;
		report(what, file, frame, rb->bad[w],
		       "summary differs from the host's", want, &got);
	} else {
		rb->equal[w]++;
	}
}

static int one(const struct xk_walk_pkt *wp, void *arg)
{
	const char *file = wp->file;
	unsigned int frame = wp->frame;
	struct robust *rb = arg;
	struct xk_summary host, sock;
	__u32 len = wp->caplen;
	const char *fail;
	__u8 *pkt;
	int w;

	cur_file = file;
	cur_frame = frame;
	/* an exact-size copy: ASan sees a read one byte past the packet */
	pkt = dup_exact(wp->data, len);
	fail = xk_ex_frame(pkt, len, &host);
	if (fail) {
		rb->host_fail++;
		report("host", file, frame, rb->host_fail, fail, NULL, NULL);
		free(pkt);
		return 0;
	}
	rb->verdict[-host.err]++;
	rb->tunnel[host.tunnel]++;
	if (host.tunnel)
		rb->tun_err[-host.tun_err]++;

	if (len < ETH_HLEN) {
		for (w = 0; w < XK_RUN_N; w++)
			rb->too_short[w]++;
		free(pkt);
		return 0;
	}
	run_bpf(rb, XK_RUN_XDP, file, frame, pkt, len, &host);
	run_bpf(rb, XK_RUN_TC, file, frame, pkt, len, &host);
	fail = sock_expect(rb, pkt, len, &sock);
	if (fail) {
		rb->host_fail++;
		report("host-l3", file, frame, rb->host_fail, fail, NULL, NULL);
	} else {
		run_bpf(rb, XK_RUN_SOCK, file, frame, pkt, len, &sock);
	}
	free(pkt);
	return 0;
}

static void print_counts(const struct robust *rb,
			 const struct xk_walk_stats *st)
{
	int i;

	printf("corpus: %u capture files: %u Ethernet, %u other link types, "
	       "%u unreadable by libpcap, %u Ethernet files cut short by a "
	       "read error (their packets up to it are used)\n",
	       st->files, st->files_eth, st->files_other, st->files_bad,
	       st->files_broken);
	printf("packets: %lu Ethernet\n", st->packets);
	printf("host verdicts (xk_summarize err):");
	for (i = 0; i <= -XK_EUNSUP; i++)
		printf(" %s %lu", xk_ex_err_name(-i), rb->verdict[i]);
	printf("\ntunnels found:");
	for (i = 1; i <= XK_TUN_GENEVE; i++)
		printf(" %s %lu", xk_tun_names[i], rb->tunnel[i]);
	printf("\ntunnel verdicts (tun_err):");
	for (i = 0; i <= -XK_EUNSUP; i++)
		printf(" %s %lu", xk_ex_err_name(-i), rb->tun_err[i]);
	printf("\nhost invariant failures: %lu\n", rb->host_fail);
	for (i = 0; i < XK_RUN_N; i++) {
		printf("bpf %-4s: %lu run, %lu equal to host, %lu failed; "
		       "not run: %lu shorter than 14 bytes, %lu longer than "
		       "the test run limit of %u bytes",
		       xk_run_names[i], rb->ran[i], rb->equal[i], rb->bad[i],
		       rb->too_short[i], rb->too_long[i], rb->bpf.max_len[i]);
		if (rb->bpf.min_l3[i][0] || rb->bpf.min_l3[i][1])
			printf(", %lu refused by the kernel for an IPv4/IPv6 "
			       "ethertype with less than %u/%u bytes of L3",
			       rb->short_ip[i], rb->bpf.min_l3[i][0],
			       rb->bpf.min_l3[i][1]);
		printf("\n");
	}
	if (rb->bpf.max_len[XK_RUN_XDP] > rb->bpf.max_len[XK_RUN_TC])
		printf("bpf xdp : %lu of the packets run are longer than "
		       "the skb test run takes (%u bytes): the XDP test run "
		       "takes them as multi-buffer frames\n",
		       rb->xdp_multibuf, rb->bpf.max_len[XK_RUN_TC]);
	printf("bpf sock: %lu packets have headers past the %u bytes "
	       "xk_pkt_skb_ro copies: compared with the host parse of the "
	       "same window\n",
	       rb->sock_clipped, XK_RO_COPY);
}

int main(int argc, char **argv)
{
	static struct robust rb;
	struct xk_walk_stats st;
	struct stat sb;
	int i, r, ok;

	if (argc != 3) {
		fprintf(stderr, "usage: %s CORPUS_DIR SUMMARY_BPF_OBJ\n",
			argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (stat(argv[1], &sb) || !S_ISDIR(sb.st_mode)) {
		printf("FAIL: corpus directory %s not found (set XK_CORPUS to "
		       "the tcpdump-tests directory)\n",
		       argv[1]);
		return 1;
	}
	__sanitizer_set_death_callback(on_death);
	r = xk_bpf_summary__open(&rb.bpf, argv[2]);
	if (r) {
		printf("FAIL: cannot run %s under BPF_PROG_TEST_RUN: %s\n",
		       argv[2], strerror(-r));
		return 1;
	}
	r = xk_walk_corpus(argv[1], one, &rb, &st, stdout);
	xk_bpf_summary__close(&rb.bpf);
	if (r) {
		printf("FAIL: cannot walk %s\n", argv[1]);
		return 1;
	}
	print_counts(&rb, &st);
	ok = st.files_eth > 0 && st.packets > 0 && !rb.host_fail;
	for (i = 0; i < XK_RUN_N; i++)
		ok = ok && !rb.bad[i] && rb.ran[i] > 0;
	printf("corpus robustness: %s\n", ok ? "PASS" : "FAIL");
	return ok ? 0 : 1;
}
