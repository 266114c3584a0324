// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * What this kernel and this process can load, found by trying: a program
 * of the kind is loaded (and attached where that is the question) and the
 * answer says where a refusal came from. Nothing is assumed from the
 * kernel version: a security policy may refuse what the kernel has.
 *
 * freplace is tried the way libxdp checks before using its dispatcher: a
 * target XDP program with BTF (one global function), an EXT program
 * replacing that function, and the link between them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "internal.h"

/* r0 = @ret; exit */
#define RET(r)                                                                 \
	{                                                                      \
		{.code = BPF_ALU64 | BPF_MOV | BPF_K,                          \
		 .dst_reg = 0,                                                 \
		 .imm = (r)},                                                  \
		{                                                              \
			.code = BPF_JMP | BPF_EXIT                             \
		}                                                              \
	}

/* BTF of one global function int xk_probe(struct xdp_md *ctx). */
static int probe_btf(__u32 *func_id)
{
	const void *raw;
	struct btf *btf;
	int i, s, p, fp, f, fd;
	__u32 sz;

	btf = btf__new_empty();
	if (!btf)
		return -ENOMEM;
	i = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	s = btf__add_struct(btf, "xdp_md", 0);
	p = btf__add_ptr(btf, s);
	/* the parameters follow their prototype directly */
	fp = btf__add_func_proto(btf, i);
	if (i < 0 || s < 0 || p < 0 || fp < 0 ||
	    btf__add_func_param(btf, "ctx", p) ||
	    (f = btf__add_func(btf, "xk_probe", BTF_FUNC_GLOBAL, fp)) < 0) {
		btf__free(btf);
		return -ENOMEM;
	}
	*func_id = f;
	raw = btf__raw_data(btf, &sz);
	fd = raw ? bpf_btf_load(raw, sz, NULL) : -ENOMEM;
	if (fd < 0)
		fd = -errno;
	btf__free(btf);
	return fd;
}

static bool has_caps(void)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];
	__u64 eff;

	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d))
		return true; /* cannot tell */
	eff = d[0].effective | (__u64)d[1].effective << 32;
	return (eff & (1ULL << CAP_SYS_ADMIN)) ||
	       ((eff & (1ULL << 39 /* CAP_BPF */)) &&
		(eff & (1ULL << 38 /* CAP_PERFMON */)));
}

/* Where a refused load came from, from its errno and verifier log. */
static void refusal(int err, const char *log, char *why, size_t sz)
{
	const char *end, *line;
	size_t n;

	if (log && *log) {
		/* the verifier ran: its last non-empty line says why */
		end = log + strlen(log);
		while (end > log && end[-1] == '\n')
			end--;
		for (line = end; line > log && line[-1] != '\n'; line--)
			;
		n = end - line;
		snprintf(why, sz, "the verifier rejects it: %.*s", (int)n,
			 line);
	} else if ((err == EPERM || err == EACCES) && !has_caps()) {
		snprintf(why, sz,
			 "%s: this process lacks CAP_BPF and CAP_PERFMON (or "
			 "CAP_SYS_ADMIN)",
			 strerror(err));
	} else if (err == EPERM || err == EACCES) {
		snprintf(why, sz,
			 "%s before the verifier ran, though this process has "
			 "the capabilities: a security policy (LSM, seccomp) "
			 "refuses it, not the kernel",
			 strerror(err));
	} else if (err == EINVAL || err == EOPNOTSUPP ||
		   err == 524 /* ENOTSUPP */) {
		snprintf(why, sz, "%s: this kernel does not have it",
			 strerror(err));
	} else {
		snprintf(why, sz, "%s", strerror(err));
	}
}

int xk_probe__freplace(char *why, size_t sz)
{
	static const struct bpf_insn ret_pass[] = RET(2);
	char log[1024];
	__u32 fid = 0;
	int btf_fd, tgt = -1, ext = -1, link = -1, ret = 0;

	btf_fd = probe_btf(&fid);
	if (btf_fd < 0) {
		refusal(-btf_fd, NULL, why, sz);
		return 0;
	}
	struct bpf_func_info fi = {.insn_off = 0, .type_id = fid};
	LIBBPF_OPTS(bpf_prog_load_opts, o, .prog_btf_fd = btf_fd,
		    .func_info = &fi, .func_info_cnt = 1,
		    .func_info_rec_size = sizeof(fi));
	tgt = bpf_prog_load(BPF_PROG_TYPE_XDP, "xk_probe", "GPL", ret_pass, 2,
			    &o);
	if (tgt < 0) {
		snprintf(why, sz, "the target XDP program does not load: %s",
			 strerror(errno));
		goto out;
	}
	log[0] = 0;
	o.attach_prog_fd = tgt;
	o.attach_btf_id = fid;
	o.log_buf = log;
	o.log_size = sizeof(log);
	o.log_level = 1;
	ext = bpf_prog_load(BPF_PROG_TYPE_EXT, "xk_probe", "GPL", ret_pass, 2,
			    &o);
	if (ext < 0) {
		refusal(errno, log, why, sz);
		goto out;
	}
	LIBBPF_OPTS(bpf_link_create_opts, lo, .target_btf_id = fid);
	link = bpf_link_create(ext, tgt, 0, &lo);
	if (link < 0) {
		snprintf(why, sz,
			 "an EXT program loads, but the kernel "
			 "refuses to attach it: %s",
			 strerror(errno));
		goto out;
	}
	ret = 1;
	snprintf(why, sz, "an EXT program loads and attaches");
out:
	if (link >= 0)
		close(link);
	if (ext >= 0)
		close(ext);
	if (tgt >= 0)
		close(tgt);
	close(btf_fd);
	return ret;
}
