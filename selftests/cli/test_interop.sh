#!/bin/sh
# Interop both ways: programs attached by ip, tc and xdp-loader show up in
# xdpctl status as foreign (and are never detached by us); programs xdpctl
# attached show up in xdp-loader status and bpftool net show.
SUITE=xdpctl-interop
. "$(dirname "$0")/lib.sh"
need xdp-loader
N=xki$$
mkns $N
D=${N}0

# ip link -> foreign
inns $N ip link set dev $D xdpgeneric obj "$PASS_OBJ" sec xdp
id=$(xdp_id $N $D)
[ "$(st_field $N $D 'i["programs"][0]["owner"]')" = foreign ] && ok "ip link xdp: status says foreign" || bad "ip link xdp: owner"
[ "$(st_field $N $D 'i["programs"][0]["id"]')" = "$id" ] && ok "ip link xdp: status has its id $id" || bad "ip link xdp: id"
[ "$(st_field $N $D 'i["programs"][0]["mode"]')" = skb ] && ok "ip link xdpgeneric: status says skb" || bad "ip link xdp: mode"
out=$(x $N attach pass dev $D 2>&1); rc=$?
[ $rc = 2 ] && ok "attach over foreign XDP: exit 2" || bad "attach over foreign: exit $rc"
echo "$out" | grep -q "not ours" && echo "$out" | grep -q "replace" && ok "attach over foreign: names owner and 'replace'" || bad "attach over foreign: message '$out'"
[ "$(xdp_id $N $D)" = "$id" ] && ok "attach over foreign: foreign untouched" || bad "attach over foreign: changed"
out=$(x $N detach dev $D 2>&1); rc=$?
[ $rc = 2 ] && [ "$(xdp_id $N $D)" = "$id" ] && ok "detach leaves foreign XDP alone" || bad "detach touched foreign ($rc)"
check "attach ... replace takes over" x $N attach pass dev $D replace
[ "$(st_field $N $D 'i["programs"][0]["owner"]')" = xdpkit ] && ok "after replace: ours" || bad "after replace: owner"
check "detach ours" x $N detach dev $D

# tc filter add -> foreign, and ours next to it
inns $N tc qdisc add dev $D clsact
inns $N tc filter add dev $D ingress bpf da obj "$PASS_OBJ" sec tc
fid=$(tc_ids $N $D ingress)
[ "$(st_field $N $D '[p["owner"] for p in i["programs"]]')" = "['foreign']" ] && ok "tc filter: status says foreign" || bad "tc filter: owner"
check "attach ours next to a foreign tc filter" x $N attach pass dev $D tc ingress
[ "$(st_field $N $D 'sorted(p["owner"] for p in i["programs"])')" = "['foreign', 'xdpkit']" ] && ok "tc: status tells ours from foreign" || bad "tc: owners"
check "detach ours" x $N detach dev $D
[ "$(tc_ids $N $D ingress)" = "$fid" ] && ok "tc: foreign filter kept" || bad "tc: foreign filter gone"
inns $N tc qdisc show dev $D | grep -q clsact && ok "tc: foreign clsact kept" || bad "tc: clsact gone"
inns $N tc qdisc del dev $D clsact

# xdp-loader -> foreign (single-program mode on this kernel)
rm -f /run/xdp-loader.lck 2>/dev/null
if inns $N xdp-loader load -m skb $D "$PASS_OBJ" -s xdp >/dev/null 2>&1; then
	[ "$(st_field $N $D 'i["programs"][0]["owner"]')" = foreign ] && ok "xdp-loader: status says foreign" || bad "xdp-loader: owner"
	inns $N xdp-loader unload $D --all >/dev/null 2>&1
	[ -z "$(xdp_id $N $D)" ] && ok "xdp-loader unloaded its program" || bad "xdp-loader unload"
else
	bad "xdp-loader load failed"
fi

# ours -> xdp-loader status and bpftool net show
check "attach ours (native)" x $N attach pass dev $D mode native
id=$(xdp_id $N $D)
inns $N xdp-loader status $D 2>/dev/null | grep -q "$id" && ok "xdp-loader status lists ours (id $id)" || bad "xdp-loader status: $(inns $N xdp-loader status $D 2>&1 | tail -3)"
[ "$(bpftool_net $N $D xdp)" = "$id" ] && ok "bpftool net show lists ours" || bad "bpftool net"
check "attach ours (tc egress)" x $N attach pass dev $D tc egress
[ -n "$(bpftool_net $N $D tc)" ] && ok "bpftool net show lists our tc filter" || bad "bpftool tc"
check "detach all" x $N detach dev $D all

# ip netns exec hides the host bpffs: mutating commands refuse clearly,
# status still works and says it cannot tell owners apart.
out=$(ip netns exec $N "$XDPCTL" attach pass dev $D 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q nsenter && ok "ip netns exec: attach refused, suggests nsenter" || bad "ip netns exec attach: $rc '$out'"
[ -z "$(xdp_id $N $D)" ] && ok "ip netns exec: nothing attached" || bad "ip netns exec: attached"
out=$(ip netns exec $N "$XDPCTL" status dev $D 2>&1); rc=$?
[ $rc = 0 ] && echo "$out" | grep -q "warning:" && ok "ip netns exec: status works with a warning" || bad "ip netns exec status: $rc"
