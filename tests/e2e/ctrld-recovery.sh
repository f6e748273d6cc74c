#!/bin/sh
# Recovery: a silent endpoint is polled and marked Degraded; one that comes
# back in time is Available again; one unplugged from the bus goes Degraded
# and then disappears with its route and neighbour. When it returns (after
# a power cycle, without an EID) with the same UUID it gets its old EID
# back, although another endpoint was hot-added meanwhile.
. "$(dirname "$0")"/lib.sh

U1=22222222-0000-4000-8000-000000000001
U5=22222222-0000-4000-8000-000000000005

seg_create 3
B0=$(bus_of a0)
L0=mctpi2c$B0
bmc_up
endpoint ep1 a1 0x1d -u $U1
start_dbus
cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 800
retries = 1
rescan_interval_s = 4
poll_interval_s = 2
degraded_after = 1
remove_after = 3

[[network]]
own_eid = 8
pool = "16-31"

[[probe]]
bus = $B0
addresses = [0x1d, 0x21]
EOT
start_ctrld /tmp/ctrld.toml
busctl --no-pager monitor --match "type='signal',sender='$SERVICE'" >/tmp/signals.log 2>&1 &

P1=$ROOT/1/16
wait_for 60 has_object $P1 || fail "ep1 not discovered"
wait_for 10 state_is $P1 Available || fail "ep1 not Available"
pass "ep1 is EID 16"

say "silent for a while: Degraded, then Available again"
kill -USR1 "$(cat /tmp/emu-ep1.pid)"
wait_for 30 state_is $P1 Degraded || fail "silent ep1 not Degraded"
expect_prop $P1 org.mctpstack.Endpoint.Connectivity Reason s '"not responding"'
kill -USR1 "$(cat /tmp/emu-ep1.pid)"
wait_for 30 state_is $P1 Available || fail "ep1 not Available again"
has_object $P1 || fail "ep1 was removed"
pass "Degraded and back"

say "unplugged: Degraded, then removed with route and neighbour"
echo "0x1d gone" >$SEG/faults || fail "fault rule"
wait_for 30 state_is $P1 Degraded || fail "unplugged ep1 not Degraded"
wait_for 60 no_object $P1 || fail "unplugged ep1 not removed"
no_route_to 16 || fail "route to 16 left behind"
neigh_of 16 $L0 1d && fail "neighbour 16 left behind"
log_has "endpoint EID 16 (net 1, $L0 0x1d) removed: not responding" || fail "no removal log line"
pass "removed"

say "hot-add: a new endpoint does not get the departed one's EID"
endpoint ep5 a2 0x21 -u $U5
wait_for 60 path_of_uuid $U5 || fail "ep5 not discovered"
P5=$(path_of_uuid $U5)
[ "$P5" != $P1 ] || fail "ep5 was given EID 16, kept for ep1"
pass "ep5 is $P5"

say "ep1 returns after a power cycle (no EID, same UUID)"
emu_stop ep1
echo clear >$SEG/faults
emu_start ep1 -u $U1
wait_for 60 has_object $P1 || fail "ep1 did not come back as EID 16"
expect_prop $P1 xyz.openbmc_project.Common.UUID UUID s "\"$U1\""
[ "$(emu_eid ep1)" = 16 ] || fail "ep1 holds EID $(emu_eid ep1)"
route_to 16 $L0 && neigh_of 16 $L0 1d || fail "route/neighbour of 16 not back"
pass "same UUID, old EID back"

say "signals"
sleep 1
grep -q '"Degraded"' /tmp/signals.log || fail "no PropertiesChanged with Degraded"
grep -q 'InterfacesRemoved' /tmp/signals.log || fail "no InterfacesRemoved"
grep -q 'InterfacesAdded' /tmp/signals.log || fail "no InterfacesAdded"
pass "PropertiesChanged, InterfacesAdded and InterfacesRemoved seen"

stop_ctrld
echo "PASS: ctrld-recovery"
