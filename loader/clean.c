// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Reconcile our pins with the kernel after a crash: drop pins whose program
 * is not attached, finish renames a killed replace left, remove an empty
 * clsact we created, and forget interfaces and namespaces that are gone.
 * Attached programs are never touched (that is what detach is for), except
 * one whose owner lease (xdpkit/xsk.h) names a process that is gone.
 */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "internal.h"

static int rm_tree(const char *dir, int *pins)
{
	char path[XK_PIN_MAX + 256];
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (de->d_type == DT_DIR) {
			rm_tree(path, pins);
		} else if (!unlink(path)) {
			(*pins)++;
		}
	}
	closedir(d);
	return rmdir(dir) ? -errno : 0;
}

/* The initial PID namespace's fixed inode (PROC_PID_INIT_INO). */
#define XK_PID_INIT_INO 0xEFFFFFFCULL

/*
 * Does /proc show every process there is? Only in the initial PID
 * namespace: inside a container's, a network namespace held by a process
 * outside it looks unreferenced when it is not.
 */
static bool sees_every_process(void)
{
	struct stat st;

	return !stat("/proc/self/ns/pid", &st) && st.st_ino == XK_PID_INIT_INO;
}

/* Does any fd of process @pid (a /proc entry) hold namespace @ino? */
static bool fd_holds(const char *pid, unsigned long long ino)
{
	char path[300], want[64], link[64];
	struct dirent *de;
	bool held = false;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%s/fd", pid);
	snprintf(want, sizeof(want), "net:[%llu]", ino);
	d = opendir(path);
	if (!d)
		return false;
	while (!held && (de = readdir(d))) {
		ssize_t n;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/fd/%s", pid, de->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n > 0) {
			link[n] = 0;
			held = !strcmp(link, want);
		}
	}
	closedir(d);
	return held;
}

/* Is an nsfs bind mount of namespace @ino in our mount table? */
static bool mount_holds(unsigned long long ino)
{
	char line[1024], want[64];
	bool held = false;
	FILE *f = fopen("/proc/self/mountinfo", "re");

	if (!f)
		return false;
	snprintf(want, sizeof(want), " net:[%llu] ", ino);
	while (!held && fgets(line, sizeof(line), f))
		held = strstr(line, want) && strstr(line, " - nsfs ");
	fclose(f);
	return held;
}

/* Is namespace ino held by a /run/netns or other nsfs bind mount, by a
 * process in it, or by a process's open fd? */
static bool netns_alive(unsigned long long ino)
{
	const char *roots[] = {"/run/netns", "/proc"};
	char path[300];
	struct dirent *de;
	struct stat st;
	int r;

	if (mount_holds(ino))
		return true;
	for (r = 0; r < 2; r++) {
		DIR *d = opendir(roots[r]);

		if (!d)
			continue;
		while ((de = readdir(d))) {
			if (r == 1 &&
			    (de->d_name[0] < '0' || de->d_name[0] > '9'))
				continue;
			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path),
				 r ? "/proc/%s/ns/net" : "/run/netns/%s",
				 de->d_name);
			if ((!stat(path, &st) && st.st_ino == ino) ||
			    (r == 1 && fd_holds(de->d_name, ino))) {
				closedir(d);
				return true;
			}
		}
		closedir(d);
	}
	return false;
}

static int clean_iface(const char *dir, int ifindex, struct xk_clean_opts *o)
{
	struct xk_status *st = NULL;
	struct xk_iface_status *is;
	char ifname[IF_NAMESIZE];
	struct xk_pin pin;
	int i, err;

	if (!if_indextoname(ifindex, ifname)) {
		o->dirs++;
		return rm_tree(dir, &o->pins); /* interface is gone */
	}
	err = xk_status__get_locked(ifindex, &st);
	if (err)
		return err;
	is = &st->ifaces[0];
	o->reaped += xk_lease__reap_locked(ifindex, is);
	for (i = 0; i < is->nstale; i++)
		if (!unlink(is->stale[i]))
			o->pins++;
	for (i = 0; i < is->nprogs; i++) {
		size_t l = strlen(is->progs[i].pin);

		if (l > 4 && !strcmp(is->progs[i].pin + l - 4, "@new")) {
			memset(&pin, 0, sizeof(pin));
			snprintf(pin.path, sizeof(pin.path), "%s",
				 is->progs[i].pin);
			pin.is_new = true;
			xk_pins__finish(&pin);
		}
	}
	if (xk_tc__clsact_release(ifindex, dir) > 0)
		o->qdiscs++;
	xk_status__free(st);
	if (!rmdir(dir))
		o->dirs++;
	return 0;
}

static int clean(struct xk_clean_opts *o)
{
	unsigned long long me = xk_netns_ino();
	char ns[XK_PIN_MAX], sub[XK_PIN_MAX + 256];
	bool all = sees_every_process();
	struct dirent *de, *ie;
	int lock, err = 0, unseen = 0;
	DIR *root, *d;

	o->pins = o->dirs = o->qdiscs = o->skipped = o->reaped = 0;
	o->unseen = 0;
	lock = xk_lock_for_write();
	if (lock < 0)
		return lock;
	root = opendir(xk_pin_root());
	if (!root)
		goto out; /* nothing was ever pinned */
	while ((de = readdir(root))) {
		unsigned long long ino = strtoull(de->d_name, NULL, 10);

		if (de->d_name[0] == '.' || !ino)
			continue;
		snprintf(ns, sizeof(ns), "%s/%s", xk_pin_root(), de->d_name);
		if (ino != me) {
			if (netns_alive(ino)) {
				o->skipped++;
				continue;
			}
			if (!all) {
				/* looks gone, but a process we cannot see may
				 * hold it: never remove a live one's state */
				o->skipped++;
				unseen++;
				continue;
			}
			/* The namespace and its interfaces are gone, and
			 * with them every attach; only pins remain. */
			o->dirs++;
			rm_tree(ns, &o->pins);
			continue;
		}
		d = opendir(ns);
		if (!d)
			continue;
		while ((ie = readdir(d))) {
			if (ie->d_name[0] == '.')
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", ns, ie->d_name);
			err = clean_iface(sub, atoi(ie->d_name), o);
			if (err)
				break;
		}
		closedir(d);
		if (!rmdir(ns))
			o->dirs++;
		if (err)
			break;
	}
	closedir(root);
	rmdir(xk_pin_root());
out:
	o->unseen = unseen;
	xk_unlock(lock);
	return err;
}

int xk_pins__clean(struct xk_clean_opts *opts)
{
	struct xk_clean_opts o;
	int err = XK_OPTS_IN(&o, opts, xk_clean_opts);

	if (err)
		return err;
	err = clean(&o);
	XK_OPTS_OUT(opts, &o);
	return err;
}
