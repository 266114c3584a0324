// SPDX-License-Identifier: GPL-2.0
/*
 * The one error path and the library message sink. libxdpkit hands us its
 * messages and libbpf's (the verifier log among them); we keep the tail for
 * -v instead of letting libbpf spray stderr.
 */
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xdpkit/loader.h>
#include "xdpctl.h"

static char errbuf[1024];

static int emit_err(int code, const char *msg)
{
	if (json_output) {
		jw_obj_start(jw);
		jw_kstr(jw, "error", msg);
		jw_kuint(jw, "exit_code", code);
		jw_obj_end(jw);
	} else {
		fprintf(stderr, "Error: %s\n", msg);
	}
	return code;
}

int p_err(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errbuf, sizeof(errbuf), fmt, ap);
	va_end(ap);
	return emit_err(code, errbuf);
}

int p_usage(const char *cmd, const char *fmt, ...)
{
	const struct cmd *c;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errbuf, sizeof(errbuf), fmt, ap);
	va_end(ap);
	emit_err(EXIT_USAGE, errbuf);
	if (!json_output) {
		for (c = commands; cmd && c->name; c++)
			if (!strcmp(c->name, cmd))
				help_cmd(c, true);
		if (!cmd)
			help_all(true);
	}
	return EXIT_USAGE;
}

void p_note(const char *fmt, ...)
{
	va_list ap;

	if (json_output)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/*
 * The one mapping of a library error to an exit code: 1 (usage) when the
 * library refused what the user typed as malformed -- for P_INPUT (a rule,
 * a key or value handed on) EINVAL or ERANGE, for P_PARSE (text being
 * parsed) also E2BIG, a wrong byte count -- and 2 for everything else:
 * the system, the kernel, a map full (E2BIG from an update). The message
 * is the library's own line.
 */
int p_fail(int err, enum p_origin origin)
{
	const char *m = xk_errmsg();
	char tmp[600];
	int code = EXIT_SYS;

	if (origin != P_SYSTEM && (err == -EINVAL || err == -ERANGE ||
				   (origin == P_PARSE && err == -E2BIG)))
		code = EXIT_USAGE;
	if (!*m) {
		snprintf(tmp, sizeof(tmp), "%s", strerror(-err));
		m = tmp;
	}
	if (verbose && code == EXIT_SYS)
		log_tail_print();
	return p_err(code, "%s", m);
}

int dev_index(const char *name)
{
	unsigned int i = if_nametoindex(name);

	if (!i)
		return -p_err(EXIT_SYS,
			      "no interface '%s' in this network "
			      "namespace (see 'ip link'; for another "
			      "namespace use nsenter --net=/run/netns/NAME)",
			      name);
	return i;
}

/* ---- captured library log ---- */
#define LOG_KEEP 16384
static char logbuf[LOG_KEEP];
static size_t loglen;

static void log_cb(enum xk_print_level level, const char *msg)
{
	size_t l = strlen(msg);

	if (level == XK_PRINT_DEBUG)
		return;
	if (l >= LOG_KEEP)
		msg += l - (LOG_KEEP - 1), l = LOG_KEEP - 1;
	if (loglen + l >= LOG_KEEP) {
		size_t drop = loglen + l - (LOG_KEEP - 1);

		memmove(logbuf, logbuf + drop, loglen - drop);
		loglen -= drop;
	}
	memcpy(logbuf + loglen, msg, l);
	loglen += l;
	logbuf[loglen] = 0;
}

void log_install(void);
void log_install(void)
{
	xk_set_print(log_cb);
}

void log_tail_print(void)
{
	const char *p = logbuf + loglen;
	int lines = 0;

	if (!loglen)
		return;
	/* The last 20 lines carry the verifier's verdict. */
	while (p > logbuf && lines <= 20)
		if (*--p == '\n')
			lines++;
	if (*p == '\n')
		p++;
	fprintf(stderr, "--- library/verifier log (tail) ---\n%s", p);
	if (loglen && logbuf[loglen - 1] != '\n')
		fputc('\n', stderr);
	fprintf(stderr, "--- end of log ---\n");
}
