#!/bin/sh
# xdpctl gen: count and rate honored in both modes (live frames and AF_XDP),
# counted by our stats program on the peer; flows vary the source port;
# what arrives is valid for tshark with every checksum checked; -j gives the
# summary; bad descriptions are usage errors (exit 1) that send nothing; a
# missing interface exits 2; Ctrl-C stops a run cleanly and leaves no
# program behind.
SUITE=xdpctl-gen
. selftests/cli/lib.sh
need tshark
PY=/usr/bin/python3
TMP=$(mktemp -d)
gen_finish() {
	rc=$?
	[ -n "${TPID:-}" ] && kill "$TPID" 2>/dev/null
	rm -rf "$TMP"
	(exit $rc)
	t_finish
}
trap gen_finish EXIT

N=xkgn$$
mkpeer $N
ip -n $N addr add 10.23.0.1/24 dev $A
ip -n $N addr add fd23::1/64 dev $A nodad
ip -n ${N}b addr add 10.23.0.2/24 dev $B
ip -n ${N}b addr add fd23::2/64 dev $B nodad
# the peer counts what arrives (and, having XDP, takes XDP_TX frames)
nsenter --net=/run/netns/${N}b "$XDPCTL" attach stats dev $B >/dev/null || bad "attach stats on $B"
peer() {	# peer L4: packets of that class the peer's stats counted
	nsenter --net=/run/netns/${N}b "$XDPCTL" -j stats dev $B |
		$PY -c 'import json, sys
d = json.load(sys.stdin)
print(sum(r["packets"] for p in d["programs"] for r in p["protocols"]
          if r["l4"] == sys.argv[1]))' "$1"
}
peer udp >/dev/null 2>&1 || { bad "cannot read the peer's stats: $(nsenter --net=/run/netns/${N}b "$XDPCTL" -j stats dev $B 2>&1 | head -c 300)"; exit 1; }
gen() { nsenter --net=/run/netns/$N "$XDPCTL" "$@"; }

# 1. count and rate, both modes, counted on the peer
for mode in live xsk; do
	u0=$(peer udp)
	j=$(gen -j gen dev $A udp dst 10.23.0.2 dport 7 count 3000 rate 20000 flows 4 mode $mode)
	sleep 0.3
	u1=$(peer udp)
	r=$(echo "$j" | $PY -c '
import json, sys
d = json.load(sys.stdin)
ok = d["mode"] == sys.argv[1] and d["sent"] == 3000 and d["errors"] == 0 \
    and 0.14 <= d["seconds"] <= 0.2 and abs(d["pps"] - 20000) < 1000
print(("ok " if ok else "bad ") + "%s: sent %d in %.3f s (%.0f pps), errors %d" % (
    d["mode"], d["sent"], d["seconds"], d["pps"], d["errors"]))' $mode)
	case $r in ok*) ok "mode $mode, count 3000 rate 20000: ${r#ok }" ;; *) bad "mode $mode: ${r#bad } ($j)" ;; esac
	[ $((u1 - u0)) -eq 3000 ] && ok "mode $mode: the peer counted exactly 3000 UDP packets" ||
		bad "mode $mode: the peer counted $((u1 - u0)) UDP packets, want 3000"
done

# 2. what arrives: valid for tshark, every checksum right, flows as asked
amac=$(ip -n $N -j link show $A | $PY -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')
cap() {	# cap NAME COUNT FILTER gen-words...: capture on the peer what gen sends
	name=$1 n=$2 filt=$3
	shift 3
	nsenter --net=/run/netns/${N}b tshark -q -i $B -c $n -w "$TMP/$name.pcap" \
		-f "ether src $amac and $filt" >/dev/null 2>&1 &
	TPID=$!
	sleep 1.5 # tshark's capture is up
	gen gen dev $A "$@" count $n rate 2000 >/dev/null || bad "gen $*"
	i=0
	while kill -0 $TPID 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	kill $TPID 2>/dev/null
	TPID=""
}
# check_cap NAME COUNT WHAT FIELD WANT: COUNT packets, nothing malformed,
# no bad checksum, WANT distinct values of FIELD
check_cap() {
	f="$TMP/$1.pcap"
	got=$(tshark -r "$f" 2>/dev/null | wc -l)
	errs=$(tshark -r "$f" -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE \
		-o tcp.check_checksum:TRUE -o icmp.check_checksum:TRUE \
		-z expert,note -q 2>&1 | grep -ciE 'malformed|bad checksum|incorrect|error')
	distinct=$(tshark -r "$f" -T fields -e "$4" 2>/dev/null | sort -u | wc -l)
	[ "$got" -eq "$2" ] && [ "$errs" -eq 0 ] && [ "$distinct" -eq "$5" ] &&
		ok "$3: $got packets, nothing malformed, no bad checksum (tshark), $distinct distinct $4" ||
		bad "$3: $got packets (want $2), $errs expert complaints, $distinct distinct $4 (want $5)"
}
cap udp4 40 udp udp dst 10.23.0.2 dport 7 flows 8 size 200
check_cap udp4 40 "UDP/IPv4 by live frames, 200 bytes, 8 flows" udp.srcport 8
cap tcp6 30 tcp tcp dst fd23::2 dport 80 flags SA flows 3 mode xsk
check_cap tcp6 30 "TCP SYN-ACK/IPv6 by AF_XDP, 3 flows" tcp.srcport 3
cap icmp4 20 icmp icmp dst 10.23.0.2 size 120
check_cap icmp4 20 "ICMP echo/IPv4, 120 bytes" icmp.type 1
cap vlan 20 vlan udp dst 10.23.0.2 vlan 42 dmac 02:00:00:00:00:02
check_cap vlan 20 "UDP in VLAN 42 to a MAC given" vlan.id 1

# 3. bad descriptions: usage error (exit 1), nothing sent
u0=$(peer udp)
for words in "udp dst 10.23.0.300" "icmp dst 10.23.0.2 dport 5" "udp dst 10.23.0.2 src fd23::1" \
	"udp dst 10.23.0.2 size 3000" "udp dst 10.23.0.2 flags S" "tcp dst 10.23.0.2 flags X" \
	"ftp dst 10.23.0.2" "udp dst 10.23.0.2 sport 65535 flows 2" "udp dst 10.23.0.2 duration 0" \
	"udp dst 10.23.0.2 dmac 02:00:00:00:00" "udp dst 10.23.0.2 mode fast" "udp"; do
	# shellcheck disable=SC2086
	gen gen dev $A $words count 5 >/dev/null 2>"$TMP/err"
	rc=$?
	[ $rc -eq 1 ] && ok "'$words': exit 1 ($(head -1 "$TMP/err"))" || bad "'$words': exit $rc"
done
sleep 0.3
u1=$(peer udp)
[ "$u1" = "$u0" ] && ok "no bad description sent anything" || bad "bad descriptions sent $((u1 - u0)) packets"
gen gen dev xknosuch$$ udp dst 10.23.0.2 count 1 >/dev/null 2>&1
[ $? -eq 2 ] && ok "a missing interface: exit 2" || bad "a missing interface: not exit 2"
gen gen dev $A udp dst 10.23.0.77 count 1 >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] && grep -q dmac "$TMP/err" && ok "an address nobody answers: exit 2, says to give dmac" ||
	bad "unresolved neighbour: exit $rc, $(cat "$TMP/err")"

# 4. Ctrl-C: a clean stop, its summary, nothing left behind
# nsenter execs xdpctl: $! is its PID
nsenter --net=/run/netns/$N "$XDPCTL" -j gen dev $A udp dst 10.23.0.2 rate 1000 \
	>"$TMP/int.json" 2>/dev/null &
GP=$!
sleep 1
kill -INT $GP
wait $GP
rc=$?
r=$($PY -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["interrupted"], d["sent"])' "$TMP/int.json" 2>&1)
case $r in "True "*) [ $rc -eq 0 ] && ok "SIGINT: exit 0, summary says interrupted after ${r#True } frames" || bad "SIGINT: exit $rc" ;;
	*) bad "SIGINT: '$r' exit $rc" ;; esac
sleep 1 # the private namespace holding the sender goes asynchronously
left=$(bpftool prog show name xk_gen 2>/dev/null | grep -c xk_gen)
[ "$left" = 0 ] && ok "no xk_gen program left loaded" || bad "$left xk_gen programs left loaded"
