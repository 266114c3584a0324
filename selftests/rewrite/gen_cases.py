#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
"""Generate the rewrite case table (C) from Scapy-built packets.

Usage: gen_cases.py OUT.h

Every case is an input packet and the expected output, both built by
Scapy: the expected packet is the input re-dissected, edited field by field
as the rewrite should, with every checksum the rewrite must fix deleted so
Scapy computes it from scratch. Nothing here calls or mirrors xdpkit's
checksum code. A few inputs are searched for (a port, an address or two
payload bytes) so that a checksum lands on 0x0000 / 0xffff; the search
picks the input, Scapy still computes the expectation.

TC differs from XDP and the host where the kernel does: bpf_skb_vlan_push
puts the tag in skb->vlan_tci (the data is unchanged), bpf_skb_vlan_pop of
a QinQ frame moves the inner tag there too, and TC refuses encap/decap of
frames with in-frame tags (XK_EUNSUP). Those cases carry their own TC
expectation (bytes, return, skb->protocol, offloaded tag).
"""
import sys
import logging

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (Ether, Dot1Q, Dot1AD, IP, IPv6, TCP, UDP, ICMP,  # noqa
                       GRE, Raw, IPOption_NOP, IPOption_RR,
                       IPv6ExtHdrHopByHop, IPv6ExtHdrDestOpt,
                       IPv6ExtHdrFragment, ICMPv6EchoRequest,
                       ICMPv6EchoReply, fragment, fragment6, conf, checksum,
                       inet_pton, socket)
from scapy.layers.vxlan import VXLAN
from scapy.contrib.geneve import GENEVE

conf.verb = 0

M1, M2 = "02:00:00:00:00:01", "02:00:00:00:00:02"
M3 = "02:00:00:00:00:33"
A4, B4, C4 = "10.0.0.1", "10.0.0.2", "192.168.7.9"
A6, B6, C6 = "2001:db8::1", "2001:db8::2", "fd00:1:2:3::77"
T4S, T4D = "172.16.0.1", "172.16.0.2"      # tunnel endpoints
T6S, T6D = "2001:db8:ff::1", "2001:db8:ff::2"
PAY = bytes(range(1, 101))

ETH_P_IP, ETH_P_IPV6 = 0x0800, 0x86DD
CASES = []


def E(**kw):
    return Ether(dst=M2, src=M1, **kw)


def redissect(p):
    return Ether(bytes(p))


def recompute(p):
    """Delete every checksum in p (keeping a UDP checksum of 0, which
    means "none" on IPv4) so Scapy recomputes them on build."""
    layer = p
    while layer is not None and layer.name not in ("NoPayload", "Raw"):
        for f in ("chksum", "cksum"):
            if f in layer.fields:
                if isinstance(layer, UDP) and layer.chksum == 0:
                    continue
                if isinstance(layer, GRE) and not layer.chksum_present:
                    continue
                delattr(layer, f)  # also drops the raw cache
        layer = layer.payload if layer.payload else None
    return p


def case(name, op, inp, want, ret="0", tc=None, **cfg):
    """tc: dict overriding the TC expectation: want, ret, vlan (tpid, tci),
    protocol."""
    inp = bytes(inp)
    want = bytes(want) if want is not None else inp
    tc = tc or {}
    tcw = tc.get("want", want)
    tcw = bytes(tcw) if tcw is not None else inp
    proto = tc.get("protocol", int.from_bytes(tcw[12:14], "big"))
    CASES.append(dict(name=name, op=op, inp=inp, want=want, ret=ret,
                      tc_want=tcw, tc_ret=tc.get("ret", ret),
                      tc_proto=proto, tc_vlan=tc.get("vlan"), cfg=cfg))


def same(name, op, inp, ret, **cfg):
    """A rewrite that must leave the packet alone and return ret."""
    case(name, op, inp, None, ret, **cfg)


# ---- one's complement helpers, only to pick inputs -----------------------

def ocsum(data):
    if len(data) % 2:
        data += b"\0"
    s = 0
    for i in range(0, len(data), 2):
        s += (data[i] << 8) | data[i + 1]
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return s


def a4(s):
    return inet_pton(socket.AF_INET, s)


def a6(s):
    return inet_pton(socket.AF_INET6, s)


# ---- ports ------------------------------------------------------------------

def tcp4(**kw):
    return redissect(E() / IP(src=A4, dst=B4) /
                     TCP(sport=40000, dport=5081, flags="PA", seq=1,
                         **kw) / Raw(PAY))


def udp4(chk=None, pay=PAY):
    u = UDP(sport=40000, dport=5081)
    if chk is not None:
        u.chksum = chk
    return redissect(E() / IP(src=A4, dst=B4) / u / Raw(pay))


def tcp6():
    return redissect(E() / IPv6(src=A6, dst=B6) /
                     TCP(sport=40000, dport=5081, flags="PA") / Raw(PAY))


def udp6():
    return redissect(E() / IPv6(src=A6, dst=B6) /
                     UDP(sport=40000, dport=5081) / Raw(PAY))


def edit(p, fn):
    q = p.copy()
    fn(q)
    return recompute(q)


def setf(layer, **kw):
    def fn(q):
        for k, v in kw.items():
            setattr(q[layer], k, v)
    return fn


def ports():
    for nm, mk in (("tcp4", tcp4), ("udp4", udp4), ("tcp6", tcp6),
                   ("udp6", udp6)):
        L = TCP if nm.startswith("tcp") else UDP
        p = mk()
        case(nm + "_dport", "RW_DPORT", p, edit(p, setf(L, dport=5082)),
             port=5082)
        case(nm + "_sport", "RW_SPORT", p, edit(p, setf(L, sport=1234)),
             port=1234)
    p = udp4(chk=0)
    case("udp4_csum0_dport", "RW_DPORT", p, edit(p, setf(UDP, dport=7777)),
         port=7777)
    case("udp4_csum0_sport", "RW_SPORT", p, edit(p, setf(UDP, sport=7777)),
         port=7777)

    # TCP: a new port that makes the checksum 0x0000 (with dport = 0 the
    # checksum is exactly the port that completes the sum to 0xffff)
    z = tcp4()
    z0 = redissect(edit(z, setf(TCP, dport=0)))
    port = z0[TCP].chksum
    want = redissect(edit(z, setf(TCP, dport=port)))
    assert want[TCP].chksum == 0, hex(want[TCP].chksum)
    case("tcp4_dport_csum_0000", "RW_DPORT", z, want, port=port)
    # the other way: from a 0x0000 checksum to an ordinary one
    case("tcp4_dport_from_0000", "RW_DPORT", want,
         edit(want, setf(TCP, dport=5081)), port=5081)

    # UDP: a computed 0 is sent as 0xffff
    u = udp4()
    u0 = redissect(edit(u, setf(UDP, dport=0)))
    port = u0[UDP].chksum
    want = redissect(edit(u, setf(UDP, dport=port)))
    assert want[UDP].chksum == 0xffff, hex(want[UDP].chksum)
    case("udp4_dport_csum_ffff", "RW_DPORT", u, want, port=port)
    case("udp4_dport_from_ffff", "RW_DPORT", want,
         edit(want, setf(UDP, dport=5081)), port=5081)
    # IPv6 UDP to a computed 0: 0xffff as well, never 0
    u = udp6()
    u0 = redissect(edit(u, setf(UDP, dport=0)))
    port = u0[UDP].chksum
    want = redissect(edit(u, setf(UDP, dport=port)))
    assert want[UDP].chksum == 0xffff
    case("udp6_dport_csum_ffff", "RW_DPORT", u, want, port=port)

    # not TCP/UDP
    same("icmp4_dport_unsup", "RW_DPORT", icmp4(), "XK_EUNSUP", port=1)


# ---- addresses --------------------------------------------------------------

def icmp4(typ=8, **ipkw):
    return redissect(E() / IP(src=A4, dst=B4, **ipkw) /
                     ICMP(type=typ, id=7, seq=1) / Raw(PAY[:56]))


def icmp6(req=True):
    L = ICMPv6EchoRequest if req else ICMPv6EchoReply
    return redissect(E() / IPv6(src=A6, dst=B6) / L(id=7, seq=1) /
                     Raw(PAY[:56]))


def addresses():
    for nm, p in (("tcp4", tcp4()), ("udp4", udp4()),
                  ("udp4_csum0", udp4(chk=0)), ("icmp4", icmp4())):
        case(nm + "_daddr", "RW_DADDR4", p, edit(p, setf(IP, dst=C4)),
             addr=a4(C4))
        case(nm + "_saddr", "RW_SADDR4", p, edit(p, setf(IP, src=C4)),
             addr=a4(C4))
    for nm, p in (("tcp6", tcp6()), ("udp6", udp6()), ("icmp6", icmp6())):
        case(nm + "_daddr", "RW_DADDR6", p, edit(p, setf(IPv6, dst=C6)),
             addr=a6(C6))
        case(nm + "_saddr", "RW_SADDR6", p, edit(p, setf(IPv6, src=C6)),
             addr=a6(C6))
    same("tcp6_daddr4_unsup", "RW_DADDR4", tcp6(), "XK_EUNSUP",
         addr=a4(C4))
    same("tcp4_daddr6_unsup", "RW_DADDR6", tcp4(), "XK_EUNSUP",
         addr=a6(C6))

    # an address that makes the IPv4 header checksum 0x0000
    p = icmp4()
    hdr = bytearray(bytes(p[IP])[:20])
    hdr[10:12] = b"\0\0"
    hdr[16:20] = a4("10.9.0.0")
    s = ocsum(bytes(hdr))
    lo = (0xffff - s) % 0xffff
    dst = "10.9.%d.%d" % (lo >> 8, lo & 0xff)
    want = redissect(edit(p, setf(IP, dst=dst)))
    assert want[IP].chksum == 0, hex(want[IP].chksum)
    case("icmp4_daddr_ipcsum_0000", "RW_DADDR4", p, want, addr=a4(dst))
    case("icmp4_daddr_from_0000", "RW_DADDR4", want,
         edit(want, setf(IP, dst=B4)), addr=a4(B4))

    # DNAT: address then port, one view
    p = tcp4()
    want = edit(p, setf(IP, dst=C4))
    want[TCP].dport = 8080
    case("tcp4_dnat", "RW_DNAT4", p, want, addr=a4(C4), port=8080)


# ---- IPv4 options, IPv6 extension headers, fragments, VLAN tags ----------

def layouts():
    p = redissect(E() / IP(src=A4, dst=B4, options=[IPOption_RR(
        routers=["1.2.3.4"]), IPOption_NOP()]) /
        TCP(sport=40000, dport=5081) / Raw(PAY))
    assert p[IP].ihl > 5
    case("tcp4_opts_daddr", "RW_DADDR4", p, edit(p, setf(IP, dst=C4)),
         addr=a4(C4))
    case("tcp4_opts_dport", "RW_DPORT", p, edit(p, setf(TCP, dport=5082)),
         port=5082)
    case("tcp4_opts_ttl", "RW_DEC_TTL", p, edit(p, setf(IP, ttl=63)))

    p = redissect(E() / IPv6(src=A6, dst=B6) / IPv6ExtHdrHopByHop() /
                  IPv6ExtHdrDestOpt() / TCP(sport=40000, dport=5081) /
                  Raw(PAY))
    case("tcp6_ext_daddr", "RW_DADDR6", p, edit(p, setf(IPv6, dst=C6)),
         addr=a6(C6))
    case("tcp6_ext_saddr", "RW_SADDR6", p, edit(p, setf(IPv6, src=C6)),
         addr=a6(C6))
    case("tcp6_ext_dport", "RW_DPORT", p, edit(p, setf(TCP, dport=5082)),
         port=5082)
    p = redissect(E() / IPv6(src=A6, dst=B6) / IPv6ExtHdrHopByHop() /
                  UDP(sport=40000, dport=5081) / Raw(PAY))
    case("udp6_ext_sport", "RW_SPORT", p, edit(p, setf(UDP, sport=7)),
         port=7)

    # fragments: the L4 checksum covers the whole datagram, so expected
    # fragments are cut from the expected whole datagram
    def frags4(dport, dst):
        d = IP(src=A4, dst=dst, id=77) / TCP(sport=40000, dport=dport) / \
            Raw(PAY * 3)
        d = IP(bytes(d))
        return [redissect(E() / f) for f in fragment(d, fragsize=128)]

    inp = frags4(5081, B4)
    assert len(inp) >= 2 and inp[0][IP].flags.MF and inp[1][IP].frag > 0
    case("tcp4_frag1_dport", "RW_DPORT", inp[0], frags4(5082, B4)[0],
         port=5082)
    # every fragment, so the oracle can reassemble the rewritten datagram
    for k, f in enumerate(frags4(5081, C4)):
        case("tcp4_frag%d_daddr" % (k + 1), "RW_DADDR4", inp[k], f,
             addr=a4(C4))
    same("tcp4_frag2_dport_unsup", "RW_DPORT", inp[1], "XK_EUNSUP",
         port=5082)

    def frags6(dport, dst):
        d = IPv6(src=A6, dst=dst) / IPv6ExtHdrFragment(id=77) / \
            UDP(sport=40000, dport=dport) / Raw(PAY * 3)
        d = IPv6(bytes(d))
        return [redissect(E() / f) for f in fragment6(d, 200)]

    inp = frags6(5081, B6)
    assert len(inp) >= 2
    case("udp6_frag1_dport", "RW_DPORT", inp[0], frags6(5082, B6)[0],
         port=5082)
    for k, f in enumerate(frags6(5081, C6)):
        case("udp6_frag%d_daddr" % (k + 1), "RW_DADDR6", inp[k], f,
             addr=a6(C6))
    same("udp6_frag2_sport_unsup", "RW_SPORT", inp[1], "XK_EUNSUP",
         port=1)

    p = redissect(E() / Dot1Q(vlan=10, prio=3) / IP(src=A4, dst=B4) /
                  TCP(sport=40000, dport=5081) / Raw(PAY))
    case("vlan_tcp4_daddr", "RW_DADDR4", p, edit(p, setf(IP, dst=C4)),
         addr=a4(C4))
    case("vlan_tcp4_ttl", "RW_DEC_TTL", p, edit(p, setf(IP, ttl=63)))
    p = redissect(E() / Dot1AD(vlan=100) / Dot1Q(vlan=10) /
                  IPv6(src=A6, dst=B6) / UDP(sport=40000, dport=5081) /
                  Raw(PAY))
    case("qinq_udp6_dport", "RW_DPORT", p, edit(p, setf(UDP, dport=5082)),
         port=5082)
    case("qinq_udp6_saddr", "RW_SADDR6", p, edit(p, setf(IPv6, src=C6)),
         addr=a6(C6))


# ---- TTL, DSCP/ECN, MACs, echo ---------------------------------------------

def l3fields():
    p = tcp4()
    case("tcp4_ttl", "RW_DEC_TTL", p, edit(p, setf(IP, ttl=63)))
    for t in (1, 0):
        same("icmp4_ttl%d_expired" % t, "RW_DEC_TTL", icmp4(ttl=t), "1")
    p = icmp4(ttl=2)
    case("icmp4_ttl2", "RW_DEC_TTL", p, edit(p, setf(IP, ttl=1)))
    p = udp6()
    case("udp6_hlim", "RW_DEC_TTL", p, edit(p, setf(IPv6, hlim=63)))
    q = redissect(E() / IPv6(src=A6, dst=B6, hlim=1) /
                  UDP(sport=40000, dport=5081) / Raw(PAY))
    same("udp6_hlim1_expired", "RW_DEC_TTL", q, "1")

    p = redissect(E() / IP(src=A4, dst=B4, tos=0x01) / UDP(sport=40000, dport=5081) / Raw(PAY))
    case("udp4_dscp", "RW_DSCP", p, edit(p, setf(IP, tos=(46 << 2) | 1)),
         arg=46)
    p = redissect(E() / IP(src=A4, dst=B4, tos=0xb8) / UDP(sport=40000, dport=5081) / Raw(PAY))
    case("udp4_ecn", "RW_ECN", p, edit(p, setf(IP, tos=0xbb)), arg=3)
    p = redissect(E() / IPv6(src=A6, dst=B6, tc=0x02, fl=0xabcde) /
                  UDP(sport=40000, dport=5081) / Raw(PAY))
    case("udp6_dscp", "RW_DSCP", p, edit(p, setf(IPv6, tc=(10 << 2) | 2)),
         arg=10)
    p = redissect(E() / IPv6(src=A6, dst=B6, tc=0xfc, fl=0xabcde) /
                  UDP(sport=40000, dport=5081) / Raw(PAY))
    case("udp6_ecn", "RW_ECN", p, edit(p, setf(IPv6, tc=0xfd)), arg=1)

    mac = bytes.fromhex("020000000033")
    p = tcp4()
    case("tcp4_eth_dst", "RW_ETH_DST", p, edit(p, setf(Ether, dst=M3)),
         mac=mac)
    case("tcp4_eth_src", "RW_ETH_SRC", p, edit(p, setf(Ether, src=M3)),
         mac=mac)
    case("tcp4_eth_swap", "RW_ETH_SWAP", p,
         edit(p, setf(Ether, src=M2, dst=M1)))
    p = redissect(E() / Dot1Q(vlan=5) / IPv6(src=A6, dst=B6) / UDP(sport=40000, dport=5081) /
                  Raw(PAY))
    case("vlan_udp6_eth_swap", "RW_ETH_SWAP", p,
         edit(p, setf(Ether, src=M2, dst=M1)))

    def reply4(q):
        q[Ether].src, q[Ether].dst = M2, M1
        q[IP].src, q[IP].dst = q[IP].dst, q[IP].src
        q[ICMP].type = 0

    p = icmp4()
    case("icmp4_echo_reply", "RW_ECHO_REPLY", p, edit(p, reply4))
    p = redissect(E() / Dot1Q(vlan=9) / IP(src=A4, dst=B4, options=[
        IPOption_NOP()] * 4) / ICMP(type=8, id=1, seq=9) / Raw(PAY))
    case("vlan_icmp4_opts_echo_reply", "RW_ECHO_REPLY", p, edit(p, reply4))
    same("icmp4_reply_unsup", "RW_ECHO_REPLY", icmp4(typ=0), "XK_EUNSUP")
    same("tcp4_echo_unsup", "RW_ECHO_REPLY", tcp4(), "XK_EUNSUP")

    p = icmp6()
    w = redissect(Ether(src=M2, dst=M1) / IPv6(src=B6, dst=A6) /
                  ICMPv6EchoReply(id=7, seq=1) / Raw(PAY[:56]))
    case("icmp6_echo_reply", "RW_ECHO_REPLY", p, w)
    same("icmp6_reply_unsup", "RW_ECHO_REPLY", icmp6(req=False),
         "XK_EUNSUP")

    # xk_l4_swap: MACs, addresses and ports turned around; scapy recomputes
    # the checksums, which a swap must leave as they were
    def swap(q):
        q[Ether].src, q[Ether].dst = q[Ether].dst, q[Ether].src
        ip = q[IP] if IP in q else q[IPv6]
        ip.src, ip.dst = ip.dst, ip.src
        l4 = q[TCP] if TCP in q else q[UDP]
        l4.sport, l4.dport = l4.dport, l4.sport

    for nm, p in (("tcp4", tcp4()), ("udp4", udp4()), ("tcp6", tcp6()),
                  ("udp6", udp6())):
        case(nm + "_l4_swap", "RW_L4_SWAP", p, edit(p, swap))
    p = redissect(E() / Dot1Q(vlan=5) / IP(src=A4, dst=B4, options=[
        IPOption_NOP()] * 4) / UDP(sport=1, dport=2) / Raw(PAY))
    case("vlan_udp4_opts_l4_swap", "RW_L4_SWAP", p, edit(p, swap))
    same("icmp4_l4_swap_unsup", "RW_L4_SWAP", icmp4(), "XK_EUNSUP")


# ---- VLAN push / pop --------------------------------------------------------

def vlans():
    inner = IP(src=A4, dst=B4) / TCP(sport=1, dport=2) / Raw(PAY)
    one = redissect(E() / Dot1Q(vlan=10, prio=5) / inner)
    untagged = redissect(E() / inner)
    case("vlan_pop", "RW_VLAN_POP", one, untagged)
    qinq = redissect(E() / Dot1AD(vlan=100) / Dot1Q(vlan=10, prio=5) /
                     inner)
    case("vlan_pop_qinq", "RW_VLAN_POP", qinq, one,
         tc={"want": untagged, "vlan": (0x8100, (5 << 13) | 10)})
    same("vlan_pop_untagged_unsup", "RW_VLAN_POP", untagged, "XK_EUNSUP")

    tci = (5 << 13) | 10
    case("vlan_push", "RW_VLAN_PUSH", untagged, one, arg=tci, arg2=0x8100,
         tc={"want": untagged, "vlan": (0x8100, tci)})
    case("vlan_push_8021ad", "RW_VLAN_PUSH", one, qinq, arg=100,
         arg2=0x88a8, tc={"want": one, "vlan": (0x88a8, 100)})
    same("vlan_push_depth", "RW_VLAN_PUSH", qinq, "XK_EDEPTH", arg=7,
         arg2=0x8100, tc={"want": qinq, "ret": "0", "vlan": (0x8100, 7)})
    p6 = redissect(E() / IPv6(src=A6, dst=B6) / UDP(sport=40000, dport=5081) / Raw(PAY))
    case("vlan_push_ipv6", "RW_VLAN_PUSH", p6,
         redissect(E() / Dot1Q(vlan=4094) / p6[IPv6]), arg=4094,
         arg2=0x8100, tc={"want": p6, "vlan": (0x8100, 4094)})


# ---- encap / decap ----------------------------------------------------------

ENC4 = dict(family=ETH_P_IP, ttl=0, tos=0, saddr=a4(T4S), daddr=a4(T4D))
ENC6 = dict(family=ETH_P_IPV6, ttl=0, tos=0, saddr=a6(T6S), daddr=a6(T6D))


def outer(e):
    ttl = e["ttl"] or 64
    if e["family"] == ETH_P_IP:
        return IP(src=T4S, dst=T4D, ttl=ttl, tos=e["tos"], id=0,
                  flags="DF")
    return IPv6(src=T6S, dst=T6D, hlim=ttl, tc=e["tos"])


def encaps():
    i4 = IP(src=A4, dst=B4) / TCP(sport=40000, dport=5081) / Raw(PAY)
    i6 = IPv6(src=A6, dst=B6) / UDP(sport=40000, dport=5081) / Raw(PAY)
    i4, i6 = IP(bytes(i4)), IPv6(bytes(i6))
    for inm, inner in (("4", i4), ("6", i6)):
        for onm, e in (("4", ENC4), ("6", ENC6)):
            p = redissect(E() / inner)
            want = E(type=e["family"]) / outer(e) / inner
            case("ip_encap_%sin%s" % (inm, onm), "RW_IP_ENCAP", p, want,
                 enc=e)
    e = dict(ENC4, ttl=9, tos=0x2e)
    p = redissect(E() / i4)
    case("ip_encap_4in4_ttl_tos", "RW_IP_ENCAP", p,
         E() / outer(e) / i4, enc=e)
    e = dict(ENC6, ttl=7, tos=0xb9)
    p = redissect(E() / i6)
    case("ip_encap_6in6_hlim_tc", "RW_IP_ENCAP", p,
         E(type=ETH_P_IPV6) / outer(e) / i6, enc=e)
    p = redissect(E() / Dot1Q(vlan=3) / i4)
    case("vlan_ip_encap_4in4", "RW_IP_ENCAP", p,
         E() / Dot1Q(vlan=3) / outer(ENC4) / i4, enc=ENC4,
         tc={"want": None, "ret": "XK_EUNSUP"})

    for onm, e in (("4", ENC4), ("6", ENC6)):
        for inm, inner in (("4", i4), ("6", i6)):
            p = redissect(E() / inner)
            w = E(type=e["family"]) / outer(e) / GRE(proto=(
                ETH_P_IP if inm == "4" else ETH_P_IPV6)) / inner
            case("gre%s_encap_%s" % (onm, inm), "RW_GRE_ENCAP", p, w, enc=e)
            ek = dict(e, has_key=1, key=0xdeadbeef)
            w = E(type=e["family"]) / outer(e) / GRE(key_present=1,
                                                       key=0xdeadbeef, proto=(
                ETH_P_IP if inm == "4" else ETH_P_IPV6)) / inner
            case("gre%s_key_encap_%s" % (onm, inm), "RW_GRE_ENCAP", p, w,
                 enc=ek)

    ev = dict(ENC4, vni=0x123456, sport=49152, smac=bytes.fromhex(
        "0200000000aa"), dmac=bytes.fromhex("0200000000bb"))
    for inm, inner in (("4", i4), ("6", i6)):
        p = redissect(E() / inner)
        w = Ether(src="02:00:00:00:00:aa", dst="02:00:00:00:00:bb") / \
            outer(ev) / UDP(sport=49152, dport=4789, chksum=0) / \
            VXLAN(flags=0x08, vni=0x123456) / p
        case("vxlan_encap_%s" % inm, "RW_VXLAN_ENCAP", p, w, enc=ev)
    same("vxlan_encap_ipv6_unsup", "RW_VXLAN_ENCAP", redissect(E() / i4),
         "XK_EUNSUP", enc=dict(ev, family=ETH_P_IPV6))


def decaps():
    i4 = IP(bytes(IP(src=A4, dst=B4) / TCP(sport=40000, dport=5081) /
                  Raw(PAY)))
    i6 = IPv6(bytes(IPv6(src=A6, dst=B6) / UDP(sport=40000, dport=5081) /
                    Raw(PAY)))
    for inm, inner in (("4", i4), ("6", i6)):
        et = ETH_P_IP if inm == "4" else ETH_P_IPV6
        for onm, e in (("4", ENC4), ("6", ENC6)):
            p = redissect(E(type=e["family"]) / outer(e) / inner)
            case("decap_%sin%s" % (inm, onm), "RW_DECAP", p,
                 E(type=et) / inner)
            p = redissect(E(type=e["family"]) / outer(e) /
                          GRE(proto=et) / inner)
            case("decap_gre%s_%s" % (onm, inm), "RW_DECAP", p,
                 E(type=et) / inner)
        p = redissect(E() / outer(ENC4) / GRE(key_present=1, key=5,
                                             seqnum_present=1,
                                             sequence_number=9,
                                             chksum_present=1,
                                             proto=et) / inner)
        case("decap_gre4_csum_key_seq_%s" % inm, "RW_DECAP", p,
             E(type=et) / inner)
    p = redissect(E() / Dot1Q(vlan=8) / outer(ENC4) / i4)
    case("vlan_decap_4in4", "RW_DECAP", p, E() / Dot1Q(vlan=8) / i4,
         tc={"want": None, "ret": "XK_EUNSUP"})

    # Ethernet inside: everything before the inner frame goes
    for inm, inner in (("4", i4), ("6", i6)):
        et = ETH_P_IP if inm == "4" else ETH_P_IPV6
        frame = redissect(Ether(src="02:00:00:00:01:01",
                                dst="02:00:00:00:01:02", type=et) / inner)
        p = redissect(E() / outer(ENC4) /
                      UDP(sport=49152, dport=4789, chksum=0) /
                      VXLAN(flags=0x08, vni=42) / frame)
        case("decap_vxlan_%s" % inm, "RW_DECAP", p, frame)
        p = redissect(E() / outer(ENC4) / UDP(sport=49152, dport=6081) /
                      GENEVE(vni=42, proto=0x6558) / frame)
        case("decap_geneve_%s" % inm, "RW_DECAP", p, frame)
        p = redissect(E() / outer(ENC4) / GRE(proto=0x6558) / frame)
        case("decap_gre_teb_%s" % inm, "RW_DECAP", p, frame)
    same("decap_none_unsup", "RW_DECAP", tcp4(), "XK_EUNSUP")


# ---- C output ---------------------------------------------------------------

def carr(name, data):
    body = ",".join("0x%02x" % b for b in data)
    return "static const __u8 %s[%d] = {%s};\n" % (name, max(len(data), 1),
                                                 body)


def cbytes(b):
    return "{" + ",".join("0x%02x" % x for x in b) + "}"


def cenc(e):
    if not e:
        return "{}"
    out = [".family = 0x%04x" % e["family"], ".ttl = %d" % e["ttl"],
           ".tos = 0x%02x" % e["tos"],
           ".saddr = {.v6 = {{%s}}}" % cbytes(
               e["saddr"]),
           ".daddr = {.v6 = {{%s}}}" % cbytes(
               e["daddr"])]
    for k in ("key", "has_key", "vni", "sport"):
        if k in e:
            out.append(".%s = 0x%x" % (k, e[k]))
    for k in ("smac", "dmac"):
        if k in e:
            out.append(".%s = %s" % (k, cbytes(e[k])))
    return "{" + ", ".join(out) + "}"


def main():
    ports()
    addresses()
    layouts()
    l3fields()
    vlans()
    encaps()
    decaps()
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    out = ["/* Generated by selftests/rewrite/gen_cases.py: do not edit */\n"]
    rows = []
    for i, c in enumerate(CASES):
        out.append(carr("in_%d" % i, c["inp"]))
        out.append(carr("want_%d" % i, c["want"]))
        out.append(carr("tcw_%d" % i, c["tc_want"]))
        cfg = c["cfg"]
        fields = [".op = %s" % c["op"]]
        if "port" in cfg:
            fields.append(".port = %d" % cfg["port"])
        if "arg" in cfg:
            fields.append(".arg = 0x%x" % cfg["arg"])
        if "arg2" in cfg:
            fields.append(".arg2 = 0x%x" % cfg["arg2"])
        if "mac" in cfg:
            fields.append(".mac = %s" % cbytes(cfg["mac"]))
        if "addr" in cfg:
            fields.append(".addr = %s" % cbytes(cfg["addr"]))
        if "enc" in cfg:
            fields.append(".enc = %s" % cenc(cfg["enc"]))
        vl = c["tc_vlan"]
        rows.append(
            "\t{\"%s\", {%s},\n\t in_%d, %d, want_%d, %d, tcw_%d, %d,\n"
            "\t %s, %s, 0x%04x, %d, 0x%04x, 0x%04x},\n" % (
                c["name"], ", ".join(fields), i, len(c["inp"]), i,
                len(c["want"]), i, len(c["tc_want"]), c["ret"],
                c["tc_ret"], c["tc_proto"], 1 if vl else 0,
                vl[1] if vl else 0, vl[0] if vl else 0))
    out.append("static const struct rw_case rw_cases[] = {\n")
    out.extend(rows)
    out.append("};\n")
    with open(sys.argv[1], "w") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
