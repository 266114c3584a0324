#!/bin/sh
# The stack's TCP (lwIP) against kernel TCP peers in another namespace:
# xdpctl stack tcp-echo and tcp-sink beside udp-echo, IPv4, IPv6 and over
# an 802.1Q VLAN; 1 MiB and 100 MiB echoed with SHA-256 equal; 1000
# sequential and 64 concurrent connections; loss of every 50th segment
# both ways; malformed segments dropped by name; RSTs in and out of the
# window; ping, ARP/NDP and a kernel TCP server on the same addresses;
# then the stack as client (tcp_client): a 10 MiB download, ECONNREFUSED,
# ECONNRESET, ETIMEDOUT; examples/tcp_server; SIGKILL left to xdpctl
# clean. Every umem frame
# comes back each time.
SUITE=${SUITE:-stack-tcp}
. "$(dirname "$0")/lib.sh"
PEER="$PY $(pwd)/selftests/stack/tcp_peer.py"
TCPC=${TCPC:-$(pwd)/build/selftests/stack/tcp_client}
LOSS_OBJ=${LOSS_OBJ:-$(pwd)/build/selftests/stack/loss_peer.bpf.o}
stk_setup
AMAC=$(ip -n $A -j link show $IA | $PY -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')

peer() { inns $B $PEER "$@" 2>&1 | tail -1; }
expect_ok() {	# what, then a command whose last line starts with "ok"
	what=$1
	shift
	r=$("$@")
	case $r in
	ok*) ok "$what: ${r#ok }" ;;
	*) bad "$what: $r" ;;
	esac
}
tcp_stat() { stk_json "j['tcp']['$1']"; }
# the ASan/UBSan run (test-stack-tcp-asan) moves less data
BIG=${TCP_BIG:-104857600}
# any sanitizer report in what xdpctl or tcp_client printed fails the suite
san_check() {	# what, file or text
	if printf '%s' "$2" | grep -qE "Sanitizer|runtime error:"; then
		bad "$1: sanitizer report: $(printf '%s' "$2" | grep -E "ERROR|runtime error|SUMMARY" | head -3)"
	fi
}

stk_start tcp-echo 7000 tcp-sink 7001 udp-echo 7002 ||
	{ bad "xdpctl stack did not start"; exit 1; }
ok "started: $(head -c 110 "$STK_DIR/err")"

# 1. echo: sizes, families, the VLAN
for a in $A4 $A6; do
	expect_ok "echo 1 MiB $a" peer echo $a 7000 1048576
	expect_ok "echo $((BIG >> 20)) MiB $a" peer echo $a 7000 $BIG
done
for a in $AV4 $AV6; do
	expect_ok "echo 1 MiB $a over VLAN $VID" peer echo $a 7000 1048576
done
expect_ok "1000 sequential connections $A4" peer seq $A4 7000 1000
expect_ok "64 concurrent connections $A6" peer conc $A6 7000 64 65536
expect_ok "tcp-sink 10 MiB $A4" peer sink $A4 7001 10485760
# what a new user types
r=$(printf 'hello stack\n' | inns $B socat -t 2 - TCP:$A4:7000 2>&1)
[ "$r" = "hello stack" ] && ok "socat - TCP:$A4:7000 gets its line back" || bad "socat: '$r'"
r=$(inns $B curl -s --http0.9 --max-time 1 "http://[$A6]:7000/xdpkit" 2>&1 | head -1 | tr -d '\r')
[ "$r" = "GET /xdpkit HTTP/1.1" ] && ok "curl http://[$A6]:7000/ gets its request echoed" || bad "curl: '$r'"
r=$(udp_echo $A4 7002)
[ "$r" = ok ] && ok "udp-echo beside TCP" || bad "udp-echo beside TCP: $r"

# 2. what the kernel keeps on the same addresses
check "ping $A4" inns $B ping -c 2 -i 0.2 -W 1 $A4
check "ping $A6" inns $B ping -6 -c 2 -i 0.2 -W 1 $A6
ip -n $B neigh flush dev $IB
check "ARP after a flush" inns $B ping -c 1 -W 1 $A4
check "NDP after a flush" inns $B ping -6 -c 1 -W 1 $A6
inns $A $PY -c '
import socket
t = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(("::", 8090)); t.listen(4); t.settimeout(6)
for _ in range(2):
    c, _ = t.accept(); c.sendall(c.recv(100).upper()); c.close()' &
SRV=$!
sleep 0.3
for a in $A4 $A6; do
	r=$(inns $B $PY -c '
import socket,sys
c=socket.create_connection((sys.argv[1],8090),timeout=2); c.sendall(b"kernel tcp"); print(c.recv(100).decode())' $a 2>&1)
	[ "$r" = "KERNEL TCP" ] && ok "a kernel TCP server on $a:8090 beside the stack's" ||
		bad "kernel TCP on $a:8090: $r"
done
wait $SRV 2>/dev/null
r=$(inns $A $PY -c '
import socket
s=socket.socket(socket.AF_INET,socket.SOCK_STREAM)
try: s.bind(("0.0.0.0",7000)); print("bound")
except OSError as e: print(e.errno)' 2>&1)
[ "$r" = 98 ] && ok "port 7000 is reserved in the kernel (EADDRINUSE)" || bad "kernel bind to 7000: $r"

# 3. malformed segments and RSTs: dropped by name, the service goes on
expect_ok "malformed segments sent" peer malformed $IB $AMAC $A4 7000
expect_ok "malformed segments over IPv6" peer malformed $IB $AMAC $A6 7000
expect_ok "RSTs in and out of the window" peer rst $IB $AMAC $A4 7000
expect_ok "echo after the malformed segments" peer echo $A4 7000 65536

# 4. loss: every 50th TCP segment dropped both ways at the peer
x $B attach "$LOSS_OBJ" dev $IB tcx ingress name loss_ingress >/dev/null &&
x $B attach "$LOSS_OBJ" dev $IB tcx egress name loss_egress >/dev/null ||
	bad "cannot attach the loss program"
# ingress and egress are two loads of the object: a loss_cfg each
loss_ids=$(inns $B bpftool -j map show | $PY -c 'import json,sys; print(" ".join(str(m["id"]) for m in json.load(sys.stdin) if m.get("name")=="loss_cfg"))')
set_loss() {
	for id in $loss_ids; do
		x $B map set id $id key 0 value $1 >/dev/null || return 1
	done
}
[ "$(echo $loss_ids | wc -w)" = 2 ] && set_loss 50 && ok "loss 1 in 50 on $IB, both ways (maps $loss_ids)" ||
	bad "cannot set the loss rate (maps '$loss_ids')"
expect_ok "echo 10 MiB with 1 in 50 segments lost" peer echo $A4 7000 10485760
expect_ok "echo 4 MiB over IPv6 with loss" peer echo $A6 7000 4194304
lost=$(inns $B bpftool -j map show | $PY -c 'import json,sys; print(" ".join(str(m["id"]) for m in json.load(sys.stdin) if m.get("name")=="loss_hits"))')
lost=$(for id in $lost; do x $B -j map dump id $id; done | $PY -c '
import json,sys
print(sum(e["value"] for l in sys.stdin for e in json.loads(l) if e["key"] == 1))')
[ "${lost:-0}" -gt 0 ] && ok "the peer dropped $lost segments" || bad "nothing was dropped: '$lost'"
set_loss 0

stk_stop TERM && ok "SIGTERM: exit 0" || bad "SIGTERM: exit $?"
san_check "xdpctl stack" "$(cat "$STK_DIR/err")"
[ "$(stk_json 'j["frames"]["balanced"] and j["frames"]["held"] == 0 and j["tcp"]["frames_held"] == 0')" = True ] &&
	ok "every umem frame back: $(stk_json 'j["frames"]["total"]') total, lwIP holds $(tcp_stat frames_held)" ||
	bad "frames: $(stk_json 'j["frames"]') tcp held $(tcp_stat frames_held)"
# one of each per family; SYN+FIN and SYN+RST both count as bad flags
for c in drop_bad_csum:2 drop_bad_options:2 drop_bad_flags:4; do
	n=${c#*:} c=${c%:*}
	[ "$(tcp_stat $c)" = $n ] && ok "$c = $n" || bad "$c = $(tcp_stat $c) (want $n)"
done
# doff 4 cannot be parsed: the steering program leaves it to the kernel
[ "$(stk_json 'j["steer"]["unparsed"]')" -ge 2 ] &&
	ok "doff 4: not steered, counted by the steering program as unparsed ($(stk_json 'j["steer"]["unparsed"]'))" ||
	bad "steer unparsed: $(stk_json 'j["steer"]["unparsed"]')"
[ "$(tcp_stat drop_rst_seq)" -ge 1 ] && ok "drop_rst_seq = $(tcp_stat drop_rst_seq)" || bad "drop_rst_seq = $(tcp_stat drop_rst_seq)"
[ "$(tcp_stat retrans)" -gt 0 ] && ok "retransmissions counted: $(tcp_stat retrans)" || bad "no retransmission counted"
[ "$(tcp_stat drop_csum_partial)" = 0 ] && ok "no partial checksums (peer tx offload off)" ||
	bad "partial checksums: $(tcp_stat drop_csum_partial)"
acc=$(tcp_stat accepted)
[ "$acc" -ge 1075 ] && ok "$acc connections accepted" || bad "accepted: $acc"
[ -z "$(xdp_id $A $IA)" ] && [ "$(pins_of $A)" = 0 ] && ok "no XDP program, no pins left" ||
	bad "left on $IA: prog '$(xdp_id $A $IA)', $(pins_of $A) pins"

# 5. the stack as client
inns $B $PEER serve $B4 7100 pattern 10485760 >/dev/null 2>&1 &
SRV=$!
sleep 0.5
r=$(inns $A $TCPC $IA $B4 7100 0 10485760 2>&1)
san_check "tcp_client download" "$r"
printf '%s\n' "$r" | grep -q "^ok sent 0 received 10485760 " &&
	ok "client: 10 MiB downloaded intact: $(printf '%s\n' "$r" | head -1)" || bad "client download: $r"
printf '%s\n' "$r" | grep -q "^frames balanced" && ok "client: frames balanced" || bad "client frames: $r"
wait $SRV 2>/dev/null
inns $B $PEER serve $B4 7104 pattern 4194304 >/dev/null 2>&1 &
SRV=$!
sleep 0.5
r=$(inns $A $TCPC $IA $B4 7104 0 4194304 30000 peek 2>&1)
san_check "tcp_client peek" "$r"
printf '%s\n' "$r" | grep -q "^ok sent 0 received 4194304 .*zero copy: [1-9][0-9]* pieces" &&
	ok "client: 4 MiB read zero-copy (peek/consume): $(printf '%s\n' "$r" | head -1 | sed 's/.*zero copy: //')" ||
	bad "client, zero-copy read: $(printf '%s\n' "$r" | head -2)"
printf '%s\n' "$r" | grep -q "^frames balanced" && printf '%s\n' "$r" | grep -q "^stat frames_held 0" &&
	ok "client, zero copy: every frame back, lwIP holds none" || bad "client, zero copy frames: $r"
zc=$(printf '%s\n' "$r" | sed -n 's/^stat rx_zero_copy //p')
[ "${zc:-0}" -gt 2000 ] && ok "client, zero copy: $zc segments stayed in their umem frames ($(printf '%s\n' "$r" | sed -n 's/^stat rx_copied //p') copied)" ||
	bad "client, zero copy: only '$zc' segments in frames"
wait $SRV 2>/dev/null
inns $B $PEER serve $B6 7101 pattern 1048576 >/dev/null 2>&1 &
SRV=$!
sleep 0.5
r=$(inns $A $TCPC $IA $B6 7101 0 1048576 2>&1 | head -1)
case $r in ok*) ok "client: 1 MiB over IPv6: $r" ;; *) bad "client IPv6: $r" ;; esac
wait $SRV 2>/dev/null
r=$(inns $A $TCPC $IA $B4 7199 0 0 2>&1 | head -1)
case $r in "error ECONNREFUSED"*) ok "client: closed port: $r" ;; *) bad "client, closed port: $r" ;; esac
inns $B $PEER serve $B4 7102 reset >/dev/null 2>&1 &
SRV=$!
sleep 0.5
r=$(inns $A $TCPC $IA $B4 7102 100 0 2>&1 | head -1)
case $r in "error ECONNRESET"*) ok "client: the peer reset: $r" ;; *) bad "client, peer reset: $r" ;; esac
wait $SRV 2>/dev/null
# the peer vanishes: every segment dropped once the connection is up
inns $B $PY -c '
import socket, time
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("'$B4'", 7103)); l.listen(1); l.settimeout(10)
c, _ = l.accept(); time.sleep(8)' &
SRV=$!
sleep 0.5
( sleep 0.7; set_loss 1 ) &
r=$(inns $A $TCPC $IA $B4 7103 100000000 0 2000 2>&1)
san_check "tcp_client, vanished peer" "$r"
r=$(printf '%s\n' "$r" | head -1)
set_loss 0
ms=$(printf '%s' "$r" | sed -n 's/^error ETIMEDOUT after \([0-9]*\) ms.*/\1/p')
[ -n "$ms" ] && [ "$ms" -ge 2000 ] && [ "$ms" -le 5000 ] &&
	ok "client: the peer vanished: ETIMEDOUT after $ms ms (user timeout 2000 ms, connected at ~700)" ||
	bad "client, vanished peer: $r"
kill $SRV 2>/dev/null
wait $SRV 2>/dev/null

# 6. the example server (examples/tcp_server), as a user builds it
EXSRV=${EXSRV:-$(pwd)/build/examples/tcp_server/tcp_server}
nsenter --net=/run/netns/$A "$EXSRV" $IA 2>"$STK_DIR/ex.err" &
EXP=$!
sleep 1
for a in $A4 $A6; do
	r=$(printf 'upper me\n' | inns $B socat -t 1 - TCP:$(echo $a | sed 's/.*:.*/[&]/'):8080 2>&1)
	[ "$r" = "UPPER ME" ] && ok "examples/tcp_server answers $a:8080" || bad "examples/tcp_server on $a: '$r' $(cat "$STK_DIR/ex.err")"
done
kill -INT $EXP 2>/dev/null
wait $EXP 2>/dev/null
[ -z "$(xdp_id $A $IA)" ] && [ "$(pins_of $A)" = 0 ] && ok "examples/tcp_server: SIGINT leaves nothing attached" ||
	{ bad "examples/tcp_server left prog '$(xdp_id $A $IA)', $(pins_of $A) pins"; x $A clean >/dev/null 2>&1; }

# 7. SIGKILL: what is left is what status shows and clean removes
stk_start tcp-echo 7000 || bad "restart"
expect_ok "echo after restart" peer echo $A6 7000 65536
stk_stop KILL
[ -n "$(xdp_id $A $IA)" ] && ok "SIGKILL leaves the steering program" || bad "nothing left after SIGKILL?"
x $A clean >/dev/null 2>&1
[ -z "$(xdp_id $A $IA)" ] && [ "$(pins_of $A)" = 0 ] && ok "xdpctl clean removes it and its pins" ||
	bad "after clean: prog '$(xdp_id $A $IA)', $(pins_of $A) pins"
