// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Ring buffer consumer: libbpf's ring_buffer behind an xk_map. */
#include <errno.h>
#include <stdlib.h>
#include <bpf/libbpf.h>
#include "internal.h"

struct xk_ringbuf {
	struct ring_buffer *rb;
};

struct xk_ringbuf *xk_ringbuf__new(const struct xk_map *m, xk_ringbuf_fn cb,
				   void *ctx)
{
	struct xk_ringbuf *r;

	if (m->info.type != BPF_MAP_TYPE_RINGBUF) {
		xk_err(-EINVAL, "map '%s' is a %s, not a ring buffer",
		       m->info.name, xk_map__type_str(m));
		return NULL;
	}
	r = calloc(1, sizeof(*r));
	if (!r) {
		errno = ENOMEM;
		return NULL;
	}
	r->rb = ring_buffer__new(m->fd, (ring_buffer_sample_fn)cb, ctx, NULL);
	if (!r->rb) {
		xk_err(-errno, "cannot map ring buffer '%s': %m", m->info.name);
		free(r);
		return NULL;
	}
	return r;
}

int xk_ringbuf__poll(struct xk_ringbuf *r, int timeout_ms)
{
	int n = ring_buffer__poll(r->rb, timeout_ms);

	return n == -EINTR ? 0 : n;
}

int xk_ringbuf__consume(struct xk_ringbuf *r)
{
	return ring_buffer__consume(r->rb);
}

int xk_ringbuf__epoll_fd(const struct xk_ringbuf *r)
{
	return ring_buffer__epoll_fd(r->rb);
}

void xk_ringbuf__free(struct xk_ringbuf *r)
{
	if (!r)
		return;
	ring_buffer__free(r->rb);
	free(r);
}
