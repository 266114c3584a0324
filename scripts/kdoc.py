#!/usr/bin/python3
"""The API reference of headers/xdpkit, from the headers' own comments.

Comments in kernel-doc style, as libbpf and the kernel write them:

    /**
     * xk_name() - one line
     * @param: what it is
     *
     * Paragraphs.
     *
     * Context: where it may be called
     * Return: what it gives back
     */

An entry may name several things at once ("xk_a(), xk_b() - ...",
"struct xk_l4, struct xk_l4_ro - ...", "XK_X, XK_Y - ...") and a
"DOC: Title" block documents what its text names (constants, options).

  kdoc.py --man DIR --html FILE --md FILE HEADERS...   write the reference
  kdoc.py --check HEADERS...                           every public name
      (an xk_ function or macro, a struct or enum xk_, an XK_ constant;
      names with a double underscore are private) has an entry, or, for
      XK_ constants, is named in one; exit 1 listing what is missing
"""
import html
import os
import re
import sys

ENTRY_HEAD = re.compile(r"^\s*(?P<names>.+?)\s+-\s+(?P<summary>.*)$")
SECTION = re.compile(r"^(Context|Return|Errors|Limits|Example|Note):\s*(.*)$")
PARAM = re.compile(r"^@(\w+|\.\.\.):\s*(.*)$")


class Entry:
    def __init__(self, names, summary, header, line):
        self.names = names          # as written: "xk_parse_l4()", ...
        self.keys = [key(n) for n in names]
        self.summary = summary
        self.header = header
        self.line = line
        self.params = []            # (name, text)
        self.body = []              # paragraphs
        self.sections = []          # (title, text)
        self.doc = False

    def text(self):
        parts = [self.summary] + [t for _, t in self.params] + self.body + \
            [t for _, t in self.sections]
        return "\n".join(parts)


def key(name):
    """The bare identifier of an entry name."""
    name = name.strip()
    for pfx in ("struct ", "enum ", "union "):
        if name.startswith(pfx):
            return name[len(pfx):].strip()
    return name.rstrip("()").strip()


def parse(path):
    src = open(path).read()
    entries = []
    for m in re.finditer(r"/\*\*\n(.*?)\*/", src, re.S):
        line = src.count("\n", 0, m.start()) + 1
        lines = [re.sub(r"^\s*\* ?", "", l) for l in m.group(1).split("\n")]
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            continue
        first = lines[0]
        if first.startswith("DOC:"):
            e = Entry([], first[4:].strip(), path, line)
            e.doc = True
            rest = lines[1:]
        else:
            # the head runs to a blank line or the first @parameter
            n = 1
            while n < len(lines) and lines[n].strip() and \
                    not lines[n].startswith("@") and \
                    not SECTION.match(lines[n]):
                n += 1
            head = " ".join(l.strip() for l in lines[:n])
            h = ENTRY_HEAD.match(head)
            if not h:
                sys.exit("%s:%d: a doc comment starts with 'NAME - summary' "
                         "or 'DOC: title'" % (path, line))
            names = [n.strip() for n in h.group("names").split(",")]
            e = Entry(names, h.group("summary"), path, line)
            rest = lines[n:]
        para, sect = [], None
        for l in rest + [""]:
            p, s = PARAM.match(l), SECTION.match(l)
            if p and not e.body and sect is None:
                e.params.append([p.group(1), p.group(2)])
                continue
            if e.params and l.startswith((" ", "\t")) and not para and \
                    sect is None and not e.body:
                e.params[-1][1] += " " + l.strip()
                continue
            if s:
                if para:
                    e.body.append(" ".join(para) if sect is None else "")
                    para = []
                sect = [s.group(1), s.group(2)]
                e.sections.append(sect)
                continue
            if sect is not None:
                if l.strip():
                    sect[1] += (" " if sect[1] else "") + l.strip()
                else:
                    sect = None
                continue
            if l.strip():
                para.append(l.rstrip())
            elif para:
                e.body.append("\n".join(para))
                para = []
        entries.append(e)
    return entries


def public_names(paths):
    """Every public name the headers define, by kind."""
    funcs, types, consts = {}, {}, {}
    for p in paths:
        src = open(p).read()
        for m in re.finditer(r"^#define\s+(xk_[a-z0-9_]+)\(", src, re.M):
            funcs.setdefault(m.group(1), p)
        for m in re.finditer(r"^#define\s+(xk_[a-z0-9_]+)\s", src, re.M):
            funcs.setdefault(m.group(1), p)
        for m in re.finditer(r"^XK_INLINE[^(;]*?\b(xk_[a-z0-9_]+)\s*\(",
                             src, re.M):
            funcs.setdefault(m.group(1), p)
        for m in re.finditer(r"^(?:struct|enum)\s+(xk_[a-z0-9_]+)\s*\{",
                             src, re.M):
            types.setdefault(m.group(1), p)
        for m in re.finditer(r"^XK__VIEW\((\w+),", src, re.M):
            types.setdefault("xk_" + m.group(1), p)
            types.setdefault("xk_" + m.group(1) + "_ro", p)
        for m in re.finditer(r"^typedef\s+[^;]*?\b(xk_[a-z0-9_]+_t);", src,
                             re.M):
            types.setdefault(m.group(1), p)
        for m in re.finditer(r"^#\s*define\s+(XK_[A-Z0-9_]+)", src, re.M):
            consts.setdefault(m.group(1), p)
        for em in re.finditer(r"^enum\s+\w+\s*\{(.*?)\};", src, re.M | re.S):
            for m in re.finditer(r"^\s*(XK_[A-Z0-9_]+)\s*[=,]", em.group(1),
                                 re.M):
                consts.setdefault(m.group(1), p)
    private = lambda n: "__" in n
    return ({k: v for k, v in funcs.items() if not private(k)},
            {k: v for k, v in types.items() if not private(k)},
            {k: v for k, v in consts.items() if not private(k)})


def check(paths, entries):
    funcs, types, consts = public_names(paths)
    have = {k for e in entries for k in e.keys}
    text = "\n".join(e.text() + " " + " ".join(e.names) for e in entries)
    words = set(re.findall(r"\bXK_[A-Z0-9_]+\b", text))
    missing = []
    for n, p in sorted(funcs.items()):
        if n not in have:
            missing.append("%s: %s() has no entry" % (p, n))
    for n, p in sorted(types.items()):
        if n not in have:
            missing.append("%s: %s has no entry" % (p, n))
    for n, p in sorted(consts.items()):
        if n not in have and n not in words:
            missing.append("%s: %s is named in no entry" % (p, n))
    for e in entries:
        if e.doc:
            continue
        for k in e.keys:
            if k not in funcs and k not in types and k not in consts:
                missing.append("%s:%d: entry for %s, which the headers do "
                               "not define" % (e.header, e.line, k))
        if any(n.endswith("()") for n in e.names) and \
                not any(t == "Return" for t, _ in e.sections):
            missing.append("%s:%d: %s: no 'Return:' section" % (
                e.header, e.line, ", ".join(e.names)))
    total = len(funcs) + len(types) + len(consts)
    if missing:
        print("kdoc: %d of %d public names or entries incomplete:" % (
            len(missing), total))
        for m in missing:
            print("  " + m)
        return 1
    print("kdoc: %d public names (%d functions and macros, %d types, %d "
          "constants) in %d entries: every one documented" % (
              total, len(funcs), len(types), len(consts), len(entries)))
    return 0


def anchor(k):
    return re.sub(r"[^a-z0-9_]", "", k.lower())


def header_of(e):
    return "xdpkit/" + os.path.basename(e.header)


def md_text(t):
    return re.sub(r"\b(xk_[a-z0-9_]+)\(\)", r"`\1()`", t)


def write_md(entries, out):
    by = {}
    for e in entries:
        by.setdefault(header_of(e), []).append(e)
    with open(out, "w") as f:
        f.write("# xdpkit headers: API reference\n\n"
                "Generated by `make docs` from the kernel-doc comments of "
                "`headers/xdpkit/*.h` (`scripts/kdoc.py`); `make docs` also "
                "writes man pages (section 3) and HTML into build/docs. Do not "
                "edit: change the header and run `make docs`.\n\n")
        for h in sorted(by):
            f.write("- [%s](#%s)\n" % (h, anchor(h)))
        for h in sorted(by):
            f.write("\n## %s\n" % h)
            f.write('<a id="%s"></a>\n' % anchor(h))
            for e in by[h]:
                title = ", ".join(e.names) if not e.doc else e.summary
                f.write("\n### %s\n" % title)
                for k in e.keys:
                    f.write('<a id="%s"></a>\n' % anchor(k))
                if not e.doc:
                    f.write("\n%s\n" % md_text(e.summary))
                if e.params:
                    f.write("\n")
                    for n, t in e.params:
                        f.write("- `%s`: %s\n" % (n, md_text(t)))
                for p in e.body:
                    if p.startswith(("  ", "\t")) or "\n  " in p:
                        f.write("\n```c\n%s\n```\n" % p)
                    else:
                        f.write("\n%s\n" % md_text(p.replace("\n", " ")))
                for t, s in e.sections:
                    f.write("\n**%s:** %s\n" % (t, md_text(s)))


def write_html(entries, out):
    by = {}
    for e in entries:
        by.setdefault(header_of(e), []).append(e)
    esc = html.escape
    with open(out, "w") as f:
        f.write("<!doctype html><html><head><meta charset='utf-8'>"
                "<title>xdpkit headers: API reference</title><style>"
                "body{font-family:sans-serif;max-width:60em;margin:auto}"
                "code,pre{background:#f4f4f4}h3{border-top:1px solid #ccc;"
                "padding-top:.5em}</style></head><body>"
                "<h1>xdpkit headers: API reference</h1><ul>")
        for h in sorted(by):
            f.write("<li><a href='#%s'>%s</a><ul>" % (anchor(h), esc(h)))
            for e in by[h]:
                f.write("<li><a href='#%s'>%s</a></li>" % (
                    anchor(e.keys[0]) if e.keys else "",
                    esc(", ".join(e.names) if not e.doc else e.summary)))
            f.write("</ul></li>")
        f.write("</ul>")
        for h in sorted(by):
            f.write("<h2 id='%s'>%s</h2>" % (anchor(h), esc(h)))
            for e in by[h]:
                ids = "".join("<a id='%s'></a>" % anchor(k) for k in e.keys)
                f.write("<h3>%s%s</h3>" % (ids, esc(
                    ", ".join(e.names) if not e.doc else e.summary)))
                if not e.doc:
                    f.write("<p>%s</p>" % esc(e.summary))
                if e.params:
                    f.write("<dl>")
                    for n, t in e.params:
                        f.write("<dt><code>%s</code></dt><dd>%s</dd>" % (
                            esc(n), esc(t)))
                    f.write("</dl>")
                for p in e.body:
                    if p.startswith(("  ", "\t")) or "\n  " in p:
                        f.write("<pre>%s</pre>" % esc(p))
                    else:
                        f.write("<p>%s</p>" % esc(p))
                for t, s in e.sections:
                    f.write("<p><b>%s:</b> %s</p>" % (esc(t), esc(s)))
        f.write("</body></html>\n")


def roff(t):
    t = t.replace("\\", "\\\\").replace("-", "\\-")
    return "\n".join(("\\&" + l if l.startswith((".", "'")) else l)
                     for l in t.split("\n"))


def write_man(entries, outdir):
    os.makedirs(outdir, exist_ok=True)
    for e in entries:
        if e.doc:
            name = "xdpkit-" + anchor(e.summary.replace(" ", "_"))
        else:
            name = e.keys[0]
        with open(os.path.join(outdir, name + ".3"), "w") as f:
            f.write('.TH %s 3 "" "xdpkit" "xdpkit headers"\n' % name.upper())
            f.write(".SH NAME\n%s \\- %s\n" % (
                roff(", ".join(e.keys) if e.keys else name), roff(e.summary)))
            f.write(".SH SYNOPSIS\n.B #include <%s>\n" % header_of(e))
            if e.params:
                f.write(".SH PARAMETERS\n")
                for n, t in e.params:
                    f.write(".TP\n.I %s\n%s\n" % (roff(n), roff(t)))
            if e.body:
                f.write(".SH DESCRIPTION\n")
                for p in e.body:
                    if p.startswith(("  ", "\t")) or "\n  " in p:
                        f.write(".nf\n%s\n.fi\n" % roff(p))
                    else:
                        f.write(".PP\n%s\n" % roff(p.replace("\n", " ")))
            for t, s in e.sections:
                f.write(".SH %s\n%s\n" % (
                    {"Return": "RETURN VALUE"}.get(t, t.upper()), roff(s)))
            f.write(".SH SEE ALSO\n.BR xdpctl (8)\n")
        for k in e.keys[1:]:
            with open(os.path.join(outdir, k + ".3"), "w") as f:
                f.write(".so man3/%s.3\n" % name)


def main():
    args = sys.argv[1:]
    opts = {}
    while args and args[0].startswith("--"):
        o = args.pop(0)
        opts[o] = True if o == "--check" else args.pop(0)
    paths = args
    entries = [e for p in paths for e in parse(p)]
    if "--check" in opts:
        sys.exit(check(paths, entries))
    if "--md" in opts:
        write_md(entries, opts["--md"])
    if "--html" in opts:
        os.makedirs(os.path.dirname(opts["--html"]) or ".", exist_ok=True)
        write_html(entries, opts["--html"])
    if "--man" in opts:
        write_man(entries, opts["--man"])


if __name__ == "__main__":
    main()
