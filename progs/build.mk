# progs/: the programs we ship, one folder each with everything of it: its
# .bpf.c, the schema both sides share and its public header (include/),
# its control code (NAME.c, built into libxdpkit). Each .bpf.c is compiled
# by the top Makefile's generic rule to build/progs/NAME/NAME.bpf.o and
# turned into a skeleton header build/progs/NAME/NAME.skel.h that xdpctl
# embeds. To ship another program: a folder here, its name below, a row in
# cli/progs.c.
XK_SHIPPED := pass xsk_steer stats filter gen

XK_BPF_OBJS  := $(foreach p,$(XK_SHIPPED),$(BUILD)/progs/$(p)/$(p).bpf.o)
XK_BPF_SKELS := $(foreach p,$(XK_SHIPPED),$(BUILD)/progs/$(p)/$(p).skel.h)

$(BUILD)/progs/%.skel.h: $(BUILD)/progs/%.bpf.o
	$(BPFTOOL) gen skeleton $< name $(notdir $*)_bpf > $@.tmp && mv $@.tmp $@

# Control code, into the one library (its private header is core's).
XK_PROGS_SRCS := $(wildcard $(XK_SHIPPED:%=progs/%/*.c))
XK_PROGS_LIBSRCS := $(filter-out %.bpf.c,$(XK_PROGS_SRCS))
XK_PROGS_OBJS := $(XK_PROGS_LIBSRCS:%.c=$(BUILD)/%.o)
$(XK_PROGS_OBJS): $(BUILD)/%.o: %.c core/core.h $(wildcard progs/*/include/xdpkit/*.h) \
		$(wildcard maps/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CC) $(XK_LIB_CFLAGS) $(XK_SKEL_INC) -c $< -o $@
$(BUILD)/lib/libxdpkit.a $(BUILD)/lib/libxdpkit.so: $(XK_PROGS_OBJS)
# the frame sender embeds its program
$(BUILD)/progs/gen/gen.o: $(BUILD)/progs/gen/gen.skel.h

ALL_TARGETS += $(XK_BPF_OBJS) $(XK_BPF_SKELS)
BPF_OBJS += $(XK_BPF_OBJS)

.PHONY: install-progs
install-progs:
	install -d $(DESTDIR)$(PREFIX)/include/xdpkit
	install -m 644 $(wildcard progs/*/include/xdpkit/*.h) $(DESTDIR)$(PREFIX)/include/xdpkit/
INSTALL_TARGETS += install-progs
