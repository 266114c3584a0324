// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * libFuzzer harness over the filter program's control side
 * (progs/filter/filter.c, whose planner is static and so included here): the
 * input is lines of rule words, as `xdpctl filter add` takes them. Each line
 * goes through the rule grammar; a rule that parses must print and parse back
 * to itself; then the whole rule set, valid or not, goes through rule_check and
 * the planner, whose chains must be complete and ordered: every rule is listed
 * under every trie entry its prefix covers, ids ascending, at most
 * XK_FILTER_CHAIN (else the plan is refused with E2BIG); an entry is
 * quick (decides without the rule being read) exactly when its rule has
 * no match but the prefix it is filed under, and then holds its action.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "../../progs/filter/filter.c"

#define MAX_RULES 48
#define MAX_WORDS 16

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_filter: invariant broken: %s\n", what);
	abort();
}

static int split(char *line, char **w)
{
	int n = 0;
	char *save = NULL, *t;

	for (t = strtok_r(line, " \t", &save); t && n < MAX_WORDS;
	     t = strtok_r(NULL, " \t", &save))
		w[n++] = t;
	return n;
}

/* Does prefix (a, alen) cover (b, blen)? */
static bool covers(const __u8 *a, unsigned alen, const __u8 *b, unsigned blen)
{
	__u8 m[16], n[16];

	if (alen > blen)
		return false;
	mask(m, a, alen);
	mask(n, b, alen);
	return !memcmp(m, n, 16);
}

static bool in_chain(const struct xk_filter_chain *c, __u32 id)
{
	__u32 i;

	for (i = 0; i < c->n && i < XK_FILTER_CHAIN; i++)
		if (c->ids[i] == id)
			return true;
	return false;
}

static void check_plan(const struct xk_filter_rule *rules, const __u32 *ids,
		       int n)
{
	struct trie_plan tp[T_NR];
	int t, g, i, err = plan(tp, ids, rules, n);

	if (err && err != -E2BIG && err != -ENOMEM)
		broken("the planner fails only with E2BIG");
	for (t = 0; t < T_NR && !err; t++) {
		int six = t == T_SRC6 || t == T_DST6, src = t < T_DST4;

		for (g = 0; g < tp[t].ng; g++) {
			const struct xk_filter_chain *c = &tp[t].chains[g];
			const struct group *gr = &tp[t].g[g];
			__u32 k;

			if (c->n > XK_FILTER_CHAIN)
				broken("a chain holds at most XK_FILTER_CHAIN");
			for (k = 1; k < c->n; k++)
				if (c->ids[k - 1] >= c->ids[k])
					broken("chain ids ascend, once each");
			for (k = 0; k < c->n; k++) {
				const struct xk_filter_rule *r = NULL;
				__u8 only;

				for (i = 0; i < n && !r; i++)
					if (ids[i] == c->ids[k])
						r = &rules[i];
				if (!r)
					broken("a chain names a rule there is");
				only = (r->flags & XK_FR_SRC)	? XK_FR_SRC
				       : (r->flags & XK_FR_DST) ? XK_FR_DST
								: 0;
				if (c->quick[k] !=
				    (r->flags == only
					     ? XK_FILTER_QUICK + r->action
					     : 0))
					broken("quick exactly for a rule with "
					       "only its prefix, its action");
			}
			if (g &&
			    (tp[t].g[g - 1].len > gr->len ||
			     (tp[t].g[g - 1].len == gr->len &&
			      memcmp(tp[t].g[g - 1].addr, gr->addr, 16) >= 0)))
				broken("groups sorted, distinct");
			for (i = 0; i < n; i++) {
				const struct xk_filter_rule *r = &rules[i];
				const __u8 *a = NULL;
				unsigned alen = 0;

				if (src && (r->flags & XK_FR_SRC) &&
				    (r->family == 6) == six) {
					a = r->src;
					alen = r->src_len;
				} else if (!src && !(r->flags & XK_FR_SRC) &&
					   (r->flags & XK_FR_DST) &&
					   (r->family == 6) == six) {
					a = r->dst;
					alen = r->dst_len;
				} else if (src &&
					   !(r->flags &
					     (XK_FR_SRC | XK_FR_DST)) &&
					   r->family != (six ? 4 : 6)) {
					static const __u8 zero[16];

					a = zero;
				}
				if (a && covers(a, alen, gr->addr, gr->len) &&
				    !in_chain(c, ids[i]))
					broken("a rule is in every chain its "
					       "prefix covers");
			}
		}
	}
	plan_free(tp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xk_filter_rule rules[MAX_RULES], back;
	__u32 ids[MAX_RULES];
	char *text, *line, *save = NULL, *w[MAX_WORDS], buf[256];
	int n = 0, nw, i;

	if (size > 8192)
		return -1;
	text = malloc(size + 1);
	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = 0;
	for (line = strtok_r(text, "\n", &save); line && n < MAX_RULES;
	     line = strtok_r(NULL, "\n", &save)) {
		struct xk_filter_rule r;
		char again[256];

		nw = split(line, w);
		if (xk_filter_rule__parse(nw, w, &r))
			continue;
		if (rule_check(&r, buf, sizeof(buf)))
			broken("a parsed rule passes rule_check");
		xk_filter_rule__str(&r, again, sizeof(again));
		snprintf(buf, sizeof(buf), "%s", again);
		nw = split(buf, w);
		if (xk_filter_rule__parse(nw, w, &back) ||
		    !xk_filter_rule__equal(&r, &back))
			broken("a rule prints and parses back to itself");
		r.used = 1;
		rules[n] = r;
		ids[n] = (__u32)n + 1;
		n++;
	}
	check_plan(rules, ids, n);
	/* rules straight from a map anyone may write: checked, then only
	 * the valid ones planned, as xk_filter__rules does */
	if (size >= sizeof(struct xk_filter_rule)) {
		int m = 0;

		for (i = 0;
		     (size_t)(i + 1) * sizeof(struct xk_filter_rule) <= size &&
		     i < MAX_RULES;
		     i++) {
			memcpy(&rules[m],
			       data + i * sizeof(struct xk_filter_rule),
			       sizeof(struct xk_filter_rule));
			if (!rule_check(&rules[m], buf, sizeof(buf))) {
				ids[m] = (__u32)m + 1;
				m++;
			}
		}
		check_plan(rules, ids, m);
	}
	free(text);
	return 0;
}
