#!/bin/sh
# examples/reject: the reply builders of <xdpkit/reply.h> under
# BPF_PROG_TEST_RUN against scapy (test_reject.py), then a kernel in a peer
# namespace that takes each reply for what it is: connect() refused by our
# reset although a kernel socket listens, a connected UDP socket told
# ECONNREFUSED although a kernel socket is bound, ping told its echo is
# prohibited although the kernel would answer, and a path MTU learned from
# our fragmentation needed / packet too big.
SUITE=example-reject
. selftests/cli/lib.sh
PY=/usr/bin/python3
OBJ=${REJECT_OBJ:-$(pwd)/build/examples/reject/reject.bpf.o}
REPLY_BUF=${REPLY_BUF:-$(pwd)/build/examples/reject/reply_buf}
PIN=/sys/fs/bpf/xdpkit/xkrj$$
made_top=""
[ -d /sys/fs/bpf/xdpkit ] || made_top=1
rj_finish() {
	rc=$?
	[ -n "${LPID:-}" ] && kill "$LPID" 2>/dev/null
	rm -rf "$PIN"
	[ -n "$made_top" ] && rmdir /sys/fs/bpf/xdpkit 2>/dev/null
	(exit $rc)
	t_finish
}
trap rj_finish EXIT
mkdir -p "$PIN"
bpftool prog loadall "$OBJ" "$PIN" pinmaps "$PIN" >/dev/null ||
	{ bad "the verifier refuses $OBJ"; exit 1; }
ok "reject_xdp and reject_tc load (the verifier accepts them)"

# 1. BPF_PROG_TEST_RUN: exact bytes against scapy, XDP and TC; the same
# builders on a userspace buffer
r=$($PY examples/reject/test_reject.py "$PIN" "$REPLY_BUF" 2>&1)
case $r in ok*) ok "TEST_RUN: ${r#ok }" ;; *) bad "TEST_RUN: $r" ;; esac
rm -rf "$PIN"

# 2. a kernel in the peer namespace takes the replies
N=xkrj$$
mkpeer $N
ip -n $N addr add 10.21.0.9/24 dev $A
ip -n $N addr add fd21::9/64 dev $A nodad
ip -n ${N}b addr add 10.21.0.2/24 dev $B
ip -n ${N}b addr add fd21::2/64 dev $B nodad
# veth hands XDP_TX frames to the peer only when the peer has XDP too
nsenter --net=/run/netns/${N}b "$XDPCTL" attach pass dev $B >/dev/null || bad "attach pass on $B"
# kernel sockets that would accept everything we refuse
nsenter --net=/run/netns/$N $PY -c '
import socket, time
s = [socket.socket(f, t) for f in (socket.AF_INET, socket.AF_INET6)
     for t in (socket.SOCK_STREAM, socket.SOCK_DGRAM)]
for x in s:
    x.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s[0].bind(("10.21.0.9", 5000)); s[0].listen()
s[1].bind(("10.21.0.9", 5001))
s[2].bind(("fd21::9", 5000)); s[2].listen()
s[3].bind(("fd21::9", 5001))
time.sleep(60)' >/dev/null 2>&1 &
LPID=$! # nsenter execs python: this is its PID
sleep 0.5
client() {	# client FAMILY: what connect/send meet, one word per test
	inns ${N}b $PY - "$1" <<'PYEOF'
import errno, socket, sys
fam, host = (socket.AF_INET, "10.21.0.9") if sys.argv[1] == "4" else \
    (socket.AF_INET6, "fd21::9")
out = []
t = socket.socket(fam, socket.SOCK_STREAM)
t.settimeout(2)
try:
    t.connect((host, 5000)); out.append("tcp:connected")
except ConnectionRefusedError:
    out.append("tcp:refused")
except OSError as e:
    out.append("tcp:" + (errno.errorcode.get(e.errno) or str(e)))
u = socket.socket(fam, socket.SOCK_DGRAM)
u.settimeout(1)
u.connect((host, 5001))
try:
    u.send(b"x"); u.recv(100); out.append("udp:answered")
except ConnectionRefusedError:
    out.append("udp:refused")
except socket.timeout:
    out.append("udp:silent")
print(" ".join(out))
PYEOF
}
before=$(client 4)
[ "$before" = "tcp:connected udp:silent" ] && ok "without the program: the kernel accepts ($before)" ||
	bad "without the program: '$before' (want tcp:connected udp:silent)"
x $N attach "$OBJ" dev $A >/dev/null || bad "attach reject on $A"
cfg() {	# cfg TCP UDP MTU PING
	hex=$(printf '%02x %02x %02x %02x %02x %02x %02x 00' $(($1 & 255)) $(($1 >> 8)) \
		$(($2 & 255)) $(($2 >> 8)) $(($3 & 255)) $(($3 >> 8)) $4)
	x $N map set name reject_cfg dev $A key 0 value "hex $hex" >/dev/null || bad "map set reject_cfg"
}
cfg 5000 5001 0 0
for f in 4 6; do
	got=$(client $f)
	[ "$got" = "tcp:refused udp:refused" ] &&
		ok "IPv$f: connect() refused by our reset, UDP refused by our unreachable (a kernel socket listens on each)" ||
		bad "IPv$f: '$got' (want tcp:refused udp:refused)"
done
cfg 0 0 0 1
p4=$(inns ${N}b ping -c 1 -W 2 10.21.0.9 2>&1)
case $p4 in *"Packet filtered"*) ok "ping: the peer's kernel reports our prohibited error (Packet filtered)" ;;
	*) bad "ping: $(echo "$p4" | head -3 | tr '\n' ' ')" ;; esac
p6=$(inns ${N}b ping -6 -c 1 -W 2 fd21::9 2>&1)
case $p6 in *"Administratively prohibited"*) ok "ping -6: the peer's kernel reports administratively prohibited" ;;
	*) bad "ping -6: $(echo "$p6" | head -3 | tr '\n' ' ')" ;; esac
cfg 0 0 1000 0
inns ${N}b ping -M do -s 1200 -c 1 -W 2 10.21.0.9 >/dev/null 2>&1
m4=$(ip -n ${N}b route get 10.21.0.9)
case $m4 in *"mtu 1000"*) ok "IPv4 path MTU learned from our fragmentation needed: $(echo $m4 | grep -o 'mtu [0-9]*')" ;;
	*) bad "IPv4 route after frag needed: $m4" ;; esac
cfg 0 0 1280 0
inns ${N}b ping -6 -s 1400 -c 1 -W 2 fd21::9 >/dev/null 2>&1
m6=$(ip -n ${N}b -6 route get fd21::9)
case $m6 in *"mtu 1280"*) ok "IPv6 path MTU learned from our packet too big: $(echo $m6 | grep -o 'mtu [0-9]*')" ;;
	*) bad "IPv6 route after packet too big: $m6" ;; esac
cnt=$(x $N -j map dump name reject_sent dev $A | $PY -c '
import json, sys
d = {}
for e in json.load(sys.stdin):
    d[e["key"]] = e["value"]
print(" ".join("%s" % d.get(k, 0) for k in range(5)))')
# rst udp toobig prohibited not-answerable: 2 2 >=2 >=2 0
set -- $cnt
[ "$1" -ge 2 ] && [ "$2" -ge 2 ] && [ "$3" -ge 2 ] && [ "$4" -ge 2 ] && [ "$5" = 0 ] &&
	ok "reject_sent counted rst $1, unreachable $2, too big $3, prohibited $4, not answerable $5" ||
	bad "reject_sent: '$cnt'"
nsenter --net=/run/netns/${N}b "$XDPCTL" detach dev $B >/dev/null 2>&1 || true
