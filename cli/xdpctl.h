/* SPDX-License-Identifier: GPL-2.0 */
/* xdpctl: what the command files share. */
#ifndef XDPCTL_H
#define XDPCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "json.h"

#define XDPCTL_VERSION "0.1.0"

enum { EXIT_OK = 0, EXIT_USAGE = 1, EXIT_SYS = 2 };

/* Global options. */
extern bool json_output;
extern bool verbose;
extern struct jw *jw; /* the one JSON writer, NULL unless -j/-p */

/* The one error path: text to stderr, or {"error": ...} on stdout with -j,
 * so that JSON consumers always get valid JSON. Returns the exit code. */
int p_err(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Usage error for a command: one line, then its synopsis. */
int p_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Text-mode note to stderr (dropped in JSON mode, which carries it). */
void p_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Map a library failure to an exit code and a line that says what to do. */
/* where a library error came from (see p_fail) */
enum p_origin { P_SYSTEM, P_INPUT, P_PARSE };
int p_fail(int err, enum p_origin origin);
#define p_liberr(err) p_fail(err, P_SYSTEM)

/* ---- declarative command tables (args.c) ---- */
enum arg_kind {
	ARG_POS,    /* a bare word in this slot */
	ARG_VALUE,  /* keyword VALUE */
	ARG_FLAG,   /* keyword */
	ARG_CHOICE, /* keyword one-of (unique prefixes accepted) */
	ARG_DEV,    /* keyword IFNAME: resolved once, into parsed.dev */
	ARG_U32,    /* keyword N: a whole number in [min, max], into num[] */
	ARG_REST,   /* the bare words from here to the end, as one string
		     * (a tcpdump filter expression): keywords end there */
};

struct arg {
	const char *kw; /* keyword; for ARG_POS the placeholder */
	enum arg_kind kind;
	const char *meta; /* VALUE name, or choices "a|b|c" */
	const char *help;
	bool required;
	bool first;		/* ARG_POS: must be the first word */
	unsigned long min, max; /* ARG_U32 */
};
#define MAX_ARGS 24

struct parsed {
	const char *val[MAX_ARGS]; /* per arg slot; flags get "1" */
	char choice[MAX_ARGS][32]; /* where a choice's full word is kept */
	__u32 num[MAX_ARGS];	   /* ARG_U32 values (val[] has the text) */
	char rest[1024];	   /* where ARG_REST's words are joined */
	/* the interface an ARG_DEV named, resolved once by args_parse in
	 * this network namespace (name NULL, ifindex 0: none given) */
	struct {
		const char *name;
		int ifindex;
	} dev;
};

struct cmd {
	const char *name;
	int (*run)(const struct cmd *cmd, struct parsed *p);
	const struct arg *args;
	const char *summary;
	bool needs_root;
};

extern const struct cmd commands[];

/* Parse argv against cmd->args; on error prints usage and returns 1. */
int args_parse(const struct cmd *cmd, int argc, char **argv, struct parsed *p);
/* A command's values are p->val[INDEX], INDEX from the enum next to its
 * argument table (designated initializers tie the two): a wrong name does
 * not compile. */
/* Unique-prefix match of word among choices "a|b|c"; NULL if none/ambiguous */
const char *args_choice(const char *choices, const char *word, bool *ambig,
			char *buf, size_t sz);
void help_cmd(const struct cmd *cmd, bool to_stderr);
void help_all(bool to_stderr);
void help_json(void);

/* ---- commands ---- */
int do_attach(const struct cmd *cmd, struct parsed *p);
int do_detach(const struct cmd *cmd, struct parsed *p);
int do_status(const struct cmd *cmd, struct parsed *p);
int do_clean(const struct cmd *cmd, struct parsed *p);
int do_help(const struct cmd *cmd, struct parsed *p);
int do_stack(const struct cmd *cmd, struct parsed *p);
extern const struct arg stack_args[];
int do_stats(const struct cmd *cmd, struct parsed *p);
int do_map(const struct cmd *cmd, struct parsed *p);
int do_filter(const struct cmd *cmd, struct parsed *p);
int do_features(const struct cmd *cmd, struct parsed *p);
extern const struct arg features_args[];
int do_gen(const struct cmd *cmd, struct parsed *p);
extern const struct arg gen_args[];
int do_capture(const struct cmd *cmd, struct parsed *p);
/* Turn off capture hooks a killed capture left on; how many (clean). */
int capture_reap(void);
extern const struct arg capture_args[];
extern const struct arg stats_args[], map_args[], filter_args[];
extern const struct arg attach_args[], detach_args[], status_args[],
	clean_args[], help_args[];

/* ---- programs we ship (progs.c) ---- */
struct shipped {
	const char *name;
	const char *summary;
	const void *(*elf)(size_t *sz);
	const char *const *counters; /* labels of xk_counters slots */
};
extern const struct shipped shipped[];
const struct shipped *shipped_find(const char *name);
/* xk_prog_source_fn: the ELF of the program we ship under @label */
const void *shipped_elf(const char *label, size_t *sz);

/* ---- helpers ---- */
/* Our program labelled label on ifindex: its id and hook (hook
 * XK_HOOK_MAX: any hook, the XDP one first). 0 if found, -ENOENT if not. */
int ours_find(int ifindex, const char *label, int hook, __u32 *id,
	      int *found_hook);
/* 0 and the label (or name) of the XDP program on ifindex, else -ENOENT. */
int xdp_holder(int ifindex, char *name, size_t sz);
/* "aborted", "drop", "pass", "tx", "redirect" for XDP_* (attach.c) */
const char *xdp_verdict_str(int v);
/* "pass,drop" <-> bits (1 << XDP_*) of a chain-call set (attach.c) */
int chain_on_parse(const char *s, __u32 *on);
void chain_on_str(__u32 on, char *buf, size_t sz);
/* Exit code for a libxdpkit error: malformed input (EINVAL, ERANGE) is a
 * usage error (1), anything else a system error (2); prints xk_errmsg. */
/* a map operation given what the user typed (a key, a value, a rule) */
#define p_maperr(err)	p_fail(err, P_INPUT)
#define p_parseerr(err) p_fail(err, P_PARSE)
int dev_index(const char *name); /* prints the error, returns <0 */
/* The tail of the libbpf/verifier log captured during this run. */
void log_tail_print(void);

#endif
