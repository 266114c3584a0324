#!/bin/sh
# Install every Debian package the build, the tests and the demo use, when it
# is missing. Idempotent; apt-get update runs only when something is missing.
set -eu
PKGS="make gcc clang llvm pkg-config libbpf-dev libxdp-dev xdp-tools bpftool
libelf-dev zlib1g-dev libpcap-dev libcriterion-dev liblwip-dev
libclang-rt-14-dev python3-scapy tshark tcpdump iperf3 iproute2 iputils-ping
ethtool socat util-linux libcap2-bin clang-format procps"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && { echo "deps: all packages present"; exit 0; }
if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages:$missing; run 'make deps' as root" >&2
	exit 2
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps: done"
