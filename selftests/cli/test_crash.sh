#!/bin/sh
# Crash safety: SIGKILL xdpctl attach 50 times at random points (half at
# the library's named crash points, half after a random delay), on every
# hook and on replaces. After each kill, status must work and account for
# everything on the interface (no program without its pin); after detach +
# clean, no program, link, qdisc or pin of ours may remain.
SUITE=xdpctl-crash
. "$(dirname "$0")/lib.sh"
need shuf
N=xkc$$
mkns $N
D=${N}0
ROUNDS=${ROUNDS:-50}
POINTS="xdp-pinned xdp-attached tc-marker tc-pinned tc-attached tcx-created tcx-pinned tcx-updated"
TCX=$(x $N -j status | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["tcx"])')
[ "$TCX" = True ] || echo "  note: no TCX in this kernel; tcx rounds use tc"

# the crash points exist only in the fault-injection build (build/fault)
XDPKIT_CRASH_AT=xdp-pinned nsenter --net=/run/netns/$N "$XDPCTL" attach "$PASS_OBJ" dev $D >/dev/null 2>&1
rc=$?
[ $rc = 137 ] && ok "the crash point kills xdpctl (SIGKILL)" ||
	{ bad "XDPKIT_CRASH_AT did not kill $XDPCTL (exit $rc): not the fault-injection build"; exit 1; }
x $N detach dev $D >/dev/null 2>&1
x $N clean >/dev/null 2>&1
# ... and never in the one we ship
XDPKIT_CRASH_AT=xdp-pinned nsenter --net=/run/netns/$N "$(pwd)/build/xdpctl" attach "$PASS_OBJ" dev $D >/dev/null 2>&1
rc=$?
[ $rc = 0 ] && ok "the shipped xdpctl has no crash points (attach completes)" ||
	bad "the shipped xdpctl: XDPKIT_CRASH_AT=xdp-pinned gave exit $rc"
x $N detach dev $D >/dev/null 2>&1

consistent() {	# status works; nothing attached lacks our pin
	x $N -j status dev $D | /usr/bin/python3 -c '
import json,sys
i=json.load(sys.stdin)["interfaces"][0]
bad=[p for p in i["programs"] if p["owner"]!="xdpkit"]
sys.exit(1 if bad else 0)'
}
empty() {	# kernel and bpffs both clean
	[ -z "$(xdp_id $N $D)" ] && [ -z "$(tc_ids $N $D ingress)$(tc_ids $N $D egress)" ] &&
	! inns $N tc qdisc show dev $D | grep -q clsact &&
	[ "$(st_field $N $D 'len(i["programs"])+len(i["stale_pins"])')" = 0 ] &&
	[ "$(pins_of $N)" = 0 ]
}

fails=0
i=0
while [ $i -lt "$ROUNDS" ]; do
	i=$((i + 1))
	case $((i % 5)) in
	0) hook="";;
	1) hook="tc ingress";;
	2) hook="tc egress";;
	3) hook=$([ "$TCX" = True ] && echo "tcx ingress" || echo "tc ingress");;
	4) hook="";;
	esac
	# every other round kills a replace of a program already ours
	[ $((i % 2)) = 0 ] && x $N attach pass dev $D $hook >/dev/null 2>&1
	if [ $((i % 4)) -lt 2 ]; then
		pt=$(echo $POINTS | tr ' ' '\n' | shuf -n 1)
		XDPKIT_CRASH_AT=$pt nsenter --net=/run/netns/$N "$XDPCTL" attach "$PASS_OBJ" dev $D $hook >/dev/null 2>&1
		how="at $pt"
	else
		nsenter --net=/run/netns/$N "$XDPCTL" attach "$PASS_OBJ" dev $D $hook >/dev/null 2>&1 &
		pid=$!
		ms=$(shuf -i 0-30 -n 1)
		sleep "0.0$(printf %02d "$ms")"
		kill -KILL $pid 2>/dev/null
		wait $pid 2>/dev/null
		how="after ${ms}ms"
	fi
	if ! consistent; then
		bad "round $i ($hook ${how}): status shows an unaccounted program"
		fails=$((fails + 1))
	fi
	x $N detach dev $D all >/dev/null 2>&1
	x $N clean >/dev/null 2>&1
	if ! empty; then
		bad "round $i (${hook:-xdp} killed $how): left something after detach+clean"
		x $N status dev $D
		fails=$((fails + 1))
		inns $N ip link set dev $D xdp off 2>/dev/null
		inns $N tc qdisc del dev $D clsact 2>/dev/null
	fi
done
[ $fails = 0 ] && ok "$ROUNDS SIGKILLed attaches: status consistent, detach+clean left nothing"

# clean alone must finish what a killed run left, without detaching
# anything that is properly attached.
XDPKIT_CRASH_AT=xdp-pinned nsenter --net=/run/netns/$N "$XDPCTL" attach pass dev $D >/dev/null 2>&1
[ "$(st_field $N $D 'len(i["stale_pins"])')" = 1 ] && ok "kill after pin: status shows the stale pin" || bad "kill after pin: no stale pin"
check "clean" x $N clean
empty && ok "clean removed it" || bad "clean left something"
check "attach" x $N attach pass dev $D tc ingress
XDPKIT_CRASH_AT=tc-attached nsenter --net=/run/netns/$N "$XDPCTL" attach "$PASS_OBJ" dev $D tc ingress >/dev/null 2>&1
[ "$(st_field $N $D '[p["owner"] for p in i["programs"]]')" = "['xdpkit']" ] && ok "kill mid-replace: the new program is ours" || bad "kill mid-replace: owner"
check "clean after a killed replace" x $N clean
[ "$(st_field $N $D 'len(i["programs"])')" = 1 ] && [ "$(st_field $N $D 'i["programs"][0]["pin"].endswith("@new")')" = False ] && ok "clean kept it attached and finished the rename" || bad "clean after replace"
check "detach" x $N detach dev $D
empty && ok "nothing left" || bad "something left"

# An XDP chain mid-change: killed after the new array is pinned, after the
# new root is pinned, after it is attached, or at a random moment. Status
# stays consistent (a chain's members are ours), clean leaves no stale pin
# and the chain on the hook is whole (the old one or the new one), and
# detach + clean leave nothing.
STATS_COPY=$(mktemp -d)
cp "$PASS_OBJ" "$STATS_COPY/third.bpf.o"
cfails=0
i=0
while [ $i -lt 12 ]; do
	i=$((i + 1))
	x $N attach pass dev $D priority 10 >/dev/null 2>&1
	x $N attach stats dev $D priority 20 >/dev/null 2>&1
	case $((i % 4)) in
	0) pt=chain-built ;;
	1) pt=xdp-pinned ;;
	2) pt=xdp-attached ;;
	3) pt="" ;;
	esac
	if [ -n "$pt" ]; then
		XDPKIT_CRASH_AT=$pt nsenter --net=/run/netns/$N "$XDPCTL" attach "$STATS_COPY/third.bpf.o" dev $D priority 30 >/dev/null 2>&1
		how="at $pt"
	else
		nsenter --net=/run/netns/$N "$XDPCTL" attach "$STATS_COPY/third.bpf.o" dev $D priority 30 >/dev/null 2>&1 &
		pid=$!
		ms=$(shuf -i 5-60 -n 1)
		sleep "0.0$(printf %02d "$ms")"
		kill -KILL $pid 2>/dev/null
		wait $pid 2>/dev/null
		how="after ${ms}ms"
	fi
	consistent || { bad "chain round $i ($how): status shows an unaccounted program"; cfails=$((cfails + 1)); }
	x $N clean >/dev/null 2>&1
	n=$(st_field $N $D 'len(i["stale_pins"])')
	m=$(st_field $N $D '" ".join(p["label"] for p in i["programs"])')
	case "$m" in
	"chain pass stats" | "chain pass stats third") ;;
	*) bad "chain round $i ($how): after clean the hook has '$m'"; cfails=$((cfails + 1)) ;;
	esac
	[ "$n" = 0 ] || { bad "chain round $i ($how): $n stale pins after clean"; cfails=$((cfails + 1)); }
	x $N detach dev $D all >/dev/null 2>&1
	x $N clean >/dev/null 2>&1
	empty || { bad "chain round $i ($how): left something after detach+clean"; cfails=$((cfails + 1)); }
done
rm -rf "$STATS_COPY"
[ $cfails = 0 ] && ok "12 SIGKILLed chain changes: status consistent, clean leaves a whole chain (old or new) and no stale pin, detach+clean nothing"
