#!/bin/sh
# xdpctl filter end to end with real traffic over a veth pair in our own
# namespaces: matching UDP flows (IPv4 and IPv6) dropped, the others
# delivered, rule counters equal to the packets sent; then bad input
# (malformed rule, prefix, port; unknown map; value of the wrong size; a
# pinned map with equal sizes but another BTF type): exit 1 or 2, a clear
# message, and the maps unchanged.
SUITE=filter
. "$(dirname "$0")/../cli/lib.sh"
N=xkf$$
S=${N}s
R=${N}r
TMP=$(mktemp -d)
MAPS_A=$(pwd)/build/selftests/maps/progs/maps_a.bpf.o
MAPS_B=$(pwd)/build/selftests/maps/progs/maps_b.bpf.o
SHARED_PIN=/sys/fs/bpf/xdpkit/maps/xkt_shared
[ -f "$MAPS_A" ] && [ -f "$MAPS_B" ] || { echo "filter: FAIL: $MAPS_A missing; run make"; exit 1; }
[ -e "$SHARED_PIN" ] && { echo "filter: FAIL: $SHARED_PIN exists already (another run?)"; exit 1; }
ip netns add $S && T_NS="$T_NS $S"
ip netns add $R && T_NS="$T_NS $R"
ip -n $S link add ${N}a type veth peer name ${N}b netns $R
ip -n $S addr add 10.78.0.1/24 dev ${N}a
ip -n $R addr add 10.78.0.2/24 dev ${N}b
ip -n $S addr add fd78::1/64 dev ${N}a nodad
ip -n $R addr add fd78::2/64 dev ${N}b nodad
ip -n $S link set ${N}a up
ip -n $R link set ${N}b up
pin_made=""
trap 'rm -rf "$TMP"; [ -n "$pin_made" ] && { rm -f $SHARED_PIN; rmdir /sys/fs/bpf/xdpkit/maps; }; t_finish' EXIT
D=${N}b

echo "rules"
check "add v4 drop (attaches the filter)" x $R filter add dev $D src 10.78.0.1/32 proto udp dport 5000-5001 drop
check "add count" x $R filter add dev $D proto udp dport 6000 count
check "add v6 drop" x $R filter add dev $D src fd78::/64 proto udp dport 7000 drop
check "add dst-only v4 drop" x $R filter add dev $D dst 10.78.0.2/32 proto udp dport 8000 drop
[ "$(xdp_id $R $D)" != "" ] && ok "the filter is on $D's XDP hook" || bad "filter not attached"

echo "traffic"
PORTS="5000 5001 5002 6000 7000 7001 8000"
# the receiver counts datagrams per (family, port) until told to stop
inns $R /usr/bin/python3 - $PORTS > $TMP/recv.json <<'PY' &
import json,select,socket,sys,time
socks={}
for fam,addr in ((socket.AF_INET,"10.78.0.2"),(socket.AF_INET6,"fd78::2")):
    for p in sys.argv[1:]:
        s=socket.socket(fam,socket.SOCK_DGRAM); s.bind((addr,int(p))); socks[s]="%s/%s"%(4 if fam==socket.AF_INET else 6,p)
cnt={v:0 for v in socks.values()}
open("/proc/self/fd/1","w")  # noqa: keep stdout
sys.stderr.write("ready\n"); sys.stderr.flush()
end=time.time()+30; idle=None
while time.time()<end:
    r,_,_=select.select(list(socks),[],[],0.5)
    if not r:
        if sum(cnt.values()) and idle is None: idle=time.time()
        if idle and time.time()-idle>1.5: break
        continue
    idle=None
    for s in r:
        s.recv(2048); cnt[socks[s]]+=1
print(json.dumps(cnt))
PY
rp=$!
sleep 1
NPK=200
inns $S /usr/bin/python3 - $NPK $PORTS <<'PY'
import socket,sys,time
n=int(sys.argv[1])
for fam,addr in ((socket.AF_INET,"10.78.0.2"),(socket.AF_INET6,"fd78::2")):
    s=socket.socket(fam,socket.SOCK_DGRAM)
    for p in sys.argv[2:]:
        for i in range(n):
            s.sendto(b"y"*64,(addr,int(p)))
            if i%50==0: time.sleep(0.001)
PY
wait $rp
x $R -j filter list dev $D > $TMP/list.json
/usr/bin/python3 - $TMP $NPK <<'PY' && ok "dropped: v4 5000/5001/8000, v6 7000; delivered: the rest; counters = packets sent" || bad "traffic"
import json,sys
d,n=sys.argv[1],int(sys.argv[2])
got=json.load(open(d+"/recv.json")); lst=json.load(open(d+"/list.json"))
print("  received:", got)
want={k:n for k in got}
for k in ("4/5000","4/5001","4/8000","6/7000"): want[k]=0
assert got==want, (got,want)
hits={r["id"]:r["packets"] for r in lst["rules"]}
print("  rule packets:", hits)
assert hits=={1:2*n,2:2*n,3:n,4:n}, hits
PY

echo "bad input: exit code, message, maps unchanged"
snap() { x $R -j filter list dev $D | /usr/bin/python3 -c '
import json,sys; d=json.load(sys.stdin); [r.pop(k) for r in d["rules"] for k in ("packets","bytes")]; d.pop("default_hits"); print(json.dumps(d,sort_keys=True))'; }
tries() { for m in xk_filter_src4 xk_filter_src6 xk_filter_dst4 xk_filter_dst6 xk_filter_rules xk_filter_cfg; do x $R -j map dump name $m dev $D; done; }
before=$(snap; tries)
expect() {	# CODE WORDS...: xdpctl exits CODE with an error message
	code=$1
	shift
	x $R "$@" > $TMP/out 2> $TMP/err
	rc=$?
	after=$(snap; tries)
	if [ $rc -eq "$code" ] && grep -q "Error: " $TMP/err && [ "$before" = "$after" ]; then
		ok "exit $code, maps unchanged: $* ($(head -c 90 $TMP/err | head -1))"
	else
		bad "$*: rc $rc (want $code), stderr '$(cat $TMP/err | head -2)'"
	fi
}
expect 1 filter add dev $D src 10.0.0.0/33 drop
expect 1 filter add dev $D src 10.0.0/8 drop
expect 1 filter add dev $D src 2001:db8::/129 drop
expect 1 filter add dev $D proto udp dport 70000 drop
expect 1 filter add dev $D proto udp dport 9-3 drop
expect 1 filter add dev $D proto xyz drop
expect 1 filter add dev $D src 10.0.0.0/8
expect 1 filter add dev $D src 10.0.0.0/8 dst fd00::/8 drop
expect 1 filter add dev $D id 0 src 10.0.0.0/8 drop
expect 2 filter del dev $D id 99
expect 2 filter del dev $D src 192.0.2.0/24 drop
expect 2 map dump name xk_no_such_map dev $D
expect 2 map get id 4294967295 key 0
expect 1 map set name xk_filter_cfg dev $D key 0 value "hex 01 00"
expect 1 map set name xk_filter_cfg dev $D key "hex 00 00 00" value default_action=1
expect 1 map set name xk_filter_cfg dev $D key 0 value nosuchfield=1
expect 1 map set name xk_filter_cfg dev $D key 0 value default_action=4294967296
expect 1 map set name xk_filter_src4 dev $D key 10.0.0.0/40 value n=0
expect 1 filter default dev $D count
# JSON mode: the error is valid JSON with the exit code
x $R -j filter add dev $D dport 1-2-3 drop > $TMP/out; rc=$?
/usr/bin/python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); assert e["exit_code"]==1 and "dport" in e["error"]' $TMP/out &&
	[ $rc -eq 1 ] && ok "JSON error for a malformed port" || bad "JSON error"

echo "pinned map with the same sizes, another BTF type"
inns $R ip link add ${N}c type veth peer name ${N}d
inns $R ip link set ${N}c up
inns $R ip link set ${N}d up
check "attach maps_a (pins xkt_shared, value struct xkt_pair_a)" x $R attach "$MAPS_A" dev ${N}c mode skb
[ -e $SHARED_PIN ] && pin_made=1
check "write the pinned map" x $R map set pinned $SHARED_PIN key 1 value first=11,second=22
pb=$(x $R -j map dump pinned $SHARED_PIN)
x $R attach "$MAPS_B" dev ${N}d mode skb > $TMP/out 2> $TMP/err; rc=$?
pa=$(x $R -j map dump pinned $SHARED_PIN)
if [ $rc -eq 2 ] && grep -q "other BTF types" $TMP/err && [ "$pb" = "$pa" ] &&
	[ "$pa" = '[{"key":1,"value":{"first":11,"second":22}}]' ] && [ -z "$(xdp_id $R ${N}d)" ]; then
	ok "maps_b refused, exit 2 ($(head -c 120 $TMP/err)), pinned map unchanged, nothing attached"
else
	bad "maps_b over a pinned map of another type: rc $rc, $(cat $TMP/err), $pa"
fi
check "detach maps_a" x $R detach dev ${N}c
