// SPDX-License-Identifier: GPL-2.0
/*
 * A TCP server in userspace over AF_XDP: answers each line upper-cased, on
 * port 8080 of the interface's own addresses, which the kernel keeps using
 * for everything else (ping, ARP, its own ports). Usage: tcp_server IFNAME
 */
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <netinet/in.h>
#include <xdpkit/stack.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

/* A connection something happened to: answer what it sent. */
static void serve(struct xk_tcp_sock *k)
{
	char buf[4096];
	long n, i;

	while ((n = xk_tcp__recv(k, buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++)
			buf[i] = (char)toupper((unsigned char)buf[i]);
		xk_tcp__send(k, buf, n); /* small answers fit the buffer */
	}
	if (n != -EAGAIN) /* 0: the peer is done; < 0: it failed */
		xk_tcp__close(k);
}

int main(int argc, char **argv)
{
	struct sockaddr_in6 any = {.sin6_family = AF_INET6,
				   .sin6_port = htons(8080)};
	struct xk_tcp_sock *l = NULL, *k, *ready[16];
	struct xk_stack *s = NULL;
	int i, n;

	if (argc > 1 && (s = xk_stack__open(argv[1], NULL)))
		l = xk_tcp__listen(s, (struct sockaddr *)&any, sizeof(any), 64);
	if (!l) {
		fprintf(stderr, "tcp_server: %s\n",
			s ? xk_errmsg() : "usage: tcp_server IFNAME");
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	while (!stop) {
		struct pollfd p = {.fd = xk_stack__fd(s), .events = POLLIN};

		n = xk_tcp__ready(s, ready, 16);
		if (!n)
			poll(&p, 1, -1);
		for (i = 0; i < n; i++) {
			if (ready[i] != l)
				serve(ready[i]);
			else /* new connections: their data comes as events */
				while ((k = xk_tcp__accept(l)))
					xk_tcp__nodelay(k, true);
		}
	}
	xk_stack__close(s); /* FIN to every connection, steering detached */
	return 0;
}
