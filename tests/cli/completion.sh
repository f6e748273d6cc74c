#!/bin/bash
# mctp-ctl's bash completion (COMPLETION_FILE), sourced into this bash as
# bash-completion would: what it offers for a few command lines. The VM
# test (tests/e2e/ctl/ctl-vm.sh) checks the MCTP devices it offers.
set -u
. "$1" || exit 1
pass=0
fail=0

# expect "WORDS..." "OFFERED...": completing the last word of WORDS offers
# exactly OFFERED (in any order)
expect() {
	local -a words
	read -r -a words <<<"$1"
	[[ $1 == *" " ]] && words+=("")
	COMP_WORDS=("${words[@]}")
	COMP_CWORD=$((${#words[@]} - 1))
	COMPREPLY=()
	_mctp_ctl
	local got want
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | xargs)
	want=$(printf '%s\n' $2 | sort | xargs)
	if [[ $got == "$want" ]]; then
		pass=$((pass + 1))
		echo "ok - '$1' -> $want"
	else
		fail=$((fail + 1))
		echo "FAIL - '$1': got '$got', want '$want'"
	fi
}

[[ $(complete -p mctp-ctl) == *"-F _mctp_ctl mctp-ctl" ]] && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL - no completion registered for mctp-ctl"; }

expect "mctp-ctl " "link address route neigh monitor apply help"
expect "mctp-ctl r" "route"
expect "mctp-ctl --" "--json --details --netns --dry-run --help --version"
expect "mctp-ctl -j -d " "link address route neigh monitor apply help"
expect "mctp-ctl -n ns1 a" "address apply"
expect "mctp-ctl l " "set show list help"
expect "mctp-ctl link s" "set show"
expect "mctp-ctl l s mctpi2c1 " "up down mtu net"
expect "mctp-ctl l s mctpi2c1 mtu " ""
expect "mctp-ctl l s mctpi2c1 mtu 254 n" "net"
expect "mctp-ctl ro a 10-20 " "via gw net mtu"
expect "mctp-ctl ro a 10 g" "gw"
expect "mctp-ctl route show " "net"
expect "mctp-ctl neigh add 10 " "dev lladdr"
expect "mctp-ctl n a 10 dev mctpi2c1 l" "lladdr"
expect "mctp-ctl neigh add 10 lladdr " ""
expect "mctp-ctl monitor r" "route"
expect "mctp-ctl apply --" "--dry-run"
expect "mctp-ctl bogus " ""
# devices: only MCTP ones (this host has none; lo and the like never)
expect "mctp-ctl link set " ""
expect "mctp-ctl address show dev " ""
expect "mctp-ctl route add 10 via " ""
# apply completes file names
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
touch "$dir/mctp.toml" "$dir/other.toml"
expect "mctp-ctl apply $dir/m" "$dir/mctp.toml"

echo "$pass passed, $fail failed"
((fail == 0))
