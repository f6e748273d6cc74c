#!/bin/sh
# mctp-pldm queries emulated PLDM add-in cards (mctp-endpoint-emu
# --pldm-card) through the stack on the simulated SMBus: TID, types,
# versions, the PDR repository, sensor readings as the card holds them (set
# through its control FIFO), FRU data, events to a receiver; and the errors:
# a card not ready, a slow card (retries), a PDR that does not decode, a
# silent card, no route, a user without CAP_NET_RAW.
. "$(dirname "$0")"/lib.sh
HERE=$(cd "$(dirname "$0")" && pwd)

FIFO=/tmp/card.ctl
say "segment: a0 this host (EID 8), a1 card 0x1d (EID 20), a2 card not ready 0x1e (EID 21), a3 card with a malformed PDR 0x1f (EID 22)"
seg_create 4
bmc_up
endpoint card a1 0x1d -e 20 --pldm-card --pldm-serial SN-CARD-0001 --pldm-control $FIFO
endpoint slow a2 0x1e -e 21 --pldm-card --pldm-not-ready 2
endpoint bad a3 0x1f -e 22 --pldm-card --pldm-malformed-pdr --pldm-no-events
OWN=mctpi2c$(bus_of a0)
mctp-ctl link set $OWN up && mctp-ctl address add 8 dev $OWN &&
	mctp-ctl route add 20-22 via $OWN && mctp-ctl neigh add 20 dev $OWN lladdr 0x1d &&
	mctp-ctl neigh add 21 dev $OWN lladdr 0x1e && mctp-ctl neigh add 22 dev $OWN lladdr 0x1f ||
	fail "addressing the cards"

# pldm EID ARGS...: mctp-pldm --json, output in /tmp/pldm.out, must succeed
pldm() {
	mctp-pldm -j "$@" >/tmp/pldm.out 2>/tmp/pldm.err || {
		cat /tmp/pldm.out /tmp/pldm.err
		fail "mctp-pldm $* failed"
	}
}
# pldm_fails WANT EID ARGS...: mctp-pldm fails (status 1) saying WANT
pldm_fails() {
	_want=$1
	shift
	mctp-pldm -j "$@" >/tmp/pldm.out 2>/tmp/pldm.err
	_rc=$?
	cat /tmp/pldm.err
	[ $_rc = 1 ] || fail "mctp-pldm $*: status $_rc, want 1"
	grep -q -- "$_want" /tmp/pldm.err || fail "mctp-pldm $*: no '$_want' on stderr"
}
j() { jq -r "$1" /tmp/pldm.out; }
is() { # is FILTER WANT
	_got=$(j "$1")
	[ "$_got" = "$2" ] || fail "$1: '$_got', want '$2' in $(cat /tmp/pldm.out)"
}
# control LINE: to the card's FIFO, applied once the emulator says so
control() {
	_n=$(grep -c "control: " /tmp/emu-card.log)
	echo "$1" >$FIFO
	wait_for 5 sh -c "[ \$(grep -c 'control: ' /tmp/emu-card.log) -gt $_n ]" ||
		fail "the card did not take '$1'"
	grep "control: " /tmp/emu-card.log | tail -1
}

say "the card lists PLDM (message type 1)"
out=$(mctp-test-control -e 20 types) || fail "Get Message Type Support of EID 20"
[ "$out" = "types 0 1" ] || fail "Get Message Type Support of EID 20: $out"
pass "Get Message Type Support: $out"

say "TID: none, then set and read back"
pldm 20 tid
is .tid 0
pldm 20 set-tid 5
pldm 20 tid
is .tid 5
pass "GetTID 0, SetTID 5, GetTID 5"

say "PLDM types, versions and commands"
pldm 20 types
is '[.types[].type] | join(",")' "0,2,4"
pldm 20 version 2
is '.versions[0]' 1.2.0
pldm 20 commands 2
is '[.commands[]] | map(tostring) | join(",")' "4,17,33,80,81"
pldm 20 commands 4
is '[.commands[]] | map(tostring) | join(",")' "1,2"
pass "types 0, 2, 4; platform 1.2.0 with SetEventReceiver, GetSensorReading, GetStateSensorReadings, GetPDRRepositoryInfo, GetPDR"

say "the PDR repository"
pldm 20 repo-info
is .record_count 6
pldm 20 pdrs
cat /tmp/pldm.out | head -c 3000
echo
is '.pdrs | length' 6
is '[.pdrs[] | select(.kind == "numeric sensor") | "\(.sensor_id):\(.unit)"] | join(",")' \
	"1:degrees C,2:degrees C,3:watts"
is '.pdrs[] | select(.sensor_id == 1 and .kind == "numeric sensor") | "\(.thresholds.warning_high)/\(.thresholds.critical_high)"' "70/85"
is '.pdrs[] | select(.sensor_id == 2 and .kind == "numeric sensor") | "\(.thresholds.warning_high)/\(.thresholds.critical_high) res \(.resolution)"' "90/100 res 0.5"
is '.pdrs[] | select(.sensor_id == 3 and .kind == "numeric sensor") | "\(.thresholds.warning_high) mod \(.unit_modifier)"' "75 mod -3"
is '.pdrs[] | select(.kind == "state sensor") | "\(.sensor_id):\(.sensors[0].state_set)"' "4:1"
is '.pdrs[] | select(.kind == "terminus locator") | "\(.valid) \(.tid) \(.eid)"' "true 5 20"
is '.pdrs[] | select(.kind == "entity association") | "\(.container.type) \(.children | length)"' "68 3"
pass "six PDRs: sensors 1-3 with units and thresholds, state sensor 4 (Health State), the terminus locator (TID 5, EID 20), the card (entity 68) containing 3 entities"

say "sensor readings"
pldm 20 sensor 1
T1=$(j .reading)
[ "$T1" -ge 39 ] && [ "$T1" -le 41 ] || fail "sensor 1: $T1, want 40 +-1"
is .unit "degrees C"
is .present_state Normal
pldm 20 sensor 2
T=$(j .reading)
[ "$T" -ge 59 ] && [ "$T" -le 61 ] || fail "sensor 2: $T, want 60 +-1 (raw $(j .raw) at resolution 0.5)"
pldm 20 sensor 3
is .reading 25
is .raw 25000
is .unit watts
pass "sensor 1 $T1 C; sensor 2 at resolution 0.5; sensor 3 25 W (25000 mW)"

say "pinned through the control FIFO: thresholds crossed"
control "set 1 90"
pldm 20 sensor 1
is .reading 90
is .present_state UpperCritical
control "set 1 75"
pldm 20 sensor 1
is .reading 75
is .present_state UpperWarning
is .previous_state UpperCritical
control "set 3 80"
pldm 20 sensor 3
is .reading 80
is .present_state UpperWarning
control "state 4 3"
pldm 20 state-sensor 4
is '.sensors[0].present_state' 3
is '.sensors[0].present_state_name' Critical
control "nonsense here"
grep -q 'unknown control line "nonsense here"' /tmp/emu-card.log || fail "the unknown line was not logged"
pass "set 1 90: 90 C UpperCritical; 75: UpperWarning; set 3 80: 80 W UpperWarning; state 4 3: Critical; an unknown line logged and ignored"

say "events to a receiver (SetEventReceiver, PlatformEventMessage)"
mctp-test-pldm-receiver 20 8 4 >/tmp/events.out 2>&1 &
RECV=$!
wait_for 5 grep -q "receiver set" /tmp/events.out || {
	cat /tmp/events.out
	fail "the event receiver did not start"
}
control "set 1 95"
control "set 1 40"
control "state 4 4"
control "repo-change"
wait "$RECV" || {
	cat /tmp/events.out
	fail "the receiver did not get four events"
}
cat /tmp/events.out
grep -q "sensor 1 numeric UpperCritical (previous UpperWarning) reading 95" /tmp/events.out ||
	fail "no UpperCritical event"
grep -q "sensor 1 numeric Normal (previous UpperCritical) reading 40" /tmp/events.out || fail "no Normal event"
grep -q "sensor 4 state 4 (previous 3)" /tmp/events.out || fail "no state sensor event"
grep -q "PDR repository change: operation 2 records 7" /tmp/events.out || fail "no repository change event"
grep -q "completion code 0 (success)" /tmp/emu-card.log || fail "the card did not log the receiver's answer"
say "an event nobody answers is sent three times"
control "set 1 96"
wait_for 10 grep -q "sensor 1 Normal -> UpperCritical to EID 8: no response after 3 attempts of 1000 ms" \
	/tmp/emu-card.log || fail "the card did not give up on the unanswered event after 3 attempts"
grep "no response after" /tmp/emu-card.log
pldm 20 repo-info
is .record_count 7
pldm 20 sensor 5
T=$(j .reading)
[ "$T" -ge 44 ] && [ "$T" -le 46 ] || fail "sensor 5: $T, want 45 +-1"
pass "events: two threshold crossings, a state change (Critical to Fatal) and a repository change; sensor 5 there"

say "FRU data"
pldm 20 fru
cat /tmp/pldm.out
f() { j ".records[0].fields[] | select(.name == \"$1\") | .value"; }
[ "$(f Model)" = EMU-ACCEL-100 ] || fail "model '$(f Model)'"
[ "$(f "Serial Number")" = SN-CARD-0001 ] || fail "serial '$(f "Serial Number")'"
[ "$(f "Part Number")" = PN-100-01 ] || fail "part number '$(f "Part Number")'"
[ "$(f Manufacturer)" = "Emulated Devices" ] || fail "manufacturer '$(f Manufacturer)'"
[ "$(f Version)" = 1.0 ] || fail "version '$(f Version)'"
is '.records[1].vendor_iana' 32473
pass "FRU: model, part number, serial, manufacturer, version; the OEM record"

say "a card not ready for its first two requests"
pldm_fails "completion code 0x04 ERROR_NOT_READY" 21 tid
pldm_fails "ERROR_NOT_READY" 21 tid
pldm 21 tid
is .tid 0
pass "ERROR_NOT_READY twice, then an answer"

say "a slow card (1 s to answer): a retry takes the first attempt's late answer; too short a wait times out"
emu_stop slow
emu_start slow -e 21 --pldm-card --delay-ms 1000
# attempts at 0, 600 and 1200 ms under one instance ID and tag: the answer to
# the first, sent at 1000 ms (and through this loaded emulated bus later
# than that: with 400 ms attempts it missed the 1200 ms end), is the response
pldm -w 600 21 tid
is .tid 0
# a fresh card: the answers to the two retries above would otherwise come
# to the next requester, which may get the same tag and, one time in 32,
# the same first instance ID
emu_stop slow
emu_start slow -e 21 --pldm-card --delay-ms 1000
# three attempts of 300 ms end before the answer
pldm_fails "no PLDM response from net 1 EID 21 to type 0 command 0x02 after 3 attempts of 300 ms" -w 300 21 tid
pass "late answer to the first attempt matched; 3 x 300 ms named"

say "a PDR that does not decode"
pldm_fails "PDR record 5: numeric sensor PDR: sensor data size 0x06 unknown" 22 pdrs
is '.pdrs | length' 6
is '.pdrs[] | select(.record_handle == 5) | .error' "numeric sensor PDR: sensor data size 0x06 unknown"
pldm_fails "sensor data size 0x06 unknown" 22 pdr 5
pldm 22 pdr 4
is .sensor_id 2
pldm 22 sensor 3
is .raw 25000
kill -0 "$(cat /tmp/emu-bad.pid)" || fail "the card with the malformed PDR died"
pass "record 5 named with the decoder's reason, the others decoded, the tool and card fine"

say "a card that sends no events refuses SetEventReceiver"
out=$(mctp-test-pldm-receiver 22 8 0 2>&1) && fail "SetEventReceiver accepted: $out"
echo "$out"
echo "$out" | grep -q "ERROR_UNSUPPORTED_PLDM_CMD" || fail "not ERROR_UNSUPPORTED_PLDM_CMD"
pass "SetEventReceiver: ERROR_UNSUPPORTED_PLDM_CMD"

say "a silent card, and no route"
kill -USR1 "$(cat /tmp/emu-card.pid)"
wait_for 5 grep -q "silent" /tmp/emu-card.log || fail "the card did not fall silent"
pldm_fails "no PLDM response from net 1 EID 20 to type 0 command 0x02 after 3 attempts" -w 300 20 tid
kill -USR1 "$(cat /tmp/emu-card.pid)"
pldm 20 tid
is .tid 5
pldm_fails "no route" 30 tid
pass "timeout named (3 attempts), the card answers again; no route to EID 30 named"

say "power: the TID is lost"
kill -USR2 "$(cat /tmp/emu-card.pid)"
wait_for 5 grep -q "power off" /tmp/emu-card.log || fail "no power off"
kill -USR2 "$(cat /tmp/emu-card.pid)"
wait_for 5 grep -q "power on" /tmp/emu-card.log || fail "no power on"
wait_for 10 mctp-pldm 20 tid || fail "the card does not answer after power on"
pldm 20 tid
is .tid 0
pass "after a power cycle GetTID says 0"

say "an unprivileged user"
SETPRIV=$HERE/setpriv
"$SETPRIV" --reuid=65534 --regid=65534 --clear-groups mctp-pldm 20 tid >/tmp/pldm.out 2>/tmp/pldm.err
rc=$?
cat /tmp/pldm.err
[ $rc = 1 ] || fail "nobody without CAP_NET_RAW: status $rc"
grep -q "needs CAP_NET_RAW" /tmp/pldm.err || fail "nobody: the error does not name CAP_NET_RAW"
"$SETPRIV" --reuid=65534 --regid=65534 --clear-groups --inh-caps=+net_raw --ambient-caps=+net_raw \
	mctp-pldm -j 20 tid >/tmp/pldm.out 2>/tmp/pldm.err || {
	cat /tmp/pldm.err
	fail "nobody with CAP_NET_RAW failed"
}
is .tid 0
pass "uid 65534: refused without CAP_NET_RAW (named), answered with it as an ambient capability"

echo "PASS pldm-card"
