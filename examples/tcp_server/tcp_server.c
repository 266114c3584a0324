// SPDX-License-Identifier: GPL-2.0
/* A TCP server in userspace over AF_XDP: answers each line with it upper-
 * cased, on port 8080 of the interface's own addresses, which the kernel
 * keeps using for everything else.  Usage: tcp_server IFNAME */
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <netinet/in.h>
#include <xdpkit/stack.h>

static volatile sig_atomic_t stop;
static void on_signal(int sig) { stop = sig; }

int main(int argc, char **argv)
{
	struct sockaddr_in6 any = {.sin6_family = AF_INET6, .sin6_port = htons(8080)};
	struct xk_stack *s = argc > 1 ? xk_stack__open(argv[1], NULL) : NULL;
	struct xk_tcp_sock *l, *k, *ready[16];
	char buf[4096];
	long n;

	if (!s || !(l = xk_tcp__listen(s, (struct sockaddr *)&any, sizeof(any), 64))) {
		fprintf(stderr, "tcp_server: %s\n", argc > 1 ? xk_errmsg() : "usage: tcp_server IFNAME");
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	while (!stop) {
		int i, r = xk_tcp__ready(s, ready, 16);

		if (!r)
			poll(&(struct pollfd){.fd = xk_stack__fd(s), .events = POLLIN}, 1, -1);
		for (i = 0; i < r; i++) {
			if (ready[i] == l) { /* take them: their data comes as events */
				while ((k = xk_tcp__accept(l)))
					xk_tcp__nodelay(k, true);
				continue;
			}
			while ((n = xk_tcp__recv(ready[i], buf, sizeof(buf))) > 0) {
				for (long j = 0; j < n; j++)
					buf[j] = (char)toupper((unsigned char)buf[j]);
				xk_tcp__send(ready[i], buf, n); /* small answers: the buffer has room */
			}
			if (n == 0 || (n < 0 && n != -EAGAIN))
				xk_tcp__close(ready[i]); /* peer done, or failed */
		}
	}
	xk_stack__close(s); /* FIN to every connection, steering detached */
	return 0;
}
