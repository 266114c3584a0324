#!/bin/sh
# A rewrite's result says whether the packet changed: ignoring it must not
# compile under the README's flags (-Werror), with gcc for a userspace
# buffer and clang -target bpf for XDP; checking it must. Needs CC, CLANG,
# MULTIARCH; run from the top directory.
#   unused.sh OUTDIR
set -u
out=$1
mkdir -p "$out"
fails=0
for setter in "xk_ip_dec_ttl(&pkt, &l4)" "xk_l4_set_dport(&pkt, &l4, 1)" \
	"xk_eth_swap(&pkt, &l4)" "xk_vlan_pop(&pkt, &l4)"; do
	for use in ignored checked; do
		if [ $use = ignored ]; then stmt="$setter;"; else stmt="if ($setter) return 1;"; fi
		cat > "$out/host_$use.c" <<C
#include <xdpkit/encap.h>
int f(void *buf, unsigned len);
int f(void *buf, unsigned len)
{
	struct xk_pkt pkt = xk_pkt_buf(buf, len);
	struct xk_l4 l4;

	if (xk_parse_l4(&pkt, &l4))
		return 0;
	$stmt
	return 0;
}
C
		sed -e 's/int f(void \*buf, unsigned len);//' \
		    -e 's/int f(void \*buf, unsigned len)/SEC("xdp") int f(struct xdp_md *md)/' \
		    -e 's/xk_pkt_buf(buf, len)/xk_pkt_xdp(md)/' "$out/host_$use.c" > "$out/bpf_$use.c"
		for t in host bpf; do
			if [ $t = host ]; then
				log=$($CC -std=gnu11 -O2 -Wall -Werror -I headers -c "$out/${t}_$use.c" -o /dev/null 2>&1)
			else
				log=$($CLANG -O2 -target bpf -Wall -Werror -I headers -I "/usr/include/$MULTIARCH" -c "$out/${t}_$use.c" -o /dev/null 2>&1)
			fi
			rc=$?
			if [ $use = ignored ]; then
				if [ $rc -ne 0 ] && printf '%s' "$log" | grep -q "ignoring return value"; then
					echo "unused: ok   $t: '$setter' ignored does not compile"
				else
					echo "unused: FAIL $t: '$setter' ignored: exit $rc: $log"; fails=$((fails + 1))
				fi
			elif [ $rc -eq 0 ]; then
				echo "unused: ok   $t: '$setter' checked compiles"
			else
				echo "unused: FAIL $t: '$setter' checked: $log"; fails=$((fails + 1))
			fi
		done
	done
done
[ $fails = 0 ] && echo "unused: PASS" || { echo "unused: FAIL"; exit 1; }
