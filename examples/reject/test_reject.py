#!/usr/bin/python3
"""examples/reject under BPF_PROG_TEST_RUN, XDP and TC, with scapy as the
oracle: every reply equal byte for byte to scapy's build of what RFC 793,
792/1812 and 4443 say it must be; what may not be answered passes
unchanged and is counted; what does not match passes unchanged.
The same packets go through reply_buf (the builders on a userspace
buffer), held to the same bytes.
Usage: test_reject.py PINDIR REPLY_BUF (the programs and maps pinned in
PINDIR; REPLY_BUF the host tool)."""
import logging
import os
import struct
import subprocess
import sys
import tempfile
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (Ether, Dot1Q, IP, IPv6, IPv6ExtHdrHopByHop, TCP, UDP,
                       ICMP, ICMPv6EchoRequest, ICMPv6DestUnreach,
                       ICMPv6PacketTooBig, Raw, raw)

PIN, REPLY_BUF = sys.argv[1], sys.argv[2]
CM, SM = "02:00:00:00:00:01", "02:00:00:00:00:09"   # client, server MACs
C4, S4, C6, S6 = "10.21.0.2", "10.21.0.9", "fd21::2", "fd21::9"
TCP_PORT, UDP_PORT = 5000, 5001
XDP_PASS, XDP_TX, TC_OK, TC_REDIRECT = 2, 3, 0, 7
fails, oks = [], 0


def cfg(tcp=0, udp=0, mtu=0, ping=0):
    val = struct.pack("<HHHBB", tcp, udp, mtu, ping, 0)
    subprocess.run(["bpftool", "map", "update", "pinned", PIN + "/reject_cfg",
                    "key", "hex", "00", "00", "00", "00", "value", "hex"] +
                   ["%02x" % b for b in val], check=True)


def counts():
    out = subprocess.run(["bpftool", "-j", "map", "dump", "pinned",
                          PIN + "/reject_sent"], capture_output=True,
                         text=True, check=True).stdout
    import json
    res = {}
    for e in json.loads(out):
        k = e["key"] if isinstance(e["key"], int) else int(e["key"][0], 16)
        vals = e.get("values", [])
        res[k] = sum(v["value"] if isinstance(v["value"], int) else
                     int.from_bytes(bytes(int(x, 16) for x in v["value"]),
                                    "little") for v in vals)
    return res


def run(prog, pkt):
    d = tempfile.mkdtemp()
    i, o = d + "/in", d + "/out"
    open(i, "wb").write(pkt)
    out = subprocess.run(["bpftool", "prog", "run", "pinned", PIN + "/" + prog,
                          "data_in", i, "data_out", o,
                          "data_size_out", "4096"],
                         capture_output=True, text=True).stdout
    rv = int(out.split("Return value:")[1].split(",")[0])
    got = open(o, "rb").read()
    os.unlink(i)
    os.unlink(o)
    os.rmdir(d)
    return rv, got


def back(pkt):
    """The Ethernet header (and tags) of a reply to pkt."""
    e = Ether(dst=pkt[Ether].src, src=pkt[Ether].dst)
    if Dot1Q in pkt:
        e = e / Dot1Q(vlan=pkt[Dot1Q].vlan, prio=pkt[Dot1Q].prio)
    return e


def icmp4_error(pkt, typ, code, mtu=None):
    pkt = Ether(raw(pkt))
    ip = pkt[IP]
    quote = raw(ip)[:ip.len][:548]
    icmp = ICMP(type=typ, code=code, nexthopmtu=mtu) if mtu else \
        ICMP(type=typ, code=code)
    return raw(back(pkt) / IP(src=ip.dst, dst=ip.src, tos=0xc0 | (ip.tos & 0x1e),
                              id=0, flags="DF", ttl=64) / icmp / Raw(quote))


def icmp6_error(pkt, layer):
    pkt = Ether(raw(pkt))
    ip = pkt[IPv6]
    quote = raw(ip)[:40 + ip.plen][:1232]
    return raw(back(pkt) / IPv6(src=ip.dst, dst=ip.src, hlim=64) / layer /
               Raw(quote))


def rst(pkt):
    pkt = Ether(raw(pkt))
    ip = pkt[IP] if IP in pkt else pkt[IPv6]
    t = pkt[TCP]
    seglen = len(t.payload) + (1 if "S" in t.flags else 0) + \
        (1 if "F" in t.flags else 0)
    if "A" in t.flags:
        tcp = TCP(sport=t.dport, dport=t.sport, seq=t.ack, ack=0, flags="R",
                  window=0)
    else:
        tcp = TCP(sport=t.dport, dport=t.sport, seq=0,
                  ack=(t.seq + seglen) & 0xffffffff, flags="RA", window=0)
    if IP in pkt:
        l3 = IP(src=ip.dst, dst=ip.src, tos=ip.tos & 0xfc, id=0, flags="DF",
                ttl=64)
    else:
        l3 = IPv6(src=ip.dst, dst=ip.src, tc=ip.tc & 0xfc, hlim=64)
    return raw(back(pkt) / l3 / tcp)


def host_action(pkt, kind):
    """The reply_buf arguments of what the example does for kind."""
    v6 = IPv6 in Ether(pkt)
    return {0: ["rst"],
            1: ["icmp", "1", "4", "0"] if v6 else ["icmp", "3", "3", "0"],
            2: ["icmp", "2", "0", "1000"] if v6 else ["icmp", "3", "4", "1000"],
            3: ["icmp", "1", "1", "0"] if v6 else ["icmp", "3", "13", "0"]}[kind]


def host(what, pkt, want, kind):
    """The builder on a userspace buffer: the same bytes, or refused and
    unchanged."""
    global oks
    p = subprocess.run([REPLY_BUF] + host_action(pkt, kind), input=pkt,
                       capture_output=True)
    if want is None:
        if p.returncode != 3 or p.stdout != pkt:
            fails.append("buffer %s: exit %d, %s (want refused, unchanged)"
                         % (what, p.returncode, "changed" if p.stdout != pkt
                            else "unchanged"))
            return
    elif p.returncode != 0 or p.stdout != want:
        fails.append("buffer %s: exit %d, %d bytes (scapy %d)%s" % (
            what, p.returncode, len(p.stdout), len(want),
            (" " + p.stderr.decode().strip()) if p.stderr else ""))
        return
    oks += 1


def case(what, pkt, want, kind=None, tc_want="same"):
    """want: the reply's bytes, or None for 'passes unchanged'.
    tc_want: 'same' as XDP, or None (TC passes it unchanged)."""
    global oks
    pkt = raw(pkt)
    if kind is not None:
        host(what, pkt, want, kind)
    for prog, tx, pas in (("reject_xdp", XDP_TX, XDP_PASS),
                          ("reject_tc", TC_REDIRECT, TC_OK)):
        w = want if (prog == "reject_xdp" or tc_want == "same") else None
        before = counts()
        rv, got = run(prog, pkt)
        after = counts()
        if w is None:
            if rv != pas or got != pkt:
                fails.append("%s %s: rv %d, %s (want passed unchanged)" % (
                    prog, what, rv, "changed" if got != pkt else "unchanged"))
                continue
        else:
            if rv != tx or got != w:
                where = next((i for i in range(min(len(got), len(w)))
                              if got[i] != w[i]), min(len(got), len(w)))
                fails.append("%s %s: rv %d, %d bytes (scapy %d), first "
                             "difference at byte %d" % (prog, what, rv,
                                                        len(got), len(w),
                                                        where))
                continue
        k = kind if w is not None else (4 if kind is not None else None)
        if k is not None and after.get(k, 0) != before.get(k, 0) + 1:
            fails.append("%s %s: counter %d went %d -> %d" % (
                prog, what, k, before.get(k, 0), after.get(k, 0)))
            continue
        oks += 1


PAY = bytes(range(256)) * 6
E = Ether(dst=SM, src=CM)
cfg(tcp=TCP_PORT, udp=UDP_PORT, mtu=1000, ping=1)
syn4 = E / IP(src=C4, dst=S4, tos=0x2b) / TCP(sport=40000, dport=TCP_PORT,
                                             seq=12345, flags="S",
                                             options=[("MSS", 1460)])
case("IPv4 SYN to the TCP port: RST|ACK, ack = seq + 1", syn4, rst(syn4), 0)
ack4 = E / IP(src=C4, dst=S4) / TCP(sport=40001, dport=TCP_PORT, seq=7,
                                    ack=0xfffffff0, flags="PA") / Raw(PAY[:100])
case("IPv4 ACK with data: RST, seq = ack", ack4, rst(ack4), 0)
fin4 = E / IP(src=C4, dst=S4, options=b"\x94\x04\x00\x00") / TCP(
    sport=40002, dport=TCP_PORT, seq=0xffffffff, flags="F") / Raw(PAY[:10])
case("IPv4 FIN with data and IP options: RST|ACK, ack wraps, options "
     "dropped", fin4, rst(fin4), 0)
syn6 = E / IPv6(src=C6, dst=S6, tc=0x8a) / IPv6ExtHdrHopByHop() / TCP(
    sport=40003, dport=TCP_PORT, seq=99, flags="S")
case("IPv6 SYN behind a hop-by-hop header: RST|ACK, extension header "
     "dropped", syn6, rst(syn6), 0)
synv = E / Dot1Q(vlan=7, prio=2) / IP(src=C4, dst=S4) / TCP(
    sport=40004, dport=TCP_PORT, flags="S")
case("VLAN-tagged SYN: RST with the tag kept", synv, rst(synv), 0)
udp4 = E / IP(src=C4, dst=S4, tos=0x04) / UDP(sport=30000, dport=UDP_PORT) \
    / Raw(PAY[:64])
case("IPv4 UDP to the UDP port: port unreachable quoting it", udp4,
     icmp4_error(udp4, 3, 3), 1)
udp4p = raw(udp4) + b"\0" * 20
case("IPv4 UDP with Ethernet padding: the quote stops at the datagram",
     Ether(udp4p), icmp4_error(udp4, 3, 3), 1)
udp6 = E / IPv6(src=C6, dst=S6) / UDP(sport=30001, dport=UDP_PORT) / \
    Raw(PAY[:64])
case("IPv6 UDP to the UDP port: ICMPv6 port unreachable", udp6,
     icmp6_error(udp6, ICMPv6DestUnreach(code=4)), 1)
udpv = E / Dot1Q(vlan=9) / IP(src=C4, dst=S4) / UDP(sport=1, dport=UDP_PORT)
case("VLAN-tagged UDP: unreachable with the tag kept (TC: in-frame tags "
     "are refused, passed)", udpv, icmp4_error(udpv, 3, 3), 1, tc_want=None)
big4 = E / IP(src=C4, dst=S4, flags="DF") / UDP(sport=2, dport=9) / \
    Raw(PAY[:1200])
case("IPv4 1228-byte datagram with DF, mtu 1000: frag needed, 548 bytes "
     "quoted", big4, icmp4_error(big4, 3, 4, mtu=1000), 2)
big4nodf = E / IP(src=C4, dst=S4) / UDP(sport=2, dport=9) / Raw(PAY[:1200])
case("IPv4 1228 bytes without DF: passes (a router fragments)", big4nodf,
     None)
big6 = E / IPv6(src=C6, dst=S6) / UDP(sport=3, dport=9) / Raw(PAY[:1400])
case("IPv6 1448-byte datagram, mtu 1000: packet too big, 1232 bytes "
     "quoted", big6, icmp6_error(big6, ICMPv6PacketTooBig(mtu=1000)), 2)
ping4 = E / IP(src=C4, dst=S4) / ICMP(id=5, seq=1) / Raw(PAY[:56])
case("IPv4 echo request: administratively prohibited", ping4,
     icmp4_error(ping4, 3, 13), 3)
ping6 = E / IPv6(src=C6, dst=S6) / ICMPv6EchoRequest(id=5, seq=1) / \
    Raw(PAY[:56])
case("IPv6 echo request: administratively prohibited", ping6,
     icmp6_error(ping6, ICMPv6DestUnreach(code=1)), 3)
# matched, but not answerable: passed unchanged, counted
case("a RST to the TCP port: no reset for a reset", E / IP(src=C4, dst=S4) /
     TCP(sport=1, dport=TCP_PORT, flags="R"), None, 0)
case("UDP to the port at a multicast address: no error", E /
     IP(src=C4, dst="239.1.1.1") / UDP(sport=1, dport=UDP_PORT), None, 1)
case("UDP to the port from 0.0.0.0: no error", E / IP(src="0.0.0.0", dst=S4)
     / UDP(sport=1, dport=UDP_PORT), None, 1)
case("an oversized ICMP error: no error about an error", E /
     IP(src=C4, dst=S4, flags="DF") / ICMP(type=3, code=1) / Raw(PAY[:1100]),
     None, 2)
case("IPv6 UDP to the port from a multicast source: no error", E /
     IPv6(src="ff02::1", dst=S6) / UDP(sport=1, dport=UDP_PORT), None, 1)
case("a later IPv4 fragment to the UDP port: no error", E /
     IP(src=C4, dst=S4, frag=100, proto=17) / Raw(PAY[:32]), None)
# not matched
case("TCP to another port", E / IP(src=C4, dst=S4) / TCP(dport=80), None)
case("UDP to another port", E / IP(src=C4, dst=S4) / UDP(dport=53), None)
case("ARP", Ether(dst="ff:ff:ff:ff:ff:ff", src=CM) / Raw(b"\x00" * 28), None)
case("a truncated TCP header", raw(syn4)[:14 + 20 + 10], None)
cfg()
case("unconfigured: a SYN passes", syn4, None)
case("unconfigured: a ping passes", ping4, None)
print("FAIL " + "; ".join(fails) if fails else
      "ok %d runs (XDP, TC and a userspace buffer) equal to scapy or "
      "unchanged as they must be, counters exact" % oks)
