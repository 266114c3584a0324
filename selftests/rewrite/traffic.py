#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
"""Traffic for the netns suite: real sockets on both ends.

  tcp-server ADDR PORT               accept one connection, read to EOF,
                                     answer "sha256 length"
  tcp-client ADDR PORT NBYTES        send NBYTES random bytes, compare the
                                     server's digest with our own
  udp-server ADDR PORT COUNT         answer each datagram with its sha256;
                                     exit 0 after COUNT of them
  udp-client ADDR PORT COUNT SIZE [nocheck]
                                     COUNT datagrams in lockstep, each
                                     reply must be the right digest and come
                                     from ADDR:PORT (connected socket);
                                     nocheck: SO_NO_CHECK, IPv4 UDP
                                     checksum 0
  raw-udp IFACE DSTMAC KIND SRC DST PORT COUNT
                                     Scapy frames of KIND (ipip gre4 sit
                                     4in6 ip6ip6 gre6 vlan100) carrying UDP
                                     SRC:PORT -> DST:PORT; unless KIND is
                                     vlan100, each reply must reach a
                                     socket bound to SRC:PORT
Every failure exits 1 with one line saying what went wrong.
"""
import hashlib
import os
import socket
import sys
import time

TIMEOUT = 20


def fam(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def fail(msg):
    print("traffic: " + msg)
    sys.exit(1)


def tcp_server(addr, port):
    s = socket.socket(fam(addr), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, int(port)))
    s.listen(1)
    s.settimeout(TIMEOUT)
    c, _ = s.accept()
    c.settimeout(TIMEOUT)
    h, n = hashlib.sha256(), 0
    while True:
        b = c.recv(65536)
        if not b:
            break
        h.update(b)
        n += len(b)
    c.sendall(("%s %d\n" % (h.hexdigest(), n)).encode())
    c.close()


def tcp_client(addr, port, nbytes):
    data = os.urandom(int(nbytes))
    deadline = time.time() + 5
    while True:
        s = socket.socket(fam(addr), socket.SOCK_STREAM)
        s.settimeout(TIMEOUT)
        try:
            s.connect((addr, int(port)))
            break
        except ConnectionRefusedError:
            s.close()
            if time.time() > deadline:
                fail("tcp %s:%s refused" % (addr, port))
            time.sleep(0.1)
        except OSError as e:
            fail("tcp connect %s:%s: %s" % (addr, port, e))
    s.sendall(data)
    s.shutdown(socket.SHUT_WR)
    reply = b""
    while True:
        b = s.recv(4096)
        if not b:
            break
        reply += b
    want = "%s %d" % (hashlib.sha256(data).hexdigest(), len(data))
    if reply.decode().strip() != want:
        fail("tcp: server got %r, we sent %r" % (reply.strip(), want))
    print("traffic: tcp %s:%s %d bytes intact" % (addr, port, len(data)))


def udp_server(addr, port, count):
    s = socket.socket(fam(addr), socket.SOCK_DGRAM)
    s.bind((addr, int(port)))
    s.settimeout(TIMEOUT)
    seen = set()
    while len(seen) < int(count):
        try:
            b, peer = s.recvfrom(65536)
        except socket.timeout:
            fail("udp server got %d of %s datagrams" % (len(seen), count))
        seen.add(b[:8])
        s.sendto(hashlib.sha256(b).digest(), peer)


def udp_exchange(s, payload, tries=3):
    """Send until the digest comes back; returns the attempts used."""
    want = hashlib.sha256(payload).digest()
    for i in range(tries):
        s.send(payload)
        try:
            while True:
                r = s.recv(64)
                if r == want:
                    return i + 1
        except socket.timeout:
            continue
    return 0


def udp_client(addr, port, count, size, nocheck=None):
    s = socket.socket(fam(addr), socket.SOCK_DGRAM)
    if nocheck:
        s.setsockopt(socket.SOL_SOCKET, 11, 1)  # SO_NO_CHECK
    s.settimeout(1)
    s.connect((addr, int(port)))
    resent = 0
    for i in range(int(count)):
        payload = i.to_bytes(8, "big") + os.urandom(int(size) - 8)
        n = udp_exchange(s, payload)
        if not n:
            fail("udp %s:%s: no right reply to datagram %d" % (addr, port,
                                                               i))
        resent += n - 1
    print("traffic: udp %s:%s %s datagrams answered (%d resent)%s" % (
        addr, port, count, resent, " checksum 0" if nocheck else ""))


def raw_udp(iface, dstmac, kind, src, dst, port, count):
    import logging
    logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
    from scapy.all import (Ether, Dot1Q, IP, IPv6, UDP, GRE, Raw,
                           conf, sendp)
    conf.verb = 0
    o4 = IP(src="10.77.0.1", dst="10.77.0.2")
    o6 = IPv6(src="fd77::1", dst="fd77::2")
    outer = {"ipip": [o4], "gre4": [o4, GRE()], "sit": [o4],
             "4in6": [o6], "ip6ip6": [o6], "gre6": [o6, GRE()],
             "vlan100": [Dot1Q(vlan=100)]}[kind]
    rx = None
    if kind != "vlan100":
        rx = socket.socket(fam(src), socket.SOCK_DGRAM)
        rx.bind((src, int(port)))
        rx.settimeout(1)
    inner = IP(src=src, dst=dst) if fam(src) == socket.AF_INET else \
        IPv6(src=src, dst=dst)
    resent = 0
    for i in range(int(count)):
        payload = i.to_bytes(8, "big") + os.urandom(200)
        frame = Ether(dst=dstmac)
        for lay in outer:
            frame = frame / lay
        frame = frame / inner / UDP(sport=int(port), dport=int(port)) / \
            Raw(payload)
        if rx is None:
            sendp(frame, iface=iface)
            time.sleep(0.02)
            continue
        want = hashlib.sha256(payload).digest()
        for attempt in range(3):
            sendp(frame, iface=iface)
            try:
                if rx.recv(64) == want:
                    break
            except socket.timeout:
                pass
        else:
            fail("%s: no reply to datagram %d" % (kind, i))
        resent += attempt
    print("traffic: %s %s -> %s %s datagrams%s" % (
        kind, src, dst, count, "" if rx is None else
        " answered (%d resent)" % resent))


CMDS = {"tcp-server": tcp_server, "tcp-client": tcp_client,
        "udp-server": udp_server, "udp-client": udp_client,
        "raw-udp": raw_udp}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in CMDS:
        print(__doc__)
        sys.exit(2)
    try:
        CMDS[sys.argv[1]](*sys.argv[2:])
    except TypeError as e:
        print(__doc__)
        fail(str(e))
