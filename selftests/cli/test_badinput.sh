#!/bin/sh
# Bad input: one clear line, the right exit code, valid JSON under -j, and
# nothing attached afterwards.
SUITE=xdpctl-badinput
. "$(dirname "$0")/lib.sh"
need setpriv
N=xkf$$
mkns $N
D=${N}0
TMPF=$(mktemp /tmp/xknotbpf.XXXXXX)
echo "not an ELF file" > "$TMPF"

nothing_attached() {
	[ "$(st_field $N $D 'len(i["programs"])+len(i["stale_pins"])')" = 0 ]
}
# expect NAME RC PATTERN xdpctl-args...
expect() {
	name=$1 want=$2 pat=$3
	shift 3
	out=$(x $N "$@" 2>&1 >/dev/null); rc=$?
	lines=$(printf '%s\n' "$out" | grep -c .)
	if [ $rc = "$want" ] && printf '%s' "$out" | grep -qi -- "$pat" && { [ "$want" = 1 ] || [ "$lines" = 1 ]; }; then
		ok "$name: exit $rc, says '$pat'"
	else
		bad "$name: exit $rc (want $want), lines $lines: $out"
	fi
	jout=$(x $N -j "$@" 2>/dev/null)
	printf '%s' "$jout" | /usr/bin/python3 -c 'import json,sys; assert "error" in json.load(sys.stdin)' &&
		ok "$name: -j gives a JSON error" || bad "$name: -j output not JSON: $jout"
	nothing_attached && ok "$name: nothing attached" || bad "$name: something attached"
}

expect "unknown interface" 2 "no interface" attach pass dev nosuchxk0
expect "not a BPF object" 2 "not a BPF object" attach "$TMPF" dev $D
expect "no such file" 2 "neither a program we ship" attach /nonexistent.o dev $D
expect "no XDP program" 2 "no XDP program" attach "$TPROGS/tc_only.bpf.o" dev $D
# the verifier's own words, not a privilege message (the program's name
# holds "rejected": match what only the verdict says)
expect "verifier rejects" 2 "verifier rejected program 'xk_rejected': invalid access to packet" attach "$TPROGS/rejected.bpf.o" dev $D
out=$(x $N attach "$TPROGS/rejected.bpf.o" dev $D 2>&1)
printf '%s' "$out" | grep -qi "root\|permission" && bad "verifier rejection blames privileges: $out" || ok "verifier rejection does not blame privileges"
# what the file is, never a libbpf error number
printf '' > "$TMPF.empty"
head -c 100 "$PASS_OBJ" > "$TMPF.cut"
expect "empty file" 2 "is empty, not a BPF object" attach "$TMPF.empty" dev $D
expect "truncated BPF ELF" 2 "cut short or damaged" attach "$TMPF.cut" dev $D
expect "a directory" 2 "is a directory, not a BPF object" attach /tmp dev $D
expect "a device" 2 "not a regular file" attach /dev/zero dev $D
expect "ELF for another machine" 2 "ELF file for machine 62" attach /bin/sh dev $D
for f in "$TMPF.empty" "$TMPF.cut" /tmp /dev/zero /bin/sh; do
	out=$(x $N attach "$f" dev $D 2>&1)
	printf '%s' "$out" | grep -q "Unknown error" && bad "libbpf error number shown for $f: $out"
done
rm -f "$TMPF.empty" "$TMPF.cut"
expect "two XDP programs, no choice" 2 "has 2 programs for the xdp hook (xk_two_a, xk_two_b): pick one" attach "$TPROGS/two_xdp.bpf.o" dev $D
check "two XDP programs, 'name' picks" x $N attach "$TPROGS/two_xdp.bpf.o" dev $D name xk_two_b
check "detach it" x $N detach dev $D
expect "XDP program on tc hook" 2 "cannot go on the tc ingress hook" attach pass dev $D tc ingress section xdp
expect "missing dev" 1 "missing dev" attach pass
expect "bad mode" 1 "expected one of" attach pass dev $D mode turbo
expect "two hooks" 1 "one hook" attach pass dev $D xdp tc ingress
expect "unknown command" 1 "unknown command" frobnicate
expect "hw on veth" 2 "hw mode" attach pass dev $D mode hw

# -v adds the verifier log tail
out=$(x $N -v attach "$TPROGS/rejected.bpf.o" dev $D 2>&1)
echo "$out" | grep -q "invalid access to packet\|R.* offset" && ok "-v shows the verifier log tail" || bad "-v: $out"

# without CAP_BPF/CAP_NET_ADMIN/CAP_SYS_ADMIN, and as nobody
for how in "--inh-caps=-bpf,-net_admin,-sys_admin --bounding-set=-bpf,-net_admin,-sys_admin" \
	   "--reuid=65534 --regid=65534 --clear-groups"; do
	out=$(inns $N setpriv $how "$XDPCTL" attach pass dev $D 2>&1); rc=$?
	lines=$(printf '%s\n' "$out" | grep -c .)
	[ $rc = 2 ] && [ "$lines" = 1 ] && echo "$out" | grep -q "permission denied.*root" &&
		ok "no privileges ($how): one line, exit 2" || bad "no privileges ($how): exit $rc: $out"
	nothing_attached && ok "no privileges: nothing attached" || bad "no privileges: attached"
done

# help everywhere, prefixes, version
check "xdpctl help" x $N help
check "xdpctl attach help" x $N attach help
check "prefixes: 'statu d DEV'" x $N statu d $D
# status, stats and stack share 'st': a prefix must be unique
expect "ambiguous prefix" 1 "ambiguous" st d $D
check "-V" x $N -V
x $N -j help | /usr/bin/python3 -c 'import json,sys; json.load(sys.stdin)["commands"]' && ok "-j help is JSON" || bad "-j help"
rm -f "$TMPF"
