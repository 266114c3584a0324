#!/bin/sh
# make demo: a throwaway pair of network namespaces joined by a veth pair,
# xdpctl putting our `pass` program on the receiving end (XDP) and on its
# tc egress hook, real ping and UDP traffic, what the program counted; then
# the other use of the toolkit: a 20-line program of the user's own,
# compiled against the installed headers and attached beside `pass`. And
# everything removed again on every exit path.
set -eu
XDPCTL=${XDPCTL:-build/xdpctl}
TAG=xkd$$
NSA=${TAG}a NSB=${TAG}b
VA=${TAG}0 VB=${TAG}1
STAGE=$(mktemp -d /tmp/xkdemo.XXXXXX)
CLANG=${CLANG:-clang}
step() { printf '\n==> %s\n' "$*"; }

cleanup() {
	rc=$?
	trap - EXIT INT TERM
	[ -n "${CAP:-}" ] && kill "$CAP" 2>/dev/null
	# Detach first so the pins go too; deleting the namespaces would
	# take the programs with them, but not our pins.
	nsenter --net=/run/netns/$NSB "$XDPCTL" detach dev "$VB" >/dev/null 2>&1 || true
	ip netns del "$NSA" 2>/dev/null || true
	ip netns del "$NSB" 2>/dev/null || true
	rm -rf "$STAGE"
	[ "$rc" -eq 0 ] && printf '\n==> demo done: namespaces, veth pair and pins removed\n' ||
		printf '\n==> demo FAILED (exit %s); everything it made was removed\n' "$rc" >&2
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || { echo "demo: needs root (it creates network namespaces)" >&2; exit 2; }
[ -x "$XDPCTL" ] || { echo "demo: $XDPCTL missing; run 'make' first" >&2; exit 2; }
for t in ip ping nsenter /usr/bin/python3 "$CLANG" gcc; do
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

step "your own program: a 20-line udp_guard.c against the installed headers"
# What 'make install' puts under PREFIX/include, staged in a temporary
# directory, so the program sees exactly what a user's build would.
make --no-print-directory -s install-headers DESTDIR="$STAGE" PREFIX=/usr
cat >"$STAGE/udp_guard.c" <<'PROG'
/* Drop UDP to port 9999 and count what was dropped: XDP and TC from one body. */
#include <xdpkit/xdpkit.h>
#include <xdpkit/prog.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} udp_guard_drops SEC(".maps");

static __always_inline int guard(struct xk_pkt *pkt)
{
	struct xk_l4 l4;
	__u32 zero = 0;
	__u64 *n;

	if (xk_parse_l4(pkt, &l4) || l4.proto != IPPROTO_UDP || xk_l4_dport(&l4) != 9999)
		return XK_PASS;
	n = bpf_map_lookup_elem(&udp_guard_drops, &zero);
	if (n)
		__sync_fetch_and_add(n, 1);
	return XK_DROP;
}
XK_PROG_XDP_TC(udp_guard, guard)
char _license[] SEC("license") = "GPL";
PROG
sed 's/^/    /' "$STAGE/udp_guard.c"
cc="$CLANG -O2 -g -target bpf -Wall -Werror -I $STAGE/usr/include -I /usr/include/$(gcc -dumpmachine)"
echo "\$ $(echo "$cc" | sed "s|$STAGE/usr|/usr|g") -c udp_guard.c -o udp_guard.bpf.o"
echo "  (headers installed by 'make install-headers PREFIX=/usr', staged in $STAGE)"
$cc -c "$STAGE/udp_guard.c" -o "$STAGE/udp_guard.bpf.o"

step "xdpctl attach udp_guard.bpf.o dev $VB priority 60  (after pass on XDP: a chain, swapped in atomically)"
inb "$XDPCTL" attach "$STAGE/udp_guard.bpf.o" dev "$VB" priority 60

step "10 UDP datagrams to port 9998 and 10 to port 9999; a receiver in $NSB listens on both"
inb /usr/bin/python3 -c '
import socket, select, time
socks = {}
for port in (9998, 9999):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("10.77.0.2", port))
    socks[s] = port
print("ready", flush=True)
got = {9998: 0, 9999: 0}
end = time.time() + 2
while time.time() < end:
    r, _, _ = select.select(list(socks), [], [], 0.1)
    for s in r:
        s.recv(2048)
        got[socks[s]] += 1
print("the receiver got %d datagrams on 9998 and %d on 9999" % (got[9998], got[9999]))
assert got[9998] == 10 and got[9999] == 0, got' &
rx=$!
sleep 0.5
ina /usr/bin/python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for port in (9998, 9999):
    for i in range(10):
        s.sendto(b"datagram %d" % i, ("10.77.0.2", port))'
wait $rx

step "xdpctl map dump name udp_guard_drops dev $VB  (the program's own map, by field)"
inb "$XDPCTL" map dump name udp_guard_drops dev "$VB"
inb "$XDPCTL" -j map dump name udp_guard_drops dev "$VB" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
e = d["entries"] if isinstance(d, dict) else d
assert [x["value"] for x in e] == [10], "udp_guard did not count 10 drops: %s" % d'

step "xdpctl status dev $VB  (the XDP chain: pass, then your udp_guard, each with its verdicts; pass on tc egress)"
inb "$XDPCTL" status dev "$VB"

step "xdpctl capture dev $VB count 3 udp  (the chain's capture hooks) while $NSA runs: xdpctl gen dev $VA udp dst 10.77.0.2 dport 9999 count 3 rate 10"
# each packet three times: as it entered, as pass left it and as udp_guard
# left it, each with its verdict
nsenter --net=/run/netns/$NSB timeout 10 "$XDPCTL" capture dev "$VB" count 3 udp &
CAP=$! # nsenter execs timeout, which passes a kill on to xdpctl
sleep 0.7
ina "$XDPCTL" gen dev "$VA" udp dst 10.77.0.2 dport 9999 count 3 rate 10
wait $CAP || { echo "demo: the capture did not see the 3 packets"; exit 1; }
CAP=""

step "xdpctl detach dev $VB"
inb "$XDPCTL" detach dev "$VB"
inb "$XDPCTL" status dev "$VB"
