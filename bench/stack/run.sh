#!/bin/sh
# UDP echo benchmark: xdpctl stack vs a kernel UDP echo server, same veth
# pair and namespaces, same AF_XDP load generator, one run. 64-byte
# datagrams. This machine's 2 cores are shared with other work: figures
# are noisy, ratios from the same run are what to read.
set -u
XDPCTL=$(pwd)/build/xdpctl
GEN=$(pwd)/build/bench/stack/gen
KECHO=$(pwd)/build/bench/stack/kecho
SECS=${SECS:-3}
A=xkb$$a B=xkb$$b
PY=/usr/bin/python3
PIDS=""
cleanup() {
	for p in $PIDS; do kill -TERM $p 2>/dev/null; wait $p 2>/dev/null; done
	for n in $A $B; do
		ino=$(stat -L -c %i /run/netns/$n 2>/dev/null)
		ip netns del $n 2>/dev/null
		[ -n "$ino" ] && rm -rf /sys/fs/bpf/xdpkit/$ino
	done
	rmdir /sys/fs/bpf/xdpkit 2>/dev/null
	return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM
[ "$(id -u)" = 0 ] || { echo "bench-stack: needs root"; exit 1; }
ip netns add $A && ip netns add $B || exit 1
ip link add $A netns $A type veth peer name $B netns $B
for n in $A $B; do ip -n $n link set lo up; ip -n $n link set $n up; done
ip -n $A addr add 10.78.0.1/24 dev $A
ip -n $B addr add 10.78.0.2/24 dev $B
# full checksums in both directions (see stack.h on partial checksums)
for n in $A $B; do nsenter --net=/run/netns/$n ethtool -K $n tx off >/dev/null; done
nsenter --net=/run/netns/$B ping -c 1 -W 1 10.78.0.1 >/dev/null

gen() { nsenter --net=/run/netns/$B "$GEN" $B 10.78.0.1 "$@"; }
field() { echo "$1" | $PY -c "import json,sys; print(json.load(sys.stdin)['$2'])"; }

echo "bench-stack: 64-byte UDP echo over veth, ${SECS}s per phase (2 shared cores: noisy)"
blast=$(gen 9 blast $SECS)
echo "  generator alone (AF_XDP send, nobody answers): $(field "$blast" sent_pps) datagrams/s"

nsenter --net=/run/netns/$A "$KECHO" 7778 & KP=$!
PIDS="$KP"
sleep 0.3
kf=$(gen 7778 flood $SECS)
kr=$(gen 7778 rtt $SECS)
kill -TERM $KP; wait $KP 2>/dev/null; PIDS=""
echo "  kernel echo:        $(field "$kf" echo_pps) echoes/s (generator sent $(field "$kf" sent_pps)/s), RTT p50 $(field "$kr" p50_us) us p99 $(field "$kr" p99_us) us"

run_stack() {	# label, extra args
	label=$1
	shift
	nsenter --net=/run/netns/$A "$XDPCTL" stack dev $A udp-echo 7777 "$@" >/dev/null 2>&1 & SP=$!
	PIDS="$SP"
	sleep 1
	sf=$(gen 7777 flood $SECS)
	sr=$(gen 7777 rtt $SECS)
	kill -TERM $SP; wait $SP; PIDS=""
	echo "  $label $(field "$sf" echo_pps) echoes/s (generator sent $(field "$sf" sent_pps)/s), RTT p50 $(field "$sr" p50_us) us p99 $(field "$sr" p99_us) us"
	$PY -c "
k, s = $(field "$kf" echo_pps), $(field "$sf" echo_pps)
kp, sp = $(field "$kr" p50_us), $(field "$sr" p50_us)
print('    ratio vs kernel: %.2fx echo pps (target >= 4x: %s), RTT p50 %.2fx (target <= 0.5x: %s)' % (
    s / k, 'met' if s / k >= 4 else 'MISSED', sp / kp, 'met' if sp / kp <= 0.5 else 'MISSED'))"
}
run_stack "xdpctl stack:      "
run_stack "stack busy-poll:   " busy-poll
