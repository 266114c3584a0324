// SPDX-License-Identifier: GPL-2.0
/*
 * xk_map API (libxdpkit) against real kernel maps of maps_a.bpf.o: typed
 * and per-CPU access, batch and one-by-one walks agreeing, LPM prefixes,
 * BTF text/JSON formatting and parsing, type comparison, the pinned-map
 * BTF check and the ring buffer. Pins go to a private directory under
 * /sys/fs/bpf/xdpkit, removed afterwards.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <xdpkit/loader.h>
#include <xdpkit/map.h>
#include "progs/types.h"

static struct bpf_object *obj;
static char pin_root[128];

static void setup(void)
{
	obj = bpf_object__open_file(MAPS_A_OBJ, NULL);
	cr_assert(obj, "open %s", MAPS_A_OBJ);
	snprintf(pin_root, sizeof(pin_root), "/sys/fs/bpf/xdpkit/test-maps-%d",
		 getpid());
	mkdir("/sys/fs/bpf/xdpkit", 0700);
	cr_assert_eq(xk_obj__set_pin_root(obj, pin_root), 0);
	cr_assert_eq(xk_obj__check_pins(obj), 0, "%s", xk_errmsg());
	cr_assert_eq(bpf_object__load(obj), 0, "load maps_a");
}

static void teardown(void)
{
	char p[192];

	bpf_object__close(obj);
	snprintf(p, sizeof(p), "%s/" XKT_SHARED, pin_root);
	unlink(p);
	rmdir(pin_root);
	rmdir("/sys/fs/bpf/xdpkit");
}

TestSuite(maps, .init = setup, .fini = teardown);

static struct xk_map *open_map(const char *name)
{
	struct xk_map *m = xk_map__open_obj(obj, name);

	cr_assert(m, "open %s: %s", name, xk_errmsg());
	return m;
}

Test(maps, typed_hash_roundtrip)
{
	struct xk_map *m = open_map("xkt_hash");
	struct xkt_key k = {.ifindex = 3, .port = 22, .proto = 6};
	struct xkt_val v = {.packets = 5, .bytes = 500, .delta = -7}, out;

	cr_assert_eq(xk_map__lookup(m, &k, &out), -ENOENT);
	cr_assert_eq(xk_map__update(m, &k, &v, BPF_NOEXIST), 0);
	cr_assert_eq(xk_map__update(m, &k, &v, BPF_NOEXIST), -EEXIST);
	memset(&out, 0, sizeof(out));
	cr_assert_eq(xk_map__lookup(m, &k, &out), 0);
	cr_assert_eq(memcmp(&out, &v, sizeof(v)), 0);
	cr_assert_eq(xk_map__count(m), 1);
	cr_assert_eq(xk_map__delete(m, &k), 0);
	cr_assert_eq(xk_map__delete(m, &k), -ENOENT);
	cr_assert_eq(xk_map__count(m), 0);
	cr_assert_eq(xk_map__is_percpu(m), false);
	xk_map__close(m);
}

Test(maps, open_by_id_pin_fd_agree)
{
	struct xk_map *a = open_map("xkt_shared"), *b, *c, *d;
	char path[192];

	snprintf(path, sizeof(path), "%s/" XKT_SHARED, pin_root);
	b = xk_map__open_pin(path, NULL);
	c = xk_map__open_id(xk_map__id(a), NULL);
	d = xk_map__open_fd(xk_map__fd(a), NULL);
	cr_assert(b && c && d, "%s", xk_errmsg());
	cr_assert_eq(xk_map__id(b), xk_map__id(a));
	cr_assert_eq(xk_map__id(c), xk_map__id(a));
	cr_assert_eq(xk_map__id(d), xk_map__id(a));
	cr_assert_null(
		xk_map__open_pin("/sys/fs/bpf/xdpkit/no-such-pin", NULL));
	cr_assert_null(xk_map__open_obj(obj, "no_such_map"));
	xk_map__close(a);
	xk_map__close(b);
	xk_map__close(c);
	xk_map__close(d);
}

Test(maps, expected_types_checked_structurally)
{
	struct xk_map *a = open_map("xkt_shared"), *m;
	struct btf *btf_b = btf__parse(MAPS_B_OBJ, NULL);
	struct xk_map_open_opts o = {.sz = sizeof(o)};

	cr_assert(btf_b);
	o.btf = bpf_object__btf(obj);
	o.key_type = "__u32";
	o.value_type = "struct xkt_pair_a";
	m = xk_map__open_id(xk_map__id(a), &o);
	cr_assert(m, "same types refused: %s", xk_errmsg());
	xk_map__close(m);
	/* struct xkt_pair_b: same size, members swapped */
	o.btf = btf_b;
	o.value_type = "struct xkt_pair_b";
	m = xk_map__open_id(xk_map__id(a), &o);
	cr_assert_null(m);
	cr_assert_eq(errno, EPROTOTYPE);
	cr_assert(strstr(xk_errmsg(), "value type differs"), "%s", xk_errmsg());
	xk_map__close(a);
	btf__free(btf_b);
}

Test(maps, percpu_sum_and_raw)
{
	struct xk_map *m = open_map("xkt_pcpu");
	int n = xk_map__ncpus(m), c;
	__u32 stride = xk_map__percpu_stride(m);
	struct xkt_key k = {.ifindex = 1};
	__u8 *per = calloc(n, stride), *back = calloc(n, stride);
	struct xkt_val sum;
	__u64 want_p = 0, want_b = 0;

	cr_assert_eq(stride, 40); /* 36-byte value rounded to 8 */
	for (c = 0; c < n; c++) {
		struct xkt_val *v = (void *)(per + c * stride);

		v->packets = 10 + c;
		v->bytes = 1000 * (c + 1);
		v->delta = -1;
		v->high = 1;
		memcpy(v->label, "cpu", 4);
		want_p += v->packets;
		want_b += v->bytes;
	}
	cr_assert_eq(xk_map__update_percpu(m, &k, per, BPF_ANY), 0);
	cr_assert_eq(xk_map__lookup(m, &k, &sum), 0);
	cr_assert_eq(sum.packets, want_p);
	cr_assert_eq(sum.bytes, want_b);
	cr_assert_eq(sum.delta, -n);	    /* signed ints sum too */
	cr_assert_eq(sum.high, 1);	    /* bitfields: CPU 0's */
	cr_assert_str_eq(sum.label, "cpu"); /* chars are not summed */
	cr_assert_eq(xk_map__lookup_percpu(m, &k, back), 0);
	cr_assert_eq(memcmp(back, per, n * stride), 0);
	/* a plain update lands on CPU 0 only: the sum reads it back */
	sum.packets = 7;
	sum.bytes = 70;
	cr_assert_eq(xk_map__update(m, &k, &sum, BPF_ANY), 0);
	memset(&sum, 0, sizeof(sum));
	cr_assert_eq(xk_map__lookup(m, &k, &sum), 0);
	cr_assert_eq(sum.packets, 7);
	cr_assert_eq(sum.bytes, 70);
	free(per);
	free(back);
	xk_map__close(m);
}

struct walk {
	int n;
	__u64 keysum, valsum;
};

static int walk_cb(const void *k, const void *v, void *ctx)
{
	struct walk *w = ctx;

	w->n++;
	w->keysum += ((const struct xkt_key *)k)->ifindex;
	w->valsum += ((const struct xkt_val *)v)->packets;
	return 0;
}

Test(maps, batch_and_fallback_agree)
{
	struct xk_map *m = open_map("xkt_pcpu");
	struct xkt_key keys[600];
	struct xkt_val vals[600];
	struct walk a = {0}, b = {0};
	__u32 done, i;
	__u64 ks = 0, vs = 0;

	memset(keys, 0, sizeof(keys));
	memset(vals, 0, sizeof(vals));
	for (i = 0; i < 600; i++) {
		keys[i].ifindex = i + 1;
		vals[i].packets = 3 * i;
		ks += i + 1;
		vs += 3 * i;
	}
	cr_assert_eq(xk_map__update_batch(m, keys, vals, 600, BPF_ANY, &done),
		     0, "%s", xk_errmsg());
	cr_assert_eq(done, 600);
	cr_assert(xk_map__last_was_batched());
	cr_assert_eq(xk_map__iterate(m, walk_cb, &a, 0), 0);
	cr_assert(xk_map__last_was_batched());
	cr_assert_eq(xk_map__iterate(m, walk_cb, &b, XK_ITER_NO_BATCH), 0);
	cr_assert_not(xk_map__last_was_batched());
	cr_assert_eq(a.n, 600);
	cr_assert_eq(b.n, 600);
	cr_assert_eq(a.keysum, ks);
	cr_assert_eq(b.keysum, ks);
	cr_assert_eq(a.valsum, vs);
	cr_assert_eq(b.valsum, vs);
	cr_assert_eq(xk_map__delete_batch(m, keys, 600, &done), 0);
	cr_assert_eq(done, 600);
	cr_assert_eq(xk_map__count(m), 0);
	xk_map__close(m);
}

Test(maps, lpm_longest_match)
{
	struct xk_map *m = open_map("xkt_lpm4");
	struct xk_lpm4_key {
		__u32 len;
		__u8 a[4];
	} keys[3];
	__u32 vals[3] = {1, 2, 3}, done, v;
	const char *pfx[3] = {"10.0.0.0/8", "10.1.0.0/16", "192.168.1.7/32"};
	struct xk_lpm4_key probe;
	int i;

	for (i = 0; i < 3; i++)
		cr_assert_eq(xk_lpm__parse(pfx[i], &keys[i], 8), 0);
	cr_assert_eq(xk_map__update_batch(m, keys, vals, 3, BPF_ANY, &done), 0);
	cr_assert_eq(done, 3);
	cr_assert_eq(xk_map__count(m), 3);
	/* longest match: 10.1.2.3 -> /16, 10.2.0.1 -> /8 */
	cr_assert_eq(xk_lpm__parse("10.1.2.3", &probe, 8), 0);
	cr_assert_eq(xk_map__lookup(m, &probe, &v), 0);
	cr_assert_eq(v, 2);
	cr_assert_eq(xk_lpm__parse("10.2.0.1/32", &probe, 8), 0);
	cr_assert_eq(xk_map__lookup(m, &probe, &v), 0);
	cr_assert_eq(v, 1);
	xk_map__close(m);
}

Test(maps, prefixes)
{
	struct xk_prefix p;
	char buf[64];
	__u8 k6[20];
	static const char *bad[] = {
		"10.0.0.0/33",
		"10.0.0/8",
		"2001:db8::/129",
		"",
		"10.0.0.0/",
		"10.0.0.0/-1",
		"abc",
		"10.0.0.0/8x",
		"/8",
		"10.0.0.0/+8",
		"300.0.0.0/8",
		"2001:db8:::/32",
	};
	size_t i;

	cr_assert_eq(xk_prefix__parse("10.1.2.3/8", &p), 0);
	cr_assert_eq(p.family, 4);
	cr_assert_eq(p.len, 8);
	cr_assert_str_eq(xk_prefix__str(&p, buf, sizeof(buf)), "10.0.0.0/8");
	cr_assert_eq(xk_prefix__parse("2001:db8:ffff::1/32", &p), 0);
	cr_assert_str_eq(xk_prefix__str(&p, buf, sizeof(buf)), "2001:db8::/32");
	cr_assert_eq(xk_prefix__parse("::1", &p), 0);
	cr_assert_eq(p.len, 128);
	cr_assert_eq(xk_prefix__parse("0.0.0.0/0", &p), 0);
	cr_assert_eq(p.len, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert_eq(xk_prefix__parse(bad[i], &p), -EINVAL, "%s",
			     bad[i]);
	cr_assert_eq(xk_lpm__parse("2001:db8::/32", k6, 20), 0);
	cr_assert_eq(*(__u32 *)k6, 32);
	cr_assert_eq(k6[4], 0x20);
	cr_assert_eq(k6[5], 0x01);
	cr_assert_eq(xk_lpm__parse("10.0.0.0/8", k6, 20), -EINVAL);
	cr_assert_str_eq(xk_lpm__str(k6, 20, buf, sizeof(buf)),
			 "2001:db8::/32");
}

Test(maps, format_text_and_json)
{
	struct xk_map *m = open_map("xkt_hash");
	struct xkt_key k = {.ifindex = 3, .port = 443, .proto = 6};
	struct xkt_val v = {.packets = 2,
			    .bytes = 3,
			    .addr = {10, 0, 0, 1},
			    .delta = -5,
			    .low = 9,
			    .high = 1000};
	char buf[1024];

	strcpy(v.label, "web");
	cr_assert_eq(xk_map__fmt_key(m, &k, XK_FMT_JSON, buf, sizeof(buf)), 0);
	cr_assert_str_eq(buf, "{\"ifindex\":3,\"port\":443,\"proto\":6,"
			      "\"flags\":0}");
	cr_assert_eq(xk_map__fmt_value(m, &v, XK_FMT_JSON, buf, sizeof(buf)),
		     0);
	cr_assert_str_eq(buf, "{\"packets\":2,\"bytes\":3,\"label\":\"web\","
			      "\"addr\":[10,0,0,1],\"delta\":-5,\"low\":9,"
			      "\"high\":1000}");
	cr_assert_eq(xk_map__fmt_key(m, &k, XK_FMT_TEXT, buf, sizeof(buf)), 0);
	cr_assert_str_eq(buf, "{.ifindex = 3, .port = 443, .proto = 6, "
			      ".flags = 0}");
	cr_assert_eq(xk_map__fmt_value(m, &v, XK_FMT_TEXT, buf, sizeof(buf)),
		     0);
	cr_assert_str_eq(buf, "{.packets = 2, .bytes = 3, .label = \"web\", "
			      ".addr = [10, 0, 0, 1], .delta = -5, .low = 9, "
			      ".high = 1000}");
	cr_assert_eq(xk_map__fmt_key(m, &k, XK_FMT_JSON, buf, 10), -ENOSPC);
	xk_map__close(m);
	m = open_map("xkt_lpm6");
	{
		__u8 key[20];

		cr_assert_eq(xk_lpm__parse("2001:db8::/32", key, 20), 0);
		cr_assert_eq(
			xk_map__fmt_key(m, key, XK_FMT_JSON, buf, sizeof(buf)),
			0);
		cr_assert_str_eq(buf, "\"2001:db8::/32\"");
	}
	xk_map__close(m);
}

Test(maps, parse_fields)
{
	struct xk_map *m = open_map("xkt_hash");
	struct xkt_key k;
	struct xkt_val v;
	__u8 raw[8];

	cr_assert_eq(xk_map__parse_key(m, "ifindex=3,port=0x1bb,proto=6", &k),
		     0, "%s", xk_errmsg());
	cr_assert_eq(k.ifindex, 3);
	cr_assert_eq(k.port, 443);
	cr_assert_eq(k.proto, 6);
	cr_assert_eq(k.flags, 0);
	cr_assert_eq(xk_map__parse_value(m,
					 "packets=1,label=ab,addr=10.0.0.1,"
					 "delta=-3,high=5,low=15,addr[3]=9",
					 &v),
		     0, "%s", xk_errmsg());
	cr_assert_eq(v.packets, 1);
	cr_assert_str_eq(v.label, "ab");
	cr_assert_eq(v.addr[0], 10);
	cr_assert_eq(v.addr[3], 9);
	cr_assert_eq(v.delta, -3);
	cr_assert_eq(v.high, 5);
	cr_assert_eq(v.low, 15);
	cr_assert_eq(xk_map__parse_key(m, "hex 03 00 00 00 bb 01 06 00", raw),
		     0);
	cr_assert_eq(xk_map__parse_key(m, "hex 03 00 00", raw), -E2BIG);
	cr_assert_eq(xk_map__parse_key(m, "nosuch=1", &k), -EINVAL);
	cr_assert_eq(xk_map__parse_key(m, "port=65536", &k), -ERANGE);
	cr_assert_eq(xk_map__parse_key(m, "proto=-1", &k), -EINVAL);
	cr_assert_eq(xk_map__parse_key(m, "port=12x", &k), -EINVAL);
	cr_assert_eq(xk_map__parse_value(m, "low=16", &v), -ERANGE);
	cr_assert_eq(xk_map__parse_value(m, "label=toolongforit", &v), -ERANGE);
	cr_assert_eq(xk_map__parse_key(m, "5", &k), -EINVAL);
	/* _over: the named fields change, the others keep their values;
	 * parse_value starts from zero */
	cr_assert_eq(xk_map__parse_value(m, "packets=7,delta=-2", &v), 0);
	cr_assert_eq(xk_map__parse_value_over(m, "delta=4,label=x", &v), 0,
		     "%s", xk_errmsg());
	cr_assert_eq(v.packets, 7);
	cr_assert_eq(v.delta, 4);
	cr_assert_str_eq(v.label, "x");
	cr_assert_eq(xk_map__parse_value(m, "delta=5", &v), 0);
	cr_assert_eq(v.packets, 0);
	cr_assert_eq(v.delta, 5);
	xk_map__close(m);
	m = open_map("xkt_array");
	{
		__u32 ak;
		__u64 av;

		cr_assert_eq(xk_map__parse_key(m, "5", &ak), 0);
		cr_assert_eq(ak, 5);
		cr_assert_eq(
			xk_map__parse_value(m, "18446744073709551615", &av), 0);
		cr_assert_eq(av, ~0ULL);
		cr_assert_eq(
			xk_map__parse_value(m, "18446744073709551616", &av),
			-ERANGE);
	}
	xk_map__close(m);
}

Test(maps, type_cmp)
{
	struct btf *a = btf__parse(MAPS_A_OBJ, NULL),
		   *b = btf__parse(MAPS_B_OBJ, NULL);
	int ia, ib, ia2;

	cr_assert(a && b);
	ia = btf__find_by_name_kind(a, "xkt_pair_a", BTF_KIND_STRUCT);
	ia2 = btf__find_by_name_kind(b, "xkt_pair_b", BTF_KIND_STRUCT);
	ib = btf__find_by_name_kind(a, "xkt_key", BTF_KIND_STRUCT);
	cr_assert(ia > 0 && ia2 > 0 && ib > 0);
	cr_assert_eq(xk_btf__type_cmp(a, ia, a, ia), 0);
	cr_assert_eq(xk_btf__type_cmp(a, ia, b, ia2), -EPROTOTYPE);
	cr_assert_eq(xk_btf__type_cmp(a, ia, a, ib), -EPROTOTYPE);
	btf__free(a);
	btf__free(b);
}

Test(maps, pinned_map_with_other_btf_type_refused)
{
	struct bpf_object *ob = bpf_object__open_file(MAPS_B_OBJ, NULL);
	struct xk_map *m = open_map("xkt_shared");
	struct xkt_pair_a v = {1, 2}, out;
	__u32 k = 0;

	cr_assert(ob);
	cr_assert_eq(xk_map__update(m, &k, &v, BPF_ANY), 0);
	cr_assert_eq(xk_obj__set_pin_root(ob, pin_root), 0);
	cr_assert_eq(xk_obj__check_pins(ob), -EPROTOTYPE);
	cr_assert(strstr(xk_errmsg(), "other BTF types"), "%s", xk_errmsg());
	cr_assert(strstr(xk_errmsg(), "xkt_pair"), "%s", xk_errmsg());
	/* libbpf alone would have reused it: sizes match */
	cr_assert_eq(bpf_map__value_size(
			     bpf_object__find_map_by_name(ob, XKT_SHARED)),
		     sizeof(v));
	cr_assert_eq(xk_map__lookup(m, &k, &out), 0);
	cr_assert_eq(out.first, 1);
	cr_assert_eq(out.second, 2);
	cr_assert_eq(xk_map__count(m), 1);
	bpf_object__close(ob);
	xk_map__close(m);
}

static int rb_cb(void *ctx, void *data, size_t size)
{
	struct xkt_event *e = data;
	int *seen = ctx;

	cr_assert_eq(size, sizeof(*e));
	cr_assert_eq(e->seq, (__u32)*seen + 1);
	cr_assert_eq(e->len, 64);
	(*seen)++;
	return 0;
}

Test(maps, ringbuf_consumer)
{
	struct xk_map *m = open_map("xkt_events"), *h = open_map("xkt_hash");
	struct bpf_program *p =
		bpf_object__find_program_by_name(obj, "xkt_emit");
	__u8 pkt[64] = {0};
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);
	struct xk_ringbuf *rb = xk_ringbuf__new(m, rb_cb, &(int){0});
	int seen = 0, i;

	cr_assert_null(xk_ringbuf__new(h, rb_cb, NULL));
	cr_assert(rb, "%s", xk_errmsg());
	xk_ringbuf__free(rb);
	rb = xk_ringbuf__new(m, rb_cb, &seen);
	for (i = 0; i < 3; i++)
		cr_assert_eq(bpf_prog_test_run_opts(bpf_program__fd(p), &o), 0);
	cr_assert_eq(xk_ringbuf__poll(rb, 100), 3);
	cr_assert_eq(seen, 3);
	cr_assert_eq(xk_ringbuf__consume(rb), 0);
	xk_ringbuf__free(rb);
	xk_map__close(m);
	xk_map__close(h);
}
