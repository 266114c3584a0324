# maps/: the maps half of libxdpkit, built into the one library next to the
# loader (the archive and .so rules link all their prerequisites), and its
# headers: BPF declaration macros, the schemas both sides include, the
# userspace xk_map API.
XK_MAPS_HDRS := $(wildcard maps/xdpkit/*.h)
XK_MAPS_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard maps/*.c))

$(BUILD)/lib/libxdpkit.a $(BUILD)/lib/libxdpkit.so: $(XK_MAPS_OBJS)

$(BUILD)/maps/%.o: maps/%.c maps/internal.h $(XK_MAPS_HDRS) core/core.h \
		core/include/xdpkit/core.h
	@mkdir -p $(@D)
	$(CC) $(XK_LIB_CFLAGS) -c $< -o $@

.PHONY: install-maps
install-maps:
	install -d $(DESTDIR)$(PREFIX)/include/xdpkit
	install -m 644 $(XK_MAPS_HDRS) $(DESTDIR)$(PREFIX)/include/xdpkit/
INSTALL_TARGETS += install-maps

# xdpctl's commands over these maps (cli/build.mk is included before us)
$(BUILD)/cli/progs.o: $(BUILD)/progs/stats/stats.skel.h $(BUILD)/progs/filter/filter.skel.h \
	$(BUILD)/progs/pass/pass.skel.h $(BUILD)/progs/xsk_steer/xsk_steer.skel.h
$(BUILD)/cli/stats.o $(BUILD)/cli/map.o $(BUILD)/cli/filter.o: $(XK_MAPS_HDRS)
