// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * What this kernel and this process can load, found by trying: a program
 * of the kind is loaded (and attached where that is the question) and the
 * answer says where a refusal came from. Nothing is assumed from the
 * kernel version: a security policy may refuse what the kernel has.
 *
 * freplace is tried the way libxdp checks before using its dispatcher: a
 * target XDP program with BTF (one global function), an EXT program
 * replacing that function, and the link between them. fentry attaches to
 * the same kind of target; tp_btf to xdp:xdp_exception; kprobe to
 * do_nanosleep; live frames run one XDP_DROP frame on lo; AF_XDP
 * multi-buffer binds a socket on the device given.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <linux/if_xdp.h>
#include <linux/perf_event.h>
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
		/* the verifier ran: its last non-empty line says why, but
		 * for its statistics ("processed N insns ...") */
		end = log + strlen(log);
		for (;;) {
			while (end > log && end[-1] == '\n')
				end--;
			for (line = end; line > log && line[-1] != '\n'; line--)
				;
			if (line == log ||
			    (strncmp(line, "processed ", 10) &&
			     strncmp(line, "verification time", 17)))
				break;
			end = line;
		}
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

/* A target XDP program with one global function in BTF: *fid its id. */
static int probe_target(int *btf_fd, __u32 *fid)
{
	static const struct bpf_insn ret_pass[] = RET(2);
	struct bpf_func_info fi = {.insn_off = 0};
	int fd;

	*btf_fd = probe_btf(fid);
	if (*btf_fd < 0)
		return *btf_fd;
	fi.type_id = *fid;
	LIBBPF_OPTS(bpf_prog_load_opts, o, .prog_btf_fd = *btf_fd,
		    .func_info = &fi, .func_info_cnt = 1,
		    .func_info_rec_size = sizeof(fi));
	fd = bpf_prog_load(BPF_PROG_TYPE_XDP, "xk_probe", "GPL", ret_pass, 2,
			   &o);
	if (fd < 0) {
		fd = -errno;
		close(*btf_fd);
	}
	return fd;
}

/* Load @type with @o (a verifier log is set here), then attach with
 * @attach (NULL: loading is the question). 1, or 0 and @why. */
static int load_attach(enum bpf_prog_type type, struct bpf_prog_load_opts *o,
		       int (*attach)(int fd, void *arg), void *arg, char *why,
		       size_t sz)
{
	static const struct bpf_insn ret0[] = RET(0);
	char log[1024] = "";
	int fd, link, err;

	o->log_buf = log;
	o->log_size = sizeof(log);
	o->log_level = 1;
	fd = bpf_prog_load(type, "xk_probe", "GPL", ret0, 2, o);
	if (fd < 0) {
		refusal(errno, log, why, sz);
		return 0;
	}
	if (!attach) {
		close(fd);
		snprintf(why, sz, "loads");
		return 1;
	}
	link = attach(fd, arg);
	if (link < 0) {
		err = -link;
		snprintf(why, sz, "loads, but the attach is refused: %s",
			 strerror(err));
		close(fd);
		return 0;
	}
	close(link);
	close(fd);
	snprintf(why, sz, "loads and attaches");
	return 1;
}

static int attach_tracing(int fd, void *arg)
{
	int link = bpf_link_create(fd, 0, *(enum bpf_attach_type *)arg, NULL);

	if (link < 0 && errno == EINVAL) /* before link_create knew it */
		link = bpf_raw_tracepoint_open(NULL, fd);
	return link < 0 ? -errno : link;
}

static int probe_fentry(const char *ifname, char *why, size_t sz)
{
	enum bpf_attach_type at = BPF_TRACE_FENTRY;
	int btf_fd, tgt, ok;
	__u32 fid;

	(void)ifname;
	tgt = probe_target(&btf_fd, &fid);
	if (tgt < 0) {
		snprintf(why, sz, "the target XDP program does not load: %s",
			 strerror(-tgt));
		return 0;
	}
	LIBBPF_OPTS(bpf_prog_load_opts, o, .expected_attach_type = at,
		    .attach_prog_fd = tgt, .attach_btf_id = fid);
	ok = load_attach(BPF_PROG_TYPE_TRACING, &o, attach_tracing, &at, why,
			 sz);
	close(tgt);
	close(btf_fd);
	return ok;
}

static int probe_tp_btf(const char *ifname, char *why, size_t sz)
{
	enum bpf_attach_type at = BPF_TRACE_RAW_TP;
	struct btf *vm = btf__load_vmlinux_btf();
	int id, ok;

	(void)ifname;
	if (!vm) {
		snprintf(why, sz, "no kernel BTF (/sys/kernel/btf/vmlinux)");
		return 0;
	}
	id = btf__find_by_name_kind(vm, "btf_trace_xdp_exception",
				    BTF_KIND_TYPEDEF);
	btf__free(vm);
	if (id < 0) {
		snprintf(why, sz,
			 "the kernel's BTF has no xdp_exception "
			 "tracepoint");
		return 0;
	}
	LIBBPF_OPTS(bpf_prog_load_opts, o, .expected_attach_type = at,
		    .attach_btf_id = (__u32)id);
	ok = load_attach(BPF_PROG_TYPE_TRACING, &o, attach_tracing, &at, why,
			 sz);
	return ok;
}

static int attach_kprobe(int fd, void *arg)
{
	struct perf_event_attr pa = {.size = sizeof(pa)};
	const char *fn = arg;
	char buf[32] = "";
	int type, pfd, link;
	FILE *f = fopen("/sys/bus/event_source/devices/kprobe/type", "r");

	if (!f)
		return -ENOENT;
	if (!fgets(buf, sizeof(buf), f)) {
		fclose(f);
		return -ENOENT;
	}
	fclose(f);
	type = atoi(buf);
	pa.type = type;
	pa.config1 = (__u64)(unsigned long)fn; /* kprobe_func */
	pfd = (int)syscall(SYS_perf_event_open, &pa, -1, 0, -1,
			   PERF_FLAG_FD_CLOEXEC);
	if (pfd < 0)
		return -errno;
	link = bpf_link_create(fd, pfd, BPF_PERF_EVENT, NULL);
	if (link < 0) {
		link = -errno;
		close(pfd);
		return link;
	}
	close(pfd); /* the link holds the event */
	return link;
}

static int attach_kprobe_multi(int fd, void *arg)
{
	const char *syms[] = {arg};
	int link;

	LIBBPF_OPTS(bpf_link_create_opts, lo, .kprobe_multi.syms = syms,
		    .kprobe_multi.cnt = 1);
	link = bpf_link_create(fd, 0, BPF_TRACE_KPROBE_MULTI, &lo);
	return link < 0 ? -errno : link;
}

/* A kprobe through the perf kprobe PMU; without that PMU, a kprobe_multi
 * link (5.18+), which needs none. */
static int probe_kprobe(const char *ifname, char *why, size_t sz)
{
	char w1[320];
	int ok;

	(void)ifname;
	if (!access("/sys/bus/event_source/devices/kprobe/type", F_OK)) {
		LIBBPF_OPTS(bpf_prog_load_opts, o);

		return load_attach(BPF_PROG_TYPE_KPROBE, &o, attach_kprobe,
				   (void *)"do_nanosleep", why, sz);
	}
	LIBBPF_OPTS(bpf_prog_load_opts, m,
		    .expected_attach_type = BPF_TRACE_KPROBE_MULTI);
	ok = load_attach(BPF_PROG_TYPE_KPROBE, &m, attach_kprobe_multi,
			 (void *)"do_nanosleep", w1, sizeof(w1));
	snprintf(why, sz,
		 "%s (kprobe_multi on do_nanosleep: this kernel has "
		 "no perf kprobe PMU)",
		 w1);
	return ok;
}

static int probe_xdp_frags(const char *ifname, char *why, size_t sz)
{
	LIBBPF_OPTS(bpf_prog_load_opts, o, .prog_flags = BPF_F_XDP_HAS_FRAGS);

	(void)ifname;
	return load_attach(BPF_PROG_TYPE_XDP, &o, NULL, NULL, why, sz);
}

static int probe_ringbuf(const char *ifname, char *why, size_t sz)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "xk_probe", 0, 0, 4096,
				NULL);

	(void)ifname;
	if (fd < 0) {
		refusal(errno, NULL, why, sz);
		return 0;
	}
	close(fd);
	snprintf(why, sz, "a ring buffer map is created");
	return 1;
}

#ifndef BPF_F_TEST_XDP_LIVE_FRAMES
#define BPF_F_TEST_XDP_LIVE_FRAMES (1U << 1)
#endif

int xk_probe__live(char *why, size_t sz)
{
	static const struct bpf_insn drop[] = RET(1); /* XDP_DROP */
	__u8 frame[64] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};
	struct xdp_md ctx = {.data_end = sizeof(frame),
			     .ingress_ifindex = 1 /* lo */};
	int fd, err;

	fd = bpf_prog_load(BPF_PROG_TYPE_XDP, "xk_probe", "GPL", drop, 2, NULL);
	if (fd < 0) {
		refusal(errno, NULL, why, sz);
		return 0;
	}
	frame[12] = 0x88; /* an experimental ethertype; dropped anyway */
	frame[13] = 0xb5;
	LIBBPF_OPTS(bpf_test_run_opts, t, .data_in = frame,
		    .data_size_in = sizeof(frame), .ctx_in = &ctx,
		    .ctx_size_in = sizeof(ctx), .repeat = 1,
		    .flags = BPF_F_TEST_XDP_LIVE_FRAMES);
	err = bpf_prog_test_run_opts(fd, &t) ? errno : 0;
	close(fd);
	if (err) {
		snprintf(why, sz, "BPF_PROG_RUN with live frames refused: %s%s",
			 strerror(err),
			 err == EINVAL ? " (a kernel before 5.18)" : "");
		return 0;
	}
	snprintf(why, sz, "one live XDP_DROP frame ran on lo");
	return 1;
}

static int probe_tcx(const char *ifname, char *why, size_t sz)
{
	(void)ifname;
	if (xk_env__has_tcx()) {
		snprintf(why, sz, "the tcx attach types answer a query");
		return 1;
	}
	snprintf(why, sz, "this kernel has no TCX (6.6+)");
	return 0;
}

#ifndef XDP_USE_SG
#define XDP_USE_SG (1 << 4)
#endif

/* An AF_XDP socket bound with XDP_USE_SG (copy mode) on queue 0. */
static int probe_xsk_sg(const char *ifname, char *why, size_t sz)
{
	size_t len = 64 * 4096;
	int fd, n = 64, err = 0;
	struct xdp_umem_reg ur = {.len = len, .chunk_size = 4096};
	struct sockaddr_xdp sxdp = {.sxdp_family = AF_XDP,
				    .sxdp_flags = XDP_COPY | XDP_USE_SG};
	void *mem;

	sxdp.sxdp_ifindex = if_nametoindex(ifname);
	if (!sxdp.sxdp_ifindex) {
		snprintf(why, sz, "no interface %s", ifname);
		return 0;
	}
	fd = socket(AF_XDP, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		refusal(errno, NULL, why, sz);
		return 0;
	}
	mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ur.addr = (__u64)(unsigned long)mem;
	if (mem == MAP_FAILED ||
	    setsockopt(fd, SOL_XDP, XDP_UMEM_REG, &ur, sizeof(ur)) ||
	    setsockopt(fd, SOL_XDP, XDP_UMEM_FILL_RING, &n, sizeof(n)) ||
	    setsockopt(fd, SOL_XDP, XDP_UMEM_COMPLETION_RING, &n, sizeof(n)) ||
	    setsockopt(fd, SOL_XDP, XDP_RX_RING, &n, sizeof(n)))
		err = errno;
	if (!err && bind(fd, (struct sockaddr *)&sxdp, sizeof(sxdp)))
		err = errno;
	close(fd);
	if (mem != MAP_FAILED)
		munmap(mem, len);
	if (err) {
		snprintf(why, sz,
			 "an AF_XDP socket with XDP_USE_SG on %s: %s%s", ifname,
			 strerror(err),
			 err == EINVAL ? " (a kernel before 6.6, or a busy "
					 "queue)"
			 : err == EOPNOTSUPP ? " (the driver or mode has no "
					       "multi-buffer)"
					     : "");
		return 0;
	}
	snprintf(why, sz, "an AF_XDP socket binds %s queue 0 with XDP_USE_SG",
		 ifname);
	return 1;
}

#ifndef BPF_F_XDP_DEV_BOUND_ONLY
#define BPF_F_XDP_DEV_BOUND_ONLY (1U << 6) /* Linux 6.3 */
#endif
#ifndef BPF_PSEUDO_KFUNC_CALL
#define BPF_PSEUDO_KFUNC_CALL 2
#endif

/* A device-bound XDP program calling one XDP metadata kfunc on @ifname:
 * 1 and why, or 0 and why. */
static int meta_kfunc(struct btf *vm, int ifindex, const char *kfunc, char *why,
		      size_t sz)
{
	int id = btf__find_by_name_kind(vm, kfunc, BTF_KIND_FUNC);
	struct bpf_insn prog[] = {
		/* r6 = ctx; fp - 8 and fp - 16 zeroed; r0 = kfunc(ctx,
		 * fp - 8, fp - 16): rx_hash takes a third pointer since 6.7,
		 * a two-argument kfunc ignores r3 */
		{.code = BPF_ALU64 | BPF_MOV | BPF_X,
		 .dst_reg = 6,
		 .src_reg = 1},
		{.code = BPF_ST | BPF_MEM | BPF_DW, .dst_reg = 10, .off = -8},
		{.code = BPF_ST | BPF_MEM | BPF_DW, .dst_reg = 10, .off = -16},
		{.code = BPF_ALU64 | BPF_MOV | BPF_X,
		 .dst_reg = 2,
		 .src_reg = 10},
		{.code = BPF_ALU64 | BPF_ADD | BPF_K, .dst_reg = 2, .imm = -8},
		{.code = BPF_ALU64 | BPF_MOV | BPF_X,
		 .dst_reg = 3,
		 .src_reg = 10},
		{.code = BPF_ALU64 | BPF_ADD | BPF_K, .dst_reg = 3, .imm = -16},
		{.code = BPF_ALU64 | BPF_MOV | BPF_X,
		 .dst_reg = 1,
		 .src_reg = 6},
		{.code = BPF_JMP | BPF_CALL,
		 .src_reg = BPF_PSEUDO_KFUNC_CALL,
		 .imm = id},
		{.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 2},
		{.code = BPF_JMP | BPF_EXIT},
	};
	char log[1024] = "";
	LIBBPF_OPTS(bpf_prog_load_opts, o, .prog_ifindex = (__u32)ifindex,
		    .prog_flags = BPF_F_XDP_DEV_BOUND_ONLY, .log_buf = log,
		    .log_size = sizeof(log), .log_level = 1);
	int fd;

	if (id < 0) {
		snprintf(why, sz, "the kernel's BTF has no %s (6.3+)", kfunc);
		return 0;
	}
	fd = bpf_prog_load(BPF_PROG_TYPE_XDP, "xk_probe", "GPL", prog,
			   sizeof(prog) / sizeof(prog[0]), &o);
	if (fd < 0 && (errno == EOPNOTSUPP || errno == 524) && !*log) {
		snprintf(why, sz,
			 "%s: the device's driver does not implement it",
			 kfunc);
		return 0;
	}
	if (fd < 0 && errno == EINVAL && !*log) {
		snprintf(why, sz,
			 "%s: this kernel cannot bind a program to a device "
			 "(BPF_F_XDP_DEV_BOUND_ONLY, 6.3+)",
			 kfunc);
		return 0;
	}
	if (fd < 0) {
		refusal(errno, log, why, sz);
		return 0;
	}
	close(fd);
	snprintf(why, sz, "%s loads bound to the device", kfunc);
	return 1;
}

/* The XDP metadata kfuncs (rx timestamp, rx hash) on the device: the
 * driver must implement them, and the program be bound to it. */
static int probe_xdp_meta(const char *ifname, char *why, size_t sz)
{
	static const char *const kf[] = {"bpf_xdp_metadata_rx_timestamp",
					 "bpf_xdp_metadata_rx_hash"};
	int ifindex = (int)if_nametoindex(ifname), ok = 1, i;
	struct btf *vm;
	size_t n = 0;

	if (!ifindex) {
		snprintf(why, sz, "no interface %s", ifname);
		return 0;
	}
	vm = btf__load_vmlinux_btf();
	if (!vm) {
		snprintf(why, sz, "no kernel BTF (/sys/kernel/btf/vmlinux)");
		return 0;
	}
	why[0] = 0;
	for (i = 0; i < 2; i++) {
		char w[256];
		int r = meta_kfunc(vm, ifindex, kf[i], w, sizeof(w));

		ok &= r;
		n += (size_t)snprintf(why + n, n < sz ? sz - n : 0, "%s%s",
				      i ? "; " : "", w);
		if (n >= sz)
			n = sz - 1;
	}
	btf__free(vm);
	return ok;
}

static int probe_live(const char *ifname, char *why, size_t sz)
{
	(void)ifname;
	return xk_probe__live(why, sz);
}

static int probe_freplace(const char *ifname, char *why, size_t sz)
{
	(void)ifname;
	return xk_probe__freplace(why, sz);
}

static const struct {
	const char *name, *desc;
	int (*probe)(const char *ifname, char *why, size_t sz);
	bool dev;
} probes[] = {
	{"freplace", "EXT programs (libxdp's multi-program dispatcher)",
	 probe_freplace, false},
	{"fentry", "fentry programs on a BPF program (xdpdump)", probe_fentry,
	 false},
	{"tp_btf", "BTF tracepoints (tp_btf/xdp_exception)", probe_tp_btf,
	 false},
	{"kprobe", "kprobes (perf_event link)", probe_kprobe, false},
	{"prog_run_live", "BPF_PROG_RUN with live XDP frames (5.18+)",
	 probe_live, false},
	{"tcx", "tcx ingress/egress links (6.6+)", probe_tcx, false},
	{"xdp_frags", "XDP multi-buffer programs (BPF_F_XDP_HAS_FRAGS)",
	 probe_xdp_frags, false},
	{"ringbuf", "BPF ring buffer maps", probe_ringbuf, false},
	{"af_xdp_sg", "AF_XDP multi-buffer (XDP_USE_SG) on the device",
	 probe_xsk_sg, true},
	{"xdp_metadata",
	 "XDP metadata kfuncs (rx timestamp, rx hash) on the "
	 "device",
	 probe_xdp_meta, true},
};

int xk_features(const char *ifname, struct xk_feature *out, int n)
{
	size_t i;
	int k = 0;

	for (i = 0; i < sizeof(probes) / sizeof(probes[0]) && k < n; i++) {
		if (probes[i].dev && !ifname)
			continue;
		memset(&out[k], 0, sizeof(out[k]));
		snprintf(out[k].name, sizeof(out[k].name), "%s",
			 probes[i].name);
		snprintf(out[k].desc, sizeof(out[k].desc), "%s",
			 probes[i].desc);
		out[k].available = probes[i].probe(ifname, out[k].why,
						   sizeof(out[k].why)) > 0;
		k++;
	}
	return k;
}
