#!/usr/bin/python3
# Packets for test_steer: one line per case, "name verdict hex", where the
# verdict is what bpf/xsk_steer must return with the endpoints test_steer
# registers (UDP 10.0.0.1:7777, UDP [any6]:7777, UDP [any4]:7000, flow UDP
# 10.0.0.1:5000 <- 10.0.0.2:6000), the interface's own addresses 10.0.0.1
# and fd00::1, its MAC 02:00:00:00:00:01, and no socket in the XSKMAP:
# registered and to this host -> DROP, else PASS. The name of a case the
# steering program leaves to the kernel as not ours starts "notlocal-".
from scapy.all import Ether, Dot1Q, IP, IPv6, UDP, TCP, ICMP, ARP, Raw
from scapy.layers.inet6 import ICMPv6ND_NS, ICMPv6EchoRequest, \
    IPv6ExtHdrFragment

M = dict(src="02:00:00:00:00:02", dst="02:00:00:00:00:01")
E = Ether(**M)
P = Raw(b"x" * 18)
cases = [
    ("udp4-registered", "DROP", E / IP(src="10.0.0.2", dst="10.0.0.1") / UDP(sport=4000, dport=7777) / P),
    ("udp4-other-addr", "PASS", E / IP(src="10.0.0.2", dst="10.0.0.9") / UDP(sport=4000, dport=7777) / P),
    ("udp4-other-port", "PASS", E / IP(src="10.0.0.2", dst="10.0.0.1") / UDP(sport=4000, dport=7778) / P),
    ("tcp4-same-port", "PASS", E / IP(src="10.0.0.2", dst="10.0.0.1") / TCP(sport=4000, dport=7777)),
    ("udp4-vlan-registered", "DROP", E / Dot1Q(vlan=100) / IP(src="10.0.0.2", dst="10.0.0.1") / UDP(sport=4000, dport=7777) / P),
    ("udp4-qinq-registered", "DROP", E / Dot1Q(vlan=10) / Dot1Q(vlan=100) / IP(src="10.0.0.2", dst="10.0.0.1") / UDP(sport=4000, dport=7777) / P),
    ("udp6-wildcard", "DROP", E / IPv6(src="fd00::2", dst="fd00::1") / UDP(sport=4000, dport=7777) / P),
    # a wildcard is this interface's addresses, nothing else
    ("notlocal-udp6-other-address", "PASS", E / IPv6(src="fd00::2", dst="fd00::77") / UDP(sport=4000, dport=7777) / P),
    ("notlocal-udp6-multicast", "PASS", Ether(src=M["src"], dst="33:33:00:00:00:01") / IPv6(src="fd00::2", dst="ff02::1") / UDP(sport=4000, dport=7777) / P),
    ("notlocal-udp6-other-mac", "PASS", Ether(src=M["src"], dst="02:00:00:00:00:99") / IPv6(src="fd00::2", dst="fd00::1") / UDP(sport=4000, dport=7777) / P),
    ("udp4-wildcard", "DROP", E / IP(src="10.0.0.2", dst="10.0.0.1") / UDP(sport=4000, dport=7000) / P),
    ("notlocal-udp4-broadcast", "PASS", Ether(src=M["src"], dst="ff:ff:ff:ff:ff:ff") / IP(src="10.0.0.2", dst="255.255.255.255") / UDP(sport=4000, dport=7000) / P),
    ("notlocal-udp4-subnet-broadcast", "PASS", Ether(src=M["src"], dst="ff:ff:ff:ff:ff:ff") / IP(src="10.0.0.2", dst="10.0.0.255") / UDP(sport=4000, dport=7000) / P),
    ("notlocal-udp4-multicast", "PASS", Ether(src=M["src"], dst="01:00:5e:00:00:01") / IP(src="10.0.0.2", dst="224.0.0.1") / UDP(sport=4000, dport=7000) / P),
    ("notlocal-udp4-other-address", "PASS", E / IP(src="10.0.0.2", dst="10.0.0.99") / UDP(sport=4000, dport=7000) / P),
    ("notlocal-udp4-specific-other-mac", "PASS", Ether(src=M["src"], dst="02:00:00:00:00:99") / IP(src="10.0.0.2", dst="10.0.0.1") / UDP(sport=4000, dport=7777) / P),
    ("udp6-other-port", "PASS", E / IPv6(src="fd00::2", dst="fd00::1") / UDP(sport=4000, dport=53) / P),
    ("flow4-exact", "DROP", E / IP(src="10.0.0.2", dst="10.0.0.1") / UDP(sport=6000, dport=5000) / P),
    ("flow4-other-rport", "PASS", E / IP(src="10.0.0.2", dst="10.0.0.1") / UDP(sport=6001, dport=5000) / P),
    ("flow4-other-raddr", "PASS", E / IP(src="10.0.0.3", dst="10.0.0.1") / UDP(sport=6000, dport=5000) / P),
    ("arp", "PASS", E / ARP(op=1, psrc="10.0.0.2", pdst="10.0.0.1")),
    ("icmp4-echo", "PASS", E / IP(src="10.0.0.2", dst="10.0.0.1") / ICMP()),
    ("ndp-ns", "PASS", E / IPv6(src="fd00::2", dst="ff02::1:ff00:1") / ICMPv6ND_NS(tgt="fd00::1")),
    ("icmp6-echo", "PASS", E / IPv6(src="fd00::2", dst="fd00::1") / ICMPv6EchoRequest()),
    ("frag4-first", "PASS", E / IP(src="10.0.0.2", dst="10.0.0.1", flags="MF", frag=0) / UDP(sport=4000, dport=7777) / P),
    ("frag4-later", "PASS", E / IP(src="10.0.0.2", dst="10.0.0.1", frag=3, proto=17) / P),
    ("frag6-first", "PASS", E / IPv6(src="fd00::2", dst="fd00::1") / IPv6ExtHdrFragment(m=1, offset=0) / UDP(sport=4000, dport=7777) / P),
    ("frag6-later", "PASS", E / IPv6(src="fd00::2", dst="fd00::1") / IPv6ExtHdrFragment(m=0, offset=8, nh=17) / P),
    ("ip4-truncated", "PASS", (E / IP(src="10.0.0.2", dst="10.0.0.1") / UDP(sport=4000, dport=7777) / P).build()[:30]),
    ("ip4-ihl-zero", "PASS", E / IP(src="10.0.0.2", dst="10.0.0.1", ihl=0) / UDP(sport=4000, dport=7777) / P),
]
for name, verdict, pkt in cases:
    raw = pkt if isinstance(pkt, bytes) else pkt.build()
    print(name, verdict, raw.hex())
