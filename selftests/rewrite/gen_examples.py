#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
"""Packets for the rewrite examples under BPF_PROG_TEST_RUN.

Usage: gen_examples.py > examples.txt

One line per run: "name object program action input_hex want_hex", with
the expected output built by Scapy (checksums recomputed by Scapy from
scratch) and the action the program must return (XDP_PASS 2, XDP_TX 3,
TC_ACT_OK 0).
"""
import logging

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (Ether, Dot1Q, Dot1AD, IP, IPv6, TCP, UDP, ICMP,  # noqa
                       GRE, Raw, IPv6ExtHdrHopByHop, ICMPv6EchoRequest,
                       ICMPv6EchoReply, ICMPv6ND_NS, ARP, fragment, conf)
from scapy.layers.vxlan import VXLAN

conf.verb = 0
M1, M2 = "02:00:00:00:00:01", "02:00:00:00:00:02"
XDP_PASS, XDP_TX, TC_ACT_OK = 2, 3, 0
ROWS = []


def E(**kw):
    return Ether(dst=M2, src=M1, **kw)


def row(name, obj, prog, action, inp, want=None):
    inp = bytes(inp)
    want = bytes(want) if want is not None else inp
    ROWS.append("%s %s %s %d %s %s" % (name, obj, prog, action, inp.hex(),
                                       want.hex()))


def both(name, obj, base, inp, want=None):
    row(name + "_xdp", obj, base + "_xdp", XDP_PASS, inp, want)
    row(name + "_tc", obj, base + "_tc", TC_ACT_OK, inp, want)


def port_rewrite():
    obj = "port_rewrite/port_rewrite.bpf.o"
    for fam in (4, 6):
        for n in (0, 1, 289, 290, 292, 294, 295, 1000):
            ip = IP(src="10.0.0.1", dst="10.0.0.2") if fam == 4 else \
                IPv6(src="2001:db8::1", dst="2001:db8::2")
            p = Ether(bytes(E() / ip / TCP(sport=40000, dport=5081,
                                           flags="PA") / Raw(b"x" * n)))
            want = p.copy()
            if not 290 <= n <= 294:
                want[TCP].dport = 5082
                del want[TCP].chksum
            both("port_rewrite_v%d_len%d" % (fam, n), obj, "port_rewrite",
                 p, want)
    # TCP options count as header, not payload: 292 bytes of payload
    p = Ether(bytes(E() / IP(src="10.0.0.1", dst="10.0.0.2") /
                    TCP(sport=1, dport=5081, options=[("MSS", 1460),
                                                      ("NOP", None),
                                                      ("NOP", None)]) /
                    Raw(b"y" * 292)))
    both("port_rewrite_opts_len292", obj, "port_rewrite", p)
    # Ethernet padding is not payload: 0 bytes of payload, padded frame
    p = Ether(bytes(E() / IP(src="10.0.0.1", dst="10.0.0.2") /
                    TCP(sport=1, dport=5081, flags="S")) + b"\0" * 6)
    want = p.copy()
    want[TCP].dport = 5082
    del want[TCP].chksum
    both("port_rewrite_padded", obj, "port_rewrite", p, want)
    for nm, p in (
            ("other_port", E() / IP() / TCP(sport=1, dport=5080) / Raw(b"z")),
            ("udp_5081", E() / IP() / UDP(sport=1, dport=5081) / Raw(b"z")),
            ("arp", E(type=0x806) / ARP())):
        both("port_rewrite_" + nm, obj, "port_rewrite", p)
    frag = fragment(IP(src="10.0.0.1", dst="10.0.0.2") /
                    TCP(sport=1, dport=5081) / Raw(b"f" * 600), 256)[0]
    both("port_rewrite_first_fragment", obj, "port_rewrite", E() / frag)


def icmp_echo():
    obj, prog = "icmp_echo/icmp_echo.bpf.o", "icmp_echo_xdp"
    p = Ether(bytes(E() / IP(src="10.0.0.1", dst="10.0.0.2", ttl=33) /
                    ICMP(type=8, id=5, seq=7) / Raw(b"ping" * 14)))
    w = Ether(bytes(Ether(src=M2, dst=M1) /
                    IP(src="10.0.0.2", dst="10.0.0.1", ttl=33, id=p[IP].id) /
                    ICMP(type=0, id=5, seq=7) / Raw(b"ping" * 14)))
    row("icmp_echo_v4", obj, prog, XDP_TX, p, w)
    p = Ether(bytes(E() / IPv6(src="2001:db8::1", dst="2001:db8::2") /
                    ICMPv6EchoRequest(id=5, seq=7, data=b"ping" * 14)))
    w = Ether(bytes(Ether(src=M2, dst=M1) /
                    IPv6(src="2001:db8::2", dst="2001:db8::1") /
                    ICMPv6EchoReply(id=5, seq=7, data=b"ping" * 14)))
    row("icmp_echo_v6", obj, prog, XDP_TX, p, w)
    p = Ether(bytes(E() / Dot1Q(vlan=3) / IPv6(src="2001:db8::1",
                                               dst="2001:db8::2") /
                    IPv6ExtHdrHopByHop() /
                    ICMPv6EchoRequest(id=1, seq=1, data=b"abcd")))
    w = Ether(bytes(Ether(src=M2, dst=M1) / Dot1Q(vlan=3) /
                    IPv6(src="2001:db8::2", dst="2001:db8::1") /
                    IPv6ExtHdrHopByHop() /
                    ICMPv6EchoReply(id=1, seq=1, data=b"abcd")))
    row("icmp_echo_v6_vlan_hbh", obj, prog, XDP_TX, p, w)
    for nm, p in (
            ("reply", E() / IP() / ICMP(type=0)),
            ("v6_reply", E() / IPv6() / ICMPv6EchoReply()),
            ("ndp_ns", E() / IPv6() / ICMPv6ND_NS(tgt="2001:db8::2")),
            ("udp", E() / IP() / UDP(sport=1, dport=2)),
            ("fragment", E() / fragment(IP(dst="10.0.0.2") /
                                        ICMP(type=8) / Raw(b"q" * 600),
                                        256)[0])):
        row("icmp_echo_" + nm, obj, prog, XDP_PASS, p)


def vlan():
    obj = "vlan/vlan.bpf.o"
    inner = IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=1, dport=2) / \
        Raw(b"v" * 30)
    row("vlan_pop", obj, "vlan_pop_xdp", XDP_PASS,
        E() / Dot1Q(vlan=100) / inner, E() / inner)
    row("vlan_pop_qinq", obj, "vlan_pop_xdp", XDP_PASS,
        E() / Dot1AD(vlan=7) / Dot1Q(vlan=100) / inner,
        E() / Dot1Q(vlan=100) / inner)
    row("vlan_pop_untagged", obj, "vlan_pop_xdp", XDP_PASS, E() / inner)
    row("vlan_pop_arp", obj, "vlan_pop_xdp", XDP_PASS,
        E() / Dot1Q(vlan=100) / ARP(), E() / ARP())
    # TC push: the tag goes to skb->vlan_tci, the data stays as it was
    # (the netns suite sees the tag on the wire)
    row("vlan_push_tc_data", obj, "vlan_push_tc", TC_ACT_OK, E() / inner)


def ipip_decap():
    obj = "ipip_decap/ipip_decap.bpf.o"
    i4 = IP(src="10.1.0.1", dst="10.1.0.2") / UDP(sport=1, dport=2) / \
        Raw(b"i" * 40)
    i6 = IPv6(src="fd01::1", dst="fd01::2") / UDP(sport=1, dport=2) / \
        Raw(b"i" * 40)
    o4 = IP(src="10.0.0.1", dst="10.0.0.2")
    o6 = IPv6(src="2001:db8::1", dst="2001:db8::2")
    for nm, inp, want in (
            ("ipip", E() / o4 / i4, E() / i4),
            ("6in4", E() / o4 / i6, E(type=0x86dd) / i6),
            ("4in6", E() / o6 / i4, E(type=0x800) / i4),
            ("ip6ip6", E() / o6 / i6, E() / i6),
            ("gre4_4", E() / o4 / GRE() / i4, E() / i4),
            ("gre4_6_key", E() / o4 / GRE(key_present=1, key=9) / i6,
             E(type=0x86dd) / i6),
            ("gre6_4", E() / o6 / GRE() / i4, E(type=0x800) / i4),
            ("plain", E() / i4, None),
            ("gretap", E() / o4 / GRE(proto=0x6558) / E() / i4, None),
            ("vxlan", E() / o4 / UDP(sport=1, dport=4789) /
             VXLAN(flags=8, vni=1) / E() / i4, None)):
        both("ipip_decap_" + nm, obj, "ipip_decap", inp, want)


port_rewrite()
icmp_echo()
vlan()
ipip_decap()
print("\n".join(ROWS))
