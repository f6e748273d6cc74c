#!/bin/sh
# mctp-ctrld discovers endpoints on an SMBus segment, directly and behind a
# mux channel: EIDs assigned from the pool (a static one kept), routes and
# neighbours installed, D-Bus objects with the right properties, and the
# TMP75-like sensors never touched (one is excluded by configuration, the
# other is claimed by an i2c driver although configuration allows it).
. "$(dirname "$0")"/lib.sh

U1=11111111-0000-4000-8000-000000000001
U2=11111111-0000-4000-8000-000000000002
U3=11111111-0000-4000-8000-000000000003
UB=11111111-0000-4000-8000-0000000000bb

say "segment: a0 bus owner, a1 ep1 0x1d, a2 ep3 0x1f, mux m0 (ep2 0x1e behind channel 1)"
seg_create 3
seg_cmd add-mux m0 parent=a0 channels=4 idle=as-is
seg_cmd add-adapter am1 on=m0.1
seg_cmd add-tmp75 t0 addr=0x48
seg_cmd add-tmp75 t1 addr=0x4c on=m0.2
B0=$(bus_of a0)
# a driver owns 0x48 on the root bus (the i2c core's "dummy" driver)
echo dummy 0x48 >/sys/bus/i2c/devices/i2c-"$B0"/new_device || fail "dummy client"

bmc_up
endpoint ep1 a1 0x1d -u $U1 -t 0,1 --vendor iana:0x1234:0x0001
endpoint ep2 am1 0x1e -u $U2 -t 0,5
endpoint ep3 a2 0x1f -u $U3 -e 40

say "the topology the daemon sees (sd-device): links, mux tree, foreign clients"
# a client without a driver behind channel 3
echo nosuchdrv 0x50 >/sys/bus/i2c/devices/i2c-"$(bus_of m0.3)"/new_device || fail "unbound client"
topo_is() {
	_want=$1
	shift
	_got=$(mctp-test-i2c-topology "$@" 2>&1)
	[ "$_got" = "$_want" ] || fail "topology $*: got '$_got', expected '$_want'"
}
C1=$(bus_of m0.1)
topo_is "$B0" netdev mctpi2c"$B0"
topo_is "$C1" netdev mctpi2c"$C1"
topo_is none netdev lo
topo_is none parents "$B0"
topo_is "$B0" parents "$C1"
topo_is "$(bus_of m0.0) $C1 $(bus_of m0.2) $(bus_of m0.3)" descendants "$B0"
topo_is none descendants "$C1"
topo_is "i2c device $B0-0048 bound to driver dummy" owner "$B0" 0x48
topo_is "i2c device $B0-0048 bound to driver dummy" owner "$(bus_of m0.2)" 0x48
topo_is "i2c device $(bus_of m0.3)-0050 (nosuchdrv) without a driver" owner "$B0" 0x50
topo_is free owner "$C1" 0x50
topo_is free owner "$B0" 0x1d
pass "topology: netdev buses, mux parents and channels, foreign clients"

start_dbus
cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 1000
retries = 2
rescan_interval_s = 10
poll_interval_s = 3

[[network]]
net = 1
own_eid = 8
pool = "16-31"

[[probe]]
bus = $B0                      # the root bus and every mux channel below it
addresses = ["0x1d-0x1f", 0x25, 0x48]

[endpoint]
uuid = "$UB"
message_types = [0, 1]
EOT
mctp-ctrld --check -c /tmp/ctrld.toml || fail "config rejected"
start_ctrld /tmp/ctrld.toml

say "discovery"
wait_for 120 sh -c "[ \$(busctl --no-pager --list tree $SERVICE | grep -cE '^$ROOT/1/[0-9]+\$') -ge 3 ]" ||
	fail "three endpoints not discovered"
P1=$(endpoint_path $U1) || fail "ep1 not on D-Bus"
P2=$(endpoint_path $U2) || fail "ep2 not on D-Bus"
P3=$(endpoint_path $U3) || fail "ep3 not on D-Bus"
echo "ep1 $P1, ep2 $P2, ep3 $P3"
[ "$P1" = $ROOT/1/16 ] || fail "ep1 (first probed) should have EID 16, has $P1"
[ "$P3" = $ROOT/1/40 ] || fail "ep3 should keep its static EID 40, has $P3"
[ "$P2" = $ROOT/1/17 ] || fail "ep2 (behind the mux) should have EID 17, has $P2"
pass "EIDs 16 and 17 assigned, static 40 kept"

E=xyz.openbmc_project.MCTP.Endpoint
expect_prop $P1 $E EID y 16
expect_prop $P1 $E NetworkId i 1
expect_prop $P1 $E SupportedMessageTypes ay 2 0 1
expect_prop $P1 xyz.openbmc_project.Common.UUID UUID s "\"$U1\""
expect_prop $P1 org.mctpstack.Endpoint.Connectivity State s '"Available"'
expect_prop $P1 org.mctpstack.Endpoint.Connectivity Reason s '""'
expect_prop $P1 org.mctpstack.Endpoint Link s '"mctpi2c'"$B0"'"'
expect_prop $P1 org.mctpstack.Endpoint PhysicalAddress ay 1 29
expect_prop $P1 org.mctpstack.Endpoint EIDType s '"dynamic"'
expect_prop $P1 org.mctpstack.Endpoint VendorDefinedMessageTypes 'a(yuq)' 1 1 4660 1
expect_prop $P2 $E SupportedMessageTypes ay 2 0 5
expect_prop $P2 org.mctpstack.Endpoint Link s '"mctpi2c'"$(bus_of m0.1)"'"'
expect_prop $P3 org.mctpstack.Endpoint EIDType s '"static"'
busctl --no-pager introspect $SERVICE $P1 | grep -q "MCTPVersions.*1.3.1" || fail "versions"
pass "D-Bus properties"

say "routes and neighbours"
L0=mctpi2c$B0
L1=mctpi2c$(bus_of m0.1)
route_to 16 $L0 && neigh_of 16 $L0 1d || fail "route/neighbour of EID 16"
route_to 17 $L1 && neigh_of 17 $L1 1e || fail "route/neighbour of EID 17 (mux channel)"
route_to 40 $L0 && neigh_of 40 $L0 1f || fail "route/neighbour of EID 40"
[ "$(emu_eid ep1)" = 16 ] || fail "ep1 holds EID $(emu_eid ep1)"
[ "$(emu_eid ep2)" = 17 ] || fail "ep2 holds EID $(emu_eid ep2)"
mctp-ctl link show
mctp-ctl route show
mctp-ctl neigh show
pass "routes and neighbours installed"

say "a message exchange with ep1"
ip netns exec ep1 mctp-ctl route add 8 via mctpi2c"$(cat /tmp/emu-ep1.bus)" || fail "ep1 route"
ip netns exec ep1 mctp-ctl neigh add 8 dev mctpi2c"$(cat /tmp/emu-ep1.bus)" lladdr 0x10 || fail "ep1 neigh"
ip netns exec ep1 mctp-echo -t 1 >/tmp/echo.log 2>&1 &
# the first answer tells that the echo server is up
wait_for 30 mctp-req -e 16 -t 1 -l 8 -w 2000 -q || fail "no echo from EID 16"
mctp-req -e 16 -t 1 -l 32 -i 3 -w 3000 || fail "echo exchange with EID 16"
pass "request/response with EID 16"

say "this host as an endpoint: control requests to EID 8 from ep1"
out=$(ip netns exec ep1 mctp-test-control -e 8 get-eid) || fail "Get Endpoint ID of EID 8"
[ "$out" = "eid 8 type 1 eid_type 0" ] || fail "Get Endpoint ID of EID 8: $out"
out=$(ip netns exec ep1 mctp-test-control -e 8 uuid) || fail "Get Endpoint UUID of EID 8"
[ "$out" = "uuid $UB" ] || fail "Get Endpoint UUID of EID 8: $out"
out=$(ip netns exec ep1 mctp-test-control -e 8 types) || fail "Get Message Type Support of EID 8"
[ "$out" = "types 0 1" ] || fail "Get Message Type Support of EID 8: $out"
out=$(ip netns exec ep1 mctp-test-control -e 8 version) || fail "Get MCTP Version Support of EID 8"
[ "$out" = "versions 1.3.1 1.2.0 1.1.0 1.0.0" ] || fail "versions of EID 8: $out"
# a bus owner does not take an EID from an endpoint
out=$(ip netns exec ep1 mctp-test-control -e 8 set-eid 30) || fail "Set Endpoint ID of EID 8"
[ "$out" = "rejected eid 8" ] || fail "Set Endpoint ID of EID 8: $out"
pass "endpoint role answers"

say "D-Bus methods"
out=$(busctl --no-pager call $SERVICE $ROOT org.mctpstack.BusOwner SetupEndpoint say \
	"$L0" 1 0x1d) || fail "SetupEndpoint: $out"
[ "$out" = "yuob 16 1 \"$ROOT/1/16\" false" ] || fail "SetupEndpoint answered '$out'"
out=$(busctl --no-pager call $SERVICE $ROOT org.mctpstack.BusOwner LearnEndpoint say \
	"$L0" 1 0x1f) || fail "LearnEndpoint: $out"
[ "$out" = "yuob 40 1 \"$ROOT/1/40\" false" ] || fail "LearnEndpoint answered '$out'"
busctl --no-pager call $SERVICE $ROOT org.mctpstack.BusOwner SetupEndpoint say "$L0" 1 0x2a \
	>/tmp/err.txt 2>&1 && fail "SetupEndpoint of an empty address succeeded"
cat /tmp/err.txt
pass "SetupEndpoint/LearnEndpoint"

say "endpoint removed over D-Bus, then found again with the same EID"
busctl --no-pager monitor --match "type='signal',sender='$SERVICE',member='InterfacesRemoved'" \
	>/tmp/removed.log 2>&1 &
sleep 1
busctl --no-pager call $SERVICE $P3 org.mctpstack.Endpoint Remove || fail "Remove"
# (a rescan may find it again at once: follow the log and the signal)
wait_for 10 log_has "endpoint EID 40 (net 1, $L0 0x1f) removed: removed over D-Bus" ||
	fail "Remove did not remove EID 40"
wait_for 10 grep -q "$P3" /tmp/removed.log || fail "no InterfacesRemoved for $P3"
busctl --no-pager call $SERVICE $ROOT org.mctpstack.BusOwner Rescan || fail "Rescan"
wait_for 60 has_object $P3 || fail "ep3 not found again"
route_to 40 $L0 && neigh_of 40 $L0 1f || fail "route/neighbour of 40 not back"
pass "Remove and Rescan"

say "hot-add and hot-remove of a mux with an endpoint behind it"
U9=11111111-0000-4000-8000-000000000009
seg_cmd add-mux m1 parent=a0 addr=0x71 channels=2 idle=as-is
seg_cmd add-adapter am3 on=m1.1
endpoint ep9 am3 0x25 -u $U9
wait_for 60 path_of_uuid $U9 || fail "ep9 behind the new mux not discovered"
P9=$(path_of_uuid $U9)
expect_prop "$P9" org.mctpstack.Endpoint Link s '"mctpi2c'"$(bus_of m1.1)"'"'
# the mux goes first, so the link's removal (not the endpoint's silence)
# is what the daemon sees; then the emulator stops
seg_cmd del am3
seg_cmd del m1
kill "$(cat /tmp/emu-ep9.pid)"
wait_for 60 no_object "$P9" || fail "ep9 still there after its mux went away"
log_has "removed: its link is gone" || fail "no log line about the link"
pass "mux channel links followed"

say "the sensors"
tmp75_untouched t0
tmp75_untouched t1
log_has "not probing $L0 0x48: i2c device $B0-0048 bound to driver dummy" ||
	fail "no log line about the driver-owned address"
pass "address 0x48 skipped because of its driver"

busctl --no-pager --list tree $SERVICE
stop_ctrld
echo "PASS: ctrld-discovery"
