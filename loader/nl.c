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
		struct nlmsghdr *nh;

		if (len < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		for (nh = (void *)buf; NLMSG_OK(nh, (size_t)len);
		     nh = NLMSG_NEXT(nh, len)) {
			if (nh->nlmsg_type == NLMSG_DONE) {
				done = true;
				break;
			}
			if (nh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nh);

				err = e->error;
				done = true;
				break;
			}
			if (!err)
				err = cb(nh, arg);
			if (!(nh->nlmsg_flags & NLM_F_MULTI))
				done = true;
		}
	}
out:
	close(fd);
	return err;
}

static void parse_attrs(struct rtattr **tb, int max, struct rtattr *rta,
			int len)
{
	memset(tb, 0, sizeof(*tb) * (max + 1));
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		unsigned short t = rta->rta_type & ~NLA_F_NESTED;

		if (t <= max)
			tb[t] = rta;
	}
}

static __u32 rta_u32(struct rtattr *a)
{
	return a ? *(__u32 *)RTA_DATA(a) : 0;
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

	if (nh->nlmsg_type != RTM_NEWLINK)
		return 0;
	l = vec_push(arg);
	if (!l)
		return -ENOMEM;
	parse_attrs(tb, IFLA_MAX, IFLA_RTA(ifi), IFLA_PAYLOAD(nh));
	l->ifindex = ifi->ifi_index;
	if (tb[IFLA_IFNAME])
		strncpy(l->name, RTA_DATA(tb[IFLA_IFNAME]),
			sizeof(l->name) - 1);
	if (!tb[IFLA_XDP])
		return 0;
	parse_attrs(xdp, IFLA_XDP_MAX, RTA_DATA(tb[IFLA_XDP]),
		    RTA_PAYLOAD(tb[IFLA_XDP]));
	if (xdp[IFLA_XDP_ATTACHED])
		l->xdp_attached = *(__u8 *)RTA_DATA(xdp[IFLA_XDP_ATTACHED]);
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

	if (nh->nlmsg_type != RTM_NEWTFILTER)
		return 0;
	parse_attrs(tb, TCA_MAX, TCA_RTA(t), TCA_PAYLOAD(nh));
	if (!tb[TCA_KIND] || strcmp(RTA_DATA(tb[TCA_KIND]), "bpf") ||
	    !tb[TCA_OPTIONS])
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

	if (nh->nlmsg_type != RTM_NEWQDISC)
		return 0;
	parse_attrs(tb, TCA_MAX, TCA_RTA(t), TCA_PAYLOAD(nh));
	if (t->tcm_ifindex == found[1] && tb[TCA_KIND] &&
	    !strcmp(RTA_DATA(tb[TCA_KIND]), "clsact"))
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
