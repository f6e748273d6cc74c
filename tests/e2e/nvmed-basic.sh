#!/bin/sh
# mctp-nvmed on a mixed backplane: an NVMe drive over MCTP only, a drive with
# only the NVMe-MI Basic Management Command (smbus-sim nvme-basic behind mux
# channel 0, configured by bus number) and an emulated drive offering both
# (MCTP, and its nvme-basic twin behind channel 1 kept in step by
# --nvme-basic, configured by adapter name). All are published; temperature,
# warnings and status set through debugfs show on D-Bus; a drive that answers
# garbage or nothing is logged with its bus and address and never published;
# a pulled drive (smbus-sim "gone") goes non-functional, then absent, and
# comes back.
. "$(dirname "$0")"/lib.sh

NVMED=org.mctpstack.NVMe
INV=/xyz/openbmc_project/inventory/system/drive
SENS=/xyz/openbmc_project/sensors/temperature
U1=55555555-0000-4000-8000-000000000001
U2=55555555-0000-4000-8000-000000000002
OPS=xyz.openbmc_project.State.Decorator.OperationalStatus
ITEM=xyz.openbmc_project.Inventory.Item
ASSET=xyz.openbmc_project.Inventory.Decorator.Asset
LOC=org.mctpstack.NVMe.Drive
VALUE=xyz.openbmc_project.Sensor.Value

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
# temp_is NAME C: the sensor reads C (rounded)
temp_is() {
	[ "$(nprop $SENS/"$1" $VALUE Value | awk '{ printf "%d", $2 + ($2 < 0 ? -0.5 : 0.5) }')" = "$2" ]
}
temp_nan() { nprop $SENS/"$1" $VALUE Value | grep -q nan; }
published() { busctl --no-pager --list tree $NVMED 2>/dev/null | grep -qx "$INV/$1"; }

say "segment: a0 this host with mux m0 (2 channels), a1 MCTP drive 0x1d, a2 emulated drive 0x1e"
seg_create 3
seg_cmd add-mux m0 parent=a0 channels=2
seg_cmd add-nvme-basic bay3 on=m0.0
seg_cmd add-nvme-basic twin on=m0.1
seg_cmd add-tmp75 junk addr=0x6c
echo SN-BASIC-0003 >$SEG/bay3/serial
echo 0x144d >$SEG/bay3/vid
echo 38 >$SEG/bay3/temp
bmc_up
endpoint mctp a1 0x1d -u $U1 --nvme-mi --nvme-serial SN-MCTP-0001 --nvme-temperature 30
# `ip netns exec` mounts a /sys of its own, without debugfs: the emulator in
# its namespace reaches its twin through a debugfs mounted outside /sys
mkdir -p /tmp/debugfs
mount -t debugfs none /tmp/debugfs || fail "mounting debugfs on /tmp/debugfs"
endpoint both a2 0x1e -u $U2 --nvme-mi --nvme-serial SN-BOTH-0002 --nvme-temperature 45 \
	--nvme-basic /tmp/debugfs/smbus-sim/s0/twin
wait_for 10 grep -qx SN-BOTH-0002 $SEG/twin/serial || fail "the emulator did not sync its twin"
pass "the emulated drive's twin holds its serial $(cat $SEG/twin/serial), $(cat $SEG/twin/temp) C"

B0=$(bus_of a0)
BUS3=$(bus_of m0.0)
NAME4=$(cat /sys/bus/i2c/devices/i2c-"$(bus_of m0.1)"/name)
start_dbus
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
addresses = ["0x1d-0x1e"]
EOT
start_ctrld /tmp/ctrld.toml
P1=$(endpoint_path $U1) || fail "the MCTP drive not on D-Bus"
P2=$(endpoint_path $U2) || fail "the emulated drive not on D-Bus"
E1=${P1##*/}
E2=${P2##*/}
pass "the control daemon found the MCTP drives: EIDs $E1 and $E2"

say "a bad [[basic_drive]] is refused, naming the line and key"
printf '[[basic_drive]]\nbus = 1\naddress = 0xd4\nname = "x"\n' >/tmp/nvmed-bad.toml
mctp-nvmed --check -c /tmp/nvmed-bad.toml >/tmp/nvmed-check.out 2>&1 && fail "bad configuration accepted"
grep -q "nvmed-bad.toml:3: address 0xd4 is an 8-bit address; give the 7-bit 0x6a" \
	/tmp/nvmed-check.out || { cat /tmp/nvmed-check.out; fail "the error does not name line and key"; }
pass "refused: $(tail -1 /tmp/nvmed-check.out)"

cat >/tmp/nvmed.toml <<EOT
poll_interval_s = 1
request_timeout_ms = 500
absent_after = 3

[[basic_drive]]
bus = $BUS3
name = "bay3"
warning_c = 50
critical_c = 60

[[basic_drive]]
bus = "$NAME4"
address = 0x6a
name = "bay4"

[[basic_drive]]
bus = $B0
address = 0x6b
name = "empty"

[[basic_drive]]
bus = $B0
address = 0x6c
name = "junk"
EOT
mctp-nvmed -v -c /tmp/nvmed.toml >/tmp/nvmed.log 2>&1 &
echo $! >/tmp/nvmed.pid
wait_for 20 name_owned $NVMED || { cat /tmp/nvmed.log; fail "mctp-nvmed did not take its bus name"; }

say "every drive of the backplane on D-Bus"
for d in nvme_1_$E1 nvme_1_$E2 bay3 bay4; do
	wait_for 30 nprop_is $INV/$d $ITEM Present b true ||
		{ busctl --no-pager tree $NVMED; cat /tmp/nvmed.log; fail "drive $d not published"; }
	wait_for 10 nprop_is $INV/$d $OPS Functional b true || fail "drive $d not functional"
done
pass "published and functional: nvme_1_$E1, nvme_1_$E2 (MCTP), bay3, bay4 (Basic Management)"

nexpect $INV/bay3 $ASSET SerialNumber s '"SN-BASIC-0003"'
nexpect $INV/bay3 $ASSET Manufacturer s '"PCI vendor 0x144d"'
nexpect $INV/bay3 $ITEM PrettyName s '"bay3"'
nexpect $INV/bay3 xyz.openbmc_project.Inventory.Item.Drive Protocol s \
	'"xyz.openbmc_project.Inventory.Item.Drive.DriveProtocol.NVMe"'
nexpect $INV/bay3 $LOC Transport s '"BasicManagement"'
nexpect $INV/bay3 $LOC I2CBus s "\"$BUS3\""
nexpect $INV/bay3 $LOC I2CAddress y 106
nexpect $INV/bay3 $LOC EID y 0
nexpect $INV/nvme_1_$E1 $LOC Transport s '"MCTP"'
nexpect $INV/nvme_1_$E1 $LOC EID y "$E1"
wait_for 10 temp_is bay3 38 || fail "bay3 temperature $(nprop $SENS/bay3 $VALUE Value), want 38"
WARN=xyz.openbmc_project.Sensor.Threshold.Warning
CRIT=xyz.openbmc_project.Sensor.Threshold.Critical
nexpect $SENS/bay3 $WARN WarningHigh d 50
nexpect $SENS/bay3 $CRIT CriticalHigh d 60
nexpect $SENS/bay3 $WARN WarningAlarmHigh b false
nprop $SENS/bay4 $WARN WarningHigh | grep -q nan || fail "bay4 has a warning threshold it was not given"
pass "bay3: serial, vendor, protocol, bus $BUS3 address 0x6a, no EID, 38 C, thresholds 50/60 C from the configuration"

nexpect $INV/bay4 $LOC I2CBus s "\"$NAME4\""
nexpect $INV/bay4 $ASSET SerialNumber s '"SN-BOTH-0002"'
nexpect $INV/nvme_1_$E2 $ASSET SerialNumber s '"SN-BOTH-0002"'
T4=$(nprop $SENS/bay4 $VALUE Value | awk '{ printf "%d", $2 + 0.5 }')
T2=$(nprop $SENS/nvme_1_$E2 $VALUE Value | awk '{ printf "%d", $2 + 0.5 }')
[ "$T4" -ge 44 ] && [ "$T4" -le 46 ] && [ "$T2" -ge 44 ] && [ "$T2" -le 46 ] ||
	fail "the emulated drive reads $T2 C over MCTP and $T4 C over SMBus, want 45 +-1"
pass "the emulated drive both ways: serial SN-BOTH-0002, $T2 C over MCTP, $T4 C by Basic Management (bus \"$NAME4\")"

say "drives answering nothing or garbage: logged with bus and address, never published"
wait_for 10 grep -q "drive empty: i2c bus $B0 address 0x6b: .*No such device" /tmp/nvmed.log ||
	{ cat /tmp/nvmed.log; fail "no error logged for the empty slot"; }
wait_for 10 grep -q "drive junk: i2c bus $B0 address 0x6c: malformed answer: status block length" \
	/tmp/nvmed.log || { cat /tmp/nvmed.log; fail "no error logged for the garbage"; }
grep "drive empty:\|drive junk:" /tmp/nvmed.log | head -2
published empty && fail "the empty slot is published"
published junk && fail "the garbage-answering device is published"
pass "the empty slot and the TMP75 answering garbage are logged, not published"

say "temperature, warnings and status set through debugfs show on D-Bus"
echo 51 >$SEG/bay3/temp
wait_for 10 temp_is bay3 51 || fail "bay3 temperature $(nprop $SENS/bay3 $VALUE Value), want 51"
wait_for 5 nprop_is $SENS/bay3 $WARN WarningAlarmHigh b true || fail "no warning alarm at 51 C"
nexpect $SENS/bay3 $CRIT CriticalAlarmHigh b false
echo -7 >$SEG/bay3/temp
wait_for 10 temp_is bay3 -7 || fail "bay3 temperature $(nprop $SENS/bay3 $VALUE Value), want -7"
wait_for 5 nprop_is $SENS/bay3 $WARN WarningAlarmHigh b false || fail "the warning alarm stays at -7 C"
echo failed >$SEG/bay3/temp
wait_for 10 temp_nan bay3 || fail "a failed temperature sensor does not read NaN"
echo 40 >$SEG/bay3/temp
wait_for 10 temp_is bay3 40 || fail "bay3 temperature does not come back"
pass "bay3 temperature followed 51 (warning alarm), -7, sensor failure (NaN) and 40 C"
echo 0xfd >$SEG/bay3/warnings
wait_for 10 nprop_is $INV/bay3 $OPS Functional b false || fail "a temperature warning leaves bay3 functional"
echo 0xff >$SEG/bay3/warnings
wait_for 10 nprop_is $INV/bay3 $OPS Functional b true || fail "bay3 not functional again"
echo 0x1f >$SEG/bay3/status
wait_for 10 nprop_is $INV/bay3 $OPS Functional b false || fail "'drive not functional' ignored"
echo 0x7f >$SEG/bay3/status
wait_for 10 temp_nan bay3 || fail "a drive not ready has a temperature"
nexpect $INV/bay3 $ITEM Present b true
echo 0x3f >$SEG/bay3/status
wait_for 10 nprop_is $INV/bay3 $OPS Functional b true || fail "bay3 not functional again"
pass "a SMART warning, 'not functional' and 'not ready' make bay3 non-functional; cleared, it is back"

say "the drives at 0x6a pulled: non-functional, then absent; back in, present again"
echo "0x6a gone" >$SEG/faults
for d in bay3 bay4; do
	wait_for 10 nprop_is $INV/$d $OPS Functional b false || fail "pulled $d stays functional"
done
for d in bay3 bay4; do
	wait_for 20 nprop_is $INV/$d $ITEM Present b false || fail "pulled $d stays present"
done
temp_nan bay3 || fail "a pulled drive's temperature is not NaN"
nexpect $INV/nvme_1_$E1 $OPS Functional b true
pass "pulled: bay3 and bay4 non-functional, then absent; the MCTP drive unaffected"
echo clear >$SEG/faults
for d in bay3 bay4; do
	wait_for 20 nprop_is $INV/$d $ITEM Present b true || fail "$d did not come back"
	wait_for 10 nprop_is $INV/$d $OPS Functional b true || fail "$d not functional when back"
done
grep -q "drive bay3 answers again" /tmp/nvmed.log || fail "no log line for bay3's return"
pass "back in: present and functional"

say "the daemon stops cleanly"
kill -TERM "$(cat /tmp/nvmed.pid)"
wait "$(cat /tmp/nvmed.pid)" || fail "mctp-nvmed exited with status $? on SIGTERM"
grep -q stopped /tmp/nvmed.log || fail "mctp-nvmed did not log its stop"
pass "mctp-nvmed stopped cleanly"
stop_ctrld
