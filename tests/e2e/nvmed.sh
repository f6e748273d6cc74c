#!/bin/sh
# mctp-nvmed on the stack: emulated NVMe drives on the simulated SMBus,
# found through the control daemon's endpoints, published on D-Bus as
# inventory items with health, firmware version and a temperature sensor;
# a drive answering with a corrupt MIC is logged, never published; a drive
# that goes silent turns non-functional, then absent, and comes back.
. "$(dirname "$0")"/lib.sh

NVMED=org.mctpstack.NVMe
MODEL="Emulated NVMe Drive X1"
SERIAL="SN-EMU-4711"
FW=1.2.3
TEMP=42
U1=44444444-0000-4000-8000-000000000001
U2=44444444-0000-4000-8000-000000000002
U3=44444444-0000-4000-8000-000000000003

say "segment: a0 this host, a1 drive 0x1d, a2 drive 0x1e with a corrupt MIC, a3 PLDM card 0x1f"
seg_create 4
bmc_up
endpoint drive a1 0x1d -u $U1 --nvme-mi --nvme-model "$MODEL" --nvme-serial "$SERIAL" \
	--nvme-firmware $FW --nvme-temperature $TEMP
endpoint bad a2 0x1e -u $U2 --nvme-mi --nvme-corrupt-mic
endpoint card a3 0x1f -u $U3 -t 0,1

start_dbus
B0=$(bus_of a0)
cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 1000
retries = 2
rescan_interval_s = 0
poll_interval_s = 0

[[network]]
net = 1
own_eid = 8
pool = "16-31"

[[probe]]
bus = $B0
addresses = ["0x1d-0x1f"]
EOT
start_ctrld /tmp/ctrld.toml
P1=$(endpoint_path $U1) || fail "the drive not on D-Bus"
P2=$(endpoint_path $U2) || fail "the drive with a corrupt MIC not on D-Bus"
E1=${P1##*/}
E2=${P2##*/}
pass "the control daemon found the drives: EIDs $E1 and $E2"

say "a bad configuration is refused, naming the line"
printf 'poll_interval_s = 0\n' >/tmp/nvmed-bad.toml
mctp-nvmed --check -c /tmp/nvmed-bad.toml >/tmp/nvmed-check.out 2>&1 && fail "bad configuration accepted"
grep -q "nvmed-bad.toml:1: poll_interval_s 0 out of range" /tmp/nvmed-check.out ||
	{ cat /tmp/nvmed-check.out; fail "the error does not name the line and the key"; }
pass "bad configuration refused: $(tail -1 /tmp/nvmed-check.out)"

cat >/tmp/nvmed.toml <<EOT
poll_interval_s = 1
request_timeout_ms = 500
absent_after = 3
EOT
mctp-nvmed -v -c /tmp/nvmed.toml >/tmp/nvmed.log 2>&1 &
echo $! >/tmp/nvmed.pid
wait_for 20 name_owned $NVMED || { cat /tmp/nvmed.log; fail "mctp-nvmed did not take its bus name"; }

D=/xyz/openbmc_project/inventory/system/drive/nvme_1_$E1
S=/xyz/openbmc_project/sensors/temperature/nvme_1_$E1
nprop() { busctl --no-pager get-property $NVMED "$@" 2>/dev/null; }
nprop_is() {
	_p=$1 _i=$2 _n=$3
	shift 3
	[ "$(nprop "$_p" "$_i" "$_n")" = "$*" ]
}
nexpect() {
	_p=$1 _n=$3
	_v=$(nprop "$1" "$2" "$3")
	shift 3
	[ "$_v" = "$*" ] || { tail -20 /tmp/nvmed.log; fail "$_p $_n: got '$_v', expected '$*'"; }
}

say "the drive on D-Bus"
wait_for 30 nprop_is $D xyz.openbmc_project.Inventory.Item Present b true ||
	{ busctl --no-pager tree $NVMED; cat /tmp/nvmed.log; fail "drive not published"; }
nexpect $D xyz.openbmc_project.Inventory.Decorator.Asset Model s "\"$MODEL\""
nexpect $D xyz.openbmc_project.Inventory.Decorator.Asset SerialNumber s "\"$SERIAL\""
nexpect $D xyz.openbmc_project.Software.Version Version s "\"$FW\""
nexpect $D xyz.openbmc_project.Inventory.Item.Drive Protocol s \
	'"xyz.openbmc_project.Inventory.Item.Drive.DriveProtocol.NVMe"'
nexpect $D org.mctpstack.NVMe.Drive EID y "$E1"
nexpect $D org.mctpstack.NVMe.Drive Endpoint o "\"$P1\""
wait_for 10 nprop_is $D xyz.openbmc_project.State.Decorator.OperationalStatus Functional b true ||
	fail "drive not functional"
pass "inventory: model, serial, firmware, protocol, endpoint; functional"

V=$(nprop $S xyz.openbmc_project.Sensor.Value Value | awk '{ printf "%d", $2 + 0.5 }')
[ -n "$V" ] && [ "$V" -ge $((TEMP - 2)) ] && [ "$V" -le $((TEMP + 2)) ] ||
	fail "temperature '$V', want $TEMP +-2"
nexpect $S xyz.openbmc_project.Sensor.Value Unit s '"xyz.openbmc_project.Sensor.Value.Unit.DegreesC"'
W=$(nprop $S xyz.openbmc_project.Sensor.Threshold.Warning WarningHigh | awk '{ print $2 }')
C=$(nprop $S xyz.openbmc_project.Sensor.Threshold.Critical CriticalHigh | awk '{ print $2 }')
[ -n "$W" ] && [ "$W" != nan ] && [ -n "$C" ] && [ "$C" != nan ] || fail "thresholds missing: warning '$W', critical '$C'"
nexpect $S xyz.openbmc_project.Sensor.Threshold.Warning WarningAlarmHigh b false
pass "temperature $V C (the drive holds $TEMP), warning at $W C, critical at $C C, no alarm"

say "the drive with a corrupt MIC: logged with its EID, never published"
wait_for 10 grep -q "drive nvme_1_$E2: .*" /tmp/nvmed.log || { cat /tmp/nvmed.log; fail "no error logged for nvme_1_$E2"; }
grep "drive nvme_1_$E2" /tmp/nvmed.log | head -3
busctl --no-pager --list tree $NVMED | grep -q "nvme_1_$E2" && fail "the garbage-answering drive is published"
[ "$(grep -c "managing drive" /tmp/nvmed.log)" = 2 ] || fail "not exactly the two NVMe-MI drives managed"
pass "corrupt answers logged, not published; the PLDM card left alone"

say "the drive goes silent: non-functional, then absent; then it answers again"
kill -USR1 "$(cat /tmp/emu-drive.pid)"
wait_for 20 nprop_is $D xyz.openbmc_project.State.Decorator.OperationalStatus Functional b false ||
	fail "a silent drive stays functional"
wait_for 30 nprop_is $D xyz.openbmc_project.Inventory.Item Present b false ||
	fail "a silent drive stays present"
nprop $S xyz.openbmc_project.Sensor.Value Value | grep -q nan || fail "a silent drive's temperature is not NaN"
pass "silent: non-functional, absent, temperature NaN"
kill -USR1 "$(cat /tmp/emu-drive.pid)"
wait_for 30 nprop_is $D xyz.openbmc_project.State.Decorator.OperationalStatus Functional b true ||
	fail "the drive did not come back"
nexpect $D xyz.openbmc_project.Inventory.Item Present b true
grep -q "drive nvme_1_$E1 answers again" /tmp/nvmed.log || fail "no log line for the drive's return"
pass "answering again: present and functional"

say "the daemon stops cleanly"
kill -TERM "$(cat /tmp/nvmed.pid)"
wait "$(cat /tmp/nvmed.pid)" || fail "mctp-nvmed exited with status $? on SIGTERM"
grep -q stopped /tmp/nvmed.log || fail "mctp-nvmed did not log its stop"
pass "mctp-nvmed stopped cleanly"
stop_ctrld
