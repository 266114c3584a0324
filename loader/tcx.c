// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * TCX (kernel 6.6+) through the raw bpf() syscall: libbpf 1.1 and Debian's
 * 6.1 UAPI headers predate it, so the constants and the attr layouts we use
 * are spelled out here.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include "internal.h"

#define XK_BPF_TCX_INGRESS 46 /* enum bpf_attach_type, 6.6+ */
#define XK_BPF_TCX_EGRESS  47

/* The BPF_PROG_QUERY and BPF_LINK_CREATE/UPDATE members of union bpf_attr
 * as of 6.6; the kernel accepts any size up to its own. */
union xk_attr {
	struct {
		__u32 target_ifindex;
		__u32 attach_type;
		__u32 query_flags;
		__u32 attach_flags;
		__aligned_u64 prog_ids;
		__u32 count;
		__u32 : 32;
		__aligned_u64 prog_attach_flags;
		__aligned_u64 link_ids;
		__aligned_u64 link_attach_flags;
		__u64 revision;
	} query;
	struct {
		__u32 prog_fd;
		__u32 target_ifindex;
		__u32 attach_type;
		__u32 flags;
		__u32 relative_fd;
		__u32 : 32;
		__u64 expected_revision;
	} link_create;
	struct {
		__u32 link_fd;
		__u32 new_prog_fd;
		__u32 flags;
		__u32 old_prog_fd;
	} link_update;
};

static int sys_bpf(int cmd, union xk_attr *attr)
{
	long ret = syscall(__NR_bpf, cmd, attr, sizeof(*attr));

	return ret < 0 ? -errno : (int)ret;
}

static __u32 tcx_type(enum xk_hook hook)
{
	return hook == XK_HOOK_TCX_EGRESS ? XK_BPF_TCX_EGRESS
					  : XK_BPF_TCX_INGRESS;
}

int xk_tcx__query(int ifindex, enum xk_hook hook, __u32 *ids, __u32 *cnt)
{
	union xk_attr a;
	int err;

	memset(&a, 0, sizeof(a));
	a.query.target_ifindex = ifindex;
	a.query.attach_type = tcx_type(hook);
	a.query.prog_ids = (__u64)(unsigned long)ids;
	a.query.count = *cnt;
	err = sys_bpf(BPF_PROG_QUERY, &a);
	*cnt = err ? 0 : a.query.count;
	return err;
}

int xk_tcx__link_create(int prog_fd, int ifindex, enum xk_hook hook)
{
	union xk_attr a;

	memset(&a, 0, sizeof(a));
	a.link_create.prog_fd = prog_fd;
	a.link_create.target_ifindex = ifindex;
	a.link_create.attach_type = tcx_type(hook);
	return sys_bpf(BPF_LINK_CREATE, &a);
}

int xk_tcx__link_update(int link_fd, int prog_fd)
{
	union xk_attr a;

	memset(&a, 0, sizeof(a));
	a.link_update.link_fd = link_fd;
	a.link_update.new_prog_fd = prog_fd;
	return sys_bpf(BPF_LINK_UPDATE, &a);
}

bool xk_env__has_tcx(void)
{
	static int has = -1;
	__u32 ids[1], cnt = 1;

	/* Kernels without TCX reject the attach type with EINVAL. */
	if (has < 0)
		has = xk_tcx__query(1, XK_HOOK_TCX_INGRESS, ids, &cnt) !=
		      -EINVAL;
	return has;
}
