#!/bin/sh
# mctp-nvmed against drives that misbehave or lose power: the VPD's
# manufacturer and part number reach the inventory (VPD Read, which
# libnvme-mi lacks); a drive reporting a critical warning is present but
# not functional; a drive whose answers come back cut short is logged with
# its EID and never published; a drive powered by the host becomes
# unavailable with the reason "host off" (not failed, not absent) while the
# host is off, is not polled meanwhile, and is back after power-on.
. "$(dirname "$0")"/lib.sh

NVMED=org.mctpstack.NVMe
U1=55555555-0000-4000-8000-000000000001
U2=55555555-0000-4000-8000-000000000002
U3=55555555-0000-4000-8000-000000000003
U4=55555555-0000-4000-8000-000000000004
HS_SVC=xyz.openbmc_project.State.Host
HS_PATH=/xyz/openbmc_project/state/host0
ON=xyz.openbmc_project.State.Host.HostState.Running
OFF=xyz.openbmc_project.State.Host.HostState.Off

set_host() {
	busctl --no-pager set-property $HS_SVC $HS_PATH $HS_SVC CurrentHostState s "$1" ||
		fail "setting the host state"
}
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
drive_of() { echo /xyz/openbmc_project/inventory/system/drive/nvme_1_"$1"; }
sensor_of() { echo /xyz/openbmc_project/sensors/temperature/nvme_1_"$1"; }
# smart_reads EMU: how many SMART log reads the drive's emulator logged (-v)
smart_reads() { grep -c "admin opcode 0x02" /tmp/emu-"$1".log; }

say "segment: drives on a1 (VPD), a2 (critical warning), a3 (cut answers), m0.2 (host-powered)"
seg_create 4
seg_cmd add-mux m0 parent=a0 channels=4 idle=as-is
seg_cmd add-adapter am2 on=m0.2
B0=$(bus_of a0)
L2=mctpi2c$(bus_of m0.2)
bmc_up
endpoint vpd a1 0x1d -u $U1 --nvme-mi --nvme-manufacturer "Acme Storage" --nvme-part ACM-X1-960 \
	--nvme-model "Acme X1" --nvme-temperature 40
endpoint warn a2 0x1e -u $U2 --nvme-mi --nvme-critical-warning 0x04
endpoint cut a3 0x1f -u $U3 --nvme-mi --nvme-truncate
endpoint hp am2 0x30 -u $U4 --nvme-mi -v

start_dbus
mctp-test-host-state -s $ON >/tmp/host-state.log 2>&1 &
wait_for 10 name_owned $HS_SVC || fail "host state service"
cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 1000
retries = 1
rescan_interval_s = 0
poll_interval_s = 2
host_debounce_ms = 2000

[[network]]
own_eid = 8
pool = "16-31"

[[probe]]
bus = $B0
mux_channels = false
addresses = ["0x1d-0x1f"]

[[probe]]
link = "$L2"
addresses = [0x30]
host_powered = true

[host]
EOT
start_ctrld /tmp/ctrld.toml
P1=$(endpoint_path $U1) || fail "the VPD drive not on D-Bus"
P2=$(endpoint_path $U2) || fail "the warning drive not on D-Bus"
P3=$(endpoint_path $U3) || fail "the cut drive not on D-Bus"
P4=$(endpoint_path $U4) || fail "the host-powered drive not on D-Bus"
E1=${P1##*/} E2=${P2##*/} E3=${P3##*/} E4=${P4##*/}
pass "the control daemon found the four drives: EIDs $E1 $E2 $E3 $E4"

# generous timeouts: a drive that misses a poll on a loaded machine must not
# pass for the faults under test
printf 'poll_interval_s = 1\nrequest_timeout_ms = 3000\nabsent_after = 5\n' >/tmp/nvmed.toml
mctp-nvmed -v -c /tmp/nvmed.toml >/tmp/nvmed.log 2>&1 &
echo $! >/tmp/nvmed.pid
wait_for 20 name_owned $NVMED || { cat /tmp/nvmed.log; fail "mctp-nvmed did not take its bus name"; }

say "VPD: manufacturer and part number from the drive's FRU product area"
D1=$(drive_of "$E1")
wait_for 30 nprop_is "$D1" xyz.openbmc_project.Inventory.Decorator.Asset Manufacturer s '"Acme Storage"' ||
	{ tail -20 /tmp/nvmed.log; fail "Manufacturer not from the VPD: '$(nprop "$D1" xyz.openbmc_project.Inventory.Decorator.Asset Manufacturer)'"; }
nexpect "$D1" xyz.openbmc_project.Inventory.Decorator.Asset PartNumber s '"ACM-X1-960"'
nexpect "$D1" xyz.openbmc_project.Inventory.Decorator.Asset Model s '"Acme X1"'
nexpect "$D1" xyz.openbmc_project.State.Decorator.OperationalStatus Functional b true
pass "Manufacturer \"Acme Storage\", PartNumber ACM-X1-960"

say "a critical warning (reliability degraded): present, not functional"
D2=$(drive_of "$E2")
wait_for 30 nprop_is "$D2" xyz.openbmc_project.Inventory.Item Present b true ||
	fail "the warning drive is not published"
# answering (available) and yet not functional: the warning, not silence
warned() {
	nprop_is "$D2" xyz.openbmc_project.State.Decorator.Availability Available b true &&
		nprop_is "$D2" xyz.openbmc_project.State.Decorator.OperationalStatus Functional b false
}
wait_for 30 warned || { tail -20 /tmp/nvmed.log; fail "a drive with a critical warning is functional, or not answering"; }
pass "present, available, not functional"

say "answers cut short: logged with the EID, never published"
wait_for 20 grep -q "drive nvme_1_$E3: " /tmp/nvmed.log || { cat /tmp/nvmed.log; fail "nothing logged for the cut drive"; }
grep "drive nvme_1_$E3: " /tmp/nvmed.log | head -2
busctl --no-pager --list tree $NVMED | grep -q "nvme_1_$E3\$" && fail "the drive with cut answers is published"
kill -0 "$(cat /tmp/nvmed.pid)" || fail "mctp-nvmed died"
pass "logged, not published, the daemon runs on"

say "host off: the host-powered drive is unavailable (\"host off\"), not failed, and not polled"
D4=$(drive_of "$E4")
S4=$(sensor_of "$E4")
wait_for 30 nprop_is "$D4" xyz.openbmc_project.State.Decorator.OperationalStatus Functional b true ||
	fail "the host-powered drive is not functional while the host is on"
set_host $OFF
wait_for 20 nprop_is "$D4" xyz.openbmc_project.State.Decorator.Availability Available b false ||
	fail "the host-powered drive stays available with the host off"
nexpect "$D4" org.mctpstack.NVMe.Drive UnavailableReason s '"host off"'
nexpect "$D4" xyz.openbmc_project.Inventory.Item Present b true
# not polled: the drive (still answering, for the count) logs no request
N0=$(smart_reads hp)
sleep 5
[ "$(smart_reads hp)" = "$N0" ] || fail "the drive was polled while the host was off"
# then it loses power with the host: silence must not make it absent
kill -USR2 "$(cat /tmp/emu-hp.pid)"
sleep 5
nexpect "$D4" xyz.openbmc_project.Inventory.Item Present b true
nexpect "$D4" xyz.openbmc_project.State.Decorator.Availability Available b false
nexpect "$D4" org.mctpstack.NVMe.Drive UnavailableReason s '"host off"'
nexpect "$D1" xyz.openbmc_project.State.Decorator.Availability Available b true
pass "unavailable with reason \"host off\", still present, not polled; the other drives unaffected"

say "host on: the drive is polled and available again"
kill -USR2 "$(cat /tmp/emu-hp.pid)"
set_host $ON
wait_for 60 nprop_is "$D4" xyz.openbmc_project.State.Decorator.Availability Available b true ||
	{ tail -20 /tmp/nvmed.log; fail "the drive did not come back after power-on"; }
wait_for 20 nprop_is "$D4" xyz.openbmc_project.State.Decorator.OperationalStatus Functional b true ||
	fail "the drive is not functional after power-on"
nexpect "$D4" org.mctpstack.NVMe.Drive UnavailableReason s '""'
V=$(nprop "$S4" xyz.openbmc_project.Sensor.Value Value)
case $V in "d nan" | "") fail "no temperature after power-on: '$V'" ;; esac
pass "available, functional, temperature $V"

kill "$(cat /tmp/nvmed.pid)"
stop_ctrld
echo "PASS: nvmed-faults"
