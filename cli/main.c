// SPDX-License-Identifier: GPL-2.0
/*
 * xdpctl: put XDP and TC programs on interfaces and see what is there.
 * The command table below is the single source of truth for dispatch, help
 * and bash completion.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <bpf/libbpf.h>
#include <xdpkit/loader.h>
#include "xdpctl.h"

bool json_output;
bool verbose;
struct jw *jw;

void log_install(void);

const struct cmd commands[] = {
	{"attach", do_attach, attach_args,
	 "put a program on an interface (replaces ours atomically)", true},
	{"detach", do_detach, detach_args,
	 "take our programs off an interface (never foreign ones)", true},
	{"status", do_status, status_args,
	 "show every XDP, tc and tcx program, ours or not", true},
	{"clean", do_clean, clean_args,
	 "repair what a killed xdpctl left: stale pins, empty qdiscs", true},
	{"stack", do_stack, stack_args,
	 "serve UDP and TCP from AF_XDP sockets sharing the host's IP "
	 "(udp-echo, tcp-echo, tcp-sink)",
	 true},
	{"stats", do_stats, stats_args,
	 "packets and bytes per protocol (pps, bps with watch)", true},
	{"map", do_map, map_args,
	 "list, dump, get, set, del entries of any map, by field", true},
	{"filter", do_filter, filter_args,
	 "drop, pass or count by prefix, protocol and port", true},
	{"capture", do_capture, capture_args,
	 "packets on a hook as they entered and as our program left them, "
	 "with its verdict (pcapng)",
	 true},
	{"gen", do_gen, gen_args,
	 "send packets described like the builder's (udp dst A dport P ...), "
	 "paced or flat out",
	 true},
	{"features", do_features, features_args,
	 "what this kernel and process can load and attach, by trying", true},
	{"help", do_help, help_args, "show this help", false},
	{NULL, NULL, NULL, NULL, false},
};

/* Indices of help_args: the parsed values are p->val[HLP_...]. */
enum {
	HLP_POS,
	HLP_NR,
};

const struct arg help_args[] = {
	[HLP_POS] = {"COMMAND", ARG_POS, NULL, "command to explain", false,
		     false, 0, 0},
	[HLP_NR] = {NULL, 0, NULL, NULL, false, false, 0, 0},
};

int do_help(const struct cmd *cmd, struct parsed *p)
{
	const struct cmd *c;
	const char *w = p->val[HLP_POS];

	(void)cmd;
	for (c = commands; w && c->name; c++)
		if (!strncmp(c->name, w, strlen(w))) {
			help_cmd(c, false);
			return EXIT_OK;
		}
	if (w)
		return p_usage(NULL, "unknown command '%s'", w);
	help_all(false);
	return EXIT_OK;
}

/* One clear line instead of a pile of EPERMs from deep inside. */
static int check_caps(void)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];
	__u64 eff;

	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d))
		return 0; /* cannot tell: let the kernel decide */
	eff = d[0].effective | (__u64)d[1].effective << 32;
#define HAS(c) (eff & (1ULL << (c)))
	/* The kernel wants CAP_NET_ADMIN for netlink attach, CAP_BPF (or
	 * CAP_SYS_ADMIN) to load, and CAP_SYS_ADMIN to open programs by id. */
	if (HAS(CAP_NET_ADMIN) && HAS(CAP_SYS_ADMIN))
		return 0;
	return p_err(EXIT_SYS,
		     "permission denied: xdpctl needs%s%s%s; run it "
		     "as root, e.g. 'sudo xdpctl ...'",
		     HAS(39 /* CAP_BPF */) || HAS(CAP_SYS_ADMIN) ? ""
								 : " CAP_BPF",
		     HAS(CAP_NET_ADMIN) ? "" : " CAP_NET_ADMIN",
		     HAS(CAP_SYS_ADMIN) ? "" : " CAP_SYS_ADMIN");
#undef HAS
}

static const struct cmd *find_cmd(const char *w, bool *ambig)
{
	const struct cmd *c, *hit = NULL;
	int n = 0;

	*ambig = false;
	for (c = commands; c->name; c++) {
		if (!strcmp(c->name, w))
			return c;
		if (!strncmp(c->name, w, strlen(w))) {
			hit = c;
			n++;
		}
	}
	*ambig = n > 1;
	return n == 1 ? hit : NULL;
}

static int run(int argc, char **argv)
{
	const struct cmd *c;
	struct parsed p;
	bool ambig;
	int err;

	for (; argc && argv[0][0] == '-' && argv[0][1]; argc--, argv++) {
		const char *o = argv[0] + 1;

		if (*o == '-')
			o++; /* --json as well as -json */
		if (!strcmp(o, "pin-root") || !strncmp(o, "pin-root=", 9)) {
			const char *dir = o[8] == '=' ? o + 9 : argv[1];

			if (json_output && !jw)
				jw = jw_new(stdout, false);
			if (!dir || !*dir)
				return p_usage(NULL, "--pin-root needs a "
						     "directory");
			if (o[8] != '=') {
				argc--;
				argv++;
			}
			if (xk_set_pin_root(dir))
				return p_err(EXIT_USAGE, "%s", xk_errmsg());
		} else if (!strcmp(o, "j") || !strcmp(o, "json")) {
			json_output = true;
		} else if (!strcmp(o, "p") || !strcmp(o, "pretty")) {
			json_output = true;
			jw = jw_new(stdout, true);
		} else if (!strcmp(o, "v") || !strcmp(o, "verbose")) {
			verbose = true;
		} else if (!strcmp(o, "V") || !strcmp(o, "version")) {
			printf("xdpctl %s (libxdpkit, libbpf %u.%u)\n",
			       XDPCTL_VERSION, libbpf_major_version(),
			       libbpf_minor_version());
			return EXIT_OK;
		} else if (!strcmp(o, "h") || !strcmp(o, "help")) {
			if (json_output && !jw)
				jw = jw_new(stdout, false);
			help_all(false);
			return EXIT_OK;
		} else {
			if (json_output && !jw)
				jw = jw_new(stdout, false);
			return p_usage(NULL, "unknown option '%s'", argv[0]);
		}
	}
	if (json_output && !jw)
		jw = jw_new(stdout, false);
	if (!argc)
		return p_usage(NULL, "no command given");
	c = find_cmd(argv[0], &ambig);
	if (!c)
		return p_usage(NULL, "%s command '%s'",
			       ambig ? "ambiguous" : "unknown", argv[0]);
	err = args_parse(c, argc - 1, argv + 1, &p);
	if (err < 0)
		return EXIT_OK; /* help was asked for */
	if (err)
		return err;
	if (c->needs_root && (err = check_caps()))
		return err;
	return c->run(c, &p);
}

int main(int argc, char **argv)
{
	int ret;

	log_install();
	/* a chain loads our programs again for their new places */
	xk_prog__set_source(shipped_elf);
	ret = run(argc - 1, argv + 1);
	if (jw)
		jw_destroy(jw);
	return ret;
}
