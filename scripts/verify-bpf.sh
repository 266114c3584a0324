#!/bin/sh
# Load every BPF object given into this kernel (bpftool prog loadall) and
# report the verifier's processed instruction count per program.
#
# The loads run in a private mount namespace on a bpffs of their own:
# libbpf pins maps declared with pinning=by-name at /sys/fs/bpf/<name>
# during the load and bpftool 7.1 cannot move that root, so on the host's
# bpffs a verifier check would leave pins outside /sys/fs/bpf/xdpkit.
set -u
if [ "${XK_VERIFY_INNER:-}" != 1 ]; then
	command -v unshare >/dev/null ||
		{ echo "verify-bpf: unshare missing (util-linux): run 'make deps'"; exit 2; }
	exec unshare --mount --propagation private env XK_VERIFY_INNER=1 "$0" "$@"
fi
mount -t bpf bpf /sys/fs/bpf ||
	{ echo "verify-bpf: cannot mount a private bpffs (need root)"; exit 2; }
dir=/sys/fs/bpf/xdpkit/verify # bpffs refuses dots in names
pass=0
fail=0
for o in "$@"; do
	log=$(mktemp)
	rm -rf "$dir"
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
done
echo "verify-bpf: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
