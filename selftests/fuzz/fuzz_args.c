// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * libFuzzer harness over xdpctl's command line: the input split into words
 * (at NUL, space or newline) goes through the command lookup by unique
 * prefix (find_cmd, static in cli/main.c, which is included here with its
 * main() renamed) and through the argument parser of every command. A
 * parse that succeeds must hold every required argument, a choice's value
 * must be one of its choices, a flag's "1"; nothing is run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#define main xdpctl_main
#include "../../cli/main.c"
#undef main

#define MAX_WORDS 24

static void broken(const char *what, const char *cmd)
{
	fprintf(stderr, "fuzz_args: invariant broken (%s): %s\n", cmd, what);
	abort();
}

static bool is_choice(const char *choices, const char *v)
{
	size_t n = strlen(v);
	const char *c = choices;

	while (*c) {
		size_t l = strcspn(c, "|");

		if (l == n && !strncmp(c, v, n))
			return true;
		c += l + (c[l] == '|');
	}
	return false;
}

/* Usage and help text are many: run with -close_fd_mask=3 (run.sh does),
 * which keeps libFuzzer's and the sanitizers' reports. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *w[MAX_WORDS], *save = NULL, *t;
	const struct cmd *c;
	struct parsed p;
	int n = 0, k;
	bool ambig;
	size_t i;

	if (size > 1024)
		return -1;
	text = malloc(size + 1);
	if (!text)
		abort();
	for (i = 0; i < size; i++)
		text[i] = data[i] ? (char)data[i] : ' ';
	text[size] = 0;
	for (t = strtok_r(text, " \n", &save); t && n < MAX_WORDS;
	     t = strtok_r(NULL, " \n", &save))
		w[n++] = t;
	if (n) {
		c = find_cmd(w[0], &ambig);
		if (c && ambig)
			broken("a command found is not ambiguous", w[0]);
	}
	for (c = commands; c->name; c++) {
		for (k = 0; c->args[k].kw; k++)
			if (k + 1 >= MAX_ARGS)
				broken("an argument table fits MAX_ARGS",
				       c->name);
		if (args_parse(c, n ? n - 1 : 0, w + 1, &p))
			continue;
		for (k = 0; c->args[k].kw; k++) {
			const struct arg *a = &c->args[k];

			if (a->required && !p.val[k])
				broken("required arguments are there", c->name);
			if (!p.val[k])
				continue;
			if (a->kind == ARG_CHOICE &&
			    !is_choice(a->meta, p.val[k]))
				broken("a choice's value is one of its choices",
				       c->name);
			if (a->kind == ARG_FLAG && strcmp(p.val[k], "1"))
				broken("a flag's value is 1", c->name);
		}
	}
	free(text);
	return 0;
}
