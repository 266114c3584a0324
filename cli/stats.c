// SPDX-License-Identifier: GPL-2.0
/*
 * xdpctl stats: what progs/stats counted on an interface, per L3/L4
 * protocol, summed over CPUs; with watch, packets and bits per second over
 * each interval. watch ends after `count N` samples or on Ctrl-C, and the
 * JSON document is closed either way.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/if_ether.h>
#include <xdpkit/loader.h>
#include <xdpkit/map.h>
#include <xdpkit/stats_schema.h>
#include "xdpctl.h"

/* Indices of stats_args: the parsed values are p->val[STS_...]. */
enum {
	STS_DEV,
	STS_WATCH,
	STS_INTERVAL,
	STS_COUNT,
	STS_NR,
};

const struct arg stats_args[] = {
	[STS_DEV] = {"dev", ARG_DEV, "IFNAME",
		     "interface with the stats program", true, false, 0, 0},
	[STS_WATCH] = {"watch", ARG_FLAG, NULL, "print rates every interval",
		       false, false, 0, 0},
	[STS_INTERVAL] = {"interval", ARG_VALUE, "SECONDS",
			  "watch interval (default 1)", false, false, 0, 0},
	[STS_COUNT] = {"count", ARG_U32, "N", "stop watching after N intervals",
		       false, false, 1, 86400},
	[STS_NR] = {NULL, 0, NULL, NULL, false, false, 0, 0},
};

#define MAX_ROWS  512
#define MAX_PROGS 4

struct row {
	struct xk_stats_key k;
	struct xk_stats_val v;
};

struct sample {
	__u32 id[MAX_PROGS];
	int hook[MAX_PROGS];
	int nprogs;
	struct row rows[MAX_PROGS][MAX_ROWS];
	int nrows[MAX_PROGS];
	double t;
};

static volatile sig_atomic_t stop;

static void on_sigint(int sig)
{
	(void)sig;
	stop = 1;
}

static const char *l3_name(__u16 p, char *buf, size_t sz)
{
	switch (p) {
	case ETH_P_IP:
		return "ipv4";
	case ETH_P_IPV6:
		return "ipv6";
	case ETH_P_ARP:
		return "arp";
	}
	snprintf(buf, sz, "0x%04x", p);
	return buf;
}

static const char *l4_name(__u8 p, char *buf, size_t sz)
{
	switch (p) {
	case 0:
		return "-";
	case 1:
		return "icmp";
	case 6:
		return "tcp";
	case 17:
		return "udp";
	case 47:
		return "gre";
	case 58:
		return "icmpv6";
	case 132:
		return "sctp";
	}
	snprintf(buf, sz, "%u", p);
	return buf;
}

static int cmp_row(const void *a, const void *b)
{
	return memcmp(&((const struct row *)a)->k, &((const struct row *)b)->k,
		      sizeof(struct xk_stats_key));
}

struct acc {
	struct row *rows;
	int *n;
	__u32 ifindex;
};

static int row_cb(const void *key, const void *value, void *ctx)
{
	struct acc *a = ctx;
	const struct xk_stats_key *k = key;

	if (k->ifindex != a->ifindex || *a->n >= MAX_ROWS)
		return 0;
	a->rows[*a->n].k = *k;
	a->rows[*a->n].v = *(const struct xk_stats_val *)value;
	(*a->n)++;
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Every stats program of ours on ifindex, read and sorted. */
static int take(int ifindex, struct sample *s)
{
	struct xk_status *st;
	int i, err = xk_iface__status(ifindex, &st);

	if (err)
		return p_liberr(err);
	s->nprogs = 0;
	for (i = 0; st->nifaces && i < st->ifaces[0].nprogs; i++) {
		const struct xk_prog_status *ps = &st->ifaces[0].progs[i];
		struct xk_map *m;
		struct acc a;

		if (ps->owner != XK_OWNER_XDPKIT ||
		    strcmp(ps->label, "stats") || s->nprogs == MAX_PROGS)
			continue;
		m = xk_map__open_prog(ps->id, XK_STATS_MAP);
		if (!m) {
			xk_status__free(st);
			return p_liberr(-errno);
		}
		s->id[s->nprogs] = ps->id;
		s->hook[s->nprogs] = ps->hook;
		s->nrows[s->nprogs] = 0;
		a.rows = s->rows[s->nprogs];
		a.n = &s->nrows[s->nprogs];
		a.ifindex = ifindex;
		err = xk_map__iterate(m, row_cb, &a, 0);
		xk_map__close(m);
		if (err) {
			xk_status__free(st);
			return p_liberr(err);
		}
		qsort(a.rows, *a.n, sizeof(struct row), cmp_row);
		s->nprogs++;
	}
	xk_status__free(st);
	s->t = now();
	return 0;
}

/* The previous sample's row for k (counters start at 0 if it is new). */
static const struct row *prev_row(const struct sample *p, int prog,
				  const struct xk_stats_key *k)
{
	struct row key = {.k = *k};

	if (!p)
		return NULL;
	return bsearch(&key, p->rows[prog], p->nrows[prog], sizeof(key),
		       cmp_row);
}

static void print_sample(const struct sample *s, const struct sample *prev,
			 const char *dev)
{
	double dt = prev ? s->t - prev->t : 0;
	char b3[16], b4[8];
	int i, j;

	for (i = 0; i < s->nprogs; i++) {
		if (json_output) {
			jw_obj_start(jw);
			jw_kstr(jw, "hook", xk_hook__str(s->hook[i]));
			jw_kuint(jw, "id", s->id[i]);
			jw_key(jw, "protocols");
			jw_arr_start(jw);
		} else {
			printf("%s %s stats (id %u)%s\n", dev,
			       xk_hook__str(s->hook[i]), s->id[i],
			       prev ? "" : ": totals");
			printf("  %-8s %-7s %14s %16s", "l3", "l4", "packets",
			       "bytes");
			printf(prev ? " %12s %14s\n" : "\n", "pps", "bps");
		}
		for (j = 0; j < s->nrows[i]; j++) {
			const struct row *r = &s->rows[i][j];
			const struct row *o =
				prev ? prev_row(prev, i, &r->k) : NULL;
			__u64 dp = r->v.packets - (o ? o->v.packets : 0);
			__u64 db = r->v.bytes - (o ? o->v.bytes : 0);
			const char *l3 = l3_name(r->k.l3_proto, b3, sizeof(b3));
			const char *l4 = l4_name(r->k.l4_proto, b4, sizeof(b4));

			if (json_output) {
				jw_obj_start(jw);
				jw_kstr(jw, "l3", l3);
				jw_kuint(jw, "l3_proto", r->k.l3_proto);
				jw_kstr(jw, "l4", l4);
				jw_kuint(jw, "l4_proto", r->k.l4_proto);
				jw_kbool(jw, "malformed", r->k.bad);
				jw_kuint(jw, "packets", r->v.packets);
				jw_kuint(jw, "bytes", r->v.bytes);
				if (prev) {
					jw_key(jw, "pps");
					jw_double(jw, dp / dt);
					jw_key(jw, "bps");
					jw_double(jw, db * 8 / dt);
				}
				jw_obj_end(jw);
				continue;
			}
			printf("  %-8s %-7s %14llu %16llu", l3, l4,
			       (unsigned long long)r->v.packets,
			       (unsigned long long)r->v.bytes);
			if (prev)
				printf(" %12.1f %14.1f", dp / dt, db * 8 / dt);
			printf("%s\n", r->k.bad ? "  (malformed)" : "");
		}
		if (json_output) {
			jw_arr_end(jw);
			jw_obj_end(jw);
		}
	}
	fflush(stdout);
}

static int parse_pos(const char *cmd, const char *kw, const char *s,
		     double *out)
{
	char *end;

	*out = strtod(s, &end);
	if (*end || !(*out > 0) || *out > 86400)
		return p_usage(cmd, "'%s %s': want a positive number", kw, s);
	return 0;
}

int do_stats(const struct cmd *cmd, struct parsed *p)
{
	const char *dev = p->dev.name, *iv = p->val[STS_INTERVAL],
		   *cnt = p->val[STS_COUNT];
	bool watch = p->val[STS_WATCH];
	struct sample *cur, *prev;
	double interval = 1, count = 0;
	int ifindex, err, n;

	if ((iv || cnt) && !watch)
		return p_usage(cmd->name, "'interval' and 'count' go with "
					  "'watch'");
	if (iv && (err = parse_pos(cmd->name, "interval", iv, &interval)))
		return err;
	count = cnt ? p->num[STS_COUNT] : 0;
	ifindex = p->dev.ifindex;
	cur = calloc(1, sizeof(*cur));
	prev = calloc(1, sizeof(*prev));
	if (!cur || !prev)
		return p_err(EXIT_SYS, "out of memory");
	err = take(ifindex, cur);
	if (err)
		goto out;
	if (!cur->nprogs) {
		err = p_err(EXIT_SYS,
			    "the stats program is not attached to %s;"
			    " run 'xdpctl attach stats dev %s' (or with tc "
			    "ingress)",
			    dev, dev);
		goto out;
	}
	if (json_output) {
		jw_obj_start(jw);
		jw_kstr(jw, "dev", dev);
		jw_kuint(jw, "ifindex", ifindex);
	}
	if (!watch) {
		if (json_output) {
			jw_key(jw, "programs");
			jw_arr_start(jw);
		}
		print_sample(cur, NULL, dev);
		if (json_output) {
			jw_arr_end(jw);
			jw_obj_end(jw);
		}
		goto out;
	}
	signal(SIGINT, on_sigint);
	signal(SIGTERM, on_sigint);
	if (json_output) {
		jw_key(jw, "interval");
		jw_double(jw, interval);
		jw_key(jw, "samples");
		jw_arr_start(jw);
	}
	for (n = 0; !stop && (!cnt || n < count); n++) {
		struct timespec ts = {
			(time_t)interval,
			(long)((interval - (time_t)interval) * 1e9)};
		struct sample *t;

		/* a signal cuts the sleep short and ends the watch */
		if (nanosleep(&ts, NULL) && stop)
			break;
		t = prev;
		prev = cur;
		cur = t;
		if ((err = take(ifindex, cur)))
			break;
		if (json_output) {
			jw_obj_start(jw);
			jw_key(jw, "seconds");
			jw_double(jw, cur->t - prev->t);
			jw_key(jw, "programs");
			jw_arr_start(jw);
		} else {
			printf("--- %.2f s\n", cur->t - prev->t);
		}
		print_sample(cur, prev, dev);
		if (json_output) {
			jw_arr_end(jw);
			jw_obj_end(jw);
		}
	}
	if (json_output) {
		jw_arr_end(jw);
		jw_obj_end(jw);
	}
out:
	free(cur);
	free(prev);
	return err;
}
