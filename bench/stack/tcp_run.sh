#!/bin/sh
# TCP benchmark: xdpctl stack tcp-echo/tcp-sink (lwIP over AF_XDP) against
# kernel TCP (bench/stack/tcpb.c serve: echo and sink on non-blocking
# sockets, spinning), the same veth pair and namespaces, the same client,
# one run:
#   rr    one connection, 64-byte request, 64-byte answer: RTT p50/p99
#   bulk  one stream client -> sink: Gbit/s, with the offloads a user has
#         (the kernel pair with TSO/GSO/GRO on; the stack's peer must turn
#         tx checksum offload off, see stack.h, which takes TSO with it)
#         and again with TSO/GSO/GRO off on both sides for both servers
#   crr   connect, 64 bytes each way, close: connections per second
# Both servers spin (the stack with busy-poll), both on CPU 1; the client
# (tcpb, kernel sockets, spinning too) on CPU 0; veth NAPI in softirq.
# Then perf samples the stack during bulk and rr: where its time goes.
# This machine's 2 cores are shared: ratios from one run are what to read.
set -u
XDPCTL=$(pwd)/build/xdpctl
TCPB=$(pwd)/build/bench/stack/tcpb
SECS=${SECS:-3}
A=xk$$a B=xk$$b
PY=/usr/bin/python3
SPID=""
cleanup() {
	[ -n "$SPID" ] && kill -TERM $SPID 2>/dev/null && wait $SPID 2>/dev/null
	for n in $A $B; do
		ino=$(stat -L -c %i /run/netns/$n 2>/dev/null)
		ip netns del $n 2>/dev/null
		[ -n "$ino" ] && rm -rf /sys/fs/bpf/xdpkit/$ino
	done
	rmdir /sys/fs/bpf/xdpkit 2>/dev/null
	[ -n "${KEEP:-}" ] || rm -f /tmp/xktcpb.$$.*
	return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM
[ "$(id -u)" = 0 ] || { echo "bench-stack-tcp: needs root"; exit 1; }
command -v perf >/dev/null || { echo "bench-stack-tcp: perf missing: run 'make deps'"; exit 1; }
ip netns add $A && ip netns add $B || exit 1
ip link add $A netns $A type veth peer name $B netns $B
for n in $A $B; do ip -n $n link set lo up; ip -n $n link set $n up; done
ip -n $A addr add 10.79.0.1/24 dev $A
ip -n $B addr add 10.79.0.2/24 dev $B
inB() { nsenter --net=/run/netns/$B "$@"; }
offloads() {	# on|off: TSO/GSO/GRO and tx checksums on both veths
	for n in $A $B; do
		nsenter --net=/run/netns/$n ethtool -K $n tx $1 tso $1 gso $1 gro $1 >/dev/null 2>&1
	done
}
cli() { inB taskset -c 0 "$TCPB" "$@"; }
inB ping -c 1 -W 1 10.79.0.1 >/dev/null

# phase SERVER PORT: rr, bulk, crr against it; "NAME rr p50 p99 bulk gbit crr rate"
phase() {
	r=$(cli rr 10.79.0.1 $2 $SECS) || return 1
	b=$(cli bulk 10.79.0.1 $(($2 + 1)) $SECS) || return 1
	c=$(cli crr 10.79.0.1 $2 $SECS) || return 1
	echo "$1 $(echo $r | cut -d' ' -f4,6) $(echo $b | cut -d' ' -f4) $(echo $c | cut -d' ' -f3)"
}
# servers start with nsenter exec'ing taskset exec'ing them: $! is the
# server itself (a shell function with & would be a subshell)
kernel_up() {
	nsenter --net=/run/netns/$A taskset -c 1 "$TCPB" serve 7100 >/tmp/xktcpb.$$.k 2>&1 &
	SPID=$!
	sleep 0.3
}
stack_up() {
	nsenter --net=/run/netns/$A taskset -c 1 "$XDPCTL" stack dev $A tcp-echo 7000 \
		tcp-sink 7001 busy-poll >/tmp/xktcpb.$$.s 2>&1 &
	SPID=$!
	i=0
	until grep -q "SIGINT or SIGTERM stops" /tmp/xktcpb.$$.s; do
		i=$((i + 1)); [ $i -gt 100 ] && { cat /tmp/xktcpb.$$.s; return 1; }
		sleep 0.05
	done
}
down() { kill -TERM $SPID; wait $SPID 2>/dev/null; SPID=""; }

echo "bench-stack-tcp: ${SECS}s per measurement, client CPU 0, servers CPU 1 (2 shared cores: noisy)"
offloads on
kernel_up
kb_on=$(cli bulk 10.79.0.1 7101 $SECS | cut -d' ' -f4) || exit 1
down
offloads off
kernel_up
k=$(phase kernel 7100) || { echo "kernel phase failed"; exit 1; }
down
stack_up || exit 1
s=$(phase stack 7000) || { echo "stack phase failed"; cat /tmp/xktcpb.$$.s; exit 1; }
# where the stack's time goes: perf on the server during bulk, then rr
prof() {	# what port
	perf record -q -o /tmp/xktcpb.$$.perf -F 2999 -g -p $SPID -- sleep 2 >/dev/null 2>&1 &
	pp=$!
	cli $1 10.79.0.1 $2 2 >/dev/null
	wait $pp
	echo "  stack, $1: top of the profile (self %)"
	perf report -q -i /tmp/xktcpb.$$.perf --no-children --sort dso,sym --stdio 2>/dev/null |
		grep -v '^$' | grep '%' | head -12 | sed 's/^/    /'
}
prof bulk 7001
prof rr 7000
down
$PY - "$k" "$s" "$kb_on" <<'PYEOF'
import sys
k = sys.argv[1].split(); s = sys.argv[2].split(); kb_on = float(sys.argv[3])
kp50, kp99, kb, kc = map(float, k[1:]); sp50, sp99, sb, sc = map(float, s[1:])
print("%-32s %12s %12s %8s" % ("", "kernel", "stack", "ratio"))
print("%-32s %12.1f %12.1f %8.2f   (stack/kernel; goal <= 0.5)" % ("rr RTT p50 (us)", kp50, sp50, sp50 / kp50))
print("%-32s %12.1f %12.1f %8.2f" % ("rr RTT p99 (us)", kp99, sp99, sp99 / kp99))
print("%-32s %12.3f %12.3f %8.2f   (goal >= 0.5)" % ("bulk Gbit/s, offloads off", kb, sb, sb / kb))
print("%-32s %12.3f %12.3f %8.2f   (kernel with TSO/GSO/GRO; the stack's peer needs tx off)" % ("bulk Gbit/s, offloads on", kb_on, sb, sb / kb_on))
print("%-32s %12.0f %12.0f %8.2f   (goal >= 1)" % ("connections/s (crr)", kc, sc, sc / kc))
PYEOF
