#!/bin/sh
# Concurrency: two loops attach and detach on one interface for 30 s (one
# via the shipped program on XDP + tc ingress, one via the object file on
# XDP + tc egress). xdpctl serializes on libxdp's bpffs lock, so every run
# must succeed or fail cleanly, and the final state must match the kernel.
SUITE=xdpctl-concurrency
. "$(dirname "$0")/lib.sh"
N=xkk$$
mkns $N
D=${N}0
SECS=${SECS:-30}
LOG=$(mktemp -d /tmp/xkconc.XXXXXX)

loop() {	# ID PROG TCDIR
	end=$(($(date +%s) + SECS))
	n=0
	while [ "$(date +%s)" -lt $end ]; do
		for a in "attach $2 dev $D" "attach $2 dev $D tc $3" "detach dev $D xdp" "attach $2 dev $D" "detach dev $D tc $3"; do
			out=$(nsenter --net=/run/netns/$N "$XDPCTL" $a 2>&1); rc=$?
			n=$((n + 1))
			case $rc in
			0) ;;
			2) echo "$out" | grep -q "has no program of ours" || echo "rc=2 '$a': $out" >> "$LOG/$1.err";;
			*) echo "rc=$rc '$a': $out" >> "$LOG/$1.err";;
			esac
		done
	done
	echo $n > "$LOG/$1.n"
}
loop A pass ingress &
pa=$!
loop B "$PASS_OBJ" egress &
pb=$!
wait $pa $pb
runs=$(($(cat "$LOG/A.n") + $(cat "$LOG/B.n")))
if [ -s "$LOG/A.err" ] || [ -s "$LOG/B.err" ]; then
	bad "unexpected failures:"; cat "$LOG"/*.err | head -5
else
	ok "$runs xdpctl runs in ${SECS}s, each succeeded or said 'nothing of ours'"
fi

# final state: status agrees with ip, tc; everything is ours; no stale pins
sid=$(st_field $N $D '",".join(str(p["id"]) for p in i["programs"] if p["hook"]=="xdp")')
[ "$sid" = "$(xdp_id $N $D)" ] && ok "status XDP id '$sid' matches ip -j link" || bad "status XDP '$sid' vs ip '$(xdp_id $N $D)'"
for dir in ingress egress; do
	sid=$(st_field $N $D '" ".join(str(p["id"]) for p in i["programs"] if p["hook"]=="tc '$dir'")')
	tid=$(tc_ids $N $D $dir)
	[ "$sid" = "$(echo $tid)" ] && ok "status tc $dir '$sid' matches tc filter show" || bad "status tc $dir '$sid' vs tc '$tid'"
done
[ "$(st_field $N $D 'all(p["owner"]=="xdpkit" for p in i["programs"]) and not i["stale_pins"]')" = True ] &&
	ok "everything attached is ours, no stale pins" || bad "foreign or stale state after the loops"
check "detach all" x $N detach dev $D all
check "clean" x $N clean
[ "$(pins_of $N)" = 0 ] && [ -z "$(xdp_id $N $D)" ] && ok "nothing left" || bad "left state behind"
rm -rf "$LOG"
