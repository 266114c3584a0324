// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test-rewrite-bytes: every case of gen_cases.py through the rewrite test
 * program in XDP and TC (BPF_PROG_TEST_RUN) and through the host build of
 * the same apply.h, each output compared byte for byte with the packet
 * Scapy built, plus the return code, the TC skb state (protocol, offloaded
 * VLAN tag) and the view kept across the rewrite (equal to a fresh parse).
 *
 *   run_bytes REWRITE_BPF_OBJ [DUMP]
 *
 * DUMP, if given, receives one line per output packet ("case ctx hex") for
 * the oracle suite. Exits 1 on any mismatch, 2 when it cannot run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/pkt_cls.h>
#include "apply.h"

struct rw_case {
	const char *name;
	struct rw_cfg cfg;
	const __u8 *in;
	__u32 in_len;
	const __u8 *want;
	__u32 want_len;
	const __u8 *tc_want;
	__u32 tc_want_len;
	int ret, tc_ret;
	__u32 tc_protocol, tc_vlan_present, tc_vlan_tci, tc_vlan_proto;
};
#include "cases.h"

#define NCASES	 (sizeof(rw_cases) / sizeof(rw_cases[0]))
#define HEADROOM 256 /* XDP_PACKET_HEADROOM: what XDP may grow into */
#define BUFSZ	 4096

enum ctx { C_HOST, C_XDP, C_TC, C_N };
static const char *const ctx_name[C_N] = {"host", "xdp", "tc"};

static int prog_fd[C_N], cfg_fd, out_fd;
static FILE *dump;
static unsigned int failures, checks;

static void fail(const struct rw_case *c, enum ctx x, const char *what)
{
	failures++;
	printf("FAIL %-32s %-4s %s\n", c->name, ctx_name[x], what);
}

static void hexline(const char *tag, const __u8 *p, __u32 n)
{
	__u32 i;

	printf("     %-5s", tag);
	for (i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

static void check_bytes(const struct rw_case *c, enum ctx x, const __u8 *got,
			__u32 got_len, const __u8 *want, __u32 want_len)
{
	char msg[96];
	__u32 i;

	checks++;
	if (got_len == want_len && !memcmp(got, want, got_len))
		return;
	for (i = 0; i < got_len && i < want_len && got[i] == want[i]; i++)
		;
	snprintf(msg, sizeof(msg),
		 "bytes differ at offset %u (len %u, want "
		 "%u)",
		 i, got_len, want_len);
	fail(c, x, msg);
	hexline("got", got, got_len);
	hexline("want", want, want_len);
}

static void check_int(const struct rw_case *c, enum ctx x, const char *what,
		      long got, long want)
{
	char msg[96];

	checks++;
	if (got == want)
		return;
	snprintf(msg, sizeof(msg), "%s %ld (0x%lx), want %ld (0x%lx)", what,
		 got, got, want, want);
	fail(c, x, msg);
}

/* The kept view @kept must read as a fresh parse of the output does. */
static void check_view(const struct rw_case *c, enum ctx x, const __u8 *pkt,
		       __u32 len, const struct rw_view *kept,
		       const struct rw_out *o)
{
	__u8 copy[BUFSZ];
	struct xk_pkt p;
	struct xk_l4 l4;
	struct rw_view fresh;

	checks++;
	memcpy(copy, pkt, len);
	p = xk_pkt_buf(copy, len);
	if (o && o->vlan_present) { /* TC: what the skb holds outside */
		p.b.vlan_present = 1;
		p.b.vlan_tci = o->vlan_tci;
		p.b.vlan_proto = o->vlan_proto;
	}
	xk_parse_l4(&p, &l4);
	rw_snap(&l4, &fresh);
	if (!memcmp(&fresh, kept, sizeof(fresh)))
		return;
	fail(c, x,
	     "the view kept across the rewrite is not a fresh parse "
	     "of the output");
	hexline("kept", (const __u8 *)kept, sizeof(*kept));
	hexline("fresh", (const __u8 *)&fresh, sizeof(fresh));
}

static void dump_pkt(const struct rw_case *c, enum ctx x, const __u8 *p,
		     __u32 n)
{
	__u32 i;

	if (!dump)
		return;
	fprintf(dump, "%s %s ", c->name, ctx_name[x]);
	for (i = 0; i < n; i++)
		fprintf(dump, "%02x", p[i]);
	fprintf(dump, "\n");
}

static void run_host(const struct rw_case *c)
{
	static __u8 frame[BUFSZ];
	struct rw_view kept;
	struct xk_pkt p;
	struct xk_l4 l4;
	int parse, r;

	memset(frame, 0xee, sizeof(frame));
	memcpy(frame + HEADROOM, c->in, c->in_len);
	p = xk_pkt_buf_room(frame, sizeof(frame), HEADROOM, c->in_len);
	r = rw_apply(&p, &c->cfg, &l4, &parse);
	check_int(c, C_HOST, "parse", parse, 0);
	check_int(c, C_HOST, "return", r, c->ret);
	check_bytes(c, C_HOST, p.b.data, p.b.len, c->want, c->want_len);
	if (r >= 0) {
		rw_snap(&l4, &kept);
		check_view(c, C_HOST, p.b.data, p.b.len, &kept, NULL);
	}
	dump_pkt(c, C_HOST, p.b.data, p.b.len);
}

static int run_bpf(const struct rw_case *c, enum ctx x)
{
	__u8 out[BUFSZ];
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = c->in,
		    .data_size_in = c->in_len, .data_out = out,
		    .data_size_out = sizeof(out), .repeat = 1);
	const __u8 *want = x == C_TC ? c->tc_want : c->want;
	__u32 want_len = x == C_TC ? c->tc_want_len : c->want_len;
	struct rw_out res = {};
	__u32 zero = 0;

	if (bpf_map_update_elem(cfg_fd, &zero, &c->cfg, 0) ||
	    bpf_map_update_elem(out_fd, &zero, &res, 0))
		return -errno;
	if (bpf_prog_test_run_opts(prog_fd[x], &o))
		return -errno;
	if (bpf_map_lookup_elem(out_fd, &zero, &res))
		return -errno;
	check_int(c, x, "runs", res.runs, 1);
	check_int(c, x, "action", o.retval, x == C_TC ? TC_ACT_OK : XDP_PASS);
	check_int(c, x, "parse", res.parse, 0);
	check_int(c, x, "return", res.ret, x == C_TC ? c->tc_ret : c->ret);
	check_bytes(c, x, out, o.data_size_out, want, want_len);
	if (x == C_TC) {
		check_int(c, x, "skb->protocol", res.protocol, c->tc_protocol);
		check_int(c, x, "skb->vlan_present", res.vlan_present,
			  c->tc_vlan_present);
		if (c->tc_vlan_present) {
			check_int(c, x, "skb->vlan_tci", res.vlan_tci,
				  c->tc_vlan_tci);
			check_int(c, x, "skb->vlan_proto", res.vlan_proto,
				  c->tc_vlan_proto);
		}
	}
	check_int(c, x, "view snapshot taken", res.snapped, res.ret >= 0);
	if (res.snapped)
		check_view(c, x, out, o.data_size_out, &res.view,
			   x == C_TC ? &res : NULL);
	dump_pkt(c, x, out, o.data_size_out);
	return 0;
}

static int load(const char *path, struct bpf_object **obj)
{
	static const char *const names[C_N] = {NULL, "rw_xdp", "rw_tc"};
	int x;

	*obj = bpf_object__open_file(path, NULL);
	if (!*obj || bpf_object__load(*obj)) {
		fprintf(stderr,
			"run_bytes: cannot load %s (root? verifier "
			"log above)\n",
			path);
		return -1;
	}
	for (x = C_XDP; x < C_N; x++) {
		struct bpf_program *p =
			bpf_object__find_program_by_name(*obj, names[x]);

		if (!p)
			return -1;
		prog_fd[x] = bpf_program__fd(p);
	}
	cfg_fd = bpf_object__find_map_fd_by_name(*obj, "rw_cfg");
	out_fd = bpf_object__find_map_fd_by_name(*obj, "rw_out");
	return cfg_fd < 0 || out_fd < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	unsigned int ops[RW_OP_N] = {}, i, o;
	struct bpf_object *obj;
	enum ctx x;
	int r;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: run_bytes REWRITE_BPF_OBJ [DUMP]\n");
		return 2;
	}
	if (load(argv[1], &obj))
		return 2;
	if (argc == 3 && !(dump = fopen(argv[2], "w"))) {
		fprintf(stderr, "run_bytes: %s: %s\n", argv[2],
			strerror(errno));
		return 2;
	}
	for (i = 0; i < NCASES; i++) {
		const struct rw_case *c = &rw_cases[i];

		ops[c->cfg.op]++;
		run_host(c);
		for (x = C_XDP; x < C_N; x++) {
			r = run_bpf(c, x);
			if (r) {
				fprintf(stderr,
					"run_bytes: %s %s: test run: "
					"%s\n",
					c->name, ctx_name[x], strerror(-r));
				return 2;
			}
		}
	}
	/* the table must cover every rewrite there is */
	for (o = RW_SPORT; o < RW_OP_N; o++)
		if (!ops[o]) {
			printf("FAIL no case for op %u\n", o);
			failures++;
		}
	if (dump && fclose(dump)) {
		perror("run_bytes: dump");
		return 2;
	}
	bpf_object__close(obj);
	printf("rewrite-bytes: %zu cases x {host, xdp, tc}, %u checks, %u "
	       "failed\n",
	       NCASES, checks, failures);
	return failures ? 1 : 0;
}
