#!/bin/sh
# Loader benchmark (not a test): xdpctl attach+detach against
# `ip link set dev X xdp obj ... sec xdp` + `xdp off`, measured in the same
# run (median of RUNS each, both through nsenter into the same namespace),
# and `xdpctl status` on an interface with one XDP and two tc programs.
# Targets: attach+detach <= 1.2x ip's; status < 20 ms.
set -eu
XDPCTL=${XDPCTL:-$(pwd)/build/xdpctl}
OBJ=${OBJ:-$(pwd)/build/progs/pass/pass.bpf.o}
RUNS=${RUNS:-25}
N=xkbench$$
[ "$(id -u)" = 0 ] || { echo "bench-loader: needs root" >&2; exit 2; }
# ip link ... xdp obj leaves iproute2's dirs in bpffs (tc/, xdp -> tc/):
# they are shared with iproute2 and libxdp, so they stay.
cleanup() {
	nsenter --net=/run/netns/$N "$XDPCTL" detach dev ${N}0 >/dev/null 2>&1 || true
	ip netns del $N 2>/dev/null || true
}
trap cleanup EXIT
ip netns add $N
ip -n $N link add ${N}0 type veth peer name ${N}1
ip -n $N link set ${N}0 up
ip -n $N link set ${N}1 up
XDPCTL=$XDPCTL OBJ=$OBJ RUNS=$RUNS NS=$N DEV=${N}0 /usr/bin/python3 - <<'PY'
import os, statistics, subprocess, time
X, OBJ, RUNS, NS, DEV = (os.environ[k] for k in ("XDPCTL", "OBJ", "RUNS", "NS", "DEV"))
RUNS = int(RUNS)
ns = ["nsenter", "--net=/run/netns/" + NS]

def run(cmd):
    subprocess.run(ns + cmd, check=True, stdout=subprocess.DEVNULL)

def median_ms(cmds, runs=RUNS):
    t = []
    for _ in range(runs):
        s = time.perf_counter()
        for c in cmds:
            run(c)
        t.append((time.perf_counter() - s) * 1e3)
    return statistics.median(t)

pairs = {
    "ip link xdp obj + xdp off": [["ip", "link", "set", "dev", DEV, "xdp", "obj", OBJ, "sec", "xdp"],
                                   ["ip", "link", "set", "dev", DEV, "xdp", "off"]],
    "xdpctl attach pass + detach": [[X, "attach", "pass", "dev", DEV], [X, "detach", "dev", DEV]],
    "xdpctl attach FILE + detach": [[X, "attach", OBJ, "dev", DEV], [X, "detach", "dev", DEV]],
}
# interleave rounds so drift hits both sides alike
res = {k: [] for k in pairs}
for _ in range(RUNS):
    for k, c in pairs.items():
        res[k].append(median_ms(c, 1))
base = statistics.median(res["ip link xdp obj + xdp off"])
print("attach+detach, median of %d runs each:" % RUNS)
for k, v in res.items():
    m = statistics.median(v)
    print("  %-30s %7.2f ms   ratio vs ip %.2fx" % (k, m, m / base))

run([X, "attach", "pass", "dev", DEV])
run([X, "attach", "pass", "dev", DEV, "tc", "ingress"])
run([X, "attach", "pass", "dev", DEV, "tc", "egress"])
st = median_ms([[X, "status", "dev", DEV]])
stj = median_ms([[X, "-j", "status", "dev", DEV]])
sta = median_ms([[X, "status"]])
bt = median_ms([["bpftool", "net", "show", "dev", DEV]])
print("status with 1 XDP + 2 tc programs, median of %d runs:" % RUNS)
print("  xdpctl status dev X            %7.2f ms   (target < 20 ms)" % st)
print("  xdpctl -j status dev X         %7.2f ms" % stj)
print("  xdpctl status (all interfaces) %7.2f ms" % sta)
print("  bpftool net show dev X         %7.2f ms   ratio xdpctl/bpftool %.2fx" % (bt, st / bt))
ok = statistics.median(res["xdpctl attach pass + detach"]) / base <= 1.2 and st < 20
print("bench-loader: targets %s" % ("met" if ok else "NOT met"))
PY
