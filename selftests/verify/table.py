#!/usr/bin/python3
"""Tables for the verifier matrix (matrix.sh): one per kernel, object and
program by set, each cell the verified instruction count or FAIL; then the
verifier's last lines for every rejection; then the spread of verified
instructions per program across sets. Writes OUT/status: 0 all verified,
1 a rejection or a missing cell, 2 a kernel run that did not finish.

    table.py OUT KERNEL... -- SET...
"""
import json
import os
import sys


def parse(path):
    cells, logs, boot, done, err = {}, {}, None, False, []
    global feats
    feats = {}
    if not os.path.exists(path):
        return cells, logs, None, False, ["no log"], feats
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        # the serial console may put terminal escapes before a line
        at = line.find("XK")
        if at > 0:
            line = line[at:]
        w = line.split(" ", 5)
        if line.startswith("XKBOOT "):
            boot = line[7:]
        elif line.startswith("XKDONE"):
            done = True
        elif line.startswith("XKERR "):
            err.append(line[6:])
        elif w[0] == "XKV" and len(w) >= 5:
            cells[(w[1], w[2] + ":" + w[3])] = (w[4], w[5] if len(w) > 5 else "")
        elif w[0] == "XKF" and len(w) >= 3:
            feats[w[1]] = (int(w[2]), line.split(" ", 3)[3] if len(w) > 3 else "")
        elif w[0] == "XKL" and len(w) >= 4:
            key = (w[1], w[2] + ":" + w[3])
            logs.setdefault(key, []).append(line.split(" ", 4)[4] if len(w) > 4 else "")
    return cells, logs, boot, done, err, feats


def kernel_has_tcx(release):
    """TCX came with 6.6."""
    try:
        major, minor = (int(x) for x in release.split("-")[0].split(".")[:2])
    except ValueError:
        return True
    return (major, minor) >= (6, 6)


def check_features(kernel, boot, feats):
    """What xdpctl says of this kernel's features: a list of failures."""
    want = {"status": (0, None), "xdp-attach": (0, None), "xdp-detach": (0, None)}
    if kernel_has_tcx(boot or ""):
        want["tcx-attach"] = (0, None)
    else:  # refused up front, in words, never a raw errno
        want["tcx-attach"] = (2, "this kernel has no TCX (6.6+)")
    # status's mode note comes from a real freplace load and attach: the
    # guests have no security policy, so it must work there; the host says
    # whichever it found, with the reason
    if kernel != "host":
        want["multiprog"] = (0, "freplace works here (an EXT program loads "
                             "and attaches)")
    else:
        want["multiprog"] = (0, "xdpkit chain: ")
    bad = []
    # xdpctl features: the guests (no security policy) load fentry and
    # freplace; the host says what it found, each with a reason
    got = feats.get("features")
    if got is None:
        bad.append("features: not run")
    else:
        try:
            fs = {f["name"]: f for f in json.loads(got[1])["features"]}
        except (ValueError, KeyError):
            fs = {}
            bad.append("features: not JSON: %s" % got[1][:80])
        if kernel != "host":
            for n in ("freplace", "fentry", "tp_btf", "ringbuf"):
                if not fs.get(n, {}).get("available"):
                    bad.append("features: %s not available in the guest: %s"
                               % (n, fs.get(n, {}).get("detail")))
        for n, f in fs.items():
            if not f.get("available") and not f.get("detail"):
                bad.append("features: %s refused without a reason" % n)
    for name, (rc, text) in want.items():
        got = feats.get(name)
        if got is None:
            bad.append("%s: not run" % name)
        elif got[0] != rc or (text and text not in got[1]):
            bad.append("%s: exit %d '%s' (want exit %d%s)" % (
                name, got[0], got[1], rc, ", '%s'" % text if text else ""))
    return bad


def main():
    out = sys.argv[1]
    sep = sys.argv.index("--")
    kernels, sets = sys.argv[2:sep], sys.argv[sep + 1:]
    status = 0
    data = {}
    for k in kernels:
        data[k] = parse(os.path.join(out, k + ".log"))
    progs = sorted({p for k in kernels for (_, p) in data[k][0]})
    width = max([len(p) for p in progs] + [10])
    total = bad = 0
    for k in kernels:
        cells, logs, boot, done, err, feats = data[k]
        if k != "host" and not done:
            status = 2
        fbad = check_features(k, boot, feats)
        print("kernel %s: xdpctl features: %s" % (
            k, "as expected (%s)" % ", ".join("%s exit %d" % (n, feats[n][0]) for n in sorted(feats))
            if not fbad else "; ".join(fbad)))
        if fbad:
            bad += len(fbad)
        print("kernel %s (%s)%s" % (k, boot or "did not boot",
                                    "" if not err else ": " + "; ".join(err)))
        print("  %-*s %s" % (width, "object:program", " ".join("%8s" % s for s in sets)))
        for p in progs:
            row = []
            for s in sets:
                v = cells.get((s, p))
                total += 1
                if v is None:
                    row.append("%8s" % "missing")
                    bad += 1
                elif v[0] == "ok":
                    row.append("%8s" % v[1])
                else:
                    row.append("%8s" % "FAIL")
                    bad += 1
            print("  %-*s %s" % (width, p, " ".join(row)))
        print()
    for k in kernels:
        cells, logs = data[k][0], data[k][1]
        for (s, p), v in sorted(cells.items()):
            if v[0] != "ok":
                print("rejected: kernel %s, set %s, %s (%s); the verifier's last lines:"
                      % (k, s, p, v[1]))
                for l in logs.get((s, p), []):
                    print("    " + l)
    print("verified instructions per program, min-max over sets and kernels:")
    for p in progs:
        ns = [int(v[1]) for k in kernels for (s, q), v in data[k][0].items()
              if q == p and v[0] == "ok" and v[1].lstrip("-").isdigit()]
        if ns:
            print("  %-*s %7d - %-7d (%.2fx)" % (width, p, min(ns), max(ns),
                                                 max(ns) / max(min(ns), 1)))
    print("matrix: %d of %d cells verified, %d failed (%d kernels x %d sets x %d programs)"
          % (total - bad, total, bad, len(kernels), len(sets), len(progs)))
    if bad and status == 0:
        status = 1
    with open(os.path.join(out, "status"), "w") as f:
        f.write("%d\n" % status)


main()
