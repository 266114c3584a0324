#!/bin/sh
# Reproductions of defects found by an outside test campaign (issue 10):
# each case failed before its fix.
SUITE=xdpctl-hardening
. "$(dirname "$0")/lib.sh"
need unshare
N=xkh$$
mkns $N
D=${N}0

# 1. iproute2's /sys/fs/bpf/xdp -> tc/ left dangling (someone removed tc/):
# every command still works, and the lock directory comes back. On a
# private bpffs in a private mount namespace: the host's stays untouched.
out=$(unshare --mount --propagation private sh -c '
	mount -t bpf bpf /sys/fs/bpf || exit 9
	ln -s /sys/fs/bpf/tc/ /sys/fs/bpf/xdp
	nsenter --net=/run/netns/'$N' "'"$XDPCTL"'" -j status dev '$D' >/dev/null || exit 1
	nsenter --net=/run/netns/'$N' "'"$XDPCTL"'" attach pass dev '$D' >/dev/null || exit 2
	nsenter --net=/run/netns/'$N' "'"$XDPCTL"'" detach dev '$D' >/dev/null || exit 3
	nsenter --net=/run/netns/'$N' "'"$XDPCTL"'" clean >/dev/null || exit 4
	[ -d /sys/fs/bpf/tc ] && [ -d /sys/fs/bpf/xdp ] || exit 5
	echo fine' 2>&1) || out="$out (step $?)"
[ "$out" = fine ] && ok "dangling /sys/fs/bpf/xdp: status, attach, detach, clean work; tc/ recreated" ||
	bad "dangling /sys/fs/bpf/xdp: $out"

# 2. A stored rule with a prefix length past its family's bits (written by
# hand into the map): the next add refuses with a message naming the rule
# (it used to overflow the planner's table: exit 139), changes nothing, and
# the bad rule can be deleted.
nrules() { x $N -j filter list dev $D | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["rules"]))'; }
x $N filter add dev $D src 10.0.0.0/8 drop >/dev/null 2>&1
x $N map set name xk_filter_rules dev $D key 1 value src_len=200 >/dev/null 2>&1
out=$(x $N filter add dev $D src 10.1.0.0/16 drop 2>&1); rc=$?
[ $rc = 2 ] && printf '%s' "$out" | grep -q "rule 1 .*invalid (src_len 200 > 32)" &&
	ok "add beside a stored rule with src_len 200: exit 2, names rule 1" ||
	bad "add beside a bad stored rule: exit $rc: $out"
check "the bad rule can be deleted" x $N filter del dev $D id 1
check "then add works again" x $N filter add dev $D src 10.1.0.0/16 drop
[ "$(nrules)" = 1 ] && ok "one rule left" || bad "rules: $(nrules)"

# 3. Concurrent adds: none lost.
( for i in $(seq 1 20); do x $N filter add dev $D src 10.2.$i.0/24 drop >/dev/null 2>&1 || echo fail; done ) > /tmp/xkh$$.a &
pa=$!
( for i in $(seq 1 20); do x $N filter add dev $D src 10.3.$i.0/24 drop >/dev/null 2>&1 || echo fail; done ) > /tmp/xkh$$.b &
pb=$!
wait $pa $pb
[ ! -s /tmp/xkh$$.a ] && [ ! -s /tmp/xkh$$.b ] && ok "40 concurrent adds all exit 0" || bad "concurrent adds failed: $(cat /tmp/xkh$$.a /tmp/xkh$$.b | wc -l)"
rm -f /tmp/xkh$$.a /tmp/xkh$$.b
[ "$(nrules)" = 41 ] && ok "41 rules after 40 concurrent adds" || bad "rules after concurrent adds: $(nrules) (want 41)"
x $N detach dev $D >/dev/null 2>&1

# 4. A namespace held only by a process (no /run/netns mount): clean run
# inside a PID namespace, which cannot see that process, leaves its pins
# alone and says why; clean on the host sees the holder; once the holder is
# gone, clean removes them.
H=xkhp$$
unshare --net sh -c "ip link add ${H}a type veth peer name ${H}b && ip link set ${H}a up && ip link set ${H}b up && exec sleep 120" &
holder=$!
for i in $(seq 50); do nsenter --net --target $holder ip link show ${H}a >/dev/null 2>&1 && break; sleep 0.1; done
hino=$(stat -L -c %i /proc/$holder/ns/net)
nsenter --net --target $holder "$XDPCTL" attach pass dev ${H}a >/dev/null 2>&1
nsenter --net --target $holder "$XDPCTL" detach dev ${H}a >/dev/null 2>&1
# a stale pin as a crash would leave: the state dir alone stays
(umask 077; mkdir -p /sys/fs/bpf/xdpkit/$hino/999)
[ -d /sys/fs/bpf/xdpkit/$hino ] && ok "state of the process-held namespace exists" || bad "no state dir for $hino"
out=$(unshare --pid --fork --mount-proc "$XDPCTL" -j clean 2>&1)
printf '%s' "$out" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["netns_unseen"]>=1, d' &&
	[ -d /sys/fs/bpf/xdpkit/$hino ] && ok "clean inside a PID namespace leaves it alone, says netns_unseen" ||
	bad "clean inside a PID namespace: $out; dir there: $([ -d /sys/fs/bpf/xdpkit/$hino ] && echo yes || echo no)"
out=$(unshare --pid --fork --mount-proc "$XDPCTL" clean 2>&1)
printf '%s' "$out" | grep -q "cannot be seen; run clean from the host" && ok "and says why in text" || bad "text: $out"
"$XDPCTL" clean >/dev/null 2>&1
[ -d /sys/fs/bpf/xdpkit/$hino ] && ok "clean on the host sees the holder: left alone" || bad "host clean removed a live namespace's state"
kill $holder; wait $holder 2>/dev/null
"$XDPCTL" clean >/dev/null 2>&1
[ ! -d /sys/fs/bpf/xdpkit/$hino ] && ok "holder gone: clean removes the state" || { bad "state left after the holder died"; rm -rf /sys/fs/bpf/xdpkit/$hino; }

# 5. A running stack's steering program is not silently taken: attach and
# detach refuse (exit 2, naming the stack's pid) and change nothing; with
# 'force' they go ahead and the stack notices, says so and stops (exit 2).
# A stack on port 0 says the port the kernel chose.
SERR=$(mktemp)
nsenter --net=/run/netns/$N "$XDPCTL" stack dev $D udp-echo 0 2>"$SERR" >/dev/null &
spid=$!
for i in $(seq 100); do grep -q "^xdpctl stack: udp-echo" "$SERR" && break; sleep 0.05; done
grep -q "^xdpctl stack: udp-echo port [1-9][0-9]* on $D:" "$SERR" &&
	ok "udp-echo 0 says the port the kernel chose: $(grep -o 'port [0-9]*' "$SERR")" ||
	bad "udp-echo 0 banner: $(cat "$SERR")"
sid=$(xdp_id $N $D)
out=$(x $N attach pass dev $D 2>&1); rc=$?
[ $rc = 2 ] && printf '%s' "$out" | grep -q "steers for a running stack (pid $spid)" &&
	[ "$(xdp_id $N $D)" = "$sid" ] && ok "attach over a running stack: exit 2, names pid $spid, nothing changed" ||
	bad "attach over a running stack: exit $rc: $out"
out=$(x $N detach dev $D 2>&1); rc=$?
[ $rc = 2 ] && printf '%s' "$out" | grep -q "add 'force'" && [ "$(xdp_id $N $D)" = "$sid" ] &&
	ok "detach under a running stack: exit 2, says 'force', nothing changed" ||
	bad "detach under a running stack: exit $rc: $out"
kill -0 $spid 2>/dev/null && ok "the stack still runs" || bad "the stack died"
check "detach ... force goes ahead" x $N detach dev $D force
for i in $(seq 60); do kill -0 $spid 2>/dev/null || break; sleep 0.05; done
wait $spid; rc=$?
[ $rc = 2 ] && grep -q "was detached by someone else.*stopping" "$SERR" &&
	ok "the stack noticed and stopped: exit 2, says why" ||
	{ bad "stack after a forced detach: exit $rc: $(tail -2 "$SERR")"; kill $spid 2>/dev/null; }
rm -f "$SERR"

# 6. Messages that name the real problem: a pinned map path outside a
# bpffs; no bpffs mounted (not blamed on ip netns exec); ip netns exec
# named when it is the cause.
out=$(x $N map dump pinned /etc/passwd 2>&1); rc=$?
[ $rc = 2 ] && printf '%s' "$out" | grep -q "is not on a bpffs" && ok "map pinned /etc/passwd: exit 2, not on a bpffs" ||
	bad "map pinned /etc/passwd: exit $rc: $out"
out=$(unshare --mount --propagation private sh -c "umount /sys/fs/bpf; nsenter --net=/run/netns/$N '$XDPCTL' attach pass dev $D" 2>&1); rc=$?
[ $rc = 2 ] && printf '%s' "$out" | grep -q "mount one with 'mount -t bpf bpf /sys/fs/bpf'" &&
	! printf '%s' "$out" | grep -q "netns exec" && ok "no bpffs mounted: says mount one, not ip netns exec" ||
	bad "no bpffs: exit $rc: $out"
out=$(ip netns exec $N "$XDPCTL" attach pass dev $D 2>&1); rc=$?
[ $rc = 2 ] && printf '%s' "$out" | grep -q "'ip netns exec' hides the host's; run 'nsenter --net=/run/netns/$N" &&
	ok "ip netns exec: named, with the nsenter line for this namespace" || bad "ip netns exec: exit $rc: $out"
