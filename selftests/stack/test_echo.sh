#!/bin/sh
# xdpctl stack udp-echo against kernel UDP clients in another namespace:
# IPv4, IPv6 and both over an 802.1Q VLAN, payloads of 1 to 1400 bytes;
# meanwhile the kernel keeps everything else on the same addresses (ping,
# ARP, NDP, a TCP connection and a kernel UDP service on other ports, the
# port itself reserved); SIGTERM and SIGINT leave the interface as it was,
# with every umem frame back.
SUITE=stack-echo
. "$(dirname "$0")/lib.sh"
stk_setup

stk_start udp-echo 7777 || { bad "xdpctl stack did not start"; exit 1; }
ok "xdpctl stack started: $(head -c 120 "$STK_DIR/err")"
for a in $A4 $A6 $AV4 $AV6; do
	for size in 1 100 1400; do
		r=$(udp_echo $a 7777 $size)
		[ "$r" = ok ] && ok "echo $a, $size bytes" || bad "echo $a, $size bytes: $r"
	done
done

# what the kernel still does on the same addresses
check "ping $A4" inns $B ping -c 2 -i 0.2 -W 1 $A4
check "ping $A6" inns $B ping -6 -c 2 -i 0.2 -W 1 $A6
ip -n $B neigh flush dev $IB
ip -n $A neigh flush dev $IA
check "ARP after flushing both tables" inns $B ping -c 1 -W 1 $A4
ip -n $B neigh show $A4 dev $IB | grep -q lladdr && ok "ARP entry for $A4 learned" ||
	bad "no ARP entry for $A4"
check "NDP after flushing both tables" inns $B ping -6 -c 1 -W 1 $A6
ip -n $B -6 neigh show $A6 dev $IB | grep -q lladdr && ok "NDP entry for $A6 learned" ||
	bad "no NDP entry for $A6"
for a in $A4 $A6; do
	r=$(udp_echo $a 7777)
	[ "$r" = ok ] && ok "echo $a right after the neighbour flush" || bad "echo $a after flush: $r"
done

# a TCP server and a kernel UDP echo on other ports of the same addresses
inns $A $PY - <<'PYEOF' &
import socket, threading
t = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(("::", 8080)); t.listen(4)
u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
u.bind(("::", 7778))
u.settimeout(6)
def udp():
    try:
        for _ in range(2):
            d, a = u.recvfrom(2048); u.sendto(d[::-1], a)
    except socket.timeout:
        pass
th = threading.Thread(target=udp, daemon=True)
th.start()
t.settimeout(6)
try:
    for _ in range(2):
        c, _ = t.accept(); c.sendall(c.recv(100).upper()); c.close()
except socket.timeout:
    pass
th.join()
PYEOF
SRV=$!
sleep 0.3
for a in $A4 $A6; do
	r=$(inns $B $PY -c '
import socket,sys
a=sys.argv[1]; f=socket.AF_INET6 if ":" in a else socket.AF_INET
c=socket.create_connection((a,8080),timeout=2); c.sendall(b"tcp works"); print(c.recv(100).decode())
u=socket.socket(f,socket.SOCK_DGRAM); u.settimeout(2); u.sendto(b"abc",(a,7778)); print(u.recv(100).decode())' $a 2>&1 | tr '\n' ' ')
	[ "$r" = "TCP WORKS cba " ] && ok "TCP to $a:8080 and kernel UDP on $a:7778 still served by the kernel" ||
		bad "kernel services on $a: '$r'"
done
kill $SRV 2>/dev/null
wait $SRV 2>/dev/null
r=$(inns $A $PY -c '
import socket
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)
try: s.bind(("0.0.0.0",7777)); print("bound")
except OSError as e: print(e.errno)' 2>&1)
[ "$r" = 98 ] && ok "port 7777 is reserved in the kernel (EADDRINUSE)" || bad "kernel bind to 7777: $r"

# status sees it, with its counters
st=$(x $A -j status dev $IA | $PY -c '
import json,sys
p=[p for p in json.load(sys.stdin)["interfaces"][0]["programs"] if p["hook"]=="xdp"]
print(p[0]["label"], p[0]["owner"], p[0]["counters"]["redirected"] > 0 if p and "counters" in p[0] else "")' 2>&1)
[ "$st" = "xsk_steer xdpkit True" ] && ok "xdpctl status: xsk_steer, ours, redirected > 0" ||
	bad "xdpctl status: '$st'"

stk_stop TERM && ok "SIGTERM: exit 0" || bad "SIGTERM: exit $?"
[ "$(stk_json 'j["frames"]["balanced"] and j["frames"]["held"] == 0 and j["frames"]["tx"] == 0')" = True ] &&
	ok "umem frames balanced: $(stk_json 'j["frames"]')" || bad "frames: $(stk_json 'j["frames"]')"
[ "$(stk_json 'j["stats"]["rx_delivered"] == j["stats"]["tx_sent"] > 0')" = True ] &&
	ok "every delivered datagram was sent back ($(stk_json 'j["stats"]["tx_sent"]'))" ||
	bad "delivered/sent: $(stk_json 'j["stats"]')"
[ -z "$(xdp_id $A $IA)" ] && ok "no XDP program left on $IA" || bad "XDP program left on $IA"
[ "$(pins_of $A)" = 0 ] && ok "no pins left" || bad "pins left: $(find /sys/fs/bpf/xdpkit/$(ns_ino $A))"
[ "$(udp_echo $A4 7777)" = timeout ] && ok "after stop 7777 is the kernel's again (no echo)" ||
	bad "echo after stop"

stk_start udp-echo 7777 queues 1 || bad "restart"
[ "$(udp_echo $A6 7777)" = ok ] && ok "restarted: echo $A6" || bad "restarted: no echo"
stk_stop INT && ok "SIGINT: exit 0" || bad "SIGINT: exit $?"
[ -z "$(xdp_id $A $IA)" ] && [ "$(pins_of $A)" = 0 ] && ok "SIGINT: program and pins gone" ||
	bad "SIGINT left program or pins"
