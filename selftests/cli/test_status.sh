#!/bin/sh
# xdpctl status as a user reads it, against a snapshot: the legend line,
# ifindex prefixes, full program names from BTF (the kernel keeps 15
# characters), owner xdpkit|foreign, and the XDP mode note only under an
# interface whose XDP hook is taken. Ids, tags, namespace inodes and the
# probe's reason are machine facts: normalised before the comparison.
SUITE=status
. selftests/cli/lib.sh

N=xkst$$
A=${N}0
B=${N}1
SNAP=selftests/cli/status.snap
mkns $N

x $N attach pass dev $A >/dev/null || bad "attach pass"
inns $N ip link set dev $B xdpgeneric obj "$TPROGS/long_name.bpf.o" sec xdp ||
	bad "ip link: foreign XDP program"
inns $N tc qdisc add dev $B clsact && inns $N tc filter add dev $B ingress \
	bpf da obj "$TPROGS/tc_only.bpf.o" sec tc || bad "tc: foreign filter"

ia=$(ip -n $N -o link show dev $A | cut -d: -f1)
ib=$(ip -n $N -o link show dev $B | cut -d: -f1)
ino=$(ns_ino $N)
out=$(x $N status 2>&1); rc=$?
[ $rc = 0 ] && ok "status exits 0" || bad "status: rc $rc"
norm() {
	sed -e "s/$N/NS/g" -e "s/\b$ino\b/INO/g" \
	    -e "s/^$ia: /IA: /; s/^$ib: /IB: /; s/\/${ia}_/\/IA_/" \
	    -e 's/id [0-9]*/id ID/; s/tag [0-9a-f]\{16\}/tag TAG/' \
	    -e 's/handle 0x[0-9a-f]* prio [0-9]*/handle H prio P/' \
	    -e 's/^\(\tnote: xdpkit chain: \).*/\1REASON/' \
	    -e '/^\t    counters:/s/ [0-9][0-9]*/ C/g'
}
got=$(printf '%s\n' "$out" | norm | grep -v '^1: lo')
if [ "$got" = "$(cat $SNAP)" ]; then
	ok "status text matches $SNAP"
else
	bad "status text differs from $SNAP:"
	printf '%s\n' "$got" | diff -u $SNAP - | sed 's/^/    /'
fi
printf '%s\n' "$out" | grep -q "name xk_foreign_program_with_a_long_name " &&
	ok "a foreign program's name in full from BTF (the kernel keeps xk_foreign_progr)" ||
	bad "no full BTF name in: $out"
n=$(printf '%s\n' "$out" | grep -c "note: xdpkit chain")
[ "$n" = 2 ] && ok "the mode note once per interface with XDP (2 of 3)" ||
	bad "mode note $n times (want 2)"
# the note says where the freplace refusal came from, or that it works
printf '%s\n' "$out" | grep -q "note: xdpkit chain: \(libxdp's dispatcher needs freplace programs, and this machine refuses them (.*)\|freplace works here (an EXT program loads and attaches), but libxdp [0-9.]*'s dispatcher\)" &&
	ok "the note gives the probe's answer" || bad "the note: $(printf '%s\n' "$out" | grep note: | head -1)"
# JSON: the same names, and the note as multiprog
j=$(x $N -j status dev $B)
printf '%s' "$j" | /usr/bin/python3 -c '
import json,sys
d=json.load(sys.stdin)
names=sorted(p["name"] for p in d["interfaces"][0]["programs"])
assert names == ["xk_foreign_program_with_a_long_name", "xk_tc_only"], names
assert d["multiprog"].startswith("xdpkit chain: "), d["multiprog"]' &&
	ok "JSON: full names and the multiprog note" || bad "JSON: $j"
