#!/usr/bin/python3
"""Cases of the packet builder (headers/xdpkit/compose.h): each one a C
xk_build() call and the same packet in scapy. Writes a C file whose
xk_compose_cases[] hold both the call (as a function) and scapy's bytes;
test_compose.c checks them byte for byte and parses every packet back."""
import logging
import sys
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (Ether, Dot1Q, Dot1AD, IP, IPv6, UDP, TCP, ICMP,
                       ICMPv6EchoRequest, ICMPv6EchoReply, Raw, raw, ARP,
                       GRE, VXLAN, IPv6ExtHdrHopByHop, IPv6ExtHdrDestOpt,
                       IPv6ExtHdrRouting, IPv6ExtHdrFragment, RouterAlert,
                       ICMPv6ND_NS, ICMPv6ND_NA, ICMPv6ND_RS,
                       ICMPv6NDOptSrcLLAddr, ICMPv6NDOptDstLLAddr)
from scapy.contrib.geneve import GENEVE, GeneveOptions

M1 = "02:00:00:00:00:01"
M2 = "02:00:00:00:00:02"
CM1 = "{2, 0, 0, 0, 0, 1}"
CM2 = "{2, 0, 0, 0, 0, 2}"
E = "XK_ETH(.dst = %s, .src = %s)" % (CM2, CM1)
PAY = bytes(range(37))

CASES = [
    ("udp4", E + ', XK_IP4(.src = "10.0.0.1", .dst = "10.0.0.2"), '
     'XK_UDP(.sport = 4000, .dport = 53), XK_RAW(pay, 37)',
     Ether(dst=M2, src=M1) / IP(src="10.0.0.1", dst="10.0.0.2") /
     UDP(sport=4000, dport=53) / Raw(PAY), (17, 4000, 53)),
    ("udp4_defaults", E + ', XK_IP4(.src = "10.0.0.1", .dst = "10.0.0.2"), '
     'XK_UDP()', Ether(dst=M2, src=M1) / IP(src="10.0.0.1", dst="10.0.0.2")
     / UDP(), (17, 53, 53)),
    ("tcp4_syn", E + ', XK_IP4(.src = "192.0.2.1", .dst = "192.0.2.2", '
     '.ttl = 7, .tos = 0x10, .id = 77), XK_TCP(.sport = 1234, .dport = 443, '
     '.seq = 1000)',
     Ether(dst=M2, src=M1) / IP(src="192.0.2.1", dst="192.0.2.2", ttl=7,
                                tos=0x10, id=77) /
     TCP(sport=1234, dport=443, seq=1000), (6, 1234, 443)),
    ("tcp4_opts_data", E + ', XK_IP4(.src = "192.0.2.1", .dst = '
     '"192.0.2.2"), XK_TCP(.sport = 5, .dport = 6, .flags = XK_TCP_ACK | '
     'XK_TCP_PSH, .ack = 0x11223344, .window = 1000, .opts = mss, .optlen '
     '= 4), XK_RAW(pay, 37)',
     Ether(dst=M2, src=M1) / IP(src="192.0.2.1", dst="192.0.2.2") /
     TCP(sport=5, dport=6, flags="PA", ack=0x11223344, window=1000,
         options=[("MSS", 1460)]) / Raw(PAY), (6, 5, 6)),
    ("ip4_options", E + ', XK_IP4(.src = "10.1.1.1", .dst = "10.1.1.2", '
     '.opts = ra, .optlen = 4), XK_UDP(.sport = 9, .dport = 10)',
     Ether(dst=M2, src=M1) /
     IP(src="10.1.1.1", dst="10.1.1.2", options=b"\x94\x04\x00\x00") /
     UDP(sport=9, dport=10), (17, 9, 10)),
    ("vlan_udp6", E + ', XK_VLAN(.id = 10, .pcp = 3), XK_IP6(.src = '
     '"fd00::1", .dst = "fd00::2"), XK_UDP(.sport = 7, .dport = 8), '
     'XK_RAW(pay, 37)',
     Ether(dst=M2, src=M1) / Dot1Q(vlan=10, prio=3) /
     IPv6(src="fd00::1", dst="fd00::2") / UDP(sport=7, dport=8) / Raw(PAY),
     (17, 7, 8)),
    ("qinq_tcp6", E + ', XK_VLAN(.id = 100, .tpid = ETH_P_8021AD), '
     'XK_VLAN(.id = 200), XK_IP6(.src = "2001:db8::1", .dst = '
     '"2001:db8::2", .hlim = 3, .tclass = 0xb8, .flow = 0x12345), '
     'XK_TCP(.sport = 40000, .dport = 22)',
     Ether(dst=M2, src=M1, type=0x88a8) / Dot1AD(vlan=100) / Dot1Q(vlan=200)
     / IPv6(src="2001:db8::1", dst="2001:db8::2", hlim=3, tc=0xb8,
            fl=0x12345) / TCP(sport=40000, dport=22), (6, 40000, 22)),
    ("icmp4_echo", E + ', XK_IP4(.src = "10.0.0.1", .dst = "10.0.0.2"), '
     'XK_ICMP(.id = 7, .seq = 3), XK_RAW(pay, 37)',
     Ether(dst=M2, src=M1) / IP(src="10.0.0.1", dst="10.0.0.2") /
     ICMP(id=7, seq=3) / Raw(PAY), (1, 0, 0)),
    ("icmp6_echo_reply", E + ', XK_IP6(.src = "fd00::1", .dst = '
     '"fd00::2"), XK_ICMP6(.type = 129, .id = 9, .seq = 1), XK_RAW(pay, 37)',
     Ether(dst=M2, src=M1) / IPv6(src="fd00::1", dst="fd00::2") /
     ICMPv6EchoReply(id=9, seq=1) / Raw(PAY), (58, 0, 0)),
    ("ipip_udp", E + ', XK_IP4(.src = "10.9.0.1", .dst = "10.9.0.2"), '
     'XK_IP4(.src = "10.0.0.1", .dst = "10.0.0.2"), XK_UDP(.sport = 1, '
     '.dport = 2)',
     Ether(dst=M2, src=M1) / IP(src="10.9.0.1", dst="10.9.0.2") /
     IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=1, dport=2), (4, 0, 0)),
    ("l3_start_udp4", 'XK_IP4(.src = "10.0.0.1", .dst = "10.0.0.2"), '
     'XK_UDP(.sport = 11, .dport = 12), XK_RAW(pay, 1)',
     IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=11, dport=12) /
     Raw(PAY[:1]), (17, 11, 12)),
    ("ip6_raw", E + ', XK_IP6(.src = "fd00::1", .dst = "fd00::2"), '
     'XK_RAW(pay, 37)',
     Ether(dst=M2, src=M1) / IPv6(src="fd00::1", dst="fd00::2") /
     Raw(PAY), (59, 0, 0)),
    ("arp_request", 'XK_ETH(.dst = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, '
     '.src = %s), XK_ARP(.sha = %s, .spa = "10.0.0.1", .tpa = "10.0.0.2")'
     % (CM1, CM1),
     Ether(dst="ff:ff:ff:ff:ff:ff", src=M1) /
     ARP(hwsrc=M1, psrc="10.0.0.1", pdst="10.0.0.2"), (0, 0, 0)),
    ("arp_reply_vlan", E + ', XK_VLAN(.id = 5), XK_ARP(.op = 2, .sha = %s, '
     '.spa = "10.0.0.1", .tha = %s, .tpa = "10.0.0.2")' % (CM1, CM2),
     Ether(dst=M2, src=M1) / Dot1Q(vlan=5) /
     ARP(op=2, hwsrc=M1, psrc="10.0.0.1", hwdst=M2, pdst="10.0.0.2"),
     (0, 0, 0)),
    ("gre_ip", E + ', XK_IP4(.src = "10.9.0.1", .dst = "10.9.0.2"), '
     'XK_GRE(), XK_IP4(.src = "10.0.0.1", .dst = "10.0.0.2"), '
     'XK_TCP(.sport = 3, .dport = 4)',
     Ether(dst=M2, src=M1) / IP(src="10.9.0.1", dst="10.9.0.2") / GRE() /
     IP(src="10.0.0.1", dst="10.0.0.2") / TCP(sport=3, dport=4),
     (47, 0, 0)),
    ("gre6_key_eth", E + ', XK_IP6(.src = "fd00::1", .dst = "fd00::2"), '
     'XK_GRE(.key = 0x1234, .has_key = 1), ' + E +
     ', XK_IP4(.src = "10.0.0.1", .dst = "10.0.0.2"), XK_UDP(.sport = 5, '
     '.dport = 6)',
     Ether(dst=M2, src=M1) / IPv6(src="fd00::1", dst="fd00::2") /
     GRE(key_present=1, key=0x1234) / Ether(dst=M2, src=M1) /
     IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=5, dport=6),
     (47, 0, 0)),
    ("vxlan", E + ', XK_IP4(.src = "10.9.0.1", .dst = "10.9.0.2"), '
     'XK_UDP(.sport = 1000), XK_VXLAN(.vni = 42), ' + E +
     ', XK_IP4(.src = "10.0.0.1", .dst = "10.0.0.2"), XK_UDP(.sport = 7, '
     '.dport = 8), XK_RAW(pay, 37)',
     Ether(dst=M2, src=M1) / IP(src="10.9.0.1", dst="10.9.0.2") /
     UDP(sport=1000) / VXLAN(flags=0x08, vni=42) / Ether(dst=M2, src=M1) /
     IP(src="10.0.0.1", dst="10.0.0.2") / UDP(sport=7, dport=8) / Raw(PAY),
     (17, 1000, 4789)),
    ("hbh_ra_udp6", E + ', XK_IP6(.src = "fd00::1", .dst = "ff02::16"), '
     'XK_HBH(.opts = ra6, .optlen = 4), XK_UDP(.sport = 1, .dport = 2), '
     'XK_RAW(pay, 37)',
     Ether(dst=M2, src=M1) / IPv6(src="fd00::1", dst="ff02::16") /
     IPv6ExtHdrHopByHop(options=[RouterAlert()]) / UDP(sport=1, dport=2) /
     Raw(PAY), (17, 1, 2)),
    ("hbh_dstopt_tcp6", E + ', XK_IP6(.src = "fd00::1", .dst = "fd00::2"), '
     'XK_HBH(), XK_DSTOPT(), XK_TCP(.sport = 3, .dport = 4)',
     Ether(dst=M2, src=M1) / IPv6(src="fd00::1", dst="fd00::2") /
     IPv6ExtHdrHopByHop() / IPv6ExtHdrDestOpt() / TCP(sport=3, dport=4),
     (6, 3, 4)),
    ("rh_udp6_final_dst", E + ', XK_IP6(.src = "fd00::1", .dst = '
     '"fd00::2"), XK_RH(.addrs = segs, .naddrs = 2), XK_UDP(.sport = 5, '
     '.dport = 6), XK_RAW(pay, 9)',
     Ether(dst=M2, src=M1) / IPv6(src="fd00::1", dst="fd00::2") /
     IPv6ExtHdrRouting(addresses=["fd00::a", "fd00::b"]) /
     UDP(sport=5, dport=6) / Raw(PAY[:9]), (17, 5, 6)),
    ("rh_segleft0_icmp6", E + ', XK_IP6(.src = "fd00::1", .dst = '
     '"fd00::2"), XK_RH(.addrs = segs, .naddrs = 2, .segleft = XK_ZERO), '
     'XK_ICMP6(.id = 1, .seq = 2)',
     Ether(dst=M2, src=M1) / IPv6(src="fd00::1", dst="fd00::2") /
     IPv6ExtHdrRouting(addresses=["fd00::a", "fd00::b"], segleft=0) /
     ICMPv6EchoRequest(id=1, seq=2), (58, 0, 0)),
    ("frag6_first_udp", E + ', XK_IP6(.src = "fd00::1", .dst = "fd00::2"), '
     'XK_FRAG6(.m = 1, .id = 0x1234), XK_UDP(.sport = 7, .dport = 8), '
     'XK_RAW(pay, 16)',
     Ether(dst=M2, src=M1) / IPv6(src="fd00::1", dst="fd00::2") /
     IPv6ExtHdrFragment(m=1, id=0x1234) / UDP(sport=7, dport=8) /
     Raw(PAY[:16]), (17, 7, 8)),
    ("ndp_ns_sll", E + ', XK_IP6(.src = "fd00::1", .dst = "ff02::1:ff00:2"), '
     'XK_NDP(.target = "fd00::2", .lladdr = %s, .has_lladdr = 1)' % CM1,
     Ether(dst=M2, src=M1) / IPv6(src="fd00::1", dst="ff02::1:ff00:2") /
     ICMPv6ND_NS(tgt="fd00::2") / ICMPv6NDOptSrcLLAddr(lladdr=M1),
     (58, 0, 0)),
    ("ndp_na_tll", E + ', XK_IP6(.src = "fd00::2", .dst = "fd00::1"), '
     'XK_NDP(.type = 136, .target = "fd00::2", .lladdr = %s, '
     '.has_lladdr = 1)' % CM2,
     Ether(dst=M2, src=M1) / IPv6(src="fd00::2", dst="fd00::1") /
     ICMPv6ND_NA(tgt="fd00::2") / ICMPv6NDOptDstLLAddr(lladdr=M2),
     (58, 0, 0)),
    ("ndp_na_solicited_only", E + ', XK_IP6(.src = "fd00::2", .dst = '
     '"fd00::1"), XK_NDP(.type = 136, .target = "fd00::2", .flags = 0x40)',
     Ether(dst=M2, src=M1) / IPv6(src="fd00::2", dst="fd00::1") /
     ICMPv6ND_NA(tgt="fd00::2", R=0, S=1, O=0), (58, 0, 0)),
    ("ndp_rs", E + ', XK_IP6(.src = "fe80::1", .dst = "ff02::2"), '
     'XK_NDP(.type = 133, .lladdr = %s, .has_lladdr = 1)' % CM1,
     Ether(dst=M2, src=M1) / IPv6(src="fe80::1", dst="ff02::2") /
     ICMPv6ND_RS() / ICMPv6NDOptSrcLLAddr(lladdr=M1), (58, 0, 0)),
    ("geneve_opt_eth", E + ', XK_IP4(.src = "10.9.0.1", .dst = "10.9.0.2"), '
     'XK_UDP(.sport = 1000), XK_GENEVE(.vni = 7, .opts = gopt, .optlen = 8), '
     + E + ', XK_IP4(.src = "10.0.0.1", .dst = "10.0.0.2"), XK_UDP(.sport '
     '= 7, .dport = 8), XK_RAW(pay, 37)',
     Ether(dst=M2, src=M1) / IP(src="10.9.0.1", dst="10.9.0.2") /
     UDP(sport=1000) / GENEVE(vni=7, options=[GeneveOptions(
         classid=0x0102, type=0x80, data=b"\x00\x01\x02\x03")]) /
     Ether(dst=M2, src=M1) / IP(src="10.0.0.1", dst="10.0.0.2") /
     UDP(sport=7, dport=8) / Raw(PAY), (17, 1000, 6081)),
    ("geneve6_ip_oam", E + ', XK_IP6(.src = "fd00::1", .dst = "fd00::2"), '
     'XK_UDP(.sport = 2000), XK_GENEVE(.vni = 0xabcdef, .oam = 1), '
     'XK_IP6(.src = "fd01::1", .dst = "fd01::2"), XK_TCP(.sport = 9, '
     '.dport = 10)',
     Ether(dst=M2, src=M1) / IPv6(src="fd00::1", dst="fd00::2") /
     UDP(sport=2000) / GENEVE(vni=0xabcdef, oam=1, proto=0x86dd) /
     IPv6(src="fd01::1", dst="fd01::2") / TCP(sport=9, dport=10),
     (17, 2000, 6081)),
    ("sixin4", E + ', XK_IP4(.src = "10.9.0.1", .dst = "10.9.0.2"), '
     'XK_IP6(.src = "fd00::1", .dst = "fd00::2"), XK_UDP(.sport = 1, '
     '.dport = 2)',
     Ether(dst=M2, src=M1) / IP(src="10.9.0.1", dst="10.9.0.2") /
     IPv6(src="fd00::1", dst="fd00::2") / UDP(sport=1, dport=2), (41, 0, 0)),
    ("fourin6", E + ', XK_IP6(.src = "fd00::1", .dst = "fd00::2"), '
     'XK_IP4(.src = "10.0.0.1", .dst = "10.0.0.2"), XK_ICMP()',
     Ether(dst=M2, src=M1) / IPv6(src="fd00::1", dst="fd00::2") /
     IP(src="10.0.0.1", dst="10.0.0.2") / ICMP(), (4, 0, 0)),

]


def c_bytes(b):
    return ", ".join("0x%02x" % x for x in b)


def main():
    out = sys.stdout
    out.write("/* generated by selftests/compose/gen_cases.py: do not edit */\n"
              "#include \"cases.h\"\n\n"
              "static const __u8 pay[37] = {%s};\n"
              "static const __u8 mss[4] = {0x02, 0x04, 0x05, 0xb4};\n"
              "static const __u8 ra[4] = {0x94, 0x04, 0x00, 0x00};\n"
              "static const __u8 ra6[4] = {0x05, 0x02, 0x00, 0x00};\n"
              "static const __u8 gopt[8] = {0x01, 0x02, 0x80, 0x01, 0, 1, 2, "
              "3};\n"
              "static const char *const segs[2] = {\"fd00::a\", \"fd00::b\"};\n\n"
              % c_bytes(PAY))
    for name, call, pkt, _ in CASES:
        out.write("static int build_%s(void *buf, size_t size)\n{\n"
                  "\treturn xk_build(buf, size, %s);\n}\n"
                  "static const __u8 want_%s[] = {%s};\n\n"
                  % (name, call, name, c_bytes(raw(pkt))))
    out.write("const struct compose_case compose_cases[] = {\n")
    for name, call, pkt, (proto, sp, dp) in CASES:
        out.write('\t{"%s", build_%s, want_%s, sizeof(want_%s), %d, %d, '
                  '%d, %d},\n' % (name, name, name, name, proto, sp, dp,
                                  0 if isinstance(pkt, Ether) else 1))
    out.write("\t{0},\n};\n")


main()
