#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
"""Agreement of xdpkit's parse summary with tshark's dissection.

Every Ethernet packet of the tcpdump test corpus goes once through
corpus_dump (our host parser: xk_summarize) and once through tshark, which
reads the very same packets from a pipe (one tshark run for the corpus).
For each packet both sides are reduced to the same record: L3 ethertype
after VLAN tags, number of tags, IP protocol, fragment state, L4 protocol
and ports, tunnel type and id, and the inner packet's L3/IP/L4/ports/
fragment state. A packet agrees when every field agrees.

Every disagreement must fall in a class of classes.py, which says why the
two differ (a tshark heuristic we choose not to follow, a protocol outside
our parser's coverage, a header tshark decodes partially). The run fails
when the agreement figure is below --min-agreement or when any
disagreement is in no class: a new parser bug shows up as either.

  agreement.py --dump build/selftests/corpus/corpus_dump \\
               --corpus ../shared/corpus/tcpdump-tests [--min-agreement P]
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import classes
from records import ours_record, tshark_record, FIELDS

# tshark decodes the UDP tunnels on the ports we use, and does no
# reassembly: a record would then describe other packets too. Its other
# defaults and heuristics stay on; where we differ, a class says why.
TSHARK_OPTS = [
    "-o", "ip.defragment:FALSE",
    "-o", "ipv6.defragment:FALSE",
    "-o", "tcp.desegment_tcp_streams:FALSE",
    "-d", "udp.port==4789,vxlan",
    "-d", "udp.port==8472,vxlan",
    "-d", "udp.port==6081,geneve",
]
# Protocols whose fields we read; the others appear by name only.
TSHARK_PROTOS = ("frame eth vlan ieee8021ad ip ipv6 tcp udp icmp icmpv6 "
                 "gre vxlan geneve")


def run(dump, corpus, tsv):
    """Our records (TSV written by corpus_dump) and tshark's JSON."""
    dumper = subprocess.Popen([dump, corpus, tsv], stdout=subprocess.PIPE)
    tshark = subprocess.run(
        ["tshark", "-r", "-", "-n", "-T", "json", "-J", TSHARK_PROTOS]
        + TSHARK_OPTS,
        stdin=dumper.stdout, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, check=False)
    dumper.stdout.close()
    if dumper.wait() != 0:
        sys.exit("agreement: FAIL: corpus_dump failed")
    if tshark.returncode != 0:
        sys.exit("agreement: FAIL: tshark failed: "
                 + tshark.stderr.decode(errors="replace")[-2000:])
    # duplicate keys (two "ip" layers) are kept, in order
    pkts = json.loads(tshark.stdout, object_pairs_hook=lambda p: p)
    with open(tsv) as f:
        ours = [line.rstrip("\n").split("\t") for line in f]
    return ours, pkts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dump", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--min-agreement", type=float, default=0.0,
                    help="least share of packets agreeing, in percent")
    ap.add_argument("--show", type=int, default=3,
                    help="examples printed per class")
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit("agreement: FAIL: corpus directory %s not found (set "
                 "XK_CORPUS to the tcpdump-tests directory)" % args.corpus)

    if not shutil.which("tshark"):
        sys.exit("agreement: FAIL: tshark not found (make deps installs "
                 "it)")
    start = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        ours, pkts = run(args.dump, args.corpus, os.path.join(tmp, "o.tsv"))
    if len(ours) != len(pkts) or not ours:
        sys.exit("agreement: FAIL: %d packets dumped, tshark read %d"
                 % (len(ours), len(pkts)))

    per_class = collections.OrderedDict(
        (c.name, []) for c in classes.CLASSES)
    unexplained = collections.defaultdict(list)
    agree = skipped = 0
    for o, p in zip(ours, pkts):
        layers = dict(dict(p)["_source"])["layers"]
        us = ours_record(o)
        them = tshark_record(layers)
        if not us and not them:
            skipped += 1  # no Ethernet header: nothing to compare
            continue
        diff = tuple(f for f in FIELDS if us.get(f) != them.get(f))
        if not diff:
            agree += 1
            continue
        case = classes.Case(o, us, them, diff, layers)
        c = classes.classify(case)
        if c:
            per_class[c.name].append(case)
        else:
            unexplained[(diff, case.signature)].append(case)

    n = len(ours) - skipped
    pct = 100.0 * agree / n
    print("agreement: %d of %d packets compared agree on every field "
          "(%.2f%%), %d disagree; %d packets without an Ethernet header "
          "(shorter than 14 bytes) for either side not compared"
          % (agree, n, pct, n - agree, skipped))
    print("fields: %s" % ", ".join(FIELDS))
    print("disagreements by class:")
    for c in classes.CLASSES:
        cases = per_class[c.name]
        if not cases:
            continue
        print("  %5d  %s: %s" % (len(cases), c.name, c.why))
        for case in cases[:args.show]:
            print("         e.g. %s" % case.describe())
    for (diff, sig), cases in unexplained.items():
        print("  %5d  UNEXPLAINED (fields %s; tshark layers %s)"
              % (len(cases), ",".join(diff), sig))
        for case in cases[:args.show]:
            print("         e.g. %s" % case.describe())
    unused = [c.name for c in classes.CLASSES if not per_class[c.name]]
    if unused:
        print("classes with no packet in this corpus: %s"
              % ", ".join(unused))
    print("(%.1f s)" % (time.time() - start))

    ok = True
    if unexplained:
        print("agreement: FAIL: %d disagreements in no explained class"
              % sum(len(v) for v in unexplained.values()))
        ok = False
    if pct < args.min_agreement:
        print("agreement: FAIL: %.2f%% is below the %.2f%% threshold"
              % (pct, args.min_agreement))
        ok = False
    print("agreement: %s" % ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
