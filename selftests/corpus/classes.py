# SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
"""Why our summary and tshark's dissection of a packet differ.

Each class names one reason, says why it is not a parser bug, and matches
packets by facts about them (what each side reported, tshark's layers, the
packet's bytes), never by file name: a new packet the reason covers falls
in, a packet for another reason does not. First match wins.
"""
from records import parse_tsv, FIELDS, ETH_P_IP, ETH_P_IPV6, ETH_P_TEB

XK_ETRUNC, XK_EBADLEN, XK_EDEPTH, XK_EVERSION, XK_EUNSUP = -1, -2, -3, -4, -5
XK_VLAN_MAX_DEPTH = 2
INNER = ("in_ip", "in_frag", "in_l4", "in_ports")


class Case:
    def __init__(self, row, us, them, diff, layers):
        self.s = parse_tsv(row)
        self.us, self.them, self.diff = us, them, diff
        # expert notes ("Duplicate IP address ...") are not layers
        self.names = [k for k, _ in layers if k != "frame" and " " not in k]
        self.signature = ":".join(self.names)

    def describe(self):
        def show(r):
            return " ".join("%s=%s" % (f, _fmt(r[f])) for f in FIELDS
                            if f in r)
        return "%s:%d [%s] ours{err=%d tun_err=%d %s} tshark{%s}" % (
            self.s["file"], self.s["frame"], self.signature, self.s["err"],
            self.s["tun_err"], show(self.us), show(self.them))

    # -- facts ---------------------------------------------------------
    def tshark_only(self):
        """Every differing field is one we do not report at all."""
        return all(f not in self.us for f in self.diff)

    def tshark_flags_bad(self):
        return "_ws.short" in self.names or "_ws.malformed" in self.names

    def l3_off(self):
        return 14 + 4 * self.s["nvlan"]

    def byte(self, off):
        b = self.s["bytes"]
        return b[off] if off < len(b) else None

    def u16(self, off):
        b = self.s["bytes"]
        return (b[off] << 8 | b[off + 1]) if off + 1 < len(b) else None

    def ip4_tot_len(self):
        return self.u16(self.l3_off() + 2)

    def ip6_payload_len(self):
        return self.u16(self.l3_off() + 4)

    def ip4_l4_off(self):
        ihl = self.byte(self.l3_off())
        return None if ihl is None else self.l3_off() + (ihl & 15) * 4


def _fmt(v):
    if isinstance(v, int) and v > 255:
        return "0x%04x" % v
    if isinstance(v, tuple):
        return "%s>%s" % v
    return str(v)


class Class:
    def __init__(self, name, why, match):
        self.name, self.why, self.match = name, why, match


def _via(case, first_layer):
    v = case.them.get("via")
    return "ip" not in case.us and v and v[0] == first_layer


def _l25(name, layer, what):
    return Class(name, "tshark decodes IP behind %s; we stop at that "
                 "ethertype (not in our parser's coverage): the packet is "
                 "passed on as an unknown L3 protocol" % what,
                 lambda c: _via(c, layer) and c.tshark_only())


CLASSES = [
    Class("cisco-isl",
          "tshark takes a frame to 01:00:0c:00:00:xx for Cisco ISL and "
          "decodes the frame inside; to us (and to Linux) it is an 802.3 "
          "frame with a length field",
          lambda c: c.names[:1] == ["isl"]),
    Class("ip-version-mismatch",
          "the IP version nibble disagrees with the ethertype: tshark "
          "follows the nibble, we refuse the header (XK_EVERSION) as "
          "Linux's ip_rcv / ipv6_rcv drop it",
          lambda c: c.s["err"] == XK_EVERSION and c.tshark_only()
          and c.them.get("via", [None])[0] in ("ip", "ipv6")),
    Class("ipv4-total-length-0",
          "IPv4 total length 0 (a TSO / BIG TCP capture before "
          "segmentation): tshark assumes TSO (ip.tso_support, on by "
          "default), we refuse it as Linux's ip_rcv does for a received "
          "packet (XK_EBADLEN: total length < IHL)",
          lambda c: c.s["err"] == XK_EBADLEN and c.s["l3"] == ETH_P_IP
          and c.ip4_tot_len() == 0 and c.tshark_only()),
    Class("ipv6-ext-depth",
          "more IPv6 extension headers than XK_IPV6_EXT_MAX: we refuse the "
          "chain (XK_EDEPTH), tshark walks on (here until it finds the "
          "packet malformed)",
          lambda c: c.s["err"] == XK_EDEPTH and c.s["l3"] == ETH_P_IPV6
          and c.tshark_only()),
    Class("ipv6-payload-length-0",
          "IPv6 payload length 0 without a jumbo option (a BIG TCP / GSO "
          "capture): we take the datagram to run to the end of the packet "
          "(ip6.end = 0xffff, as for a jumbogram), tshark calls it "
          "malformed and stops at the last header it could place",
          lambda c: c.s["l3"] == ETH_P_IPV6 and c.s["err"] == 0
          and c.ip6_payload_len() == 0 and "_ws.malformed" in c.names),
    Class("truncated-header",
          "a header cut short by the capture: tshark shows the fields of "
          "the part present (and marks the packet short/malformed); we "
          "refuse the whole header (XK_ETRUNC) and report nothing from it",
          lambda c: XK_ETRUNC in (c.s["err"], c.s["tun_err"])
          and c.tshark_flags_bad() and c.tshark_only()),
    _l25("mpls", "mpls", "an MPLS label stack (ethertype 0x8847/0x8848)"),
    _l25("macsec", "macsec", "MACsec (802.1AE, ethertype 0x88e5)"),
    _l25("nsh", "nsh", "NSH (network service header, ethertype 0x894f)"),
    _l25("arista-vendor", "avsp",
         "Arista's vendor-specific ethertype 0xd28b"),
    _l25("pppoe", "pppoes", "PPPoE session (ethertype 0x8864)"),
    _l25("llc-snap", "llc", "an 802.2 LLC/SNAP header"),
    Class("gre-payload-unparsed",
          "a GRE payload type we do not parse (ERSPAN 0x88be, Cisco "
          "MetaData 0x8909, WCCP 0x883e, ...): we report the GRE tunnel and "
          "its protocol and stop; tshark decodes what it carries",
          lambda c: c.s["tunnel"] == 5 and c.s["tun_err"] == 0
          and c.s["in_l3"] not in (ETH_P_IP, ETH_P_IPV6, ETH_P_TEB)
          and all(f in INNER for f in c.diff) and c.tshark_only()),
    Class("gre-version-or-routing",
          "GRE with a version other than 0 (PPTP's enhanced GRE is 1) or "
          "the RFC 1701 routing bit: refused (XK_EUNSUP) as Linux's GRE "
          "receive path refuses it; tshark decodes on (the PPP inside, or "
          "the fields of a header it then finds short)",
          lambda c: c.s["tunnel"] == 5 and c.s["tun_err"] == XK_EUNSUP
          and c.ip4_l4_off() is not None
          and (c.u16(c.ip4_l4_off()) or 0) & 0x4007 != 0
          and c.tshark_only()),
    Class("vxlan-gpe",
          "VXLAN-GPE on UDP 4790: tshark decodes it, we parse VXLAN on "
          "XK_VXLAN_PORT (4789) and XK_VXLAN_PORT_ALT (8472) only",
          lambda c: c.them.get("tunnel") == "vxlan" and not c.s["tunnel"]
          and c.us.get("ports", (0, 0))[1] == 4790),
    Class("udp-tunnel-source-port",
          "VXLAN / Geneve by source port: tshark decodes the tunnel when "
          "either UDP port is 4789 / 8472 / 6081; we look at the destination "
          "port "
          "only, as the Linux receive path does",
          lambda c: c.them.get("tunnel") in ("vxlan", "geneve")
          and not c.s["tunnel"]
          and c.us.get("ports", (0, 0))[0] in (4789, 8472, 6081)),
]


def classify(case):
    for c in CLASSES:
        if c.match(case):
            return c
    return None
