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

/* Is some process or /run/netns bind mount still in namespace ino? */
static bool netns_alive(unsigned long long ino)
{
	const char *roots[] = {"/run/netns", "/proc"};
	char path[300];
	struct dirent *de;
	struct stat st;
	int r;

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
			if (!stat(path, &st) && st.st_ino == ino) {
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

int xk_pins__clean(struct xk_clean_opts *o)
{
	XK_OPTS(xk_clean_opts, defaults);
	unsigned long long me = xk_netns_ino();
	char ns[XK_PIN_MAX], sub[XK_PIN_MAX + 256];
	struct dirent *de, *ie;
	int lock, err = 0;
	DIR *root, *d;

	if (!o)
		o = &defaults;
	o->pins = o->dirs = o->qdiscs = o->skipped = o->reaped = 0;
	lock = xk_lock_for_write();
	if (lock < 0)
		return lock;
	root = opendir(XK_PIN_ROOT);
	if (!root)
		goto out; /* nothing was ever pinned */
	while ((de = readdir(root))) {
		unsigned long long ino = strtoull(de->d_name, NULL, 10);

		if (de->d_name[0] == '.' || !ino)
			continue;
		snprintf(ns, sizeof(ns), XK_PIN_ROOT "/%s", de->d_name);
		if (ino != me) {
			if (netns_alive(ino)) {
				o->skipped++;
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
	rmdir(XK_PIN_ROOT);
out:
	xk_unlock(lock);
	return err;
}
