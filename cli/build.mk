# cli/: xdpctl, linked statically against libxdpkit, with the programs we
# ship embedded as skeletons; plus its man page and bash completion.
XDPCTL := $(BUILD)/xdpctl
XDPCTL_SRCS := $(wildcard cli/*.c)
XDPCTL_OBJS := $(XDPCTL_SRCS:%.c=$(BUILD)/%.o)
XDPCTL_CFLAGS := $(HOST_CFLAGS) -Wno-format-truncation -I loader/include \
	-I $(BUILD)/bpf

$(BUILD)/cli/%.o: cli/%.c cli/xdpctl.h cli/json.h loader/include/xdpkit/loader.h $(XK_BPF_SKELS)
	@mkdir -p $(@D)
	$(CC) $(XDPCTL_CFLAGS) -c $< -o $@

$(XDPCTL): $(XDPCTL_OBJS) $(XK_LIB_A)
	$(CC) -o $@ $(XDPCTL_OBJS) $(XK_LIB_A) $(LDLIBS_BPF)

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
