#!/bin/bash
# SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
# test-rewrite-netns: the kernel as the judge of what the rewrites write.
#
#   A (client) --veth-- R (router, our programs) --veth-- B (server)
#
# NAT (selftests/rewrite/nat.bpf.c) on both of R's ingress sides: requests
# to VIP:5081 get B's address and port 5082 (DNAT), B's replies get VIP:5081
# back. Real TCP (400 KB, sha256 compared end to end) and UDP (with a
# checksum, with checksum 0 via SO_NO_CHECK, and over IPv6) must get
# through intact, which they only do if every checksum we wrote is right:
#
#   xdp      nat_xdp; tx checksum offload off on A and B, because XDP on
#            veth would otherwise see CHECKSUM_PARTIAL packets whose
#            checksum field holds only the pseudo-header sum
#   tc       nat_tc with tx offload on on A and B: the packets reach R as
#            CHECKSUM_PARTIAL and bpf_l3/l4_csum_replace must keep that
#            state right; R's own veths have tx offload off, so R's output
#            path finishes the checksums in software (skb_checksum_help)
#            and A and B receive packets they verify in full. (Between two
#            veths with offload on, a PARTIAL packet is trusted unverified:
#            it would prove nothing.)
#   tc-none  nat_tc with tx offload off everywhere (CHECKSUM_NONE)
#
# Then, on A--R: ping and ping -6 answered by examples/icmp_echo in XDP on
# R (R's own echo replies are switched off; A's veth carries an XDP_PASS
# program so XDP_TX frames are delivered); examples/vlan (tagged frames
# from A are popped by XDP and reach a socket on R; R's replies leave
# tagged by TC, as tcpdump on A sees); examples/ipip_decap in XDP and TC
# (IPIP, GRE, 6in4, 4in6, IP6IP6, GRE over IPv6 frames from A reach a UDP
# socket on R that answers). This kernel has no tunnel or 8021q drivers,
# so Scapy sends the tunnel and tagged frames and tcpdump reads the tags.
#
# Everything lives in namespaces made here and is removed on every exit.
set -u
BUILD=${BUILD:-build}
PYTHON=${PYTHON:-/usr/bin/python3}
T=selftests/rewrite/traffic.py
NAT=$BUILD/selftests/rewrite/nat.bpf.o
ECHO=$BUILD/examples/icmp_echo/icmp_echo.bpf.o
VLAN=$BUILD/examples/vlan/vlan.bpf.o
DECAP=$BUILD/examples/ipip_decap/ipip_decap.bpf.o
PASS=$BUILD/progs/pass/pass.bpf.o

id=$$
A=xkrwA$id R=xkrwR$id B=xkrwB$id
VA=xk${id}a VRA=xk${id}ra VRB=xk${id}rb VB=xk${id}b
tmp=$(mktemp -d /tmp/xk-rewrite-netns.XXXXXX)
pids=()
passes=0
fails=0

cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	ip netns del "$A" 2>/dev/null
	ip netns del "$R" 2>/dev/null
	ip netns del "$B" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

die() { echo "rewrite-netns: $*"; exit 1; }
ok() { echo "ok   $*"; passes=$((passes + 1)); }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }

for c in ip tc ethtool ping tcpdump ss; do
	command -v $c >/dev/null || die "$c is missing (make deps)"
done
[ -x "$PYTHON" ] || die "$PYTHON is missing (python3-scapy: make deps)"
for o in "$NAT" "$ECHO" "$VLAN" "$DECAP" "$PASS"; do
	[ -f "$o" ] || die "$o is not built (make)"
done
[ "$(id -u)" = 0 ] || die "needs root (network namespaces, BPF)"

ip netns add "$A" && ip netns add "$R" && ip netns add "$B" ||
	die "cannot create network namespaces"
ip link add "$VA" netns "$A" type veth peer name "$VRA" netns "$R" &&
ip link add "$VB" netns "$B" type veth peer name "$VRB" netns "$R" ||
	die "cannot create veth pairs"
for ns in "$A" "$R" "$B"; do ip -n "$ns" link set lo up; done
ip -n "$A" link set "$VA" up
ip -n "$R" link set "$VRA" up
ip -n "$R" link set "$VRB" up
ip -n "$B" link set "$VB" up
ip -n "$A" addr add 10.77.1.1/24 dev "$VA"
ip -n "$A" addr add fd77:1::1/64 dev "$VA" nodad
ip -n "$R" addr add 10.77.1.254/24 dev "$VRA"
ip -n "$R" addr add fd77:1::fe/64 dev "$VRA" nodad
ip -n "$R" addr add 10.77.2.254/24 dev "$VRB"
ip -n "$R" addr add fd77:2::fe/64 dev "$VRB" nodad
ip -n "$B" addr add 10.77.2.2/24 dev "$VB"
ip -n "$B" addr add fd77:2::2/64 dev "$VB" nodad
ip -n "$A" route add default via 10.77.1.254
ip -n "$A" -6 route add default via fd77:1::fe
ip -n "$B" route add default via 10.77.2.254
ip -n "$B" -6 route add default via fd77:2::fe
ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1 \
	net.ipv6.conf.all.forwarding=1 net.ipv4.conf.all.rp_filter=0 \
	net.ipv4.conf.default.rp_filter=0
# R's veths never offload checksums: what R sends on is finished in software
ip netns exec "$R" ethtool -K "$VRA" tx off >/dev/null
ip netns exec "$R" ethtool -K "$VRB" tx off >/dev/null

tx() { # on|off: tx checksum offload of the end hosts A and B
	ip netns exec "$A" ethtool -K "$VA" tx "$1" >/dev/null &&
	ip netns exec "$B" ethtool -K "$VB" tx "$1" >/dev/null
}

# wait_port NS tcp|udp PORT: until a socket listens there (5 s)
wait_port() {
	local i flag=-ltn
	[ "$2" = udp ] && flag=-lun
	for i in $(seq 50); do
		ip netns exec "$1" ss -H $flag "sport = :$3" | grep -q . &&
			return 0
		sleep 0.1
	done
	return 1
}

# pair NAME SRV_NS PROTO PORT SERVER_ARGS -- CLIENT_NS CLIENT_ARGS
pair() {
	local name=$1 sns=$2 proto=$3 port=$4 spid out=$tmp/out
	shift 4
	local sargs=() cns
	while [ "$1" != -- ]; do sargs+=("$1"); shift; done
	shift
	cns=$1
	shift
	ip netns exec "$sns" "$PYTHON" "$T" "${sargs[@]}" >"$out.srv" 2>&1 &
	spid=$!
	pids+=("$spid")
	if ! wait_port "$sns" "$proto" "$port"; then
		bad "$name: server did not start: $(cat "$out.srv")"
		return
	fi
	if ip netns exec "$cns" timeout 60 "$PYTHON" "$T" "$@" >"$out" 2>&1 &&
	   wait "$spid"; then
		ok "$name: $(tail -1 "$out")"
	else
		kill "$spid" 2>/dev/null
		bad "$name: $(tail -1 "$out") $(tail -1 "$out.srv")"
	fi
}

nat_traffic() { # MODE
	local m=$1
	pair "$m tcp4" "$B" tcp 5082 tcp-server 10.77.2.2 5082 -- \
		"$A" tcp-client 10.77.3.100 5081 400000
	pair "$m tcp6" "$B" tcp 5082 tcp-server fd77:2::2 5082 -- \
		"$A" tcp-client fd77:3::100 5081 400000
	pair "$m udp4" "$B" udp 5082 udp-server 10.77.2.2 5082 200 -- \
		"$A" udp-client 10.77.3.100 5081 200 1200
	pair "$m udp6" "$B" udp 5082 udp-server fd77:2::2 5082 200 -- \
		"$A" udp-client fd77:3::100 5081 200 1200
	# checksum 0: capture what arrives at B to show it really was 0
	ip netns exec "$B" tcpdump --immediate-mode -Z root -i "$VB" -nn -U -w "$tmp/zero.pcap" \
		"udp and dst port 5082" 2>"$tmp/zero.err" &
	pids+=($!)
	local tpid=$!
	sleep 1
	pair "$m udp4 checksum 0" "$B" udp 5082 \
		udp-server 10.77.2.2 5082 50 -- \
		"$A" udp-client 10.77.3.100 5081 50 300 nocheck
	sleep 0.5
	kill "$tpid"
	wait "$tpid" 2>/dev/null
	local n nz
	n=$(tcpdump -nn -r "$tmp/zero.pcap" 2>/dev/null | wc -l)
	nz=$(tcpdump -nn -vv -r "$tmp/zero.pcap" 2>/dev/null |
		grep -c "\[no cksum\]")
	if [ "$n" -ge 50 ] && [ "$n" = "$nz" ]; then
		ok "$m udp4 checksum 0: B received $n datagrams, all checksum 0"
	else
		bad "$m udp4 checksum 0: B received $n datagrams, $nz with checksum 0 ($(tail -3 "$tmp/zero.err" | tr "\n" " "))"
	fi
}

hits() { # total rewrites counted by the nat_hits maps loaded in R
	local id t=0 v
	for id in $(bpftool -j map show 2>/dev/null | "$PYTHON" -c '
import json, sys
for m in json.load(sys.stdin):
    if m.get("name") == "nat_hits":
        print(m["id"])'); do
		v=$(bpftool -j map dump id "$id" 2>/dev/null | "$PYTHON" -c '
import json, sys
print(sum(int.from_bytes(bytes(int(b, 16) for b in e["value"]), "little")
          for e in json.load(sys.stdin)))' 2>/dev/null)
		t=$((t + ${v:-0}))
	done
	echo $t
}

xdp_on() { ip -n "$1" link set dev "$2" xdpdrv obj "$3" sec xdp; }
xdp_off() { ip -n "$1" link set dev "$2" xdpdrv off; }
tc_on() { # NS DEV ingress|egress OBJ
	tc -n "$1" qdisc show dev "$2" | grep -q clsact ||
		tc -n "$1" qdisc add dev "$2" clsact
	tc -n "$1" filter add dev "$2" "$3" bpf da obj "$4" sec tc
}
tc_off() { tc -n "$1" qdisc del dev "$2" clsact 2>/dev/null; true; }

echo "rewrite-netns: A=$A R=$R B=$B"

# ---- NAT in XDP -----------------------------------------------------------
tx off
xdp_on "$R" "$VRA" "$NAT" && xdp_on "$R" "$VRB" "$NAT" ||
	die "cannot attach nat_xdp"
nat_traffic xdp
xdp_off "$R" "$VRA"
xdp_off "$R" "$VRB"

# ---- NAT in TC ------------------------------------------------------------
for mode in tc tc-none; do
	[ $mode = tc ] && tx on || tx off
	tc_on "$R" "$VRA" ingress "$NAT" && tc_on "$R" "$VRB" ingress "$NAT" ||
		die "cannot attach nat_tc"
	nat_traffic $mode
	tc_off "$R" "$VRA"
	tc_off "$R" "$VRB"
done
tx on

# ---- icmp_echo ------------------------------------------------------------
ip netns exec "$R" sysctl -qw net.ipv4.icmp_echo_ignore_all=1 \
	net.ipv6.icmp.echo_ignore_all=1
if ip netns exec "$A" ping -q -c 1 -W 1 10.77.1.254 >/dev/null 2>&1; then
	bad "icmp_echo: R answers pings with its own replies switched off"
fi
xdp_on "$A" "$VA" "$PASS" && xdp_on "$R" "$VRA" "$ECHO" ||
	die "cannot attach icmp_echo / pass"
for v in 4 6; do
	addr=10.77.1.254
	[ $v = 6 ] && addr=fd77:1::fe
	out=$(ip netns exec "$A" ping -$v -c 5 -i 0.2 -W 2 $addr 2>&1)
	rx=$(echo "$out" | sed -n 's/.* \([0-9]*\) received.*/\1/p')
	if [ "${rx:-0}" = 5 ]; then
		ok "icmp_echo: ping -$v $addr: 5 of 5 replies from XDP"
	else
		bad "icmp_echo: ping -$v $addr: ${rx:-0} of 5 replies"
	fi
done
xdp_off "$R" "$VRA"
xdp_off "$A" "$VA"
ip netns exec "$R" sysctl -qw net.ipv4.icmp_echo_ignore_all=0 \
	net.ipv6.icmp.echo_ignore_all=0

macRA=$(ip -n "$R" -br link show "$VRA" | awk '{print $3}')
macA=$(ip -n "$A" -br link show "$VA" | awk '{print $3}')

# ---- vlan -----------------------------------------------------------------
ip -n "$R" addr add 10.78.0.254/24 dev "$VRA"
# R cannot resolve A over the VLAN (A has no 8021q driver to answer)
ip -n "$R" neigh add 10.78.0.1 lladdr "$macA" dev "$VRA"
xdp_on "$R" "$VRA" "$VLAN" && tc_on "$R" "$VRA" egress "$VLAN" ||
	die "cannot attach the vlan example"
ip netns exec "$A" tcpdump --immediate-mode -Z root -i "$VA" -nn -e -U -w "$tmp/vlan.pcap" \
	"vlan 100 and udp" 2>"$tmp/vlan.err" &
tpid=$!
pids+=($tpid)
sleep 1
pair "vlan: tagged frames popped by XDP reach R's socket" "$R" udp 40100 \
	udp-server 10.78.0.254 40100 20 -- \
	"$A" raw-udp "$VA" "$macRA" vlan100 10.78.0.1 10.78.0.254 40100 20
sleep 0.5
kill $tpid
wait $tpid 2>/dev/null
n=$(tcpdump -nn -e -r "$tmp/vlan.pcap" 2>/dev/null |
	grep -c "vlan 100, .* 10.78.0.254.40100 > 10.78.0.1.40100: UDP")
if [ "$n" = 20 ]; then
	ok "vlan: R's 20 replies left tagged vlan 100 (TC push), seen on A"
else
	bad "vlan: $n of R's 20 replies seen tagged vlan 100 on A ($(tail -3 "$tmp/vlan.err" | tr '\n' ' '); $(tcpdump -nn -e -r "$tmp/vlan.pcap" 2>/dev/null | head -2))"
fi
xdp_off "$R" "$VRA"
tc_off "$R" "$VRA"

# ---- ipip_decap -----------------------------------------------------------
ip -n "$R" addr add 10.79.0.2/32 dev lo
ip -n "$R" addr add fd79::2/128 dev lo
ip -n "$A" addr add 10.79.0.1/32 dev lo
ip -n "$A" addr add fd79::1/128 dev lo
ip -n "$R" route add 10.79.0.1/32 via 10.77.1.1
ip -n "$R" -6 route add fd79::1/128 via fd77:1::1
port=7100
for how in xdp tc; do
	if [ $how = xdp ]; then
		xdp_on "$R" "$VRA" "$DECAP"
	else
		tc_on "$R" "$VRA" ingress "$DECAP"
	fi || die "cannot attach ipip_decap ($how)"
	for k in "ipip 10.79.0.1 10.79.0.2" "gre4 10.79.0.1 10.79.0.2" \
		 "sit fd79::1 fd79::2" "4in6 10.79.0.1 10.79.0.2" \
		 "ip6ip6 fd79::1 fd79::2" "gre6 fd79::1 fd79::2"; do
		set -- $k
		port=$((port + 1))
		pair "ipip_decap $how: $1" "$R" udp $port \
			udp-server "$3" $port 10 -- \
			"$A" raw-udp "$VA" "$macRA" "$1" "$2" "$3" $port 10
	done
	xdp_off "$R" "$VRA"
	tc_off "$R" "$VRA"
done

echo "rewrite-netns: $passes passed, $fails failed"
[ "$fails" = 0 ]
