# examples/tcp_server: a user's TCP server on the stack, built against the
# installed-style headers and library as a user links it; tested by
# selftests/stack/test_tcp.sh (a kernel client in a peer namespace).
XK_EX_TCP_SERVER := $(BUILD)/examples/tcp_server/tcp_server

$(XK_EX_TCP_SERVER): examples/tcp_server/tcp_server.c $(BUILD)/lib/libxdpkit.a \
		stack/include/xdpkit/stack.h
	@mkdir -p $(@D)
	$(CC) -O2 -g -Wall -Werror -I core/include -I loader/include \
		-I stack/include -o $@ $< $(BUILD)/lib/libxdpkit.a $(LDLIBS_BPF)

ALL_TARGETS += $(XK_EX_TCP_SERVER)
