/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The context layer: one packet handle for every place a packet can be.
 *
 *   struct xk_pkt     mutable:   XDP (xk_pkt_xdp), TC skb (xk_pkt_tc),
 *                                userspace buffer (xk_pkt_buf)
 *   struct xk_pkt_ro  read-only: socket filter / cgroup_skb
 *                                (xk_pkt_skb_ro, in <xdpkit/skb_ro.h>),
 *                                userspace buffer (xk_pkt_buf_ro)
 *
 * Both wrap the same base; the context kind is a constant that folds away
 * once the always-inline parsers are inlined, so one source serves XDP and
 * TC with no run-time dispatch. Mutability lives in the type: every setter
 * only accepts struct xk_pkt and mutable views (see view.h), so writing
 * through a read-only context does not compile.
 */
#ifndef XDPKIT_CTX_H
#define XDPKIT_CTX_H

#include "compat.h"

/**
 * enum xk_err, XK_OK, XK_ETRUNC, XK_EBADLEN, XK_EDEPTH, XK_EVERSION,
 * XK_EUNSUP, XK_EHELPER, XK_ENOROOM - result codes
 *
 * Every parser and rewrite returns 0 (XK_OK) or one of these, negative:
 * XK_ETRUNC a header runs past the data that may be read; XK_EBADLEN a
 * length field is invalid (IHL < 5, TCP data offset < 5, a UDP length below
 * 8, an option running past its header); XK_EDEPTH more VLAN tags or IPv6
 * extension headers than XK_VLAN_MAX_DEPTH / XK_IPV6_EXT_MAX; XK_EVERSION
 * the IP version disagrees with the ethertype; XK_EUNSUP a header refused as
 * Linux refuses it (GRE version 1 or routing, VXLAN without its I flag,
 * Geneve version != 0) or a rewrite that does not apply to this packet;
 * XK_EHELPER a BPF helper refused (TC: the skb is not writable, say);
 * XK_ENOROOM no room to grow the packet into.
 */
/* Parser error codes: negative, returned by every parser. */
enum xk_err {
	XK_OK = 0,
	XK_ETRUNC = -1,	  /* a header runs past the data we may read */
	XK_EBADLEN = -2,  /* a length field is invalid (IHL<5, doff<5, ...) */
	XK_EDEPTH = -3,	  /* more VLAN tags / IPv6 ext headers than allowed */
	XK_EVERSION = -4, /* IP version field disagrees with the ethertype */
	XK_EUNSUP = -5,	  /* a header we refuse (GRE v1/routing, VXLAN w/o I),
			   * or a rewrite that does not apply to this packet */
	XK_EHELPER = -6,  /* a BPF helper refused (e.g. skb not writable) */
	XK_ENOROOM = -7,  /* no headroom left to grow the packet into */
};

/**
 * DOC: Limits
 *
 * Macros a program may define before including xdpkit, to change a limit.
 *
 * XK_MAX_OFF (0x3fff): offsets beyond it are refused, which keeps every
 * packet offset provably bounded for the verifier; a power of 2 minus 1.
 * XK_TC_PULL (256): TC pulls this many bytes of a non-linear skb into its
 * linear area before parsing (bpf_skb_pull_data): headers past it in TC are
 * XK_ETRUNC. XK_RO_COPY (256): a read-only skb context copies this many
 * bytes to parse (bpf_skb_load_bytes): headers past it are XK_ETRUNC.
 * XK_VLAN_MAX_DEPTH (2): in-frame VLAN tags walked. XK_IPV6_EXT_MAX (6):
 * IPv6 extension headers walked. XK_NDP_OPT_MAX (8): NDP options walked.
 * XK_VXLAN_PORT (4789), XK_VXLAN_PORT_ALT (8472), XK_GENEVE_PORT (6081): the
 * UDP destination ports tunnels are recognised on (see tunnel.h).
 */
/* Offsets beyond this are refused: keeps the verifier's 0xffff packet
 * offset limit out of reach and every offset provably bounded. A power of
 * 2 minus 1: xk__ptr masks with it. */
#ifndef XK_MAX_OFF
#define XK_MAX_OFF 0x3fff
#endif
_Static_assert((XK_MAX_OFF & (XK_MAX_OFF + 1)) == 0 && XK_MAX_OFF <= 0x7fff,
	       "XK_MAX_OFF: 2^n - 1, below the verifier's packet offset limit");

/* TC: bytes of a non-linear skb pulled into the linear area before
 * parsing (enough for Eth+2 VLAN+IPv6 w/ ext headers+VXLAN+inner L4). */
#ifndef XK_TC_PULL
#define XK_TC_PULL 256
#endif

/* Read-only skb: bytes copied out with bpf_skb_load_bytes (a power of 2). */
#ifndef XK_RO_COPY
#define XK_RO_COPY 256
#endif
_Static_assert((XK_RO_COPY & (XK_RO_COPY - 1)) == 0, "XK_RO_COPY: power of 2");

/**
 * enum xk_ctx_kind, XK_CTX_XDP, XK_CTX_TC, XK_CTX_SKB_RO, XK_CTX_BUF,
 * XK_CTX_BUF_RO - what a context wraps
 *
 * xk_pkt_kind() returns one of these: an XDP frame, a TC skb, a read-only
 * skb copy, a userspace buffer (mutable or read-only). It is a compile-time
 * constant once the always-inline code is inlined: one source serves every
 * context with no run-time dispatch.
 */
enum xk_ctx_kind {
	XK_CTX_XDP = 1,
	XK_CTX_TC = 2,
	XK_CTX_SKB_RO = 3,
	XK_CTX_BUF = 4,
	XK_CTX_BUF_RO = 5,
};

/**
 * enum xk_start, XK_START_L2, XK_START_L3 - where parsing starts
 *
 * XK_START_L2 at the Ethernet header; XK_START_L3 at the network header, as
 * a socket filter or cgroup_skb program sees the packet (its ethertype then
 * comes from the context: xk_pkt_skb_ro_at(), xk_pkt_buf_ro_l3()).
 */
/* Where parsing starts: at the Ethernet header, or at L3 (a read-only skb
 * of a socket filter or cgroup_skb program starts at the network header). */
enum xk_start {
	XK_START_L2 = 0,
	XK_START_L3 = 1,
};

struct xk__base {
	__u8 *data;	/* first byte we may read */
	__u8 *end;	/* one past the last byte we may read */
	void *ctx;	/* xdp_md / __sk_buff, NULL for buffers */
	__u32 kind;	/* enum xk_ctx_kind, a compile-time constant */
	__u32 clen;	/* XK_CTX_SKB_RO: bytes copied into data */
	__u32 len;	/* wire length of the packet */
	__u16 start;	/* enum xk_start */
	__u16 l3_proto; /* XK_START_L3: ethertype (host order) of data[0] */
	/* TC only: the VLAN tag the driver took out of the frame */
	__u16 vlan_tci;
	__u16 vlan_proto;
	__u8 vlan_present;
	/* userspace buffers: the frame around data, for head adjustments */
	__u8 *head;
	__u8 *limit;
};

/**
 * struct xk_pkt, struct xk_pkt_ro - a packet context
 *
 * The handle every parser and rewrite takes. struct xk_pkt is mutable (XDP,
 * TC, userspace buffers) and every setter accepts it; struct xk_pkt_ro is
 * read-only (socket filters, cgroup_skb, read-only buffers), parsers fill
 * read-only views from it and no setter compiles with it. Make one with
 * xk_pkt_xdp(), xk_pkt_tc(), xk_pkt_buf(), xk_pkt_buf_room(),
 * xk_pkt_buf_ro(), xk_pkt_buf_ro_l3() or xk_pkt_skb_ro().
 */
/* Distinct types, identical layout: the type carries the mutability. */
struct xk_pkt {
	struct xk__base b;
};
struct xk_pkt_ro {
	struct xk__base b;
};

/*
 * Pointer to @len bytes at offset @off, or NULL when they are not all
 * readable. The only place packet memory is bounds-checked: every parser
 * goes through here. @len is a constant at most call sites; where it is
 * not (IPv4 options, IPv6 extension headers) the caller bounds it first.
 */
XK_INLINE void *xk__ptr(const struct xk__base *b, __u32 off, __u32 len)
{
	__u8 *p;

	if (b->kind == XK_CTX_SKB_RO) {
		/* A copy in a map value of 2 * XK_RO_COPY bytes: the verifier
		 * learns nothing from map-pointer compares, so the offset is
		 * masked (a no-op once off + len <= clen <= XK_RO_COPY) in a
		 * way clang cannot drop, which bounds every access. */
		if (off + len > b->clen)
			return NULL;
		XK_BARRIER_VAR(off);
		off &= XK_RO_COPY - 1;
		return b->data + off;
	}
	if (off > XK_MAX_OFF)
		return NULL;
	if (!__builtin_constant_p(off)) {
		/* The compare alone is not enough for every verifier: clang
		 * may test a zero-extended copy of off and add the original,
		 * whose bounds 6.1 does not tie to the copy (and -mcpu=v3's
		 * 32-bit ops bound only the low half). A mask on the register
		 * that is added bounds it on every kernel; the barrier keeps
		 * clang from proving it a no-op. A constant offset (the
		 * Ethernet header, a fixed layout) needs neither: four
		 * instructions saved where the view is known at compile time.
		 */
		XK_BARRIER_VAR(off);
		off &= XK_MAX_OFF;
	}
	if (!__builtin_constant_p(len) && !__builtin_constant_p(len <= 0xff)) {
		/* likewise a length read from the packet: 32-bit ops
		 * (-mcpu=v3) leave its upper half unknown to the verifier;
		 * not one the compiler knows to be small (an IHL or a data
		 * offset times 4: at most 60), whose register every verifier
		 * bounds from the shift and mask that made it */
		if (len > XK_MAX_OFF)
			return NULL;
		XK_BARRIER_VAR(len);
		len &= XK_MAX_OFF;
	}
	p = b->data + off;
	/* Hide where p came from: clang would otherwise recompute data + off
	 * after the check, and the verifier only trusts the checked copy. */
	XK_BARRIER_PTR(p);
	/* ... but p = data + off is never NULL: say so, or every caller's
	 * NULL test stays as an extra branch after the bounds check */
	XK_ASSUME(p != NULL);
	if (p + len > b->end)
		return NULL;
	return p;
}

/* Bytes readable from @off on (0 if @off is past the end). */
XK_INLINE __u32 xk__avail(const struct xk__base *b, __u32 off)
{
	__u32 have =
		b->kind == XK_CTX_SKB_RO ? b->clen : (__u32)(b->end - b->data);

	return off < have ? have - off : 0;
}

#if XK_BPF
/**
 * xk_pkt_xdp() - the context of an XDP program
 *
 * @md: the program's struct xdp_md
 *
 * Reads and writes go straight to the frame. Only the first buffer of a
 * multi-buffer frame is parsed.
 *
 * Context: XDP (BPF only).
 * Return: a mutable struct xk_pkt.
 */
/* XDP: direct packet access, writes are plain stores. */
XK_INLINE struct xk_pkt xk_pkt_xdp(struct xdp_md *md)
{
	struct xk_pkt p = {};

	p.b.data = (__u8 *)(long)md->data;
	p.b.end = (__u8 *)(long)md->data_end;
	p.b.ctx = md;
	p.b.kind = XK_CTX_XDP;
	p.b.len = (__u32)(p.b.end - p.b.data);
	return p;
}

/**
 * xk_pkt_tc() - the context of a TC program (cls_bpf or tcx)
 *
 * @skb: the program's struct __sk_buff
 *
 * A non-linear skb is first pulled (bpf_skb_pull_data) up to XK_TC_PULL
 * bytes, so its headers are readable directly; writes go through
 * bpf_skb_store_bytes and the checksum helpers. A VLAN tag the driver took
 * out of the frame is reported in the Ethernet view as the offloaded tag.
 *
 * Context: TC ingress and egress, tcx (BPF only).
 * Return: a mutable struct xk_pkt.
 */
/*
 * TC (cls_bpf, tcx): direct reads; a non-linear skb is first pulled up to
 * XK_TC_PULL bytes so the headers are linear. Writes go through
 * bpf_skb_store_bytes and the csum_replace helpers (rewrite headers).
 */
XK_INLINE struct xk_pkt xk_pkt_tc(struct __sk_buff *skb)
{
	struct xk_pkt p = {};
	__u32 want = skb->len;

	if (want > XK_TC_PULL)
		want = XK_TC_PULL;
	if ((__u8 *)(long)skb->data + want > (__u8 *)(long)skb->data_end)
		bpf_skb_pull_data(skb, want);
	p.b.data = (__u8 *)(long)skb->data;
	p.b.end = (__u8 *)(long)skb->data_end;
	p.b.ctx = skb;
	p.b.kind = XK_CTX_TC;
	p.b.len = skb->len;
	if (skb->vlan_present) {
		p.b.vlan_present = 1;
		p.b.vlan_tci = (__u16)skb->vlan_tci;
		p.b.vlan_proto = xk_ntohs(skb->vlan_proto);
	}
	return p;
}

/* Re-derive the packet pointers after a helper that changed packet data;
 * offsets held by views stay valid, pointers do not (see rewrite docs). */
XK_INLINE void xk__reload(struct xk__base *b)
{
	if (b->kind == XK_CTX_XDP) {
		struct xdp_md *md = b->ctx;

		b->data = (__u8 *)(long)md->data;
		b->end = (__u8 *)(long)md->data_end;
	} else if (b->kind == XK_CTX_TC) {
		struct __sk_buff *skb = b->ctx;

		/* a fresh ctx pointer for each reload: clang would otherwise
		 * keep &skb->data_end from an earlier one, and the verifier
		 * refuses loads through a ctx pointer that was moved */
		XK_BARRIER_VAR(skb);
		b->data = (__u8 *)(long)skb->data;
		b->end = (__u8 *)(long)skb->data_end;
		b->len = skb->len;
	}
}
#endif /* XK_BPF */

/**
 * xk_pkt_buf() - a mutable userspace buffer
 *
 * @data: the first byte of the frame (its Ethernet header)
 * @len: bytes in it
 *
 * An AF_XDP frame, a pcap record, a test vector. Rewrites that grow the
 * packet need xk_pkt_buf_room().
 *
 * Context: userspace.
 * Return: a mutable struct xk_pkt over @data.
 */
/* Userspace buffers: an AF_XDP frame, a pcap record, a test vector. */
XK_INLINE struct xk_pkt xk_pkt_buf(void *data, __u32 len)
{
	struct xk_pkt p = {};

	p.b.data = (__u8 *)data;
	p.b.end = (__u8 *)data + len;
	p.b.head = p.b.data;
	p.b.limit = p.b.end;
	p.b.kind = XK_CTX_BUF;
	p.b.len = len;
	return p;
}

/**
 * xk_pkt_buf_room() - a mutable userspace buffer with room around the packet
 *
 * @frame: the start of the buffer
 * @size: its size
 * @headroom: where the packet starts in it
 * @len: the packet's length
 *
 * VLAN push and encapsulation grow into the headroom, as XDP's
 * bpf_xdp_adjust_head does; XK_ENOROOM when there is not enough.
 *
 * Context: userspace.
 * Return: a mutable struct xk_pkt.
 */
/*
 * A mutable buffer with room around the packet, as an AF_XDP frame has:
 * the packet is @len bytes at @frame + @headroom inside @size bytes. VLAN
 * push and encapsulation grow into the headroom, like XDP's adjust_head.
 */
XK_INLINE struct xk_pkt xk_pkt_buf_room(void *frame, __u32 size, __u32 headroom,
					__u32 len)
{
	struct xk_pkt p = xk_pkt_buf((__u8 *)frame + headroom, len);

	p.b.head = (__u8 *)frame;
	p.b.limit = (__u8 *)frame + size;
	return p;
}

/**
 * xk_pkt_buf_ro() - a read-only userspace buffer
 *
 * @data: the first byte of the frame (its Ethernet header)
 * @len: bytes in it
 *
 * Context: userspace.
 * Return: a struct xk_pkt_ro: parsers give read-only views, no setter
 * compiles with it.
 */
XK_INLINE struct xk_pkt_ro xk_pkt_buf_ro(const void *data, __u32 len)
{
	struct xk_pkt_ro p = {};

	/* The base is shared with the mutable type; the const is restored
	 * by the read-only view types every accessor hands out. */
	p.b.data = (__u8 *)(unsigned long)data;
	p.b.end = p.b.data + len;
	p.b.kind = XK_CTX_BUF_RO;
	p.b.len = len;
	return p;
}

/**
 * xk_pkt_buf_ro_l3() - a read-only buffer that starts at the network header
 *
 * @data: the first byte of the IP (or other L3) header
 * @len: bytes in it
 * @ethertype: what it is, host order (ETH_P_IP, ETH_P_IPV6)
 *
 * A raw IP capture, say. The Ethernet view of a parse is empty (h NULL).
 *
 * Context: userspace.
 * Return: a struct xk_pkt_ro starting at L3.
 */
/* A buffer that starts at the network header (e.g. a raw IP capture). */
XK_INLINE struct xk_pkt_ro xk_pkt_buf_ro_l3(const void *data, __u32 len,
					    __u16 ethertype)
{
	struct xk_pkt_ro p = xk_pkt_buf_ro(data, len);

	p.b.start = XK_START_L3;
	p.b.l3_proto = ethertype;
	return p;
}

/**
 * xk_pkt_kind(), xk_pkt_len() - what a context wraps, and the packet's length
 *
 * @pkt: a struct xk_pkt or struct xk_pkt_ro
 *
 * Return: xk_pkt_kind() an enum xk_ctx_kind; xk_pkt_len() the packet's
 * length on the wire (for TC the skb's len, for XDP the first buffer's).
 */
/* Which context a handle wraps, and the packet's wire length. */
#define xk_pkt_kind(pkt) ((pkt)->b.kind)
#define xk_pkt_len(pkt)	 ((pkt)->b.len)

#endif /* XDPKIT_CTX_H */
