// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Names of hooks and modes, and what the environment allows. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include "internal.h"

#ifndef XK_LIBXDP_VERSION
#define XK_LIBXDP_VERSION "(version unknown)"
#endif

static const char *const hook_str[XK_HOOK_MAX] = {
	[XK_HOOK_XDP] = "xdp",
	[XK_HOOK_TC_INGRESS] = "tc ingress",
	[XK_HOOK_TC_EGRESS] = "tc egress",
	[XK_HOOK_TCX_INGRESS] = "tcx ingress",
	[XK_HOOK_TCX_EGRESS] = "tcx egress",
};

/* bpffs names may not contain '.', so pin names use '_' and '@'. */
static const char *const hook_pin[XK_HOOK_MAX] = {
	[XK_HOOK_XDP] = "xdp",
	[XK_HOOK_TC_INGRESS] = "tc_ingress",
	[XK_HOOK_TC_EGRESS] = "tc_egress",
	[XK_HOOK_TCX_INGRESS] = "tcx_ingress",
	[XK_HOOK_TCX_EGRESS] = "tcx_egress",
};

const char *xk_hook__str(enum xk_hook hook)
{
	return hook < XK_HOOK_MAX ? hook_str[hook] : "?";
}

const char *xk_hook__pin(enum xk_hook hook)
{
	return hook < XK_HOOK_MAX ? hook_pin[hook] : "?";
}

bool xk_hook__is_tc(enum xk_hook hook)
{
	return hook != XK_HOOK_XDP && hook < XK_HOOK_MAX;
}

const char *xk_xdp_mode__str(enum xk_xdp_mode mode)
{
	switch (mode) {
	case XK_XDP_MODE_NATIVE:
		return "native";
	case XK_XDP_MODE_SKB:
		return "skb";
	case XK_XDP_MODE_HW:
		return "hw";
	default:
		return "best";
	}
}

static bool is_bpffs(const char *path)
{
	struct statfs s;

	return !statfs(path, &s) && s.f_type == BPF_FS_MAGIC;
}

static bool same_ns(const char *a, const char *b)
{
	struct stat sa, sb;

	return !stat(a, &sa) && !stat(b, &sb) && sa.st_ino == sb.st_ino;
}

/*
 * Is /sys the sysfs `ip netns exec NAME` mounts? It mounts a fresh one with
 * NAME as its source, where the host's says "sysfs"; NAME is then the
 * namespace, for the message.
 */
static bool ip_netns_exec_sys(char *name, size_t sz)
{
	char line[1024], src[256], path[300], mnt[256], fs[64];
	bool hit = false;
	FILE *f = fopen("/proc/self/mountinfo", "re");

	if (!f)
		return false;
	while (!hit && fgets(line, sizeof(line), f)) {
		char *dash = strstr(line, " - ");

		/* ID PARENT MAJ:MIN ROOT MOUNTPOINT ... - FSTYPE SOURCE ... */
		if (!dash || sscanf(line, "%*s %*s %*s %*s %255s", mnt) != 1 ||
		    strcmp(mnt, "/sys") ||
		    sscanf(dash + 3, "%63s %255s", fs, src) != 2 ||
		    strcmp(fs, "sysfs") || !strcmp(src, "sysfs"))
			continue;
		snprintf(path, sizeof(path), "/run/netns/%s", src);
		if (!access(path, F_OK)) {
			snprintf(name, sz, "%s", src);
			hit = true;
		}
	}
	fclose(f);
	return hit;
}

int xk_env__check_bpffs(void)
{
	char ns[256];
	int err;

	if ((err = xk_pin_root__check()))
		return err;
	if (strcmp(xk_pin_root(), XK_PIN_ROOT))
		return 0; /* xk_set_pin_root or the environment checked it */
	if (is_bpffs("/sys/fs/bpf"))
		return 0;
	/* `ip netns exec` unshares the mount namespace and remounts /sys,
	 * which hides the host bpffs: pins made here would vanish with the
	 * command, and the next run could not tell our programs from foreign
	 * ones. Refuse rather than leave orphans. */
	if (ip_netns_exec_sys(ns, sizeof(ns)))
		return xk_err(-ENOENT,
			      "no bpffs at /sys/fs/bpf: 'ip netns exec' "
			      "hides the host's; run 'nsenter "
			      "--net=/run/netns/%s xdpctl ...' instead",
			      ns);
	if (!same_ns("/proc/self/ns/mnt", "/proc/1/ns/mnt"))
		return xk_err(-ENOENT,
			      "no bpffs mounted at /sys/fs/bpf in this mount "
			      "namespace: mount one with 'mount -t bpf bpf "
			      "/sys/fs/bpf' (or share the host's)");
	return xk_err(-ENOENT, "no bpffs mounted at /sys/fs/bpf; "
			       "mount it with 'mount -t bpf bpf /sys/fs/bpf'");
}

/* libxdp's dispatcher runs programs that change packet data from 1.5.5 */
static bool libxdp_fixed(const char *v)
{
	int a = 0, b = 0, c = 0;

	if (sscanf(v, "%d.%d.%d", &a, &b, &c) < 2)
		return false;
	return a > 1 || (a == 1 && (b > 5 || (b == 5 && c >= 5)));
}

int xk__multiprog_dispatcher(char *msg, size_t sz)
{
	/* Tests only: the probe's answer and libxdp's version injected, to
	 * prove the choice where this machine cannot show it. */
	const char *fake = getenv("XDPKIT_TEST_FREPLACE");
	const char *ver = getenv("XDPKIT_TEST_LIBXDP");
	char why[320];
	int ok;

	if (!ver)
		ver = XK_LIBXDP_VERSION;
	if (fake) {
		ok = !strcmp(fake, "works");
		snprintf(why, sizeof(why), "%s",
			 ok ? "an EXT program loads and attaches (injected)"
			    : "refused (injected)");
	} else {
		ok = xk_probe__freplace(why, sizeof(why));
	}
	if (ok && libxdp_fixed(ver)) {
		snprintf(msg, sz,
			 "libxdp's dispatcher: freplace works here (%s) and "
			 "libxdp %s runs programs that change packet data; "
			 "xdp-loader and xdpctl see each other's programs",
			 why, ver);
		return 1;
	}
	if (ok)
		snprintf(msg, sz,
			 "xdpkit chain: freplace works here (%s), but "
			 "libxdp %s's dispatcher cannot run programs that "
			 "change packet data (fixed in libxdp 1.5.5); programs "
			 "of ours on one XDP hook run as a tail-call chain",
			 why, ver);
	else
		snprintf(msg, sz,
			 "xdpkit chain: libxdp's dispatcher needs freplace "
			 "programs, and this machine refuses them (%s); "
			 "programs of ours on one XDP hook run as a tail-call "
			 "chain",
			 why);
	return 0;
}

const char *xk_env__multiprog_status(bool *supported)
{
	static char msg[640];
	static int disp = -1;

	/* tried once per process */
	if (disp < 0)
		disp = xk__multiprog_dispatcher(msg, sizeof(msg));
	if (supported)
		*supported = disp == 1;
	return msg;
}
