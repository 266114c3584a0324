# bash completion for xdpctl(8). Commands and keywords come from
# `xdpctl -j help`, so completion follows the binary's own table; program
# labels for detach come from `xdpctl -j status`.

_xdpctl_json() { xdpctl -j "$@" 2>/dev/null; }

_xdpctl()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion || return
	else	# plain bash, without the bash-completion package
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
	fi

	local py=/usr/bin/python3 i cmd=""
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '-j -p -v -V --json --pretty --verbose --version' -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_xdpctl_json help | $py -c '
import json,sys
print(" ".join(c["name"] for c in json.load(sys.stdin)["commands"]))')" -- "$cur"))
		fi
		return
	fi

	case $prev in
	dev)
		COMPREPLY=($(compgen -W "$(ls /sys/class/net 2>/dev/null)" -- "$cur"))
		return ;;
	section | name)
		return ;;
	esac

	# choices of a keyword, and the keywords of the command
	local spec
	spec=$(_xdpctl_json help | $py -c '
import json,sys
cmd, prev = sys.argv[1], sys.argv[2]
for c in json.load(sys.stdin)["commands"]:
    if not c["name"].startswith(cmd):
        continue
    for a in c["args"]:
        if a["kind"] == "choice" and a["keyword"] == prev:
            print("CHOICE " + a["meta"].replace("|", " "))
            sys.exit()
    print("KW " + " ".join(a["keyword"] for a in c["args"] if a["kind"] != "positional"))
    break' "$cmd" "$prev")
	case $spec in
	CHOICE*)
		COMPREPLY=($(compgen -W "${spec#CHOICE }" -- "$cur")) ;;
	KW*)
		local extra=""
		if [[ $cmd == a* && $cword -eq $((i + 1)) ]]; then
			extra=$(_xdpctl_json help | $py -c '
import json,sys
print(" ".join(p["name"] for p in json.load(sys.stdin)["programs"]))')
			if declare -F _filedir >/dev/null; then
				_filedir o
			else
				COMPREPLY=($(compgen -f -- "$cur"))
			fi
		fi
		if [[ $cmd == de* ]]; then
			local dev="" j
			for ((j = i; j < cword; j++)); do
				[[ ${words[j]} == dev ]] && dev=${words[j + 1]}
			done
			[[ -n $dev ]] && extra="all $(_xdpctl_json status dev "$dev" | $py -c '
import json,sys
print(" ".join(sorted({p["label"] for p in json.load(sys.stdin)["interfaces"][0]["programs"] if p["owner"] == "xdpkit"})))' 2>/dev/null)"
		fi
		COMPREPLY+=($(compgen -W "${spec#KW } $extra help" -- "$cur")) ;;
	esac
} &&
	complete -F _xdpctl xdpctl
