#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
"""test-rewrite-oracle: judge every output packet of test-rewrite-bytes
with tools we did not write.

Usage: oracle.py OUT.pcap DUMP...

Each DUMP holds "case ctx hex" lines (run_bytes, run_examples). For every packet:

- Scapy recomputes each checksum it carries (IPv4 header, TCP, UDP,
  ICMP, ICMPv6, GRE, inner headers of tunnels included) and it must equal
  the one we wrote. A UDP checksum of 0 is accepted on IPv4 only. The L4
  checksum of a fragment cannot be judged alone: the fragments of one
  rewritten datagram (cases <base>_frag<N>_<op>) are reassembled by Scapy
  and the whole datagram's checksum is judged.
- tshark (checksum validation on for IP, TCP and UDP; ICMP, ICMPv6 and GRE
  always validate) dissects the pcap once: no checksum may be bad or
  illegal, nothing malformed, and tshark must report as many good
  checksums per packet as Scapy verified (so a checksum tshark skipped
  does not pass silently).

Exits 1 on any failure, 2 when it cannot run.
"""
import collections
import re
import shutil
import subprocess
import sys
import logging

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import (Ether, IP, IPv6, UDP, TCP, ICMP, GRE, Raw,  # noqa
                       IPv6ExtHdrFragment, conf, defragment, wrpcap)
from scapy.layers.inet6 import _ICMPv6

conf.verb = 0

CSUM_FIELDS = ("chksum", "cksum")


def layers(p):
    """(index, layer) for each layer before the payload bytes."""
    out = []
    cur = p
    while cur and not isinstance(cur, Raw) and cur.name != "NoPayload":
        out.append(cur)
        cur = cur.payload
    return out


def in_fragment(lays, i):
    """Is layer i carried by an IP fragment (L4 unjudgeable alone)?"""
    for lay in lays[:i]:
        if isinstance(lay, IP) and (lay.flags.MF or lay.frag):
            return True
        if isinstance(lay, IPv6ExtHdrFragment):
            return True
    return False


def scapy_check(raw):
    """Returns (problems, number of checksums verified)."""
    p = Ether(raw)
    lays = layers(p)
    problems, n = [], 0
    for i, lay in enumerate(lays):
        for f in CSUM_FIELDS:
            if f not in lay.fields:
                continue
            if isinstance(lay, GRE) and not lay.chksum_present:
                continue
            got = getattr(lay, f)
            if got is None:
                continue
            if isinstance(lay, (TCP, UDP, ICMP, _ICMPv6)) and \
                    in_fragment(lays, i):
                continue
            if isinstance(lay, UDP) and got == 0:
                under = [x for x in lays[:i] if isinstance(x, (IP, IPv6))]
                if under and isinstance(under[-1], IP):
                    continue  # "no checksum", legal on IPv4 only
                problems.append("UDP checksum 0 over IPv6")
                continue
            q = Ether(raw)
            delattr(layers(q)[i], f)
            want = getattr(layers(Ether(bytes(q)))[i], f)
            n += 1
            if want != got:
                problems.append("%s %s 0x%04x, Scapy computes 0x%04x" % (
                    lay.name, f, got, want))
    return problems, n


def frag_check(group):
    """Reassemble one datagram's fragments and judge its L4 checksum."""
    pkts = [Ether(r) for r in group]
    if IPv6 in pkts[0]:
        # scapy's defragment6 wants the fragments in order
        from scapy.all import defragment6
        whole = IPv6(bytes(defragment6([p[IPv6] for p in pkts])))
    else:
        whole = defragment([p[IP] for p in pkts])[0]
        whole = IP(bytes(whole))
    for lay in (TCP, UDP):
        if lay in whole:
            got = whole[lay].chksum
            q = whole.copy()
            del q[lay].chksum
            want = type(whole)(bytes(q))[lay].chksum
            if got != want:
                return ["reassembled %s checksum 0x%04x, Scapy computes "
                        "0x%04x" % (lay.name, got, want)]
            return []
    return ["reassembled datagram has no TCP/UDP header"]


TSHARK_FIELDS = ["frame.number", "ip.checksum.status", "tcp.checksum.status",
                 "udp.checksum.status", "icmp.checksum.status",
                 "icmpv6.checksum.status", "gre.checksum.status",
                 "_ws.malformed", "_ws.expert.severity"]
GOOD, BAD, ILLEGAL = "1", "0", "4"
PI_ERROR = 0x00800000


def tshark(pcap):
    exe = shutil.which("tshark")
    if not exe:
        print("rewrite-oracle: tshark is missing (apt-get install tshark)")
        sys.exit(2)
    cmd = [exe, "-n", "-r", pcap,
           "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
           "-o", "udp.check_checksum:TRUE", "-o", "ip.defragment:FALSE",
           "-o", "ipv6.defragment:FALSE", "-T", "fields",
           "-E", "occurrence=a", "-E", "aggregator=,", "-E", "separator=\t"]
    for f in TSHARK_FIELDS:
        cmd += ["-e", f]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode:
        print("rewrite-oracle: tshark failed: " + r.stderr.strip())
        sys.exit(2)
    rows = {}
    for line in r.stdout.splitlines():
        cols = line.split("\t")
        cols += [""] * (len(TSHARK_FIELDS) - len(cols))
        rows[int(cols[0])] = cols[1:]
    return rows


def main():
    if len(sys.argv) < 3:
        print("usage: oracle.py OUT.pcap DUMP...")
        sys.exit(2)
    pkts = []
    for path in sys.argv[2:]:
        n = len(pkts)
        with open(path) as f:
            for line in f:
                name, ctx, hx = line.split()
                pkts.append((name, ctx, bytes.fromhex(hx)))
        if len(pkts) == n:
            print("rewrite-oracle: no packets in " + path)
            sys.exit(2)
    fails = 0
    verified = []
    frags = collections.defaultdict(list)
    for name, ctx, raw in pkts:
        problems, n = scapy_check(raw)
        verified.append(n)
        for pr in problems:
            print("FAIL scapy  %-32s %-4s %s" % (name, ctx, pr))
            fails += 1
        m = re.match(r"(.*)_frag(\d+)_(\w+)$", name)
        if m and not name.endswith("_unsup"):
            frags[(m.group(1), m.group(3), ctx)].append((int(m.group(2)),
                                                          raw))
    ngroups = 0
    for (base, op, ctx), group in sorted(frags.items()):
        group.sort()
        if len(group) < 2 or group[0][0] != 1:
            continue
        ngroups += 1
        for pr in frag_check([r for _, r in group]):
            print("FAIL scapy  %s_frag*_%s %-4s %s" % (base, op, ctx, pr))
            fails += 1

    wrpcap(sys.argv[1], [Ether(raw) for _, _, raw in pkts])
    rows = tshark(sys.argv[1])
    good_total = 0
    for i, (name, ctx, raw) in enumerate(pkts):
        cols = rows.get(i + 1)
        if cols is None:
            print("FAIL tshark %-32s %-4s not dissected" % (name, ctx))
            fails += 1
            continue
        st = ",".join(cols[:6]).split(",")
        st = [s for s in st if s]
        sev = [int(s) for s in cols[7].split(",") if s]
        why = []
        if BAD in st:
            why.append("a bad checksum")
        if ILLEGAL in st:
            why.append("an illegal checksum")
        if cols[6]:
            why.append("malformed")
        if any(s >= PI_ERROR for s in sev):
            why.append("an expert error")
        good = st.count(GOOD)
        good_total += good
        if good != verified[i]:
            why.append("%d good checksums, Scapy verified %d" % (
                good, verified[i]))
        if why:
            print("FAIL tshark %-32s %-4s %s (statuses %s)" % (
                name, ctx, ", ".join(why), ",".join(st)))
            fails += 1
    print("rewrite-oracle: %d packets, %d checksums verified by Scapy and "
          "found good by tshark, %d reassembled fragment groups, %d failed"
          % (len(pkts), good_total, ngroups, fails))
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
