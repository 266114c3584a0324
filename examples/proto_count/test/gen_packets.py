#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Test packets for proto_count, built with Scapy, one per line:

    name repeat l3_proto l4_proto bad hexbytes

The expected key is read back from Scapy's own dissection of the bytes
(ethertype after the VLAN tags, IP protocol after the IPv6 extension
headers), not written down by hand, so Scapy is the oracle. `bad` is the
one thing Scapy cannot judge: packets we break on purpose say so.
Each packet is run `repeat` times (all different), so a packet counted
under the wrong key shows up as a wrong total.
"""
import sys

try:
    from scapy.layers.l2 import ARP, Dot1AD, Dot1Q, Ether
    from scapy.layers.inet import IP, TCP, UDP
    from scapy.layers.inet6 import IPv6, IPv6ExtHdrHopByHop, _IPv6ExtHdr
except ImportError as e:
    sys.exit("gen_packets: scapy is missing (%s): apt-get install "
             "python3-scapy and run with /usr/bin/python3" % e)

MAC = dict(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
V4 = dict(src="192.0.2.1", dst="198.51.100.2")
V6 = dict(src="2001:db8::1", dst="2001:db8::2")

# (name, packet, bad)
PACKETS = [
    ("ipv4_tcp", Ether(**MAC) / IP(**V4) / TCP(sport=1234, dport=80), 0),
    ("ipv4_udp", Ether(**MAC) / IP(**V4) / UDP(sport=1234, dport=53)
     / b"query", 0),
    ("ipv6_udp", Ether(**MAC) / IPv6(**V6) / UDP(sport=1234, dport=53), 0),
    ("arp", Ether(**MAC) / ARP(psrc="192.0.2.1", pdst="192.0.2.2"), 0),
    ("vlan_ipv4_udp", Ether(**MAC) / Dot1Q(vlan=10) / IP(**V4)
     / UDP(sport=5, dport=6), 0),
    ("qinq_ipv4_tcp", Ether(**MAC) / Dot1AD(vlan=20) / Dot1Q(vlan=30)
     / IP(**V4) / TCP(), 0),
    ("ipv6_hbh_tcp", Ether(**MAC) / IPv6(**V6) / IPv6ExtHdrHopByHop()
     / TCP(dport=443), 0),
    # an ethertype xdpkit does not parse (LLDP): counted by ethertype
    ("lldp", Ether(dst="01:80:c2:00:00:0e", src=MAC["src"], type=0x88cc)
     / (b"\x02\x07\x04" + b"\x00" * 43), 0),
    # IHL 4 is invalid: counted under IPv4 with no L4 protocol, bad = 1
    ("ipv4_ihl4", Ether(**MAC) / IP(ihl=4, **V4) / UDP(), 1),
]


def expected_key(raw, bad):
    """(l3_proto, l4_proto) from Scapy's dissection of the wire bytes."""
    p = Ether(raw)
    l2 = p
    while isinstance(l2.payload, (Dot1Q, Dot1AD)):
        l2 = l2.payload
    l3 = l2.type
    if bad:
        return l3, 0  # the parser stops at the broken header
    if IP in p:
        return l3, p[IP].proto
    if IPv6 in p:
        nh = p[IPv6].nh
        layer = p[IPv6].payload
        while isinstance(layer, _IPv6ExtHdr):
            nh = layer.nh
            layer = layer.payload
        return l3, nh
    return l3, 0


def main():
    for i, (name, pkt, bad) in enumerate(PACKETS):
        raw = bytes(pkt)
        l3, l4 = expected_key(raw, bad)
        print(name, i + 1, l3, l4, bad, raw.hex())


if __name__ == "__main__":
    main()
