#!/bin/sh
# examples/arp_responder: BPF_PROG_TEST_RUN with scapy's bytes as the
# oracle (a request for the address: XDP_TX and exactly scapy's reply;
# anything else: XDP_PASS, unchanged), then a kernel in a peer namespace
# that learns the answering MAC from the reply.
SUITE=example-arp
. selftests/cli/lib.sh
PY=/usr/bin/python3
OBJ=${ARP_OBJ:-$(pwd)/build/examples/arp_responder/arp_responder.bpf.o}
PIN=/sys/fs/bpf/xdpkit/xkarp$$
made_top=""
[ -d /sys/fs/bpf/xdpkit ] || made_top=1
arp_finish() {
	rc=$?
	rm -rf "$PIN"
	[ -n "$made_top" ] && rmdir /sys/fs/bpf/xdpkit 2>/dev/null
	(exit $rc)
	t_finish
}
trap arp_finish EXIT
mkdir -p "$PIN"
bpftool prog load "$OBJ" "$PIN/prog" type xdp pinmaps "$PIN" ||
	{ bad "the verifier refuses $OBJ"; exit 1; }
ok "arp_responder loads (the verifier accepts it)"

# 1. BPF_PROG_TEST_RUN: exact bytes against scapy
r=$($PY - "$PIN" <<'PYEOF'
import logging, os, subprocess, sys, tempfile
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import Ether, ARP, IP, UDP, raw
pin = sys.argv[1]
ADDR, MAC = "10.20.0.9", "02:aa:bb:cc:dd:ee"
REQ = Ether(dst="ff:ff:ff:ff:ff:ff", src="02:00:00:00:00:01") / ARP(
    hwsrc="02:00:00:00:00:01", psrc="10.20.0.2", pdst=ADDR)
def cfg(addr):
    val = bytes(map(int, addr.split("."))) + bytes.fromhex(MAC.replace(":", "")) + b"\0\0"
    subprocess.run(["bpftool", "map", "update", "pinned", pin + "/arp_cfg", "key",
                    "hex", "00", "00", "00", "00", "value", "hex"] +
                   ["%02x" % b for b in val], check=True)
def run(pkt):
    d = tempfile.mkdtemp()
    i, o = d + "/in", d + "/out"
    open(i, "wb").write(pkt)
    out = subprocess.run(["bpftool", "prog", "run", "pinned", pin + "/prog",
                          "data_in", i, "data_out", o, "data_size_out", "512"],
                         capture_output=True, text=True).stdout
    rv = int(out.split("Return value:")[1].split(",")[0])
    got = open(o, "rb").read()
    os.unlink(i); os.unlink(o); os.rmdir(d)
    return rv, got
fails = []
cfg(ADDR)
want = raw(Ether(dst="02:00:00:00:00:01", src=MAC) / ARP(
    op=2, hwsrc=MAC, psrc=ADDR, hwdst="02:00:00:00:00:01", pdst="10.20.0.2"))
rv, got = run(raw(REQ))
if rv != 3 or got != want:
    fails.append("request for %s: rv %d, %s" % (ADDR, rv,
                 "bytes differ from scapy's reply" if got != want else "same bytes"))
others = {
    "request for another address": raw(REQ).replace(bytes([10, 20, 0, 9]), bytes([10, 20, 0, 8])),
    "an ARP reply": raw(Ether(dst="02:00:00:00:00:01", src="02:00:00:00:00:02") /
                        ARP(op=2, hwsrc="02:00:00:00:00:02", psrc=ADDR, pdst="10.20.0.2")),
    "UDP to the address": raw(Ether(dst=MAC, src="02:00:00:00:00:01") /
                              IP(src="10.20.0.2", dst=ADDR) / UDP(dport=9)),
    "a truncated request": raw(REQ)[:30],
}
for what, pkt in others.items():
    rv, got = run(pkt)
    if rv != 2 or got != pkt:
        fails.append("%s: rv %d, %s" % (what, rv, "changed" if got != pkt else "unchanged"))
cfg("0.0.0.0")
rv, got = run(raw(REQ))
if rv != 2 or got != raw(REQ):
    fails.append("no address configured: rv %d" % rv)
print("FAIL " + "; ".join(fails) if fails else
      "ok XDP_TX with scapy's reply for the address; XDP_PASS and unchanged for 4 others and when unconfigured")
PYEOF
)
case $r in ok*) ok "TEST_RUN: ${r#ok }" ;; *) bad "TEST_RUN: $r" ;; esac

# 2. a kernel in the peer namespace learns the answer
N=xkar$$
mkpeer $N
ip -n ${N}b addr add 10.20.0.2/24 dev $B
amac=$(ip -n $N -j link show $A | $PY -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')
x $N attach "$OBJ" dev $A >/dev/null || bad "attach arp_responder on $A"
# veth hands XDP_TX frames to the peer only when the peer has XDP too
nsenter --net=/run/netns/${N}b "$XDPCTL" attach pass dev $B >/dev/null || bad "attach pass on $B"
inns ${N}b ping -c 1 -W 1 10.20.0.9 >/dev/null 2>&1
n0=$(ip -n ${N}b neigh show 10.20.0.9 dev $B)
case $n0 in *lladdr*) bad "unconfigured, yet $B learned: $n0" ;; *) ok "unconfigured: $B learns nothing ($n0)" ;; esac
hex=$(printf '0a 14 00 09 %s 00 00' "$(echo $amac | tr ':' ' ')")
x $N map set name arp_cfg dev $A key 0 value "hex $hex" >/dev/null || bad "map set arp_cfg"
ip -n ${N}b neigh flush dev $B
inns ${N}b ping -c 1 -W 1 10.20.0.9 >/dev/null 2>&1
n1=$(ip -n ${N}b neigh show 10.20.0.9 dev $B)
case $n1 in *"lladdr $amac"*) ok "the peer's kernel took the reply: $n1" ;; *) bad "peer neighbour entry: '$n1' (want lladdr $amac)" ;; esac
cnt=$(x $N -j map dump name arp_answered dev $A | $PY -c 'import json,sys; print(sum(e["value"] for e in json.load(sys.stdin)))')
[ "${cnt:-0}" -ge 1 ] && ok "arp_answered counted $cnt" || bad "arp_answered: '$cnt'"
nsenter --net=/run/netns/${N}b "$XDPCTL" detach dev $B >/dev/null 2>&1 || true
