#!/bin/sh
# The pin root: --pin-root DIR and $XDPKIT_PIN_ROOT put xdpctl's state
# under DIR (tests and containers keep theirs apart); anything not on a
# bpffs, or inside iproute2's/libxdp's directories, is refused before
# anything is attached.
SUITE=pinroot
. selftests/cli/lib.sh

N=xkpr$$
D=${N}0
ALT=/sys/fs/bpf/xdpkit/xkpr$$alt
made_top=""
[ -d /sys/fs/bpf/xdpkit ] || made_top=1
cleanup_alt() {
	rc=$?
	for dev in $D; do
		[ -e /run/netns/$N ] && XDPKIT_PIN_ROOT=$ALT x $N detach dev $dev >/dev/null 2>&1
	done
	rm -rf "$ALT"
	[ -n "$made_top" ] && rmdir /sys/fs/bpf/xdpkit 2>/dev/null
	(exit $rc) # the suite's own status, for t_finish
	t_finish
}
trap cleanup_alt EXIT
mkns $N
ino=$(ns_ino $N)
echo "pin root: $ALT"

# 1. --pin-root: pins there, none at the default root
out=$(x $N --pin-root "$ALT" attach pass dev $D 2>&1); rc=$?
[ $rc = 0 ] && ok "attach with --pin-root" || bad "attach with --pin-root: rc $rc: $out"
[ -f "$ALT/$ino/$(ip -n $N -o link show dev $D | cut -d: -f1)_$D/xdp@pass" ] &&
	ok "the program's pin is under the chosen root" ||
	bad "no pin under $ALT: $(find "$ALT" 2>&1 | head -5)"
[ "$(pins_of $N)" = 0 ] && ok "nothing pinned at the default root" ||
	bad "pins at the default root: $(find /sys/fs/bpf/xdpkit/$ino)"

# 2. status: ours under the same root, given either way; foreign without it
own() { x $N "$@" -j status dev $D 2>/dev/null | /usr/bin/python3 -c '
import json,sys
p=json.load(sys.stdin)["interfaces"][0]["programs"]
print(",".join(q.get("owner","?") for q in p))'; }
o1=$(own --pin-root "$ALT")
o2=$(XDPKIT_PIN_ROOT=$ALT own)
o3=$(own)
[ "$o1" = xdpkit ] && [ "$o2" = xdpkit ] &&
	ok "status with --pin-root and with XDPKIT_PIN_ROOT: owner xdpkit" ||
	bad "status owners with the root: '$o1' / '$o2'"
[ "$o3" = foreign ] && ok "status at the default root calls it foreign" ||
	bad "status at the default root: owner '$o3'"

# 3. clean at the default root leaves the other root's state alone
x $N clean >/dev/null 2>&1
[ -n "$(find "$ALT" -type f 2>/dev/null)" ] &&
	ok "clean at the default root leaves $ALT alone" ||
	bad "clean at the default root removed the other root's pins"

# 4. detach through the environment removes the pins and the root
out=$(XDPKIT_PIN_ROOT=$ALT x $N detach dev $D 2>&1); rc=$?
[ $rc = 0 ] && [ -z "$(xdp_id $N $D)" ] && ok "detach with XDPKIT_PIN_ROOT" ||
	bad "detach with XDPKIT_PIN_ROOT: rc $rc: $out"
[ ! -e "$ALT" ] && ok "the root is removed with its last pin" ||
	bad "left under $ALT: $(find "$ALT")"

# 5. refusals: exit 1 for the option, 2 for the environment, nothing attached
refused() {	# what expected-rc pattern cmd...
	what=$1 want=$2 pat=$3
	shift 3
	out=$("$@" 2>&1); rc=$?
	if [ $rc = "$want" ] && printf '%s' "$out" | grep -q "$pat" &&
		[ -z "$(xdp_id $N $D)" ] && { [ "$want" = 1 ] && [ "$pat" = "needs a directory" ] ||
		[ "$(printf '%s\n' "$out" | grep -c .)" -le 2 ]; }; then
		ok "$what: exit $rc, '$(printf '%s' "$out" | head -1 | cut -c1-90)...'"
	else
		bad "$what: rc $rc (want $want), attached '$(xdp_id $N $D)': $out"
	fi
}
refused "--pin-root /tmp (not a bpffs)" 1 "is not on a bpffs" \
	x $N --pin-root /tmp/xkpr$$ attach pass dev $D
refused "--pin-root in iproute2's tc/" 1 "belongs to iproute2/libxdp" \
	x $N --pin-root /sys/fs/bpf/tc/xk attach pass dev $D
refused "--pin-root relative" 1 "absolute path" \
	x $N --pin-root sys/fs/bpf/xk attach pass dev $D
refused "--pin-root with .." 1 "without '.', '..'" \
	x $N --pin-root /sys/fs/bpf/xdpkit/../tc attach pass dev $D
refused "--pin-root without a value" 1 "needs a directory" \
	x $N --pin-root
refused "XDPKIT_PIN_ROOT=/tmp" 2 "(XDPKIT_PIN_ROOT) is not on a bpffs" \
	env XDPKIT_PIN_ROOT=/tmp/xkpr$$ nsenter --net=/run/netns/$N "$XDPCTL" attach pass dev $D
[ ! -e /tmp/xkpr$$ ] && ok "nothing made at a refused root" || bad "/tmp/xkpr$$ was created"
