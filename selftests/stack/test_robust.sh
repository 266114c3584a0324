#!/bin/sh
# Robustness of xdpctl stack: malformed and truncated frames to its port
# (raw frames from the peer, built by Scapy) are dropped and counted under
# the right name while the stack keeps serving, and good odd ones (zero
# IPv4 UDP checksum, IPv4 options) are echoed; a stack killed with SIGKILL
# leaves its program and pins, which `xdpctl status` shows and `xdpctl
# clean` removes, giving the port back to the kernel.
SUITE=stack-robust
. "$(dirname "$0")/lib.sh"
stk_setup
MAC_A=$(ip -n $A -j link show dev $IA | $PY -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')

stk_start udp-echo 7777 || { bad "xdpctl stack did not start"; exit 1; }
[ "$(udp_echo $A4 7777)" = ok ] || bad "warm-up echo"
# frames from B's port 40000, raw; echoes come back to a socket there
res=$(inns $B $PY - $IB $MAC_A $B4 $A4 $B6 $A6 <<'PYEOF'
import socket, struct, sys, time
from scapy.all import Ether, IP, IPv6, UDP, Raw, sendp, conf
conf.verb = 0
ifc, mac, b4, a4, b6, a6 = sys.argv[1:]
rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); rx.bind((b4, 40000))
rx6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); rx6.bind((b6, 40000))
E = Ether(dst=mac)
P = Raw(b"p" * 18)
def u4(**kw): return IP(src=b4, dst=a4) / UDP(sport=40000, dport=7777, **kw)
def pseudo4(n):
    s = struct.unpack("!HHHH", socket.inet_aton(b4) + socket.inet_aton(a4))
    t = sum(s) + 17 + n
    while t >> 16: t = (t & 0xffff) + (t >> 16)
    return t
good = E / u4() / P
frames = [
    ("bad_csum", 3, E / u4(chksum=0x1234) / P),
    ("partial", 2, E / u4(chksum=pseudo4(26)) / P),
    ("bad_ip_csum", 2, E / IP(src=b4, dst=a4, chksum=0x4321) / UDP(sport=40000, dport=7777) / P),
    ("ip_len_past_frame", 2, E / IP(src=b4, dst=a4, len=200) / UDP(sport=40000, dport=7777) / P),
    ("udp_len_past_ip", 2, E / u4(len=100) / P),
    ("udp6_zero_csum", 2, E / IPv6(src=b6, dst=a6) / UDP(sport=40000, dport=7777, chksum=0) / P),
    ("ip6_jumbo_len", 1, E / IPv6(src=b6, dst=a6, plen=0) / UDP(sport=40000, dport=7777) / P),
    ("udp_len_below_8", 1, E / u4(len=4) / P),
    ("cut_in_udp_header", 1, (E / u4() / P).build()[:38]),
    ("zero_csum_ok", 1, E / u4(chksum=0) / Raw(b"z" * 18)),
    ("ip_options_ok", 1, E / IP(src=b4, dst=a4, options=b"\x01\x01\x01\x00") / UDP(sport=40000, dport=7777) / Raw(b"o" * 18)),
]
for name, n, f in frames:
    raw = f if isinstance(f, bytes) else f.build()
    for _ in range(n):
        sendp(raw, iface=ifc)
time.sleep(0.3)
got = []
for s in (rx, rx6):
    s.setblocking(False)
    while True:
        try: got.append(s.recv(2048))
        except BlockingIOError: break
print(" ".join(sorted(g[:1].decode() for g in got)))
PYEOF
)
[ "$res" = "o z" ] && ok "echoed exactly the good odd frames (zero IPv4 checksum, IPv4 options)" ||
	bad "echoes of raw frames: '$res' (want 'o z')"
for a in $A4 $A6 $AV4; do
	[ "$(udp_echo $a 7777)" = ok ] && ok "still serving $a after the bad frames" || bad "no echo $a after bad frames"
done
stk_stop TERM || bad "stack exit code $?"
for kv in rx_bad_csum=5 rx_csum_partial=2 rx_bad_ip_csum=2 rx_truncated=4 rx_malformed=1; do
	k=${kv%=*} v=${kv#*=}
	got=$(stk_json "j['stats']['$k']")
	[ "$got" = "$v" ] && ok "counted $k = $v" || bad "$k = $got, want $v"
done
got=$(stk_json "j['steer']['unparsed']")
[ "$got" = 2 ] && ok "steer: 2 unparseable frames left to the kernel" || bad "steer unparsed = $got, want 2"
[ "$(stk_json 'j["frames"]["balanced"]')" = True ] && ok "frames balanced" || bad "frames: $(stk_json 'j["frames"]')"

# a second stack on the same interface is refused while one runs
stk_start udp-echo 7777 || bad "start for the kill test"
r=$(x $A stack dev $IA udp-echo 7778 2>&1)
echo "$r" | grep -q "already serves" && ok "second stack refused: $r" || bad "second stack: $r"

# SIGKILL: the program and its pins stay, clean repairs
stk_stop KILL
st=$(x $A -j status dev $IA | $PY -c '
import json,sys
i=json.load(sys.stdin)["interfaces"][0]
p=[p for p in i["programs"] if p["hook"]=="xdp"]
print(p[0]["label"], p[0]["owner"], bool(p[0]["pin"]) if p else "none")')
[ "$st" = "xsk_steer xdpkit True" ] && ok "after SIGKILL status shows the leftover: $st" || bad "status after SIGKILL: $st"
[ "$(udp_echo $A4 7777)" = timeout ] && ok "port 7777 is dropped meanwhile (steered, no socket)" || bad "7777 answered after SIGKILL"
check "ping still works with the leftover" inns $B ping -c 1 -W 1 $A4
r=$(x $A -j clean)
[ "$(echo "$r" | $PY -c 'import json,sys; print(json.load(sys.stdin)["orphans_detached"])')" = 1 ] &&
	ok "clean detached the orphan: $r" || bad "clean: $r"
[ -z "$(xdp_id $A $IA)" ] && ok "no XDP program left" || bad "XDP program left after clean"
[ "$(pins_of $A)" = 0 ] && ok "no pins left" || bad "pins left after clean"
r=$(inns $B $PY -c '
import socket
s=socket.socket(); s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.settimeout(1)
s.connect(("'$A4'",7777)); s.send(b"x")
try: s.recv(10); print("answered")
except ConnectionRefusedError: print("refused")
except socket.timeout: print("timeout")')
[ "$r" = refused ] && ok "port 7777 is the kernel's again (ICMP port unreachable)" || bad "after clean: $r"
stk_start udp-echo 7777 || bad "restart after clean"
[ "$(udp_echo $A4 7777)" = ok ] && ok "a new stack serves after clean" || bad "no echo after restart"
stk_stop TERM || bad "final stop"
