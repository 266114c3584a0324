// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * test-rewrite-examples: the rewrite examples (port_rewrite, icmp_echo,
 * vlan, ipip_decap) under BPF_PROG_TEST_RUN on Scapy-built packets
 * (gen_examples.py), each action and output byte compared.
 *
 *   run_examples OBJDIR EXAMPLES.txt [DUMP]
 *
 * DUMP gets "name ctx hex" lines for the oracle. Exits 1 on a mismatch,
 * 2 when it cannot run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#define MAXPKT 2048
#define MAXOBJ 8

static struct {
	char path[512];
	struct bpf_object *obj;
} objs[MAXOBJ];

static int die(const char *what, const char *arg)
{
	fprintf(stderr, "run_examples: %s %s\n", what, arg);
	exit(2);
}

static struct bpf_object *get_obj(const char *dir, const char *rel)
{
	char path[512];
	int i;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (i = 0; i < MAXOBJ && objs[i].obj; i++)
		if (!strcmp(objs[i].path, path))
			return objs[i].obj;
	if (i == MAXOBJ)
		die("too many objects at", path);
	objs[i].obj = bpf_object__open_file(path, NULL);
	if (!objs[i].obj || bpf_object__load(objs[i].obj))
		die("cannot load (root? built?)", path);
	snprintf(objs[i].path, sizeof(objs[i].path), "%s", path);
	return objs[i].obj;
}

static __u32 unhex(const char *s, __u8 *out)
{
	__u32 n = 0;
	unsigned int b;

	for (; s[0] && s[1] && n < MAXPKT; s += 2) {
		if (sscanf(s, "%2x", &b) != 1)
			die("bad hex", s);
		out[n++] = b;
	}
	return n;
}

int main(int argc, char **argv)
{
	static char name[128], obj[128], prog[64], ihex[2 * MAXPKT + 1],
		whex[2 * MAXPKT + 1];
	unsigned int runs = 0, failed = 0;
	FILE *f, *dump = NULL;
	int action;

	if (argc < 3 || argc > 4)
		die("usage:", "run_examples OBJDIR EXAMPLES.txt [DUMP]");
	f = fopen(argv[2], "r");
	if (!f)
		die("cannot open", argv[2]);
	if (argc == 4 && !(dump = fopen(argv[3], "w")))
		die("cannot write", argv[3]);
	while (fscanf(f, "%127s %127s %63s %d %4096s %4096s", name, obj, prog,
		      &action, ihex, whex) == 6) {
		__u8 in[MAXPKT], want[MAXPKT], out[MAXPKT + 256];
		__u32 ilen = unhex(ihex, in), wlen = unhex(whex, want), i;
		struct bpf_program *p;
		LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = in,
			    .data_size_in = ilen, .data_out = out,
			    .data_size_out = sizeof(out), .repeat = 1);

		p = bpf_object__find_program_by_name(get_obj(argv[1], obj),
						     prog);
		if (!p)
			die("no such program:", prog);
		if (bpf_prog_test_run_opts(bpf_program__fd(p), &o))
			die("test run failed for", name);
		runs++;
		if ((int)o.retval != action) {
			printf("FAIL %-36s action %u, want %d\n", name,
			       o.retval, action);
			failed++;
		} else if (o.data_size_out != wlen || memcmp(out, want, wlen)) {
			printf("FAIL %-36s output differs\n     got  ", name);
			for (i = 0; i < o.data_size_out; i++)
				printf("%02x", out[i]);
			printf("\n     want %s\n", whex);
			failed++;
		}
		if (dump) {
			fprintf(dump, "%s %s ", name, prog);
			for (i = 0; i < o.data_size_out; i++)
				fprintf(dump, "%02x", out[i]);
			fprintf(dump, "\n");
		}
	}
	fclose(f);
	if (dump)
		fclose(dump);
	if (!runs)
		die("no runs in", argv[2]);
	printf("rewrite-examples: %u runs, %u failed\n", runs, failed);
	return failed ? 1 : 0;
}
