// SPDX-License-Identifier: GPL-2.0
/*
 * The BTF formatter and field parser on types built here with libbpf's BTF
 * writer, each value in a buffer of exactly its size: built with ASan and
 * UBSan, so a read or write past it fails the test. Defects of issue 10:
 * packed bitfields read and written as their whole storage unit (past a
 * 6-byte value), NaN/infinity printed as invalid JSON, unsigned enum
 * values from 2^31 up refused.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include <bpf/btf.h>
#include <xdpkit/map.h>

static struct btf *btf;
static int u8_id, u32_id, s32_id, float_id, double_id;

static void setup(void)
{
	btf = btf__new_empty();
	cr_assert(btf);
	u8_id = btf__add_int(btf, "unsigned char", 1, 0);
	u32_id = btf__add_int(btf, "unsigned int", 4, 0);
	s32_id = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	float_id = btf__add_float(btf, "float", 4);
	double_id = btf__add_float(btf, "double", 8);
	cr_assert(u8_id > 0 && u32_id > 0 && s32_id > 0 && float_id > 0 &&
		  double_id > 0);
}

static void teardown(void)
{
	btf__free(btf);
}

/* A heap buffer of exactly n bytes: ASan sees any byte past it. */
static void *exact(size_t n, int fill)
{
	void *p = malloc(n);

	cr_assert(p);
	memset(p, fill, n);
	return p;
}

/*
 * struct __attribute__((packed)) { __u8 a; __u32 lo : 4, hi : 20; __u8 z; }
 * is 5 bytes... made 6 with a trailing u8: lo's storage unit (4 bytes from
 * offset 0 or 1) is not what it may touch.
 */
TestSuite(fmt, .init = setup, .fini = teardown);

Test(fmt, packed_bitfields_stay_inside_the_value)
{
	int id = btf__add_struct(btf, "pk", 6);
	char out[256];
	__u8 *v;

	cr_assert(id > 0);
	cr_assert(!btf__add_field(btf, "a", u8_id, 0, 0));
	cr_assert(!btf__add_field(btf, "lo", u32_id, 8, 4));
	cr_assert(!btf__add_field(btf, "hi", u32_id, 12, 20));
	cr_assert(!btf__add_field(btf, "y", u8_id, 32, 0));
	/* the last bitfield of the value, in its last byte */
	cr_assert(!btf__add_field(btf, "z", u32_id, 44, 4));

	v = exact(6, 0);
	cr_assert_eq(
		xk_btf__parse(btf, id, "a=1,lo=15,hi=0xfffff,y=7,z=9", v, 6), 0,
		"%s", xk_errmsg());
	/* lo: bits 8-11, hi: 12-31, y: byte 4, z: bits 44-47 */
	cr_assert_eq(v[0], 1);
	cr_assert_eq(v[1], 0xff);
	cr_assert_eq(v[2], 0xff);
	cr_assert_eq(v[3], 0xff);
	cr_assert_eq(v[4], 7);
	cr_assert_eq(v[5], 0x90);
	cr_assert_eq(xk_btf__fmt(btf, id, v, 6, XK_FMT_JSON, out, sizeof(out)),
		     0);
	cr_assert_str_eq(out, "{\"a\":1,\"lo\":15,\"hi\":1048575,\"y\":7,"
			      "\"z\":9}");
	/* changing one field leaves its byte neighbours alone */
	cr_assert_eq(xk_btf__parse(btf, id, "z=3", v, 6), 0);
	cr_assert_eq(v[5], 0x30);
	free(v);
}

Test(fmt, floats_are_valid_json)
{
	int id = btf__add_struct(btf, "fl", 12);
	unsigned char *v;
	float f = NAN;
	double d = -INFINITY;
	char out[128];

	cr_assert(id > 0);
	cr_assert(!btf__add_field(btf, "f", float_id, 0, 0));
	cr_assert(!btf__add_field(btf, "d", double_id, 32, 0));
	v = exact(12, 0);
	memcpy(v, &f, 4);
	memcpy(v + 4, &d, 8); /* unaligned: UBSan watches */
	cr_assert_eq(xk_btf__fmt(btf, id, v, 12, XK_FMT_JSON, out, sizeof(out)),
		     0);
	cr_assert_str_eq(out, "{\"f\":null,\"d\":null}");
	cr_assert_eq(xk_btf__fmt(btf, id, v, 12, XK_FMT_TEXT, out, sizeof(out)),
		     0);
	cr_assert_str_eq(out, "{.f = nan, .d = -inf}");
	d = 1.5;
	memcpy(v + 4, &d, 8);
	f = 0.25f;
	memcpy(v, &f, 4);
	cr_assert_eq(xk_btf__fmt(btf, id, v, 12, XK_FMT_JSON, out, sizeof(out)),
		     0);
	cr_assert_str_eq(out, "{\"f\":0.25,\"d\":1.5}");
	free(v);
}

Test(fmt, unsigned_enum_past_2_31)
{
	int id = btf__add_enum(btf, "big", 4);
	__u32 *v;
	char out[64];

	cr_assert(id > 0);
	cr_assert(!btf__add_enum_value(btf, "SMALL", 1));
	cr_assert(!btf__add_enum_value(btf, "HIGH", (__s64)0x80000001U));
	v = exact(4, 0);
	cr_assert_eq(xk_btf__parse(btf, id, "HIGH", v, 4), 0, "%s",
		     xk_errmsg());
	cr_assert_eq(*v, 0x80000001U);
	cr_assert_eq(xk_btf__parse(btf, id, "4294967295", v, 4), 0, "%s",
		     xk_errmsg());
	cr_assert_eq(*v, 0xffffffffU);
	cr_assert_eq(xk_btf__fmt(btf, id, v, 4, XK_FMT_JSON, out, sizeof(out)),
		     0);
	cr_assert_str_eq(out, "4294967295");
	free(v);
}

Test(fmt, field_past_the_value_refused)
{
	/* BTF that claims a field past the buffer it is given */
	int id = btf__add_struct(btf, "small", 2);
	__u8 *v;

	cr_assert(id > 0);
	cr_assert(!btf__add_field(btf, "a", u8_id, 0, 0));
	cr_assert(!btf__add_field(btf, "b", u32_id, 8, 0)); /* bytes 1-4 */
	v = exact(2, 0);
	cr_assert_neq(xk_btf__parse(btf, id, "b=1", v, 2), 0);
	free(v);
}
