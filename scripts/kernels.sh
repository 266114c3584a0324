#!/bin/sh
# Fetch the kernels the verifier matrix boots under qemu: Debian 12's stock
# cloud kernel (6.1) and its backport (6.12), unpacked with dpkg-deb -x
# into DIR (default build/kernels). Nothing is installed as this machine's
# kernel. Prints one line per kernel: NAME PATH-TO-VMLINUZ.
#
#   scripts/kernels.sh [DIR]
#
# The packages are found through Debian's meta-packages, so the newest
# build of each series is used: linux-image-cloud-amd64 (6.1) and
# linux-image-6.12-cloud-amd64.
set -eu
dir=${1:-build/kernels}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

pkg_of() { # meta-package -> the image package it depends on
	apt-cache depends "$1" 2>/dev/null | awk '/Depends: linux-image-/{print $2; exit}'
}

fetch() { # name meta
	name=$1
	meta=$2
	vmlinuz=$(ls "$dir/$name"/boot/vmlinuz-* 2>/dev/null | head -1 || true)
	if [ -n "$vmlinuz" ]; then
		echo "$name $vmlinuz"
		return 0
	fi
	pkg=$(pkg_of "$meta")
	if [ -z "$pkg" ]; then
		# apt's lists may be missing on a new machine
		apt-get update -qq >/dev/null 2>&1 || true
		pkg=$(pkg_of "$meta")
	fi
	[ -n "$pkg" ] || {
		echo "kernels: no package for $meta in apt's lists; run 'apt-get update' (needs Debian's package mirror)" >&2
		return 2
	}
	tmp=$(mktemp -d)
	# apt's sandbox user may not write to a root-owned mktemp dir
	chmod 0777 "$tmp"
	(cd "$tmp" && apt-get download -qq "$pkg" >/dev/null 2>&1) || {
		rm -rf "$tmp"
		echo "kernels: 'apt-get download $pkg' failed" >&2
		return 2
	}
	rm -rf "$dir/$name"
	mkdir -p "$dir/$name"
	dpkg-deb -x "$tmp"/*.deb "$dir/$name"
	rm -rf "$tmp" "$dir/$name/lib" "$dir/$name/usr" # modules: not needed
	vmlinuz=$(ls "$dir/$name"/boot/vmlinuz-* | head -1)
	echo "$name $vmlinuz"
}

fetch 6.1 linux-image-cloud-amd64
fetch 6.12 linux-image-6.12-cloud-amd64
