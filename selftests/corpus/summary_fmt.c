// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* struct xk_summary as text (see summary_fmt.h). */
#include "summary_fmt.h"
#include "../fuzz/exercise.h"

const char *const xk_tun_names[XK_TUN_GENEVE + 1] = {
	"none", "ipip", "6in4", "4in6", "ip6ip6", "gre", "vxlan", "geneve",
};

static void print_err(FILE *f, int err)
{
	const char *n = xk_ex_err_name(err);

	if (n)
		fputs(n, f);
	else
		fprintf(f, "%d(?)", err);
}

void xk_summary_print(FILE *f, const struct xk_summary *s)
{
	fputs("err=", f);
	print_err(f, s->err);
	fprintf(f, " l3=0x%04x ip=%u l4=%u %u>%u frag=%u vlan=%u", s->l3_proto,
		s->ip_proto, s->l4_proto, s->sport, s->dport, s->frag,
		s->nvlan);
	if (!s->tunnel && !s->tun_err)
		return;
	if (s->tunnel <= XK_TUN_GENEVE)
		fprintf(f, " tun=%s/", xk_tun_names[s->tunnel]);
	else
		fprintf(f, " tun=%u(?)/", s->tunnel);
	print_err(f, s->tun_err);
	fprintf(f, " id=%u in: l3=0x%04x ip=%u l4=%u %u>%u frag=%u", s->tun_id,
		s->inner_l3_proto, s->inner_ip_proto, s->inner_l4_proto,
		s->inner_sport, s->inner_dport, s->inner_frag);
}
