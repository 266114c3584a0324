// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * rtnetlink dumps: every link with its XDP ids, every cls_bpf filter on a
 * clsact hook, and clsact presence. libbpf's bpf_xdp_query walks one link
 * per call and bpf_tc_query finds one known handle/priority only, so status
 * would need many round trips or could not list at all.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include "internal.h"

#ifndef TC_H_CLSACT
#define TC_H_CLSACT TC_H_INGRESS
#endif
#ifndef TC_H_MIN_INGRESS
#define TC_H_MIN_INGRESS 0xFFF2U
#define TC_H_MIN_EGRESS	 0xFFF3U
#endif

typedef int (*nl_cb)(struct nlmsghdr *nh, void *arg);

/* NLMSG_OK for a signed remainder: the UAPI macro compares it with the
 * unsigned nlmsg_len, and NLMSG_NEXT can take it below zero */
#define XK_NLMSG_OK(nh, rem)                                                   \
	((rem) >= (int)sizeof(struct nlmsghdr) &&                              \
	 (nh)->nlmsg_len >= sizeof(struct nlmsghdr) &&                         \
	 (nh)->nlmsg_len <= (__u32)(rem))

static int nl_open(void)
{
	struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
	int one = 1, fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		close(fd);
		return -errno;
	}
	return fd;
}

/*
 * Feed the messages of one received buffer to @cb: *@done once DONE, an
 * error or a message that is not part of a dump arrives. Everything the
 * kernel sends is checked before it is read (lengths of messages, their
 * fixed headers and attributes): a short message is skipped, not read
 * past. Returns the first error (the kernel's or @cb's).
 */
static int nl_feed(char *buf, size_t len, nl_cb cb, void *arg, int err,
		   bool *done)
{
	/* signed: NLMSG_NEXT subtracts the aligned length, which a last
	 * message of unaligned length makes larger than what is left */
	int rem = len > 65536 ? 65536 : (int)len;
	struct nlmsghdr *nh;

	for (nh = (void *)buf; !*done && XK_NLMSG_OK(nh, rem);
	     nh = NLMSG_NEXT(nh, rem)) {
		if (nh->nlmsg_type == NLMSG_DONE) {
			*done = true;
			break;
		}
		if (nh->nlmsg_type == NLMSG_ERROR) {
			struct nlmsgerr *e = NLMSG_DATA(nh);

			*done = true;
			if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
				return err ? err : -EBADMSG;
			return err ? err : e->error > 0 ? -EBADMSG : e->error;
		}
		if (!err)
			err = cb(nh, arg);
		if (!(nh->nlmsg_flags & NLM_F_MULTI))
			*done = true;
	}
	return err;
}

/* Send one request and feed every reply message to cb until DONE/ACK. */
static int nl_talk(struct nlmsghdr *req, nl_cb cb, void *arg)
{
	char buf[32768] __attribute__((aligned(4)));
	int fd, err = 0;
	bool done = false;

	fd = nl_open();
	if (fd < 0)
		return fd;
	req->nlmsg_seq = 1;
	if (send(fd, req, req->nlmsg_len, 0) < 0) {
		err = -errno;
		goto out;
	}
	while (!done) {
		ssize_t len = recv(fd, buf, sizeof(buf), 0);

		if (len < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (len == 0)
			break;
		err = nl_feed(buf, (size_t)len, cb, arg, err, &done);
	}
out:
	close(fd);
	return err;
}

static void parse_attrs(struct rtattr **tb, int max, struct rtattr *rta,
			int len)
{
	memset(tb, 0, sizeof(*tb) * (max + 1));
	for (; len > 0 && RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		unsigned short t = rta->rta_type & ~NLA_F_NESTED;

		if (t <= max)
			tb[t] = rta;
	}
}

/* Attribute payloads as the kernel sends them, or 0 / "" when the
 * attribute is missing or shorter than its type. */
static __u32 rta_u32(struct rtattr *a)
{
	__u32 v = 0;

	if (a && RTA_PAYLOAD(a) >= sizeof(v))
		memcpy(&v, RTA_DATA(a), sizeof(v));
	return v;
}

static __u8 rta_u8(struct rtattr *a)
{
	return a && RTA_PAYLOAD(a) >= 1 ? *(__u8 *)RTA_DATA(a) : 0;
}

static bool rta_str_is(struct rtattr *a, const char *s)
{
	size_t n = strlen(s);

	/* the payload holds s and its NUL, or exactly s */
	return a && (RTA_PAYLOAD(a) == n || RTA_PAYLOAD(a) == n + 1) &&
	       !memcmp(RTA_DATA(a), s, n);
}

/* Payload length after a message's fixed header of @hdr bytes, or -1
 * when the message is too short to hold that header. */
static int nl_payload(const struct nlmsghdr *nh, size_t hdr)
{
	if (nh->nlmsg_len < NLMSG_LENGTH(hdr))
		return -1;
	return (int)(nh->nlmsg_len - NLMSG_SPACE(hdr));
}

struct vec {
	void *v;
	int n, cap;
	size_t esz;
};

static void *vec_push(struct vec *v)
{
	if (v->n == v->cap) {
		int cap = v->cap ? v->cap * 2 : 8;
		void *p = realloc(v->v, cap * v->esz);

		if (!p)
			return NULL;
		v->v = p;
		v->cap = cap;
	}
	return memset((char *)v->v + v->esz * v->n++, 0, v->esz);
}

static int link_cb(struct nlmsghdr *nh, void *arg)
{
	struct ifinfomsg *ifi = NLMSG_DATA(nh);
	struct rtattr *tb[IFLA_MAX + 1], *xdp[IFLA_XDP_MAX + 1];
	struct xk_nl_link *l;

	int plen = nl_payload(nh, sizeof(*ifi));

	if (nh->nlmsg_type != RTM_NEWLINK || plen < 0)
		return 0;
	l = vec_push(arg);
	if (!l)
		return -ENOMEM;
	parse_attrs(tb, IFLA_MAX, IFLA_RTA(ifi), plen);
	l->ifindex = ifi->ifi_index;
	if (tb[IFLA_IFNAME]) {
		size_t n = RTA_PAYLOAD(tb[IFLA_IFNAME]);

		memcpy(l->name, RTA_DATA(tb[IFLA_IFNAME]),
		       n < sizeof(l->name) - 1 ? n : sizeof(l->name) - 1);
	}
	if (!tb[IFLA_XDP])
		return 0;
	parse_attrs(xdp, IFLA_XDP_MAX, RTA_DATA(tb[IFLA_XDP]),
		    RTA_PAYLOAD(tb[IFLA_XDP]));
	l->xdp_attached = rta_u8(xdp[IFLA_XDP_ATTACHED]);
	l->xdp_id = rta_u32(xdp[IFLA_XDP_PROG_ID]);
	l->drv_id = rta_u32(xdp[IFLA_XDP_DRV_PROG_ID]);
	l->skb_id = rta_u32(xdp[IFLA_XDP_SKB_PROG_ID]);
	l->hw_id = rta_u32(xdp[IFLA_XDP_HW_PROG_ID]);
	/* Single-mode replies carry only PROG_ID; spread it to its slot. */
	if (l->xdp_attached == XDP_ATTACHED_DRV)
		l->drv_id = l->xdp_id;
	else if (l->xdp_attached == XDP_ATTACHED_SKB)
		l->skb_id = l->xdp_id;
	else if (l->xdp_attached == XDP_ATTACHED_HW)
		l->hw_id = l->xdp_id;
	return 0;
}

int xk_nl__links(int ifindex, struct xk_nl_link **out)
{
	struct {
		struct nlmsghdr nh;
		struct ifinfomsg ifi;
		char attrs[16];
	} req = {
		.nh.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg)),
		.nh.nlmsg_type = RTM_GETLINK,
		.nh.nlmsg_flags = NLM_F_REQUEST | (ifindex ? 0 : NLM_F_DUMP),
		.ifi.ifi_family = AF_UNSPEC,
		.ifi.ifi_index = ifindex,
	};
	struct rtattr *rta = (void *)((char *)&req + req.nh.nlmsg_len);
	struct vec v = {.esz = sizeof(struct xk_nl_link)};
	int err;

	/* Counters are the bulk of a link dump and we never read them. */
	rta->rta_type = IFLA_EXT_MASK;
	rta->rta_len = RTA_LENGTH(sizeof(__u32));
	*(__u32 *)RTA_DATA(rta) = RTEXT_FILTER_SKIP_STATS;
	req.nh.nlmsg_len += RTA_ALIGN(rta->rta_len);

	err = nl_talk(&req.nh, link_cb, &v);
	if (err) {
		free(v.v);
		return err;
	}
	*out = v.v;
	return v.n;
}

static int filter_cb(struct nlmsghdr *nh, void *arg)
{
	struct tcmsg *t = NLMSG_DATA(nh);
	struct rtattr *tb[TCA_MAX + 1], *opt[TCA_BPF_MAX + 1];
	struct xk_nl_filter *f;

	int plen = nl_payload(nh, sizeof(*t));

	if (nh->nlmsg_type != RTM_NEWTFILTER || plen < 0)
		return 0;
	parse_attrs(tb, TCA_MAX, TCA_RTA(t), plen);
	if (!rta_str_is(tb[TCA_KIND], "bpf") || !tb[TCA_OPTIONS])
		return 0; /* not cls_bpf, or the per-priority header */
	parse_attrs(opt, TCA_BPF_MAX, RTA_DATA(tb[TCA_OPTIONS]),
		    RTA_PAYLOAD(tb[TCA_OPTIONS]));
	if (!opt[TCA_BPF_ID])
		return 0;
	f = vec_push(arg);
	if (!f)
		return -ENOMEM;
	f->handle = t->tcm_handle;
	f->prio = TC_H_MAJ(t->tcm_info) >> 16;
	f->prog_id = rta_u32(opt[TCA_BPF_ID]);
	return 0;
}

int xk_nl__filters(int ifindex, bool egress, struct xk_nl_filter **out)
{
	struct {
		struct nlmsghdr nh;
		struct tcmsg t;
	} req = {
		.nh.nlmsg_len = NLMSG_LENGTH(sizeof(struct tcmsg)),
		.nh.nlmsg_type = RTM_GETTFILTER,
		.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
		.t.tcm_family = AF_UNSPEC,
		.t.tcm_ifindex = ifindex,
		.t.tcm_parent =
			TC_H_MAKE(TC_H_CLSACT,
				  egress ? TC_H_MIN_EGRESS : TC_H_MIN_INGRESS),
	};
	struct vec v = {.esz = sizeof(struct xk_nl_filter)};
	int err;

	err = nl_talk(&req.nh, filter_cb, &v);
	/* No clsact qdisc: the kernel says EINVAL; that is "no filters". */
	if (err == -EINVAL || err == -ENOENT)
		err = 0;
	if (err) {
		free(v.v);
		return err;
	}
	*out = v.v;
	return v.n;
}

static int qdisc_cb(struct nlmsghdr *nh, void *arg)
{
	struct tcmsg *t = NLMSG_DATA(nh);
	struct rtattr *tb[TCA_MAX + 1];
	int *found = arg;

	int plen = nl_payload(nh, sizeof(*t));

	if (nh->nlmsg_type != RTM_NEWQDISC || plen < 0)
		return 0;
	parse_attrs(tb, TCA_MAX, TCA_RTA(t), plen);
	if (t->tcm_ifindex == found[1] && rta_str_is(tb[TCA_KIND], "clsact"))
		found[0] = 1;
	return 0;
}

int xk_nl__has_clsact(int ifindex)
{
	struct {
		struct nlmsghdr nh;
		struct tcmsg t;
	} req = {
		.nh.nlmsg_len = NLMSG_LENGTH(sizeof(struct tcmsg)),
		.nh.nlmsg_type = RTM_GETQDISC,
		.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
		.t.tcm_family = AF_UNSPEC,
		.t.tcm_ifindex = ifindex,
	};
	int found[2] = {0, ifindex}, err;

	err = nl_talk(&req.nh, qdisc_cb, found);
	return err ? err : found[0];
}
