#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
"""Input packets of bench-rewrite, one "op hex" line each (Scapy)."""
import logging

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import Ether, Dot1Q, IP, TCP, Raw  # noqa

E = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
inner = IP(src="10.0.1.1", dst="10.0.3.100") / \
    TCP(sport=40000, dport=5081, flags="PA") / Raw(bytes(64))
outer = IP(src="192.168.0.1", dst="192.168.0.2", id=0, flags="DF", ttl=64)
for op, p in (("port", E / inner), ("dnat", E / inner),
              ("vlan", E / Dot1Q(vlan=100) / inner),
              ("ipip", E / outer / inner)):
    print(op, bytes(p).hex())
