// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Next hops the kernel's way: RTM_GETROUTE says which device, gateway and
 * source address a destination takes, RTM_GETNEIGH gives the next hop's
 * MAC. A next hop without a usable entry is handed back to the kernel to
 * resolve (RTM_NEWNEIGH with NTF_USE, which sends the ARP or NDP
 * solicitation as if the kernel had a packet for it). Answers are cached
 * for a second, misses for 50 ms, so a busy sender asks netlink rarely.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include "internal.h"

#define NC_SIZE	  1024
#define NC_TTL_NS 1000000000ull
#define NC_NEG_NS 50000000ull

struct nc_ent {
	__u8 used, family, ok;
	__u8 dst[16];
	__u64 expires;
	struct xk_nh nh;
	int err;
};

struct xk_neigh {
	int fd;
	int ifindex;
	__u32 seq;
	struct nc_ent c[NC_SIZE];
};

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

struct xk_neigh *xk_neigh__new(int ifindex)
{
	struct xk_neigh *n = calloc(1, sizeof(*n));
	struct timeval tv = {.tv_sec = 1};

	if (!n)
		return NULL;
	n->ifindex = ifindex;
	n->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (n->fd < 0) {
		free(n);
		return NULL;
	}
	setsockopt(n->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return n;
}

void xk_neigh__free(struct xk_neigh *n)
{
	if (!n)
		return;
	close(n->fd);
	free(n);
}

struct req {
	struct nlmsghdr h;
	union {
		struct rtmsg r;
		struct ndmsg nd;
		struct ifinfomsg ifi;
	};
	char attrs[128];
};

static void put_attr(struct req *q, int type, const void *v, int len)
{
	struct rtattr *a = (void *)((char *)q + NLMSG_ALIGN(q->h.nlmsg_len));

	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(a), v, len);
	q->h.nlmsg_len = NLMSG_ALIGN(q->h.nlmsg_len) + RTA_ALIGN(a->rta_len);
}

/* Send q, read the one answer into buf: its length, or -errno. */
static int talk(struct xk_neigh *n, struct req *q, char *buf, int sz)
{
	struct nlmsghdr *h;
	int len;

	q->h.nlmsg_seq = ++n->seq;
	if (send(n->fd, q, q->h.nlmsg_len, 0) < 0)
		return -errno;
	for (;;) {
		len = recv(n->fd, buf, sz, 0);
		if (len < 0)
			return -errno;
		h = (struct nlmsghdr *)buf;
		if (!NLMSG_OK(h, (unsigned)len) || h->nlmsg_seq != n->seq)
			continue; /* a late answer to an earlier query */
		if (h->nlmsg_type == NLMSG_ERROR)
			return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
		return len;
	}
}

/*
 * Replies are read only as far as they reach: talk() has checked the
 * message fits what was received, these check its fixed header and every
 * attribute's payload against what they read.
 */
static int route_parse(const struct nlmsghdr *h, int alen, const __u8 *dst,
		       int *oif, __u8 *hop, __u8 *src)
{
	const struct rtmsg *r = NLMSG_DATA(h);
	struct rtattr *a;
	int len;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*r)))
		return -EBADMSG;
	if (r->rtm_type != RTN_UNICAST && r->rtm_type != RTN_LOCAL)
		return -ENETUNREACH;
	*oif = 0;
	memcpy(hop, dst, alen);
	memset(src, 0, 16);
	len = RTM_PAYLOAD(h);
	for (a = RTM_RTA(r); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == RTA_OIF && RTA_PAYLOAD(a) >= sizeof(int))
			memcpy(oif, RTA_DATA(a), sizeof(int));
		else if (a->rta_type == RTA_GATEWAY &&
			 RTA_PAYLOAD(a) == (unsigned)alen)
			memcpy(hop, RTA_DATA(a), alen);
		else if (a->rta_type == RTA_PREFSRC &&
			 RTA_PAYLOAD(a) == (unsigned)alen)
			memcpy(src, RTA_DATA(a), alen);
	}
	return 0;
}

/* From a link reply: is it a VLAN device on @ifindex (*vlan = its id)? */
static int link_parse(const struct nlmsghdr *h, int ifindex, __u16 *vlan)
{
	struct rtattr *a, *li, *d;
	int len, link = 0, l2, l3;
	char kind[16] = "";

	*vlan = 0;
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifinfomsg)))
		return -EBADMSG;
	len = IFLA_PAYLOAD(h);
	for (a = IFLA_RTA(NLMSG_DATA(h)); RTA_OK(a, len);
	     a = RTA_NEXT(a, len)) {
		if (a->rta_type == IFLA_LINK && RTA_PAYLOAD(a) >= sizeof(int))
			memcpy(&link, RTA_DATA(a), sizeof(int));
		if (a->rta_type != IFLA_LINKINFO)
			continue;
		l2 = RTA_PAYLOAD(a);
		for (li = RTA_DATA(a); RTA_OK(li, l2); li = RTA_NEXT(li, l2)) {
			if (li->rta_type == IFLA_INFO_KIND)
				memcpy(kind, RTA_DATA(li),
				       RTA_PAYLOAD(li) < 15 ? RTA_PAYLOAD(li)
							    : 15);
			if (li->rta_type != IFLA_INFO_DATA)
				continue;
			l3 = RTA_PAYLOAD(li);
			for (d = RTA_DATA(li); RTA_OK(d, l3);
			     d = RTA_NEXT(d, l3))
				if (d->rta_type == IFLA_VLAN_ID &&
				    RTA_PAYLOAD(d) >= sizeof(__u16))
					memcpy(vlan, RTA_DATA(d),
					       sizeof(__u16));
		}
	}
	if (link != ifindex || strcmp(kind, "vlan") || !*vlan)
		return -ENETUNREACH;
	return 0;
}

/* From a neighbour reply: the MAC (1 if usable as it is, 2 if STALE and to
 * be confirmed), 0 if there is none yet. */
static int neigh_parse(const struct nlmsghdr *h, __u8 *mac)
{
	const struct ndmsg *nd = NLMSG_DATA(h);
	struct rtattr *a;
	bool have = false;
	int len;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*nd)))
		return 0;
	len = RTM_PAYLOAD(h);
	for (a = (struct rtattr *)((char *)nd + NLMSG_ALIGN(sizeof(*nd)));
	     RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == NDA_LLADDR && RTA_PAYLOAD(a) == 6) {
			memcpy(mac, RTA_DATA(a), 6);
			have = true;
		}
	if (!have || !(nd->ndm_state & (NUD_REACHABLE | NUD_STALE | NUD_DELAY |
					NUD_PROBE | NUD_PERMANENT | NUD_NOARP)))
		return 0;
	return nd->ndm_state & NUD_STALE ? 2 : 1;
}

/* The route to dst: oif, gateway (or dst), preferred source. */
static int route(struct xk_neigh *n, int family, const __u8 *dst, int *oif,
		 __u8 *hop, __u8 *src)
{
	int alen = family == AF_INET ? 4 : 16, len;
	char buf[4096] __attribute__((aligned(4)));
	struct req q;
	struct nlmsghdr *h = (void *)buf;

	memset(&q, 0, sizeof(q));
	q.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg));
	q.h.nlmsg_type = RTM_GETROUTE;
	q.h.nlmsg_flags = NLM_F_REQUEST;
	q.r.rtm_family = family;
	q.r.rtm_dst_len = alen * 8;
	put_attr(&q, RTA_DST, dst, alen);
	len = talk(n, &q, buf, sizeof(buf));
	if (len < 0)
		return len;
	return route_parse(h, alen, dst, oif, hop, src);
}

/* Is oif our device, or a VLAN device on top of it (*vlan = its id)? */
static int vlan_of(struct xk_neigh *n, int oif, __u16 *vlan)
{
	char buf[8192] __attribute__((aligned(4)));
	struct nlmsghdr *h = (void *)buf;
	struct req q;
	int len;

	*vlan = 0;
	if (oif == n->ifindex)
		return 0;
	memset(&q, 0, sizeof(q));
	q.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
	q.h.nlmsg_type = RTM_GETLINK;
	q.h.nlmsg_flags = NLM_F_REQUEST;
	q.ifi.ifi_index = oif;
	len = talk(n, &q, buf, sizeof(buf));
	if (len < 0)
		return len;
	return link_parse(h, n->ifindex, vlan);
}

/* The neighbour entry's MAC if usable; else ask the kernel to resolve. */
static int neigh(struct xk_neigh *n, int family, const __u8 *hop, int oif,
		 __u8 *mac)
{
	int alen = family == AF_INET ? 4 : 16, len;
	char buf[1024] __attribute__((aligned(4)));
	struct nlmsghdr *h = (void *)buf;
	struct req q;
	bool have = false;

	memset(&q, 0, sizeof(q));
	q.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct ndmsg));
	q.h.nlmsg_type = RTM_GETNEIGH;
	q.h.nlmsg_flags = NLM_F_REQUEST;
	q.nd.ndm_family = family;
	q.nd.ndm_ifindex = oif;
	put_attr(&q, NDA_DST, hop, alen);
	len = talk(n, &q, buf, sizeof(buf));
	if (len > 0) {
		int got = neigh_parse(h, mac);

		/* a STALE entry is used as the kernel would, and NTF_USE
		 * below lets the kernel confirm it */
		if (got == 1)
			return 0;
		have = got == 2;
	}
	memset(&q, 0, sizeof(q));
	q.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct ndmsg));
	q.h.nlmsg_type = RTM_NEWNEIGH;
	q.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_ACK;
	q.nd.ndm_family = family;
	q.nd.ndm_ifindex = oif;
	q.nd.ndm_flags = NTF_USE;
	put_attr(&q, NDA_DST, hop, alen);
	talk(n, &q, buf, sizeof(buf));
	return have ? 0 : -EAGAIN;
}

int xk_neigh__lookup(struct xk_neigh *n, int family, const __u8 *dst,
		     struct xk_nh *nh)
{
	int alen = family == AF_INET ? 4 : 16, oif, err;
	__u32 h = 2166136261u;
	struct nc_ent *e;
	__u8 hop[16];
	__u64 t;
	int i;

	for (i = 0; i < alen; i++)
		h = (h ^ dst[i]) * 16777619u;
	e = &n->c[h % NC_SIZE];
	t = now_ns();
	if (e->used && e->family == family && !memcmp(e->dst, dst, alen) &&
	    t < e->expires) {
		if (!e->ok)
			return e->err;
		*nh = e->nh;
		return 0;
	}
	memset(e, 0, sizeof(*e));
	e->used = 1;
	e->family = family;
	memcpy(e->dst, dst, alen);
	err = route(n, family, dst, &oif, hop, e->nh.src);
	if (!err && !oif)
		err = -ENETUNREACH;
	if (!err)
		err = vlan_of(n, oif, &e->nh.vlan);
	if (err && err != -EAGAIN)
		err = -ENETUNREACH;
	if (!err)
		err = neigh(n, family, hop, oif, e->nh.mac);
	e->ok = !err;
	e->err = err;
	e->expires = t + (err ? NC_NEG_NS : NC_TTL_NS);
	if (!err)
		*nh = e->nh;
	return err;
}

int xk_nexthop__resolve(int ifindex, int family, const void *dst,
			int timeout_ms, struct xk_nexthop *out)
{
	struct xk_neigh *n = xk_neigh__new(ifindex);
	__u64 until = now_ns() + (__u64)timeout_ms * 1000000ull;
	struct xk_nh nh;
	int err;

	if (!n)
		return -errno;
	/* the first miss asked the kernel; a negative answer is cached
	 * for NC_NEG_NS, so asking again sooner changes nothing */
	while ((err = xk_neigh__lookup(n, family, dst, &nh)) == -EAGAIN &&
	       now_ns() < until)
		usleep(NC_NEG_NS / 1000);
	if (err == -EAGAIN) {
		int oif;
		__u8 hop[16];

		/* the route is known: its source address still helps */
		memset(out, 0, sizeof(*out));
		route(n, family, dst, &oif, hop, out->src);
		xk_neigh__free(n);
		return xk_err(-EHOSTUNREACH,
			      "no neighbour answered for the next hop in %d ms",
			      timeout_ms);
	}
	xk_neigh__free(n);
	if (err)
		return err;
	memcpy(out->mac, nh.mac, 6);
	out->vlan = nh.vlan;
	memcpy(out->src, nh.src, 16);
	return 0;
}
