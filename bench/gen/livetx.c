// SPDX-License-Identifier: GPL-2.0
/*
 * livetx IFNAME DMAC SRC DST SIZE SECONDS: BPF_PROG_RUN live frames written
 * plainly on libbpf, the baseline of bench-gen for xdpctl gen's live mode.
 * The same frame as xsktx.c; livetx.bpf.o (count, XDP_TX) loaded and
 * attached to IFNAME itself (native), which keeps it in the kernel's XDP
 * dispatcher, as the first stack benchmark's flood did; 1024 frames per
 * call in batches of 64, as xdpctl gen sends unpaced. Prints
 * {"sent": N, "seconds": S} (N: the program's count).
 */
#include <errno.h>
#include <libgen.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <xdpkit/compose.h>

#ifndef BPF_F_TEST_XDP_LIVE_FRAMES
#define BPF_F_TEST_XDP_LIVE_FRAMES (1U << 1)
#endif

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static __u8 pay[4096];
	char path[4096], exe[4096];
	struct bpf_object *obj;
	unsigned int v[6], i;
	__u8 frame[4096];
	struct ifreq ifr;
	double t0, secs;
	int size, len, fd, prog, ifindex, ncpu;
	__u64 sent = 0, *per;
	__u32 zero = 0;
	ssize_t n;

	if (argc != 7) {
		fprintf(stderr,
			"usage: livetx IFNAME DMAC SRC DST SIZE SECONDS\n");
		return 1;
	}
	size = atoi(argv[5]);
	secs = atof(argv[6]);
	ifindex = (int)if_nametoindex(argv[1]);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[1]);
	if (!ifindex || fd < 0 || ioctl(fd, SIOCGIFHWADDR, &ifr) ||
	    sscanf(argv[2], "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3],
		   &v[4], &v[5]) != 6) {
		fprintf(stderr, "livetx: %s or %s: bad\n", argv[1], argv[2]);
		return 1;
	}
	close(fd);
	for (i = 0; i < sizeof(pay); i++)
		pay[i] = (__u8)('a' + i % 26);
	len = xk_build(
		frame, sizeof(frame), XK_ETH(),
		XK_IP4(.src = argv[3], .dst = argv[4], .frag_off = 0x4000),
		XK_UDP(.sport = 10000, .dport = 9),
		XK_RAW(pay, (__u32)(size - 42)));
	if (len != size)
		return 1;
	for (i = 0; i < 6; i++)
		frame[i] = (__u8)v[i];
	memcpy(frame + 6, ifr.ifr_hwaddr.sa_data, 6);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0)
		return 1;
	exe[n] = 0;
	snprintf(path, sizeof(path), "%s/livetx.bpf.o", dirname(exe));
	obj = bpf_object__open_file(path, NULL);
	if (!obj || bpf_object__load(obj)) {
		fprintf(stderr, "livetx: %s: %s\n", path, strerror(errno));
		return 1;
	}
	prog = bpf_program__fd(bpf_object__find_program_by_name(obj, "livetx"));
	if (bpf_xdp_attach(ifindex, prog,
			   XDP_FLAGS_DRV_MODE | XDP_FLAGS_UPDATE_IF_NOEXIST,
			   NULL)) {
		fprintf(stderr, "livetx: attach to %s failed\n", argv[1]);
		return 1;
	}
	{
		struct xdp_md ctx = {.data_end = (__u32)len,
				     .ingress_ifindex = (__u32)ifindex};
		LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = frame,
			    .data_size_in = (__u32)len, .ctx_in = &ctx,
			    .ctx_size_in = sizeof(ctx), .repeat = 1024,
			    .flags = BPF_F_TEST_XDP_LIVE_FRAMES,
			    .batch_size = 64);

		t0 = now();
		while (now() - t0 < secs)
			if (bpf_prog_test_run_opts(prog, &o))
				break;
		secs = now() - t0;
	}
	bpf_xdp_detach(ifindex, XDP_FLAGS_DRV_MODE, NULL);
	ncpu = libbpf_num_possible_cpus();
	per = calloc((size_t)ncpu, sizeof(*per));
	if (per && !bpf_map_lookup_elem(
			   bpf_object__find_map_fd_by_name(obj, "livetx_sent"),
			   &zero, per))
		for (i = 0; i < (unsigned)ncpu; i++)
			sent += per[i];
	printf("{\"sent\": %llu, \"seconds\": %.3f}\n",
	       (unsigned long long)sent, secs);
	free(per);
	bpf_object__close(obj);
	return 0;
}
