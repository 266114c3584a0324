#!/bin/sh
# xdpctl's documentation follows its argument tables: every command and
# every keyword (and choice) of each appears in the command's synopsis in
# xdpctl(8), and the bash completion offers exactly the table's keywords.
SUITE=xdpctl-docs
XDPCTL=${XDPCTL:-$(pwd)/build/xdpctl}
MAN=${MAN:-$(pwd)/cli/xdpctl.8}
COMP=${COMP:-$(pwd)/cli/xdpctl.bash}
[ -x "$XDPCTL" ] || { echo "$SUITE: FAIL: $XDPCTL missing; run make"; exit 1; }
command -v bash >/dev/null || { echo "$SUITE: FAIL: bash missing"; exit 1; }
"$XDPCTL" -j help > /tmp/xkdocs$$.json
/usr/bin/python3 - "$MAN" /tmp/xkdocs$$.json <<'PY'
import json, re, sys
man = open(sys.argv[1]).read()
cmds = json.load(open(sys.argv[2]))["commands"]
fails = 0
for c in cmds:
    syn = [l for l in man.splitlines() if re.match(r"\.B %s\b" % re.escape(c["name"]), l)]
    if not syn:
        print("  FAIL %s: no synopsis line '.B %s ...' in xdpctl.8" % (c["name"], c["name"]))
        fails += 1
        continue
    text = re.sub(r"\\f[BIRP]", "", " ".join(syn))
    words = set(re.findall(r"[A-Za-z0-9_-]+", text))
    missing = []
    for a in c["args"]:
        if a["kind"] == "positional":
            continue
        if a["keyword"] not in words:
            missing.append(a["keyword"])
        if a["kind"] == "choice":
            missing += [v for v in a["meta"].split("|") if v not in words]
    if missing:
        print("  FAIL %s: xdpctl.8's synopsis lacks %s" % (c["name"], ", ".join(missing)))
        fails += 1
    else:
        print("  ok   %s: every keyword and choice in xdpctl.8" % c["name"])
sys.exit(1 if fails else 0)
PY
man_rc=$?
comp_rc=0
for c in $(/usr/bin/python3 -c 'import json,sys; print(" ".join(c["name"] for c in json.load(open(sys.argv[1]))["commands"]))' /tmp/xkdocs$$.json); do
	want=$(/usr/bin/python3 -c '
import json,sys
c=[c for c in json.load(open(sys.argv[1]))["commands"] if c["name"]==sys.argv[2]][0]
print(" ".join(sorted(a["keyword"] for a in c["args"] if a["kind"]!="positional")))' /tmp/xkdocs$$.json "$c")
	got=$(PATH="$(dirname "$XDPCTL"):$PATH" bash -c '
		. "$1"
		COMP_WORDS=(xdpctl "$2" ""); COMP_CWORD=2; COMP_LINE="xdpctl $2 "
		_xdpctl
		printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' _ "$COMP" "$c" | sed 's/ $//')
	# every keyword is offered, and help; what else is offered is the
	# first positional's words (programs, files, actions)
	miss=""
	for k in $want help; do
		case " $got " in *" $k "*) ;; *) miss="$miss $k" ;; esac
	done
	if [ -z "$miss" ]; then
		echo "  ok   completion of '$c' offers its keywords and help"
	else
		echo "  FAIL completion of '$c' lacks:$miss (offers '$got')"
		comp_rc=1
	fi
done
rm -f /tmp/xkdocs$$.json
[ $man_rc = 0 ] && [ $comp_rc = 0 ] && echo "$SUITE: PASS" || { echo "$SUITE: FAIL"; exit 1; }
