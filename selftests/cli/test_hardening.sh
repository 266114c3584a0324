#!/bin/sh
# Reproductions of defects found by an outside test campaign (issue 10):
# each case failed before its fix.
SUITE=xdpctl-hardening
. "$(dirname "$0")/lib.sh"
need unshare
N=xkh$$
mkns $N
D=${N}0

# 1. iproute2's /sys/fs/bpf/xdp -> tc/ left dangling (someone removed tc/):
# every command still works, and the lock directory comes back. On a
# private bpffs in a private mount namespace: the host's stays untouched.
out=$(unshare --mount --propagation private sh -c '
	mount -t bpf bpf /sys/fs/bpf || exit 9
	ln -s /sys/fs/bpf/tc/ /sys/fs/bpf/xdp
	nsenter --net=/run/netns/'$N' "'"$XDPCTL"'" -j status dev '$D' >/dev/null || exit 1
	nsenter --net=/run/netns/'$N' "'"$XDPCTL"'" attach pass dev '$D' >/dev/null || exit 2
	nsenter --net=/run/netns/'$N' "'"$XDPCTL"'" detach dev '$D' >/dev/null || exit 3
	nsenter --net=/run/netns/'$N' "'"$XDPCTL"'" clean >/dev/null || exit 4
	[ -d /sys/fs/bpf/tc ] && [ -d /sys/fs/bpf/xdp ] || exit 5
	echo fine' 2>&1) || out="$out (step $?)"
[ "$out" = fine ] && ok "dangling /sys/fs/bpf/xdp: status, attach, detach, clean work; tc/ recreated" ||
	bad "dangling /sys/fs/bpf/xdp: $out"
