/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Schema of progs/filter, shared by the BPF program and userspace.
 *
 * A rule matches on an optional source prefix, an optional destination
 * prefix (IPv4 or IPv6), an optional IP protocol and an optional
 * destination port range; its action is drop, pass or count (count the
 * packet and go on). Rules are tried in id order, the first drop or pass
 * wins, and packets no rule decides get the configured default. Every rule
 * has per-CPU packet/byte counters; slot 0 counts the default.
 *
 * Lookup is by longest prefix: a rule with a source prefix is filed in the
 * source trie of its family, a rule with only a destination prefix in the
 * destination trie, a rule with neither at the /0 entry of the source
 * tries. Each trie entry holds the chain of rule ids that can match a
 * packet whose address falls under that entry: its own rules and those of
 * every shorter prefix containing it, in id order (userspace keeps chains
 * complete; see xk_filter__sync). Entries of full length (/32, /128) live
 * in exact-match hashes beside the tries instead, looked up first, and
 * each trie's /0 entry in slot XK_FILTER_SRC4.. of the array
 * xk_filter_any, the fallback when the trie has no longer match (a rule
 * without a prefix costs no trie lookup). A
 * packet costs one lookup per trie (or hash) and a walk of at most two
 * chains; a chain entry whose rule matches every packet that reaches it
 * (nothing but the prefix it is filed under) carries the rule's action,
 * so the walk decides without reading the rule.
 *
 * Rules (xk_filter_rules) are a hash keyed by rule id: it holds the rules
 * there are. Counters (xk_filter_hits) are a per-CPU array indexed by
 * rule id, slot 0 the default's: counting never misses a lookup.
 */
#ifndef XDPKIT_FILTER_SCHEMA_H
#define XDPKIT_FILTER_SCHEMA_H

#include <linux/types.h>
#include "xdpkit/lpm_schema.h"

#define XK_FILTER_CHAIN	    16	   /* rule ids per trie entry */
#define XK_FILTER_MAX_RULES 131072 /* ids 1..XK_FILTER_MAX_RULES-1 */
#define XK_FILTER_TRIE_MAX  131072 /* entries per trie */

/* Map names (<= 15 characters: the kernel's limit). */
#define XK_FILTER_MAP_RULES "xk_filter_rules"
#define XK_FILTER_MAP_SRC4  "xk_filter_src4"
#define XK_FILTER_MAP_SRC6  "xk_filter_src6"
#define XK_FILTER_MAP_DST4  "xk_filter_dst4"
#define XK_FILTER_MAP_DST6  "xk_filter_dst6"
#define XK_FILTER_MAP_CFG   "xk_filter_cfg"
#define XK_FILTER_MAP_HITS  "xk_filter_hits"
#define XK_FILTER_MAP_XSRC4 "xk_filter_xsrc4" /* exact /32, /128 */
#define XK_FILTER_MAP_XSRC6 "xk_filter_xsrc6"
#define XK_FILTER_MAP_XDST4 "xk_filter_xdst4"
#define XK_FILTER_MAP_XDST6 "xk_filter_xdst6"
#define XK_FILTER_MAP_ANY   "xk_filter_any" /* each trie's /0 entry */

enum xk_filter_action {
	XK_FILTER_PASS = 0,
	XK_FILTER_DROP = 1,
	XK_FILTER_COUNT = 2,
};

/* struct xk_filter_rule.flags: which matches the rule has */
#define XK_FR_SRC   0x01
#define XK_FR_DST   0x02
#define XK_FR_PROTO 0x04
#define XK_FR_DPORT 0x08

struct xk_filter_rule {
	__u8 used;    /* 0: free slot */
	__u8 family;  /* 4, 6, or 0 when the rule has no prefix */
	__u8 flags;   /* XK_FR_* */
	__u8 action;  /* enum xk_filter_action */
	__u8 proto;   /* IP protocol when XK_FR_PROTO */
	__u8 src_len; /* prefix lengths when XK_FR_SRC / XK_FR_DST */
	__u8 dst_len;
	__u8 pad;
	__u16 dport_lo; /* host order, inclusive, when XK_FR_DPORT */
	__u16 dport_hi;
	__u32 pad2;
	__u8 src[16]; /* network order, host bits zero */
	__u8 dst[16];
};

/* struct xk_filter_chain.quick[i]: 0, the rule must be read and matched;
 * else it matches every packet that reaches this entry, and this is
 * XK_FILTER_QUICK + its action */
#define XK_FILTER_QUICK 1

struct xk_filter_chain {
	__u32 n;
	__u32 ids[XK_FILTER_CHAIN]; /* ascending */
	__u8 quick[XK_FILTER_CHAIN];
};

/* The key of the IPv6 exact-match hashes (IPv4's: the __u32 address,
 * network order). */
struct xk_filter_addr6 {
	__u8 addr[16];
};

/* The tries, in xk_filter_cfg.entries order. */
enum xk_filter_trie {
	XK_FILTER_SRC4 = 0,
	XK_FILTER_SRC6 = 1,
	XK_FILTER_DST4 = 2,
	XK_FILTER_DST6 = 3,
	XK_FILTER_NTRIES = 4,
};

struct xk_filter_cfg {
	__u32 default_action; /* XK_FILTER_PASS or XK_FILTER_DROP */
	/* What userspace put in the maps, so the program skips work that
	 * cannot match: the lookup of an empty trie, the counting pass when
	 * there is no count rule. Never below the truth while rules change
	 * (raised before the tries are written, lowered after). */
	__u32 entries[XK_FILTER_NTRIES];
	__u32 count_rules;
	__u32 exact[XK_FILTER_NTRIES]; /* entries of the exact hashes */
};

struct xk_filter_hits {
	__u64 packets;
	__u64 bytes;
};

_Static_assert(sizeof(struct xk_filter_rule) == 48, "filter rule layout");
_Static_assert(sizeof(struct xk_filter_cfg) == 40, "filter cfg layout");
_Static_assert(sizeof(struct xk_filter_chain) == 4 + 5 * XK_FILTER_CHAIN,
	       "filter chain layout");

#endif /* XDPKIT_FILTER_SCHEMA_H */
