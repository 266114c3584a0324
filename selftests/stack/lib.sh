# Shared helpers of the stack suites (sourced, POSIX sh), on top of the xdpctl
# suites' helpers (ok/bad/check, x, inns, cleanup of namespaces and pins).
#
# stk_setup makes two namespaces, $A (the stack) and $B (a kernel peer),
# joined by a veth pair $IA <-> $IB with IPv4 and IPv6 addresses, plus the
# VLAN prefixes (AV4/AV6 <-> BV4/BV6) whose UDP travels tagged $VID. The
# peer's tx checksum offload is turned off: see stack.h on partial
# checksums.
. "$(dirname "$0")/../cli/lib.sh"
need ethtool
FLOOD=${FLOOD:-$(pwd)/build/selftests/stack/udp_flood}
PY=/usr/bin/python3
VLAN_OBJ=${VLAN_OBJ:-$(pwd)/build/selftests/stack/vlan_peer.bpf.o}
STK_PID=""
STK_DIR=$(mktemp -d /tmp/xkstack.XXXXXX)

A=xks$$a
B=xks$$b
IA=xks$$a
IB=xks$$b
VID=5
A4=10.77.0.1 B4=10.77.0.2 A6=fd00:77::1 B6=fd00:77::2
AV4=10.77.5.1 BV4=10.77.5.2 AV6=fd00:77:5::1 BV6=fd00:77:5::2

stk_finish() {
	rc=$?
	stk_kill
	rm -rf "$STK_DIR"
	(exit $rc)
	t_finish
}
trap stk_finish EXIT

stk_setup() {
	ip netns add $A && T_NS="$T_NS $A"
	ip netns add $B && T_NS="$T_NS $B"
	ip link add $IA netns $A type veth peer name $IB netns $B
	for n in $A $B; do ip -n $n link set lo up; done
	ip -n $A addr add $A4/24 dev $IA
	ip -n $A addr add $A6/64 dev $IA nodad
	ip -n $B addr add $B4/24 dev $IB
	ip -n $B addr add $B6/64 dev $IB nodad
	ip -n $A link set $IA up
	ip -n $B link set $IB up
	# This kernel has no 802.1Q devices (CONFIG_VLAN_8021Q unset), so the
	# VLAN is the peer's tc program: UDP to/from the VLAN prefixes goes
	# tagged on the wire, untagged UDP from them is dropped (see
	# vlan_peer.bpf.c). The tag must be in the frame: txvlan off.
	ip -n $A addr add $AV4/24 dev $IA
	ip -n $A addr add $AV6/64 dev $IA nodad
	ip -n $B addr add $BV4/24 dev $IB
	ip -n $B addr add $BV6/64 dev $IB nodad
	inns $B ethtool -K $IB tx off txvlan off >/dev/null
	x $B attach "$VLAN_OBJ" dev $IB tc egress name vlan_egress >/dev/null &&
	x $B attach "$VLAN_OBJ" dev $IB tc ingress name vlan_ingress >/dev/null ||
		{ bad "cannot attach the VLAN peer program"; exit 1; }
}

# stk_start ARGS...: xdpctl -j stack dev ${STK_DEV:-$IA} ARGS in $A, in the
# background; waits for its ready line. Its JSON report lands in
# $STK_DIR/out.json.
stk_start() {
	: > "$STK_DIR/err"
	nsenter --net=/run/netns/$A "$XDPCTL" -j stack dev ${STK_DEV:-$IA} "$@" \
		> "$STK_DIR/out.json" 2> "$STK_DIR/err" &
	STK_PID=$!
	i=0
	while ! grep -q "^xdpctl stack: .*SIGINT or SIGTERM stops" "$STK_DIR/err"; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 $STK_PID 2>/dev/null; then
			cat "$STK_DIR/err"
			return 1
		fi
		sleep 0.05
	done
}
# stk_stop [SIG]: stop it (default TERM), wait; returns its exit code.
stk_stop() {
	kill -"${1:-TERM}" $STK_PID 2>/dev/null
	wait $STK_PID
	rc=$?
	STK_PID=""
	return $rc
}
stk_kill() {
	[ -n "$STK_PID" ] && kill -KILL $STK_PID 2>/dev/null && wait $STK_PID 2>/dev/null
	STK_PID=""
	return 0
}
# stk_json PYEXPR: evaluate over the report j (dict).
stk_json() {
	$PY -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
		"$STK_DIR/out.json" "$1"
}
# udp_echo ADDR PORT [SIZE]: one kernel-socket round trip from $B; prints
# "ok" if the same bytes came back from ADDR PORT.
udp_echo() {
	inns $B $PY - "$@" <<'PYEOF'
import os, socket, sys
addr, port = sys.argv[1], int(sys.argv[2])
size = int(sys.argv[3]) if len(sys.argv) > 3 else 32
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
s.settimeout(1)
data = os.urandom(size)
for attempt in range(3):
    s.sendto(data, (addr, port))
    try:
        got, frm = s.recvfrom(4096)
    except socket.timeout:
        continue
    print("ok" if got == data and frm[0] == addr and frm[1] == port else
          "bad reply %r from %r" % (got[:16], frm))
    sys.exit(0)
print("timeout")
PYEOF
}
