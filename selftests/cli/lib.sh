# Shared helpers for the xdpctl system tests (sourced, POSIX sh).
#
# Every suite works in network namespaces and veth pairs it creates itself,
# named xk<suite><pid>..., runs xdpctl there through nsenter (which keeps the
# host bpffs visible), and removes namespaces and its pins on every exit.
set -u
XDPCTL=${XDPCTL:-$(pwd)/build/xdpctl}
PASS_OBJ=${PASS_OBJ:-$(pwd)/build/progs/pass/pass.bpf.o}
TPROGS=${TPROGS:-$(pwd)/build/selftests/loader/progs}
SUITE=${SUITE:-cli}
T_PASS=0
T_FAIL=0
T_NS=""

ok() { T_PASS=$((T_PASS + 1)); echo "  ok   $*"; }
bad() { T_FAIL=$((T_FAIL + 1)); echo "  FAIL $*"; }
check() {	# check "what" cmd...
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi
}
need() {
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 ||
			{ echo "$SUITE: FAIL: '$t' is missing; run 'make deps'"; exit 1; }
	done
}
[ "$(id -u)" = 0 ] || { echo "$SUITE: FAIL: needs root"; exit 1; }
[ -x "$XDPCTL" ] || { echo "$SUITE: FAIL: $XDPCTL missing; run make"; exit 1; }
need ip tc bpftool nsenter /usr/bin/python3

# mkns NAME: namespace with veth NAME0 <-> NAME1 inside it, both up.
mkns() {
	ip netns add "$1"
	T_NS="$T_NS $1"
	ip -n "$1" link add "${1}0" type veth peer name "${1}1"
	ip -n "$1" link set "${1}0" up
	ip -n "$1" link set "${1}1" up
	ip -n "$1" link set lo up
}
# mkpeer NAME: namespaces NAME and NAMEb joined by veth NAME0 (in NAME) <->
# NAME1 (in NAMEb), both up; sets A=NAME0 and B=NAME1.
mkpeer() {
	mkns "$1"
	A=${1}0 B=${1}1
	ip netns add "${1}b"
	T_NS="$T_NS ${1}b"
	ip -n "$1" link set "$B" netns "${1}b"
	ip -n "${1}b" link set "$B" up
	ip -n "${1}b" link set lo up
}
# in NS cmd...: run in the namespace, host mounts (bpffs) kept.
inns() {
	ns=$1
	shift
	nsenter --net=/run/netns/"$ns" "$@"
}
x() {
	ns=$1
	shift
	nsenter --net=/run/netns/"$ns" "$XDPCTL" "$@"
}
ns_ino() { stat -L -c %i /run/netns/"$1"; }

# iproute2 (ip link ... xdp obj, tc ... bpf obj) makes its state dirs in
# bpffs (tc/, xdp -> tc/, ip -> tc/): shared with iproute2 and libxdp, they
# stay. Only our own pins go.
t_cleanup() {
	for ns in $T_NS; do
		ino=$(ns_ino "$ns" 2>/dev/null || true)
		nsenter --net=/run/netns/"$ns" "$XDPCTL" -j status >/dev/null 2>&1 &&
			for dev in $(ip -n "$ns" -o link show | awk -F': ' '{print $2}' | cut -d@ -f1); do
				nsenter --net=/run/netns/"$ns" "$XDPCTL" detach dev "$dev" >/dev/null 2>&1 || true
			done
		ip netns del "$ns" 2>/dev/null || true
		[ -n "$ino" ] && rm -rf "/sys/fs/bpf/xdpkit/$ino" 2>/dev/null
	done
	rmdir /sys/fs/bpf/xdpkit 2>/dev/null || true
}
t_finish() {
	rc=$?
	trap - EXIT INT TERM
	t_cleanup
	[ "$rc" -ne 0 ] && [ "$T_FAIL" -eq 0 ] && bad "suite aborted (exit $rc)"
	echo "$SUITE: $T_PASS passed, $T_FAIL failed"
	[ "$T_FAIL" -eq 0 ] && echo "$SUITE: PASS" || echo "$SUITE: FAIL"
	[ "$T_FAIL" -eq 0 ]
	exit $?
}
trap t_finish EXIT
trap 'exit 130' INT TERM

# Queries other tools give us (all inside a namespace).
xdp_id() {	# NS DEV -> attached XDP prog id per `ip -j link` ("" if none)
	inns "$1" ip -j link show dev "$2" | /usr/bin/python3 -c '
import json,sys
l=json.load(sys.stdin)[0]
x=l.get("xdp",{})
print(x.get("prog",{}).get("id","") if x else "")'
}
xdp_mode() {	# NS DEV -> ip's mode number (1 drv, 2 generic, 3 hw)
	inns "$1" ip -j link show dev "$2" | /usr/bin/python3 -c '
import json,sys
print(json.load(sys.stdin)[0].get("xdp",{}).get("mode",""))'
}
bpftool_net() {	# NS DEV KIND -> ids bpftool net show lists for DEV (KIND xdp|tc)
	inns "$1" bpftool -j net show dev "$2" | /usr/bin/python3 -c '
import json,sys
d=json.load(sys.stdin)[0]
print(" ".join(str(e["id"]) for e in d.get(sys.argv[1],[]) if "id" in e))' "$3"
}
tc_ids() {	# NS DEV ingress|egress -> prog ids of cls_bpf filters per tc
	inns "$1" tc filter show dev "$2" "$3" | sed -n 's/.* id \([0-9]*\) .*/\1/p' | tr '\n' ' '
}
st_field() {	# NS DEV PYEXPR over the status JSON interface object i
	inns "$1" "$XDPCTL" -j status dev "$2" | /usr/bin/python3 -c '
import json,sys
i=json.load(sys.stdin)["interfaces"][0]
print(eval(sys.argv[1]))' "$3"
}
pins_of() { find "/sys/fs/bpf/xdpkit/$(ns_ino "$1")" -type f 2>/dev/null | wc -l; }
