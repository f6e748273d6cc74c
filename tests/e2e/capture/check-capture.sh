#!/bin/bash
# Capture and decode: runs capture-vm.sh in the test VM (the command after
# --), takes the captures it prints, and decodes them on this host with
# tshark and the project's MCTP dissector (tools/wireshark/mctp.lua),
# checking EIDs, tags, message types, control commands and reassembly in
# the decoded fields.
#
#   check-capture.sh DISSECTOR TSHARK -- COMMAND...
set -uo pipefail
lua=${1:?usage: check-capture.sh DISSECTOR TSHARK -- COMMAND...}
tshark=${2:?}
[[ ${3:-} == -- ]] || { echo "usage: check-capture.sh DISSECTOR TSHARK -- COMMAND..." >&2; exit 2; }
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$@" 2>&1 | tee "$work/vm.log"
vm_status=${PIPESTATUS[0]}
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
bad() { fail=$((fail + 1)); echo "FAIL - $*"; }

# the captures, out of the console log (CRs and kernel lines dropped)
tr -d '\r' <"$work/vm.log" | awk -v dir="$work" '
	/^PCAP-BEGIN / { name = $2; out = dir "/" name ".b64"; print $3 > (dir "/" name ".md5"); next }
	/^PCAP-END/ { name = ""; next }
	name != "" && /^PCAP [A-Za-z0-9+\/=]+$/ { print $2 > out }'
for n in smbus vpair; do
	if [[ -s $work/$n.b64 ]] && base64 -d "$work/$n.b64" >"$work/$n.pcap" 2>/dev/null &&
		[[ $(md5sum <"$work/$n.pcap" | cut -d' ' -f1) == "$(cat "$work/$n.md5")" ]]; then
		ok "$n capture received whole ($(stat -c %s "$work/$n.pcap") bytes)"
	else
		bad "$n capture received whole (missing, or damaged on the console)"
		rm -f "$work/$n.pcap"
	fi
done

# decode FILE FIELD...: one line per MCTP packet, fields separated by |
decode() {
	local file=$1
	shift
	local args=()
	for fld in "$@"; do args+=(-e "$fld"); done
	"$tshark" -n -r "$file" -X lua_script:"$lua" -Y mctp -T fields -E separator='|' \
		-E occurrence=f "${args[@]}" 2>"$work/tshark.err"
}
# expect_line FILE DESCRIPTION REGEX FIELD...: some packet's fields match
expect_line() {
	local file=$1 what=$2 re=$3
	shift 3
	if decode "$file" "$@" | grep -qE -- "$re"; then
		ok "$what"
	else
		bad "$what: no packet matches '$re' in"
		decode "$file" "$@" | sed 's/^/  | /'
	fi
}
count_lines() { # FILE FILTER: packets matching the display filter
	"$tshark" -n -r "$1" -X lua_script:"$lua" -Y "$2" 2>/dev/null | wc -l
}

smbus=$work/smbus.pcap vpair=$work/vpair.pcap
if [[ -s $smbus ]]; then
	F=(mctp.ver mctp.src mctp.dst mctp.to mctp.tag mctp.type mctp.ctrl.rq mctp.ctrl.cmd mctp.ctrl.cc mctp.ctrl.eid)
	# Get Endpoint ID: request 8 -> 9 as tag owner, response 9 -> 8 with EID 9
	expect_line "$smbus" "Get Endpoint ID request decoded" '^1\|8\|9\|1\|[0-7]\|0x00\|1\|0x02\|\|$' "${F[@]}"
	expect_line "$smbus" "Get Endpoint ID response decoded (EID 9, success)" \
		'^1\|9\|8\|0\|[0-7]\|0x00\|0\|0x02\|0x00\|9$' "${F[@]}"
	# the response carries the request's tag, without the owner bit
	req_tag=$(decode "$smbus" mctp.ctrl.cmd mctp.to mctp.tag | awk -F'|' '$1 == "0x02" && $2 == 1 { print $3; exit }')
	rsp_tag=$(decode "$smbus" mctp.ctrl.cmd mctp.to mctp.tag | awk -F'|' '$1 == "0x02" && $2 == 0 { print $3; exit }')
	if [[ -n $req_tag && $req_tag == "$rsp_tag" ]]; then
		ok "Get Endpoint ID response has the request's tag ($req_tag)"
	else
		bad "Get Endpoint ID response has the request's tag (request '$req_tag', response '$rsp_tag')"
	fi
	expect_line "$smbus" "Get Endpoint UUID response carries the emulator's UUID" \
		'^0x03\|0x00\|12345678-9abc-4def-8123-456789abcdef$' mctp.ctrl.cmd mctp.ctrl.cc mctp.ctrl.uuid
	expect_line "$smbus" "Get Message Type Support response decoded" \
		'^0x05\|0x00\|2$' mctp.ctrl.cmd mctp.ctrl.cc mctp.ctrl.count
	# the 301-byte message: five packets, the last one reassembles it
	expect_line "$smbus" "301-byte message reassembled at its last packet (type 1)" \
		'^8\|9\|1\|301\|0x01$' mctp.src mctp.dst mctp.eom mctp.reassembled.length mctp.type
	expect_line "$smbus" "its echo reassembled too" \
		'^9\|8\|1\|301\|0x01$' mctp.src mctp.dst mctp.eom mctp.reassembled.length mctp.type
	frags=$(count_lines "$smbus" "mctp.src == 8 && mctp.fragment")
	[[ $frags == 5 ]] && ok "the request's five packets marked as fragments" ||
		bad "the request's five packets marked as fragments (found $frags)"
	seqs=$(decode "$smbus" mctp.src mctp.fragment mctp.seq | awk -F'|' '$1 == 8 && $2 != "" { printf "%s", $3 }')
	[[ $seqs =~ ^(0123|1230|2301|3012)[0-3]$ ]] && ok "their sequence numbers count on modulo 4 ($seqs)" ||
		bad "their sequence numbers count on modulo 4 ($seqs)"
fi
if [[ -s $vpair ]]; then
	expect_line "$vpair" "vpair: 101-byte message in two packets, reassembled" \
		'^20\|21\|1\|101\|0x01$' mctp.src mctp.dst mctp.eom mctp.reassembled.length mctp.type
	expect_line "$vpair" "vpair: the echo back, reassembled" \
		'^21\|20\|1\|101\|0x01$' mctp.src mctp.dst mctp.eom mctp.reassembled.length mctp.type
fi
for f in "$smbus" "$vpair"; do
	[[ -s $f ]] || continue
	n=$(count_lines "$f" "_ws.malformed || _ws.expert.severity >= warning")
	[[ $n == 0 ]] && ok "${f##*/}: no malformed packet, no warning" ||
		bad "${f##*/}: $n packets malformed or with warnings"
	"$tshark" -n -r "$f" -X lua_script:"$lua" >/dev/null 2>"$work/lua.err"
	if grep -v -e '^Running as user' "$work/lua.err" | grep -q .; then
		bad "${f##*/}: tshark reported errors:"
		sed 's/^/  | /' "$work/lua.err"
	else
		ok "${f##*/}: the dissector loads and runs without errors"
	fi
done

echo "check-capture: $pass passed, $fail failed (VM exit $vm_status)"
[[ $vm_status == 0 && $fail == 0 ]]
