#!/usr/bin/python3
"""One benchmark goal's result, for the table `make bench` ends with.

A benchmark calls record() (or, from a shell script, runs
`bench/result.py NAME FIGURE BASELINE CMP GOAL UNIT [RATIO]`) once per goal
it measures. Each result goes to $XK_BENCH_RESULTS/NAME.json (default
build/bench/results); bench/report.py gathers them.

figure and baseline are in UNIT, measured in the same run; ratio is
figure / baseline unless given (a goal on an absolute figure, a link's
ns, gives baseline = its budget). met: ratio CMP goal.
"""
import json
import os
import re
import sys


def record(name, figure, baseline, cmp, goal, unit, ratio=None):
    if ratio is None:
        ratio = figure / baseline
    met = ratio <= goal if cmp == "<=" else ratio >= goal
    d = os.environ.get("XK_BENCH_RESULTS", "build/bench/results")
    os.makedirs(d, exist_ok=True)
    fn = os.path.join(d, re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".json")
    with open(fn, "w") as f:
        json.dump({"name": name, "figure": figure, "baseline": baseline,
                   "ratio": ratio, "goal": goal, "cmp": cmp, "unit": unit,
                   "met": met}, f)
    return met


if __name__ == "__main__":
    if len(sys.argv) not in (7, 8) or sys.argv[4] not in ("<=", ">="):
        sys.exit("usage: result.py NAME FIGURE BASELINE <=|>= GOAL UNIT "
                 "[RATIO]")
    a = sys.argv
    record(a[1], float(a[2]), float(a[3]), a[4], float(a[5]), a[6],
           float(a[7]) if len(a) == 8 else None)
