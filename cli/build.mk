# cli/: xdpctl, linked statically against libxdpkit, with the programs we
# ship embedded as skeletons; plus its man page and bash completion.
# Fragments are included in alphabetical order, so prerequisites name the
# library and skeletons by path, not by loader/ and bpf/ variables.
XDPCTL := $(BUILD)/xdpctl
XDPCTL_SRCS := $(wildcard cli/*.c)
XDPCTL_OBJS := $(XDPCTL_SRCS:%.c=$(BUILD)/%.o)
XDPCTL_CFLAGS = $(HOST_CFLAGS) -Wno-format-truncation -I loader/include \
	$(XK_SKEL_INC)

$(BUILD)/cli/%.o: cli/%.c cli/xdpctl.h cli/json.h loader/include/xdpkit/loader.h \
		$(BUILD)/progs/pass/pass.skel.h $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CC) $(XDPCTL_CFLAGS) -c $< -o $@

$(XDPCTL): $(XDPCTL_OBJS) $(BUILD)/lib/libxdpkit.a
	$(CC) $(LDFLAGS) -o $@ $(XDPCTL_OBJS) $(BUILD)/lib/libxdpkit.a $(LDLIBS_BPF) -lpcap

ALL_TARGETS += $(XDPCTL)

.PHONY: install-xdpctl
install-xdpctl: $(XDPCTL)
	install -d $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/share/man/man8 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(XDPCTL) $(DESTDIR)$(PREFIX)/sbin/xdpctl
	install -m 644 cli/xdpctl.8 $(DESTDIR)$(PREFIX)/share/man/man8/xdpctl.8
	install -m 644 cli/xdpctl.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/xdpctl
INSTALL_TARGETS += install-xdpctl
