// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * progs/filter's rules: the rule grammar, and keeping the program's maps
 * consistent. The BPF side does one lookup per trie and walks the chain it
 * finds, so each trie entry must list every rule that can match a packet
 * under it: the rules filed at that prefix and at every shorter prefix
 * that contains it. xk_filter__sync computes those chains from the whole
 * rule set (prefixes grouped and sorted, ancestors found by binary search
 * per prefix length in use) and rewrites only the entries that changed.
 *
 * Order of writes, so a packet never meets a half-made rule: a new rule's
 * counters and slot are written before any chain names it; a removed
 * rule leaves every chain before its slot is cleared.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/map.h>
#include "../../core/core.h"
#include "xdpkit/filter.h"

enum {
	T_SRC4 = XK_FILTER_SRC4,
	T_SRC6 = XK_FILTER_SRC6,
	T_DST4 = XK_FILTER_DST4,
	T_DST6 = XK_FILTER_DST6,
	T_NR = XK_FILTER_NTRIES
};

static const char *const trie_names[T_NR] = {
	XK_FILTER_MAP_SRC4,
	XK_FILTER_MAP_SRC6,
	XK_FILTER_MAP_DST4,
	XK_FILTER_MAP_DST6,
};

/* each trie's exact-match hash: its entries of full length */
static const char *const exact_names[T_NR] = {
	XK_FILTER_MAP_XSRC4,
	XK_FILTER_MAP_XSRC6,
	XK_FILTER_MAP_XDST4,
	XK_FILTER_MAP_XDST6,
};

struct xk_filter {
	struct xk_map *rules, *tries[T_NR], *exact[T_NR], *any, *cfg, *hits;
};

static unsigned int trie_bits(int t)
{
	return t == T_SRC4 || t == T_DST4 ? 32 : 128;
}

/* ---- grammar ---- */

static const struct {
	const char *name;
	__u8 num;
} protos[] = {
	{"tcp", 6}, {"udp", 17}, {"icmp", 1}, {"icmpv6", 58}, {"sctp", 132},
};

const char *xk_filter_action__str(__u32 a)
{
	return a == XK_FILTER_DROP    ? "drop"
	       : a == XK_FILTER_COUNT ? "count"
	       : a == XK_FILTER_PASS  ? "pass"
				      : "?";
}

static int parse_num(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	if (!*s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	*v = strtoul(s, &end, 10);
	return errno || *end || *v > max ? -EINVAL : 0;
}

static int parse_prefix(const char *kw, const char *s, struct xk_filter_rule *r,
			__u8 flag)
{
	struct xk_prefix p;
	int err = xk_prefix__parse(s, &p);

	if (err) {
		char why[256]; /* xk_err writes where xk_errmsg points */

		snprintf(why, sizeof(why), "%s", xk_errmsg());
		return xk_err(err, "%s: %s", kw, why);
	}
	if (r->family && r->family != p.family)
		return xk_err(-EINVAL, "src and dst must both be IPv4 or both "
				       "IPv6");
	r->family = p.family;
	r->flags |= flag;
	if (flag == XK_FR_SRC) {
		r->src_len = p.len;
		memcpy(r->src, p.addr, 16);
	} else {
		r->dst_len = p.len;
		memcpy(r->dst, p.addr, 16);
	}
	return 0;
}

static int parse_ports(const char *s, struct xk_filter_rule *r)
{
	char lo[8], *dash = strchr(s, '-');
	unsigned long a, b;

	if (dash) {
		if ((size_t)(dash - s) >= sizeof(lo))
			goto bad;
		memcpy(lo, s, dash - s);
		lo[dash - s] = 0;
		if (parse_num(lo, 65535, &a) || parse_num(dash + 1, 65535, &b))
			goto bad;
		if (a > b)
			return xk_err(-EINVAL,
				      "dport %s: the range is "
				      "backwards",
				      s);
	} else {
		if (parse_num(s, 65535, &a))
			goto bad;
		b = a;
	}
	r->dport_lo = a;
	r->dport_hi = b;
	r->flags |= XK_FR_DPORT;
	return 0;
bad:
	return xk_err(-EINVAL,
		      "dport '%s': want a port 0-65535 or a range "
		      "LO-HI",
		      s);
}

int xk_filter_rule__parse(int argc, char *const *argv, struct xk_filter_rule *r)
{
	bool have_action = false;
	unsigned long v;
	int i, err;
	size_t k;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < argc; i++) {
		const char *w = argv[i],
			   *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(w, "drop") || !strcmp(w, "pass") ||
		    !strcmp(w, "count")) {
			if (have_action)
				return xk_err(-EINVAL, "a rule has one action "
						       "(drop, pass or count)");
			have_action = true;
			r->action = w[0] == 'd'	  ? XK_FILTER_DROP
				    : w[0] == 'p' ? XK_FILTER_PASS
						  : XK_FILTER_COUNT;
			continue;
		}
		if (strcmp(w, "src") && strcmp(w, "dst") &&
		    strcmp(w, "proto") && strcmp(w, "dport"))
			return xk_err(-EINVAL,
				      "unknown word '%s' in rule (want"
				      " src, dst, proto, dport, drop, pass or "
				      "count)",
				      w);
		if (!val)
			return xk_err(-EINVAL, "'%s' needs a value", w);
		i++;
		if ((w[0] == 's' && (r->flags & XK_FR_SRC)) ||
		    (w[0] == 'd' && w[1] == 's' && (r->flags & XK_FR_DST)) ||
		    (w[0] == 'p' && (r->flags & XK_FR_PROTO)) ||
		    (w[1] == 'p' && (r->flags & XK_FR_DPORT)))
			return xk_err(-EINVAL, "'%s' given twice", w);
		if (!strcmp(w, "src") || !strcmp(w, "dst")) {
			err = parse_prefix(w, val, r,
					   w[0] == 's' ? XK_FR_SRC : XK_FR_DST);
			if (err)
				return err;
		} else if (!strcmp(w, "proto")) {
			for (k = 0; k < sizeof(protos) / sizeof(protos[0]); k++)
				if (!strcmp(val, protos[k].name))
					break;
			if (k < sizeof(protos) / sizeof(protos[0]))
				r->proto = protos[k].num;
			else if (!parse_num(val, 255, &v))
				r->proto = v;
			else
				return xk_err(-EINVAL,
					      "proto '%s': want tcp, "
					      "udp, icmp, icmpv6, sctp or a "
					      "number 0-255",
					      val);
			r->flags |= XK_FR_PROTO;
		} else if ((err = parse_ports(val, r))) {
			return err;
		}
	}
	if (!have_action)
		return xk_err(-EINVAL, "the rule has no action: end it with "
				       "drop, pass or count");
	if ((r->flags & XK_FR_DPORT) && (r->flags & XK_FR_PROTO) &&
	    r->proto != 6 && r->proto != 17)
		return xk_err(-EINVAL, "dport needs proto tcp or udp (or no "
				       "proto: both)");
	if ((r->flags & XK_FR_PROTO) && ((r->proto == 1 && r->family == 6) ||
					 (r->proto == 58 && r->family == 4)))
		return xk_err(-EINVAL,
			      "proto %s does not go with IPv%u "
			      "prefixes",
			      r->proto == 1 ? "icmp" : "icmpv6", r->family);
	r->used = 1;
	return 0;
}

const char *xk_filter_rule__str(const struct xk_filter_rule *r, char *buf,
				size_t sz)
{
	struct xk_prefix p = {.family = r->family};
	char a[64];
	size_t n = 0, k;

	buf[0] = 0;
#define ADD(...) (n += snprintf(buf + n, n < sz ? sz - n : 0, __VA_ARGS__))
	if (r->flags & XK_FR_SRC) {
		p.len = r->src_len;
		memcpy(p.addr, r->src, 16);
		ADD("src %s ", xk_prefix__str(&p, a, sizeof(a)));
	}
	if (r->flags & XK_FR_DST) {
		p.len = r->dst_len;
		memcpy(p.addr, r->dst, 16);
		ADD("dst %s ", xk_prefix__str(&p, a, sizeof(a)));
	}
	if (r->flags & XK_FR_PROTO) {
		for (k = 0; k < sizeof(protos) / sizeof(protos[0]); k++)
			if (protos[k].num == r->proto)
				break;
		if (k < sizeof(protos) / sizeof(protos[0]))
			ADD("proto %s ", protos[k].name);
		else
			ADD("proto %u ", r->proto);
	}
	if (r->flags & XK_FR_DPORT) {
		if (r->dport_lo == r->dport_hi)
			ADD("dport %u ", r->dport_lo);
		else
			ADD("dport %u-%u ", r->dport_lo, r->dport_hi);
	}
	ADD("%s", xk_filter_action__str(r->action));
#undef ADD
	return buf;
}

int xk_filter_rule__equal(const struct xk_filter_rule *a,
			  const struct xk_filter_rule *b)
{
	return a->family == b->family && a->flags == b->flags &&
	       a->action == b->action &&
	       (!(a->flags & XK_FR_PROTO) || a->proto == b->proto) &&
	       (!(a->flags & XK_FR_SRC) ||
		(a->src_len == b->src_len && !memcmp(a->src, b->src, 16))) &&
	       (!(a->flags & XK_FR_DST) ||
		(a->dst_len == b->dst_len && !memcmp(a->dst, b->dst, 16))) &&
	       (!(a->flags & XK_FR_DPORT) ||
		(a->dport_lo == b->dport_lo && a->dport_hi == b->dport_hi));
}

/* ---- open ---- */

static int check_types(struct xk_map *m, const char *vtype, __u32 vsize)
{
	char name[96];

	xk_map__value_type_name(m, name, sizeof(name));
	if (xk_map__value_size(m) != vsize || strcmp(name, vtype))
		return xk_err(-EPROTOTYPE,
			      "map '%s' holds %s (%u bytes), not "
			      "%s: not the filter this xdpctl knows",
			      xk_map__name(m), *name ? name : "untyped values",
			      xk_map__value_size(m), vtype);
	return 0;
}

static struct xk_filter *open_with(struct xk_map *(*get)(void *, const char *),
				   void *src)
{
	struct xk_filter *f = calloc(1, sizeof(*f));
	int i, err = -ENOENT;

	if (!f) {
		errno = ENOMEM;
		return NULL;
	}
	if (!(f->rules = get(src, XK_FILTER_MAP_RULES)) ||
	    !(f->cfg = get(src, XK_FILTER_MAP_CFG)) ||
	    !(f->any = get(src, XK_FILTER_MAP_ANY)) ||
	    !(f->hits = get(src, XK_FILTER_MAP_HITS)))
		goto fail;
	for (i = 0; i < T_NR; i++)
		if (!(f->tries[i] = get(src, trie_names[i])) ||
		    !(f->exact[i] = get(src, exact_names[i])))
			goto fail;
	if ((err = check_types(f->rules, "struct xk_filter_rule",
			       sizeof(struct xk_filter_rule))) ||
	    (err = check_types(f->any, "struct xk_filter_chain",
			       sizeof(struct xk_filter_chain))) ||
	    (err = check_types(f->hits, "struct xk_filter_hits",
			       sizeof(struct xk_filter_hits))))
		goto fail;
	for (i = 0; i < T_NR; i++)
		if ((err = check_types(f->tries[i], "struct xk_filter_chain",
				       sizeof(struct xk_filter_chain))) ||
		    (err = check_types(f->exact[i], "struct xk_filter_chain",
				       sizeof(struct xk_filter_chain))))
			goto fail;
	return f;
fail:
	err = errno && err == -ENOENT ? -errno : err;
	xk_filter__close(f);
	errno = -err;
	return NULL;
}

static struct xk_map *get_prog(void *src, const char *name)
{
	return xk_map__open_prog((__u32)(unsigned long)src, name);
}

static struct xk_map *get_obj(void *src, const char *name)
{
	return xk_map__open_obj(src, name);
}

struct xk_filter *xk_filter__open_prog(__u32 prog_id)
{
	return open_with(get_prog, (void *)(unsigned long)prog_id);
}

struct xk_filter *xk_filter__open_obj(struct bpf_object *obj)
{
	return open_with(get_obj, obj);
}

void xk_filter__close(struct xk_filter *f)
{
	int i;

	if (!f)
		return;
	xk_map__close(f->rules);
	xk_map__close(f->cfg);
	xk_map__close(f->any);
	xk_map__close(f->hits);
	for (i = 0; i < T_NR; i++) {
		xk_map__close(f->tries[i]);
		xk_map__close(f->exact[i]);
	}
	free(f);
}

/* ---- reading ---- */

/*
 * Can the planner use this rule? Rules come from callers and back from a
 * map anyone with the map may have written: a prefix length past the
 * family's bits would index past the planner's tables. 0 or -EUCLEAN,
 * with the fault in @why.
 */
static int rule_check(const struct xk_filter_rule *r, char *why, size_t sz)
{
	unsigned int bits = r->family == 6 ? 128 : 32;

	if (r->family != 0 && r->family != 4 && r->family != 6)
		snprintf(why, sz, "family %u", r->family);
	else if (r->flags &
		 ~(XK_FR_SRC | XK_FR_DST | XK_FR_PROTO | XK_FR_DPORT))
		snprintf(why, sz, "unknown flags 0x%x", r->flags);
	else if ((r->flags & (XK_FR_SRC | XK_FR_DST)) && !r->family)
		snprintf(why, sz, "a prefix without a family");
	else if ((r->flags & XK_FR_SRC) && r->src_len > bits)
		snprintf(why, sz, "src_len %u > %u", r->src_len, bits);
	else if ((r->flags & XK_FR_DST) && r->dst_len > bits)
		snprintf(why, sz, "dst_len %u > %u", r->dst_len, bits);
	else if (r->action > XK_FILTER_COUNT)
		snprintf(why, sz, "action %u", r->action);
	else if ((r->flags & XK_FR_DPORT) && r->dport_lo > r->dport_hi)
		snprintf(why, sz, "port range %u-%u", r->dport_lo, r->dport_hi);
	else
		return 0;
	return -EUCLEAN;
}

struct rules_acc {
	__u32 *ids;
	struct xk_filter_rule *rules;
	int n, cap;
	__u32 allow; /* an invalid rule with this id is read, not refused */
};

static int rules_cb(const void *key, const void *value, void *ctx)
{
	const struct xk_filter_rule *r = value;
	struct rules_acc *a = ctx;
	__u32 id = *(const __u32 *)key;
	char why[64];

	if (!r->used)
		return 0;
	if (!id || id >= XK_FILTER_MAX_RULES)
		return xk_err(-EUCLEAN,
			      "%s holds a rule with id %u (ids are 1-%u): the "
			      "map was written by something else; reload the "
			      "rules",
			      XK_FILTER_MAP_RULES, id, XK_FILTER_MAX_RULES - 1);
	if (id != a->allow && rule_check(r, why, sizeof(why)))
		return xk_err(-EUCLEAN,
			      "rule %u in %s is invalid (%s): delete it "
			      "(filter del %u) or reload the rules",
			      id, XK_FILTER_MAP_RULES, why, id);
	if (a->n == a->cap) {
		int cap = a->cap ? 2 * a->cap : 64;
		void *ids = realloc(a->ids, cap * sizeof(*a->ids));
		void *rs =
			ids ? realloc(a->rules, cap * sizeof(*a->rules)) : NULL;

		if (ids)
			a->ids = ids;
		if (!ids || !rs)
			return -ENOMEM;
		a->rules = rs;
		a->cap = cap;
	}
	a->ids[a->n] = *(const __u32 *)key;
	a->rules[a->n++] = *r;
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	__u32 x = *(const __u32 *)a, y = *(const __u32 *)b;

	return x < y ? -1 : x > y;
}

struct idrule {
	__u32 id; /* first: cmp_u32 sorts these */
	struct xk_filter_rule r;
};

static int read_rules(struct xk_filter *f, __u32 **ids,
		      struct xk_filter_rule **rules, __u32 allow)
{
	struct rules_acc a = {.allow = allow};
	int err = xk_map__iterate(f->rules, rules_cb, &a, 0), i;

	if (err) {
		free(a.ids);
		free(a.rules);
		return err;
	}
	/* a hash walks in no particular order: sort by id */
	if (a.n > 1) {
		struct idrule *t = malloc(a.n * sizeof(*t));

		if (!t) {
			free(a.ids);
			free(a.rules);
			return -ENOMEM;
		}
		for (i = 0; i < a.n; i++) {
			t[i].id = a.ids[i];
			t[i].r = a.rules[i];
		}
		qsort(t, a.n, sizeof(*t), cmp_u32);
		for (i = 0; i < a.n; i++) {
			a.ids[i] = t[i].id;
			a.rules[i] = t[i].r;
		}
		free(t);
	}
	*ids = a.ids;
	*rules = a.rules;
	return a.n;
}

int xk_filter__rules(struct xk_filter *f, __u32 **ids,
		     struct xk_filter_rule **rules)
{
	return read_rules(f, ids, rules, 0);
}

/*
 * Every change reads the whole rule set, plans, and writes: two at once
 * would each miss the other's rule. They serialize on one lock file, for
 * xdpctl and every other caller of the library alike.
 */
#define XK_FILTER_LOCK_DIR "/run/xdpkit"
#define XK_FILTER_LOCK	   XK_FILTER_LOCK_DIR "/filter.lock"

static int filter_lock(void)
{
	int fd;

	if (mkdir(XK_FILTER_LOCK_DIR, S_IRWXU) && errno != EEXIST)
		return xk_err(-errno, "cannot create %s: %m",
			      XK_FILTER_LOCK_DIR);
	fd = open(XK_FILTER_LOCK, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
		  S_IRUSR | S_IWUSR);
	if (fd < 0)
		return xk_err(-errno, "cannot open %s: %m", XK_FILTER_LOCK);
	while (flock(fd, LOCK_EX)) {
		if (errno == EINTR)
			continue;
		close(fd);
		return xk_err(-errno, "cannot lock %s: %m", XK_FILTER_LOCK);
	}
	return fd;
}

static void filter_unlock(int fd)
{
	close(fd);
}

int xk_filter__hits(struct xk_filter *f, __u32 id, struct xk_filter_hits *h)
{
	int err = xk_map__lookup(f->hits, &id, h);

	if (err == -ENOENT) { /* past the array: nothing counted */
		memset(h, 0, sizeof(*h));
		return 0;
	}
	return err;
}

int xk_filter__default(struct xk_filter *f, __u32 *action)
{
	struct xk_filter_cfg c;
	__u32 zero = 0;
	int err = xk_map__lookup(f->cfg, &zero, &c);

	if (!err)
		*action = c.default_action;
	return err;
}

int xk_filter__set_default(struct xk_filter *f, __u32 action)
{
	struct xk_filter_cfg c;
	__u32 zero = 0;
	int err, lock;

	if (action != XK_FILTER_PASS && action != XK_FILTER_DROP)
		return xk_err(-EINVAL, "the default is drop or pass");
	lock = filter_lock();
	if (lock < 0)
		return lock;
	err = xk_map__lookup(f->cfg, &zero, &c); /* keep the counts */
	if (!err) {
		c.default_action = action;
		err = xk_map__update(f->cfg, &zero, &c, BPF_ANY);
	}
	filter_unlock(lock);
	return err;
}

/* ---- chains ---- */

struct place {
	__u8 len;
	__u8 addr[16];
	__u32 id;
	__u8 quick; /* struct xk_filter_chain.quick of this rule here */
};

struct group { /* one distinct prefix of a trie */
	__u8 len;
	__u8 addr[16];
	__u32 first, n; /* its ids: places[first .. first+n) */
};

struct trie_plan {
	struct place *pl;
	int npl;
	struct group *g;
	int ng;
	struct xk_filter_chain *chains; /* per group */
};

static int cmp_place(const void *a, const void *b)
{
	const struct place *x = a, *y = b;
	int c;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	c = memcmp(x->addr, y->addr, 16);
	if (c)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->addr, y->addr, 16);
}

static void mask(__u8 *dst, const __u8 *src, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < 16; i++) {
		int keep = (int)len - 8 * (int)i;

		dst[i] = keep >= 8   ? src[i]
			 : keep <= 0 ? 0
				     : src[i] & (__u8)(0xff << (8 - keep));
	}
}

/* @only: the rule has no match but the prefix it is filed under (0: no
 * match at all), so reaching the entry is matching it */
static int add_place(struct trie_plan *t, unsigned int len, const __u8 *addr,
		     const struct xk_filter_rule *r, __u32 id, __u8 only)
{
	struct place *p = &t->pl[t->npl++];

	p->len = len;
	mask(p->addr, addr, len);
	p->id = id;
	p->quick = r->flags == only ? XK_FILTER_QUICK + r->action : 0;
	return 0;
}

struct idq {
	__u32 id; /* first: cmp_u32 sorts these */
	__u8 quick;
};

static void plan_free(struct trie_plan *tp)
{
	int i;

	for (i = 0; i < T_NR; i++) {
		free(tp[i].pl);
		free(tp[i].g);
		free(tp[i].chains);
	}
}

static int plan(struct trie_plan *tp, const __u32 *ids,
		const struct xk_filter_rule *rules, int n)
{
	static const __u8 zero[16];
	int i, t, err = 0;

	memset(tp, 0, sizeof(*tp) * T_NR);
	for (t = 0; t < T_NR; t++)
		if (!(tp[t].pl = calloc(n ? n : 1, sizeof(struct place))))
			return -ENOMEM;
	for (i = 0; i < n; i++) {
		const struct xk_filter_rule *r = &rules[i];
		int six = r->family == 6;

		if (r->flags & XK_FR_SRC) {
			add_place(&tp[six ? T_SRC6 : T_SRC4], r->src_len,
				  r->src, r, ids[i], XK_FR_SRC);
		} else if (r->flags & XK_FR_DST) {
			add_place(&tp[six ? T_DST6 : T_DST4], r->dst_len,
				  r->dst, r, ids[i], XK_FR_DST);
		} else {
			/* no prefix: under /0 of the source tries */
			if (r->family != 6)
				add_place(&tp[T_SRC4], 0, zero, r, ids[i], 0);
			if (r->family != 4)
				add_place(&tp[T_SRC6], 0, zero, r, ids[i], 0);
		}
	}
	for (t = 0; t < T_NR && !err; t++) {
		struct trie_plan *p = &tp[t];
		bool used[129] = {false};
		int g, L, bits = t == T_SRC4 || t == T_DST4 ? 32 : 128;

		qsort(p->pl, p->npl, sizeof(*p->pl), cmp_place);
		p->g = calloc(p->npl ? p->npl : 1, sizeof(*p->g));
		p->chains = calloc(p->npl ? p->npl : 1, sizeof(*p->chains));
		if (!p->g || !p->chains)
			return -ENOMEM;
		for (i = 0; i < p->npl; i++) {
			struct group *last = p->ng ? &p->g[p->ng - 1] : NULL;

			if (last && last->len == p->pl[i].len &&
			    !memcmp(last->addr, p->pl[i].addr, 16)) {
				last->n++;
				continue;
			}
			last = &p->g[p->ng++];
			last->len = p->pl[i].len;
			memcpy(last->addr, p->pl[i].addr, 16);
			last->first = i;
			last->n = 1;
			used[last->len] = true;
		}
		for (g = 0; g < p->ng && !err; g++) {
			struct xk_filter_chain *c = &p->chains[g];
			struct idq q[XK_FILTER_CHAIN];
			struct group key, *anc;
			__u32 j;

			for (L = 0; L <= p->g[g].len && L <= bits; L++) {
				if (!used[L])
					continue;
				key.len = L;
				mask(key.addr, p->g[g].addr, L);
				anc = bsearch(&key, p->g, p->ng, sizeof(key),
					      cmp_group);
				for (j = 0; anc && j < anc->n; j++) {
					if (c->n == XK_FILTER_CHAIN) {
						char a[64];
						struct xk_prefix pf = {
							.family = bits == 32
									  ? 4
									  : 6,
							.len = p->g[g].len};

						memcpy(pf.addr, p->g[g].addr,
						       16);
						err = xk_err(
							-E2BIG,
							"more than"
							" %d rules would apply"
							" to %s %s (the limit "
							"per prefix)",
							XK_FILTER_CHAIN,
							t < T_DST4 ? "src"
								   : "dst",
							xk_prefix__str(
								&pf, a,
								sizeof(a)));
						break;
					}
					q[c->n].id = p->pl[anc->first + j].id;
					q[c->n++].quick =
						p->pl[anc->first + j].quick;
				}
				if (err)
					break;
			}
			qsort(q, c->n, sizeof(q[0]), cmp_u32);
			for (j = 0; j < c->n; j++) {
				c->ids[j] = q[j].id;
				c->quick[j] = q[j].quick;
			}
		}
	}
	return err;
}

struct cur_ent {
	__u8 key[20];
	struct xk_filter_chain val;
};

struct cur_acc {
	struct cur_ent *e;
	int n, cap;
	__u32 ks;
};

static int cur_cb(const void *key, const void *value, void *ctx)
{
	struct cur_acc *a = ctx;

	if (a->n == a->cap) {
		int cap = a->cap ? 2 * a->cap : 256;
		void *p = realloc(a->e, cap * sizeof(*a->e));

		if (!p)
			return -ENOMEM;
		a->e = p;
		a->cap = cap;
	}
	memset(&a->e[a->n], 0, sizeof(a->e[a->n]));
	memcpy(a->e[a->n].key, key, a->ks);
	memcpy(&a->e[a->n].val, value, sizeof(struct xk_filter_chain));
	a->n++;
	return 0;
}

static int cmp_cur(const void *a, const void *b)
{
	return memcmp(a, b, 20);
}

/* Rewrite one trie (@exact: its exact-match hash, the plan's groups of
 * full length; else the others) to the plan: changed and new entries,
 * then stale ones. */
static int apply(struct xk_map *m, struct trie_plan *p, unsigned int bits,
		 bool exact)
{
	struct cur_acc cur = {.ks = xk_map__key_size(m)};
	__u8 key[20];
	bool *keep = NULL;
	int i, err;

	err = xk_map__iterate(m, cur_cb, &cur, 0);
	if (err)
		goto out;
	if (cur.n) /* cur.e is NULL for an empty trie */
		qsort(cur.e, cur.n, sizeof(*cur.e), cmp_cur);
	keep = calloc(cur.n ? cur.n : 1, sizeof(*keep));
	if (!keep) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < p->ng; i++) {
		__u32 len = p->g[i].len;
		struct cur_ent *hit;

		if ((len == bits) != exact || (!exact && !len))
			continue; /* elsewhere: the exact hash, the /0 slot */
		memset(key, 0, sizeof(key));
		if (exact) {
			memcpy(key, p->g[i].addr, cur.ks);
		} else {
			memcpy(key, &len, 4);
			memcpy(key + 4, p->g[i].addr, cur.ks - 4);
		}
		hit = cur.n ? bsearch(key, cur.e, cur.n, sizeof(*cur.e),
				      cmp_cur)
			    : NULL;
		if (hit) {
			keep[hit - cur.e] = true;
			if (!memcmp(&hit->val, &p->chains[i], sizeof(hit->val)))
				continue;
		}
		err = xk_map__update(m, key, &p->chains[i], BPF_ANY);
		if (err)
			goto out;
	}
	for (i = 0; i < cur.n; i++)
		if (!keep[i] && (err = xk_map__delete(m, cur.e[i].key)) &&
		    err != -ENOENT)
			goto out;
	err = 0;
out:
	free(keep);
	free(cur.e);
	return err;
}

/* The /0 entry of trie @t: its slot of xk_filter_any (n 0: none). */
static int apply_any(struct xk_filter *f, const struct trie_plan *p, int t)
{
	struct xk_filter_chain c = {0}, cur;
	__u32 key = t;
	int i;

	for (i = 0; i < p->ng; i++)
		if (!p->g[i].len)
			c = p->chains[i];
	if (!xk_map__lookup(f->any, &key, &cur) && !memcmp(&cur, &c, sizeof(c)))
		return 0;
	return xk_map__update(f->any, &key, &c, BPF_ANY);
}

/*
 * Tell the program what the maps hold. @grow: only raise the figures (done
 * before the tries change, so it never skips a trie that has entries).
 */
static int set_counts(struct xk_filter *f, const struct trie_plan *tp,
		      const struct xk_filter_rule *rules, int n, bool grow)
{
	struct xk_filter_cfg c;
	__u32 zero = 0, count = 0;
	int t, i, err;

	err = xk_map__lookup(f->cfg, &zero, &c);
	if (err)
		return err;
	for (i = 0; i < n; i++)
		count += rules[i].action == XK_FILTER_COUNT;
	for (t = 0; t < T_NR; t++) {
		__u32 nx = 0;

		__u32 n0 = 0;

		for (i = 0; i < tp[t].ng; i++) {
			nx += tp[t].g[i].len == trie_bits(t);
			n0 += !tp[t].g[i].len;
		}
		if (!grow || (__u32)tp[t].ng - nx - n0 > c.entries[t])
			c.entries[t] = tp[t].ng - nx - n0;
		if (!grow || nx > c.exact[t])
			c.exact[t] = nx;
	}
	if (!grow || count > c.count_rules)
		c.count_rules = count;
	return xk_map__update(f->cfg, &zero, &c, BPF_ANY);
}

static int sync_tries(struct xk_filter *f, const __u32 *ids,
		      const struct xk_filter_rule *rules, int n)
{
	struct trie_plan tp[T_NR];
	int t, err = plan(tp, ids, rules, n);

	if (!err)
		err = set_counts(f, tp, rules, n, true);
	for (t = 0; t < T_NR && !err; t++)
		if (!(err = apply(f->exact[t], &tp[t], trie_bits(t), true)) &&
		    !(err = apply(f->tries[t], &tp[t], trie_bits(t), false)))
			err = apply_any(f, &tp[t], t);
	if (!err)
		err = set_counts(f, tp, rules, n, false);
	plan_free(tp);
	return err;
}

static int zero_hits(struct xk_filter *f, __u32 id)
{
	struct xk_filter_hits z = {0};

	return xk_map__update(f->hits, &id, &z, BPF_ANY);
}

static int filter_add(struct xk_filter *f, const struct xk_filter_rule *r,
		      __u32 *id)
{
	struct xk_filter_rule *rules = NULL, *nr;
	struct trie_plan tp[T_NR];
	__u32 *ids = NULL, *ni, want = *id;
	char why[64];
	int n, i, err;

	if (rule_check(r, why, sizeof(why)))
		return xk_err(-EINVAL, "invalid rule: %s", why);
	n = xk_filter__rules(f, &ids, &rules);
	if (n < 0)
		return n;
	if (!want)
		want = n ? ids[n - 1] + 1 : 1;
	err = -ENOMEM;
	if (want >= XK_FILTER_MAX_RULES) {
		err = xk_err(-ENOSPC, "rule id %u is out of range (1-%u)", want,
			     XK_FILTER_MAX_RULES - 1);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (ids[i] == want) {
			err = xk_err(-EEXIST, "rule %u exists", want);
			goto out;
		}
	ni = realloc(ids, (n + 1) * sizeof(*ids));
	if (!ni)
		goto out;
	ids = ni;
	nr = realloc(rules, (n + 1) * sizeof(*rules));
	if (!nr)
		goto out;
	rules = nr;
	ids[n] = want;
	rules[n] = *r;
	rules[n].used = 1;
	/* refuse before touching anything if a chain would overflow */
	err = plan(tp, ids, rules, n + 1);
	plan_free(tp);
	if (err)
		goto out;
	if ((err = zero_hits(f, want)) ||
	    (err = xk_map__update(f->rules, &want, &rules[n], BPF_ANY)))
		goto out;
	err = sync_tries(f, ids, rules, n + 1);
	if (!err)
		*id = want;
out:
	free(ids);
	free(rules);
	return err;
}

int xk_filter__add(struct xk_filter *f, const struct xk_filter_rule *r,
		   __u32 *id)
{
	int lock = filter_lock(), err;

	if (lock < 0)
		return lock;
	err = filter_add(f, r, id);
	filter_unlock(lock);
	return err;
}

static int filter_del(struct xk_filter *f, __u32 id)
{
	struct xk_filter_rule *rules = NULL;
	__u32 *ids = NULL;
	int n, i, err;

	/* the rule to delete may be an invalid one: that is how it goes */
	n = read_rules(f, &ids, &rules, id);
	if (n < 0)
		return n;
	for (i = 0; i < n && ids[i] != id; i++)
		;
	if (i == n) {
		err = xk_err(-ENOENT, "there is no rule %u", id);
		goto out;
	}
	memmove(&ids[i], &ids[i + 1], (n - i - 1) * sizeof(*ids));
	memmove(&rules[i], &rules[i + 1], (n - i - 1) * sizeof(*rules));
	err = sync_tries(f, ids, rules, n - 1);
	if (!err)
		err = xk_map__delete(f->rules, &id);
	if (!err)
		err = zero_hits(f, id);
out:
	free(ids);
	free(rules);
	return err;
}

int xk_filter__del(struct xk_filter *f, __u32 id)
{
	int lock = filter_lock(), err;

	if (lock < 0)
		return lock;
	err = filter_del(f, id);
	filter_unlock(lock);
	return err;
}

int xk_filter__find(struct xk_filter *f, const struct xk_filter_rule *r)
{
	struct xk_filter_rule *rules = NULL;
	__u32 *ids = NULL;
	int n, i, ret = -ENOENT;

	n = xk_filter__rules(f, &ids, &rules);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++)
		if (xk_filter_rule__equal(&rules[i], r)) {
			ret = ids[i];
			break;
		}
	free(ids);
	free(rules);
	if (ret == -ENOENT) {
		char buf[160];

		xk_err(-ENOENT, "no rule is '%s'",
		       xk_filter_rule__str(r, buf, sizeof(buf)));
	}
	return ret;
}

static int filter_load(struct xk_filter *f, const struct xk_filter_rule *rules,
		       __u32 n)
{
	struct xk_filter_rule *old = NULL, *rs = NULL;
	struct xk_filter_hits *hz = NULL;
	__u32 *ids = NULL, *oids = NULL, i, done;
	struct trie_plan tp[T_NR];
	int nold, err;

	if (n >= XK_FILTER_MAX_RULES)
		return xk_err(-ENOSPC, "at most %u rules",
			      XK_FILTER_MAX_RULES - 1);
	ids = calloc(n ? n : 1, sizeof(*ids));
	rs = calloc(n ? n : 1, sizeof(*rs));
	hz = calloc(n ? n : 1, sizeof(*hz));
	if (!ids || !rs || !hz) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		char why[64];

		if (rule_check(&rules[i], why, sizeof(why))) {
			err = xk_err(-EINVAL, "rule %u is invalid: %s", i + 1,
				     why);
			goto out;
		}
		ids[i] = i + 1;
		rs[i] = rules[i];
		rs[i].used = 1;
	}
	err = plan(tp, ids, rs, n);
	plan_free(tp);
	if (err)
		goto out;
	nold = xk_filter__rules(f, &oids, &old);
	if (nold < 0) {
		err = nold;
		goto out;
	}
	/* empty every chain first: old rules leave before slots change */
	if ((err = sync_tries(f, NULL, NULL, 0)))
		goto out;
	for (i = 0; i < (__u32)nold; i++) {
		if (oids[i] <= n)
			continue;
		if ((err = xk_map__delete(f->rules, &oids[i])) ||
		    (err = zero_hits(f, oids[i])))
			goto out;
	}
	if ((err = xk_map__update_batch(f->hits, ids, hz, n, BPF_ANY, &done)) ||
	    (err = xk_map__update_batch(f->rules, ids, rs, n, BPF_ANY, &done)))
		goto out;
	err = sync_tries(f, ids, rs, n);
out:
	free(ids);
	free(rs);
	free(hz);
	free(oids);
	free(old);
	return err;
}

int xk_filter__load(struct xk_filter *f, const struct xk_filter_rule *rules,
		    __u32 n)
{
	int lock = filter_lock(), err;

	if (lock < 0)
		return lock;
	err = filter_load(f, rules, n);
	filter_unlock(lock);
	return err;
}
