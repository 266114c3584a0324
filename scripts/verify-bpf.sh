#!/bin/sh
# Load every BPF object given into this kernel (bpftool prog loadall) and
# report the verifier's processed instruction count per program. Pins go to
# a private directory under /sys/fs/bpf/xdpkit and are removed on any exit.
set -u
dir=/sys/fs/bpf/xdpkit/verify-$$  # bpffs refuses dots in names
cleanup() { rm -rf "$dir"; rmdir /sys/fs/bpf/xdpkit 2>/dev/null; true; }
trap cleanup EXIT INT TERM
mkdir -p /sys/fs/bpf/xdpkit || { echo "verify-bpf: no bpffs at /sys/fs/bpf (mount -t bpf bpf /sys/fs/bpf)"; exit 2; }
pass=0
fail=0
for o in "$@"; do
	log=$(mktemp)
	mkdir -p "$dir"
	if bpftool -d prog loadall "$o" "$dir" >"$log" 2>&1; then
		n=$(grep -c '^processed' "$log")
		echo "verify: ok   $o ($n programs; processed: $(grep -o '^processed [0-9]*' "$log" | awk '{print $2}' | tr '\n' ' '))"
		pass=$((pass + 1))
	else
		echo "verify: FAIL $o"
		grep -vE '^libbpf: (elf|sec|map|prog|CO-RE)|^$' "$log" | tail -25 | sed 's/^/    /'
		fail=$((fail + 1))
	fi
	rm -f "$log"
	rm -rf "$dir"
done
echo "verify-bpf: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
