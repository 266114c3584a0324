// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Pin layout: <pin root>/<netns inode>/<ifindex>_<ifname>/<hook>@<label>.
 * The netns inode + ifindex key keeps one ifname in two namespaces apart;
 * the name is only for humans (lookups go by the "<ifindex>_" prefix, so a
 * renamed interface keeps its state). "@new" marks the new program of a
 * replace that has not been renamed into place yet.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#include "internal.h"

__u64 xk_netns_ino(void)
{
	struct stat st;

	return stat("/proc/self/ns/net", &st) ? 0 : st.st_ino;
}

static int mkdir_p(const char *path)
{
	if (mkdir(path, S_IRWXU) && errno != EEXIST)
		return -errno;
	return 0;
}

int xk_pins__ifdir(int ifindex, const char *ifname, bool create, char *buf,
		   size_t sz)
{
	char ns[XK_PIN_MAX], pfx[24];
	struct dirent *de;
	DIR *d;
	int err;

	snprintf(ns, sizeof(ns), "%s/%llu", xk_pin_root(),
		 (unsigned long long)xk_netns_ino());
	snprintf(pfx, sizeof(pfx), "%d_", ifindex);
	d = opendir(ns);
	if (d) {
		while ((de = readdir(d))) {
			if (!strncmp(de->d_name, pfx, strlen(pfx))) {
				snprintf(buf, sz, "%s/%s", ns, de->d_name);
				closedir(d);
				return 0;
			}
		}
		closedir(d);
	}
	if (!create)
		return -ENOENT;
	if ((err = xk_pin_root__mkdir()) || (err = mkdir_p(ns)))
		return xk_err(err, "cannot create %s: %s", ns, strerror(-err));
	snprintf(buf, sz, "%s/%d_%s", ns, ifindex, ifname ? ifname : "");
	if ((err = mkdir_p(buf)))
		return xk_err(err, "cannot create %s: %s", buf, strerror(-err));
	return 0;
}

int xk_pins__path(char *buf, size_t sz, const char *dir, enum xk_hook hook,
		  const char *label, bool is_new)
{
	int n = snprintf(buf, sz, "%s/%s@%s%s", dir, xk_hook__pin(hook), label,
			 is_new ? "@new" : "");

	return n < 0 || (size_t)n >= sz ? -ENAMETOOLONG : 0;
}

static int parse_name(const char *name, struct xk_pin *p)
{
	const char *at = strchr(name, '@');
	size_t hl;
	int h;

	if (!strcmp(name, XK_MARKER_CLSACT)) {
		p->is_marker = true;
		return 0;
	}
	if (!strncmp(name, XK_CHAINMAP_PIN, strlen(XK_CHAINMAP_PIN))) {
		p->is_chainmap = true;
		p->hook = XK_HOOK_XDP;
		return 0;
	}
	if (!at)
		return -EINVAL;
	hl = at - name;
	for (h = 0; h < XK_HOOK_MAX; h++)
		if (strlen(xk_hook__pin(h)) == hl &&
		    !strncmp(name, xk_hook__pin(h), hl))
			break;
	if (h == XK_HOOK_MAX)
		return -EINVAL;
	p->hook = h;
	snprintf(p->label, sizeof(p->label), "%s", at + 1);
	if (strlen(p->label) > 4 &&
	    !strcmp(p->label + strlen(p->label) - 4, "@new")) {
		p->label[strlen(p->label) - 4] = 0;
		p->is_new = true;
	}
	return 0;
}

/* Fill prog_id from the pinned object (a link's program for links). A pin
 * we cannot open keeps prog_id 0 and so counts as stale. */
static void read_pin(struct xk_pin *p)
{
	struct bpf_prog_info pi;
	struct bpf_link_info li;
	__u32 len;
	int fd;

	if (p->is_marker)
		return;
	fd = bpf_obj_get(p->path);
	if (fd < 0)
		return;
	if (p->is_chainmap) {
		struct bpf_map_info mi;

		memset(&mi, 0, sizeof(mi));
		len = sizeof(mi);
		if (!bpf_obj_get_info_by_fd(fd, &mi, &len))
			p->map_id = mi.id;
		close(fd);
		return;
	}
	memset(&pi, 0, sizeof(pi));
	len = sizeof(pi);
	if (xk_hook__is_tc(p->hook) && p->hook >= XK_HOOK_TCX_INGRESS) {
		memset(&li, 0, sizeof(li));
		len = sizeof(li);
		if (!bpf_obj_get_info_by_fd(fd, &li, &len)) {
			p->is_link = true;
			/* A TCX link (type 11) whose device is gone is
			 * detached (ifindex 0); its info starts like XDP's. */
			if (li.type != 11 || li.xdp.ifindex)
				p->prog_id = li.prog_id;
		}
	} else if (!bpf_obj_get_info_by_fd(fd, &pi, &len)) {
		p->prog_id = pi.id;
	}
	close(fd);
}

int xk_pins__list(const char *dir, struct xk_pin **out)
{
	struct xk_pin *v = NULL, *p;
	struct dirent *de;
	int n = 0;
	DIR *d;

	*out = NULL;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		p = realloc(v, (n + 1) * sizeof(*v));
		if (!p) {
			closedir(d);
			free(v);
			return -ENOMEM;
		}
		v = p;
		p = &v[n];
		memset(p, 0, sizeof(*p));
		snprintf(p->path, sizeof(p->path), "%s/%s", dir, de->d_name);
		if (parse_name(de->d_name, p)) {
			/* Not a name we make: leave it alone, never count it.
			 */
			continue;
		}
		read_pin(p);
		n++;
	}
	closedir(d);
	*out = v;
	return n;
}

void xk_pins__rmdir_if_empty(const char *dir)
{
	char ns[XK_PIN_MAX], *slash;

	if (rmdir(dir))
		return;
	snprintf(ns, sizeof(ns), "%s", dir);
	slash = strrchr(ns, '/');
	if (slash) {
		*slash = 0;
		/* the netns level and the root, if those were the last;
		 * safe because every writer holds the exclusive lock */
		if (!rmdir(ns))
			rmdir(xk_pin_root());
	}
}

int xk_pins__finish(const struct xk_pin *pin)
{
	char final[XK_PIN_MAX];
	size_t l = strlen(pin->path);

	if (!pin->is_new || l < 4)
		return 0;
	snprintf(final, sizeof(final), "%.*s", (int)(l - 4), pin->path);
	return rename(pin->path, final) ? -errno : 0;
}
