// SPDX-License-Identifier: GPL-2.0
/* xdpctl attach: PROG (shipped) or FILE (any BPF object) onto a hook. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xdpkit/chain.h>
#include <xdpkit/loader.h>
#include "xdpctl.h"

/* Indices of attach_args: the parsed values are p->val[ATT_...]. */
enum {
	ATT_POS,
	ATT_DEV,
	ATT_XDP,
	ATT_TC,
	ATT_TCX,
	ATT_MODE,
	ATT_SECTION,
	ATT_NAME,
	ATT_REPLACE,
	ATT_FORCE,
	ATT_PRIO,
	ATT_CHAIN_ON,
	ATT_NR,
};

const struct arg attach_args[] = {
	[ATT_POS] =
		{"PROG|FILE", ARG_POS, NULL,
		 "a program we ship (see 'xdpctl help') or a BPF object file",
		 true, true, 0, 0},
	[ATT_DEV] = {"dev", ARG_DEV, "IFNAME", "interface to attach to", true,
		     false, 0, 0},
	[ATT_XDP] = {"xdp", ARG_FLAG, NULL, "the XDP hook (default)", false,
		     false, 0, 0},
	[ATT_TC] = {"tc", ARG_CHOICE, "ingress|egress",
		    "a clsact hook (cls_bpf filter)", false, false, 0, 0},
	[ATT_TCX] = {"tcx", ARG_CHOICE, "ingress|egress",
		     "a TCX hook (kernel 6.6+)", false, false, 0, 0},
	[ATT_MODE] = {"mode", ARG_CHOICE, "native|skb|hw|best",
		      "XDP mode; best (default) is native, else skb", false,
		      false, 0, 0},
	[ATT_SECTION] = {"section", ARG_VALUE, "SEC",
			 "pick the program by ELF section", false, false, 0, 0},
	[ATT_NAME] = {"name", ARG_VALUE, "FUNC",
		      "pick the program by function name", false, false, 0, 0},
	[ATT_REPLACE] = {"replace", ARG_FLAG, NULL,
			 "replace an XDP program that is not ours", false,
			 false, 0, 0},
	[ATT_FORCE] =
		{"force", ARG_FLAG, NULL,
		 "replace a running stack's steering program (the stack stops)",
		 false, false, 0, 0},
	[ATT_PRIO] = {"priority", ARG_U32, "N",
		      "place in the XDP chain, lowest first (default 50)",
		      false, false, 1, 100000},
	[ATT_CHAIN_ON] = {"chain-on", ARG_VALUE, "VERDICT,...",
			  "verdicts after which the next program of the "
			  "chain runs: aborted,drop,pass,tx,redirect "
			  "(default pass)",
			  false, false, 0, 0},
	[ATT_NR] = {NULL, 0, NULL, NULL, false, false, 0, 0},
};

static enum xk_xdp_mode parse_mode(const char *m)
{
	if (!m || !strcmp(m, "best"))
		return XK_XDP_MODE_BEST;
	if (!strcmp(m, "native"))
		return XK_XDP_MODE_NATIVE;
	if (!strcmp(m, "skb"))
		return XK_XDP_MODE_SKB;
	return XK_XDP_MODE_HW;
}

const char *xdp_verdict_str(int v)
{
	static const char *const names[] = {"aborted", "drop", "pass", "tx",
					    "redirect"};

	return v >= 0 && v < 5 ? names[v] : "?";
}

int chain_on_parse(const char *s, __u32 *on)
{
	char buf[128], *save = NULL, *w;
	int v;

	*on = 0;
	snprintf(buf, sizeof(buf), "%s", s);
	for (w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		for (v = 0; v < 5 && strcmp(w, xdp_verdict_str(v)); v++)
			;
		if (v == 5)
			return -1;
		*on |= 1u << v;
	}
	return *on ? 0 : -1;
}

void chain_on_str(__u32 on, char *buf, size_t sz)
{
	size_t l = 0;
	int v;

	buf[0] = 0;
	for (v = 0; v < 5 && l < sz; v++)
		if (on & (1u << v))
			l += snprintf(buf + l, sz - l, "%s%s", l ? "," : "",
				      xdp_verdict_str(v));
}

static struct xk_prog *open_prog(const char *what, enum xk_hook hook,
				 const char *sec, const char *name)
{
	const struct shipped *s = shipped_find(what);
	XK_OPTS(xk_prog_open_opts, oo, .hook = hook, .section = sec,
		.prog_name = name);
	size_t sz;
	const void *elf;

	if (s) {
		oo.label = s->name;
		elf = s->elf(&sz);
		return xk_prog__open_mem(elf, sz, &oo);
	}
	return xk_prog__open_file(what, &oo);
}

int do_attach(const struct cmd *cmd, struct parsed *p)
{
	const char *what = p->val[ATT_POS], *tc = p->val[ATT_TC],
		   *tcx = p->val[ATT_TCX], *mode = p->val[ATT_MODE];
	enum xk_hook hook = XK_HOOK_XDP;
	struct xk_prog *prog;
	XK_OPTS(xk_xdp_opts, xo);
	XK_OPTS(xk_tc_opts, to);
	__u32 id, replaced;
	int ifindex, err;

	if (!!p->val[ATT_XDP] + !!tc + !!tcx > 1)
		return p_usage(cmd->name, "give one hook: xdp, tc or tcx");
	if (tc)
		hook = strcmp(tc, "egress") ? XK_HOOK_TC_INGRESS
					    : XK_HOOK_TC_EGRESS;
	if (tcx)
		hook = strcmp(tcx, "egress") ? XK_HOOK_TCX_INGRESS
					     : XK_HOOK_TCX_EGRESS;
	if (hook != XK_HOOK_XDP && mode)
		return p_usage(cmd->name, "'mode' is for the xdp hook only");
	if (hook != XK_HOOK_XDP && (p->val[ATT_PRIO] || p->val[ATT_CHAIN_ON]))
		return p_usage(cmd->name,
			       "'priority' and 'chain-on' are for the xdp "
			       "hook (tc and tcx run every program anyway)");
	if (p->val[ATT_CHAIN_ON] &&
	    chain_on_parse(p->val[ATT_CHAIN_ON], &xo.chain_on))
		return p_usage(cmd->name,
			       "chain-on takes verdicts separated by commas: "
			       "aborted,drop,pass,tx,redirect");
	if (p->val[ATT_PRIO])
		xo.priority = p->num[ATT_PRIO];
	ifindex = p->dev.ifindex;
	if (!shipped_find(what) && access(what, F_OK))
		return p_err(EXIT_SYS,
			     "'%s' is neither a program we ship (see "
			     "'xdpctl help') nor a file",
			     what);
	prog = open_prog(what, hook, p->val[ATT_SECTION], p->val[ATT_NAME]);
	if (!prog)
		return p_liberr(-errno);
	if (hook == XK_HOOK_XDP) {
		xo.mode = parse_mode(mode);
		xo.replace = !!p->val[ATT_REPLACE];
		xo.force = !!p->val[ATT_FORCE];
		xo.chain = true; /* join ours already there */
		err = xk_xdp__attach(ifindex, prog, &xo);
		id = xo.prog_id;
		replaced = xo.replaced_id;
	} else {
		to.hook = hook;
		err = xk_tc__attach(ifindex, prog, &to);
		id = to.prog_id;
		replaced = to.replaced_id;
	}
	if (err) {
		xk_prog__close(prog);
		return p_liberr(err);
	}
	if (json_output) {
		jw_obj_start(jw);
		jw_kstr(jw, "dev", p->dev.name);
		jw_kuint(jw, "ifindex", ifindex);
		jw_kstr(jw, "hook", xk_hook__str(hook));
		if (hook == XK_HOOK_XDP) {
			jw_kstr(jw, "mode", xk_xdp_mode__str(xo.mode_used));
			jw_kstr(jw, "mode_requested",
				xk_xdp_mode__str(xo.mode));
		}
		if (hook == XK_HOOK_TC_INGRESS || hook == XK_HOOK_TC_EGRESS) {
			jw_kuint(jw, "handle", to.handle);
			jw_kuint(jw, "priority", to.priority);
		}
		jw_kstr(jw, "label", xk_prog__label(prog));
		jw_kstr(jw, "name", xk_prog__name(prog));
		jw_kuint(jw, "id", id);
		jw_kuint(jw, "replaced_id", replaced);
		jw_kbool(jw, "replaced_foreign", xo.replaced_foreign);
		if (hook == XK_HOOK_XDP) {
			jw_kuint(jw, "chain_position", xo.chain_pos);
			jw_kuint(jw, "chain_length", xo.chain_len);
			jw_kuint(jw, "chain_replaced_id", xo.chain_replaced);
		}
		jw_obj_end(jw);
	} else {
		if (xo.chain_len) {
			char on[64];

			chain_on_str(xo.chain_on ? xo.chain_on
						 : XK_CHAIN_ON_DEFAULT,
				     on, sizeof(on));
			printf("%s %s into the XDP chain of %s: place %u of "
			       "%u (priority %u, the next runs on %s); root "
			       "id %u %s id %u\n",
			       xo.chain_replaced ? "replaced" : "added",
			       xk_prog__label(prog), p->dev.name, xo.chain_pos,
			       xo.chain_len,
			       xo.priority ? xo.priority
					   : XK_CHAIN_PRIO_DEFAULT,
			       on, id, replaced ? "replacing" : "after",
			       replaced);
			xk_prog__close(prog);
			return EXIT_OK;
		}
		printf("attached %s (%s, id %u) to %s %s", xk_prog__label(prog),
		       xk_prog__name(prog), id, p->dev.name,
		       xk_hook__str(hook));
		if (hook == XK_HOOK_XDP)
			printf(" in %s mode%s", xk_xdp_mode__str(xo.mode_used),
			       xo.mode == XK_XDP_MODE_BEST && !replaced
				       ? " (mode best: native if the driver "
					 "has it, "
					 "else skb)"
				       : "");
		if (replaced)
			printf(", replacing %s program id %u",
			       xo.replaced_foreign ? "foreign" : "our",
			       replaced);
		printf("\n");
	}
	xk_prog__close(prog);
	return EXIT_OK;
}
