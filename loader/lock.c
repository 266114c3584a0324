// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Serialize with other xdpctl runs and with libxdp users (xdp-loader): libxdp
 * takes flock(LOCK_EX) on its bpffs state directory, /sys/fs/bpf/xdp, so we
 * take the same lock. Readers (status) take it shared so they never see a
 * half-done attach.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

int xk_lock(bool exclusive)
{
	int fd;

	fd = open(XK_LOCK_DIR, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		if (mkdir(XK_LOCK_DIR, S_IRWXU) && errno != EEXIST)
			return xk_err(-errno, "cannot create %s: %m",
				      XK_LOCK_DIR);
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
