# loader/: libxdpkit, static and shared, plus its pkg-config file.
XK_LIB_SRCS := $(wildcard loader/*.c)
XK_LIB_OBJS := $(XK_LIB_SRCS:%.c=$(BUILD)/%.o)
XK_LIB_A    := $(BUILD)/lib/libxdpkit.a
XK_LIB_SO   := $(BUILD)/lib/libxdpkit.so
XK_LIB_PC   := $(BUILD)/lib/xdpkit.pc
XK_LIB_VER  := 0.1.0
# Paths are bounded by XK_PIN_MAX and truncation there is harmless (the
# lookup fails cleanly), so gcc's guesswork about snprintf sizes is off.
# Hidden by default: only what public headers declare between XK_API_BEGIN
# and XK_API_END is exported (and libxdpkit.map says the same).
XK_LIBXDP_VERSION := $(shell pkg-config --modversion libxdp 2>/dev/null || \
	echo unknown)
XK_LIB_CFLAGS := $(HOST_CFLAGS) -Wno-format-truncation -fPIC -I loader/include \
	-fvisibility=hidden -DXK_LIBXDP_VERSION='"$(XK_LIBXDP_VERSION)"'
# The AF_XDP layer (loader/xsk*.c) is built on libxdp's xsk API: everything
# that links libxdpkit links libxdp too.
LDLIBS_BPF += -lxdp

$(BUILD)/loader/%.o: loader/%.c loader/internal.h loader/include/xdpkit/loader.h \
		core/core.h core/include/xdpkit/core.h \
		loader/include/xdpkit/xsk.h $(wildcard headers/xdpkit/*.h)
	@mkdir -p $(@D)
	$(CC) $(XK_LIB_CFLAGS) -c $< -o $@

$(XK_LIB_A): $(XK_LIB_OBJS)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

# soname: the major version; the version script exports the public API
# only (core/libxdpkit.map).
XK_LIB_MAJOR := $(firstword $(subst ., ,$(XK_LIB_VER)))
$(XK_LIB_SO): $(XK_LIB_OBJS) core/libxdpkit.map
	@mkdir -p $(@D)
	$(CC) -shared -Wl,-soname,libxdpkit.so.$(XK_LIB_MAJOR) \
		-Wl,--version-script=core/libxdpkit.map -o $@ \
		$(filter %.o,$^) $(LDLIBS_BPF)

$(XK_LIB_PC): loader/xdpkit.pc.in
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(XK_LIB_VER)|' $< > $@

ALL_TARGETS += $(XK_LIB_A) $(XK_LIB_SO) $(XK_LIB_PC)

.PHONY: install-loader
install-loader: $(XK_LIB_A) $(XK_LIB_SO) $(XK_LIB_PC)
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include/xdpkit
	install -m 644 $(XK_LIB_A) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(XK_LIB_SO) $(DESTDIR)$(PREFIX)/lib/libxdpkit.so.$(XK_LIB_VER)
	ln -sf libxdpkit.so.$(XK_LIB_VER) $(DESTDIR)$(PREFIX)/lib/libxdpkit.so.$(XK_LIB_MAJOR)
	ln -sf libxdpkit.so.$(XK_LIB_MAJOR) $(DESTDIR)$(PREFIX)/lib/libxdpkit.so
	# generated here, not from build/, so PREFIX given at install time wins
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(XK_LIB_VER)|' loader/xdpkit.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/xdpkit.pc
	install -m 644 loader/include/xdpkit/loader.h loader/include/xdpkit/xsk.h \
		$(DESTDIR)$(PREFIX)/include/xdpkit/
INSTALL_TARGETS += install-loader
