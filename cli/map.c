// SPDX-License-Identifier: GPL-2.0
/*
 * xdpctl map: any map of any program, read and written by field through
 * its BTF (libxdpkit formats and parses; per-CPU values are summed unless
 * 'percpu' is given). A map is named by id, by pin, or by name: among the
 * maps of the programs on 'dev IFNAME', else among all maps (a name more
 * than one map has is refused with their ids).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <xdpkit/loader.h>
#include <xdpkit/map.h>
#include "xdpctl.h"

/* Indices of map_args: the parsed values are p->val[MAP_...]. */
enum {
	MAP_POS,
	MAP_ID,
	MAP_PINNED,
	MAP_NAME,
	MAP_DEV,
	MAP_KEY,
	MAP_VALUE,
	MAP_PERCPU,
	MAP_NR,
};

const struct arg map_args[] = {
	[MAP_POS] = {"list|dump|get|set|del", ARG_POS, NULL, "what to do", true,
		     true, 0, 0},
	[MAP_ID] = {"id", ARG_U32, "ID", "the map with this id", false, false,
		    1, 0xffffffffUL},
	[MAP_PINNED] = {"pinned", ARG_VALUE, "PATH", "the map pinned here",
			false, false, 0, 0},
	[MAP_NAME] = {"name", ARG_VALUE, "NAME", "the map with this name",
		      false, false, 0, 0},
	[MAP_DEV] = {"dev", ARG_DEV, "IFNAME",
		     "only maps of programs on this interface", false, false, 0,
		     0},
	[MAP_KEY] = {"key", ARG_VALUE, "KEY",
		     "f=v,g=v | NUMBER | PREFIX (LPM) | 'hex BYTES'", false,
		     false, 0, 0},
	[MAP_VALUE] = {"value", ARG_VALUE, "VALUE",
		       "as KEY (set; per-CPU: CPU 0)", false, false, 0, 0},
	[MAP_PERCPU] = {"percpu", ARG_FLAG, NULL,
			"every CPU's value, not their sum", false, false, 0, 0},
	[MAP_NR] = {NULL, 0, NULL, NULL, false, false, 0, 0},
};

#define FMT_SZ	65536
#define MAX_IDS 4096

/* Map ids used by the programs on ifindex (0: every map). */
static int dev_map_ids(int ifindex, __u32 *out, int max)
{
	struct xk_status *st;
	int i, n = 0, err = xk_iface__status(ifindex, &st);

	if (err)
		return err;
	for (i = 0; st->nifaces && i < st->ifaces[0].nprogs; i++) {
		struct bpf_prog_info pi;
		__u32 ids[64], len = sizeof(pi), j;
		int k, fd = bpf_prog_get_fd_by_id(st->ifaces[0].progs[i].id);

		if (fd < 0)
			continue;
		memset(&pi, 0, sizeof(pi));
		pi.nr_map_ids = 64;
		pi.map_ids = (__u64)(unsigned long)ids;
		if (!bpf_obj_get_info_by_fd(fd, &pi, &len))
			for (j = 0; j < pi.nr_map_ids && j < 64; j++) {
				for (k = 0; k < n && out[k] != ids[j]; k++)
					;
				if (k == n && n < max)
					out[n++] = ids[j];
			}
		close(fd);
	}
	xk_status__free(st);
	return n;
}

static int all_map_ids(__u32 *out, int max)
{
	__u32 id = 0;
	int n = 0;

	while (n < max && !bpf_map_get_next_id(id, &id))
		out[n++] = id;
	return n;
}

/* Map ids of the programs on @ifindex (0: every map), or a negative exit
 * code (the error is printed). */
static int map_ids(int ifindex, __u32 *ids, int max)
{
	int n;

	if (!ifindex)
		return all_map_ids(ids, max);
	n = dev_map_ids(ifindex, ids, max);
	return n < 0 ? -p_liberr(n) : n;
}

/* The one map the arguments name; prints the error and sets *code if none. */
static struct xk_map *select_map(const struct cmd *cmd, struct parsed *p,
				 int *code)
{
	const char *id = p->val[MAP_ID], *pin = p->val[MAP_PINNED],
		   *name = p->val[MAP_NAME], *dev = p->dev.name;
	struct xk_map *m, *hit = NULL;
	__u32 *ids;
	char more[256] = "";
	int n, i, hits = 0;

	if (!!id + !!pin + !!name != 1) {
		*code = p_usage(cmd->name, "name the map with one of id, "
					   "pinned or name");
		return NULL;
	}
	if (id) {
		__u32 v = p->num[MAP_ID];

		if (!(m = xk_map__open_id(v, NULL)))
			*code = p_err(EXIT_SYS,
				      "no map with id %s (see "
				      "'xdpctl map list')",
				      id);
		return m;
	}
	if (pin) {
		if (!(m = xk_map__open_pin(pin, NULL)))
			*code = p_liberr(-errno);
		return m;
	}
	ids = calloc(MAX_IDS, sizeof(*ids));
	if (!ids) {
		*code = p_err(EXIT_SYS, "out of memory");
		return NULL;
	}
	n = map_ids(p->dev.ifindex, ids, MAX_IDS);
	if (n < 0) {
		free(ids);
		*code = -n;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		m = xk_map__open_id(ids[i], NULL);
		if (!m || strcmp(xk_map__name(m), name)) {
			xk_map__close(m);
			continue;
		}
		if (hits++) {
			size_t l = strlen(more);

			snprintf(more + l, sizeof(more) - l, " %u",
				 xk_map__id(m));
			xk_map__close(m);
			continue;
		}
		hit = m;
	}
	free(ids);
	if (hits > 1) {
		*code = p_err(EXIT_SYS,
			      "%d maps are named '%s' (ids %u%s): "
			      "pick one with 'id ID'%s",
			      hits, name, xk_map__id(hit), more,
			      dev ? "" : " or narrow with 'dev IFNAME'");
		xk_map__close(hit);
		return NULL;
	}
	if (!hit)
		*code = p_err(EXIT_SYS,
			      "no map named '%s'%s%s (see 'xdpctl map "
			      "list')",
			      name, dev ? " used by a program on " : "",
			      dev ? dev : "");
	return hit;
}

static void map_info(struct xk_map *m)
{
	char kt[128], vt[128];

	xk_map__key_type_name(m, kt, sizeof(kt));
	xk_map__value_type_name(m, vt, sizeof(vt));
	if (json_output) {
		jw_obj_start(jw);
		jw_kuint(jw, "id", xk_map__id(m));
		jw_kstr(jw, "name", xk_map__name(m));
		jw_kstr(jw, "type", xk_map__type_str(m));
		jw_kstr(jw, "key_type", kt);
		jw_kstr(jw, "value_type", vt);
		jw_kuint(jw, "key_size", xk_map__key_size(m));
		jw_kuint(jw, "value_size", xk_map__value_size(m));
		jw_kuint(jw, "max_entries", xk_map__max_entries(m));
		jw_kuint(jw, "flags", xk_map__flags(m));
		jw_kbool(jw, "percpu", xk_map__is_percpu(m));
		jw_obj_end(jw);
		return;
	}
	printf("%u: %s %s key %s (%u B) value %s (%u B) max_entries %u%s\n",
	       xk_map__id(m), xk_map__type_str(m), xk_map__name(m),
	       *kt ? kt : "?", xk_map__key_size(m), *vt ? vt : "?",
	       xk_map__value_size(m), xk_map__max_entries(m),
	       xk_map__is_percpu(m) ? " percpu" : "");
}

static int do_list(struct parsed *p)
{
	__u32 *ids = calloc(MAX_IDS, sizeof(*ids));
	int n, i;

	if (!ids)
		return p_err(EXIT_SYS, "out of memory");
	n = map_ids(p->dev.ifindex, ids, MAX_IDS);
	if (n < 0) {
		free(ids);
		return -n;
	}
	if (json_output)
		jw_arr_start(jw);
	for (i = 0; i < n; i++) {
		struct xk_map *m = xk_map__open_id(ids[i], NULL);

		if (m)
			map_info(m); /* gone meanwhile: skip it */
		xk_map__close(m);
	}
	if (json_output)
		jw_arr_end(jw);
	free(ids);
	return EXIT_OK;
}

struct dump_ctx {
	struct xk_map *m;
	char *kb, *vb;
	bool percpu;
	int err;
};

static int print_entry(struct dump_ctx *d, const void *key, const void *val)
{
	enum xk_fmt f = json_output ? XK_FMT_JSON : XK_FMT_TEXT;
	int err = xk_map__fmt_key(d->m, key, f, d->kb, FMT_SZ), c;
	__u32 stride = xk_map__percpu_stride(d->m);

	if (err)
		return err;
	if (json_output) {
		jw_obj_start(jw);
		jw_key(jw, "key");
		jw_raw(jw, d->kb);
	} else {
		printf("key: %s", d->kb);
	}
	if (!d->percpu) {
		if ((err = xk_map__fmt_value(d->m, val, f, d->vb, FMT_SZ)))
			return err;
		if (json_output) {
			jw_key(jw, "value");
			jw_raw(jw, d->vb);
			jw_obj_end(jw);
		} else {
			printf(" value: %s\n", d->vb);
		}
		return 0;
	}
	if (json_output) {
		jw_key(jw, "values");
		jw_arr_start(jw);
	} else {
		printf("\n");
	}
	for (c = 0; c < xk_map__ncpus(d->m); c++) {
		err = xk_map__fmt_value(d->m, (const __u8 *)val + c * stride, f,
					d->vb, FMT_SZ);
		if (err)
			return err;
		if (json_output) {
			jw_obj_start(jw);
			jw_kuint(jw, "cpu", c);
			jw_key(jw, "value");
			jw_raw(jw, d->vb);
			jw_obj_end(jw);
		} else {
			printf("  cpu %d: %s\n", c, d->vb);
		}
	}
	if (json_output) {
		jw_arr_end(jw);
		jw_obj_end(jw);
	}
	return 0;
}

static int dump_cb(const void *key, const void *val, void *ctx)
{
	return print_entry(ctx, key, val);
}

int do_map(const struct cmd *cmd, struct parsed *p)
{
	const char *act = p->val[MAP_POS], *ks = p->val[MAP_KEY],
		   *vs = p->val[MAP_VALUE];
	struct dump_ctx d = {0};
	void *key = NULL, *val = NULL;
	bool ambig;
	char actbuf[16];
	int code = EXIT_OK, err;

	act = args_choice("list|dump|get|set|del", act, &ambig, actbuf,
			  sizeof(actbuf));
	if (!act)
		return p_usage(cmd->name, "want list, dump, get, set or del");
	if (!strcmp(act, "list"))
		return do_list(p);
	if ((!strcmp(act, "dump") || !strcmp(act, "list")) && (ks || vs))
		return p_usage(cmd->name, "%s takes no key or value", act);
	if (strcmp(act, "dump") && !ks)
		return p_usage(cmd->name, "%s needs 'key KEY'", act);
	if (!strcmp(act, "set") != !!vs)
		return p_usage(cmd->name, "'value' goes with set, and set "
					  "needs it");
	if (p->val[MAP_PERCPU] && strcmp(act, "dump") && strcmp(act, "get"))
		return p_usage(cmd->name, "'percpu' is for dump and get");
	d.m = select_map(cmd, p, &code);
	if (!d.m)
		return code;
	d.percpu = p->val[MAP_PERCPU] && xk_map__is_percpu(d.m);
	d.kb = malloc(FMT_SZ);
	d.vb = malloc(FMT_SZ);
	key = calloc(1, xk_map__key_size(d.m) + 8);
	val = calloc(xk_map__ncpus(d.m), xk_map__percpu_stride(d.m) + 8);
	if (!d.kb || !d.vb || !key || !val) {
		code = p_err(EXIT_SYS, "out of memory");
		goto out;
	}
	if (ks && (err = xk_map__parse_key(d.m, ks, key))) {
		code = p_parseerr(err);
		goto out;
	}
	if (!strcmp(act, "dump")) {
		if (json_output)
			jw_arr_start(jw);
		err = xk_map__iterate(d.m, dump_cb, &d,
				      d.percpu ? XK_ITER_PERCPU : 0);
		if (json_output)
			jw_arr_end(jw);
		if (err)
			code = p_maperr(err);
	} else if (!strcmp(act, "get")) {
		err = d.percpu ? xk_map__lookup_percpu(d.m, key, val)
			       : xk_map__lookup(d.m, key, val);
		if (!err)
			err = print_entry(&d, key, val);
		if (err)
			code = p_maperr(err);
	} else if (!strcmp(act, "set")) {
		/* FIELD=VALUE changes those fields of the entry there is (a
		 * new key, or a per-CPU map, whose lookup is a sum, starts
		 * from zero); parse before writing: a bad value leaves the
		 * map as is */
		err = xk_map__is_percpu(d.m) ? -ENOENT
					     : xk_map__lookup(d.m, key, val);
		if (err && err != -ENOENT) {
			code = p_maperr(err);
			goto out;
		}
		if (err)
			memset(val, 0, xk_map__value_size(d.m));
		err = xk_map__parse_value_over(d.m, vs, val);
		if (err) {
			code = p_parseerr(err);
			goto out;
		}
		err = xk_map__update(d.m, key, val, BPF_ANY);
		if (!err && json_output) {
			jw_obj_start(jw);
			jw_kstr(jw, "updated", xk_map__name(d.m));
			jw_obj_end(jw);
		}
		if (err)
			code = p_maperr(err);
	} else {
		err = xk_map__delete(d.m, key);
		if (!err && json_output) {
			jw_obj_start(jw);
			jw_kstr(jw, "deleted", xk_map__name(d.m));
			jw_obj_end(jw);
		}
		if (err)
			code = p_maperr(err);
	}
out:
	free(key);
	free(val);
	free(d.kb);
	free(d.vb);
	xk_map__close(d.m);
	return code;
}
