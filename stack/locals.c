// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * What a wildcard endpoint means: the interface's own unicast addresses,
 * kept in the steering program's xk_locals map and kept current. An rtnetlink
 * socket subscribed to address changes tells us when to read them again;
 * the stack looks at it with its other rare work (xk_stack__pump's idle
 * round), so the steering program sends the kernel everything else
 * (broadcasts, multicast, addresses the interface does not have).
 *
 * Tentative IPv6 addresses (still in duplicate address detection) are left
 * out: the kernel does not accept packets to them either; the event that
 * ends DAD brings them in.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <bpf/bpf.h>
#include "internal.h"
#include "xdpkit/xsk_steer.h"

/* NLMSG_OK for a signed remainder: the UAPI macro compares it with the
 * unsigned nlmsg_len, and NLMSG_NEXT can take it below zero */
#define XK_NLMSG_OK(nh, rem)                                                   \
	((rem) >= (int)sizeof(struct nlmsghdr) &&                              \
	 (nh)->nlmsg_len >= sizeof(struct nlmsghdr) &&                         \
	 (nh)->nlmsg_len <= (__u32)(rem))

int xk_locals__open(void)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK,
		.nl_groups = RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR,
	};
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
			NETLINK_ROUTE);

	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* Did address events arrive? Reads them all (they only say "look again"). */
bool xk_locals__changed(int fd)
{
	char buf[8192];
	bool any = false;

	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		any = true;
	return any;
}

struct locals {
	struct xk_steer_local a[XK_STEER_MAX_LOCALS];
	int n;
};

static void add_addr(struct locals *l, const struct ifaddrmsg *ifa,
		     struct rtattr *rta, int len)
{
	unsigned int alen = ifa->ifa_family == AF_INET ? 4 : 16;
	const void *addr = NULL;
	struct xk_steer_local *e;

	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (RTA_PAYLOAD(rta) != alen)
			continue;
		/* IPv4: IFA_LOCAL is ours (IFA_ADDRESS is the peer of a
		 * point-to-point link); IPv6 has IFA_ADDRESS only */
		if (rta->rta_type == IFA_LOCAL ||
		    (rta->rta_type == IFA_ADDRESS && !addr))
			addr = RTA_DATA(rta);
	}
	if (!addr || l->n == XK_STEER_MAX_LOCALS)
		return;
	e = &l->a[l->n++];
	memset(e, 0, sizeof(*e));
	e->family = alen == 4 ? 4 : 6;
	memcpy(e->addr, addr, alen);
}

/* The address messages of one received buffer into @l: *@done at the end
 * of the dump or an error. Every length is checked before it is read. */
static int parse_addrs(char *buf, size_t n, int ifindex, struct locals *l,
		       bool *done)
{
	/* signed: NLMSG_NEXT subtracts the aligned length, which a last
	 * message of unaligned length makes larger than what is left */
	int rem = n > 65536 ? 65536 : (int)n;
	struct nlmsghdr *nh;

	for (nh = (struct nlmsghdr *)buf; XK_NLMSG_OK(nh, rem);
	     nh = NLMSG_NEXT(nh, rem)) {
		struct ifaddrmsg *ifa = NLMSG_DATA(nh);

		if (nh->nlmsg_type == NLMSG_DONE) {
			*done = true;
			return 0;
		}
		if (nh->nlmsg_type == NLMSG_ERROR) {
			struct nlmsgerr *e = NLMSG_DATA(nh);

			*done = true;
			if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
				return -EBADMSG;
			return e->error < 0 ? e->error : -EIO;
		}
		if (nh->nlmsg_type != RTM_NEWADDR ||
		    nh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifa)))
			continue;
		if ((int)ifa->ifa_index != ifindex ||
		    (ifa->ifa_family != AF_INET &&
		     ifa->ifa_family != AF_INET6) ||
		    (ifa->ifa_flags & IFA_F_TENTATIVE))
			continue;
		add_addr(l, ifa, IFA_RTA(ifa),
			 (int)(nh->nlmsg_len - NLMSG_LENGTH(sizeof(*ifa))));
	}
	return 0;
}

/* The unicast addresses of @ifindex, by an RTM_GETADDR dump. */
static int dump(int ifindex, struct locals *l)
{
	struct {
		struct nlmsghdr nh;
		struct ifaddrmsg ifa;
	} req = {
		.nh = {.nlmsg_len = sizeof(req),
		       .nlmsg_type = RTM_GETADDR,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
		       .nlmsg_seq = 1},
		.ifa = {.ifa_family = AF_UNSPEC},
	};
	char buf[16384] __attribute__((aligned(4)));
	int fd, err = 0;
	bool done = false;

	l->n = 0;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	if (send(fd, &req, sizeof(req), 0) < 0) {
		err = -errno;
		goto out;
	}
	while (!done) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);

		if (n <= 0) {
			err = n < 0 ? -errno : -EIO;
			break;
		}
		err = parse_addrs(buf, (size_t)n, ifindex, l, &done);
	}
out:
	close(fd);
	return err;
}

/* Make xk_locals (@map_fd) hold exactly the addresses @ifindex has now:
 * new ones first, then the ones gone. Returns how many it holds. */
int xk_locals__sync(int ifindex, int map_fd)
{
	struct xk_steer_local key, next, *gone;
	struct locals *l = calloc(1, sizeof(*l));
	int err, i, ngone = 0;
	__u32 one = 1;

	if (!l)
		return -ENOMEM;
	gone = calloc(XK_STEER_MAX_LOCALS, sizeof(*gone));
	if (!gone) {
		free(l);
		return -ENOMEM;
	}
	err = dump(ifindex, l);
	for (i = 0; !err && i < l->n; i++)
		if (bpf_map_update_elem(map_fd, &l->a[i], &one, BPF_ANY))
			err = -errno;
	if (err)
		goto out;
	if (!bpf_map_get_next_key(map_fd, NULL, &key)) {
		do {
			bool have = false;

			for (i = 0; i < l->n && !have; i++)
				have = !memcmp(&l->a[i], &key, sizeof(key));
			if (!have && ngone < XK_STEER_MAX_LOCALS)
				gone[ngone++] = key;
		} while (!bpf_map_get_next_key(map_fd, &key, &next) &&
			 (key = next, true));
	}
	for (i = 0; i < ngone; i++)
		bpf_map_delete_elem(map_fd, &gone[i]);
	err = l->n;
out:
	free(gone);
	free(l);
	return err;
}
