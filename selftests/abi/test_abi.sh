#!/bin/sh
# libxdpkit's public ABI: the shared library exports exactly the functions
# the public headers declare and the version script lists, all three the
# same set; its soname carries the major version; options structs are read
# and written by their size (opts_size.c).
#   test_abi.sh LIB_SO OPTS_SIZE_BIN
set -u
so=$1 optsbin=$2
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { echo "  ok   $*"; }
bad() { echo "  FAIL $*"; fails=$((fails + 1)); }

nm -D --defined-only "$so" | awk '$2 == "T" || $2 == "W" {sub(/@.*/, "", $3); print $3}' | sort -u > "$tmp/exported"
sed -n '/global:/,/local:/p' core/libxdpkit.map | grep -o 'xk_[a-z0-9_]*' | sort -u > "$tmp/script"
# the public headers' declarations, as the compiler sees them
cat > "$tmp/all.c" <<'C'
#include <xdpkit/core.h>
#include <xdpkit/loader.h>
#include <xdpkit/xsk.h>
#include <xdpkit/map.h>
#include <xdpkit/filter.h>
#include <xdpkit/stack.h>
#include <xdpkit/gen.h>
C
gcc -std=gnu11 -I core/include -I loader/include -I maps -I stack/include \
	$(for d in progs/*/include; do printf -- '-I %s ' "$d"; done) \
	-aux-info "$tmp/aux" -c "$tmp/all.c" -o "$tmp/all.o" || { bad "public headers do not compile alone"; exit 1; }
grep -E '^/\* (\./)?(core/include|loader/include|maps|stack/include|progs/[a-z_]*/include)/xdpkit/' "$tmp/aux" |
	grep -o 'xk_[a-z0-9_]* *(' | tr -d ' (' | sort -u > "$tmp/declared"
n=$(wc -l < "$tmp/exported")
if cmp -s "$tmp/exported" "$tmp/script"; then
	ok "$n exported functions, exactly the version script's"
else
	bad "exports and core/libxdpkit.map differ:"; diff "$tmp/script" "$tmp/exported" | sed 's/^/      /' | head -20
fi
if cmp -s "$tmp/declared" "$tmp/script"; then
	ok "the version script lists exactly what the public headers declare ($(wc -l < "$tmp/declared"))"
else
	bad "public headers and core/libxdpkit.map differ (< script, > headers):"; diff "$tmp/script" "$tmp/declared" | sed 's/^/      /' | head -20
fi
for s in xk_crashpoint xk_err xk_log xk_lock xk_nl__links xk__opts_in; do
	grep -qx "$s" "$tmp/exported" && bad "private $s is exported"
done
ok "no private function exported (xk_crashpoint, xk_err, xk_lock, ... checked)"
soname=$(objdump -p "$so" | awk '/SONAME/ {print $2}')
case $soname in
libxdpkit.so.[0-9]*) ok "soname $soname" ;;
*) bad "soname '$soname' carries no major version" ;;
esac
"$optsbin" || fails=$((fails + 1))
echo "abi: $([ $fails = 0 ] && echo PASS || echo "FAIL ($fails)")"
[ $fails = 0 ]
