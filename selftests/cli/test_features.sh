#!/bin/sh
# xdpctl features against reality: every answer it gives (yes or no) is
# checked by an independent load and attach of that kind through libbpf's
# and libxdp's own paths (selftests/cli/feat/featcheck.c), and tcx by a
# real tcx attach. Run in a namespace of our own with a veth pair for the
# device probe.
SUITE=features
. selftests/cli/lib.sh
PY=/usr/bin/python3
FEAT=${FEAT:-$(pwd)/build/selftests/cli/feat}
[ -x "$FEAT/featcheck" ] || { echo "features: FAIL: $FEAT/featcheck missing; run make"; exit 1; }
N=xkf$$
D=${N}0
mkns $N

out=$(x $N -j features dev $D 2>&1); rc=$?
[ $rc = 0 ] && ok "xdpctl -j features dev $D: exit 0" || bad "features: rc $rc: $out"
ours=$(printf '%s' "$out" | $PY -c '
import json,sys
for f in json.load(sys.stdin)["features"]:
    print(f["name"], "yes" if f["available"] else "no")' 2>&1)
theirs=$(inns $N "$FEAT/featcheck" "$FEAT" $D 2>&1)
# (a here-document, not a pipe: the loop's ok/bad must count)
while read -r name says; do
	[ -n "$name" ] || continue
	if [ "$name" = tcx ]; then
		x $N attach pass dev $D tcx ingress >/dev/null 2>&1 && real=yes || real=no
		x $N detach dev $D >/dev/null 2>&1
		how="a tcx attach"
	else
		line=$(printf '%s\n' "$theirs" | grep "^$name ")
		real=$(echo "$line" | cut -d' ' -f2)
		how="libbpf/libxdp: $(echo "$line" | cut -d' ' -f3-)"
	fi
	[ -n "$real" ] && [ "$says" = "$real" ] && ok "$name: features says $says, $how agrees" ||
		bad "$name: features says '$says', $how says '$real'"
done <<EOF
$ours
EOF
# a device whose driver has no XDP metadata: lo, where both must say no
says=$(x $N -j features dev lo | $PY -c '
import json,sys
print([("yes" if f["available"] else "no") + " " + f["detail"] for f in json.load(sys.stdin)["features"] if f["name"] == "xdp_metadata"][0])')
real=$(inns $N "$FEAT/featcheck" "$FEAT" lo 2>&1 | grep '^xdp_metadata ' | cut -d' ' -f2)
[ "${says%% *}" = no ] && [ "$real" = no ] && ok "xdp_metadata on lo: no from both (${says#no })" ||
	bad "xdp_metadata on lo: features '$says', libbpf '$real'"
n=$(printf '%s\n' "$ours" | grep -c .)
[ "$n" -ge 9 ] && ok "$n features probed (with the device's)" || bad "only $n features: $ours"
# every refusal says where it came from
why=$(printf '%s' "$out" | $PY -c '
import json,sys
fs = json.load(sys.stdin)["features"]
assert fs
for f in fs:
    if not f["available"] and not f["detail"]: print(f["name"])' 2>&1); rc=$?
[ $rc = 0 ] && [ -z "$why" ] && ok "every refusal has its reason" || bad "refusals without a reason (rc $rc): $why"
r=$(x $N features 2>&1 | grep -c "^freplace *\(yes\|no\) ")
[ "$r" = 1 ] && ok "text output: one line per feature" || bad "text output: $(x $N features 2>&1 | head -3)"
r=$(x $N features dev xknosuch 2>&1); rc=$?
[ $rc = 2 ] && ok "features dev xknosuch: exit 2, '$r'" || bad "features on a missing device: rc $rc: $r"
