# stack/: the AF_XDP userspace stack (UDP; TCP on lwIP), built into libxdpkit next to the
# loader it sits on, with progs/xsk_steer embedded as a skeleton. Included
# after cli/ and loader/ (alphabetical), so it adds to their rules.
XK_STACK_SRCS := $(wildcard stack/*.c)
XK_STACK_OBJS := $(XK_STACK_SRCS:%.c=$(BUILD)/%.o)
# lwIP's headers as system headers: our warnings, not theirs
XK_LWIP_INC := -isystem /usr/include/lwip
XK_STACK_CFLAGS := $(HOST_CFLAGS) -fPIC -I loader/include -I stack/include \
	$(XK_SKEL_INC) -fvisibility=hidden $(XK_LWIP_INC)
# (-llwip is in the top Makefile's LDLIBS_BPF)

$(BUILD)/stack/%.o: stack/%.c stack/internal.h core/core.h stack/include/xdpkit/stack.h \
		loader/include/xdpkit/xsk.h progs/xsk_steer/include/xdpkit/xsk_steer.h \
		$(BUILD)/progs/xsk_steer/xsk_steer.skel.h $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CC) $(XK_STACK_CFLAGS) -c $< -o $@

# one library: the recipes there link $^
$(BUILD)/lib/libxdpkit.a $(BUILD)/lib/libxdpkit.so: $(XK_STACK_OBJS)

XDPCTL_CFLAGS += -I stack/include
$(BUILD)/cli/stack.o $(BUILD)/cli/progs.o: stack/include/xdpkit/stack.h \
	progs/xsk_steer/include/xdpkit/xsk_steer.h $(BUILD)/progs/xsk_steer/xsk_steer.skel.h

.PHONY: install-stack
install-stack:
	install -d $(DESTDIR)$(PREFIX)/include/xdpkit
	install -m 644 stack/include/xdpkit/stack.h $(DESTDIR)$(PREFIX)/include/xdpkit/
INSTALL_TARGETS += install-stack
