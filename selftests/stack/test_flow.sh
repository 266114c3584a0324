#!/bin/sh
# Flows and queues of the stack:
#  - a connected flow (xk_udp__connect, flow_client.c) to a kernel UDP echo
#    server in the peer namespace, IPv4 and IPv6: every echo comes back to
#    it byte for byte, a burst larger than a queue's free frames is all
#    accepted, while a stranger's datagram to the flow's port stays with
#    the kernel (which refuses it: the stray's sender sees ECONNREFUSED)
#    and never reaches the flow; API errors (a peer routed through another
#    interface, a send without address on an unconnected socket);
#  - two queues: on a veth with 2 rx/tx queues, `xdpctl stack` opens a
#    socket per queue by default, flows from 32 client sockets spread over
#    both, every datagram is echoed and each queue answers its own; a
#    connected flow's sends use both queues.
SUITE=stack-flow
. "$(dirname "$0")/lib.sh"
FLOW=${FLOW:-$(pwd)/build/selftests/stack/flow_client}
[ -x "$FLOW" ] || { echo "$SUITE: FAIL: $FLOW missing; run make"; exit 1; }
stk_setup
# the second pair: two queues each way
IA2=${IA}q IB2=${IB}q
A24=10.77.9.1 B24=10.77.9.2
ip link add $IA2 netns $A numrxqueues 2 numtxqueues 2 type veth \
	peer name $IB2 netns $B numrxqueues 2 numtxqueues 2
ip -n $A addr add $A24/24 dev $IA2
ip -n $B addr add $B24/24 dev $IB2
ip -n $A link set $IA2 up
ip -n $B link set $IB2 up
inns $B ethtool -K $IB2 tx off >/dev/null

# a kernel echo server in B, every address, port 9100
nsenter --net=/run/netns/$B $PY - <<'PYEOF' &
import select, socket
s4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s4.bind(("0.0.0.0", 9100))
s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
s6.bind(("::", 9100))
while True:
    for s in select.select([s4, s6], [], [])[0]:
        d, a = s.recvfrom(2048)
        s.sendto(d, a)
PYEOF
ECHO_PID=$!
trap 'r=$?; kill $ECHO_PID 2>/dev/null; wait $ECHO_PID 2>/dev/null; (exit $r); stk_finish' EXIT
# IPv6 neighbour discovery needs a link-local address that passed DAD
for ns in $A $B; do
	i=0
	while ip -n $ns -6 addr show tentative | grep -q inet6 && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
done
inns $B ping -c 1 -W 2 $A4 >/dev/null 2>&1
inns $B ping -c 1 -W 2 $A24 >/dev/null 2>&1

# flow DEV PEER COUNT BURST HOLD [QUEUES]: run flow_client in A, and
# while it holds, send a stray from B to its port from another source
# port; sets FLOW_JSON (its report) and STRAY (refused|delivered|...).
flow() {
	dev=$1 peer=$2
	shift 2
	nsenter --net=/run/netns/$A "$FLOW" $dev $peer 9100 "$@" > $STK_DIR/flow.out \
		2> $STK_DIR/flow.err &
	fp=$!
	i=0
	while ! grep -q lport $STK_DIR/flow.out 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 $fp 2>/dev/null; then
			cat $STK_DIR/flow.err
			break
		fi
		sleep 0.05
	done
	lport=$($PY -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["lport"])' \
		$STK_DIR/flow.out 2>/dev/null)
	local=$($PY -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["local"])' \
		$STK_DIR/flow.out 2>/dev/null)
	# the stray comes once the ping-pongs and the burst are done, while
	# the flow still holds its port (else "refused" would prove nothing)
	sleep 1.2
	kill -0 $fp 2>/dev/null && alive=1 || alive=0
	STRAY=$(inns $B $PY - "$local" "${lport:-1}" <<'PYEOF'
import socket, sys
addr, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET,
                  socket.SOCK_DGRAM)
s.settimeout(1)
s.connect((addr, port))
s.send(b"stray")
try:
    s.recv(100)
    print("delivered")
except ConnectionRefusedError:
    print("refused")
except socket.timeout:
    print("timeout")
PYEOF
)
	kill -0 $fp 2>/dev/null || alive=0
	[ $alive = 1 ] || STRAY="$STRAY (flow already gone)"
	wait $fp
	FLOW_JSON=$(tail -1 $STK_DIR/flow.out)
	echo "  local $local port $lport; stray: $STRAY; report: $FLOW_JSON"
}
# fcheck PYEXPR WHAT: PYEXPR over the report j
fcheck() {
	if echo "$FLOW_JSON" | $PY -c 'import json,sys; j=json.load(sys.stdin); sys.exit(0 if eval(sys.argv[1]) else 1)' "$1" 2>/dev/null; then
		ok "$2"
	else
		bad "$2 ($1)"
	fi
}

for peer in $B4 $B6; do
	echo "connected flow to $peer:9100"
	flow $IA $peer 200 3000 2
	fcheck 'j["unreach"] == -101 and j["nodest"] == -89' \
		"API errors: peer via lo -> -ENETUNREACH, no address -> -EDESTADDRREQ"
	fcheck 'j["echoed"] == 200 and j["bad"] == 0 and j["redirected"] >= 200 and j["lost"] <= 2' \
		"200 ping-pongs echoed intact, steered by the 5-tuple"
	fcheck 'j["accepted"] == 3000 and j["tx_no_frame"] == 0' \
		"a burst of 3000 (> one queue's free frames) all accepted"
	fcheck 'j["unexpected"] == 0 and j["rx_no_socket"] == 0 and j["balanced"]' \
		"nothing else reached the flow; frames balanced at exit"
	[ "$STRAY" = refused ] && ok "a stranger's datagram to the flow's port stays with the kernel (refused)" ||
		bad "stray to the flow's port: $STRAY (want refused)"
done

echo "two queues"
STK_DEV=$IA2 stk_start udp-echo 7800 || bad "xdpctl stack on $IA2 did not start"
grep -q "2 queues" $STK_DIR/err && ok "a socket per queue by default: $(head -1 $STK_DIR/err | cut -d: -f2- | cut -d, -f1-2)" ||
	bad "default queues: $(cat $STK_DIR/err)"
res=$(inns $B $PY - $A24 <<'PYEOF'
import socket, sys
addr = sys.argv[1]
socks = []
for i in range(32):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(1)
    socks.append(s)
good = 0
for rnd in range(20):
    for i, s in enumerate(socks):
        data = b"q%d-%d" % (i, rnd)
        for attempt in range(3):
            s.sendto(data, (addr, 7800))
            try:
                if s.recvfrom(100) == (data, (addr, 7800)):
                    good += 1
                    break
            except socket.timeout:
                pass
print(good)
PYEOF
)
stk_stop
rc=$?
[ "$res" = 640 ] && ok "640 datagrams from 32 sockets, all echoed" || bad "32-socket echo: $res of 640"
echo "  per queue: $(stk_json 'j["per_queue"]')"
[ "$(stk_json 'all(q["rx_frames"] > 0 and q["tx_frames"] > 0 for q in j["per_queue"]) and len(j["per_queue"]) == 2')" = True ] &&
	ok "both queues received and answered" || bad "queue spread: $(stk_json 'j["per_queue"]')"
[ "$(stk_json 'sum(q["rx_frames"] for q in j["per_queue"]) == j["stats"]["rx_frames"] and sum(q["tx_frames"] for q in j["per_queue"]) == j["stats"]["tx_sent"]')" = True ] &&
	ok "per-queue counts add up to the totals" || bad "per-queue sums"
[ $rc -eq 0 ] && [ "$(stk_json 'j["frames"]["balanced"]')" = True ] &&
	ok "stopped cleanly, frames balanced" || bad "stop rc $rc"

echo "connected flow over two queues"
flow $IA2 $B24 100 3000 2
fcheck 'j["echoed"] == 100 and j["accepted"] == 3000 and j["unexpected"] == 0 and j["balanced"]' \
	"100 echoed, burst accepted, frames balanced"
fcheck 'len(j["queue_tx"]) == 2 and min(j["queue_tx"]) > 0' \
	"sends went out on both queues"
[ "$STRAY" = refused ] && ok "a stranger's datagram to the flow's port stays with the kernel (refused)" ||
	bad "stray to the flow's port: $STRAY (want refused)"
