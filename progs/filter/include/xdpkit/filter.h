/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * libxdpkit: the rules of progs/filter (schema in <xdpkit/filter_schema.h>).
 *
 * Rules read like ip(8) words:  [src PREFIX] [dst PREFIX]
 *   [proto tcp|udp|icmp|icmpv6|sctp|NUM] [dport PORT|LO-HI] drop|pass|count
 * and are kept in the maps of a loaded filter program: the rule array and
 * the four prefix tries, whose chains xk_filter__sync recomputes so that
 * every trie entry lists every rule that can match under it.
 */
#ifndef XDPKIT_FILTER_H
#define XDPKIT_FILTER_H

#include <stddef.h>
#include <linux/types.h>
#include "xdpkit/core.h"
#include "filter_schema.h"

#ifdef __cplusplus
extern "C" {
#endif
XK_API_BEGIN

struct bpf_object;
struct xk_filter;

/* Parse rule words; -EINVAL with the reason in xk_errmsg() if malformed. */
int xk_filter_rule__parse(int argc, char *const *argv,
			  struct xk_filter_rule *r);
/* The rule back in the same words ("src 10.0.0.0/8 proto tcp ... drop"). */
const char *xk_filter_rule__str(const struct xk_filter_rule *r, char *buf,
				size_t sz);
/* Same matches and action (ids and counters aside). */
int xk_filter_rule__equal(const struct xk_filter_rule *a,
			  const struct xk_filter_rule *b);
const char *xk_filter_action__str(__u32 action);

/* The filter maps of a loaded program (by id) or a loaded object. */
struct xk_filter *xk_filter__open_prog(__u32 prog_id);
struct xk_filter *xk_filter__open_obj(struct bpf_object *obj);
void xk_filter__close(struct xk_filter *f);

/* Add a rule at *id (0: after the last rule; out: the id used). Its
 * counters start at zero. -EEXIST if the id is taken, -E2BIG if a trie
 * entry would chain more than XK_FILTER_CHAIN rules (nothing changed). */
int xk_filter__add(struct xk_filter *f, const struct xk_filter_rule *r,
		   __u32 *id);
/* Remove rule id (-ENOENT if there is none). */
int xk_filter__del(struct xk_filter *f, __u32 id);
/* The id of a rule equal to r, or -ENOENT. */
int xk_filter__find(struct xk_filter *f, const struct xk_filter_rule *r);
/* Replace every rule with rules[0..n-1] (ids 1..n), in bulk. */
int xk_filter__load(struct xk_filter *f, const struct xk_filter_rule *rules,
		    __u32 n);

/* Every rule in use, by ascending id: *ids and *rules malloc'ed. */
int xk_filter__rules(struct xk_filter *f, __u32 **ids,
		     struct xk_filter_rule **rules);
/* Counters of rule id (0: packets the default decided), summed over CPUs. */
int xk_filter__hits(struct xk_filter *f, __u32 id, struct xk_filter_hits *h);
int xk_filter__default(struct xk_filter *f, __u32 *action);
int xk_filter__set_default(struct xk_filter *f, __u32 action);

XK_API_END
#ifdef __cplusplus
}
#endif
#endif /* XDPKIT_FILTER_H */
