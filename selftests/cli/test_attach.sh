#!/bin/sh
# xdpctl attach / replace / detach on every hook veth has: XDP native and
# skb, clsact ingress and egress, TCX ingress and egress (when the kernel has
# it); each state checked through ip -j link, bpftool -j net show and tc.
SUITE=xdpctl-attach
. "$(dirname "$0")/lib.sh"
N=xka$$
mkns $N
D=${N}0

for mode in native skb; do
	want=$([ $mode = native ] && echo 1 || echo 2)
	check "xdp $mode: attach" x $N attach pass dev $D mode $mode
	id=$(st_field $N $D 'i["programs"][0]["id"]')
	[ "$(xdp_id $N $D)" = "$id" ] && ok "xdp $mode: ip -j link shows id $id" || bad "xdp $mode: ip link id '$(xdp_id $N $D)' != '$id'"
	[ "$(xdp_mode $N $D)" = "$want" ] && ok "xdp $mode: ip reports mode $want" || bad "xdp $mode: ip mode $(xdp_mode $N $D)"
	[ "$(bpftool_net $N $D xdp)" = "$id" ] && ok "xdp $mode: bpftool net show sees it" || bad "xdp $mode: bpftool saw '$(bpftool_net $N $D xdp)'"
	[ "$(st_field $N $D 'i["programs"][0]["owner"]')" = xdpkit ] && ok "xdp $mode: status says ours" || bad "xdp $mode: owner"
	# replace: same hook, new program; atomic REPLACE, id changes, mode kept
	check "xdp $mode: replace with FILE" x $N attach "$PASS_OBJ" dev $D
	id2=$(xdp_id $N $D)
	[ -n "$id2" ] && [ "$id2" != "$id" ] && ok "xdp $mode: replaced ($id -> $id2)" || bad "xdp $mode: replace id '$id2'"
	[ "$(xdp_mode $N $D)" = "$want" ] && ok "xdp $mode: mode kept on replace" || bad "xdp $mode: mode changed"
	[ "$(st_field $N $D 'len(i["stale_pins"])')" = 0 ] && ok "xdp $mode: no stale pin after replace" || bad "xdp $mode: stale pins after replace"
	check "xdp $mode: detach" x $N detach dev $D
	[ -z "$(xdp_id $N $D)" ] && ok "xdp $mode: ip -j link shows nothing" || bad "xdp $mode: still attached"
	[ -z "$(bpftool_net $N $D xdp)" ] && ok "xdp $mode: bpftool shows nothing" || bad "xdp $mode: bpftool still sees it"
done

check "xdp hw: refused on veth" sh -c "! nsenter --net=/run/netns/$N $XDPCTL attach pass dev $D mode hw"
[ -z "$(xdp_id $N $D)" ] && ok "xdp hw: nothing attached" || bad "xdp hw: something attached"

for dir in ingress egress; do
	inns $N tc qdisc add dev $D clsact 2>/dev/null || true
	inns $N tc qdisc del dev $D clsact
	check "tc $dir: attach" x $N attach pass dev $D tc $dir
	id=$(st_field $N $D 'i["programs"][0]["id"]')
	[ "$(tc_ids $N $D $dir)" = "$id " ] && ok "tc $dir: tc filter show has id $id" || bad "tc $dir: tc shows '$(tc_ids $N $D $dir)'"
	[ "$(bpftool_net $N $D tc)" = "$id" ] && ok "tc $dir: bpftool net show sees it" || bad "tc $dir: bpftool '$(bpftool_net $N $D tc)'"
	check "tc $dir: replace" x $N attach "$PASS_OBJ" dev $D tc $dir
	id2=$(tc_ids $N $D $dir)
	[ -n "$id2" ] && [ "$id2" != "$id " ] && [ "$(echo $id2 | wc -w)" = 1 ] && ok "tc $dir: replaced in place ($id -> $id2)" || bad "tc $dir: after replace '$id2'"
	check "tc $dir: detach" x $N detach dev $D tc $dir
	[ -z "$(tc_ids $N $D $dir)" ] && ok "tc $dir: tc shows no filter" || bad "tc $dir: filter left"
	[ -z "$(inns $N tc qdisc show dev $D | grep clsact)" ] && ok "tc $dir: our clsact qdisc removed" || bad "tc $dir: clsact left"
done

# A clsact qdisc that was there before us must survive our detach.
inns $N tc qdisc add dev $D clsact
check "tc: attach onto an existing clsact" x $N attach pass dev $D tc ingress
check "tc: detach" x $N detach dev $D
inns $N tc qdisc show dev $D | grep -q clsact && ok "tc: pre-existing clsact kept" || bad "tc: deleted a clsact that was not ours"
inns $N tc qdisc del dev $D clsact

if [ "$(x $N -j status | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["tcx"])')" = True ]; then
	for dir in ingress egress; do
		check "tcx $dir: attach" x $N attach pass dev $D tcx $dir
		id=$(st_field $N $D 'i["programs"][0]["id"]')
		[ "$(st_field $N $D 'i["programs"][0]["hook"]')" = "tcx $dir" ] && ok "tcx $dir: status shows the hook" || bad "tcx $dir: hook"
		bpftool -j prog show id "$id" >/dev/null 2>&1 && ok "tcx $dir: bpftool prog show id $id" || bad "tcx $dir: bpftool"
		check "tcx $dir: replace (link update)" x $N attach "$PASS_OBJ" dev $D tcx $dir
		id2=$(st_field $N $D 'i["programs"][0]["id"]')
		[ "$id2" != "$id" ] && [ "$(st_field $N $D 'len(i["programs"])')" = 1 ] && ok "tcx $dir: replaced ($id -> $id2)" || bad "tcx $dir: replace"
		check "tcx $dir: detach" x $N detach dev $D
		[ "$(st_field $N $D 'len(i["programs"])')" = 0 ] && ok "tcx $dir: nothing left" || bad "tcx $dir: left"
	done
else
	echo "  note: kernel has no TCX; tcx cases verified as refused"
	check "tcx: refused with exit 2" sh -c "nsenter --net=/run/netns/$N $XDPCTL attach pass dev $D tcx ingress; [ \$? = 2 ]"
fi

# Everything at once, then one detach, then no pins left.
check "all hooks: attach xdp" x $N attach pass dev $D mode skb
check "all hooks: attach tc ingress" x $N attach pass dev $D tc ingress
check "all hooks: attach tc egress" x $N attach pass dev $D tc egress
[ "$(st_field $N $D 'len(i["programs"])')" = 3 ] && ok "all hooks: status lists 3" || bad "all hooks: status count"
check "detach by name: only tc ingress" x $N detach dev $D tc ingress pass
[ "$(st_field $N $D 'len(i["programs"])')" = 2 ] && ok "detach by hook and name left 2" || bad "detach by hook count"
check "detach all" x $N detach dev $D all
[ "$(pins_of $N)" = 0 ] && ok "no pins left" || bad "pins left: $(pins_of $N)"
check "second detach says nothing of ours (exit 2)" sh -c "nsenter --net=/run/netns/$N $XDPCTL detach dev $D; [ \$? = 2 ]"

# Same interface name in two namespaces: separate state.
M=xkb$$
mkns $M
ip -n $M link set ${M}0 name $D
check "same ifname, two netns: attach in first" x $N attach pass dev $D
check "same ifname, two netns: attach in second" x $M attach pass dev $D
[ "$(st_field $M $D 'i["programs"][0]["owner"]')" = xdpkit ] && [ "$(st_field $N $D 'i["programs"][0]["owner"]')" = xdpkit ] && ok "both are ours, no collision" || bad "namespace collision"
check "detach in second leaves first" x $M detach dev $D
[ -n "$(xdp_id $N $D)" ] && ok "first namespace's program still there" || bad "first lost its program"
check "detach first" x $N detach dev $D
