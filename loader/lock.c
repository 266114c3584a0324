// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Serialize with other xdpctl runs and with libxdp users (xdp-loader): libxdp
 * takes flock(LOCK_EX) on its bpffs state directory, /sys/fs/bpf/xdp, so we
 * take the same lock. Readers (status) take it shared so they never see a
 * half-done attach.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

/*
 * Make @dir exist. iproute2 makes /sys/fs/bpf/xdp a symlink to tc/; if
 * someone removed tc/, the link dangles and mkdir says EEXIST while open
 * says ENOENT. Recreate the link's target, as tc itself would, when it is
 * a plain name or a path on the same bpffs: never follow a link elsewhere.
 */
static int lock_dir_make(const char *dir)
{
	char target[PATH_MAX], path[PATH_MAX];
	ssize_t n;

	if (!mkdir(dir, S_IRWXU) || errno != EEXIST)
		return errno == EEXIST ? 0 : -errno;
	n = readlink(dir, target, sizeof(target) - 1);
	if (n <= 0)
		return 0; /* a directory that appeared meanwhile */
	target[n] = 0;
	if (target[0] == '/')
		snprintf(path, sizeof(path), "%s", target);
	else
		snprintf(path, sizeof(path), "%s/%s", XK_BPFFS, target);
	if (strncmp(path, XK_BPFFS "/", strlen(XK_BPFFS) + 1) ||
	    strstr(path, ".."))
		return -ENOENT;
	if (mkdir(path, S_IRWXU) && errno != EEXIST)
		return -errno;
	return 0;
}

int xk_lock(bool exclusive)
{
	int fd, err;

	fd = open(XK_LOCK_DIR, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		err = lock_dir_make(XK_LOCK_DIR);
		if (err)
			return xk_err(err, "cannot create %s: %s", XK_LOCK_DIR,
				      strerror(-err));
		fd = open(XK_LOCK_DIR, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return xk_err(-errno, "cannot open lock directory %s: %m",
			      XK_LOCK_DIR);
	while (flock(fd, exclusive ? LOCK_EX : LOCK_SH)) {
		if (errno == EINTR)
			continue;
		close(fd);
		return xk_err(-errno, "cannot lock %s: %m", XK_LOCK_DIR);
	}
	return fd;
}

/* What every command that changes state starts with: a bpffs for the pins
 * and the exclusive lock. Returns the lock fd or a negative errno. */
int xk_lock_for_write(void)
{
	int err = xk_env__check_bpffs();

	return err ? err : xk_lock(true);
}

void xk_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* closing drops the flock */
}
