#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""BPF instructions executed per packet: a figure the machine's load cannot
blur, next to bench_parse's and bench_rewrite's timings.

    pathlen.py OBJDIR PACKETS            the parsers (bench-parse)
    pathlen.py --rewrite OBJDIR PACKETS  the rewrites (bench-rewrite)

Runs each benchmarked XDP program of OBJDIR on each packet in a small eBPF
interpreter over llvm-objdump's listing of the object (ALU, loads, stores,
jumps, and bpf_xdp_adjust_head: what parsers and rewrites compile to) and
counts what it executes. The interpreter checks itself: every parser must
leave the bench_result the kernel run does (gen_packets.py's expectation),
and every rewrite the same bytes as the others and one bench_ops, else it
stops. It counts the object's instructions, before the verifier rewrites
ctx accesses, so the figures are for comparing programs, not x86 cycles.
"""
import collections
import re
import subprocess
import sys

MASK64 = (1 << 64) - 1
# Where each kind of memory lives in the interpreter's address space.
PKT, STACK, RODATA, BSS, CTX = (0x10000000, 0x20000000, 0x30000000,
                                0x40000000, 0x50000000)
SIZE = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}
JUMP = re.compile(r"if ([rw])(\d+) (s?[<>]=?|==|!=|&) (\w+) goto ([+-]\d+)")
GOTO = re.compile(r"goto ([+-]\d+)")
STORE = re.compile(r"\*\((u\d+) \*\)\(r(\d+) ([+-]) (\d+)\) = (\w+)")
LOAD = re.compile(r"[rw](\d+) = \*\((u\d+) \*\)\(r(\d+) ([+-]) (\d+)\)")
LDIMM64 = re.compile(r"r(\d+) = (-?\d+) ll")
BSWAP = re.compile(r"[rw](\d+) = (be|le)(\d+) [rw]\d+")
NEG = re.compile(r"([rw])(\d+) = -[rw]\d+")
ALU = re.compile(r"([rw])(\d+) (s>>=|<<=|>>=|\+=|-=|\*=|/=|%=|\|=|&=|\^=|=) "
                 r"(\S+)$")


def objdump(*args):
    return subprocess.run(["llvm-objdump"] + list(args), capture_output=True,
                          text=True, check=True).stdout


def listing(obj, fn):
    """{index: [text, relocation symbol]} of function fn."""
    insns, cur, last = {}, None, None
    for line in objdump("-dr", "--no-show-raw-insn", obj).splitlines():
        m = re.match(r"^[0-9a-f]+ <(\w+)>:", line)
        if m:
            if not m.group(1).startswith("LBB"):
                cur = m.group(1)
            continue
        if cur != fn:
            continue
        m = re.search(r"R_BPF_64_64\s+(\S+)", line)
        if m and last is not None:
            insns[last][1] = m.group(1)
            continue
        m = re.match(r"^\s+(\d+):\s+(.*?)\s*(<\w+>)?$", line)
        if m:
            last = int(m.group(1))
            insns[last] = [m.group(2), None]
    if not insns:
        sys.exit("pathlen: no function %s in %s" % (fn, obj))
    return insns


def rodata(obj):
    data = bytearray()
    for line in objdump("-s", "-j", ".rodata", obj).splitlines():
        m = re.match(r"^ ([0-9a-f]{4,}) ((?:[0-9a-f]{2,8} ){1,4})", line)
        if m:
            data += bytes.fromhex(m.group(2).replace(" ", ""))
    return data


def region(addr):
    for base, name in ((CTX, "ctx"), (BSS, "bss"), (RODATA, "rodata"),
                       (STACK, "stack"), (PKT, "pkt")):
        if addr >= base:
            return name
    return "?"


def signed(v, bits):
    return v - (1 << bits) if v >> (bits - 1) else v


def alu(op, a, b, bits):
    """One ALU op on bits-wide operands."""
    mask = (1 << bits) - 1
    a, b = a & mask, b & mask
    ops = {
        "=": lambda: b, "+=": lambda: a + b, "-=": lambda: a - b,
        "*=": lambda: a * b, "/=": lambda: a // b if b else 0,
        "%=": lambda: a % b if b else a, "|=": lambda: a | b,
        "&=": lambda: a & b, "^=": lambda: a ^ b,
        "<<=": lambda: a << (b & (bits - 1)),
        ">>=": lambda: a >> (b & (bits - 1)),
        "s>>=": lambda: signed(a, bits) >> (b & (bits - 1)),
    }
    return ops[op]() & mask


def jump_taken(op, a, b, bits):
    mask = (1 << bits) - 1
    a, b = a & mask, b & mask
    sa, sb = signed(a, bits), signed(b, bits)
    return {"==": a == b, "!=": a != b, ">": a > b, ">=": a >= b,
            "<": a < b, "<=": a <= b, "s>": sa > sb, "s>=": sa >= sb,
            "s<": sa < sb, "s<=": sa <= sb, "&": a & b != 0}[op]


HEADROOM = 256  # XDP's, which bpf_xdp_adjust_head may take


def run(obj, fn, pkt, out=None):
    """Run fn on pkt: (return value, Counter of what ran, the first 8 bytes
    of .bss); the packet after it into out (a list) if given."""
    insns = listing(obj, fn)
    mem = {}
    for i, b in enumerate(pkt):
        mem[PKT + HEADROOM + i] = b
    for i, b in enumerate(rodata(obj)):
        mem[RODATA + i] = b
    reg = [0] * 11
    reg[1], reg[10] = CTX, STACK + 512
    cnt = collections.Counter()
    frame = [PKT + HEADROOM, PKT + HEADROOM + len(pkt)]  # data, data_end

    def load(addr, n):
        if region(addr) == "ctx":  # xdp_md: data, data_end
            return frame[(addr - CTX) // 4]
        return int.from_bytes(bytes(mem.get(addr + i, 0) for i in range(n)),
                              "little")

    def done():
        if out is not None:
            out.extend(mem.get(a, 0) for a in range(*frame))
        return reg[0], cnt, load(BSS, 8)

    def value(s):
        if s[0] in "rw" and s[1:].isdigit():
            return reg[int(s[1:])]
        return int(s, 0) & MASK64

    def addr(r, sign, off):
        return (reg[int(r)] + (int(off) if sign == "+" else -int(off))) \
            & MASK64

    pc = min(insns)
    while True:
        text, rel = insns[pc]
        cnt["insns"] += 1
        pc += 1
        if text == "exit":
            return done()
        if text == "call 44":  # bpf_xdp_adjust_head(ctx, delta)
            delta = signed(reg[2] & 0xffffffff, 32)
            ok = PKT <= frame[0] + delta <= frame[1] - 14
            if ok:
                frame[0] += delta
            reg[0] = 0 if ok else MASK64 - 21  # -EINVAL
            cnt["call"] += 1
            continue
        m = JUMP.match(text)
        if m:
            bits = 32 if m.group(1) == "w" else 64
            if jump_taken(m.group(3), reg[int(m.group(2))],
                          value(m.group(4)), bits):
                pc += int(m.group(5))
            continue
        m = GOTO.match(text)
        if m:
            pc += int(m.group(1))
            continue
        m = STORE.match(text)
        if m:
            a = addr(m.group(2), m.group(3), m.group(4))
            cnt["store_" + region(a)] += 1
            v = value(m.group(5))
            for i in range(SIZE[m.group(1)]):
                mem[a + i] = (v >> (8 * i)) & 0xff
            continue
        m = LOAD.match(text)
        if m:
            a = addr(m.group(3), m.group(4), m.group(5))
            cnt["load_" + region(a)] += 1
            reg[int(m.group(1))] = load(a, SIZE[m.group(2)])
            continue
        m = LDIMM64.match(text)
        if m:
            v = int(m.group(2)) & MASK64
            if rel:  # a map: .bss holds one global; else .rodata
                v += BSS if rel.startswith("bench_") else RODATA
            reg[int(m.group(1))] = v
            pc += 1  # two slots
            continue
        m = BSWAP.match(text)
        if m:
            d, n = int(m.group(1)), int(m.group(3)) // 8
            v = reg[d] & ((1 << (8 * n)) - 1)
            if m.group(2) == "be":
                v = int.from_bytes(v.to_bytes(n, "little"), "big")
            reg[d] = v
            continue
        m = NEG.match(text)
        if m:
            d = int(m.group(2))
            reg[d] = alu("-=", 0, reg[d], 32 if m.group(1) == "w" else 64)
            continue
        m = ALU.match(text)
        if m:
            d = int(m.group(2))
            reg[d] = alu(m.group(3), reg[d], value(m.group(4)),
                         32 if m.group(1) == "w" else 64)
            continue
        sys.exit("pathlen: %s: instruction %d not interpreted: %s"
                 % (fn, pc - 1, text))

PROGS = [("hand.bpf.o", "bench_hand_l4", 0), ("xk.bpf.o", "bench_xk_l4", 0),
         ("hand.bpf.o", "bench_hand_full", 1),
         ("xk.bpf.o", "bench_xk_full", 1),
         ("equal.bpf.o", "bench_equal_l4", 0)]


REWRITES = ["hand", "equal", "xk"]


def rewrites(objdir, packets):
    """Each rewrite twice from its packet (A -> B -> A, as the timed runs
    toggle): instructions for both, the same bytes from every program."""
    print("BPF instructions executed per rewrite, two toggling runs "
          "(stack loads+stores)")
    print("%-6s" % "op" + "".join("%15s" % k for k in REWRITES)
          + "%10s%10s" % ("xk/equal", "xk/hand"))
    for line in open(packets):
        op, hexb = line.split()
        row, n, outs = "%-6s" % op, [], []
        for k in REWRITES:
            pkt, total, stack = bytes.fromhex(hexb), 0, 0
            for _ in range(2):
                out = []
                ret, cnt, ops = run(objdir + "/" + k + ".bpf.o",
                                    k + "_" + op, pkt, out)
                if ret != 2 or ops != 1:
                    sys.exit("pathlen: %s_%s: ret %d, bench_ops %d: the "
                             "interpreter is wrong" % (k, op, ret, ops))
                pkt = bytes(out)
                total += cnt["insns"]
                stack += cnt["load_stack"] + cnt["store_stack"]
                outs.append(pkt)
            n.append(total)
            row += "%8d (%4d)" % (total, stack)
        if any(o != outs[0] for o in outs[0::2]) or \
                any(o != outs[1] for o in outs[1::2]) or \
                outs[1] != bytes.fromhex(hexb):
            sys.exit("pathlen: %s: the programs' bytes differ, or two runs "
                     "do not give the input back" % op)
        print(row + "%10.2f%10.2f" % (n[2] / n[1], n[2] / n[0]))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--rewrite":
        return rewrites(sys.argv[2], sys.argv[3])
    if len(sys.argv) != 3:
        sys.exit("usage: pathlen.py [--rewrite] OBJDIR PACKETS")
    objdir, packets = sys.argv[1], sys.argv[2]
    print("BPF instructions executed per packet (stack loads+stores)")
    print("%-15s" % "packet" + "".join("%17s" % p[1][6:] for p in PROGS)
          + "%9s%9s%9s" % ("xk/hand", "xk/hand", "xk/equal"))
    print("%-15s%85s%9s%9s%9s" % ("", "", "l4", "full", "l4"))
    for line in open(packets):
        name, outer, inner, hexb = line.split()
        row, n = "%-15s" % name, []
        for obj, fn, full in PROGS:
            ret, cnt, res = run(objdir + "/" + obj, fn, bytes.fromhex(hexb))
            want = int(inner if full else outer)
            if res != want or ret != 2:
                sys.exit("pathlen: %s on %s: result 0x%x ret %d, want 0x%x"
                         " ret 2: the interpreter is wrong"
                         % (fn, name, res, ret, want))
            n.append(cnt["insns"])
            row += "%10d (%3d)" % (cnt["insns"],
                                   cnt["load_stack"] + cnt["store_stack"])
        print(row + "%9.2f%9.2f%9.2f" % (n[1] / n[0], n[3] / n[2],
                                          n[1] / n[4]))


if __name__ == "__main__":
    main()
