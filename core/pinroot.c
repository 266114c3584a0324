// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The pin root: where every part of the library pins what must outlive a
 * process. XK_PIN_ROOT unless the program chose another (xk_set_pin_root,
 * xdpctl --pin-root) or the environment names one (XDPKIT_PIN_ROOT), so
 * tests and containers can keep their state apart. Another root must be a
 * directory below a bpffs mount, not the mount itself and not a directory
 * other tools own there (iproute2's tc/, xdp/, ip/): clean removes what it
 * finds under the root.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include "core.h"

/* What a chosen root may take: the pin paths below it need the rest. */
#define XK_PIN_ROOT_MAX 128

static char chosen[XK_PIN_ROOT_MAX + 1];
static int chosen_err; /* the environment's root was refused */
static int env_read;

static bool on_bpffs(const char *path)
{
	struct statfs fs;

	return !statfs(path, &fs) && fs.f_type == BPF_FS_MAGIC;
}

/* 0 if @path may be a pin root; else -EINVAL with the reason logged. */
static int check(const char *path, const char *from)
{
	char parent[XK_PIN_ROOT_MAX + 1], *slash;
	const char *rest = path;
	struct stat st;
	size_t n = strlen(path);

	if (path[0] != '/' || n < 2 || n > XK_PIN_ROOT_MAX)
		return xk_err(-EINVAL,
			      "pin root '%s' (%s): must be an absolute path of "
			      "at most %d characters",
			      path, from, XK_PIN_ROOT_MAX);
	if (strstr(path, "/../") || strstr(path, "/./") || strstr(path, "//") ||
	    (n >= 3 && !strcmp(path + n - 3, "/..")) ||
	    (n >= 2 && !strcmp(path + n - 2, "/.")) || path[n - 1] == '/')
		return xk_err(-EINVAL,
			      "pin root '%s' (%s): give it without '.', '..', "
			      "'//' or a trailing '/'",
			      path, from);
	/* The root need not exist yet: the nearest directory of its path
	 * that does must be on a bpffs (xk_pin_root__mkdir makes the rest). */
	snprintf(parent, sizeof(parent), "%s", path);
	do {
		slash = strrchr(parent, '/');
		if (slash == parent)
			slash[1] = 0;
		else
			*slash = 0;
	} while (strcmp(parent, "/") && stat(parent, &st));
	if (!on_bpffs(parent))
		return xk_err(-EINVAL,
			      "pin root '%s' (%s) is not on a bpffs: choose a "
			      "directory under /sys/fs/bpf, or one inside a "
			      "bpffs you mount ('mount -t bpf bpf DIR')",
			      path, from);
	if (!stat(path, &st) && !S_ISDIR(st.st_mode))
		return xk_err(-EINVAL, "pin root '%s' (%s) is not a directory",
			      path, from);
	if (!stat(path, &st) && !on_bpffs(path))
		return xk_err(-EINVAL,
			      "pin root '%s' (%s) is a mount point of another "
			      "file system, not a bpffs",
			      path, from);
	/* the directories other tools keep at the top of the bpffs */
	if (!strncmp(path, "/sys/fs/bpf/", 12)) {
		rest = path + 12;
		n = strcspn(rest, "/");
		if ((n == 2 &&
		     (!strncmp(rest, "tc", 2) || !strncmp(rest, "ip", 2))) ||
		    (n == 3 && !strncmp(rest, "xdp", 3)))
			rest = NULL;
	}
	if (!rest)
		return xk_err(-EINVAL,
			      "pin root '%s' (%s) belongs to iproute2/libxdp: "
			      "choose another directory",
			      path, from);
	return 0;
}

static void read_env(void)
{
	const char *e;

	if (env_read)
		return;
	env_read = 1;
	e = getenv("XDPKIT_PIN_ROOT");
	if (!e || !*e || chosen[0])
		return;
	chosen_err = check(e, "XDPKIT_PIN_ROOT");
	if (!chosen_err)
		snprintf(chosen, sizeof(chosen), "%s", e);
}

const char *xk_pin_root(void)
{
	read_env();
	return chosen[0] ? chosen : XK_PIN_ROOT;
}

int xk_pin_root__check(void)
{
	const char *e = getenv("XDPKIT_PIN_ROOT");

	read_env();
	if (chosen_err && e)
		return check(e, "XDPKIT_PIN_ROOT"); /* the reason, again */
	return 0;
}

int xk_pin_root__mkdir(void)
{
	char p[XK_PIN_ROOT_MAX + 1];
	char *s;

	snprintf(p, sizeof(p), "%s", xk_pin_root());
	for (s = strchr(p + 1, '/');; s = strchr(s + 1, '/')) {
		if (s)
			*s = 0;
		if (mkdir(p, 0700) && errno != EEXIST)
			return -errno;
		if (!s)
			return 0;
		*s = '/';
	}
}

int xk_set_pin_root(const char *path)
{
	int err;

	env_read = 1; /* the program's choice wins over the environment */
	if (!path) {
		chosen[0] = 0;
		chosen_err = 0;
		return 0;
	}
	err = check(path, "--pin-root");
	if (err)
		return err;
	snprintf(chosen, sizeof(chosen), "%s", path);
	chosen_err = 0;
	return 0;
}
