#!/bin/sh
# A wildcard port of xdpctl stack means this host's own unicast addresses on
# the interface, nothing else: datagrams from the peer to a broadcast, a
# multicast group, an address the interface does not have or another MAC
# are the kernel's (not echoed, counted as not_local), and an address
# added or removed while the stack runs is taken in or let go.
SUITE=stack-local
. "$(dirname "$0")/lib.sh"
stk_setup
MAC_A=$(ip -n $A -j link show dev $IA | $PY -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')
PORT=7790

stk_start udp-echo $PORT || { bad "xdpctl stack did not start"; exit 1; }
[ "$(udp_echo $A4 $PORT)" = ok ] && ok "echo to $A4 (the interface's address)" || bad "echo to $A4"
[ "$(udp_echo $A6 $PORT)" = ok ] && ok "echo to $A6" || bad "echo to $A6"

# raw frames from the peer: none of these is for this host's stack
res=$(inns $B $PY - $IB $MAC_A $B4 $B6 $PORT <<'PYEOF'
import logging, socket, sys, time
logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.all import Ether, IP, IPv6, UDP, Raw, sendp, conf
conf.verb = 0
ifc, mac, b4, b6, port = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); rx.bind(("0.0.0.0", 40001))
rx6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
rx6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1); rx6.bind(("::", 40001))
P = Raw(b"n" * 18)
def u(): return UDP(sport=40001, dport=port) / P
frames = [
    Ether(dst="ff:ff:ff:ff:ff:ff") / IP(src=b4, dst="255.255.255.255") / u(),
    Ether(dst="ff:ff:ff:ff:ff:ff") / IP(src=b4, dst="10.77.0.255") / u(),
    Ether(dst="01:00:5e:00:00:01") / IP(src=b4, dst="224.0.0.1") / u(),
    Ether(dst=mac) / IP(src=b4, dst="10.77.0.99") / u(),
    Ether(dst="02:00:00:00:77:99") / IP(src=b4, dst="10.77.0.1") / u(),
    Ether(dst="33:33:00:00:00:01") / IPv6(src=b6, dst="ff02::1") / u(),
    Ether(dst=mac) / IPv6(src=b6, dst="fd00:77::99") / u(),
]
for f in frames:
    sendp(f, iface=ifc)
time.sleep(0.5)
n = 0
for s in (rx, rx6):
    s.setblocking(False)
    while True:
        try: s.recv(2048); n += 1
        except BlockingIOError: break
print(n)
PYEOF
)
[ "$res" = 0 ] && ok "broadcast, subnet broadcast, multicast (v4, v6), other addresses (v4, v6), other MAC: none echoed" ||
	bad "frames not for this host: $res echoed (want 0)"

# an address added while the stack runs is served; removed, it is not
ip -n $A addr add 10.77.0.50/24 dev $IA
sleep 0.3
[ "$(udp_echo 10.77.0.50 $PORT)" = ok ] && ok "address added while running: echoed from 10.77.0.50" ||
	bad "address added while running: not echoed"
ip -n $A addr del 10.77.0.50/24 dev $IA
sleep 0.3
[ "$(udp_echo 10.77.0.50 $PORT)" = timeout ] && ok "address removed: no longer echoed" ||
	bad "address removed: still answered"
[ "$(udp_echo $A4 $PORT)" = ok ] && ok "still serving $A4" || bad "echo to $A4 after the changes"

stk_stop || bad "stack exit code"
nl=$(stk_json "j['steer']['not_local']")
[ "${nl:-0}" -ge 7 ] && ok "steer.not_local counted them: $nl" || bad "steer.not_local: $nl (want >= 7)"
