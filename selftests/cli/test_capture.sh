#!/bin/sh
# xdpctl capture: tshark reads what it writes; every packet sent is there
# once as it entered and once as our program left it, with the verdict;
# the filter selects what tcpdump selects; snaplen and count are honored;
# tc ingress and XDP in skb mode too; Ctrl-C leaves the hook off; a killed
# capture's hook is taken over; a program without the hook, a hook without
# a program and a bad filter are refused, changing nothing.
SUITE=xdpctl-capture
. selftests/cli/lib.sh
need tshark tcpdump
PY=/usr/bin/python3
TMP=$(mktemp -d)
ARP_OBJ=${ARP_OBJ:-$(pwd)/build/examples/arp_responder/arp_responder.bpf.o}
cap_finish() {
	rc=$?
	for p in ${CPID:-}; do kill "$p" 2>/dev/null; done
	rm -rf "$TMP"
	(exit $rc)
	t_finish
}
trap cap_finish EXIT

N=xkcp$$
mkpeer $N
ip -n $N addr add 10.25.0.1/24 dev $A
ip -n ${N}b addr add 10.25.0.2/24 dev $B
xb() { nsenter --net=/run/netns/${N}b "$XDPCTL" "$@"; }
gen() { nsenter --net=/run/netns/$N "$XDPCTL" gen dev $A "$@" rate 2000 >/dev/null || bad "gen $*"; }
# capture NAME ARGS...: in the background (nsenter execs xdpctl: $! is it)
capture() {
	name=$1
	shift
	nsenter --net=/run/netns/${N}b "$XDPCTL" capture dev $B "$@" \
		>"$TMP/$name.out" 2>"$TMP/$name.err" &
	CPID=$!
	sleep 0.7 # the perf buffer is up and the hook on
}
# wait_cap: the capture's exit status (it ends by its count)
wait_cap() {
	i=0
	while kill -0 $CPID 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	kill $CPID 2>/dev/null
	wait $CPID
	rc=$?
	CPID=""
	return $rc
}
# the snap length in the hook's switch (map .data.xk_cap) of B's program
snap_now() {
	id=$(xb -j status dev $B | $PY -c 'import json,sys
d = json.load(sys.stdin)
print([p["id"] for i in d["interfaces"] for p in i["programs"] if p["hook"] == "xdp"][0])')
	for m in $(bpftool -j prog show id $id | $PY -c 'import json,sys; print(" ".join(map(str, json.load(sys.stdin)["map_ids"])))'); do
		bpftool -j map show id $m | grep -q '"name":".data.xk_cap"' || continue
		bpftool -j map lookup id $m key 0 0 0 0 | $PY -c 'import json,sys
v = json.load(sys.stdin)["value"]
print(int.from_bytes(bytes(int(x, 16) for x in v[:4]), "little"))'
	done
}
records() { tshark -r "$1" 2>/dev/null | wc -l; }

xb attach stats dev $B >/dev/null || { bad "attach stats on $B"; exit 1; }

# 1. every packet once per stage, the verdict on the program's stage
# (udp: the link's own IPv6 chatter stays out)
capture all -w "$TMP/all.pcapng" count 20 udp
gen udp dst 10.25.0.2 dport 7 count 20 flows 20
wait_cap && ok "count 20: the capture ended by itself, exit 0" || bad "count 20: exit $?: $(cat "$TMP/all.err")"
r=$(tshark -r "$TMP/all.pcapng" -T fields -e frame.interface_name -e frame.verdict.ebpf_xdp \
	-e udp.srcport 2>"$TMP/tshark.err" | $PY -c '
import collections, sys
rows = [l.rstrip("\n").split("\t") for l in sys.stdin if l.strip()]
entry = [r for r in rows if ":" not in r[0]]
exit_ = [r for r in rows if ":" in r[0]]
ports = collections.Counter(r[2] for r in rows)
ok = len(entry) == 20 and len(exit_) == 20 and all(r[1] == "2" for r in exit_) \
    and all(r[1] == "" for r in entry) and len(ports) == 20 and set(ports.values()) == {2}
print(("ok " if ok else "bad ") + "%d entry records, %d exit records (%s), %d flows each seen %s" % (
    len(entry), len(exit_), ",".join(sorted(set(r[1] for r in exit_))), len(ports),
    "/".join(str(v) for v in sorted(set(ports.values())))))')
case $r in ok*) ok "tshark reads it: ${r#ok }, verdict XDP_PASS on every exit" ;; *) bad "records: ${r#bad } $(head -2 "$TMP/tshark.err")" ;; esac
[ "$(snap_now)" = 0 ] && ok "the hook is off again" || bad "the hook is still on: snap $(snap_now)"

# 2. the filter selects what tcpdump selects
capture mix -w "$TMP/mix.pcapng" count 30
gen udp dst 10.25.0.2 dport 7 count 10
gen udp dst 10.25.0.2 dport 8 count 10
gen tcp dst 10.25.0.2 dport 7 count 10
wait_cap || bad "the unfiltered capture: exit $?"
capture flt -w "$TMP/flt.pcapng" count 10 udp port 7
gen udp dst 10.25.0.2 dport 8 count 10
gen tcp dst 10.25.0.2 dport 7 count 10
gen udp dst 10.25.0.2 dport 7 count 10
wait_cap || bad "the filtered capture: exit $?: $(cat "$TMP/flt.err")"
want=$(tcpdump -r "$TMP/mix.pcapng" 'udp port 7' 2>/dev/null | wc -l)
got=$(records "$TMP/flt.pcapng")
mine=$(tcpdump -r "$TMP/flt.pcapng" 'udp port 7' 2>/dev/null | wc -l)
[ "$want" = 20 ] && [ "$got" = 20 ] && [ "$mine" = 20 ] &&
	ok "filter 'udp port 7': $got records, as tcpdump selects $want from the unfiltered capture of the same mix" ||
	bad "filter: captured $got records ($mine match for tcpdump), tcpdump selects $want of the mix"
n=$(sed -n 's/.* \([0-9]*\) filtered out/\1/p' "$TMP/flt.err")
[ "${n:-0}" -ge 20 ] && ok "the other packets counted as filtered out ($n: our 20 and the link's own)" || bad "summary: $(cat "$TMP/flt.err")"

# 3. snaplen
capture snap -w "$TMP/snap.pcapng" count 3 snaplen 60
gen udp dst 10.25.0.2 dport 7 count 3 size 300
wait_cap
r=$(tshark -r "$TMP/snap.pcapng" -T fields -e frame.cap_len -e frame.len 2>/dev/null | sort -u | tr '\t\n' ' ')
[ "$r" = "60 300 " ] && ok "snaplen 60: 6 records of 60 of 300 bytes" || bad "snaplen 60: '$r'"

# 4. lines on stdout, and JSON
capture lines count 2
gen udp dst 10.25.0.2 dport 9 count 2
wait_cap
n=$(grep -c 'XDP_PASS' "$TMP/lines.out")
[ "$n" = 2 ] && grep -q '10.25.0.1.10000 > 10.25.0.2.9 udp' "$TMP/lines.out" &&
	ok "without -w: one line per record ($(head -1 "$TMP/lines.out" | cut -c17-))" ||
	bad "lines: $(head -3 "$TMP/lines.out")"
nsenter --net=/run/netns/${N}b "$XDPCTL" -j capture dev $B count 1 >"$TMP/j.out" 2>/dev/null &
CPID=$!
sleep 0.7
gen udp dst 10.25.0.2 dport 9 count 1
wait_cap
r=$($PY -c 'import json,sys; d = json.load(open(sys.argv[1])); print(d["captured"], len(d["packets"]), d["packets"][1]["verdict"])' "$TMP/j.out" 2>&1)
[ "$r" = "1 2 XDP_PASS" ] && ok "-j: one packet, two records, the verdict" || bad "-j: $r"

# 5. tc ingress (its own program), XDP in skb mode
xb attach stats dev $B tc ingress >/dev/null || bad "attach stats tc ingress"
capture tc -w "$TMP/tc.pcapng" tc ingress count 3
gen udp dst 10.25.0.2 dport 7 count 3
wait_cap
r=$(tshark -r "$TMP/tc.pcapng" -T fields -e frame.verdict.ebpf_tc 2>/dev/null | sort | uniq -c | tr -s ' \n' ' ')
[ "$r" = " 3 3 0 " ] && ok "tc ingress: 3 entry records, 3 with verdict TC_ACT_OK" || bad "tc ingress: '$r'"
xb detach dev $B >/dev/null
xb attach stats dev $B mode skb >/dev/null || bad "attach stats in skb mode"
capture skb -w "$TMP/skb.pcapng" count 3
# skb mode: a kernel sender (XDP_TX from live frames needs native XDP)
nsenter --net=/run/netns/$N "$XDPCTL" gen dev $A udp dst 10.25.0.2 dport 7 count 3 rate 2000 mode xsk >/dev/null
wait_cap
r=$(tshark -r "$TMP/skb.pcapng" -T fields -e frame.verdict.ebpf_xdp 2>/dev/null | sort | uniq -c | tr -s ' \n' ' ')
[ "$r" = " 3 3 2 " ] && ok "XDP in skb mode: 3 entry records, 3 with XDP_PASS" || bad "skb mode: '$r'"
xb detach dev $B >/dev/null
xb attach stats dev $B >/dev/null || bad "attach stats (native) again"

# 6. Ctrl-C, and a killed capture (clean, or the next capture, turn it off)
capture int -w "$TMP/int.pcapng" udp
gen udp dst 10.25.0.2 dport 7 count 5
sleep 0.3 # the peer's NAPI has run the program on them
kill -INT $CPID
wait_cap && ok "SIGINT: exit 0" || bad "SIGINT: exit $?"
[ "$(records "$TMP/int.pcapng")" = 10 ] && ok "the interrupted file holds its 10 records" ||
	bad "interrupted file: $(records "$TMP/int.pcapng") records"
[ "$(snap_now)" = 0 ] && ok "after SIGINT the hook is off" || bad "after SIGINT: snap $(snap_now)"
capture killed -w "$TMP/k.pcapng"
kill -KILL $CPID
wait $CPID 2>/dev/null
CPID=""
[ "$(snap_now)" != 0 ] && ok "SIGKILL left the hook on (snap $(snap_now))" || bad "SIGKILL: the hook is off?"
r=$(xb clean 2>&1)
case $r in *"turned off 1 capture hook"*) [ "$(snap_now)" = 0 ] && ok "xdpctl clean turns it off: $(echo "$r" | grep capture)" ||
	bad "clean said so, but snap $(snap_now)" ;; *) bad "clean: $r" ;; esac
capture killed2 -w "$TMP/k2.pcapng"
kill -KILL $CPID
wait $CPID 2>/dev/null
CPID=""
capture again -w "$TMP/again.pcapng" count 2 udp
gen udp dst 10.25.0.2 dport 7 count 2
wait_cap && [ "$(records "$TMP/again.pcapng")" = 4 ] && [ "$(snap_now)" = 0 ] &&
	ok "the next capture takes over a killed one's hook, and turns it off" ||
	bad "after a killed capture: $(cat "$TMP/again.err")"

# 7. refusals change nothing
xb capture dev $B count 1 'udp and (' >/dev/null 2>&1
[ $? = 1 ] && ok "a bad filter: exit 1" || bad "a bad filter: not exit 1"
xb capture dev $B tc egress count 1 >/dev/null 2>"$TMP/e"
[ $? = 2 ] && ok "no program on tc egress: exit 2 ($(cat "$TMP/e"))" || bad "tc egress: $(cat "$TMP/e")"
xb detach dev $B >/dev/null
xb attach "$ARP_OBJ" dev $B >/dev/null || bad "attach arp_responder"
xb capture dev $B count 1 >/dev/null 2>"$TMP/e"
[ $? = 2 ] && grep -q 'no capture hook' "$TMP/e" && ok "a program without the hook: exit 2 ($(cat "$TMP/e" | cut -c1-90)...)" ||
	bad "arp_responder: $(cat "$TMP/e")"
