/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * libxdpkit loader: put XDP and TC programs on interfaces, take them off,
 * and see everything that is attached, ours or not.
 *
 * Conventions, messages and options structs: <xdpkit/core.h>.
 *
 * State: whatever must outlive the process is pinned under XK_PIN_ROOT,
 * in <netns inode>/<ifindex>_<ifname>/<hook>@<label>. A program of ours is
 * one whose pinned copy is the one attached; a pin whose program is no
 * longer attached is stale and xk_pins__clean() removes it.
 */
#ifndef XDPKIT_LOADER_H
#define XDPKIT_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <linux/types.h>
#include "xdpkit/core.h"

#ifdef __cplusplus
extern "C" {
#endif
XK_API_BEGIN

#define XK_PIN_MAX 256

/* ---- hooks and modes ---- */
enum xk_hook {
	XK_HOOK_XDP,
	XK_HOOK_TC_INGRESS,
	XK_HOOK_TC_EGRESS,
	XK_HOOK_TCX_INGRESS,
	XK_HOOK_TCX_EGRESS,
	XK_HOOK_MAX,
};
#define XK_HOOK_BIT(h) (1u << (h))
#define XK_HOOKS_ALL   ((1u << XK_HOOK_MAX) - 1)
const char *xk_hook__str(enum xk_hook hook); /* "xdp", "tc ingress", ... */
const char *xk_hook__pin(enum xk_hook hook); /* "xdp", "tc_ingress", ... */
bool xk_hook__is_tc(enum xk_hook hook);	     /* clsact or tcx */

enum xk_xdp_mode {
	XK_XDP_MODE_BEST, /* native, else skb; the result says which */
	XK_XDP_MODE_NATIVE,
	XK_XDP_MODE_SKB,
	XK_XDP_MODE_HW,
};
const char *xk_xdp_mode__str(enum xk_xdp_mode mode);

/* ---- environment ---- */
/* 0 if a usable bpffs is at /sys/fs/bpf; -ENOENT with a reason that says
 * what to do otherwise (e.g. it was hidden by `ip netns exec`). */
int xk_env__check_bpffs(void);
/* true if this kernel has TCX links (probed once). */
bool xk_env__has_tcx(void);
/* How several programs share an XDP hook here, and why (never NULL):
 * libxdp's dispatcher (*supported set true) where freplace loads and
 * libxdp runs programs that change packet data (1.5.5+), else our own
 * tail-call chain (<xdpkit/chain.h>). */
const char *xk_env__multiprog_status(bool *supported);

/* What this kernel and this process can load and attach, found by trying
 * (never from the kernel version): a feature's name, what it is, whether
 * it is available, and what happened -- for a refusal, where it came
 * from (a missing capability, a security policy before the verifier, the
 * verifier's last words, a kernel without it). */
struct xk_feature {
	char name[24];
	char desc[64];
	bool available;
	char why[320];
};
/* Probe them all; with @ifname (may be NULL) the device's own too. Fills
 * up to @n, returns how many. */
int xk_features(const char *ifname, struct xk_feature *out, int n);

/* ---- programs ---- */
struct xk_prog;
struct bpf_object;

struct xk_prog_open_opts {
	size_t sz;
	const char *label; /* short name for pins/status; default basename */
	const char *prog_name; /* pick by function name ... */
	const char *section;   /* ... or by ELF section */
	enum xk_hook hook;     /* without a name: first program fit for it */
	size_t : 0;
};

/* Open an object file or an in-memory ELF (a skeleton's bytes) and pick the
 * program to attach; nothing is loaded into the kernel yet. */
struct xk_prog *xk_prog__open_file(const char *path,
				   const struct xk_prog_open_opts *opts);
struct xk_prog *xk_prog__open_mem(const void *buf, size_t size,
				  const struct xk_prog_open_opts *opts);
/* Load the picked program (and only it) into the kernel. */
int xk_prog__load(struct xk_prog *prog);
int xk_prog__fd(const struct xk_prog *prog);
const char *xk_prog__name(const struct xk_prog *prog);
const char *xk_prog__label(const struct xk_prog *prog);
struct bpf_object *xk_prog__object(const struct xk_prog *prog);
void xk_prog__close(struct xk_prog *prog);

/* Sum a loaded program's per-CPU `xk_counters` array (our shipped programs
 * have one): fills up to max values, returns how many, -ENOENT if none. */
int xk_prog__counters(__u32 prog_id, __u64 *vals, int max);

/* ---- chains ---- */
/* The label of a chain's root program in pins and status. */
#define XK_CHAIN_LABEL "chain"
/* Where a program opened from memory (xk_prog__open_mem) comes from
 * again, by its label, when a chain has to load it for a new place:
 * NULL if unknown. xdpctl gives the ELF of the programs it ships. */
typedef const void *(*xk_prog_source_fn)(const char *label, size_t *size);
void xk_prog__set_source(xk_prog_source_fn fn);
/* Packets a chain member gave each verdict, XDP_ABORTED..XDP_REDIRECT
 * (XK_CHAIN_NSTATS values), summed over the CPUs. */
int xk_chain__counts(__u32 prog_id, __u64 *vals);

/* ---- attach ---- */
struct xk_xdp_opts {
	size_t sz;
	enum xk_xdp_mode mode;
	bool replace;		    /* may replace a program that is not ours */
	enum xk_xdp_mode mode_used; /* out: what best turned into */
	__u32 prog_id;		    /* out */
	__u32 replaced_id;	    /* out: program we replaced, or 0 */
	bool replaced_foreign;	    /* out */
	/* may replace the steering program of a running stack (its owner
	 * lease names a live process), which then stops */
	bool force;
	/* Join the programs of ours already on the hook (a chain, see
	 * <xdpkit/chain.h>) instead of replacing them; one with the same
	 * label is replaced in its place. */
	bool chain;
	__u32 priority;	 /* the order in the chain, lowest first; 0: 50 */
	__u32 chain_on;	 /* bit (1 << XDP_*): continue on it; 0: XDP_PASS */
	__u32 chain_pos; /* out: 1-based place in the chain, 0: alone */
	__u32 chain_len; /* out: programs in the chain */
	__u32 chain_replaced; /* out: the member replaced, or 0 */
	size_t : 0;
};
/* Attach (loading if needed). Our own program on the hook is replaced
 * atomically, or with .chain joined (a different label) or replaced in
 * its place (the same label); a foreign one only with .replace, else
 * -EEXIST. */
int xk_xdp__attach(int ifindex, struct xk_prog *prog, struct xk_xdp_opts *opts);

struct xk_tc_opts {
	size_t sz;
	enum xk_hook hook; /* XK_HOOK_TC_* (clsact) or XK_HOOK_TCX_* */
	__u32 prog_id;	   /* out */
	__u32 handle;	   /* out: clsact filter handle */
	__u32 priority;	   /* out: clsact filter priority */
	__u32 replaced_id; /* out: our previous program on the hook, or 0 */
	size_t : 0;
};
/* Add our program to the hook next to anybody else's; our own previous one
 * on the same hook is replaced atomically. */
int xk_tc__attach(int ifindex, struct xk_prog *prog, struct xk_tc_opts *opts);

/* ---- detach ---- */
struct xk_detach_opts {
	size_t sz;
	unsigned int hooks; /* XK_HOOK_BIT mask; 0 = every hook */
	const char *prog;   /* only this label or program name; NULL = any */
	int detached;	    /* out: how many programs came off */
	bool force;	    /* also a running stack's steering program */
	size_t : 0;
};
/* Remove programs of ours (never anybody else's) and their pins; removes
 * the clsact qdisc only if we created it and it is now empty.
 * -ENOENT if nothing of ours matched. */
int xk_iface__detach(int ifindex, struct xk_detach_opts *opts);

/* ---- status ---- */
enum xk_owner { XK_OWNER_FOREIGN, XK_OWNER_XDPKIT };

struct xk_prog_status {
	enum xk_hook hook;
	enum xk_xdp_mode mode; /* XDP: native, skb or hw */
	__u32 id;
	/* The program's function name from its BTF, in full; the kernel's
	 * name (15 characters at most) where it has no BTF. */
	char name[128];
	char tag[17];
	char type[24]; /* "xdp", "sched_cls", ... */
	enum xk_owner owner;
	char pin[XK_PIN_MAX];	/* our pin, "" for foreign programs */
	char label[64];		/* our label, "" for foreign programs */
	__u32 handle, priority; /* clsact filters */
	/* XDP chain members (listed after their root, label "chain"): the
	 * 1-based place, priority and chain-call set; 0 for the rest */
	__u32 chain_pos, chain_prio, chain_on;
};

struct xk_iface_status {
	int ifindex;
	char name[16];
	int nprogs;
	struct xk_prog_status *progs;
	int nstale; /* pins of ours whose program is not attached */
	char (*stale)[XK_PIN_MAX];
	bool clsact_ours; /* we created this interface's clsact qdisc */
};

struct xk_status {
	__u64 netns_ino;
	bool bpffs; /* false: ownership unknown (no pins visible) */
	bool tcx;
	int nifaces;
	struct xk_iface_status *ifaces;
};

/* Everything attached to ifindex (0: every interface) in this netns. */
int xk_iface__status(int ifindex, struct xk_status **out);
void xk_status__free(struct xk_status *st);

/* ---- repair ---- */
struct xk_clean_opts {
	size_t sz;
	int pins;    /* out: stale pins removed */
	int dirs;    /* out: empty state directories removed */
	int qdiscs;  /* out: empty clsact qdiscs of ours removed */
	int skipped; /* out: state of another live netns left alone */
	int reaped;  /* out: programs detached: their owner process is gone */
	/* out: of skipped, namespaces that may be gone but cannot be seen
	 * to be from here: clean runs inside a PID namespace, which does not
	 * show every process that may hold a network namespace */
	int unseen;
	size_t : 0;
};
/* Reconcile pins with what is attached: finish or roll back what a killed
 * xdpctl left, drop state of interfaces and namespaces that are gone.
 * Never detaches an attached program, except one whose owner lease
 * (xdpkit/xsk.h: a stack's steering program) names a dead process. */
int xk_pins__clean(struct xk_clean_opts *opts);

XK_API_END
#ifdef __cplusplus
}
#endif
#endif /* XDPKIT_LOADER_H */
