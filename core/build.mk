# core/: the bottom of libxdpkit (the log, options read by size); its
# objects go into the one library the loader's rules make.
XK_CORE_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard core/*.c))

$(BUILD)/core/%.o: core/%.c core/core.h core/include/xdpkit/core.h
	@mkdir -p $(@D)
	$(CC) $(XK_LIB_CFLAGS) -c $< -o $@

$(BUILD)/lib/libxdpkit.a $(BUILD)/lib/libxdpkit.so: $(XK_CORE_OBJS)

.PHONY: install-core
install-core:
	install -d $(DESTDIR)$(PREFIX)/include/xdpkit
	install -m 644 core/include/xdpkit/core.h $(DESTDIR)$(PREFIX)/include/xdpkit/
INSTALL_TARGETS += install-core
