#!/bin/sh
# The verifier matrix: every BPF object of the build (BPF_OBJS), compiled by
# each clang and -mcpu asked for, loaded program by program on each kernel
# asked for. Kernels other than the running one boot under qemu (TCG: this
# machine has no /dev/kvm) from Debian's cloud images with a busybox
# initramfs holding a static loader (vload) and the objects.
#
#   matrix.sh [-s "SETS"] [-k "KERNELS"] [-o OUT]
#     SETS     compiler:cpu pairs, e.g. "13:v1 16:v2 22:v3"; "default" is
#              the build's own clang and BPF_CPU (default: "default")
#     KERNELS  any of 6.1 6.12 host (default: "6.1 6.12 host")
#     OUT      directory for objects, logs and the table (build/verify)
#
# Prints a table per kernel (object:program x set, verified instructions or
# FAIL), the verifier's last lines for each rejection, and the spread of
# verified instructions per program across sets. Exits 1 if any cell
# failed, 2 if the matrix could not run (a missing tool says which).
set -u
cd "$(dirname "$0")/../.."
sets="default"
kernels="6.1 6.12 host"
out=build/verify
while getopts s:k:o: c; do
	case $c in
	s) sets=$OPTARG ;;
	k) kernels=$OPTARG ;;
	o) out=$OPTARG ;;
	*) echo "usage: matrix.sh [-s SETS] [-k KERNELS] [-o OUT]" >&2; exit 1 ;;
	esac
done
MAKE=${MAKE:-make}
CLANG_DEFAULT=${CLANG:-clang}
CPU_DEFAULT=${BPF_CPU:-v3}
need() {
	command -v "$1" >/dev/null 2>&1 ||
		{ echo "matrix: $1 not found ($2): run 'make deps'"; exit 2; }
}
for k in $kernels; do
	case $k in
	host) ;;
	6.1 | 6.12) need qemu-system-x86_64 qemu-system-x86; need cpio cpio
		[ -x /bin/busybox ] ||
			{ echo "matrix: /bin/busybox missing (busybox-static): run 'make deps'"; exit 2; } ;;
	*) echo "matrix: unknown kernel '$k' (6.1, 6.12 or host)" >&2; exit 1 ;;
	esac
done
mkdir -p "$out"
rm -rf "$out/sets" "$out/initrd" "$out/initrd.cpio.gz" "$out"/*.log "$out/status"
mkdir -p "$out/sets"

# 1. objects, one build directory per set
setnames=""
for s in $sets; do
	if [ "$s" = default ]; then
		cc=$CLANG_DEFAULT
		cpu=$CPU_DEFAULT
		ver=$($cc --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -1)
		name="${ver:-cc}-$cpu"
	else
		v=${s%%:*}
		cpu=${s#*:}
		cc=clang-$v
		name="$v-$cpu"
	fi
	need "$cc" "clang-${s%%:*}"
	bdir="$out/build/$name"
	if ! $MAKE --no-print-directory -s BUILD="$bdir" CLANG="$cc" BPF_CPU="$cpu" \
		bpf-objs >"$out/build-$name.log" 2>&1; then
		echo "matrix: building the objects with $cc -mcpu=$cpu failed:"
		tail -20 "$out/build-$name.log" | sed 's/^/    /'
		exit 1
	fi
	mkdir -p "$out/sets/$name"
	for o in $($MAKE --no-print-directory -s BUILD="$bdir" print-bpf-objs); do
		rel=${o#"$bdir"/}
		mkdir -p "$out/sets/$name/$(dirname "$rel")"
		cp "$o" "$out/sets/$name/$rel"
	done
	setnames="$setnames $name"
done

# 2. the static loader (make builds it as $(BUILD)/verify/vload)
vload=$(cd "$out" && pwd)/vload
[ -x "$vload" ] || { echo "matrix: $vload missing: run 'make $out/vload'"; exit 2; }

# 3. every set on every kernel
run_host() { # log
	# a private bpffs and network namespace: the feature checks attach to
	# that namespace's own lo, nothing of the host's
	unshare --mount --net --propagation private sh -c '
		mount -t bpf bpf /sys/fs/bpf || exit 2
		ip link set lo up
		feat() {
			name=$1
			shift
			out=$("'"$(pwd)/build/xdpctl"'" "$@" 2>&1)
			echo "XKF $name $? $(echo "$out" | head -1)"
		}
		feat status -j status
		feat multiprog -j status
		feat features -j features
		feat xdp-attach attach pass dev lo mode skb
		feat xdp-detach detach dev lo
		feat tcx-attach attach pass dev lo tcx ingress
		"'"$(pwd)/build/xdpctl"'" detach dev lo >/dev/null 2>&1
		for set in '"$setnames"'; do
			(cd "'"$out"'/sets/$set" && "'"$vload"'" -s "$set" -p /sys/fs/bpf $(find . -name "*.bpf.o" | sed "s|^\./||" | sort))
		done' >"$1" 2>&1
	echo "XKBOOT $(uname -r)" >>"$1"
}
make_initrd() {
	ird="$out/initrd"
	rm -rf "$ird"
	mkdir -p "$ird/bin" "$ird/proc" "$ird/sys" "$ird/dev" "$ird/objs"
	cp /bin/busybox "$ird/bin/"
	cp "$vload" "$ird/vload"
	# xdpctl as built, with the dynamic loader and libraries it needs
	if [ -x build/xdpctl ]; then
		cp build/xdpctl "$ird/xdpctl"
		for lib in $(ldd build/xdpctl | grep -o '/[^ ]*'); do
			mkdir -p "$ird$(dirname "$lib")"
			cp -L "$lib" "$ird$lib"
		done
	fi
	cp -r "$out/sets/." "$ird/objs/"
	cat >"$ird/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t bpf bpf /sys/fs/bpf
echo "XKBOOT $(uname -r)"
ip link set lo up 2>/dev/null || ifconfig lo up
# what xdpctl says of this kernel's features: XKF CHECK RC FIRST-LINE
feat() {
	name=$1
	shift
	out=$(/xdpctl "$@" 2>&1)
	echo "XKF $name $? $(echo "$out" | head -1)"
}
if [ -x /xdpctl ]; then
	feat status -j status
	feat multiprog -j status
	feat features -j features
	feat xdp-attach attach pass dev lo mode skb
	feat xdp-detach detach dev lo
	feat tcx-attach attach pass dev lo tcx ingress
	/xdpctl detach dev lo >/dev/null 2>&1
fi
for set in $(ls /objs); do
	cd /objs/$set && /vload -s $set -p /sys/fs/bpf $(find . -name '*.bpf.o' | sed 's|^\./||' | sort)
done
echo XKDONE
poweroff -f
EOF
	chmod +x "$ird/init"
	(cd "$ird" && find . | cpio -o -H newc 2>/dev/null) | gzip -1 >"$out/initrd.cpio.gz"
}
run_qemu() { # vmlinuz log
	timeout 900 qemu-system-x86_64 -machine accel=tcg -cpu max -m 1536 \
		-nographic -no-reboot -kernel "$1" -initrd "$out/initrd.cpio.gz" \
		-append "console=ttyS0 panic=-1 quiet loglevel=1" </dev/null 2>&1 |
		tr -d '\r' >"$2"
	grep -q '^XKDONE' "$2" || echo "XKERR qemu did not finish (see $2)" >>"$2"
}
pids=""
for k in $kernels; do
	case $k in
	host) run_host "$out/host.log" & pids="$pids $!" ;;
	*)
		[ -f "$out/initrd.cpio.gz" ] || make_initrd
		line=$(scripts/kernels.sh build/kernels | grep "^$k ") || exit 2
		run_qemu "${line#* }" "$out/$k.log" & pids="$pids $!" ;;
	esac
done
for p in $pids; do wait "$p"; done

# 4. the tables
/usr/bin/python3 selftests/verify/table.py "$out" $kernels -- $setnames |
	tee "$out/matrix.txt"
exit "$(cat "$out/status" 2>/dev/null || echo 2)"
