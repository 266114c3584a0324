// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Seeds for fuzz_nl: what the kernel really answers to the dumps and
 * queries libxdpkit makes (links, addresses, routes, neighbours, qdiscs,
 * tc filters), one received buffer per file, from the network namespace
 * this runs in.
 *   nl_seeds OUT_DIR
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

static int n_out;

static void dump(const char *dir, const char *what, __u16 type, __u8 family,
		 size_t hdr)
{
	struct {
		struct nlmsghdr nh;
		char body[64];
	} req;
	char buf[65536], path[512];
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	int part = 0, done = 0;

	if (fd < 0)
		return;
	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = NLMSG_LENGTH(hdr);
	req.nh.nlmsg_type = type;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.nh.nlmsg_seq = 1;
	req.body[0] = (char)family; /* every *msg starts with its family */
	if (send(fd, &req, req.nh.nlmsg_len, 0) < 0)
		goto out;
	while (!done && part < 16) {
		ssize_t len = recv(fd, buf, sizeof(buf), 0), got = len;
		struct nlmsghdr *nh = (struct nlmsghdr *)buf;
		FILE *f;

		if (len <= 0)
			break;
		for (; NLMSG_OK(nh, (unsigned)len); nh = NLMSG_NEXT(nh, len))
			if (nh->nlmsg_type == NLMSG_DONE ||
			    nh->nlmsg_type == NLMSG_ERROR)
				done = 1;
		snprintf(path, sizeof(path), "%s/%s-%d", dir, what, part++);
		f = fopen(path, "w");
		if (!f)
			break;
		fwrite(buf, 1, (size_t)got, f);
		fclose(f);
		n_out++;
	}
out:
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: nl_seeds OUT_DIR\n");
		return 2;
	}
	dump(argv[1], "link", RTM_GETLINK, AF_UNSPEC, sizeof(struct ifinfomsg));
	dump(argv[1], "addr", RTM_GETADDR, AF_UNSPEC, sizeof(struct ifaddrmsg));
	dump(argv[1], "route4", RTM_GETROUTE, AF_INET, sizeof(struct rtmsg));
	dump(argv[1], "route6", RTM_GETROUTE, AF_INET6, sizeof(struct rtmsg));
	dump(argv[1], "neigh", RTM_GETNEIGH, AF_UNSPEC, sizeof(struct ndmsg));
	dump(argv[1], "qdisc", RTM_GETQDISC, AF_UNSPEC, sizeof(struct tcmsg));
	printf("nl_seeds: %d replies into %s\n", n_out, argv[1]);
	return n_out ? 0 : 1;
}
