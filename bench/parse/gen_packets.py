#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Benchmark packets, built with Scapy, one per line:

    name expect_l4 expect_full hexbytes

expect_* = (L4 protocol << 16) | dport of the outermost (l4 programs) and
innermost (full programs) TCP/UDP header, read from Scapy's dissection of
the bytes, so the harness can check every parser really got to L4.
"""
import sys

try:
    from scapy.layers.l2 import Dot1Q, Ether
    from scapy.layers.inet import IP, TCP, UDP
    from scapy.layers.inet6 import IPv6, IPv6ExtHdrHopByHop
    from scapy.layers.vxlan import VXLAN
except ImportError as e:
    sys.exit("gen_packets: scapy is missing (%s): apt-get install "
             "python3-scapy and run with /usr/bin/python3" % e)

MAC = dict(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
V4 = dict(src="192.0.2.1", dst="198.51.100.2")
V6 = dict(src="2001:db8::1", dst="2001:db8::2")
PAY = b"x" * 18

PACKETS = [
    ("ipv4_tcp", Ether(**MAC) / IP(**V4) / TCP(sport=40000, dport=80) / PAY),
    ("ipv4_udp", Ether(**MAC) / IP(**V4) / UDP(sport=40000, dport=53) / PAY),
    ("vlan_ipv4_udp", Ether(**MAC) / Dot1Q(vlan=10) / IP(**V4)
     / UDP(sport=40000, dport=53) / PAY),
    ("ipv6_hbh_udp", Ether(**MAC) / IPv6(**V6) / IPv6ExtHdrHopByHop()
     / UDP(sport=40000, dport=53) / PAY),
    ("vxlan_ipv4_udp", Ether(**MAC) / IP(**V4) / UDP(sport=40000, dport=4789)
     / VXLAN(vni=42) / Ether(**MAC) / IP(src="10.0.0.1", dst="10.0.0.2")
     / UDP(sport=40001, dport=5353) / PAY),
]


def l4_results(raw):
    """(outermost, innermost) TCP/UDP as (proto << 16) | dport."""
    found = []
    layer = Ether(raw)
    while layer:
        if isinstance(layer, (TCP, UDP)):
            proto = 6 if isinstance(layer, TCP) else 17
            found.append(proto << 16 | layer.dport)
        layer = layer.payload
    if not found:
        sys.exit("gen_packets: a packet without TCP/UDP")
    return found[0], found[-1]


for name, pkt in PACKETS:
    raw = bytes(pkt)
    outer, inner = l4_results(raw)
    print(name, outer, inner, raw.hex())
