#!/bin/sh
# Faults: an endpoint claiming an EID already in use (one that refuses a
# new EID, one that takes it), a malformed control response that changes
# nothing and is logged, and a slow endpoint that is still found.
. "$(dirname "$0")"/lib.sh

U1=44444444-0000-4000-8000-000000000001
U3=44444444-0000-4000-8000-000000000003
U6=44444444-0000-4000-8000-000000000006
U7=44444444-0000-4000-8000-000000000007
U8=44444444-0000-4000-8000-000000000008

seg_create 6
B0=$(bus_of a0)
L0=mctpi2c$B0
bmc_up
endpoint ep1 a1 0x1d -u $U1
start_dbus
cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 1000
retries = 1
rescan_interval_s = 5
poll_interval_s = 5

[[network]]
own_eid = 8
pool = "16-31"

[[probe]]
bus = $B0
addresses = ["0x1d-0x1f", "0x21-0x23"]
EOT
start_ctrld /tmp/ctrld.toml
wait_for 60 has_object $ROOT/1/16 || fail "ep1 not discovered as EID 16"

say "EID conflict: an endpoint with static EID 16 that refuses another"
endpoint ep3 a2 0x1f -u $U3 -e 16 --reject-set-eid
wait_for 60 grep -q "EID conflict: $L0 0x1f refused EID [0-9]* and claims EID 16, in use by the endpoint at $L0 0x1d; not added" \
	/tmp/ctrld.log || fail "no conflict log line for ep3"
path_of_uuid $U3 && fail "ep3 got an object"
expect_prop $ROOT/1/16 xyz.openbmc_project.Common.UUID UUID s "\"$U1\""
route_to 16 $L0 && neigh_of 16 $L0 1d || fail "route/neighbour of 16 changed"
[ "$(emu_eid ep3)" = 16 ] || fail "ep3 lost its EID"
pass "refused and left out; EID 16 still reaches ep1"

say "EID conflict: an endpoint with static EID 16 that takes another"
endpoint ep6 a3 0x21 -u $U6 -e 16
wait_for 60 path_of_uuid $U6 || fail "ep6 not added"
P6=$(path_of_uuid $U6)
[ "$P6" != $ROOT/1/16 ] || fail "ep6 got 16"
E6=${P6##*/}
[ "$(emu_eid ep6)" = "$E6" ] || fail "ep6 holds $(emu_eid ep6), object says $E6"
log_has "EID conflict: $L0 0x21 claims EID 16, in use by the endpoint at $L0 0x1d; assigning another" ||
	fail "no conflict log line for ep6"
route_to 16 $L0 && neigh_of 16 $L0 1d || fail "route/neighbour of 16 changed"
route_to "$E6" $L0 && neigh_of "$E6" $L0 21 || fail "no route/neighbour for ep6"
pass "ep6 moved to EID $E6"

say "malformed response"
before=$(objects | wc -l)
endpoint ep7 a4 0x22 -u $U7 --malformed get-eid
wait_for 60 grep -q "malformed Get Endpoint ID response from $L0 0x22" /tmp/ctrld.log ||
	fail "no log line about the malformed response"
sleep 6
[ "$(objects | wc -l)" = "$before" ] || fail "objects changed"
path_of_uuid $U7 && fail "ep7 got an object"
mctp-ctl neigh show | grep -q "lladdr 22" && fail "a neighbour for ep7"
[ -z "$(emu_eid ep7)" ] || fail "ep7 was given an EID"
pass "nothing changed, logged"

say "slow endpoint (400 ms per response)"
endpoint ep8 a5 0x23 -u $U8 --delay-ms 400
wait_for 90 path_of_uuid $U8 || fail "slow ep8 not discovered"
pass "slow endpoint found"

stop_ctrld
echo "PASS: ctrld-faults"
