# bpf/: programs we ship. Each is compiled (by the top Makefile's generic
# BPF rule) to build/bpf/NAME.bpf.o and turned into a skeleton header
# build/bpf/NAME.skel.h that xdpctl embeds.
# To ship another program, add its name here and a row in cli/progs.c.
XK_SHIPPED := pass xsk_steer stats filter

XK_BPF_OBJS  := $(XK_SHIPPED:%=$(BUILD)/bpf/%.bpf.o)
XK_BPF_SKELS := $(XK_SHIPPED:%=$(BUILD)/bpf/%.skel.h)

$(BUILD)/bpf/%.skel.h: $(BUILD)/bpf/%.bpf.o
	$(BPFTOOL) gen skeleton $< name $*_bpf > $@.tmp && mv $@.tmp $@

ALL_TARGETS += $(XK_BPF_OBJS) $(XK_BPF_SKELS)
BPF_OBJS += $(XK_BPF_OBJS)
