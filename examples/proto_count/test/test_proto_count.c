// SPDX-License-Identifier: GPL-2.0
/*
 * proto_count under BPF_PROG_TEST_RUN, XDP and TC: run each Scapy-built
 * packet (gen_packets.py) its own number of times, then compare the whole
 * map, summed over CPUs, with the totals the packet list implies. Every
 * run's return code is checked too.
 */
#include <criterion/criterion.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "proto_count.h"

#define MAX_PKTS 32
#define MAX_LEN	 1514

struct tpkt {
	char name[32];
	__u32 repeat;
	struct proto_key key;
	__u8 data[MAX_LEN];
	__u32 len;
};

static struct tpkt pkts[MAX_PKTS];
static int npkts;

static int unhex(const char *s, __u8 *out, __u32 max)
{
	__u32 n = 0;
	unsigned int b;

	while (s[0] && s[1] && n < max && sscanf(s, "%2x", &b) == 1) {
		out[n++] = (__u8)b;
		s += 2;
	}
	return *s ? -1 : (int)n;
}

static void load_packets(void)
{
	FILE *f = fopen(PACKETS_FILE, "r");
	char hex[2 * MAX_LEN + 2];
	unsigned int l3, l4, bad;

	cr_assert(f, "cannot open %s (%s): run `make test-examples`",
		  PACKETS_FILE, strerror(errno));
	npkts = 0;
	while (npkts < MAX_PKTS) {
		struct tpkt *p = &pkts[npkts];
		int n = fscanf(f, "%31s %u %u %u %u %3029s", p->name,
			       &p->repeat, &l3, &l4, &bad, hex);

		if (n == EOF)
			break;
		cr_assert_eq(n, 6, "%s: malformed line %d", PACKETS_FILE,
			     npkts + 1);
		p->key.l3_proto = l3;
		p->key.l4_proto = l4;
		p->key.bad = bad;
		n = unhex(hex, p->data, MAX_LEN);
		cr_assert_gt(n, 0, "%s: bad hex for %s", PACKETS_FILE, p->name);
		p->len = n;
		npkts++;
	}
	fclose(f);
	cr_assert_gt(npkts, 4, "%s: only %d packets", PACKETS_FILE, npkts);
}

static struct bpf_object *open_prog(const char *name, int *prog_fd, int *map_fd)
{
	struct bpf_object *obj = bpf_object__open_file(PROTO_COUNT_OBJ, NULL);
	struct bpf_program *prog;

	cr_assert(obj, "cannot open %s: %s", PROTO_COUNT_OBJ, strerror(errno));
	cr_assert_eq(bpf_object__load(obj), 0, "%s does not load (root?)",
		     PROTO_COUNT_OBJ);
	prog = bpf_object__find_program_by_name(obj, name);
	cr_assert(prog, "no program %s in %s", name, PROTO_COUNT_OBJ);
	*prog_fd = bpf_program__fd(prog);
	*map_fd = bpf_object__find_map_fd_by_name(obj, "proto_count");
	cr_assert_geq(*map_fd, 0, "no map proto_count");
	return obj;
}

/* What the map must hold for key k after every packet ran. */
static void expected(const struct proto_key *k, __u64 *packets, __u64 *bytes)
{
	int i;

	*packets = *bytes = 0;
	for (i = 0; i < npkts; i++) {
		if (memcmp(&pkts[i].key, k, sizeof(*k)))
			continue;
		*packets += pkts[i].repeat;
		*bytes += (__u64)pkts[i].repeat * pkts[i].len;
	}
}

static void check_map(int map_fd)
{
	int ncpu = libbpf_num_possible_cpus();
	struct proto_val *vals = calloc(ncpu, sizeof(*vals));
	struct proto_key key, next, *prev = NULL;
	int i, nkeys = 0, want_keys = 0;

	cr_assert(vals && ncpu > 0);
	while (!bpf_map_get_next_key(map_fd, prev, &next)) {
		__u64 pk = 0, by = 0, wpk, wby;

		key = next;
		prev = &key;
		cr_assert_eq(bpf_map_lookup_elem(map_fd, &key, vals), 0);
		for (i = 0; i < ncpu; i++) {
			pk += vals[i].packets;
			by += vals[i].bytes;
		}
		expected(&key, &wpk, &wby);
		cr_expect(pk == wpk && by == wby,
			  "key {l3 0x%04x, l4 %u, bad %u}: %llu packets %llu "
			  "bytes, want %llu packets %llu bytes",
			  key.l3_proto, key.l4_proto, key.bad,
			  (unsigned long long)pk, (unsigned long long)by,
			  (unsigned long long)wpk, (unsigned long long)wby);
		nkeys++;
	}
	/* distinct keys in the packet list: every one must be in the map */
	for (i = 0; i < npkts; i++) {
		int j, seen = 0;

		for (j = 0; j < i; j++)
			seen |= !memcmp(&pkts[j].key, &pkts[i].key,
					sizeof(key));
		want_keys += !seen;
	}
	cr_expect_eq(nkeys, want_keys, "map has %d keys, want %d", nkeys,
		     want_keys);
	free(vals);
}

static void run_all(const char *prog_name, __u32 want_ret)
{
	struct bpf_object *obj;
	int prog_fd, map_fd, i;

	load_packets();
	obj = open_prog(prog_name, &prog_fd, &map_fd);
	for (i = 0; i < npkts; i++) {
		LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkts[i].data,
			    .data_size_in = pkts[i].len,
			    .repeat = pkts[i].repeat);
		int err = bpf_prog_test_run_opts(prog_fd, &opts);

		cr_assert_eq(err, 0, "%s on %s: test run failed: %s", prog_name,
			     pkts[i].name, strerror(-err));
		cr_expect_eq(opts.retval, want_ret,
			     "%s on %s: returned %u, "
			     "want %u",
			     prog_name, pkts[i].name, opts.retval, want_ret);
	}
	check_map(map_fd);
	bpf_object__close(obj);
}

Test(proto_count, xdp)
{
	run_all("proto_count_xdp", XDP_PASS);
}

Test(proto_count, tc)
{
	run_all("proto_count_tc", TC_ACT_OK);
}
