#!/bin/sh
# Several programs on one XDP hook (xdpctl attach ... priority N chain-on
# ...): a chain of stats -> filter -> a user example (proto_count) runs in
# priority order, PASS continues, DROP stops, and every member's counts are
# exact under BPF_PROG_TEST_RUN and with real traffic over veth; a program
# not built with <xdpkit/prog.h> is refused anywhere but last; detach takes
# one member out and the last one is attached alone again; a steady UDP
# stream loses nothing and no packet runs a mix of two chains while the
# chain changes 200 times; with freplace working and a fixed libxdp
# (injected: this machine refuses freplace) attach goes to libxdp's
# dispatcher.
SUITE=xdpctl-chain
. selftests/cli/lib.sh
need tshark
PY=/usr/bin/python3
TMP=$(mktemp -d)
COUNT_OBJ=${COUNT_OBJ:-$(pwd)/build/examples/proto_count/proto_count.bpf.o}
ARP_OBJ=${ARP_OBJ:-$(pwd)/build/examples/arp_responder/arp_responder.bpf.o}
ch_finish() {
	rc=$?
	for p in ${GPID:-} ${RPID:-} ${CPID:-}; do kill "$p" 2>/dev/null; done
	rm -rf "$TMP"
	(exit $rc)
	t_finish
}
trap ch_finish EXIT

N=xkch$$
mkpeer $N
for ns in $N ${N}b; do # nothing but what the test sends
	inns $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1
done
ip -n $N addr add 10.31.0.1/24 dev $A
ip -n ${N}b addr add 10.31.0.2/24 dev $B
amac=$(ip -n $N -j link show $A | $PY -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')
bmac=$(ip -n ${N}b -j link show $B | $PY -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')
ip -n $N neigh replace 10.31.0.2 lladdr $bmac dev $A nud permanent
ip -n ${N}b neigh replace 10.31.0.1 lladdr $amac dev $B nud permanent
xb() { nsenter --net=/run/netns/${N}b "$XDPCTL" "$@"; }
# status of B as "label:pos:prio:on:pass:drop ..." in chain order
chain() {
	xb -j status dev $B | $PY -c '
import json, sys
ps = json.load(sys.stdin)["interfaces"][0]["programs"]
print(" ".join("%s:%d:%d:%s:%d:%d" % (p["label"], p["chain_position"],
      p["chain_priority"], ",".join(p["chain_on"]),
      p.get("verdicts", {}).get("pass", -1), p.get("verdicts", {}).get("drop", -1))
      for p in ps if p.get("chain_position")))'
}
root_pin() {
	xb -j status dev $B | $PY -c '
import json, sys
ps = json.load(sys.stdin)["interfaces"][0]["programs"]
print(" ".join(p["pin"] for p in ps if p["hook"] == "xdp" and p.get("pin")))'
}
# stats' and proto_count's UDP packet counts
udp_stats() {
	xb -j stats dev $B | $PY -c 'import json, sys
d = json.load(sys.stdin)
print(sum(r["packets"] for p in d["programs"] for r in p["protocols"] if r["l4"] == "udp"))'
}
udp_count() {
	xb -j map dump name proto_count dev $B | $PY -c '
import json, sys
d = json.load(sys.stdin)
es = d["entries"] if isinstance(d, dict) else d
print(sum(e["value"]["packets"] for e in es if e["key"]["l4_proto"] == 17))'
}

# 1. the chain, built by attach and filter add, in priority order
check "attach stats priority 20" xb attach stats dev $B priority 20
out=$(xb attach "$COUNT_OBJ" dev $B priority 40 2>&1) &&
	echo "$out" | grep -q "place 2 of 2" && ok "proto_count joins: $out" || bad "proto_count: $out"
out=$(xb filter add drop dev $B proto icmp 2>&1) && ok "filter add joins the chain: $(echo $out | tr '\n' ' ')" || bad "filter add: $out"
c=$(chain)
echo "$c" | grep -q "^stats:1:20:pass:0:0 proto_count:2:40:pass:0:0 filter:3:50:pass:0:0$" &&
	ok "status: stats (20), proto_count (40), filter (50), nothing counted yet" || bad "status chain: $c"
# the filter in the middle: priority 30, its rules kept (filter add found it)
check "attach filter priority 30 (the filter moves)" xb attach filter dev $B priority 30
# the same program again keeps its state: the rule is still there
r=$(xb -j filter list dev $B | $PY -c 'import json,sys; print(" ".join(r["rule"] for r in json.load(sys.stdin)["rules"]))')
[ "$r" = "proto icmp drop" ] && ok "the moved filter kept its rule ($r)" || bad "rules after the move: '$r'"
echo "$(chain)" | grep -q "^stats:1:20:pass:0:0 filter:2:30:pass:0:0 proto_count:3:40:pass:0:0$" &&
	ok "order by priority: stats, filter, proto_count" || bad "after the move: $(chain)"
pins=$(ls /sys/fs/bpf/xdpkit/$(ns_ino ${N}b)/*_$B/ | tr '\n' ' ')
[ "$pins" = "chainmap@$(echo $pins | sed -n 's/.*chainmap@\([0-9]*\).*/\1/p') xdp@chain " ] &&
	ok "pins: the root and its program array only ($pins)" || bad "pins: $pins"

# 2. BPF_PROG_TEST_RUN through the root: UDP passes all three, ICMP stops
# at the filter
$PY - "$TMP" $amac $bmac <<'EOF'
import sys
from scapy.all import Ether, IP, UDP, ICMP, raw
d, a, b = sys.argv[1:4]
e = Ether(src=a, dst=b)
open(d + "/udp.bin", "wb").write(raw(e / IP(src="10.31.0.1", dst="10.31.0.2") / UDP(sport=1234, dport=9000) / (b"x" * 18)))
open(d + "/icmp.bin", "wb").write(raw(e / IP(src="10.31.0.1", dst="10.31.0.2") / ICMP() / (b"y" * 18)))
EOF
root=$(root_pin)
r=$(bpftool prog run pinned "$root" data_in "$TMP/udp.bin" data_out "$TMP/o.bin" repeat 100 2>&1)
echo "$r" | grep -q "Return value: 2," && cmp -s "$TMP/udp.bin" "$TMP/o.bin" &&
	ok "test run, UDP x100: XDP_PASS, bytes unchanged" || bad "test run UDP: $r"
r=$(bpftool prog run pinned "$root" data_in "$TMP/icmp.bin" repeat 7 2>&1)
echo "$r" | grep -q "Return value: 1," && ok "test run, ICMP x7: XDP_DROP" || bad "test run ICMP: $r"
c=$(chain)
[ "$c" = "stats:1:20:pass:107:0 filter:2:30:pass:100:7 proto_count:3:40:pass:100:0" ] &&
	ok "verdicts per member: stats pass 107, filter pass 100 drop 7, proto_count pass 100 (the drop stopped the chain)" ||
	bad "verdicts after the test runs: $c"
u=$(udp_count)
[ "$u" = 100 ] && ok "proto_count's own map: 100 UDP" || bad "proto_count UDP: $u"

# 3. real traffic over veth: 500 UDP datagrams and 5 pings from A
xa() { nsenter --net=/run/netns/$N "$XDPCTL" "$@"; }
s0=$(udp_stats)
xa gen dev $A udp dst 10.31.0.2 dmac $bmac dport 9000 count 500 rate 20000 >/dev/null || bad "gen"
inns $N ping -c 5 -i 0.05 -W 1 10.31.0.2 >/dev/null 2>&1 && bad "ping got answers through a drop rule" || ok "ping: no answer (the filter drops ICMP)"
sleep 0.3
c=$(chain)
[ "$c" = "stats:1:20:pass:612:0 filter:2:30:pass:600:12 proto_count:3:40:pass:600:0" ] &&
	ok "over veth: stats saw 505 more, filter passed 500 and dropped 5, proto_count saw the 500" ||
	bad "verdicts after real traffic: $c"
s1=$(udp_stats)
[ $((s1 - s0)) = 500 ] && ok "stats' own map: +500 UDP" || bad "stats UDP $s0 -> $s1"
[ "$(udp_count)" = 600 ] && ok "proto_count's own map: 600 UDP" || bad "proto_count UDP: $(udp_count)"

# 3b. capture on the chain: the entry once, then each member's exit with
# its verdict; the drop is the last stage of an ICMP packet
nsenter --net=/run/netns/${N}b "$XDPCTL" capture dev $B count 2 -w "$TMP/ch.pcapng" \
	>"$TMP/cap.out" 2>"$TMP/cap.err" &
CPID=$!
sleep 0.7
xa gen dev $A udp dst 10.31.0.2 dmac $bmac dport 9000 count 1 >/dev/null || bad "gen 1"
inns $N ping -c 1 -W 1 10.31.0.2 >/dev/null 2>&1
i=0
while kill -0 $CPID 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill $CPID 2>/dev/null && bad "capture count 2 did not end by itself"
wait $CPID
CPID=""
r=$(tshark -r "$TMP/ch.pcapng" -T fields -e frame.interface_name -e frame.verdict.ebpf_xdp \
	-e ip.proto 2>/dev/null | tr '\t' ' ' | sed "s/$B/IF/" | tr '\n' '|')
want="IF  17|IF:stats 2 17|IF:filter 2 17|IF:proto_count 2 17|IF  1|IF:stats 2 1|IF:filter 1 1|"
[ "$r" = "$want" ] && ok "capture of the chain: UDP entry, stats/filter/proto_count PASS; ICMP entry, stats PASS, filter DROP and no further" ||
	bad "capture of the chain: '$r' (want '$want'; $(cat "$TMP/cap.err"))"

# 4. a program without the chain hook: last only
before=$(chain)
out=$(xb attach "$ARP_OBJ" dev $B priority 10 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "can only be last in a chain" &&
	[ "$(chain)" = "$before" ] &&
	ok "arp_responder at priority 10: exit 2, chain unchanged: $(echo "$out" | head -1)" ||
	bad "foreign first: rc $rc, $out"
out=$(xb attach "$ARP_OBJ" dev $B priority 90 2>&1) && echo "$out" | grep -q "place 4 of 4" &&
	ok "arp_responder at priority 90: last ($out)" || bad "foreign last: $out"
out=$(xb attach pass dev $B priority 95 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "'arp_responder' cannot call the program after it" &&
	ok "pass after it (95): refused, it would no longer be last" || bad "after foreign: rc $rc, $out"
xb status dev $B | grep -q "verdicts: none counted (not built with <xdpkit/prog.h>" &&
	ok "status: the foreign member counts nothing, and says why" || bad "status foreign: $(xb status dev $B)"
# an ARP request from A: the three pass it on, arp_responder answers (XDP_TX)
inns $N ip neigh del 10.31.0.2 dev $A
inns $N ping -c 1 -W 1 10.31.0.2 >/dev/null 2>&1
sleep 0.2
inns $N ip neigh show 10.31.0.2 dev $A | grep -q "$bmac" &&
	ok "ARP through the chain to arp_responder, answered with XDP_TX" ||
	bad "no ARP answer: $(inns $N ip neigh show dev $A)"
inns $N ip neigh replace 10.31.0.2 lladdr $bmac dev $A nud permanent

# 5. detach takes one out; the last one is alone again
check "detach arp_responder" xb detach dev $B arp_responder
out=$(xb detach dev $B proto_count) && [ "$(chain | wc -w)" = 2 ] &&
	ok "detach proto_count: 2 left ($(chain))" || bad "detach member: $out / $(chain)"
s0=$(udp_stats)
check "detach filter" xb detach dev $B filter
p=$(root_pin)
case "$p" in */xdp@stats) ok "stats alone again, pinned as xdp@stats" ;; *) bad "after the last detach: $p" ;; esac
[ "$(udp_stats)" = "$s0" ] && ok "stats' counts survived every change ($s0 UDP)" || bad "stats counts $s0 -> $(udp_stats)"
check "attach stats again (alone, the same program)" xb attach stats dev $B
[ "$(udp_stats)" = "$s0" ] && ok "re-attached, stats kept its counts ($s0 UDP)" || bad "stats counts after re-attach: $(udp_stats)"
pins=$(ls /sys/fs/bpf/xdpkit/$(ns_ino ${N}b)/*_$B/ | tr '\n' ' ')
[ "$pins" = "xdp@stats " ] && ok "no chain pins left ($pins)" || bad "pins left: $pins"
out=$(xb detach dev $B nosuch 2>&1); rc=$?
[ $rc = 2 ] && ok "detach of a program not there: exit 2" || bad "detach nosuch: $rc $out"

# 6. atomic changes: a steady stream, the chain rebuilt 200 times
check "attach filter priority 30" xb attach filter dev $B priority 30
check "attach proto_count priority 40" xb attach "$COUNT_OBJ" dev $B priority 40
s0=$(udp_stats)
u0=$(udp_count)
p0=$(chain)
nsenter --net=/run/netns/${N}b $PY -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
s.bind(("10.31.0.2", 9000))
open(sys.argv[1], "w").write("up")
n = 0
s.settimeout(30)
try:
    while True:
        s.recv(2048)
        n += 1
        s.settimeout(2)
except socket.timeout:
    pass
open(sys.argv[2], "w").write(str(n))' "$TMP/rx.up" "$TMP/rx.n" &
RPID=$!
while [ ! -f "$TMP/rx.up" ]; do sleep 0.05; done
nsenter --net=/run/netns/$N "$XDPCTL" -j gen dev $A udp dst 10.31.0.2 dmac $bmac \
	dport 9000 rate 4000 duration 600 >"$TMP/gen.json" 2>"$TMP/gen.err" &
GPID=$!
sleep 0.3
t0=$(date +%s.%N)
fails=0
i=0
while [ $i -lt 100 ]; do
	xb attach pass dev $B priority 25 >/dev/null 2>"$TMP/ch.err" || fails=$((fails + 1))
	xb detach dev $B pass >/dev/null 2>>"$TMP/ch.err" || fails=$((fails + 1))
	i=$((i + 1))
done
t1=$(date +%s.%N)
sleep 0.3
kill -INT $GPID
wait $GPID
GPID=""
wait $RPID
RPID=""
sent=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["sent"])' "$TMP/gen.json" 2>/dev/null)
got=$(cat "$TMP/rx.n" 2>/dev/null)
[ $fails = 0 ] && ok "200 changes in $($PY -c "print('%.1f' % ($t1 - $t0))") s, none failed" ||
	bad "$fails of 200 changes failed: $(head -3 "$TMP/ch.err")"
[ -n "$sent" ] && [ "$sent" -gt 1000 ] && [ "$got" = "$sent" ] &&
	ok "the stream: $sent sent, $got received by the socket: nothing lost" ||
	bad "the stream: sent '$sent', received '$got' ($(cat "$TMP/gen.err"))"
c=$(chain)
s1=$(udp_stats)
u1=$(udp_count)
[ $((s1 - s0)) = "$sent" ] && [ $((u1 - u0)) = "$sent" ] &&
	ok "stats and proto_count each counted every datagram once ($sent): no packet skipped or ran a member twice" ||
	bad "counted: stats +$((s1 - s0)), proto_count +$((u1 - u0)), sent $sent"
fp0=$(echo "$p0" | tr ' ' '\n' | grep ^filter | cut -d: -f5)
fp1=$(echo "$c" | tr ' ' '\n' | grep ^filter | cut -d: -f5)
[ $((fp1 - fp0)) = "$sent" ] && ok "filter's pass verdicts: +$sent" || bad "filter pass $fp0 -> $fp1 (sent $sent)"
pins=$(ls /sys/fs/bpf/xdpkit/$(ns_ino ${N}b)/*_$B/ | grep -c chainmap)
[ "$pins" = 1 ] && ok "one program array pinned after 200 swaps" || bad "$pins chainmap pins"
n=$(bpftool prog show 2>/dev/null | grep -c "name xk_pass_xdp")
[ "$n" = 0 ] && ok "no instance of pass left loaded" || bad "$n pass instances left"

# 7. where freplace works and libxdp runs changed packets: the dispatcher
out=$(XDPKIT_TEST_FREPLACE=works XDPKIT_TEST_LIBXDP=1.5.5 xb -j status dev $B)
echo "$out" | grep -q '"xdp_multiprog":"libxdp-dispatcher"' &&
	ok "injected freplace + libxdp 1.5.5: status picks libxdp's dispatcher" || bad "status injected: $out"
out=$(XDPKIT_TEST_FREPLACE=works XDPKIT_TEST_LIBXDP=1.3.1 xb -j status dev $B)
echo "$out" | grep -q '"xdp_multiprog":"xdpkit-chain"' && echo "$out" | grep -q "cannot run programs that change packet data" &&
	ok "injected freplace + libxdp 1.3.1: the xdpkit chain, and why" || bad "status 1.3.1: $out"
before=$(chain)
out=$(XDPKIT_TEST_FREPLACE=works XDPKIT_TEST_LIBXDP=1.5.5 xb attach pass dev $B priority 10 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "libxdp's dispatcher could not attach 'pass'" && [ "$(chain)" = "$before" ] &&
	ok "attach went to libxdp's dispatcher (refused here: $(echo "$out" | head -1 | cut -c1-120)...), chain unchanged" ||
	bad "dispatcher attach: rc $rc $out"

# 8. bad input
out=$(xb attach pass dev $B chain-on pass,maybe 2>&1); rc=$?
[ $rc = 1 ] && ok "chain-on pass,maybe: usage error" || bad "chain-on bad: $rc"
out=$(xb attach pass dev $B priority 0 2>&1); rc=$?
[ $rc = 1 ] && ok "priority 0: usage error" || bad "priority 0: $rc"
out=$(xb attach pass dev $B tc ingress priority 5 2>&1); rc=$?
[ $rc = 1 ] && ok "priority on tc: usage error" || bad "priority tc: $rc"
check "detach all" xb detach dev $B
pins=$(ls /sys/fs/bpf/xdpkit/$(ns_ino ${N}b)/ 2>/dev/null | wc -l)
[ "$pins" = 0 ] && ok "detach all: no pins left" || bad "pins left after detach all"
# an empty hook with the dispatcher chosen: libxdp loads its dispatcher,
# which this machine refuses; nothing is left attached
out=$(XDPKIT_TEST_FREPLACE=works XDPKIT_TEST_LIBXDP=1.5.5 xb attach stats dev $B 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "libxdp's dispatcher could not attach 'stats'" && [ -z "$(xdp_id ${N}b $B)" ] &&
	ok "empty hook, dispatcher chosen: libxdp tried and was refused here, nothing attached ($(echo "$out" | head -1 | cut -c1-110)...)" ||
	bad "dispatcher on an empty hook: rc $rc $out, xdp id '$(xdp_id ${N}b $B)'"
