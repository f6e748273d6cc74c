# SPDX-License-Identifier: GPL-2.0
# bash completion for mctp-ctl(8): options, objects, commands and their
# keywords (abbreviated words resolve as mctp-ctl resolves them: the first
# keyword, in order, that the word is a prefix of), MCTP devices, network
# namespaces and, for apply, files.

# _mctp_ctl_match WORD KEYWORD...: the first KEYWORD that WORD begins.
_mctp_ctl_match()
{
	local word=$1 kw
	shift
	[[ -n $word ]] || return 1
	for kw; do
		if [[ $kw == "$word"* ]]; then
			printf '%s\n' "$kw"
			return 0
		fi
	done
	return 1
}

# The MCTP links of this network namespace: the bindings' devices
# (ARPHRD_MCTP, 290) and, when the kernel has an MCTP stack, the loopback
# device (772) and ARPHRD_NONE devices such as tuns (65534).
_mctp_ctl_devices()
{
	local dev type stack= proto _
	# Both the module and a built-in stack register the "MCTP" protocol.
	while read -r proto _; do
		[[ $proto == MCTP ]] && stack=1 && break
	done 2>/dev/null </proc/net/protocols
	for dev in /sys/class/net/*; do
		read -r type 2>/dev/null <"$dev/type" || continue
		case $type in
		290) printf '%s\n' "${dev##*/}" ;;
		772 | 65534) [[ -n $stack ]] && printf '%s\n' "${dev##*/}" ;;
		esac
	done
}

_mctp_ctl_netns()
{
	local ns
	for ns in /run/netns/*; do
		[[ -e $ns ]] && printf '%s\n' "${ns##*/}"
	done
}

# _mctp_ctl_reply WORDS: the WORDS that complete the current word.
_mctp_ctl_reply()
{
	local IFS=$' \t\n'
	# shellcheck disable=SC2207 # compgen's words are one a line, no spaces
	COMPREPLY=($(compgen -W "$1" -- "${COMP_WORDS[COMP_CWORD]}"))
}

_mctp_ctl()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local objects=(link address route neigh monitor apply help)
	local options="-j --json -d --details -n --netns --dry-run -h --help -V --version"
	local i=1 obj cmd cmds=() first="" keywords=() kw
	COMPREPLY=()

	# the options, before the object
	while ((i < COMP_CWORD)); do
		case ${COMP_WORDS[i]} in
		-n | --netns) ((i += 2)) ;;
		-?*) ((i += 1)) ;;
		*) break ;;
		esac
	done
	if ((i >= COMP_CWORD)); then
		if [[ $prev == -n || $prev == --netns ]]; then
			_mctp_ctl_reply "$(_mctp_ctl_netns)"
		elif [[ $cur == -* ]]; then
			_mctp_ctl_reply "$options"
		else
			_mctp_ctl_reply "${objects[*]}"
		fi
		return 0
	fi

	obj=$(_mctp_ctl_match "${COMP_WORDS[i]}" "${objects[@]}") || return 0
	((i += 1))
	case $obj in
	link) cmds=(set show list help) ;;
	address | route | neigh) cmds=(show add del list help) ;;
	monitor)
		_mctp_ctl_reply "link address route neigh all help"
		return 0
		;;
	apply)
		if [[ $cur == -* ]]; then
			_mctp_ctl_reply "--dry-run"
		else
			local IFS=$'\n'
			# shellcheck disable=SC2207 # file names, one a line
			COMPREPLY=($(compgen -f -- "$cur"))
		fi
		return 0
		;;
	*) return 0 ;;
	esac
	if ((i == COMP_CWORD)); then
		_mctp_ctl_reply "${cmds[*]}"
		return 0
	fi
	cmd=$(_mctp_ctl_match "${COMP_WORDS[i]}" "${cmds[@]}") || return 0
	((i += 1))

	# what the command takes: a first argument (a device or an EID) and
	# keywords, in the order mctp-ctl matches them
	case $obj/$cmd in
	link/set) first=dev keywords=(up down mtu net) ;;
	link/show | link/list) first=dev ;;
	address/add | address/del) first=eid keywords=(dev) ;;
	route/add | route/del) first=eid keywords=(via gw net mtu) ;;
	neigh/add | neigh/del) first=eid keywords=(dev lladdr) ;;
	address/* | neigh/*) keywords=(dev) ;;
	route/*) keywords=(net) ;;
	*) return 0 ;;
	esac
	if [[ -n $first ]] && ((COMP_CWORD == i)); then
		[[ $first == dev ]] && _mctp_ctl_reply "$(_mctp_ctl_devices)"
		return 0
	fi
	if ((COMP_CWORD - 1 >= i + (${#first} ? 1 : 0))); then
		kw=$(_mctp_ctl_match "$prev" "${keywords[@]}")
		case $kw in
		dev | via)
			_mctp_ctl_reply "$(_mctp_ctl_devices)"
			return 0
			;;
		mtu | net | gw | lladdr) return 0 ;; # a value: nothing to offer
		esac
	fi
	_mctp_ctl_reply "${keywords[*]}"
	return 0
}

complete -F _mctp_ctl mctp-ctl
