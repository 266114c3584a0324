// SPDX-License-Identifier: GPL-2.0
/*
 * xdpctl filter: rules of progs/filter on an interface. 'add' and 'default'
 * attach the filter (XDP, or 'tc ingress|egress') when it is not there;
 * a malformed rule is refused before anything is attached or written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xdpkit/loader.h>
#include <xdpkit/map.h>
#include <xdpkit/filter.h>
#include "xdpctl.h"

/* Indices of filter_args: the parsed values are p->val[FLT_...]. */
enum {
	FLT_POS,
	FLT_POS1,
	FLT_DEV,
	FLT_SRC,
	FLT_DST,
	FLT_PROTO,
	FLT_DPORT,
	FLT_ID,
	FLT_TC,
	FLT_NR,
};

const struct arg filter_args[] = {
	[FLT_POS] = {"add|del|list|default", ARG_POS, NULL, "what to do", true,
		     true, 0, 0},
	[FLT_POS1] = {"drop|pass|count", ARG_POS, NULL,
		      "the rule's action (default: drop or pass)", false, false,
		      0, 0},
	[FLT_DEV] = {"dev", ARG_DEV, "IFNAME", "interface to filter", true,
		     false, 0, 0},
	[FLT_SRC] = {"src", ARG_VALUE, "PREFIX",
		     "source prefix (10.0.0.0/8, 2001:db8::/32)", false, false,
		     0, 0},
	[FLT_DST] = {"dst", ARG_VALUE, "PREFIX", "destination prefix", false,
		     false, 0, 0},
	[FLT_PROTO] = {"proto", ARG_VALUE, "PROTO",
		       "tcp, udp, icmp, icmpv6, sctp or 0-255", false, false, 0,
		       0},
	[FLT_DPORT] = {"dport", ARG_VALUE, "PORT[-PORT]",
		       "destination port or range", false, false, 0, 0},
	[FLT_ID] = {"id", ARG_U32, "ID",
		    "rule id (add: its place in the order; del)", false, false,
		    1, XK_FILTER_MAX_RULES - 1},
	[FLT_TC] = {"tc", ARG_CHOICE, "ingress|egress",
		    "the filter on this clsact hook instead of XDP", false,
		    false, 0, 0},
	[FLT_NR] = {NULL, 0, NULL, NULL, false, false, 0, 0},
};

/* The rule words back from the parsed table, in grammar order. */
static int rule_words(const struct cmd *cmd, struct parsed *p, char **w)
{
	static const int kws[] = {FLT_SRC, FLT_DST, FLT_PROTO, FLT_DPORT};
	int n = 0;
	size_t i;

	for (i = 0; i < sizeof(kws) / sizeof(kws[0]); i++)
		if (p->val[kws[i]]) {
			w[n++] = (char *)cmd->args[kws[i]].kw;
			w[n++] = (char *)p->val[kws[i]];
		}
	if (p->val[FLT_POS1])
		w[n++] = (char *)p->val[FLT_POS1];
	return n;
}

/* The filter on the hook; attached first when attach is set. */
static int get_filter(const char *dev, int ifindex, int hook, bool attach,
		      struct xk_filter **f, bool *attached)
{
	const struct shipped *s = shipped_find("filter");
	XK_OPTS(xk_prog_open_opts, oo, .hook = hook, .label = "filter");
	XK_OPTS(xk_xdp_opts, xo);
	XK_OPTS(xk_tc_opts, to, .hook = hook);
	struct xk_prog *prog;
	__u32 id;
	size_t sz;
	const void *elf;
	int err;

	*attached = false;
	err = ours_find(ifindex, "filter", hook, &id, NULL);
	if (err && err != -ENOENT)
		return p_liberr(err);
	if (err && !attach)
		return p_err(EXIT_SYS,
			     "no filter on %s %s; 'xdpctl filter add "
			     "dev %s ...' puts one there",
			     dev, xk_hook__str(hook), dev);
	if (err && hook == XK_HOOK_XDP) {
		char other[64];
		__u32 oid;

		/* a program of ours there: the filter joins its chain;
		 * anybody else's is never pushed out */
		if (!xdp_holder(ifindex, other, sizeof(other)) &&
		    ours_find(ifindex, other, XK_HOOK_XDP, &oid, NULL))
			return p_err(EXIT_SYS,
				     "%s already has XDP program "
				     "'%s', not ours; put the filter on 'tc "
				     "ingress', or detach that program first",
				     dev, other);
		xo.chain = true;
	}
	if (err) {
		elf = s->elf(&sz);
		prog = xk_prog__open_mem(elf, sz, &oo);
		if (!prog)
			return p_liberr(-errno);
		err = hook == XK_HOOK_XDP ? xk_xdp__attach(ifindex, prog, &xo)
					  : xk_tc__attach(ifindex, prog, &to);
		id = hook == XK_HOOK_XDP ? xo.prog_id : to.prog_id;
		xk_prog__close(prog);
		if (err)
			return p_liberr(err);
		/* in a chain the id attached is the root's */
		if (xo.chain_len &&
		    (err = ours_find(ifindex, "filter", hook, &id, NULL)))
			return p_liberr(err);
		*attached = true;
		if (xo.chain_len)
			p_note("added the filter to the XDP chain of %s: "
			       "place %u of %u\n",
			       dev, xo.chain_pos, xo.chain_len);
		else
			p_note("attached the filter to %s %s (id %u)\n", dev,
			       xk_hook__str(hook), id);
	}
	*f = xk_filter__open_prog(id);
	return *f ? 0 : p_liberr(-errno);
}

static void rule_out(__u32 id, const struct xk_filter_rule *r,
		     const struct xk_filter_hits *h)
{
	char buf[200];

	if (json_output) {
		jw_obj_start(jw);
		jw_kuint(jw, "id", id);
		jw_kstr(jw, "rule", xk_filter_rule__str(r, buf, sizeof(buf)));
		jw_kstr(jw, "action", xk_filter_action__str(r->action));
		jw_kuint(jw, "packets", h->packets);
		jw_kuint(jw, "bytes", h->bytes);
		jw_obj_end(jw);
	} else {
		printf("%6u: %-60s packets %llu bytes %llu\n", id,
		       xk_filter_rule__str(r, buf, sizeof(buf)),
		       (unsigned long long)h->packets,
		       (unsigned long long)h->bytes);
	}
}

static int list(struct xk_filter *f, const char *dev)
{
	struct xk_filter_rule *rules;
	struct xk_filter_hits h;
	__u32 *ids, dflt = 0;
	int n, i, err;

	n = xk_filter__rules(f, &ids, &rules);
	if (n < 0)
		return p_liberr(n);
	if ((err = xk_filter__default(f, &dflt)) ||
	    (err = xk_filter__hits(f, 0, &h)))
		goto out;
	if (json_output) {
		jw_obj_start(jw);
		jw_kstr(jw, "dev", dev);
		jw_kstr(jw, "default", xk_filter_action__str(dflt));
		jw_key(jw, "default_hits");
		jw_obj_start(jw);
		jw_kuint(jw, "packets", h.packets);
		jw_kuint(jw, "bytes", h.bytes);
		jw_obj_end(jw);
		jw_key(jw, "rules");
		jw_arr_start(jw);
	} else {
		printf("filter on %s: %d rule%s, default %s (packets %llu "
		       "bytes %llu)\n",
		       dev, n, n == 1 ? "" : "s", xk_filter_action__str(dflt),
		       (unsigned long long)h.packets,
		       (unsigned long long)h.bytes);
	}
	for (i = 0; i < n; i++) {
		if ((err = xk_filter__hits(f, ids[i], &h)))
			break;
		rule_out(ids[i], &rules[i], &h);
	}
	if (json_output) {
		jw_arr_end(jw);
		jw_obj_end(jw);
	}
out:
	free(ids);
	free(rules);
	return err ? p_liberr(err) : EXIT_OK;
}

int do_filter(const struct cmd *cmd, struct parsed *p)
{
	const char *dev = p->dev.name, *tc = p->val[FLT_TC], *act;
	int hook = XK_HOOK_XDP, ifindex, n, err, code = EXIT_OK;
	struct xk_filter_rule rule;
	struct xk_filter *f = NULL;
	char *words[9];
	bool ambig, attached;
	char actbuf[16];
	__u32 id = 0;

	act = args_choice("add|del|list|default", p->val[FLT_POS], &ambig,
			  actbuf, sizeof(actbuf));
	if (!act)
		return p_usage(cmd->name, "want add, del, list or default");
	if (tc)
		hook = strcmp(tc, "egress") ? XK_HOOK_TC_INGRESS
					    : XK_HOOK_TC_EGRESS;
	id = p->val[FLT_ID] ? p->num[FLT_ID] : 0;
	n = rule_words(cmd, p, words);
	/* check all input before touching the interface */
	if (!strcmp(act, "list") && (n || id))
		return p_usage(cmd->name, "list takes no rule");
	if (!strcmp(act, "default") &&
	    (n != 1 || (strcmp(words[0], "drop") && strcmp(words[0], "pass"))))
		return p_usage(cmd->name, "default takes drop or pass, nothing "
					  "else");
	if (!strcmp(act, "add") || (!strcmp(act, "del") && n)) {
		if (!strcmp(act, "del") && id)
			return p_usage(cmd->name, "del takes an id or a rule, "
						  "not both");
		if (xk_filter_rule__parse(n, words, &rule))
			return p_err(EXIT_USAGE, "%s", xk_errmsg());
	} else if (!strcmp(act, "del") && !id) {
		return p_usage(cmd->name, "del needs 'id ID' or the rule");
	}
	ifindex = p->dev.ifindex;
	err = get_filter(dev, ifindex, hook,
			 !strcmp(act, "add") || !strcmp(act, "default"), &f,
			 &attached);
	if (err)
		return err;
	if (!strcmp(act, "list")) {
		code = list(f, dev);
	} else if (!strcmp(act, "default")) {
		err = xk_filter__set_default(f, words[0][0] == 'd'
							? XK_FILTER_DROP
							: XK_FILTER_PASS);
		if (err)
			code = p_maperr(err);
		else if (json_output) {
			jw_obj_start(jw);
			jw_kstr(jw, "default", words[0]);
			jw_kbool(jw, "attached", attached);
			jw_obj_end(jw);
		}
	} else if (!strcmp(act, "add")) {
		err = xk_filter__add(f, &rule, &id);
		if (err) {
			code = p_maperr(err);
		} else if (json_output) {
			jw_obj_start(jw);
			jw_kuint(jw, "id", id);
			jw_kbool(jw, "attached", attached);
			jw_obj_end(jw);
		} else {
			printf("rule %u added\n", id);
		}
	} else {
		if (!id) {
			int r = xk_filter__find(f, &rule);

			if (r < 0) {
				code = p_err(EXIT_SYS, "%s", xk_errmsg());
				goto out;
			}
			id = r;
		}
		err = xk_filter__del(f, id);
		if (err) {
			code = err == -ENOENT
				       ? p_err(EXIT_SYS, "%s", xk_errmsg())
				       : p_maperr(err);
		} else if (json_output) {
			jw_obj_start(jw);
			jw_kuint(jw, "deleted", id);
			jw_obj_end(jw);
		} else {
			printf("rule %u deleted\n", id);
		}
	}
out:
	xk_filter__close(f);
	return code;
}
