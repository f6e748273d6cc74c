#!/bin/sh
# Host power: an endpoint marked host-powered becomes Unavailable ("host
# off") when the host powers off, instead of failing and being removed,
# and is rediscovered with its EID after power-on and a debounce. An
# endpoint not powered by the host stays Available throughout.
. "$(dirname "$0")"/lib.sh

U1=33333333-0000-4000-8000-000000000001
U4=33333333-0000-4000-8000-000000000004
HS_SVC=xyz.openbmc_project.State.Host
HS_PATH=/xyz/openbmc_project/state/host0
ON=xyz.openbmc_project.State.Host.HostState.Running
OFF=xyz.openbmc_project.State.Host.HostState.Off

set_host() {
	busctl --no-pager set-property $HS_SVC $HS_PATH $HS_SVC CurrentHostState s "$1" ||
		fail "setting the host state"
}

seg_create 2
seg_cmd add-mux m0 parent=a0 channels=4 idle=as-is
seg_cmd add-adapter am2 on=m0.2
B0=$(bus_of a0)
L2=mctpi2c$(bus_of m0.2)
bmc_up
endpoint ep1 a1 0x1d -u $U1
endpoint ep4 am2 0x30 -u $U4 -t 0,2

start_dbus
mctp-test-host-state -s $ON >/tmp/host-state.log 2>&1 &
wait_for 10 name_owned $HS_SVC || fail "host state service"
cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 1000
retries = 1
rescan_interval_s = 5
poll_interval_s = 2
degraded_after = 1
remove_after = 2
host_debounce_ms = 5000

[[network]]
own_eid = 8
pool = "16-31"

[[probe]]
bus = $B0
mux_channels = false
addresses = [0x1d]

[[probe]]
link = "$L2"
addresses = [0x30]
host_powered = true

[host]
EOT
start_ctrld /tmp/ctrld.toml

wait_for 90 path_of_uuid $U4 || fail "ep4 not discovered"
wait_for 30 path_of_uuid $U1 || fail "ep1 not discovered"
P4=$(path_of_uuid $U4)
P1=$(path_of_uuid $U1)
E4=$(emu_eid ep4)
expect_prop $P4 org.mctpstack.Endpoint HostPowered b true
expect_prop $P1 org.mctpstack.Endpoint HostPowered b false
expect_prop $ROOT org.mctpstack.BusOwner HostOn b true
pass "ep4 $P4 (host-powered), ep1 $P1"

say "host off"
set_host $OFF
wait_for 20 state_is $P4 Unavailable || fail "ep4 not Unavailable"
expect_prop $P4 org.mctpstack.Endpoint.Connectivity Reason s '"host off"'
expect_prop $ROOT org.mctpstack.BusOwner HostOn b false
# the endpoint loses power with the host
emu_stop ep4
echo "0x30 gone" >$SEG/faults
sleep 10
has_object $P4 || fail "ep4 was removed while the host was off"
state_is $P4 Unavailable || fail "ep4 left Unavailable while the host was off"
route_to "$E4" $L2 || fail "the route to ep4 went away"
state_is $P1 Available || fail "ep1 (not host-powered) is not Available"
pass "Unavailable (host off), kept with its route; ep1 still Available"

say "host on: rediscovery after the debounce"
echo clear >$SEG/faults
emu_start ep4 -u $U4 -t 0,2
set_host $ON
# still waiting out the debounce
expect_prop $P4 org.mctpstack.Endpoint.Connectivity State s '"Unavailable"'
wait_for 60 state_is $P4 Available || fail "ep4 not Available after power-on"
[ "$(emu_eid ep4)" = "$E4" ] || fail "ep4 holds EID $(emu_eid ep4), had $E4"
has_object $P4 || fail "ep4 object changed"
expect_prop $P4 org.mctpstack.Endpoint.Connectivity Reason s '""'
log_has "host on: rediscovery in 5000 ms" || fail "no debounce log line"
pass "ep4 Available again with EID $E4"

say "a short power blip: off and on again within the debounce"
set_host $OFF
wait_for 20 state_is $P4 Unavailable || fail "ep4 not Unavailable (blip)"
set_host $ON
wait_for 60 state_is $P4 Available || fail "ep4 not Available after the blip"
pass "blip handled"

stop_ctrld
echo "PASS: ctrld-host-power"
