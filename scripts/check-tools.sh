#!/bin/sh
# Before a build: is every tool and library it uses here? Names each one
# missing with the Debian package that has it, and says to run
# 'make deps', instead of a compiler's or shell's first error.
#   check-tools.sh CC CLANG BPFTOOL PYTHON
set -u
cc=$1 clang=$2 bpftool=$3 python=$4
missing=""
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $1 ($2),"; }
need_hdr() { [ -f "/usr/include/$1" ] || missing="$missing <$1> ($2),"; }
need_cmd "$cc" gcc
need_cmd "$clang" clang
need_cmd "$bpftool" bpftool
need_cmd "$python" python3
need_cmd pkg-config pkg-config
need_hdr bpf/libbpf.h libbpf-dev
need_hdr xdp/libxdp.h libxdp-dev
need_hdr libelf.h libelf-dev
need_hdr zlib.h zlib1g-dev
need_hdr pcap/pcap.h libpcap-dev
need_hdr criterion/criterion.h libcriterion-dev
need_hdr lwip/lwip/tcp.h liblwip-dev
if command -v "$cc" >/dev/null 2>&1; then
	[ -d "/usr/include/$("$cc" -dumpmachine)/asm" ] ||
		missing="$missing <asm/types.h> (linux-libc-dev),"
fi
if [ -n "$missing" ]; then
	echo "make: missing:${missing%,}: run 'make deps' (as root; it installs them)" >&2
	exit 2
fi
