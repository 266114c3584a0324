#!/bin/sh
# make demo: a throwaway pair of network namespaces joined by a veth pair,
# xdpctl putting our `pass` program on the receiving end (XDP) and on its
# tc egress hook, real ping and UDP traffic, what the program counted, and
# everything removed again on every exit path.
set -eu
XDPCTL=${XDPCTL:-build/xdpctl}
TAG=xkd$$
NSA=${TAG}a NSB=${TAG}b
VA=${TAG}0 VB=${TAG}1
step() { printf '\n==> %s\n' "$*"; }

cleanup() {
	rc=$?
	trap - EXIT INT TERM
	# Detach first so the pins go too; deleting the namespaces would
	# take the programs with them, but not our pins.
	nsenter --net=/run/netns/$NSB "$XDPCTL" detach dev "$VB" >/dev/null 2>&1 || true
	ip netns del "$NSA" 2>/dev/null || true
	ip netns del "$NSB" 2>/dev/null || true
	[ "$rc" -eq 0 ] && printf '\n==> demo done: namespaces, veth pair and pins removed\n' ||
		printf '\n==> demo FAILED (exit %s); everything it made was removed\n' "$rc" >&2
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || { echo "demo: needs root (it creates network namespaces)" >&2; exit 2; }
[ -x "$XDPCTL" ] || { echo "demo: $XDPCTL missing; run 'make' first" >&2; exit 2; }
for t in ip ping nsenter /usr/bin/python3; do
	command -v "$t" >/dev/null || { echo "demo: $t missing; run 'make deps'" >&2; exit 2; }
done
# In the namespace, with the host's bpffs still visible (ip netns exec
# would hide it; see xdpctl(8)).
inb() { nsenter --net=/run/netns/$NSB "$@"; }
ina() { nsenter --net=/run/netns/$NSA "$@"; }

step "creating namespaces $NSA and $NSB joined by veth $VA <-> $VB (10.77.0.1 <-> 10.77.0.2)"
ip netns add "$NSA"
ip netns add "$NSB"
ip link add "$VA" netns "$NSA" type veth peer name "$VB" netns "$NSB"
ina ip addr add 10.77.0.1/24 dev "$VA"
inb ip addr add 10.77.0.2/24 dev "$VB"
ina ip link set "$VA" up
inb ip link set "$VB" up

step "xdpctl attach pass dev $VB            (XDP, best mode)"
inb "$XDPCTL" attach pass dev "$VB"
step "xdpctl attach pass dev $VB tc egress  (clsact egress: the replies)"
inb "$XDPCTL" attach pass dev "$VB" tc egress

step "sending traffic from $NSA: 5 pings and 10 UDP datagrams to 10.77.0.2:9999"
ina ping -c 5 -i 0.2 -q 10.77.0.2
ina /usr/bin/python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(10):
    s.sendto(b"hello from the xdpkit demo %d" % i, ("10.77.0.2", 9999))
print("sent 10 UDP datagrams")'
sleep 0.2

step "xdpctl status dev $VB  (who is attached, and what each program counted)"
inb "$XDPCTL" status dev "$VB"

echo "(tc egress also counts the ICMP port-unreachable replies: nothing listens on UDP 9999)"

step "the same as JSON: xdpctl -j status dev $VB | the XDP program's counters"
inb "$XDPCTL" -j status dev "$VB" | /usr/bin/python3 -c '
import json, sys
st = json.load(sys.stdin)
for p in st["interfaces"][0]["programs"]:
    if p["hook"] == "xdp":
        c = p["counters"]
        print("XDP saw %d packets: %d ICMP, %d UDP, %d ARP, %d IPv6, %d other"
              % (c["packets"], c["icmp"], c["udp"], c["arp"], c["ipv6"], c["other"]))
        assert c["icmp"] >= 5 and c["udp"] >= 10, "program missed traffic"'

step "xdpctl detach dev $VB"
inb "$XDPCTL" detach dev "$VB"
inb "$XDPCTL" status dev "$VB"
