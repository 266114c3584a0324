#!/bin/sh
# xdpctl stats and map, end to end in namespaces of our own:
#  - per-CPU sums exact: UDP senders pinned to CPU 0 and CPU 1 (taskset)
#    through a veth into progs/stats; the sum equals what was sent less what
#    the veth counted as dropped before XDP ran, both
#    CPUs' slots took part, and stats/watch agree;
#  - map dump of every map of pass, stats and filter, text and JSON,
#    holds what we wrote, and `bpftool -j map dump` agrees field by field.
SUITE=stats
. "$(dirname "$0")/../cli/lib.sh"
need taskset
[ "$(nproc)" -ge 2 ] || { echo "stats: FAIL: needs 2 CPUs"; exit 1; }
N=xks$$
S=${N}s		# sender namespace
R=${N}r		# receiver namespace
Q=${N}q		# a quiet interface for the dump tests (no traffic)
TMP=$(mktemp -d)
ip netns add $S && T_NS="$T_NS $S"
ip netns add $R && T_NS="$T_NS $R"
mkns $Q
ip -n $S link add ${N}a type veth peer name ${N}b netns $R
ip -n $S addr add 10.77.0.1/24 dev ${N}a
ip -n $R addr add 10.77.0.2/24 dev ${N}b
ip -n $S link set ${N}a up
ip -n $R link set ${N}b up
for ns in $S $R $Q; do inns $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
inns $Q sysctl -qw net.ipv6.conf.${Q}0.disable_ipv6=1 net.ipv6.conf.${Q}1.disable_ipv6=1
trap 'rm -rf "$TMP"; t_finish' EXIT

echo "per-CPU sums with senders on both CPUs"
check "attach stats" x $R attach stats dev ${N}b
# ARP first, so the counted flow is UDP only
inns $S ping -c 1 -W 2 10.77.0.2 >/dev/null 2>&1
PER=3000
# Paced in bursts of 32: the veth's XDP ring holds 256 frames and two
# unpaced senders can overflow it. Whatever veth still drops before our
# program runs is counted by the kernel (sender TX dropped) and subtracted.
send() {	# CPU
	inns $S taskset -c "$1" /usr/bin/python3 -c '
import socket,sys,time
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)
for i in range(int(sys.argv[1])):
    s.sendto(b"x"*100,("10.77.0.2",9))
    if i % 32 == 31: time.sleep(0.0005)' $PER
}
txdrop() { ip -n $S -s -j link show ${N}a | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["stats64"]["tx"]["dropped"])'; }
x $R -j map dump name xk_stats dev ${N}b percpu > $TMP/before.json
d0=$(txdrop)
send 0 & p0=$!
send 1 & p1=$!
wait $p0 $p1
sleep 0.3
echo $(($(txdrop) - d0)) > $TMP/drops
x $R -j map dump name xk_stats dev ${N}b percpu > $TMP/after.json
x $R -j stats dev ${N}b > $TMP/stats.json
/usr/bin/python3 - "$TMP" $PER <<'PY' && ok "UDP: sum = 2x$PER - veth drops exactly, both CPUs' slots counted, stats agrees" || bad "per-CPU sums"
import json,sys
d,per=sys.argv[1],int(sys.argv[2])
drops=int(open(d+"/drops").read())
print("  veth drops before XDP:", drops)
assert drops <= per // 10, "veth dropped %d of %d: the pacing is not enough" % (drops, 2*per)
def udp(f):
    for e in json.load(open(f)):
        k=e["key"]
        if k["l3_proto"]==0x800 and k["l4_proto"]==17 and not k["bad"]:
            return [c["value"] for c in e["values"]]
    return None
a=udp(d+"/after.json"); b=udp(d+"/before.json")
assert b is None, "UDP counted before we sent"
pk=[v["packets"] for v in a]; by=[v["bytes"] for v in a]
print("  per-CPU UDP packets:", pk)
assert sum(pk)==2*per-drops, pk
assert sum(by)==(2*per-drops)*142, by
assert sum(1 for p in pk if p>0)>=2, "one CPU did all the work: %s"%pk
s=json.load(open(d+"/stats.json"))
rows=[r for r in s["programs"][0]["protocols"] if r["l3"]=="ipv4" and r["l4"]=="udp" and not r["malformed"]]
assert rows[0]["packets"]==2*per-drops and rows[0]["bytes"]==(2*per-drops)*142, rows
PY

echo "watch"
x $R -j stats dev ${N}b watch interval 0.2 count 3 > $TMP/watch.json
/usr/bin/python3 -c '
import json,sys
w=json.load(open(sys.argv[1]))
assert len(w["samples"])==3 and all(0.15 <= s["seconds"] <= 0.8 for s in w["samples"])' $TMP/watch.json &&
	ok "watch count 3: three samples, valid JSON" || bad "watch count"
# nsenter execs xdpctl: $! is xdpctl itself
nsenter --net=/run/netns/$R "$XDPCTL" -j stats dev ${N}b watch interval 0.2 > $TMP/int.json 2>&1 &
wp=$!
sleep 0.7
kill -INT $wp
wait $wp
rc=$?
/usr/bin/python3 -c '
import json,sys
w=json.load(open(sys.argv[1])); assert len(w["samples"])>=2' $TMP/int.json &&
	[ $rc -eq 0 ] && ok "watch ends on SIGINT with exit 0 and closed JSON" ||
	bad "watch on SIGINT (rc $rc)"
check "stats watch count 0 is a usage error" sh -c "x() { nsenter --net=/run/netns/$R $XDPCTL \"\$@\"; }; x stats dev ${N}b watch count 0; [ \$? -eq 1 ]"
x $R stats dev lo >/dev/null 2>&1; [ $? -eq 2 ] && ok "stats where it is not attached: exit 2" || bad "stats not attached"

echo "map dump of every shipped map vs what we wrote and bpftool"
D=${Q}0
check "attach pass xdp" x $Q attach pass dev $D
check "attach stats tc ingress" x $Q attach stats dev $D tc ingress
check "attach filter tc egress" x $Q filter add dev $D tc egress src 10.1.0.0/16 proto tcp dport 22-23 drop
check "filter rule 2" x $Q filter add dev $D tc egress dst 2001:db8::/32 count
check "map set xk_counters" x $Q map set name xk_counters dev $D key 2 value 77
check "map set xk_stats" x $Q map set name xk_stats dev $D key ifindex=999,l3_proto=0x800,l4_proto=6 value packets=5,bytes=700
check "map set xk_filter_cfg" x $Q map set name xk_filter_cfg dev $D key 0 value default_action=1
x $Q -j map list dev $D > $TMP/list.json
/usr/bin/python3 - "$TMP" <<'PY' > $TMP/maps.txt || bad "map list"
import json,sys
for m in json.load(open(sys.argv[1]+"/list.json")):
    if m["name"].startswith("xk_"): print(m["id"], m["name"], m["type"], int(m["percpu"]))
PY
nmaps=$(wc -l < $TMP/maps.txt)
# 14 of their own (the filter's 4 exact-match hashes and /0 array among them), a
# capture ring each (<xdpkit/prog.h>'s entry points), and pass on XDP its
# chain array and verdict counters
[ "$nmaps" -eq 19 ] && ok "map list dev: the 19 maps of pass, stats and filter (3 capture rings, XDP pass's chain array and counters)" || bad "map list shows $nmaps maps: $(cat $TMP/maps.txt)"
while read id name type percpu; do
	if [ "$type" = perf_event_array ]; then
		# no values to read (bpftool prints an error per CPU)
		r=$(x $Q -j map dump id $id)
		[ "$r" = "[]" ] && ok "dump $name (id $id): a perf event array, nothing to read, no error" ||
			bad "dump $name: '$r'"
		continue
	fi
	pc=""
	[ "$percpu" = 1 ] && pc=percpu
	x $Q -j map dump id $id $pc > $TMP/ours.json
	x $Q map dump id $id > $TMP/ours.txt
	bpftool -j map dump id $id > $TMP/bpftool.json
	/usr/bin/python3 - "$TMP" "$name" <<'PY' && ok "dump $name (id $id): JSON and text hold what we wrote; bpftool agrees" || bad "dump $name"
import json,sys,ipaddress
d,name=sys.argv[1],sys.argv[2]
ours=json.load(open(d+"/ours.json")); bt=json.load(open(d+"/bpftool.json"))
text=open(d+"/ours.txt").read()
def lpm(k):
    if isinstance(k,str): return k
    a=bytes(k["addr"]); n=ipaddress.ip_address(a)
    return "%s/%d"%(n,k["prefixlen"])
def norm(e):
    k=e["key"]
    if name.startswith("xk_filter_src") or name.startswith("xk_filter_dst"): k=lpm(k)
    if "values" in e: v=[(x["cpu"],x["value"]) for x in e["values"]]
    else: v=e["value"]
    return json.dumps([k,v],sort_keys=True)
def normbt(e):
    f=e["formatted"]
    return norm(f)
a=sorted(norm(e) for e in ours); b=sorted(normbt(e) for e in bt)
assert a==b, "ours %s\nbpftool %s"%(a[:3],b[:3])
assert len(text.strip().splitlines()) >= len(ours)
got={json.dumps(e["key"],sort_keys=True):e for e in ours}
def val(e):
    return e["value"] if "value" in e else {k:sum(x["value"][k] for x in e["values"]) for k in e["values"][0]["value"]} if isinstance(e["values"][0]["value"],dict) else sum(x["value"] for x in e["values"])
if name=="xk_counters":
    assert val(got["2"])==77, got["2"]
    assert "key: 2 value: 77" in text, text
elif name=="xk_stats":
    e=[x for x in ours if x["key"]["ifindex"]==999][0]
    assert e["key"]=={"ifindex":999,"l3_proto":2048,"l4_proto":6,"bad":0}
    assert val(e)=={"packets":5,"bytes":700}, val(e)
    assert "key: {.ifindex = 999, .l3_proto = 2048, .l4_proto = 6, .bad = 0} value: {.packets = 5, .bytes = 700}" in text, text
elif name=="xk_filter_cfg":
    # map set changed default_action only: the counts the filter keeps
    # (one src4 entry, one dst6 entry, one count rule) are still there
    assert got["0"]["value"]=={"default_action":1,"entries":[1,0,0,1],
                               "count_rules":1,"exact":[0,0,0,0]}, got["0"]["value"]
elif name=="xk_filter_rules":
    r={e["key"]:e["value"] for e in ours}
    assert set(r)=={1,2}, r
    assert r[1]["family"]==4 and r[1]["src"][:2]==[10,1] and r[1]["src_len"]==16
    assert r[1]["proto"]==6 and r[1]["dport_lo"]==22 and r[1]["dport_hi"]==23 and r[1]["action"]==1
    assert r[2]["family"]==6 and r[2]["dst"][:4]==[0x20,0x01,0x0d,0xb8] and r[2]["action"]==2
elif name=="xk_filter_src4":
    assert [(e["key"],e["value"]["ids"][:e["value"]["n"]]) for e in ours]==[("10.1.0.0/16",[1])], ours
    assert "10.1.0.0/16" in text
elif name=="xk_filter_dst6":
    assert [(e["key"],e["value"]["n"],e["value"]["ids"][0]) for e in ours]==[("2001:db8::/32",1,2)], ours
elif name in ("xk_filter_src6","xk_filter_dst4") or name.startswith("xk_filter_x"):
    assert ours==[], ours
elif name=="xk_filter_any":
    # no rule without a prefix, none at /0: every trie's slot empty
    assert [(e["key"],e["value"]["n"]) for e in ours]==[(0,0),(1,0),(2,0),(3,0)], ours
elif name=="xk_filter_hits":
    # a per-CPU array: every slot there, nothing counted yet
    assert len(ours)==131072 and [e["key"] for e in ours[:3]]==[0,1,2], len(ours)
    bad=[e for e in ours if val(e)!={"packets":0,"bytes":0}]
    assert not bad, bad[:3]
PY
done < $TMP/maps.txt
