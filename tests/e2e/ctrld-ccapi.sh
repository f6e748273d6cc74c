#!/bin/sh
# mctp-ctrld as au.com.codeconstruct.MCTP1 (the API of "mctpd" that
# deployed OpenBMC software uses), next to xyz.openbmc_project.MCTP: every
# method and property of the link, network and endpoint objects, their
# signatures, the errors, and both trees showing the same endpoints.
. "$(dirname "$0")"/lib.sh

CC=au.com.codeconstruct.MCTP1
CR=/au/com/codeconstruct/mctp1
U1=22222222-0000-4000-8000-000000000001
U2=22222222-0000-4000-8000-000000000002
U3=22222222-0000-4000-8000-000000000003
UB=22222222-0000-4000-8000-0000000000bb

say "segment: a0 bus owner, a1 ep1 0x1d, a2 ep2 0x1e, a3 ep3 0x1f (static EID 40), a4 a second link of ours"
seg_create 5
bmc_up
B4=$(bus_of a4)
echo mctp-smbus 0x1011 >/sys/bus/i2c/devices/i2c-"$B4"/new_device || fail "binding on a4"
endpoint ep1 a1 0x1d -u $U1 -t 0,1
endpoint ep2 a2 0x1e -u $U2 -t 0,5
endpoint ep3 a3 0x1f -u $U3 -e 40
L0=mctpi2c$(bus_of a0)
L4=mctpi2c$B4
mctp-ctl link show

start_dbus
# only 0x1d is probed; the others are set up over D-Bus
cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 1000
retries = 2
rescan_interval_s = 10
poll_interval_s = 2
degraded_after = 1
remove_after = 100

[[network]]
net = 1
own_eid = 8
pool = "16-31"

[[probe]]
bus = $(bus_of a0)
addresses = [0x1d]

[endpoint]
uuid = "$UB"
message_types = [0, 1]
EOT
start_ctrld /tmp/ctrld.toml
wait_for 20 name_owned $CC || fail "$CC not owned"
pass "both names owned: $SERVICE and $CC"

# cc_prop PATH IFACE NAME VALUE...
cc_expect() {
	_p=$1 _i=$2 _n=$3
	shift 3
	_v=$(busctl --no-pager get-property $CC "$_p" "$_i" "$_n" 2>&1)
	[ "$_v" = "$*" ] || fail "$_p $_n: got '$_v', expected '$*'"
}
cc_prop_is() {
	_p=$1 _i=$2 _n=$3
	shift 3
	[ "$(busctl --no-pager get-property $CC "$_p" "$_i" "$_n" 2>/dev/null)" = "$*" ]
}
cc_objects() { busctl --no-pager --list tree $CC 2>/dev/null; }
cc_has() { cc_objects | grep -qx "$1"; }
cc_lacks() { ! cc_objects | grep -qx "$1"; }
# cc_call PATH IFACE METHOD ARGS...: the answer, or the error, on stdout
cc_call() {
	_p=$1 _i=$2
	shift 2
	busctl --no-pager call $CC "$_p" "$_i" "$@" 2>&1
}
# cc_fails WANT PATH IFACE METHOD ARGS...: the call fails with WANT in its error
cc_fails() {
	_want=$1
	shift
	_out=$(cc_call "$@") && fail "$3 on $1 succeeded: $_out"
	echo "$3: $_out"
	echo "$_out" | grep -qE "$_want" || fail "$3 on $1: '$_out' does not say '$_want'"
}
# has_sig PATH MEMBER KIND IN OUT: busctl introspect shows it so
has_sig() {
	busctl --no-pager introspect $CC "$1" | grep -qE "^\\.$2 +$3 +$4 +$5 " ||
		fail "$1: no $3 $2 with signature $4 -> $5"
}

I=au.com.codeconstruct.MCTP.Interface1
BO=au.com.codeconstruct.MCTP.BusOwner1
NW=au.com.codeconstruct.MCTP.Network1
EP=au.com.codeconstruct.MCTP.Endpoint1
OE=xyz.openbmc_project.MCTP.Endpoint
UU=xyz.openbmc_project.Common.UUID
LP=$CR/interfaces/$L0
NP=$CR/networks/1

say "the tree: links, the network, this host's EID 8, the discovered ep1 (EID 16)"
busctl --no-pager introspect $CC $CR | grep -q "^org.freedesktop.DBus.ObjectManager " ||
	fail "no ObjectManager at $CR"
wait_for 30 cc_has $CR/networks/1/endpoints/16 || fail "ep1 not in the $CC tree"
cc_has "$LP" || fail "no $LP"
cc_has $CR/interfaces/"$L4" || fail "no object of $L4"
cc_has $NP || fail "no $NP"
wait_for 20 cc_has $NP/endpoints/8 || fail "this host's EID 8 not published"
has_object $ROOT/1/16 || fail "ep1 not in the $SERVICE tree"
busctl --no-pager --list tree $CC
busctl --no-pager call $CC $CR org.freedesktop.DBus.ObjectManager GetManagedObjects >/tmp/gmo.txt ||
	fail "GetManagedObjects"
grep -q "$CR/networks/1/endpoints/16" /tmp/gmo.txt || fail "GetManagedObjects lacks EID 16"
pass "tree and ObjectManager"

say "signatures"
has_sig "$LP" Role property s '"BusOwner"'
has_sig "$LP" NetworkId property u 1
has_sig "$LP" SetupEndpoint method ay yisb
has_sig "$LP" AssignEndpoint method ay yisb
has_sig "$LP" AssignEndpointStatic method ayy yisb
has_sig "$LP" LearnEndpoint method ay yisb
has_sig "$LP" AssignBridgeStatic method ayyyy yisbs
has_sig $NP LearnEndpoint method y sb
has_sig $NP LocalEIDs property ay '1 8'
E16=$NP/endpoints/16
has_sig $E16 SetMTU method u -
has_sig $E16 Remove method - -
has_sig $E16 Recover method - -
has_sig $E16 Connectivity property s '"Available"'
has_sig $E16 EID property y 16
has_sig $E16 NetworkId property u 1
has_sig $E16 SupportedMessageTypes property ay '2 0 1'
has_sig $E16 UUID property s "\"$U1\""
busctl --no-pager introspect $CC "$LP" | grep -E "^\\.Role " | grep -q writable || fail "Role not writable"
pass "signatures as documented for mctpd"

say "link properties, Role written once"
cc_expect "$LP" $I Role s '"BusOwner"'
cc_expect "$LP" $I NetworkId u 1
cc_expect $CR/interfaces/"$L4" $I Role s '"Unknown"'
cc_expect $CR/interfaces/"$L4" $I NetworkId u 1
busctl --no-pager introspect $CC $CR/interfaces/"$L4" | grep -q "^$BO " && fail "BusOwner1 on an Unknown link"
busctl --no-pager set-property $CC $CR/interfaces/"$L4" $I Role s Nonsense >/tmp/err.txt 2>&1 &&
	fail "Role Nonsense accepted"
cat /tmp/err.txt
busctl --no-pager set-property $CC $CR/interfaces/"$L4" $I Role s BusOwner || fail "setting Role"
cc_expect $CR/interfaces/"$L4" $I Role s '"BusOwner"'
busctl --no-pager introspect $CC $CR/interfaces/"$L4" | grep -q "^$BO " || fail "no BusOwner1 after Role"
busctl --no-pager set-property $CC $CR/interfaces/"$L4" $I Role s Endpoint >/tmp/err.txt 2>&1 &&
	fail "Role set twice"
cat /tmp/err.txt
grep -q "already set" /tmp/err.txt || fail "no clear error for a second Role"
pass "Role and NetworkId"

say "endpoint and this host's properties in the new tree"
cc_expect $E16 $OE EID y 16
cc_expect $E16 $OE NetworkId u 1
cc_expect $E16 $OE SupportedMessageTypes ay 2 0 1
cc_expect $E16 $UU UUID s "\"$U1\""
cc_expect $E16 $EP Connectivity s '"Available"'
cc_expect $NP/endpoints/8 $OE EID y 8
cc_expect $NP/endpoints/8 $OE NetworkId u 1
cc_expect $NP/endpoints/8 $OE SupportedMessageTypes ay 2 0 1
cc_expect $NP/endpoints/8 $UU UUID s "\"$UB\""
cc_expect $NP/endpoints/8 $EP Connectivity s '"Available"'
cc_expect $NP $NW LocalEIDs ay 1 8
pass "EID, NetworkId (u), SupportedMessageTypes, UUID, Connectivity, LocalEIDs"

say "bus-owner methods on the link object"
busctl --no-pager monitor --match "type='signal',member='InterfacesAdded'" >/tmp/added.log 2>&1 &
MON1=$!
sleep 1
out=$(cc_call "$LP" $BO SetupEndpoint ay 1 0x1e) || fail "SetupEndpoint: $out"
[ "$out" = "yisb 17 1 \"$NP/endpoints/17\" true" ] || fail "SetupEndpoint answered '$out'"
out=$(cc_call "$LP" $BO SetupEndpoint ay 1 0x1e) || fail "SetupEndpoint again: $out"
[ "$out" = "yisb 17 1 \"$NP/endpoints/17\" false" ] || fail "SetupEndpoint again answered '$out'"
out=$(cc_call "$LP" $BO AssignEndpoint ay 1 0x1e) || fail "AssignEndpoint: $out"
[ "$out" = "yisb 17 1 \"$NP/endpoints/17\" false" ] || fail "AssignEndpoint (known) answered '$out'"
out=$(cc_call "$LP" $BO AssignEndpointStatic ayy 1 0x1e 17) || fail "AssignEndpointStatic: $out"
[ "$out" = "yisb 17 1 \"$NP/endpoints/17\" false" ] || fail "AssignEndpointStatic (same) answered '$out'"
out=$(cc_call "$LP" $BO LearnEndpoint ay 1 0x1f) || fail "LearnEndpoint: $out"
[ "$out" = "yisb 40 1 \"$NP/endpoints/40\" true" ] || fail "LearnEndpoint answered '$out'"
out=$(cc_call "$LP" $BO LearnEndpoint ay 1 0x1f) || fail "LearnEndpoint again: $out"
[ "$out" = "yisb 40 1 \"$NP/endpoints/40\" false" ] || fail "LearnEndpoint again answered '$out'"
[ "$(emu_eid ep2)" = 17 ] || fail "ep2 holds EID $(emu_eid ep2)"
route_to 17 "$L0" && neigh_of 17 "$L0" 1e || fail "route/neighbour of EID 17"
has_object $ROOT/1/17 && has_object $ROOT/1/40 || fail "17 and 40 not in the $SERVICE tree"
cc_expect $NP/endpoints/17 $OE SupportedMessageTypes ay 2 0 5
cc_expect $NP/endpoints/40 $UU UUID s "\"$U3\""
wait_for 10 grep -q "$NP/endpoints/17" /tmp/added.log || fail "no InterfacesAdded for $NP/endpoints/17"
wait_for 10 grep -q "$ROOT/1/17" /tmp/added.log || fail "no InterfacesAdded for $ROOT/1/17"
kill $MON1
pass "SetupEndpoint, AssignEndpoint, AssignEndpointStatic, LearnEndpoint"

say "errors"
cc_fails "physical address on $L0 is 1 byte" "$LP" $BO SetupEndpoint ay 2 0x1e 0x00
cc_fails "physical address" "$LP" $BO AssignEndpoint ay 0
cc_fails "UnknownObject|Unknown object" $CR/interfaces/nosuch0 $BO SetupEndpoint ay 1 0x1e
cc_fails "EID 40 is in use on network 1" "$LP" $BO AssignEndpointStatic ayy 1 0x2a 40
cc_fails "EID 8 is in use on network 1 .this host" "$LP" $BO AssignEndpointStatic ayy 1 0x2a 8
cc_fails "has EID 17 already" "$LP" $BO AssignEndpointStatic ayy 1 0x1e 30
cc_fails "not supported" "$LP" $BO AssignBridgeStatic ayyyy 1 0x2b 50 60 4
cc_fails "out of range" $NP/endpoints/17 $EP SetMTU u 20
cc_fails "out of range" $NP/endpoints/17 $EP SetMTU u 100000
cc_fails "own EIDs" $NP/endpoints/8 $EP SetMTU u 100
cc_fails "own EIDs" $NP/endpoints/8 $EP Remove
cc_fails "not supported" $NP $NW LearnEndpoint y 99
out=$(cc_call "$LP" $BO SetupEndpoint ay 1 0x2c) && fail "SetupEndpoint of an empty address: $out"
echo "SetupEndpoint of nobody: $out"
pass "clear D-Bus errors"

say "Network1.LearnEndpoint of a known EID"
out=$(cc_call $NP $NW LearnEndpoint y 16) || fail "LearnEndpoint y 16: $out"
[ "$out" = "sb \"$NP/endpoints/16\" false" ] || fail "LearnEndpoint y 16 answered '$out'"
pass "Network1.LearnEndpoint"

say "SetMTU: the route's MTU"
mtu_of() { mctp-ctl -j route show | tr '{' '\n' | grep "\"eid\": *$1," | grep -q "\"mtu\": *$2[,}]"; }
out=$(cc_call $NP/endpoints/17 $EP SetMTU u 100) || fail "SetMTU 100: $out"
mctp-ctl route show
mtu_of 17 100 || fail "route to 17 has not MTU 100"
route_to 17 "$L0" || fail "route to 17 gone"
out=$(cc_call $NP/endpoints/17 $EP SetMTU u 0) || fail "SetMTU 0: $out"
mtu_of 17 0 || fail "route to 17 has not MTU 0 (the link's)"
pass "SetMTU"

say "Recover and Connectivity"
busctl --no-pager monitor --match "type='signal',member='PropertiesChanged',path='$E16'" \
	>/tmp/props.log 2>&1 &
MON2=$!
sleep 1
out=$(cc_call $E16 $EP Recover) || fail "Recover: $out"
cc_expect $E16 $EP Connectivity s '"Available"'
emu_stop ep1
wait_for 60 cc_prop_is $E16 $EP Connectivity s '"Degraded"' || fail "ep1 not Degraded"
state_is $ROOT/1/16 Degraded || state_is $ROOT/1/16 Unavailable || fail "legacy state differs"
emu_start ep1 -u $U1 -t 0,1
out=$(cc_call $E16 $EP Recover) || fail "Recover: $out"
wait_for 60 cc_prop_is $E16 $EP Connectivity s '"Available"' || fail "ep1 not Available again"
wait_for 10 grep -q "Degraded" /tmp/props.log || fail "no PropertiesChanged to Degraded"
kill $MON2
grep -A3 Connectivity /tmp/props.log | head -20
pass "Recover; Connectivity Available -> Degraded -> Available with PropertiesChanged"

say "Remove: gone from both trees, InterfacesRemoved in each"
busctl --no-pager monitor --match "type='signal',member='InterfacesRemoved'" >/tmp/removed.log 2>&1 &
MON3=$!
sleep 1
out=$(cc_call $NP/endpoints/40 $EP Remove) || fail "Remove: $out"
wait_for 20 cc_lacks $NP/endpoints/40 || fail "$NP/endpoints/40 still there"
wait_for 20 no_object $ROOT/1/40 || fail "$ROOT/1/40 still there"
wait_for 10 grep -q "$NP/endpoints/40" /tmp/removed.log || fail "no InterfacesRemoved for the new tree"
wait_for 10 grep -q "$ROOT/1/40" /tmp/removed.log || fail "no InterfacesRemoved for $ROOT/1/40"
kill $MON3
no_route_to 40 || fail "route to 40 left behind"
# removed from the xyz tree: gone from the new one too
busctl --no-pager call $SERVICE $ROOT/1/17 org.mctpstack.Endpoint Remove || fail "legacy Remove"
wait_for 20 cc_lacks $NP/endpoints/17 || fail "$NP/endpoints/17 still there after the legacy Remove"
out=$(cc_call "$LP" $BO AssignEndpointStatic ayy 1 0x1e 50) || fail "AssignEndpointStatic 50: $out"
[ "$out" = "yisb 50 1 \"$NP/endpoints/50\" true" ] || fail "AssignEndpointStatic 50 answered '$out'"
[ "$(emu_eid ep2)" = 50 ] || fail "ep2 holds EID $(emu_eid ep2)"
has_object $ROOT/1/50 || fail "EID 50 not in the $SERVICE tree"
pass "Remove in either tree; AssignEndpointStatic of a new EID"

busctl --no-pager --list tree $CC
stop_ctrld
echo "PASS: ctrld-ccapi"
