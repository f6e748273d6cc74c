#!/bin/sh
# mctp-ctrld follows MCTP links as they come and go, with no periodic
# rescan at all in this scenario: an endpoint already on the bus is found
# as soon as this host's binding is bound, a mux channel's endpoint when
# the channel's link comes up, and endpoints go with their links.
. "$(dirname "$0")"/lib.sh

U1=22222222-0000-4000-8000-000000000001
U2=22222222-0000-4000-8000-000000000002

say "segment: a0 (this host, not bound yet), a1 ep1 0x1d"
seg_create 2
endpoint ep1 a1 0x1d -u $U1
B0=$(bus_of a0)
L0=mctpi2c$B0

start_dbus
cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 500
retries = 1
rescan_interval_s = 0
poll_interval_s = 0

[[network]]
net = 1
own_eid = 8
pool = "16-31"

[[probe]]
bus = $B0                      # the root bus and every mux channel below it
addresses = ["0x1d-0x1f"]
EOT
start_ctrld /tmp/ctrld.toml
sleep 1
[ -z "$(path_of_uuid $U1)" ] || fail "ep1 found with no link to reach it"

say "this host's binding is bound: its link appears and is scanned"
bmc_up
wait_for 20 path_of_uuid $U1 || fail "ep1 not found after $L0 appeared"
log_has "link $L0 appeared: rescanning" || fail "no log line about $L0 appearing"
route_to 16 $L0 && neigh_of 16 $L0 1d || fail "route/neighbour of EID 16"
pass "ep1 found when $L0 appeared"

say "an endpoint that announces itself (Discovery Notify) at an address no rule probes"
U3=22222222-0000-4000-8000-000000000003
seg_cmd add-adapter a2
endpoint ep3 a2 0x30 -u $U3 --discovery-notify $BMC_ADDR
wait_for 30 path_of_uuid $U3 || fail "ep3 not set up after its Discovery Notify"
log_has "endpoint at $L0 0x30 announced itself (Discovery Notify)" ||
	fail "no log line about ep3's Discovery Notify"
wait_for 10 grep -q "Discovery Notify answered: completion code 0" /tmp/emu-ep3.log ||
	fail "ep3's Discovery Notify not answered with success"
P3=$(path_of_uuid $U3)
E3=${P3##*/}
route_to "$E3" $L0 && neigh_of "$E3" $L0 30 || fail "route/neighbour of ep3 (EID $E3)"
# power off and on: it announces itself again and keeps its EID
kill -USR2 "$(cat /tmp/emu-ep3.pid)"
wait_for 10 grep -q "power off" /tmp/emu-ep3.log || fail "ep3 did not power off"
kill -USR2 "$(cat /tmp/emu-ep3.pid)"
wait_for 30 sh -c "[ \$(grep -c 'Discovery Notify answered: completion code 0' /tmp/emu-ep3.log) -ge 2 ]" ||
	fail "ep3's second Discovery Notify not answered"
wait_for 30 sh -c "[ \"\$(mctp-test-control -e $E3 get-eid 2>/dev/null)\" = 'eid $E3 type 0 eid_type 0' ]" ||
	fail "ep3 did not get EID $E3 back after its power cycle"
[ "$(path_of_uuid $U3)" = "$P3" ] || fail "ep3 moved from $P3"
kill "$(cat /tmp/emu-ep3.pid)"
pass "Discovery Notify: ep3 set up as EID $E3, and again after a power cycle"

say "a mux added at run time; its endpoint is found when the channel comes up"
seg_cmd add-mux m0 parent=a0 channels=2 idle=as-is
LC=mctpi2c$(bus_of m0.1)
wait_for 20 log_has "link $LC appeared: rescanning" || fail "no log line about $LC appearing"
seg_cmd add-adapter am1 on=m0.1
endpoint ep2 am1 0x1e -u $U2
# the scans when the channel appeared came before ep2 was there
mctp-ctl link set "$LC" down || fail "$LC down"
mctp-ctl link set "$LC" up || fail "$LC up"
wait_for 20 path_of_uuid $U2 || fail "ep2 not found after $LC came up"
log_has "link $LC came up: rescanning" || fail "no log line about $LC coming up"
expect_prop "$(path_of_uuid $U2)" org.mctpstack.Endpoint Link s "\"$LC\""
pass "ep2 found when $LC came up"

say "a device behind the mux channel left selected (idle=as-is) is not taken for one on $L0"
U4=22222222-0000-4000-8000-000000000004
P2=$(path_of_uuid $U2)
# traffic to ep2 leaves the mux on channel 1; ep4 comes behind it, and the
# rescan probes the root bus first
mctp-test-control -e "${P2##*/}" get-eid >/dev/null || fail "Get Endpoint ID of ep2"
seg_cmd add-adapter am4 on=m0.1
endpoint ep4 am4 0x1f -u $U4
busctl --no-pager call $SERVICE $ROOT org.mctpstack.BusOwner Rescan || fail "Rescan"
wait_for 20 path_of_uuid $U4 || fail "ep4 not found"
P4=$(path_of_uuid $U4)
expect_prop "$P4" org.mctpstack.Endpoint Link s "\"$LC\""
log_has "$L0 0x1f answered, but not through every mux channel below it: the device is behind $LC" ||
	fail "ep4 was not found on $L0 first (the mux was not left on channel 1)"
route_to "${P4##*/}" "$LC" && neigh_of "${P4##*/}" "$LC" 1f || fail "route/neighbour of ep4"
pass "ep4 behind $LC found there, though it answered on $L0 too"

say "links go away, and their endpoints with them"
P1=$(path_of_uuid $U1)
P2=$(path_of_uuid $U2)
seg_cmd del am1
seg_cmd del am4
seg_cmd del m0
kill "$(cat /tmp/emu-ep2.pid)" "$(cat /tmp/emu-ep4.pid)"
wait_for 20 no_object "$P2" || fail "ep2 still there after its channel went away"
wait_for 20 no_object "$P4" || fail "ep4 still there after its channel went away"
log_has "link $LC went away: rescanning" || fail "no log line about $LC going away"
has_object "$P1" || fail "ep1 went with the mux"
printf "0x%x\n" $((0x1000 + BMC_ADDR)) >/sys/bus/i2c/devices/i2c-"$B0"/delete_device ||
	fail "unbinding mctp-smbus from a0"
wait_for 20 no_object "$P1" || fail "ep1 still there after $L0 went away"
log_has "link $L0 went away: rescanning" || fail "no log line about $L0 going away"
no_route_to 16 || fail "route to EID 16 left behind"
pass "endpoints removed with their links"

stop_ctrld
echo "PASS: ctrld-links"
