#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
"""Generate the shared test-vector table (C) from Scapy-built packets.

Usage: gen_vectors.py OUT.c

Each vector is a Scapy expression and, next to it, the parse result written
by hand: that is the oracle the host and BPF suites check xk_summarize
against. Nothing here calls or mirrors our parser. Field names follow
struct xk_vec_expect (selftests/vectors/vectors.h); anything not given is 0.
"""
import sys
import logging

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (Ether, Dot1Q, Dot1AD, Dot3, LLC, ARP, IP, IPv6,  # noqa
                       IPOption_NOP, IPOption_EOL, TCP, UDP, ICMP, GRE, Raw,
                       IPv6ExtHdrHopByHop, IPv6ExtHdrRouting,
                       IPv6ExtHdrDestOpt, IPv6ExtHdrFragment,
                       ICMPv6EchoRequest, ICMPv6ND_NS, ICMPv6ND_NA,
                       ICMPv6ND_RS, ICMPv6ND_RA, ICMPv6NDOptSrcLLAddr,
                       ICMPv6NDOptDstLLAddr, ICMPv6NDOptMTU,
                       ICMPv6NDOptPrefixInfo, conf, raw)
from scapy.layers.ipsec import AH
from scapy.layers.vxlan import VXLAN
from scapy.contrib.geneve import GENEVE, GeneveOptions

conf.verb = 0

# Names of the header's enums: the expectation is written with them.
OK, ETRUNC, EBADLEN, EDEPTH, EVERSION, EUNSUP = (
    "XK_OK", "XK_ETRUNC", "XK_EBADLEN", "XK_EDEPTH", "XK_EVERSION",
    "XK_EUNSUP")
NONE, FIRST, LATER = "XK_FRAG_NONE", "XK_FRAG_FIRST", "XK_FRAG_LATER"
IPIP, SIXIN4, FOURIN6, IP6IP6, TGRE, TVXLAN, TGENEVE = (
    "XK_TUN_IPIP", "XK_TUN_6IN4", "XK_TUN_4IN6", "XK_TUN_IP6IP6",
    "XK_TUN_GRE", "XK_TUN_VXLAN", "XK_TUN_GENEVE")

FIELDS = ["err", "tun_err", "l3_proto", "ip_proto", "l4_proto", "sport",
          "dport", "frag", "nvlan", "tunnel", "tun_id", "inner_l3_proto",
          "inner_ip_proto", "inner_l4_proto", "inner_sport", "inner_dport",
          "inner_frag"]
HEX = {"l3_proto", "inner_l3_proto", "tun_id"}

M1, M2 = "02:00:00:00:00:01", "02:00:00:00:00:02"
A4, B4 = "10.0.0.1", "10.0.0.2"
A6, B6 = "2001:db8::1", "2001:db8::2"

VECTORS = []


def eth(dst=M2, **kw):
    return Ether(dst=dst, src=M1, **kw)


def ieth(**kw):
    """An inner Ethernet header (explicit MACs: no ARP lookups by Scapy)."""
    return Ether(dst="02:00:00:00:01:02", src="02:00:00:00:01:01", **kw)


def ip4(src=A4, dst=B4, **kw):
    return IP(src=src, dst=dst, **kw)


def ip6(src=A6, dst=B6, **kw):
    return IPv6(src=src, dst=dst, **kw)


def hdr_end(pkt, layer, nth=1):
    """Scapy's offset of the end of the nth `layer` header in pkt."""
    p = pkt.getlayer(layer, nth)
    return len(raw(pkt)) - len(raw(p.payload))


def V(name, pkt, sock_proto=None, sweep=None, **exp):
    """Add a vector. sweep=(need_outer, need_inner) cuts it at every byte."""
    data = raw(pkt) if not isinstance(pkt, bytes) else pkt
    for k in exp:
        if k not in FIELDS:
            sys.exit("gen_vectors: %s: unknown field %s" % (name, k))
    if sock_proto is None and len(data) >= 14:
        # eth_type_trans(): a type/length field >= 0x600 is the protocol
        t = (data[12] << 8) | data[13]
        if t < 0x600:
            sys.exit("gen_vectors: %s: 802.3 frame needs sock_proto" % name)
        sock_proto = t
    VECTORS.append((name, data, sock_proto or 0, exp, sweep))


# ---- Ethernet / 802.3 / VLAN ------------------------------------------
V("eth_unknown_type", eth(type=0x88b5) / Raw(b"x" * 46), l3_proto=0x88b5)
# 802.3 length field (46): the parser reports the field as is; eth_type_trans
# calls it ETH_P_802_2 (payload does not start with 0xffff).
V("eth_8023_llc", Dot3(dst=M2, src=M1) / LLC() / Raw(b"x" * 43),
  l3_proto=46, sock_proto=0x0004)
# raw 802.3 (Novell): payload starts 0xffff, which eth_type_trans calls
# ETH_P_802_3
V("eth_8023_raw", Dot3(dst=M2, src=M1) / Raw(b"\xff\xff" + b"n" * 44),
  l3_proto=46, sock_proto=0x0001)
V("eth_truncated_13", raw(eth() / ip4())[:13], err=ETRUNC)
V("eth_empty", b"", err=ETRUNC)
V("vlan_ipv4_udp",
  eth() / Dot1Q(vlan=100) / ip4() / UDP(sport=1000, dport=2000),
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=1000, dport=2000,
  nvlan=1)
V("qinq_ipv4_tcp",
  eth() / Dot1AD(vlan=10) / Dot1Q(vlan=20) / ip4() /
  TCP(sport=40000, dport=443),
  l3_proto=0x0800, ip_proto=6, l4_proto=6, sport=40000, dport=443, nvlan=2)
V("qinq_8100_8100_ipv6",
  eth() / Dot1Q(vlan=1) / Dot1Q(vlan=2) / ip6() / UDP(sport=53, dport=53),
  l3_proto=0x86dd, ip_proto=17, l4_proto=17, sport=53, dport=53, nvlan=2)
# three tags: depth 2 exceeded; the two walked are counted
V("vlan_3_tags",
  eth() / Dot1AD(vlan=1) / Dot1Q(vlan=2) / Dot1Q(vlan=3) / ip4() / UDP(),
  err=EDEPTH, nvlan=2)
V("vlan_truncated_tag", eth(type=0x8100) / Raw(b"\x00\x64"), err=ETRUNC)
V("vlan_arp", eth() / Dot1Q(vlan=5) / ARP(op=1, psrc=A4, pdst=B4),
  l3_proto=0x0806, nvlan=1)

# ---- ARP ------------------------------------------------------------------
V("arp_request", eth(dst="ff:ff:ff:ff:ff:ff") /
  ARP(op=1, hwsrc=M1, psrc=A4, pdst=B4), l3_proto=0x0806,
  sweep=(14 + 28, 14 + 28))
V("arp_reply", eth() / ARP(op=2, hwsrc=M2, hwdst=M1, psrc=B4, pdst=A4),
  l3_proto=0x0806)
# hardware type 6 (IEEE 802), IPv6-sized protocol addresses: only the fixed
# 8-byte header is parsed
V("arp_not_eth_ip", eth(type=0x0806) /
  Raw(bytes.fromhex("0006 86dd 06 10 0001") + b"\x00" * 44),
  l3_proto=0x0806)
V("arp_eth_ip_truncated", raw(eth() / ARP(op=1, psrc=A4, pdst=B4))[:14 + 20],
  err=ETRUNC, l3_proto=0x0806)
V("arp_fixed_truncated", raw(eth() / ARP())[:14 + 6], err=ETRUNC,
  l3_proto=0x0806)

# ---- IPv4 -----------------------------------------------------------------
tcp_syn = TCP(sport=1234, dport=80, flags="S")
V("ipv4_tcp", eth() / ip4() / tcp_syn,
  l3_proto=0x0800, ip_proto=6, l4_proto=6, sport=1234, dport=80,
  sweep=(54, 54))
V("ipv4_udp", eth() / ip4() / UDP(sport=5000, dport=5001) / Raw(b"hi"),
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=5000, dport=5001)
# Ethernet minimum-size padding after the datagram is not part of it
V("ipv4_udp_eth_padding",
  eth() / ip4() / UDP(sport=7, dport=9) / Raw(b"\x00" * 18),
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=7, dport=9)
for ihl in range(6, 16):
    nops = 4 * (ihl - 5) - 1
    p = eth() / ip4(options=[IPOption_NOP()] * nops + [IPOption_EOL()]) / \
        UDP(sport=ihl, dport=1000 + ihl)
    assert p[IP].__class__(raw(p[IP])).ihl == ihl
    V("ipv4_options_ihl%d" % ihl, p, l3_proto=0x0800, ip_proto=17,
      l4_proto=17, sport=ihl, dport=1000 + ihl)
V("ipv4_ihl4", eth() / ip4(ihl=4) / UDP(), err=EBADLEN, l3_proto=0x0800)
V("ipv4_ihl0", eth() / ip4(ihl=0) / UDP(), err=EBADLEN, l3_proto=0x0800)
# IHL 15 claims 60 bytes, the frame holds 20 + 10
V("ipv4_ihl_beyond_packet", eth() / ip4(ihl=15, proto=17) / Raw(b"z" * 10),
  err=ETRUNC, l3_proto=0x0800)
V("ipv4_totlen_lt_20", eth() / ip4(len=16) / UDP(), err=EBADLEN,
  l3_proto=0x0800)
# tot_len 0 is refused as ip_rcv does (BIG TCP GSO skbs, which carry 0 on
# TC egress, are not covered)
V("ipv4_totlen0", eth() / ip4(len=0) / UDP(), err=EBADLEN, l3_proto=0x0800)
V("ipv4_totlen_lt_ihl",
  eth() / ip4(len=20, options=[IPOption_NOP()] * 3 + [IPOption_EOL()]) /
  UDP(), err=EBADLEN, l3_proto=0x0800)
V("ipv4_version6", eth(type=0x0800) / ip6() / UDP(), err=EVERSION,
  l3_proto=0x0800)
V("ipv4_header_truncated", raw(eth() / ip4() / UDP())[:14 + 19],
  err=ETRUNC, l3_proto=0x0800)
V("ipv4_df", eth() / ip4(flags="DF") / tcp_syn, l3_proto=0x0800,
  ip_proto=6, l4_proto=6, sport=1234, dport=80, frag=NONE)
V("ipv4_frag_first",
  eth() / ip4(flags="MF", frag=0, proto=17) /
  UDP(sport=111, dport=222, len=1000) / Raw(b"a" * 32),
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=111, dport=222,
  frag=FIRST)
# later fragments carry no L4 header: its bytes would be payload
V("ipv4_frag_later_mf",
  eth() / ip4(flags="MF", frag=100, proto=17) / Raw(b"b" * 40),
  l3_proto=0x0800, ip_proto=17, frag=LATER)
V("ipv4_frag_last",
  eth() / ip4(frag=5, proto=6) / Raw(b"c" * 40),
  l3_proto=0x0800, ip_proto=6, frag=LATER)
# tot_len 20: the TCP header sits in the frame's padding, not the datagram
V("ipv4_tcp_in_padding",
  eth() / ip4(len=20, proto=6) / Raw(raw(TCP(sport=1, dport=2))),
  err=ETRUNC, l3_proto=0x0800, ip_proto=6)
V("ipv4_udp_half_in_padding",
  eth() / ip4(len=24, proto=17) / Raw(raw(UDP(sport=1, dport=2))),
  err=ETRUNC, l3_proto=0x0800, ip_proto=17)
# a capture cut short: tot_len says 65535, the headers are all there
V("ipv4_totlen_max_snapped",
  eth() / ip4(len=65535) / TCP(sport=3, dport=4),
  l3_proto=0x0800, ip_proto=6, l4_proto=6, sport=3, dport=4)
V("ipv4_unknown_proto", eth() / ip4(proto=200) / Raw(b"d" * 8),
  l3_proto=0x0800, ip_proto=200)
V("icmp_echo", eth() / ip4() / ICMP(type=8, id=1, seq=1) / Raw(b"ping"),
  l3_proto=0x0800, ip_proto=1, l4_proto=1, sweep=(42, 42))
V("icmp_truncated", raw(eth() / ip4() / ICMP())[:14 + 20 + 7],
  err=ETRUNC, l3_proto=0x0800, ip_proto=1)

# ---- TCP / UDP ------------------------------------------------------------
tcp_opts = TCP(sport=50000, dport=22, flags="S",
               options=[("MSS", 1460), ("SAckOK", b""),
                        ("Timestamp", (1, 0)), ("NOP", None),
                        ("WScale", 7)])
p = eth() / ip4() / tcp_opts
assert p[TCP].__class__(raw(p[TCP])).dataofs == 10
V("tcp_options", p, l3_proto=0x0800, ip_proto=6, l4_proto=6, sport=50000,
  dport=22, sweep=(hdr_end(p, TCP), hdr_end(p, TCP)))
V("tcp_doff4", eth() / ip4() / TCP(dataofs=4), err=EBADLEN,
  l3_proto=0x0800, ip_proto=6)
V("tcp_doff0", eth() / ip4() / TCP(dataofs=0), err=EBADLEN,
  l3_proto=0x0800, ip_proto=6)
# doff 15 = 60 bytes, the frame holds 20
V("tcp_doff_beyond_packet", eth() / ip4() / TCP(dataofs=15), err=ETRUNC,
  l3_proto=0x0800, ip_proto=6)
V("tcp_truncated", raw(eth() / ip4() / TCP())[:14 + 20 + 10], err=ETRUNC,
  l3_proto=0x0800, ip_proto=6)
V("udp_len7", eth() / ip4() / UDP(len=7), err=EBADLEN, l3_proto=0x0800,
  ip_proto=17)
V("udp_len0", eth() / ip4() / UDP(len=0), err=EBADLEN, l3_proto=0x0800,
  ip_proto=17)
V("udp_len8", eth() / ip4() / UDP(sport=1, dport=2, len=8),
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=1, dport=2)

# ---- IPv6 -----------------------------------------------------------------
V("ipv6_udp", eth() / ip6() / UDP(sport=546, dport=547),
  l3_proto=0x86dd, ip_proto=17, l4_proto=17, sport=546, dport=547,
  sweep=(62, 62))
V("ipv6_tcp", eth() / ip6() / TCP(sport=8080, dport=34000),
  l3_proto=0x86dd, ip_proto=6, l4_proto=6, sport=8080, dport=34000)
V("ipv6_version4", eth(type=0x86dd) / ip4() / UDP() / Raw(b"v" * 12),
  err=EVERSION,
  l3_proto=0x86dd)
V("ipv6_header_truncated", raw(eth() / ip6())[:14 + 39], err=ETRUNC,
  l3_proto=0x86dd)
V("ipv6_hbh_udp", eth() / ip6() / IPv6ExtHdrHopByHop() / UDP(sport=1,
                                                               dport=2),
  l3_proto=0x86dd, ip_proto=17, l4_proto=17, sport=1, dport=2)
V("ipv6_routing_tcp",
  eth() / ip6() / IPv6ExtHdrRouting(addresses=["2001:db8::9"]) /
  TCP(sport=3, dport=4),
  l3_proto=0x86dd, ip_proto=6, l4_proto=6, sport=3, dport=4)
V("ipv6_destopt_udp", eth() / ip6() / IPv6ExtHdrDestOpt() / UDP(sport=5,
                                                                dport=6),
  l3_proto=0x86dd, ip_proto=17, l4_proto=17, sport=5, dport=6)
# AH: (payloadlen + 2) * 4 = 24 bytes with a 12-byte ICV
V("ipv6_ah_udp",
  eth() / ip6() / AH(nh=17, payloadlen=4, spi=1, seq=1, icv=b"i" * 12) /
  UDP(sport=7, dport=8),
  l3_proto=0x86dd, ip_proto=17, l4_proto=17, sport=7, dport=8)
V("ipv6_ah_len0",
  eth() / ip6() / AH(nh=17, payloadlen=0, spi=1, seq=1, icv=b"") /
  UDP(), err=EBADLEN, l3_proto=0x86dd)
V("ipv6_frag_first",
  eth() / ip6() / IPv6ExtHdrFragment(nh=17, offset=0, m=1, id=7) /
  UDP(sport=9, dport=10, len=500) / Raw(b"f" * 16),
  l3_proto=0x86dd, ip_proto=17, l4_proto=17, sport=9, dport=10,
  frag=FIRST)
V("ipv6_frag_later",
  eth() / ip6() / IPv6ExtHdrFragment(nh=17, offset=10, m=1, id=7) /
  Raw(b"g" * 24),
  l3_proto=0x86dd, ip_proto=17, frag=LATER)
V("ipv6_frag_last",
  eth() / ip6() / IPv6ExtHdrFragment(nh=6, offset=3, m=0, id=7) /
  Raw(b"h" * 24),
  l3_proto=0x86dd, ip_proto=6, frag=LATER)
# offset 0 and no more fragments: an atomic fragment, a whole datagram
V("ipv6_frag_atomic",
  eth() / ip6() / IPv6ExtHdrFragment(nh=17, offset=0, m=0) /
  UDP(sport=11, dport=12),
  l3_proto=0x86dd, ip_proto=17, l4_proto=17, sport=11, dport=12)
chain6 = (IPv6ExtHdrHopByHop() / IPv6ExtHdrDestOpt() /
          IPv6ExtHdrRouting() / IPv6ExtHdrFragment(offset=0, m=1) /
          AH(nh=60, payloadlen=1, spi=2, seq=3, icv=b"") / IPv6ExtHdrDestOpt())
p = eth() / ip6() / chain6 / UDP(sport=13, dport=14)
V("ipv6_chain_6", p,
  l3_proto=0x86dd, ip_proto=17, l4_proto=17, sport=13, dport=14,
  frag=FIRST, sweep=(hdr_end(p, UDP), hdr_end(p, UDP)))
V("ipv6_chain_7",
  eth() / ip6() / chain6 / IPv6ExtHdrDestOpt() / UDP(sport=13, dport=14),
  err=EDEPTH, l3_proto=0x86dd)
# hop-by-hop length 2 = 24 bytes, only 8 in the frame
V("ipv6_ext_truncated",
  eth() / ip6(nh=0) / Raw(bytes([17, 2]) + b"\x01\x04\x00\x00\x00\x00"),
  err=ETRUNC, l3_proto=0x86dd)
V("ipv6_ext_short", eth() / ip6(nh=60) / Raw(b"\x11\x00\x01"),
  err=ETRUNC, l3_proto=0x86dd)
V("ipv6_no_next_header", eth() / ip6() / IPv6ExtHdrHopByHop(nh=59),
  l3_proto=0x86dd, ip_proto=59)
# payload length 0: the parser takes it as a jumbogram (no end known)
V("ipv6_plen0_udp", eth() / ip6(plen=0) / UDP(sport=15, dport=16),
  l3_proto=0x86dd, ip_proto=17, l4_proto=17, sport=15, dport=16)
V("ipv6_plen_max_snapped", eth() / ip6(plen=65535) / UDP(sport=17, dport=18),
  l3_proto=0x86dd, ip_proto=17, l4_proto=17, sport=17, dport=18)
V("ipv6_udp_in_padding",
  eth() / ip6(plen=0x4, nh=17) / Raw(raw(UDP(sport=1, dport=2))),
  err=ETRUNC, l3_proto=0x86dd, ip_proto=17)

# ---- ICMPv6 / NDP ---------------------------------------------------------
V("icmp6_echo", eth() / ip6() / ICMPv6EchoRequest(id=1, seq=2),
  l3_proto=0x86dd, ip_proto=58, l4_proto=58)
V("ndp_ns_sll",
  eth() / ip6(dst="ff02::1:ff00:2", hlim=255) /
  ICMPv6ND_NS(tgt=B6) / ICMPv6NDOptSrcLLAddr(lladdr=M1),
  l3_proto=0x86dd, ip_proto=58, l4_proto=58)
V("ndp_na_tll",
  eth() / ip6(hlim=255) / ICMPv6ND_NA(tgt=B6, R=0, S=1, O=1) /
  ICMPv6NDOptDstLLAddr(lladdr=M2),
  l3_proto=0x86dd, ip_proto=58, l4_proto=58)
V("ndp_rs_sll",
  eth() / ip6(dst="ff02::2", hlim=255) / ICMPv6ND_RS() /
  ICMPv6NDOptSrcLLAddr(lladdr=M1),
  l3_proto=0x86dd, ip_proto=58, l4_proto=58)
V("ndp_ra_opts",
  eth() / ip6(dst="ff02::1", hlim=255) / ICMPv6ND_RA() /
  ICMPv6NDOptSrcLLAddr(lladdr=M2) / ICMPv6NDOptMTU(mtu=1500) /
  ICMPv6NDOptPrefixInfo(prefix="2001:db8::", prefixlen=64),
  l3_proto=0x86dd, ip_proto=58, l4_proto=58)
# an option of length 0 (RFC 4861: drop); the summary does not walk NDP
V("ndp_ns_opt_len0",
  eth() / ip6(hlim=255) / ICMPv6ND_NS(tgt=B6) /
  Raw(b"\x01\x00" + b"\x02\x00\x00\x00\x00\x01"),
  l3_proto=0x86dd, ip_proto=58, l4_proto=58)

# ---- Tunnels: IP in IP ----------------------------------------------------
p = eth() / ip4() / ip4(src="192.0.2.1", dst="192.0.2.2") / \
    UDP(sport=100, dport=200)
V("ipip_udp", p,
  l3_proto=0x0800, ip_proto=4, tunnel=IPIP, inner_l3_proto=0x0800,
  inner_ip_proto=17, inner_l4_proto=17, inner_sport=100, inner_dport=200,
  sweep=(34, hdr_end(p, UDP)))
V("sixin4_tcp", eth() / ip4() / ip6() / TCP(sport=101, dport=201),
  l3_proto=0x0800, ip_proto=41, tunnel=SIXIN4, inner_l3_proto=0x86dd,
  inner_ip_proto=6, inner_l4_proto=6, inner_sport=101, inner_dport=201)
V("fourin6_icmp", eth() / ip6() / ip4() / ICMP(),
  l3_proto=0x86dd, ip_proto=4, tunnel=FOURIN6, inner_l3_proto=0x0800,
  inner_ip_proto=1, inner_l4_proto=1)
V("ip6ip6_udp", eth() / ip6() / ip6(src="2001:db8:1::1") /
  UDP(sport=102, dport=202),
  l3_proto=0x86dd, ip_proto=41, tunnel=IP6IP6, inner_l3_proto=0x86dd,
  inner_ip_proto=17, inner_l4_proto=17, inner_sport=102, inner_dport=202)
V("ipip_inner_truncated", raw(eth() / ip4() / ip4() / UDP())[:34 + 12],
  l3_proto=0x0800, ip_proto=4, tunnel=IPIP, tun_err=ETRUNC,
  inner_l3_proto=0x0800)
V("ipip_inner_ihl4", eth() / ip4() / ip4(ihl=4) / UDP(),
  l3_proto=0x0800, ip_proto=4, tunnel=IPIP, tun_err=EBADLEN,
  inner_l3_proto=0x0800)
V("ipip_inner_frag_later",
  eth() / ip4() / ip4(frag=8, proto=17) / Raw(b"q" * 16),
  l3_proto=0x0800, ip_proto=4, tunnel=IPIP, inner_l3_proto=0x0800,
  inner_ip_proto=17, inner_frag=LATER)
# an outer later fragment: its payload is not an inner header
V("ipip_outer_frag_later",
  eth() / ip4(frag=3, proto=4) / ip4() / UDP(),
  l3_proto=0x0800, ip_proto=4, frag=LATER)

# ---- GRE --------------------------------------------------------------------
inner4 = ip4(src="198.51.100.1", dst="198.51.100.2") / UDP(sport=300,
                                                             dport=400)
GI = dict(l3_proto=0x0800, ip_proto=47, tunnel=TGRE, inner_l3_proto=0x0800,
          inner_ip_proto=17, inner_l4_proto=17, inner_sport=300,
          inner_dport=400)
V("gre_plain", eth() / ip4() / GRE(proto=0x0800) / inner4, **GI)
V("gre_csum", eth() / ip4() / GRE(proto=0x0800, chksum_present=1) / inner4,
  **GI)
V("gre_key", eth() / ip4() / GRE(proto=0x0800, key_present=1,
                                 key=0x12345678) / inner4,
  tun_id=0x12345678, **GI)
V("gre_seq", eth() / ip4() / GRE(proto=0x0800, seqnum_present=1,
                                 sequence_number=99) / inner4, **GI)
p = eth() / ip4() / GRE(proto=0x0800, chksum_present=1, key_present=1,
                        seqnum_present=1, key=0xabcdef01,
                        sequence_number=5) / inner4
V("gre_csum_key_seq", p, tun_id=0xabcdef01,
  sweep=(34, hdr_end(p, UDP)), **GI)
V("gre_ipv6_outer_inner",
  eth() / ip6() / GRE(proto=0x86dd, key_present=1, key=7) /
  ip6() / TCP(sport=301, dport=401),
  l3_proto=0x86dd, ip_proto=47, tunnel=TGRE, tun_id=7,
  inner_l3_proto=0x86dd, inner_ip_proto=6, inner_l4_proto=6,
  inner_sport=301, inner_dport=401)
p = eth() / ip4() / GRE(proto=0x6558) / \
    ieth() / \
    ip4() / TCP(sport=302, dport=402)
V("gre_teb", p, l3_proto=0x0800, ip_proto=47, tunnel=TGRE,
  inner_l3_proto=0x0800, inner_ip_proto=6, inner_l4_proto=6,
  inner_sport=302, inner_dport=402, sweep=(34, hdr_end(p, TCP)))
V("gre_teb_vlan",
  eth() / ip4() / GRE(proto=0x6558) / ieth() / Dot1Q(vlan=9) / ip4() /
  UDP(sport=303, dport=403),
  l3_proto=0x0800, ip_proto=47, tunnel=TGRE, inner_l3_proto=0x0800,
  inner_ip_proto=17, inner_l4_proto=17, inner_sport=303, inner_dport=403)
# version 1 is PPTP's enhanced GRE, the routing bit is RFC 1701 source
# routing: both refused (as Linux's gre_parse_header does)
V("gre_version1", eth() / ip4() / GRE(version=1, proto=0x880b) /
  Raw(b"\x00" * 12),
  l3_proto=0x0800, ip_proto=47, tunnel=TGRE, tun_err=EUNSUP)
V("gre_routing", eth() / ip4() / GRE(routing_present=1, proto=0x0800) /
  inner4, l3_proto=0x0800, ip_proto=47, tunnel=TGRE, tun_err=EUNSUP)
V("gre_truncated", raw(eth() / ip4() / GRE())[:34 + 3],
  l3_proto=0x0800, ip_proto=47, tunnel=TGRE, tun_err=ETRUNC)
V("gre_key_truncated",
  raw(eth() / ip4() / GRE(key_present=1, key=1))[:34 + 6],
  l3_proto=0x0800, ip_proto=47, tunnel=TGRE, tun_err=ETRUNC)
# MPLS inside: the tunnel is parsed, the inner protocol is just named
V("gre_mpls_inner", eth() / ip4() / GRE(proto=0x8847) /
  Raw(b"\x00\x01\x01\x40" + b"\x00" * 20),
  l3_proto=0x0800, ip_proto=47, tunnel=TGRE, inner_l3_proto=0x8847)
V("gre_inner_tcp_truncated",
  raw(eth() / ip4() / GRE(proto=0x0800) / ip4() / TCP())[:38 + 20 + 8],
  l3_proto=0x0800, ip_proto=47, tunnel=TGRE, tun_err=ETRUNC,
  inner_l3_proto=0x0800, inner_ip_proto=6)

# ---- VXLAN / Geneve ---------------------------------------------------------
innerl2 = ieth() / ip4(src="203.0.113.1", dst="203.0.113.2") / UDP(sport=500, dport=600)
p = eth() / ip4() / UDP(sport=49152, dport=4789) / \
    VXLAN(flags=0x08, vni=42) / innerl2
V("vxlan", p, l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=49152,
  dport=4789, tunnel=TVXLAN, tun_id=42, inner_l3_proto=0x0800,
  inner_ip_proto=17, inner_l4_proto=17, inner_sport=500, inner_dport=600,
  sweep=(42, hdr_end(p, UDP, 2)))
V("vxlan_ipv6_outer",
  eth() / ip6() / UDP(sport=49153, dport=4789) /
  VXLAN(flags=0x08, vni=0xffffff) / ieth() / ip6() /
  TCP(sport=501, dport=601),
  l3_proto=0x86dd, ip_proto=17, l4_proto=17, sport=49153, dport=4789,
  tunnel=TVXLAN, tun_id=0xffffff, inner_l3_proto=0x86dd, inner_ip_proto=6,
  inner_l4_proto=6, inner_sport=501, inner_dport=601)
V("vxlan_no_i_flag",
  eth() / ip4() / UDP(sport=49152, dport=4789) / VXLAN(flags=0, vni=42) /
  innerl2,
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=49152, dport=4789,
  tunnel=TVXLAN, tun_err=EUNSUP)
V("vxlan_truncated",
  raw(eth() / ip4() / UDP(sport=53, dport=4789) / VXLAN(vni=1))[:42 + 7],
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=53, dport=4789,
  tunnel=TVXLAN, tun_err=ETRUNC)
V("vxlan_inner_eth_truncated",
  raw(eth() / ip4() / UDP(sport=1, dport=4789) / VXLAN(vni=3) /
      innerl2)[:50 + 10],
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=1, dport=4789,
  tunnel=TVXLAN, tun_id=3, tun_err=ETRUNC)
# the inner UDP header lies past the inner tot_len (in padding)
V("vxlan_inner_udp_in_padding",
  eth() / ip4() / UDP(sport=2, dport=4789) / VXLAN(vni=4) / ieth() /
  ip4(len=20, proto=17) / Raw(raw(UDP(sport=1, dport=2))),
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=2, dport=4789,
  tunnel=TVXLAN, tun_id=4, tun_err=ETRUNC, inner_l3_proto=0x0800,
  inner_ip_proto=17)
# Linux's vxlan device without dstport sends to 8472 (XK_VXLAN_PORT_ALT)
V("vxlan_linux_port",
  eth() / ip4() / UDP(sport=49159, dport=8472) / VXLAN(flags=0x08, vni=7) /
  innerl2,
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=49159, dport=8472,
  tunnel=TVXLAN, tun_id=7, inner_l3_proto=0x0800, inner_ip_proto=17,
  inner_l4_proto=17, inner_sport=500, inner_dport=600)
V("udp_8472_source_port_not_vxlan",
  eth() / ip4() / UDP(sport=8472, dport=1) / VXLAN(vni=8) / innerl2,
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=8472, dport=1)
V("udp_4790_not_vxlan",
  eth() / ip4() / UDP(sport=1, dport=4790) / VXLAN(vni=5) / innerl2,
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=1, dport=4790)
V("geneve_teb",
  eth() / ip4() / UDP(sport=49154, dport=6081) /
  GENEVE(vni=0x123456, proto=0x6558) / innerl2,
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=49154, dport=6081,
  tunnel=TGENEVE, tun_id=0x123456, inner_l3_proto=0x0800,
  inner_ip_proto=17, inner_l4_proto=17, inner_sport=500, inner_dport=600)
p = eth() / ip4() / UDP(sport=49155, dport=6081) / \
    GENEVE(vni=0x42, proto=0x6558,
           options=[GeneveOptions(classid=0x0102, type=1, data=b"abcd"),
                    GeneveOptions(classid=0x0103, type=2,
                                  data=b"12345678")]) / innerl2
assert p[GENEVE].__class__(raw(p[GENEVE])).optionlen == 5
V("geneve_options", p,
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=49155, dport=6081,
  tunnel=TGENEVE, tun_id=0x42, inner_l3_proto=0x0800,
  inner_ip_proto=17, inner_l4_proto=17, inner_sport=500, inner_dport=600,
  sweep=(42, hdr_end(p, UDP, 2)))
V("geneve_ipv4_inner",
  eth() / ip4() / UDP(sport=49156, dport=6081) /
  GENEVE(vni=7, proto=0x0800) / ip4() / TCP(sport=502, dport=602),
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=49156, dport=6081,
  tunnel=TGENEVE, tun_id=7, inner_l3_proto=0x0800, inner_ip_proto=6,
  inner_l4_proto=6, inner_sport=502, inner_dport=602)
V("geneve_version1",
  eth() / ip4() / UDP(sport=49157, dport=6081) /
  GENEVE(version=1, vni=7, proto=0x6558) / innerl2,
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=49157, dport=6081,
  tunnel=TGENEVE, tun_err=EUNSUP)
# options length 63 words (252 bytes): past the end of the frame
V("geneve_options_beyond",
  eth() / ip4() / UDP(sport=49158, dport=6081) /
  GENEVE(vni=8, proto=0x6558, optionlen=63) / innerl2,
  l3_proto=0x0800, ip_proto=17, l4_proto=17, sport=49158, dport=6081,
  tunnel=TGENEVE, tun_err=ETRUNC)


def c_bytes(data):
    out = []
    for i in range(0, len(data), 12):
        out.append("\t" + " ".join("0x%02x," % b for b in data[i:i + 12]))
    return "\n".join(out)


def c_value(field, v):
    if isinstance(v, str):
        return v
    return ("%#x" if field in HEX else "%d") % v


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_vectors.py OUT.c")
    names = set()
    out = ["/* Generated by selftests/vectors/gen_vectors.py: do not edit. */",
           '#include "vectors.h"', ""]
    for i, (name, data, _, _, _) in enumerate(VECTORS):
        if name in names:
            sys.exit("gen_vectors: duplicate vector %s" % name)
        names.add(name)
        out.append("/* %s */" % name)
        out.append("static const unsigned char v%d[%d] = {" %
                   (i, max(len(data), 1)))
        out.append(c_bytes(data))
        out.append("};")
    out.append("")
    out.append("const struct xk_vector xk_vectors[] = {")
    for i, (name, data, sock_proto, exp, sweep) in enumerate(VECTORS):
        out.append("\t{")
        out.append('\t\t.name = "%s",' % name)
        out.append("\t\t.data = v%d," % i)
        out.append("\t\t.len = %d," % len(data))
        out.append("\t\t.sock_proto = %#06x," % sock_proto)
        e = ", ".join(".%s = %s" % (f, c_value(f, exp[f]))
                      for f in FIELDS if f in exp)
        out.append("\t\t.exp = { %s }," % e)
        if sweep:
            if not (sweep[0] <= sweep[1] <= len(data)):
                sys.exit("gen_vectors: %s: bad sweep bounds" % name)
            out.append("\t\t.sweep = 1,")
            out.append("\t\t.need_outer = %d," % sweep[0])
            out.append("\t\t.need_inner = %d," % sweep[1])
        out.append("\t},")
    out.append("};")
    out.append("const unsigned int xk_nvectors = %d;" % len(VECTORS))
    with open(sys.argv[1], "w") as f:
        f.write("\n".join(out) + "\n")


main()
