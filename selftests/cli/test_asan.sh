#!/bin/sh
# xdpctl built with AddressSanitizer, LeakSanitizer and UBSan (build/asan)
# over a representative set of commands, good and bad: any report from a
# sanitizer fails the suite, and so does an unexpected exit code.
SUITE=xdpctl-asan
XDPCTL=${XDPCTL_ASAN:-$(pwd)/build/asan/xdpctl}
. "$(dirname "$0")/lib.sh"
N=xka$$
mkns $N
D=${N}0
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99
LOG=$(mktemp)
# run WANT-RC xdpctl-args...
run() {
	want=$1
	shift
	x $N "$@" >/dev/null 2>"$LOG"
	rc=$?
	if grep -qE "Sanitizer|runtime error:" "$LOG"; then
		bad "xdpctl $*: sanitizer report:"
		grep -E "ERROR|runtime error|SUMMARY| #[0-9] " "$LOG" | head -12 | sed 's/^/      /'
	elif [ "$rc" != "$want" ]; then
		bad "xdpctl $*: exit $rc (want $want): $(head -2 "$LOG")"
	else
		ok "xdpctl $*: exit $rc, clean"
	fi
}
run 0 help
run 0 attach help
run 0 -j help
run 0 status
run 0 -j status
run 0 attach pass dev $D
run 0 status dev $D
run 0 -j -p status dev $D
run 0 attach stats dev $D
run 0 detach dev $D
run 0 attach stats dev $D
run 0 stats dev $D
run 0 -j stats dev $D
run 0 map list dev $D
run 0 -j map dump name xk_stats dev $D
run 0 detach dev $D
run 0 filter add dev $D src 10.0.0.0/8 drop
run 0 filter add dev $D src fd00::/8 proto tcp dport 80-90 count
run 0 filter add dev $D dst 192.0.2.1/32 proto udp pass
run 0 filter list dev $D
run 0 -j filter list dev $D
run 0 filter default dev $D drop
run 0 map dump name xk_filter_rules dev $D
run 0 -j map dump name xk_filter_src4 dev $D
run 0 map get name xk_filter_rules dev $D key 1
run 0 map set name xk_filter_rules dev $D key 1 value src_len=16
run 0 -j map get name xk_filter_cfg dev $D key 0
run 0 filter del dev $D id 2
run 2 filter del dev $D src 10.0.0.0/8 drop
run 0 filter del dev $D id 1
run 0 detach dev $D
run 0 clean
run 0 -j clean
# bad input: usage (1) or system (2), never a report
run 1 frob
run 1 attach pass
run 1 attach pass dev $D mode turbo
run 1 filter add dev $D src 1.2.3.4/99 drop
run 1 filter add dev $D proto udp dport 9-3 drop
run 1 map set name xk_filter_cfg dev $D
run 1 st dev $D
run 2 attach nosuch dev $D
run 2 attach pass dev nosuchxk0
run 2 attach /dev/zero dev $D
run 2 attach "$TPROGS/rejected.bpf.o" dev $D
run 2 -j attach "$TPROGS/rejected.bpf.o" dev $D
run 2 map dump name nosuch dev $D
rm -f "$LOG"

# Uninitialised reads (which ASan does not see): the argument parser under
# valgrind's memcheck, on command lines that stop before any BPF syscall
# (valgrind does not model every bpf() attribute libbpf leaves unset).
if command -v valgrind >/dev/null 2>&1; then
	PLAIN=${XDPCTL_PLAIN:-$(pwd)/build/xdpctl}
	for args in "frob" "st dev $D" "attach pass" "attach pass dev $D mode turbo" \
		"attach pass dev $D xdp tc ingress" "filter add dev $D src 1.2.3.4/99 drop" \
		"map set name x" "help attach" "-j help" "stack dev $D udp-echo 70000"; do
		# shellcheck disable=SC2086
		inns $N valgrind -q --error-exitcode=99 "$PLAIN" $args >/dev/null 2>"$LOG"
		rc=$?
		if [ $rc = 99 ] || grep -q "Conditional jump\|uninitialised" "$LOG"; then
			bad "valgrind: xdpctl $args:"
			grep -E "==[0-9]+== (Cond|Use|  (at|by))" "$LOG" | head -8 | sed 's/^/      /'
		else
			ok "valgrind: xdpctl $args: no memcheck error (exit $rc)"
		fi
	done
else
	bad "valgrind is missing: run 'make deps'"
fi
