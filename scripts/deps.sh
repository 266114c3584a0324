#!/bin/sh
# Install every Debian package the build, the tests and the demo use, when it
# is missing. Idempotent; apt-get update runs only when something is missing.
set -eu
PKGS="make gcc clang llvm pkg-config libbpf-dev libxdp-dev xdp-tools bpftool
libelf-dev zlib1g-dev libpcap-dev libcriterion-dev liblwip-dev
libclang-rt-14-dev python3-scapy tshark tcpdump iperf3 iproute2 iputils-ping
ethtool socat util-linux libcap2-bin clang-format procps curl linux-perf
man-db python3-matplotlib
clang-13 clang-16 clang-22 busybox-static qemu-system-x86 cpio valgrind"
# make verify-compilers / verify-matrix also use these (not in make test)
EXTRA="clang-14 clang-15 clang-19"
[ "${XK_DEPS_MATRIX:-}" = 1 ] && PKGS="$PKGS $EXTRA"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "deps: all packages present"
else
	if [ "$(id -u)" != 0 ]; then
		echo "deps: missing packages:$missing; run 'make deps' as root" >&2
		exit 2
	fi
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
	echo "deps: done"
fi
# The kernels the verifier matrix boots (unpacked, never installed).
"$(dirname "$0")/kernels.sh" build/kernels >/dev/null ||
	{ echo "deps: could not fetch the matrix kernels" >&2; exit 2; }
