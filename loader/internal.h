/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Private glue shared by the loader's files; nothing here is ABI. */
#ifndef XK_LOADER_INTERNAL_H
#define XK_LOADER_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include "xdpkit/loader.h"
#include "../core/core.h" /* the log, options by size */
#include <xdpkit/chain.h>

#define XK_BPFFS	 "/sys/fs/bpf"
#define XK_LOCK_DIR	 XK_BPFFS "/xdp" /* libxdp's lock directory */
#define XK_MARKER_CLSACT "clsact"	 /* pinned map: we created clsact */

/* prog.c: an opened (maybe loaded) program */
struct xk_prog {
	struct bpf_object *obj;
	struct bpf_program *prog;
	char label[64];
	char src[256]; /* realpath of the file, or the label (from_mem) */
	bool from_mem;
	bool loaded;
};
struct bpf_program *xk_prog__bpf(const struct xk_prog *xp);

/* -EBUSY with a message if @p (on @ifname) is the steering program of a
 * running stack other than this process (xsk_lease.c). */
int xk_lease__busy(const char *ifname, const struct xk_prog_status *p);

/* lock.c: flock on libxdp's bpffs directory, so xdp-loader serializes too */
int xk_lock(bool exclusive);
int xk_lock_for_write(void);
void xk_unlock(int fd);

/* nl.c: rtnetlink dumps libbpf does not offer */
struct xk_nl_link {
	int ifindex;
	char name[16];
	__u8 xdp_attached; /* XDP_ATTACHED_* */
	__u32 xdp_id, drv_id, skb_id, hw_id;
};
struct xk_nl_filter {
	__u32 handle, prio, prog_id;
};
/* ifindex 0: every link. Returns the count, *out malloc'ed. */
int xk_nl__links(int ifindex, struct xk_nl_link **out);
int xk_nl__filters(int ifindex, bool egress, struct xk_nl_filter **out);
/* 1 if the interface has a clsact qdisc, 0 if not. */
int xk_nl__has_clsact(int ifindex);

/* tcx.c: raw bpf() for TCX, which libbpf 1.1 does not wrap */
int xk_tcx__query(int ifindex, enum xk_hook hook, __u32 *ids, __u32 *cnt);
int xk_tcx__link_create(int prog_fd, int ifindex, enum xk_hook hook);
int xk_tcx__link_update(int link_fd, int prog_fd);

/* pins.c */
struct xk_pin {
	char path[XK_PIN_MAX];
	char label[64];
	enum xk_hook hook;
	bool is_new;	  /* "@new": mid-replace, rename pending */
	bool is_marker;	  /* the clsact marker */
	bool is_link;	  /* a pinned bpf_link (TCX) */
	bool is_chainmap; /* "chainmap@ID": a chain's program array */
	__u32 map_id;	  /* its id */
	__u32 prog_id;	  /* program (the link's program for links) */
};
__u64 xk_netns_ino(void);
/* Directory of ifindex's state in this netns; create it if asked. */
int xk_pins__ifdir(int ifindex, const char *ifname, bool create, char *buf,
		   size_t sz);
int xk_pins__list(const char *dir, struct xk_pin **out);
int xk_pins__path(char *buf, size_t sz, const char *dir, enum xk_hook hook,
		  const char *label, bool is_new);
void xk_pins__rmdir_if_empty(const char *dir);
/* Move a mid-replace "@new" pin to its final name. */
int xk_pins__finish(const struct xk_pin *pin);

/* status.c */
int xk_prog_info(__u32 id, struct xk_prog_status *ps);

/* probe.c: 1 if an freplace (EXT) program loads and attaches here; 0 with
 * where the refusal came from in @why. */
int xk_probe__freplace(char *why, size_t sz);
/* env.c: 1 if libxdp's dispatcher is the multi-program backend here, 0
 * for our chain; @msg says which and why. */
int xk__multiprog_dispatcher(char *msg, size_t sz);
/* chain.c: attach through libxdp's dispatcher (lock held) */
int xk__dispatcher_attach(int ifindex, const char *ifname, struct xk_prog *xp,
			  enum xk_xdp_mode mode, struct xk_xdp_opts *o);
/* xk_iface__status for callers that already hold the exclusive lock. */
int xk_status__get_locked(int ifindex, struct xk_status **out);
/* How every change of a hook starts: the interface's name (@ifname has
 * IF_NAMESIZE bytes), the write lock, its state read under the lock.
 * Returns the lock fd with *st filled, or a negative errno with nothing
 * held. */
int xk__write_begin(int ifindex, char *ifname, struct xk_status **st);
/* How every attach starts: take the write lock, load the program and read
 * the interface's state under the lock. Returns the lock fd with *st
 * filled, or a negative errno with nothing held. */
int xk_attach__begin(int ifindex, struct xk_prog *prog, struct xk_status **st);
/* Our programs on one hook of an interface status (NULL if none). */
struct xk_prog_status *xk_status__ours(struct xk_iface_status *is,
				       enum xk_hook hook);

/* xsk_lease.c: detach our XDP programs whose owner process is gone */
int xk_lease__reap_locked(int ifindex, struct xk_iface_status *is);

/* chain.c */
struct xk_chain_cfg;
struct xk_chain_entry {
	__u32 id;
	struct xk_chain_cfg cfg;
};
/* The members of the chain whose root is @root_id, in order. */
int xk__chain_read(__u32 root_id, struct xk_chain_entry *out, int max);
/* Add @xp to the programs of ours on the XDP hook (@cur: the lone one or
 * the chain's root), or replace the member with its label; lock held. */
int xk__chain_add(int ifindex, const char *ifname, struct xk_iface_status *is,
		  const struct xk_prog_status *cur, struct xk_prog *xp,
		  struct xk_xdp_opts *o);
/* 1 if program @prog_id uses map @map_id. */
bool xk__prog_uses_map(__u32 prog_id, __u32 map_id);
#define XK_CHAINMAP_PIN "chainmap@"
/* After the root came off: the chain's arrays go, after a grace period. */
void xk__chainmaps_unpin(int ifindex, const char *ifname);
/* Take member @label out (-ENOENT: none such; -EINVAL: the last one). */
int xk__chain_remove(int ifindex, const char *ifname,
		     struct xk_iface_status *is,
		     const struct xk_prog_status *cur, const char *label);

/* xdp.c: pin @prog_fd as xdp@@label and attach it in place of @cur (NULL:
 * the hook is empty) in @mode; fills o->prog_id, mode_used, replaced_*. */
int xk_xdp__put(int ifindex, const char *ifname, int prog_fd, const char *label,
		const struct xk_prog_status *cur, enum xk_xdp_mode mode,
		struct xk_xdp_opts *o);

/* tc.c */
int xk_tc__clsact_release(int ifindex, const char *dir);

#endif
