#!/bin/sh
# 1,000,000 datagrams (COUNT) from a kernel UDP client (sendmmsg batches,
# at most 256 unanswered) to xdpctl stack udp-echo: every one must come
# back, intact and once, or be counted by a named drop counter somewhere
# on its way (the client's kernel, both veth ends, the steering program,
# the AF_XDP sockets, the stack); at exit every umem frame is accounted.
SUITE=stack-flood
. "$(dirname "$0")/lib.sh"
COUNT=${COUNT:-1000000}
[ -x "$FLOOD" ] || { bad "$FLOOD missing: run make"; exit 1; }
stk_setup

snap() {	# named drop counters outside the stack, summed
	inns $B cat /proc/net/snmp | awk '/^Udp:/ { if (!h) { for (i = 1; i <= NF; i++) n[i] = $i; h = 1 } else for (i = 1; i <= NF; i++) v[n[i]] = $i }
		END { print v["InErrors"] + v["RcvbufErrors"] + v["NoPorts"] }'
}
links() {
	for n in "$A $IA" "$B $IB"; do
		set -- $n
		ip -n $1 -s -j link show dev $2
	done | $PY -c '
import json,sys
t=0
for line in sys.stdin:
    for l in json.loads(line):
        s=l["stats64"]
        t+=s["rx"]["dropped"]+s["tx"]["dropped"]+s["rx"]["errors"]+s["tx"]["errors"]
print(t)'
}

stk_start udp-echo 7777 || { bad "xdpctl stack did not start"; exit 1; }
[ "$(udp_echo $A4 7777)" = ok ] || bad "warm-up echo"
u0=$(snap)
l0=$(links)
res=$(inns $B "$FLOOD" $A4 7777 $COUNT 256 64)
u1=$(snap)
l1=$(links)
stk_stop TERM || bad "stack exit code $?"
echo "  client: $res"
echo "  stack:  $(stk_json 'j["stats"]')"
echo "  xsk:    $(stk_json 'j["xsk"]')"
echo "  steer:  $(stk_json 'j["steer"]')"
$PY - "$res" "$STK_DIR/out.json" $((u1 - u0)) $((l1 - l0)) $COUNT <<'PYEOF'
import json, sys
c = json.loads(sys.argv[1]); j = json.load(open(sys.argv[2]))
client_drops, link_drops, count = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
st, x, sr = j["stats"], j["xsk"], j["steer"]
stack = sum(st[k] for k in ("rx_truncated", "rx_malformed", "rx_bad_ip_csum",
    "rx_bad_csum", "rx_csum_partial", "rx_not_udp", "rx_no_socket",
    "rx_queue_full", "rx_kernel_path", "tx_no_route", "tx_no_neigh",
    "tx_no_frame", "tx_ring_full", "tx_too_big", "tx_bad_dgram"))
xsk = x["rx_dropped"] + x["rx_ring_full"] + x["tx_invalid_descs"]
# A frame the AF_XDP socket could not take fails veth's XDP redirect too,
# which veth counts as an rx drop: the same loss, counted once (as xsk's).
redirect_fail = x["rx_dropped"] + x["rx_ring_full"]
if link_drops >= redirect_fail:
    link_drops -= redirect_fail
named = stack + xsk + sr["nosock_dropped"] + client_drops + link_drops
lost = c["sent"] - c["echoed"]
fails = 0
def check(ok, msg):
    global fails
    print("  %s %s" % ("ok  " if ok else "FAIL", msg))
    fails += not ok
check(c["sent"] == count, "client sent %d of %d" % (c["sent"], count))
check(c["dups"] == 0 and c["corrupt"] == 0,
      "no duplicate or corrupt echo (%d dups, %d corrupt)" % (c["dups"], c["corrupt"]))
check(lost == named, "%d echoed + %d lost; named drop counters: %d (stack %d, "
      "xsk %d, steer %d, client kernel %d, veth %d)" % (c["echoed"], lost,
      named, stack, xsk, sr["nosock_dropped"], client_drops, link_drops))
check(c["echoed"] >= count * 0.99, "at least 99%% echoed (%.4f%%) in %.1f s, "
      "%.0f echoes/s (window 256: a correctness test, not a benchmark)" %
      (100.0 * c["echoed"] / count, c["seconds"], c["echoed"] / c["seconds"]))
check(st["tx_sent"] >= c["echoed"], "stack sent %d >= %d echoed" % (st["tx_sent"], c["echoed"]))
f = j["frames"]
check(f["balanced"] and f["held"] == 0 and f["tx"] == 0 and
      f["free"] + f["fill"] + f["held"] + f["tx"] == f["total"] and
      f["fill"] == f["ring_fill"] + f["ring_rx"] + f["kernel_fill"] and
      x["bad_descs"] == 0, "umem frames balanced at exit: %s" % f)
sys.exit(1 if fails else 0)
PYEOF
[ $? = 0 ] && ok "1M datagrams: echoed or counted, frames balanced" || bad "flood accounting"
