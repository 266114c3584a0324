# headers/: the header-only library. Nothing to build; `make install` puts
# it under $(PREFIX)/include/xdpkit, where the README's -I points.
.PHONY: install-headers
install-headers:
	install -d $(DESTDIR)$(PREFIX)/include/xdpkit
	install -m 644 headers/xdpkit/*.h $(DESTDIR)$(PREFIX)/include/xdpkit/
INSTALL_TARGETS += install-headers
