// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * vload: load every program of every BPF object given, one program at a
 * time, and report what the verifier said, in lines a script can read:
 *
 *   XKV <set> <object> <program> ok <processed insns>
 *   XKV <set> <object> <program> FAIL <errno name>
 *   XKL <set> <object> <program> <one line of the verifier log>
 *
 * Built statically (libbpf, libelf, zlib) so that it runs as the only
 * program of a busybox initramfs under qemu, on kernels this machine does
 * not run (selftests/verify/matrix.sh), and on the running kernel too.
 *
 * One program per load: a rejected program must not hide the verdict on
 * the others, and each count is that program's own. Maps pinned by name go
 * under -p DIR (a bpffs the caller owns), never the default /sys/fs/bpf.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>

#define LOG_TAIL_MAX 4096
#define STATS_BUF    (64 * 1024)
#define FULL_BUF     (256u << 20) /* 6.1 keeps the head of an overlong log */

static const char *set = "-";
static const char *pin_root;
static int log_tail = 12; /* -t: verifier log lines shown for a rejection */
static char open_err[512];

static int print_cb(enum libbpf_print_level lvl, const char *fmt, va_list ap)
{
	/* keep the last libbpf warning: it names why an open failed */
	if (lvl == LIBBPF_WARN) {
		char line[512];

		vsnprintf(line, sizeof(line), fmt, ap);
		line[strcspn(line, "\n")] = 0;
		if (line[0])
			snprintf(open_err, sizeof(open_err), "%s", line);
	}
	return 0;
}

static const char *errname(int err)
{
	switch (err) {
	case EACCES:
		return "EACCES";
	case EINVAL:
		return "EINVAL";
	case EPERM:
		return "EPERM";
	case E2BIG:
		return "E2BIG";
	case ENOSPC:
		return "ENOSPC";
	case ENOTSUP:
		return "ENOTSUP";
	case ENOENT:
		return "ENOENT";
	default:
		return "error";
	}
}

static struct bpf_object *open_obj(const char *path)
{
	LIBBPF_OPTS(bpf_object_open_opts, o, .pin_root_path = pin_root);
	struct bpf_object *obj;

	open_err[0] = 0;
	obj = bpf_object__open_file(path, &o);
	if (!obj || libbpf_get_error(obj))
		return NULL;
	return obj;
}

/* Load only @name of @path with @level and @buf; 0 or -errno. */
static int load_one(const char *path, const char *name, __u32 level, char *buf,
		    size_t sz)
{
	struct bpf_object *obj = open_obj(path);
	struct bpf_program *p;
	int err;

	if (!obj)
		return -ENOEXEC;
	bpf_object__for_each_program(p, obj)
	{
		int me = !strcmp(bpf_program__name(p), name);

		bpf_program__set_autoload(p, me);
		if (me) {
			bpf_program__set_log_level(p, level);
			bpf_program__set_log_buf(p, buf, sz);
		}
	}
	buf[0] = 0;
	err = bpf_object__load(obj);
	bpf_object__close(obj);
	return err;
}

/* The last log_tail whole lines of @log, each as an XKL line. */
static void print_tail(const char *obj, const char *prog, char *log)
{
	static char *lines[LOG_TAIL_MAX];
	int n = 0, i;
	char *s, *save = NULL;

	for (s = strtok_r(log, "\n", &save); s; s = strtok_r(NULL, "\n", &save))
		lines[n++ % log_tail] = s;
	for (i = n > log_tail ? n - log_tail : 0; i < n; i++)
		printf("XKL %s %s %s %s\n", set, obj, prog,
		       lines[i % log_tail]);
}

static int verify_obj(const char *path, char *stats, char *full)
{
	struct bpf_object *obj = open_obj(path);
	struct bpf_program *p;
	char names[64][128];
	int n = 0, i, bad = 0;

	if (!obj) {
		printf("XKV %s %s - FAIL open\n", set, path);
		printf("XKL %s %s - %s\n", set, path,
		       open_err[0] ? open_err : "cannot open the object");
		return 1;
	}
	bpf_object__for_each_program(p, obj)
	{
		if (n < 64)
			snprintf(names[n++], sizeof(names[0]), "%s",
				 bpf_program__name(p));
	}
	bpf_object__close(obj);

	for (i = 0; i < n; i++) {
		int err = load_one(path, names[i], 4, stats, STATS_BUF);
		char *at;

		if (!err) {
			at = strstr(stats, "processed ");
			printf("XKV %s %s %s ok %ld\n", set, path, names[i],
			       at ? strtol(at + 10, NULL, 10) : -1L);
			continue;
		}
		bad = 1;
		printf("XKV %s %s %s FAIL %s\n", set, path, names[i],
		       errname(-err));
		/* again with the whole log, for the verifier's reason */
		if (load_one(path, names[i], 1, full, FULL_BUF) && full[0])
			print_tail(path, names[i], full);
		else if (open_err[0])
			printf("XKL %s %s %s %s\n", set, path, names[i],
			       open_err);
	}
	return bad;
}

int main(int argc, char **argv)
{
	char *stats, *full;
	int c, bad = 0;

	while ((c = getopt(argc, argv, "s:p:t:")) != -1) {
		if (c == 's')
			set = optarg;
		else if (c == 't' && atoi(optarg) > 0 &&
			 atoi(optarg) <= LOG_TAIL_MAX)
			log_tail = atoi(optarg);
		else if (c == 'p')
			pin_root = optarg;
		else {
			fprintf(stderr, "usage: vload [-s SET] [-p PINDIR] [-t "
					"LINES] OBJ...\n");
			return 1;
		}
	}
	libbpf_set_print(print_cb);
	libbpf_set_strict_mode(LIBBPF_STRICT_ALL);
	stats = malloc(STATS_BUF);
	full = malloc(FULL_BUF);
	if (!stats || !full) {
		fprintf(stderr, "vload: out of memory\n");
		return 2;
	}
	for (; optind < argc; optind++)
		bad |= verify_obj(argv[optind], stats, full);
	fflush(stdout);
	return bad;
}
