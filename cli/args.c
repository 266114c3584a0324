// SPDX-License-Identifier: GPL-2.0
/*
 * Keyword parsing and help, both driven by each command's arg table, so the
 * help text (and the bash completion, which reads `xdpctl -j help`) cannot
 * drift from what the parser accepts. Keywords and choices take unique
 * prefixes, as in ip(8).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xdpkit/core.h>
#include "xdpctl.h"

const char *args_choice(const char *choices, const char *word, bool *ambig,
			char *buf, size_t sz)
{
	const char *c = choices, *hit = NULL;
	size_t wl = strlen(word);
	int n = 0;

	*ambig = false;
	while (*c) {
		size_t l = strcspn(c, "|");

		if (l == wl && !strncmp(c, word, l)) {
			snprintf(buf, sz, "%.*s", (int)l, c);
			return buf; /* exact beats prefix */
		}
		if (wl && wl < l && !strncmp(c, word, wl)) {
			hit = c;
			n++;
		}
		c += l + (c[l] == '|');
	}
	if (n > 1)
		*ambig = true;
	if (n != 1)
		return NULL;
	snprintf(buf, sz, "%.*s", (int)strcspn(hit, "|"), hit);
	return buf;
}

/* The keyword of cmd that word names (exact or unique prefix), or -1. */
static int match_kw(const struct cmd *cmd, const char *word, bool *ambig)
{
	int i, hit = -1, n = 0;
	size_t wl = strlen(word);

	*ambig = false;
	for (i = 0; cmd->args[i].kw; i++) {
		if (cmd->args[i].kind == ARG_POS ||
		    cmd->args[i].kind == ARG_REST)
			continue;
		if (!strcmp(cmd->args[i].kw, word))
			return i;
		if (wl && !strncmp(cmd->args[i].kw, word, wl)) {
			hit = i;
			n++;
		}
	}
	if (n > 1) {
		*ambig = true;
		return -1;
	}
	return hit;
}

int args_parse(const struct cmd *cmd, int argc, char **argv, struct parsed *p)
{
	const struct arg *a = cmd->args;
	int i, k;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < argc; i++)
		if (!strcmp(argv[i], "help")) {
			help_cmd(cmd, false);
			return -1; /* handled: exit 0 */
		}
	for (i = 0; i < argc; i++) {
		const char *w = argv[i];
		bool ambig = false;

		k = -1;
		if (!(i == 0 && a[0].kw && a[0].kind == ARG_POS && a[0].first))
			k = match_kw(cmd, w, &ambig);
		if (k < 0 && ambig)
			return p_usage(cmd->name, "'%s' is ambiguous", w);
		if (k < 0) {
			/* a bare word: the next free positional slot */
			for (k = 0; a[k].kw; k++)
				if ((a[k].kind == ARG_POS ||
				     a[k].kind == ARG_REST) &&
				    !p->val[k])
					break;
			if (!a[k].kw)
				return p_usage(cmd->name,
					       "unexpected argument '%s'", w);
			if (a[k].kind == ARG_REST) {
				/* this word and every one after it */
				size_t n = 0;

				for (; i < argc; i++) {
					int r = snprintf(p->rest + n,
							 sizeof(p->rest) - n,
							 "%s%s", n ? " " : "",
							 argv[i]);

					if (r < 0 ||
					    (size_t)r >= sizeof(p->rest) - n)
						return p_usage(cmd->name,
							       "%s: too long",
							       a[k].kw);
					n += (size_t)r;
				}
				p->val[k] = p->rest;
				break;
			}
			p->val[k] = w;
			continue;
		}
		if (p->val[k])
			return p_usage(cmd->name, "'%s' given twice", a[k].kw);
		if (a[k].kind == ARG_FLAG) {
			p->val[k] = "1";
			continue;
		}
		if (++i >= argc)
			return p_usage(cmd->name, "'%s' needs %s", a[k].kw,
				       a[k].meta);
		if (a[k].kind == ARG_CHOICE) {
			p->val[k] =
				args_choice(a[k].meta, argv[i], &ambig,
					    p->choice[k], sizeof(p->choice[k]));
			if (!p->val[k])
				return p_usage(cmd->name,
					       "'%s %s': expected "
					       "one of %s",
					       a[k].kw, argv[i], a[k].meta);
		} else if (a[k].kind == ARG_U32) {
			char *end;
			unsigned long v;

			errno = 0;
			v = strtoul(argv[i], &end, 0);
			if (errno || end == argv[i] || *end ||
			    argv[i][0] == '-' || v < a[k].min || v > a[k].max)
				return p_usage(cmd->name,
					       "'%s %s': want %s %lu-%lu",
					       a[k].kw, argv[i], a[k].meta,
					       a[k].min, a[k].max);
			p->num[k] = (__u32)v;
			p->val[k] = argv[i];
		} else {
			p->val[k] = argv[i];
		}
	}
	for (k = 0; a[k].kw; k++)
		if (a[k].required && !p->val[k])
			return p_usage(cmd->name, "missing %s%s%s",
				       a[k].kind == ARG_POS ? "" : a[k].kw,
				       a[k].kind == ARG_POS ? "" : " ",
				       a[k].kind == ARG_POS ? a[k].kw
							    : a[k].meta);
	/* once the words are right: the interface, resolved here once */
	for (k = 0; a[k].kw; k++) {
		int ifindex;

		if (a[k].kind != ARG_DEV || !p->val[k])
			continue;
		ifindex = dev_index(p->val[k]);
		if (ifindex < 0)
			return -ifindex;
		p->dev.name = p->val[k];
		p->dev.ifindex = ifindex;
	}
	return 0;
}

static void synopsis(FILE *f, const struct cmd *cmd)
{
	const struct arg *a;

	fprintf(f, "xdpctl %s", cmd->name);
	for (a = cmd->args; a->kw; a++) {
		const char *o = a->required ? "" : "[",
			   *c = a->required ? "" : "]";

		if (a->kind == ARG_POS)
			fprintf(f, " %s%s%s", o, a->kw, c);
		else if (a->kind == ARG_REST)
			fprintf(f, " %s%s ...%s", o, a->kw, c);
		else if (a->kind == ARG_FLAG)
			fprintf(f, " %s%s%s", o, a->kw, c);
		else if (a->kind == ARG_CHOICE)
			fprintf(f, " %s%s {%s}%s", o, a->kw, a->meta, c);
		else
			fprintf(f, " %s%s %s%s", o, a->kw, a->meta, c);
	}
	fputc('\n', f);
}

void help_cmd(const struct cmd *cmd, bool to_stderr)
{
	FILE *f = to_stderr ? stderr : stdout;
	const struct arg *a;

	if (json_output && !to_stderr) {
		help_json();
		return;
	}
	fprintf(f, "Usage: ");
	synopsis(f, cmd);
	fprintf(f, "  %s\n", cmd->summary);
	for (a = cmd->args; a->kw; a++) {
		char left[48];

		snprintf(left, sizeof(left), "%s%s%s", a->kw,
			 (a->kind >= ARG_DEV && a->kind != ARG_REST) ||
					 a->kind == ARG_VALUE
				 ? " "
				 : "",
			 (a->kind >= ARG_DEV && a->kind != ARG_REST) ||
					 a->kind == ARG_VALUE
				 ? a->meta
				 : "");
		fprintf(f, "    %-22s %s\n", left, a->help);
	}
}

void help_all(bool to_stderr)
{
	FILE *f = to_stderr ? stderr : stdout;
	const struct cmd *c;

	if (json_output && !to_stderr) {
		help_json();
		return;
	}
	fprintf(f,
		"Usage: xdpctl [-j|-p] [-v] [--pin-root DIR] COMMAND ... | "
		"xdpctl -V\n"
		"Options: -j JSON output, -p pretty JSON, -v verbose "
		"(verifier log tail on errors), -V version,\n"
		"         --pin-root DIR state under DIR on a bpffs "
		"(default %s, or $XDPKIT_PIN_ROOT)\n"
		"Commands:\n",
		XK_PIN_ROOT);
	for (c = commands; c->name; c++)
		fprintf(f, "    %-8s %s\n", c->name, c->summary);
	fprintf(f, "Run 'xdpctl COMMAND help' for a command's arguments. "
		   "Keywords take unique prefixes.\nPrograms we ship:");
	for (const struct shipped *s = shipped; s->name; s++)
		fprintf(f, " %s (%s)", s->name, s->summary);
	fputc('\n', f);
}

void help_json(void)
{
	const struct cmd *c;
	const struct arg *a;

	jw_obj_start(jw);
	jw_key(jw, "commands");
	jw_arr_start(jw);
	for (c = commands; c->name; c++) {
		jw_obj_start(jw);
		jw_kstr(jw, "name", c->name);
		jw_kstr(jw, "summary", c->summary);
		jw_key(jw, "args");
		jw_arr_start(jw);
		for (a = c->args; a->kw; a++) {
			static const char *kinds[] = {
				"positional", "value", "flag",	    "choice",
				"value",      "value", "positional"};

			jw_obj_start(jw);
			jw_kstr(jw, "keyword", a->kw);
			jw_kstr(jw, "kind", kinds[a->kind]);
			if (a->meta)
				jw_kstr(jw, "meta", a->meta);
			jw_kstr(jw, "help", a->help);
			jw_kbool(jw, "required", a->required);
			jw_obj_end(jw);
		}
		jw_arr_end(jw);
		jw_obj_end(jw);
	}
	jw_arr_end(jw);
	jw_key(jw, "programs");
	jw_arr_start(jw);
	for (const struct shipped *s = shipped; s->name; s++) {
		jw_obj_start(jw);
		jw_kstr(jw, "name", s->name);
		jw_kstr(jw, "summary", s->summary);
		jw_obj_end(jw);
	}
	jw_arr_end(jw);
	jw_obj_end(jw);
}
