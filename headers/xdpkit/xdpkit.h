/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * xdpkit: header-only, bounds-checked packet views for XDP, TC, read-only
 * skbs (add <xdpkit/skb_ro.h>) and userspace buffers. Start at parse.h.
 */
#ifndef XDPKIT_XDPKIT_H
#define XDPKIT_XDPKIT_H

#include "compat.h"
#include "ctx.h"
#include "view.h"
#include "parse.h"
#include "rewrite.h"
#include "encap.h"
#include "reply.h"

#endif /* XDPKIT_XDPKIT_H */
