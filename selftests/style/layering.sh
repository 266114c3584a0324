#!/bin/sh
# The layering of libxdpkit (docs/ARCHITECTURE.md): dependencies point one
# way, headers <- core <- maps <- loader <- progs <- stack <- cli, and no folder
# includes another folder's private header (the one private header shared
# across the library's folders is core/core.h). Fails naming each include
# that breaks the rule.
set -u
fails=$(mktemp)
trap 'rm -f "$fails"' EXIT
rank() { # folder -> layer
	case $1 in
	headers) echo 0 ;; core) echo 1 ;; maps) echo 2 ;; loader) echo 3 ;;
	progs) echo 4 ;; stack) echo 5 ;; cli) echo 6 ;; *) echo 9 ;;
	esac
}
owner() { # public header name -> the folder that has it (progs/NAME whole)
	for d in headers/xdpkit core/include/xdpkit maps/xdpkit loader/include/xdpkit \
		progs/*/include/xdpkit stack/include/xdpkit; do
		[ -f "$d/$1" ] || continue
		case $d in
		progs/*) echo "${d%/include/xdpkit}" ;;
		*) echo "${d%%/*}" ;;
		esac
		return
	done
	echo ""
}
for f in $(git ls-files 'core/*.[ch]' 'loader/*.[ch]' 'maps/*.[ch]' \
	'progs/*.[ch]' 'stack/*.[ch]' 'cli/*.[ch]' 'headers/*.h'); do
	dir=${f%%/*}
	# a BPF program sits with its control code, but is below the library:
	# the headers, the map macros and its own schema only
	case $f in progs/*.bpf.c) dir=maps ;; esac
	me=$(rank "$dir")
	grep -o '^#include ["<][^">]*[">]' "$f" | sed 's/^#include //' | while IFS= read -r inc; do
		name=$(printf '%s' "$inc" | tr -d '"<>')
		case "$name" in
		../core/core.h | ../../core/core.h)
			case $dir in loader | maps | progs | stack) continue ;; esac
			echo "layering: $f includes $inc: core's private header is the library's only" >> "$fails" ;;
		../*)
			echo "layering: $f includes $inc: another folder's private header" >> "$fails" ;;
		xdpkit/*)
			o=$(owner "${name#xdpkit/}")
			[ -z "$o" ] && continue
			# a program's own schema and header are its own
			case $f in "$o"/*) continue ;; esac
			if [ "$(rank "${o%%/*}")" -gt "$me" ]; then
				echo "layering: $f ($dir) includes $inc of $o, a layer above it" >> "$fails"
			fi ;;
		esac
	done
done
cat "$fails"
n=$(wc -l < "$fails")
echo "layering: $n include(s) against the layering"
[ "$n" = 0 ]
