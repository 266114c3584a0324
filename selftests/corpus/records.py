# SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
"""One comparable record per packet, from our summary and from tshark.

A record is a dict over FIELDS; a field is absent when that side did not
get to it (a header missing, truncated or refused). Ethertypes are the
16-bit type/length field as a number (an 802.3 length too: both sides
report the field as is); protocols are names; ports are int pairs.

tshark's record takes the first IP header tshark found under the outer
Ethernet header, also behind encapsulations we do not parse (MPLS, PPPoE,
LLC/SNAP, an IPv4 ethertype with an IPv6 header): "via" lists the layers
in between, so that such packets count as disagreements and are explained
by class, not hidden.
"""

ETH_P_IP, ETH_P_IPV6, ETH_P_TEB = 0x0800, 0x86DD, 0x6558
L4_NAMES = {6: "tcp", 17: "udp", 1: "icmp", 58: "icmpv6"}
TUN_NAMES = {1: "ipip", 2: "6in4", 3: "4in6", 4: "ip6ip6", 5: "gre",
             6: "vxlan", 7: "geneve"}
XK_ETRUNC, XK_EDEPTH = -1, -3

FIELDS = ("l3", "nvlan", "ip", "frag", "l4", "ports", "tunnel", "tun_id",
          "in_l3", "in_ip", "in_frag", "in_l4", "in_ports")

# corpus_dump's columns (see corpus_dump.c)
COLUMNS = ("seq", "file", "frame", "caplen", "err", "tun_err", "l3", "ip",
           "l4", "sport", "dport", "frag", "nvlan", "tunnel", "in_l3",
           "in_ip", "in_l4", "in_sport", "in_dport", "in_frag", "tun_id",
           "hex")


def parse_tsv(row):
    r = dict(zip(COLUMNS, row))
    for k in COLUMNS:
        if k not in ("file", "hex"):
            r[k] = int(r[k])
    r["bytes"] = bytes.fromhex(r["hex"])
    return r


def _our_layer(rec, pre, err, l3, ip, l4, sport, dport, frag):
    rec[pre + "l3"] = l3
    # the IP header parsed: the stack went past it, or it failed later
    if l3 in (ETH_P_IP, ETH_P_IPV6) and (err == 0 or ip or l4):
        rec[pre + "ip"] = ip
        rec[pre + "frag"] = frag
    if l4:
        rec[pre + "l4"] = L4_NAMES[l4]
    if l4 in (6, 17):
        rec[pre + "ports"] = (sport, dport)


def ours_record(row):
    s = parse_tsv(row)
    rec = {}
    if s["caplen"] < 14:
        return rec  # no Ethernet header
    rec["nvlan"] = s["nvlan"]
    if s["err"] == XK_EDEPTH and s["l3"] == 0:
        return rec  # more VLAN tags than we walk: no ethertype
    _our_layer(rec, "", s["err"], s["l3"], s["ip"], s["l4"], s["sport"],
               s["dport"], s["frag"])
    if s["tunnel"]:
        rec["tunnel"] = TUN_NAMES.get(s["tunnel"], s["tunnel"])
        # A tunnel header cut short reports nothing, not VNI/key 0: with
        # XK_ETRUNC and no inner packet, the id was never read.
        if s["tun_err"] != XK_ETRUNC or s["in_l3"]:
            rec["tun_id"] = s["tun_id"]
        if s["in_l3"] or s["tun_err"] == 0:
            _our_layer(rec, "in_", s["tun_err"], s["in_l3"], s["in_ip"],
                       s["in_l4"], s["in_sport"], s["in_dport"],
                       s["in_frag"])
    return rec


# ---- tshark ---------------------------------------------------------------

def _walk(v, out):
    if isinstance(v, list):
        for k, x in v:
            out.append((k, x))
            _walk(x, out)


def fields(layer):
    """Every (name, value) of a layer's tree, depth first, in order."""
    out = []
    _walk(layer, out)
    return out


def first(layer, name):
    for k, v in fields(layer):
        if k == name:
            return v
    return None


def _int(v, base=10):
    try:
        return int(v, base)
    except (TypeError, ValueError):
        return None


IP6_NEXT = ("ipv6.nxt", "ipv6.hopopts.nxt", "ipv6.routing.nxt",
            "ipv6.dstopts.nxt", "ipv6.fraghdr.nxt", "ah.next_header")


def _etype(f, proto):
    v = first(f, proto + (".type" if proto == "eth" else ".etype"))
    if v is None:
        v = first(f, proto + ".len")  # 802.3: a length, in decimal
        return _int(v)
    return _int(v, 16)


def _eth(L, j, rec, pre):
    """Ethernet at L[j] and its VLAN tags; index after them."""
    et = _etype(L[j][1], "eth")
    j += 1
    n = 0
    while j < len(L) and L[j][0] in ("vlan", "ieee8021ad"):
        # 802.1ad's fields are named after 802.1ah by tshark
        et = _etype(L[j][1], "vlan" if L[j][0] == "vlan" else "ieee8021ah")
        n += 1
        j += 1
    if pre == "":
        rec["nvlan"] = n
    if et is not None:
        rec[pre + "l3"] = et
    return j


def _has_proto(layer):
    name, f = layer
    if name == "ip":
        return first(f, "ip.proto") is not None
    if name == "ipv6":
        return first(f, "ipv6.nxt") is not None
    return False


def _ip(L, j, rec, pre):
    """The first IP header from L[j] on; index after it."""
    k = j
    while k < len(L) and not _has_proto(L[k]):
        k += 1
    if k >= len(L):
        return j
    if k > j:
        rec[pre + "via"] = [name for name, _ in L[j:k]]
    name, f = L[k]
    if name == "ip":
        rec[pre + "ip"] = _int(first(f, "ip.proto"))
        off = _int(first(f, "ip.frag_offset"))
        mf = first(f, "ip.flags.mf")
        rec[pre + "frag"] = 2 if off else (1 if mf in ("1", "True") else 0)
    else:
        nxt = [v for k2, v in fields(f) if k2 in IP6_NEXT]
        rec[pre + "ip"] = _int(nxt[-1])
        off = _int(first(f, "ipv6.fraghdr.offset"))
        more = first(f, "ipv6.fraghdr.more")
        rec[pre + "frag"] = 2 if off else (1 if more in ("1", "True")
                                           else 0)
    return k + 1


def _l4(L, j, rec, pre):
    if j >= len(L):
        return j
    name, f = L[j]
    if L4_NAMES.get(rec.get(pre + "ip")) != name:
        return j
    rec[pre + "l4"] = name
    if name in ("tcp", "udp"):
        rec[pre + "ports"] = (_int(first(f, name + ".srcport")),
                              _int(first(f, name + ".dstport")))
    return j + 1


def _inner(L, j, rec, l3):
    """The inner packet at L[j]: Ethernet when l3 is ETH_P_TEB."""
    if l3 == ETH_P_TEB:
        if j < len(L) and L[j][0] == "eth":
            j = _eth(L, j, rec, "in_")
        else:
            return
    elif l3 is not None:
        rec["in_l3"] = l3
    j = _ip(L, j, rec, "in_")
    _l4(L, j, rec, "in_")


def _tunnel(L, j, rec):
    ip, l3 = rec.get("ip"), rec.get("l3")
    if j >= len(L) or rec.get("frag") == 2:
        return
    name, f = L[j]
    if ip in (4, 41) and "l4" not in rec and name in ("ip", "ipv6"):
        inner = ETH_P_IP if ip == 4 else ETH_P_IPV6
        rec["tunnel"] = {(ETH_P_IP, 4): "ipip", (ETH_P_IP, 41): "6in4",
                         (ETH_P_IPV6, 4): "4in6",
                         (ETH_P_IPV6, 41): "ip6ip6"}.get((l3, ip))
        rec["tun_id"] = 0
        _inner(L, j, rec, inner)
    elif ip == 47 and name == "gre":
        rec["tunnel"] = "gre"
        rec["tun_id"] = _int(first(f, "gre.key"), 16) or 0
        _inner(L, j + 1, rec, _int(first(f, "gre.proto"), 16))
    elif rec.get("l4") == "udp" and name == "vxlan":
        rec["tunnel"] = "vxlan"
        rec["tun_id"] = _int(first(f, "vxlan.vni"))
        _inner(L, j + 1, rec, ETH_P_TEB)
    elif rec.get("l4") == "udp" and name == "geneve":
        rec["tunnel"] = "geneve"
        rec["tun_id"] = _int(first(f, "geneve.vni"), 16)
        _inner(L, j + 1, rec, _int(first(f, "geneve.proto_type"), 16))


def tshark_record(layers):
    L = list(layers)
    names = [k for k, _ in L]
    rec = {}
    # the frame must start with Ethernet (not ISL, not a short frame)
    if len(names) < 2 or names[1] != "eth":
        return rec
    j = _eth(L, 1, rec, "")
    j = _ip(L, j, rec, "")
    j = _l4(L, j, rec, "")
    _tunnel(L, j, rec)
    return rec
