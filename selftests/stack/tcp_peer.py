#!/usr/bin/python3
"""Kernel-socket peers of the stack's TCP, for selftests/stack/test_tcp.sh.

Each command prints one line starting with "ok" when everything checked
out, anything else says what did not.

  echo ADDR PORT BYTES        one connection: BYTES random bytes out while
                              reading the echo; SHA-256 equal both ways
  seq ADDR PORT N             N connections one after the other: 64 bytes
                              each way, then close
  conc ADDR PORT N BYTES      N connections at once, BYTES each way
  sink ADDR PORT BYTES        send BYTES, close
  serve ADDR PORT pattern N   kernel server: send N bytes of the pattern to
                              the first connection, close (runs until done)
  serve ADDR PORT reset       kernel server: accept, read, then reset
                              (SO_LINGER 0)
  malformed IF DMAC ADDR PORT segments the stack must drop and count (bad
                              checksum, doff 4, options past the header,
                              SYN+FIN, SYN+RST), sent with scapy
  rst IF DMAC ADDR PORT       a connection; a RST outside its window must
                              be dropped (echo still works), one inside
                              it must end the connection
The pattern: byte i is (i + 7 * (i >> 16)) & 0xff (tcp_client.c).
"""
import hashlib
import os
import socket
import struct
import sys
import threading
import time


def fam(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def connect(addr, port, timeout=10):
    s = socket.socket(fam(addr), socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect((addr, port))
    return s


def echo_once(addr, port, data, timeout=30):
    """Send data, read the same amount back; (ok, seconds, why)."""
    s = connect(addr, port, timeout)
    got = bytearray()
    err = []

    def reader():
        try:
            while len(got) < len(data):
                b = s.recv(1 << 20)
                if not b:
                    break
                got.extend(b)
        except OSError as e:
            err.append(e)

    t0 = time.time()
    th = threading.Thread(target=reader)
    th.start()
    s.sendall(data)
    th.join(timeout)
    secs = time.time() - t0
    s.shutdown(socket.SHUT_WR)
    rest = s.recv(16)  # the stack closes after its echo
    s.close()
    if err:
        return False, secs, "read error %r after %d bytes" % (err[0], len(got))
    if hashlib.sha256(got).digest() != hashlib.sha256(data).digest():
        return False, secs, "echo differs: %d of %d bytes back" % (
            len(got), len(data))
    if rest:
        return False, secs, "bytes after the echo: %r" % rest
    return True, secs, ""


def pattern(n):
    base = bytes(range(256)) * 256
    out = bytearray()
    b = 0
    while len(out) < n:
        r = (7 * b) % 256
        out += base[r:] + base[:r]
        b += 1
    return bytes(out[:n])


def cmd_echo(addr, port, nbytes):
    data = os.urandom(int(nbytes))
    ok, secs, why = echo_once(addr, int(port), data, timeout=120)
    if ok:
        print("ok %d bytes echoed, SHA-256 equal, %.3f s (%.3f Gbit/s "
              "each way)" % (len(data), secs, len(data) * 8 / secs / 1e9))
    else:
        print("FAIL", why)


def cmd_seq(addr, port, n):
    t0 = time.time()
    for i in range(int(n)):
        data = os.urandom(64)
        ok, _, why = echo_once(addr, int(port), data, timeout=5)
        if not ok:
            print("FAIL connection %d: %s" % (i, why))
            return
    secs = time.time() - t0
    print("ok %s sequential connections in %.2f s (%.0f/s)" % (
        n, secs, int(n) / secs))


def cmd_conc(addr, port, n, nbytes):
    res = [None] * int(n)

    def one(i):
        try:
            res[i] = echo_once(addr, int(port), os.urandom(int(nbytes)), 60)
        except OSError as e:
            res[i] = (False, 0, repr(e))

    ths = [threading.Thread(target=one, args=(i,)) for i in range(int(n))]
    for t in ths:
        t.start()
    for t in ths:
        t.join(90)
    bad = [(i, r) for i, r in enumerate(res) if not r or not r[0]]
    if bad:
        print("FAIL %d of %s: first %r" % (len(bad), n, bad[0]))
    else:
        print("ok %s concurrent connections, %s bytes each way, intact" % (
            n, nbytes))


def cmd_sink(addr, port, nbytes):
    s = connect(addr, int(port))
    data = os.urandom(int(nbytes))
    t0 = time.time()
    s.sendall(data)
    s.shutdown(socket.SHUT_WR)
    rest = s.recv(16)
    s.close()
    print("ok sent %d bytes in %.3f s%s" % (
        len(data), time.time() - t0, " (and got %r)" % rest if rest else ""))


def cmd_serve(addr, port, mode, n=0):
    ls = socket.socket(fam(addr), socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, int(port)))
    ls.listen(8)
    ls.settimeout(15)
    print("listening", flush=True)
    c, _ = ls.accept()
    if mode == "pattern":
        c.sendall(pattern(int(n)))
        c.shutdown(socket.SHUT_WR)
        c.settimeout(10)
        try:
            while c.recv(65536):
                pass
        except OSError:
            pass
    elif mode == "reset":
        c.settimeout(5)
        try:
            c.recv(1)
        except OSError:
            pass
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                     struct.pack("ii", 1, 0))
    c.close()
    ls.close()


def scapy():
    import logging
    logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
    import scapy.all as sc
    return sc


def l3(sc, addr, **kw):
    if ":" in addr:
        return sc.IPv6(dst=addr, **kw)
    return sc.IP(dst=addr, **kw)


def cmd_malformed(iface, dmac, addr, port):
    sc = scapy()
    port = int(port)
    eth = sc.Ether(dst=dmac)
    segs = []
    # a checksum that is wrong (not the partial one)
    p = eth / l3(sc, addr) / sc.TCP(sport=40001, dport=port, flags="S")
    p = p.__class__(bytes(p))
    p[sc.TCP].chksum ^= 0x5a5a
    segs.append(("bad checksum", p))
    # data offset 4 (16 bytes): below the minimum
    p = eth / l3(sc, addr) / sc.TCP(sport=40002, dport=port, flags="S",
                                    dataofs=4)
    segs.append(("doff 4", p))
    # an MSS option claiming 10 bytes in a 4-byte option area
    p = eth / l3(sc, addr) / sc.TCP(sport=40003, dport=port, flags="S",
                                    dataofs=6) / b"\x02\x0a\x05\xb4"
    segs.append(("option past the header", p))
    p = eth / l3(sc, addr) / sc.TCP(sport=40004, dport=port, flags="SF")
    segs.append(("SYN+FIN", p))
    p = eth / l3(sc, addr) / sc.TCP(sport=40005, dport=port, flags="SR")
    segs.append(("SYN+RST", p))
    for what, p in segs:
        sc.sendp(p, iface=iface, verbose=False)
    print("ok sent:", ", ".join(w for w, _ in segs))


def cmd_rst(iface, dmac, addr, port):
    sc = scapy()
    port = int(port)
    filt = "tcp and src port %d" % port
    sn = sc.AsyncSniffer(iface=iface, filter=filt, store=True)
    sn.start()
    time.sleep(0.5)
    s = connect(addr, port)
    s.sendall(b"x" * 10)
    if s.recv(10) != b"x" * 10:
        print("FAIL no echo before the RSTs")
        return
    time.sleep(0.2)
    pk = sn.stop()
    synack = [p for p in pk if p[sc.TCP].flags.S and p[sc.TCP].flags.A]
    if not synack:
        print("FAIL no SYN-ACK seen")
        return
    sport = s.getsockname()[1]
    nxt = synack[0][sc.TCP].ack + 10  # our next sequence number
    eth = sc.Ether(dst=dmac)
    far = (nxt + 0x40000000) & 0xffffffff
    p = eth / l3(sc, addr) / sc.TCP(sport=sport, dport=port, flags="R",
                                    seq=far)
    sc.sendp(p, iface=iface, verbose=False)
    time.sleep(0.2)
    s.sendall(b"y" * 10)
    try:
        got = s.recv(10)
    except OSError as e:
        print("FAIL the out-of-window RST ended the connection: %r" % e)
        return
    if got != b"y" * 10:
        print("FAIL echo after the out-of-window RST: %r" % got)
        return
    nxt += 10
    p = eth / l3(sc, addr) / sc.TCP(sport=sport, dport=port, flags="R",
                                    seq=nxt)
    sc.sendp(p, iface=iface, verbose=False)
    time.sleep(0.2)
    try:
        s.sendall(b"z" * 10)
        s.settimeout(3)
        got = s.recv(10)
        print("FAIL the in-window RST did not end the connection (got %r)"
              % got)
    except ConnectionResetError:
        print("ok out-of-window RST dropped (echo went on), in-window RST "
              "ended the connection")
    except OSError as e:
        print("FAIL after the in-window RST: %r" % e)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    {"echo": cmd_echo, "seq": cmd_seq, "conc": cmd_conc, "sink": cmd_sink,
     "serve": cmd_serve, "malformed": cmd_malformed,
     "rst": cmd_rst}[cmd](*args)


if __name__ == "__main__":
    main()
