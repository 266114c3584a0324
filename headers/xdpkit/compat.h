/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Build-environment glue: the same headers compile for BPF (clang -target
 * bpf) and for userspace (gcc/clang) with no BPF helpers. Only this file
 * knows which one it is.
 */
#ifndef XDPKIT_COMPAT_H
#define XDPKIT_COMPAT_H

#if !defined(__bpf__)
/* glibc first: with <netinet/in.h> seen, the UAPI headers below skip what
 * libc defines, so a program may include <arpa/inet.h> after us. */
#include <netinet/in.h>
#endif
#include <linux/types.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/icmpv6.h>

/* linux/bpf.h is UAPI: the host build uses its flag values too. */
#include <linux/bpf.h>

#if defined(__bpf__)
#define XK_BPF 1
#include <bpf/bpf_helpers.h>
#else
#define XK_BPF 0
#include <stddef.h>
#include <string.h>
#endif

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

/**
 * DOC: Build glue
 *
 * These macros make one source compile for BPF and for userspace; they are
 * used by the headers and may be used by programs.
 *
 * XK_BPF is 1 under clang -target bpf, 0 in host builds. XK_INLINE is
 * static __always_inline: every helper is inlined (the verifier sees one
 * function). XK_MUST_CHECK marks a call whose result says whether the packet
 * changed (warn_unused_result). XK_BARRIER_PTR and XK_BARRIER_VAR hide a
 * value from the optimiser so the verifier sees the checked register;
 * XK_ASSUME states a fact to the compiler; XK_TAG stores a constant
 * discriminator through a barrier; XK_UNROLL fully unrolls a constant-bound
 * loop; XK_CONST16 and XK_CONST32 byte-swap constants at compile time.
 */
#define XK_INLINE static __always_inline
/* A result that says whether the packet changed: ignoring it is a
 * warning (an error under -Werror), as a half-done rewrite went unseen. */
#define XK_MUST_CHECK __attribute__((warn_unused_result))

/*
 * Wire types: packet headers are read where the wire puts them, and an
 * IPv4 header behind a 14-byte Ethernet header is 2 mod 4. In BPF the
 * verifier and the kernel's structs make that fine, and these are the
 * plain types (no code changes). In host builds they are the same structs
 * at alignment 1 (a typedef may lower alignment), so a view's header
 * pointer is never a misaligned struct iphdr * (undefined in C, reported
 * by -fsanitize=alignment) and the compiler emits unaligned-safe loads,
 * which x86 and arm64 do at no cost. Views hold these; user code may
 * assign them to the kernel's struct pointers as before.
 */
/**
 * xk_iphdr_t, xk_ipv6hdr_t, xk_tcphdr_t, xk_udphdr_t, xk_icmp6hdr_t - packet
 * headers as the views hold them
 *
 * The kernel's struct iphdr, struct ipv6hdr, struct tcphdr, struct udphdr
 * and struct icmp6hdr under another name: identical types in BPF, and the
 * same structs at alignment 1 in host builds, where a header sits where the
 * wire puts it (IPv4 behind a 14-byte Ethernet header is 2 mod 4). So a view's
 * header pointer is never a misaligned struct pointer, and
 * -fsanitize=alignment
 * finds nothing. Assign them to the kernel's struct pointers freely in BPF;
 * in host code read through them (or pass them on as these types).
 *
 * Context: any.
 */
#if defined(__bpf__)
#define XK__WIRE
#else
#define XK__WIRE __attribute__((__aligned__(1)))
#endif
typedef struct iphdr XK__WIRE xk_iphdr_t;
typedef struct ipv6hdr XK__WIRE xk_ipv6hdr_t;
typedef struct tcphdr XK__WIRE xk_tcphdr_t;
typedef struct udphdr XK__WIRE xk_udphdr_t;
typedef struct icmp6hdr XK__WIRE xk_icmp6hdr_t;
typedef __u16 XK__WIRE xk__wire_u16;
typedef __be16 XK__WIRE xk__wire_be16;
typedef __be32 XK__WIRE xk__wire_be32;

/* Make the compiler forget what it knows of a pointer's value. */
#define XK_BARRIER_PTR(p) __asm__ __volatile__("" : "+r"(p))
#define XK_BARRIER_VAR(v) __asm__ __volatile__("" : "+r"(v))

#if defined(__clang__)
#define XK_ASSUME(c) __builtin_assume(c)
#else
#define XK_ASSUME(c)                                                           \
	do {                                                                   \
		if (!(c))                                                      \
			__builtin_unreachable();                               \
	} while (0)
#endif

/*
 * Store the constant @val into the tag @dst (l3_proto, proto), hiding from
 * clang that it equals the value just tested. Otherwise clang stores the
 * tested register itself (equal on that path) or merges the branches'
 * stores into one, and the verifier, which does not connect that register
 * with the test, then walks a branch with the wrong union member's range.
 */
#if defined(__bpf__)
#define XK_TAG(dst, val)                                                       \
	do {                                                                   \
		__u32 xk__t = (val);                                           \
		XK_BARRIER_VAR(xk__t);                                         \
		(dst) = xk__t;                                                 \
	} while (0)
#else /* no verifier to please; gcc's flow analysis keeps seeing it */
#define XK_TAG(dst, val) ((dst) = (val))
#endif

/* Fully unroll a short constant-bound loop (VLAN tags). */
#if defined(__clang__)
#define XK_UNROLL _Pragma("unroll")
#else
#define XK_UNROLL _Pragma("GCC unroll 16")
#endif

#ifndef NULL
#define NULL ((void *)0)
#endif

/**
 * xk_likely(), xk_unlikely() - branch hints
 *
 * @x: a condition
 *
 * Return: !!x, with the hint that it is usually true (false).
 */
#define xk_likely(x)   __builtin_expect(!!(x), 1)
#define xk_unlikely(x) __builtin_expect(!!(x), 0)

/**
 * xk_bswap16(), xk_bswap32(), xk_ntohs(), xk_htons(), xk_ntohl(), xk_htonl(),
 * xk_htons_c(), xk_htonl_c() - byte order
 *
 * @x: a 16-bit or 32-bit value
 *
 * Everything on the wire is big endian. The _c forms are for constants
 * (evaluated at compile time, usable in case labels and initialisers).
 *
 * Return: @x converted between host and network order (xk_bswap16 and
 * xk_bswap32 swap unconditionally on little-endian hosts).
 */
/* Byte order: everything on the wire is big endian. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define xk_bswap16(x) __builtin_bswap16(x)
#define xk_bswap32(x) __builtin_bswap32(x)
#define XK_CONST16(x) ((__u16)((((x)&0xff) << 8) | (((x) >> 8) & 0xff)))
#define XK_CONST32(x)                                                          \
	((__u32)((((x)&0xffU) << 24) | (((x)&0xff00U) << 8) |                  \
		 (((x) >> 8) & 0xff00U) | (((x) >> 24) & 0xffU)))
#else
#define xk_bswap16(x) (x)
#define xk_bswap32(x) (x)
#define XK_CONST16(x) ((__u16)(x))
#define XK_CONST32(x) ((__u32)(x))
#endif

/* Host <-> network order. The _c variants fold at compile time. */
#define xk_ntohs(x)   ((__u16)xk_bswap16((__u16)(x)))
#define xk_htons(x)   ((__be16)xk_bswap16((__u16)(x)))
#define xk_ntohl(x)   ((__u32)xk_bswap32((__u32)(x)))
#define xk_htonl(x)   ((__be32)xk_bswap32((__u32)(x)))
#define xk_htons_c(x) ((__be16)XK_CONST16(x))
#define xk_htonl_c(x) ((__be32)XK_CONST32(x))

/**
 * xk_memcpy(), xk_memset() - memcpy and memset in BPF and in host code
 *
 * __builtin_memcpy / __builtin_memset in BPF (the compiler inlines them for
 * constant sizes), the libc functions elsewhere.
 *
 * Return: the destination, as memcpy and memset.
 */
#if XK_BPF
#define xk_memcpy __builtin_memcpy
#define xk_memset __builtin_memset
#else
#define xk_memcpy memcpy
#define xk_memset memset
#endif

/* linux/icmp.h drags in libc's socket headers, which a BPF build lacks. */
/**
 * struct xk_icmphdr, xk_icmphdr_t - the ICMP header (8 bytes)
 *
 * Type, code, checksum, identifier and sequence (echo). XK_ICMP_ECHO (8) and
 * XK_ICMP_ECHOREPLY (0) name the echo types. xk_icmphdr_t is it at
 * alignment 1 in host builds (see xk_iphdr_t).
 */
struct xk_icmphdr {
	__u8 type;
	__u8 code;
	__sum16 checksum;
	__be16 id;
	__be16 sequence;
};
_Static_assert(sizeof(struct xk_icmphdr) == 8, "icmp header");
typedef struct xk_icmphdr XK__WIRE xk_icmphdr_t;
#define XK_ICMP_ECHOREPLY 0
#define XK_ICMP_ECHO	  8

/*
 * Copy from the Ethernet header. struct ethhdr is packed (alignment 1), so
 * a plain memcpy from it compiles to byte loads and shifts; an Ethernet
 * header starts the frame or sits behind 2-byte-multiple headers, so it is
 * 2-byte aligned, and saying so gives 16-bit loads.
 */
#if XK_BPF
#define xk__copy_eth(dst, src, n)                                              \
	xk_memcpy(dst, __builtin_assume_aligned((const void *)(src), 2), n)
#else
/* Host builds gain nothing from it, a userspace buffer may put the frame
 * anywhere, and clang 14 crashes on it under -fsanitize=alignment. */
#define xk__copy_eth(dst, src, n) xk_memcpy(dst, (const void *)(src), n)
#endif

/*
 * The same for the fields setters write: every header starts 2-byte
 * aligned (behind Ethernet, 4-byte VLAN tags, IPv4 headers of 4-byte
 * multiples, IPv6 headers of 8-byte multiples) and every field a setter
 * touches sits at an even offset in it, so both ends are 2-byte aligned:
 * 16-bit loads and stores instead of bytes, shifts and ors (a checksum
 * update took 14 instructions more).
 */
#if XK_BPF
#define xk__copy_hdr(dst, src, n)                                              \
	xk_memcpy(__builtin_assume_aligned((void *)(dst), 2),                  \
		  __builtin_assume_aligned((const void *)(src), 2), n)
#else
#define xk__copy_hdr(dst, src, n) xk_memcpy(dst, src, n)
#endif

/* Protocol numbers the UAPI headers of Linux 6.1 may lack. */
#ifndef IPPROTO_MH
#define IPPROTO_MH 135
#endif
#ifndef NEXTHDR_HOP
#define NEXTHDR_HOP	 0
#define NEXTHDR_ROUTING	 43
#define NEXTHDR_FRAGMENT 44
#define NEXTHDR_AUTH	 51
#define NEXTHDR_NONE	 59
#define NEXTHDR_DEST	 60
#endif
#ifndef ETH_P_TEB
#define ETH_P_TEB 0x6558
#endif
#ifndef ETH_P_8021AD
#define ETH_P_8021AD 0x88A8
#endif

#endif /* XDPKIT_COMPAT_H */
