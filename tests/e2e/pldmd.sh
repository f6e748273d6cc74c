#!/bin/sh
# mctp-pldmd on the stack: emulated PLDM add-in cards on the simulated
# SMBus (one behind a mux channel, powered by the host), found through the
# control daemon's endpoints and published on D-Bus: FRU data on the
# board's Asset, sensors with their values, units and thresholds; a
# threshold crossing reaches D-Bus by the card's event, not by a poll; a
# PDR repository change adds and removes a sensor; a card that refuses
# events is polled; a malformed PDR is logged and skipped; a removed
# endpoint takes its objects; a silent card goes absent and comes back;
# host power off makes a card unavailable ("host off") and power-on brings
# it back with its TID and events; an NVMe drive on the same segment keeps
# being polled by mctp-nvmed; type 1 has one binder; nobody without
# capabilities cannot start the daemon.
. "$(dirname "$0")"/lib.sh
HERE=$(cd "$(dirname "$0")" && pwd)

PLDMD=org.mctpstack.PLDM
NVMED=org.mctpstack.NVMe
U1=66666666-0000-4000-8000-000000000001
U2=66666666-0000-4000-8000-000000000002
U3=66666666-0000-4000-8000-000000000003
U4=66666666-0000-4000-8000-000000000004
HS_SVC=xyz.openbmc_project.State.Host
HS_PATH=/xyz/openbmc_project/state/host0
ON=xyz.openbmc_project.State.Host.HostState.Running
OFF=xyz.openbmc_project.State.Host.HostState.Off
VALUE=xyz.openbmc_project.Sensor.Value
WARN=xyz.openbmc_project.Sensor.Threshold.Warning
CRIT=xyz.openbmc_project.Sensor.Threshold.Critical
ITEM=xyz.openbmc_project.Inventory.Item
ASSET=xyz.openbmc_project.Inventory.Decorator.Asset
OPST=xyz.openbmc_project.State.Decorator.OperationalStatus
AVAIL=xyz.openbmc_project.State.Decorator.Availability
TERM=org.mctpstack.PLDM.Terminus

set_host() {
	busctl --no-pager set-property $HS_SVC $HS_PATH $HS_SVC CurrentHostState s "$1" ||
		fail "setting the host state"
}
pprop() { busctl --no-pager get-property $PLDMD "$@" 2>/dev/null; }
pprop_is() {
	_p=$1 _i=$2 _n=$3
	shift 3
	[ "$(pprop "$_p" "$_i" "$_n")" = "$*" ]
}
pexpect() {
	_p=$1 _n=$3
	_v=$(pprop "$1" "$2" "$3")
	shift 3
	[ "$_v" = "$*" ] || { tail -30 /tmp/pldmd.log; fail "$_p $_n: got '$_v', expected '$*'"; }
}
# value PATH: the sensor's Value rounded to an integer ("nan" for NaN)
value() { pprop "$1" $VALUE Value | awk '{ if ($2 == "nan") print "nan"; else printf "%d\n", ($2 < 0 ? $2 - 0.5 : $2 + 0.5) }'; }
value_is() { [ "$(value "$1")" = "$2" ]; }
# near PATH WANT TOLERANCE
near() {
	_v=$(value "$1")
	[ -n "$_v" ] && [ "$_v" != nan ] && [ "$_v" -ge $(($2 - $3)) ] && [ "$_v" -le $(($2 + $3)) ] ||
		{ tail -30 /tmp/pldmd.log; fail "$1: value '$_v', want $2 +-$3"; }
}
published() { busctl --no-pager --list tree $PLDMD 2>/dev/null | grep -qx "$1"; }
reads() { grep -c "PLDM request from EID .*: GetSensorReading" /tmp/emu-"$1".log; }
smart_reads() { grep -c "admin opcode 0x02" /tmp/emu-"$1".log; }
start_pldmd() {
	mctp-pldmd -v -c "$1" >>/tmp/pldmd.log 2>&1 &
	echo $! >/tmp/pldmd.pid
	wait_for 20 name_owned $PLDMD || { cat /tmp/pldmd.log; fail "mctp-pldmd did not take its bus name"; }
}
stop_pldmd() {
	kill -TERM "$(cat /tmp/pldmd.pid)"
	wait "$(cat /tmp/pldmd.pid)" || fail "mctp-pldmd exited with status $? on SIGTERM"
}

say "segment: a1 NVMe drive 0x1d, a2 card without events 0x1e, a3 card with a malformed PDR 0x1f, m0.1 card 0x30 (host-powered)"
seg_create 4
seg_cmd add-mux m0 parent=a0 channels=4 idle=as-is
seg_cmd add-adapter am1 on=m0.1
B0=$(bus_of a0)
L1=mctpi2c$(bus_of m0.1)
bmc_up
endpoint drive a1 0x1d -u $U1 --nvme-mi --nvme-temperature 35
endpoint poll a2 0x1e -u $U2 --pldm-card --pldm-no-events --pldm-not-ready 3 \
	--pldm-serial SN-POLL-0002 --pldm-control /tmp/poll.ctl
endpoint bad a3 0x1f -u $U3 --pldm-card --pldm-malformed-pdr
endpoint card am1 0x30 -u $U4 --pldm-card --pldm-serial SN-CARD-0001 --pldm-control /tmp/card.ctl

start_dbus
mctp-test-host-state -s $ON >/tmp/host-state.log 2>&1 &
wait_for 10 name_owned $HS_SVC || fail "host state service"
cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 1000
retries = 1
rescan_interval_s = 0
poll_interval_s = 2
remove_after = 100
host_debounce_ms = 2000

[[network]]
own_eid = 8
pool = "16-31"

[[probe]]
bus = $B0
mux_channels = false
addresses = ["0x1d-0x1f"]

[[probe]]
link = "$L1"
addresses = [0x30]
host_powered = true

[host]
EOT
start_ctrld /tmp/ctrld.toml
P1=$(endpoint_path $U1) || fail "the drive not on D-Bus"
P2=$(endpoint_path $U2) || fail "the card without events not on D-Bus"
P3=$(endpoint_path $U3) || fail "the card with a malformed PDR not on D-Bus"
P4=$(endpoint_path $U4) || fail "the card behind the mux not on D-Bus"
E1=${P1##*/} E2=${P2##*/} E3=${P3##*/} E4=${P4##*/}
pass "the control daemon found the drive (EID $E1) and the cards (EIDs $E2 $E3 $E4)"

say "a bad configuration is refused, naming the file, line and key"
printf 'poll_interval_s = 60\nrequest_timeout_ms = 5000\n' >/tmp/pldmd-bad.toml
mctp-pldmd --check -c /tmp/pldmd-bad.toml >/tmp/pldmd-check.out 2>&1 && fail "bad configuration accepted"
grep -q "pldmd-bad.toml:2: request_timeout_ms 5000 out of range" /tmp/pldmd-check.out ||
	{ cat /tmp/pldmd-check.out; fail "the error does not name the line and the key"; }
pass "refused: $(tail -1 /tmp/pldmd-check.out)"

# a long poll interval: what changes within seconds came by an event
cat >/tmp/pldmd.toml <<EOT
poll_interval_s = 60
request_timeout_ms = 1000
absent_after = 2
EOT
start_pldmd /tmp/pldmd.toml
printf 'poll_interval_s = 1\nrequest_timeout_ms = 1000\n' >/tmp/nvmed.toml
mctp-nvmed -v -c /tmp/nvmed.toml >/tmp/nvmed.log 2>&1 &
echo $! >/tmp/nvmed.pid
wait_for 20 name_owned $NVMED || { cat /tmp/nvmed.log; fail "mctp-nvmed did not take its bus name"; }

say "one PLDM event receiver: a second daemon cannot bind message type 1"
mctp-pldmd -c /tmp/pldmd.toml >/tmp/pldmd2.out 2>&1 && fail "a second mctp-pldmd started"
grep -q "another program is bound to MCTP message type 1" /tmp/pldmd2.out ||
	{ cat /tmp/pldmd2.out; fail "the second daemon's error does not say why"; }
pass "refused: $(tail -1 /tmp/pldmd2.out)"

say "the card behind the mux: FRU on the board's Asset"
D4=/xyz/openbmc_project/inventory/system/board/pldm_1_$E4
wait_for 30 pprop_is "$D4" $ITEM Present b true ||
	{ busctl --no-pager tree $PLDMD; cat /tmp/pldmd.log; fail "the card is not published"; }
pexpect "$D4" $ITEM PrettyName s '"EMU-ACCEL-100"'
pexpect "$D4" $ASSET Model s '"EMU-ACCEL-100"'
pexpect "$D4" $ASSET PartNumber s '"PN-100-01"'
pexpect "$D4" $ASSET SerialNumber s '"SN-CARD-0001"'
pexpect "$D4" $ASSET Manufacturer s '"Emulated Devices"'
pexpect "$D4" xyz.openbmc_project.Inventory.Decorator.Revision Version s '"1.0"'
pexpect "$D4" $TERM EID y "$E4"
pexpect "$D4" $TERM Endpoint o "\"$P4\""
pexpect "$D4" $TERM EventsEnabled b true
TID4=$(pprop "$D4" $TERM TID | awk '{ print $2 }')
[ -n "$TID4" ] && [ "$TID4" -ge 1 ] && [ "$TID4" -le 254 ] || fail "TID '$TID4'"
wait_for 10 pprop_is "$D4" $OPST Functional b true || fail "the card is not functional"
pexpect "$D4" $AVAIL Available b true
pass "model, part number, serial, manufacturer, version; TID $TID4; events enabled; functional"

say "its sensors: values, units, thresholds"
T=/xyz/openbmc_project/sensors/temperature
S1=$T/pldm_1_${E4}_1 S2=$T/pldm_1_${E4}_2 S3=/xyz/openbmc_project/sensors/power/pldm_1_${E4}_3
wait_for 20 sh -c "[ \"\$(busctl --no-pager get-property $PLDMD $S3 $VALUE Value 2>/dev/null)\" != 'd nan' ]" ||
	{ busctl --no-pager tree $PLDMD; tail -30 /tmp/pldmd.log; fail "no readings"; }
near "$S1" 40 2
near "$S2" 60 2
pexpect "$S3" $VALUE Value d 25
pexpect "$S1" $VALUE Unit s '"xyz.openbmc_project.Sensor.Value.Unit.DegreesC"'
pexpect "$S2" $VALUE Unit s '"xyz.openbmc_project.Sensor.Value.Unit.DegreesC"'
pexpect "$S3" $VALUE Unit s '"xyz.openbmc_project.Sensor.Value.Unit.Watts"'
pexpect "$S1" $WARN WarningHigh d 70
pexpect "$S1" $CRIT CriticalHigh d 85
pexpect "$S2" $WARN WarningHigh d 90
pexpect "$S2" $CRIT CriticalHigh d 100
pexpect "$S3" $WARN WarningHigh d 75
pexpect "$S3" $CRIT CriticalHigh d nan
pexpect "$S1" $WARN WarningLow d nan
pexpect "$S1" $CRIT CriticalAlarmHigh b false
busctl --no-pager get-property $PLDMD "$S1" xyz.openbmc_project.Association.Definitions Associations |
	grep -q "\"chassis\" \"all_sensors\" \"$D4\"" || fail "the sensor is not associated with the board"
pass "inlet $(value "$S1") C, ASIC $(value "$S2") C, power 25 W; thresholds 70/85, 90/100, 75; associated with the board"

say "a threshold crossing comes by the card's event (poll interval 60 s)"
emu_control card /tmp/card.ctl "set 1 90"
wait_for 3 pprop_is "$S1" $CRIT CriticalAlarmHigh b true ||
	{ tail -20 /tmp/pldmd.log; tail -5 /tmp/emu-card.log; fail "CriticalAlarmHigh not set within 3 s"; }
pexpect "$S1" $WARN WarningAlarmHigh b true
pexpect "$S1" $VALUE Value d 90
grep -q "event .*completion code 0 (success)" /tmp/emu-card.log || fail "the card did not log the daemon's answer"
emu_control card /tmp/card.ctl "set 1 41"
wait_for 3 pprop_is "$S1" $CRIT CriticalAlarmHigh b false || fail "CriticalAlarmHigh not cleared within 3 s"
pexpect "$S1" $WARN WarningAlarmHigh b false
pass "90 C: critical and warning alarms within 3 s; 41 C: cleared"

say "the health state sensor by event: the board's Functional"
emu_control card /tmp/card.ctl "state 4 3"
wait_for 3 pprop_is "$D4" $OPST Functional b false || fail "health Critical: the board stays functional"
emu_control card /tmp/card.ctl "state 4 1"
wait_for 3 pprop_is "$D4" $OPST Functional b true || fail "health Normal: the board stays non-functional"
pass "health Critical: not functional; Normal: functional"

say "a PDR repository change: sensor 5 appears, then goes"
S5=$T/pldm_1_${E4}_5
emu_control card /tmp/card.ctl "repo-change"
wait_for 10 published "$S5" || { tail -20 /tmp/pldmd.log; fail "sensor 5 did not appear"; }
wait_for 10 sh -c "[ \"\$(busctl --no-pager get-property $PLDMD $S5 $VALUE Value 2>/dev/null)\" != 'd nan' ]" ||
	fail "sensor 5 has no value"
near "$S5" 45 2
pexpect "$S5" $WARN WarningHigh d 80
emu_control card /tmp/card.ctl "repo-change"
wait_for 10 sh -c "! busctl --no-pager --list tree $PLDMD | grep -qx $S5" || fail "sensor 5 did not go"
published "$S1" || fail "sensor 1 went with sensor 5"
grep "PDR repository change" /tmp/pldmd.log
grep "event .*to EID" /tmp/emu-card.log | tail -4
pass "sensor 5 appeared and went"

say "the card with a malformed PDR: the others published, sensor 3 logged"
D3=/xyz/openbmc_project/inventory/system/board/pldm_1_$E3
wait_for 20 published "$T/pldm_1_${E3}_1" || fail "the malformed card's sensor 1 is not published"
published "$T/pldm_1_${E3}_2" || fail "the malformed card's sensor 2 is not published"
published "/xyz/openbmc_project/sensors/power/pldm_1_${E3}_3" && fail "the malformed sensor 3 is published"
grep -q "EID $E3 .*PDR record handle 5: .*skipped" /tmp/pldmd.log ||
	{ grep "EID $E3" /tmp/pldmd.log; fail "the malformed PDR is not logged with the terminus"; }
pexpect "$D3" $ITEM Present b true
pass "$(grep "EID $E3 .*PDR record handle 5" /tmp/pldmd.log | head -1 | sed 's/.*terminus/terminus/')"

say "the card that refuses events (and starts not ready): polled only"
D2=/xyz/openbmc_project/inventory/system/board/pldm_1_$E2
wait_for 30 pprop_is "$D2" $ITEM Present b true || { tail -30 /tmp/pldmd.log; fail "not published"; }
pexpect "$D2" $TERM EventsEnabled b false
pexpect "$D2" $ASSET SerialNumber s '"SN-POLL-0002"'
grep -q "EID $E2 .* not ready" /tmp/pldmd.log || fail "ERROR_NOT_READY not logged"
grep -q "EID $E2 .*no events" /tmp/pldmd.log || fail "the refused SetEventReceiver is not logged"
near "$T/pldm_1_${E2}_1" 40 2
pass "not ready logged and retried; events refused, logged; values by polling"

say "the malformed card's endpoint removed: its board and sensors go"
busctl --no-pager call $SERVICE "$P3" org.mctpstack.Endpoint Remove || fail "Remove of $P3"
wait_for 10 sh -c "! busctl --no-pager --list tree $PLDMD | grep -q pldm_1_${E3}" ||
	{ busctl --no-pager --list tree $PLDMD; fail "the removed card's objects stay"; }
grep -q "terminus pldm_1_$E3 .*gone with its endpoint" /tmp/pldmd.log || fail "the removal is not logged"
pass "gone with its endpoint"

say "the NVMe drive on the same segment is published by mctp-nvmed"
DS=/xyz/openbmc_project/sensors/temperature/nvme_1_$E1
wait_for 30 sh -c "busctl --no-pager get-property $NVMED $DS $VALUE Value 2>/dev/null | grep -q '^d [0-9]'" ||
	{ tail -20 /tmp/nvmed.log; fail "the drive's temperature is not published"; }
pass "drive temperature $(busctl --no-pager get-property $NVMED $DS $VALUE Value)"

say "restarted with a 2 s poll interval and [[terminus]]: the card behind the mux by UUID as accel0, the other by EID"
stop_pldmd
cat >/tmp/pldmd.toml <<EOT
poll_interval_s = 2
request_timeout_ms = 1000
absent_after = 2

[[terminus]]
uuid = "$U4"
name = "accel0"

[[terminus]]
net = 1
eid = $E2
EOT
mctp-pldmd --check -c /tmp/pldmd.toml || fail "the configuration is refused"
start_pldmd /tmp/pldmd.toml
S21=$T/pldm_1_${E2}_1
wait_for 20 published "$S21" || fail "the card without events is not published again"
D4=/xyz/openbmc_project/inventory/system/board/accel0
S1=$T/accel0_1 S3=/xyz/openbmc_project/sensors/power/accel0_3
wait_for 20 pprop_is "$D4" $ITEM Present b true || { busctl --no-pager --list tree $PLDMD; fail "accel0 not published"; }
published "$S1" || fail "accel0's sensor 1 is not published"
busctl --no-pager --list tree $PLDMD | grep -q "pldm_1_$E4\|pldm_1_$E3" && fail "a terminus outside [[terminus]] is published"
pass "accel0 and pldm_1_$E2 only"

say "polling: a card without events follows by polls; both daemons keep polling"
emu_control poll /tmp/poll.ctl "set 1 77"
wait_for 10 value_is "$S21" 77 || fail "polling did not bring 77 C: $(value "$S21")"
wait_for 3 pprop_is "$S21" $WARN WarningAlarmHigh b true || fail "no warning alarm at 77 C"
N4=$(reads card) N2=$(reads poll) ND=$(smart_reads drive)
sleep 8
[ "$(reads card)" -gt "$N4" ] && [ "$(reads poll)" -gt "$N2" ] ||
	fail "the cards were not polled: $N4 -> $(reads card), $N2 -> $(reads poll)"
[ "$(smart_reads drive)" -gt "$ND" ] || fail "the drive was not polled meanwhile"
pass "77 C by polling with its alarm; in 8 s card reads $N4 -> $(reads card), $N2 -> $(reads poll), drive SMART reads $ND -> $(smart_reads drive)"

say "the card without events is pulled (silent): non-functional, then absent"
kill -USR1 "$(cat /tmp/emu-poll.pid)"
wait_for 20 pprop_is "$D2" $OPST Functional b false || fail "a silent card stays functional"
wait_for 30 pprop_is "$D2" $ITEM Present b false || fail "a silent card stays present"
pexpect "$S21" $VALUE Value d nan
pprop "$D2" $TERM UnavailableReason | grep -q "not answering" || fail "no reason given"
pass "silent: not functional, absent, values NaN"
kill -USR1 "$(cat /tmp/emu-poll.pid)"
wait_for 40 pprop_is "$D2" $OPST Functional b true || { tail -20 /tmp/pldmd.log; fail "the card did not come back"; }
pexpect "$D2" $ITEM Present b true
grep -q "terminus pldm_1_$E2 .*answers again" /tmp/pldmd.log || fail "its return is not logged"
wait_for 10 value_is "$S21" 77 || fail "no reading after its return: $(value "$S21")"
pass "answering again: present, functional, 77 C"

say "host off: the host-powered card is unavailable (\"host off\"), present; back after power-on"
set_host $OFF
wait_for 20 pprop_is "$D4" $AVAIL Available b false || fail "the card stays available with the host off"
pexpect "$D4" $TERM UnavailableReason s '"host off"'
pexpect "$D4" $ITEM Present b true
pexpect "$S1" $VALUE Value d nan
kill -USR2 "$(cat /tmp/emu-card.pid)" # the card loses power with the host
sleep 3
pexpect "$D4" $ITEM Present b true
kill -USR2 "$(cat /tmp/emu-card.pid)"
set_host $ON
wait_for 60 pprop_is "$D4" $AVAIL Available b true || { tail -20 /tmp/pldmd.log; fail "the card did not come back"; }
wait_for 20 pprop_is "$D4" $OPST Functional b true || fail "not functional after power-on"
pexpect "$D4" $TERM TID y "$TID4"
wait_for 10 sh -c "[ \"\$(busctl --no-pager get-property $PLDMD $S3 $VALUE Value 2>/dev/null)\" = 'd 25' ]" ||
	fail "no power reading after power-on"
emu_control card /tmp/card.ctl "set 1 90"
wait_for 3 pprop_is "$S1" $CRIT CriticalAlarmHigh b true || fail "no event after power-on (event receiver lost?)"
pass "host off: unavailable, present, NaN; on: TID $TID4 again, readings, events"

say "the daemon stops cleanly; an unprivileged user cannot start it"
stop_pldmd
grep -q stopped /tmp/pldmd.log || fail "mctp-pldmd did not log its stop"
"$HERE"/setpriv --reuid=65534 --regid=65534 --clear-groups mctp-pldmd -c /tmp/pldmd.toml \
	>/tmp/pldmd-nobody.out 2>&1 && fail "mctp-pldmd ran as nobody without capabilities"
grep -q "CAP_NET_BIND_SERVICE" /tmp/pldmd-nobody.out || { cat /tmp/pldmd-nobody.out; fail "the error does not name the capability"; }
pass "stopped; as nobody: $(tail -1 /tmp/pldmd-nobody.out)"
echo "---- what mctp-pldmd warned about (expected: the malformed PDR, silence, the pulled card)"
grep "warning: " /tmp/pldmd.log | sort -k2 | uniq -f1 | head -20
kill "$(cat /tmp/nvmed.pid)"
stop_ctrld
echo "PASS: pldmd"
