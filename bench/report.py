#!/usr/bin/python3
"""The table `make bench` ends with: every goal, its figure, baseline,
ratio, goal, met or not. Reads the results the benchmarks recorded
(bench/result.py, bench/result.h) in DIR (default build/bench/results),
writes them as build/bench/results.json (a list of objects: name, figure,
baseline, ratio, goal, met, and cmp and unit) and draws results.png: each
ratio against its goal. A goal no benchmark measured in this run is listed
as such, never left out.
"""
import glob
import json
import os
import sys

# (name prefix, what, cmp, goal): the goals of issues 13 and 14
GOALS = [
    ("parse l4 ", "xk_parse_l4 per packet class vs its checks by hand", "<=", 1.05),
    ("rewrite ", "each rewrite vs hand-written", "<=", 1.05),
    ("filter 1 rule", "filter, 1 rule, dropping all over veth vs XDP_DROP", ">=", 0.95),
    ("filter 100000 rules", "filter at 100,000 rules vs at 1 rule", "<=", 2.0),
    ("swap XDP_TX", "XDP_TX port swap over veth vs hand-written", ">=", 0.97),
    ("stack echo capacity", "stack UDP echo vs the kernel server", ">=", 2.0),
    ("stack echo RTT", "stack UDP echo RTT p50 vs a kernel server waiting alike", "<=", 0.5),
    ("chain link", "a link of the XDP chain, ns (budget 5)", "<=", 1.0),
    ("capture idle hook", "the idle capture hook, ns (budget 1)", "<=", 1.0),
    ("gen ", "xdpctl gen vs a plain sender", ">=", 0.95),
]


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "build/bench/results"
    out = os.path.dirname(os.path.abspath(d))
    res = []
    for fn in sorted(glob.glob(os.path.join(d, "*.json"))):
        with open(fn) as f:
            res.append(json.load(f))
    order = {g[0]: i for i, g in enumerate(GOALS)}

    def key(r):
        for p, i in order.items():
            if r["name"].startswith(p):
                return (i, r["name"])
        return (len(GOALS), r["name"])
    res.sort(key=key)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(res, f, indent=1)
    w = max([len(r["name"]) for r in res] + [30])
    print("== make bench: every goal (%s)" % os.path.join(out, "results.json"))
    print("%-*s %12s %12s %8s %9s  %s" % (w, "goal", "figure", "baseline",
                                         "ratio", "goal", "met"))
    for r in res:
        print("%-*s %12s %12s %8.3f %3s %5.2f  %s" % (
            w, r["name"], "%.4g %s" % (r["figure"], r["unit"]),
            "%.4g %s" % (r["baseline"], r["unit"]), r["ratio"], r["cmp"],
            r["goal"], "met" if r["met"] else "NOT MET"))
    missing = [g for g in GOALS if not any(r["name"].startswith(g[0]) for r in res)]
    for g in missing:
        print("%-*s %12s %12s %8s %3s %5.2f  not measured in this run" % (
            w, g[0].strip() + ": " + g[1][:w - len(g[0]) - 1], "-", "-", "-",
            g[2], g[3]))
    n = sum(r["met"] for r in res)
    print("%d of %d measured goals met; %d goal(s) not measured" % (
        n, len(res), len(missing)))
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(no matplotlib: no plot; run make deps)")
        return
    fig, ax = plt.subplots(figsize=(10, 0.32 * len(res) + 1.5))
    ys = range(len(res))
    ax.barh(ys, [r["ratio"] for r in res],
            color=["#4a4" if r["met"] else "#c44" for r in res])
    for y, r in zip(ys, res):
        ax.plot([r["goal"], r["goal"]], [y - 0.45, y + 0.45], "k-", lw=2)
        ax.text(r["ratio"], y, " %.2f %s %.2f" % (r["ratio"], r["cmp"], r["goal"]),
                va="center", fontsize=7)
    ax.set_yticks(list(ys))
    ax.set_yticklabels([r["name"] for r in res], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("ratio (black: the goal; green met, red not)")
    ax.set_title("make bench: ratios against their goals")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "results.png"), dpi=110)
    print("plot: %s" % os.path.join(out, "results.png"))


if __name__ == "__main__":
    main()
