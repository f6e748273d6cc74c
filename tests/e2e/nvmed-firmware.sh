#!/bin/sh
# Firmware update through mctp-nvmed (org.mctpstack.NVMe.FirmwareUpdate)
# and its front end mctp-nvme-update, against emulated NVMe drives on the
# simulated SMBus: a 64 KiB image downloaded, committed through More
# Processing Required answers and activated (Software.Version and the
# drive's firmware log agree); refusals (bad slot, bad action, empty image,
# a slot the drive lacks, an unprivileged caller, the host off for a
# host-powered drive); the drive going silent mid-download fails the
# update cleanly, and once it answers again a second update succeeds.
. "$(dirname "$0")"/lib.sh

# lib.sh's fail, with the firmware daemon's log first
fail() {
	echo "---- mctp-nvmed log (last 60 lines)" >&2
	tail -n 60 /tmp/nvmed.log >&2 2>/dev/null
	echo "FAIL: $* (uptime $(cut -d' ' -f1 /proc/uptime))" >&2
	dump_state >&2
	exit 1
}

NVMED=org.mctpstack.NVMe
FWI=org.mctpstack.NVMe.FirmwareUpdate
U1=55555555-0000-4000-8000-000000000001
U2=55555555-0000-4000-8000-000000000002
HS_SVC=xyz.openbmc_project.State.Host
HS_PATH=/xyz/openbmc_project/state/host0
ON=xyz.openbmc_project.State.Host.HostState.Running
OFF=xyz.openbmc_project.State.Host.HostState.Off

say "segment: a0 this host, a1 drive 0x1d, a2 host-powered drive 0x1e"
seg_create 3
bmc_up
endpoint drive a1 0x1d -u $U1 --nvme-mi --nvme-firmware 1.0.0 --nvme-commit-mpr 3
endpoint hdrive a2 0x1e -u $U2 --nvme-mi --nvme-firmware 1.0.0

# The test bus of lib.sh admits root only; this one admits anyone, so that
# an unprivileged caller reaches the daemon and the daemon's own check of
# the caller's uid is what refuses it.
mkdir -p /run/dbus /var/lib/dbus
[ -s /etc/machine-id ] || echo 5ca1ab1e0123456789abcdef00000001 >/etc/machine-id
sed 's|<allow user="root"/>|<allow user="*"/>|' "$E2E_DIR"/system-bus.conf >/tmp/system-bus-any.conf
grep -q 'allow user="\*"' /tmp/system-bus-any.conf || fail "could not open the test bus to all users"
dbus-daemon --config-file=/tmp/system-bus-any.conf --fork --nopidfile || fail "dbus-daemon did not start"
wait_for 10 test -S /run/dbus/system_bus_socket || fail "no system bus socket"

mctp-test-host-state -s $ON >/tmp/host-state.log 2>&1 &
wait_for 10 name_owned $HS_SVC || fail "host state service"
set_host() {
	busctl --no-pager set-property $HS_SVC $HS_PATH $HS_SVC CurrentHostState s "$1" ||
		fail "setting the host state"
}

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
addresses = [0x1d]

[[probe]]
bus = $B0
addresses = [0x1e]
host_powered = true

[host]
EOT
start_ctrld /tmp/ctrld.toml
P1=$(endpoint_path $U1) || fail "the drive not on D-Bus"
P2=$(endpoint_path $U2) || fail "the host-powered drive not on D-Bus"
E1=${P1##*/}
E2=${P2##*/}
pass "the control daemon found the drives: EIDs $E1 and $E2 (host-powered)"

cat >/tmp/nvmed.toml <<EOT
poll_interval_s = 1
request_timeout_ms = 1000
absent_after = 3
EOT
mctp-nvmed -v -c /tmp/nvmed.toml >/tmp/nvmed.log 2>&1 &
echo $! >/tmp/nvmed.pid
wait_for 20 name_owned $NVMED || { cat /tmp/nvmed.log; fail "mctp-nvmed did not take its bus name"; }

N1=nvme_1_$E1
N2=nvme_1_$E2
D=/xyz/openbmc_project/inventory/system/drive/$N1
D2=/xyz/openbmc_project/inventory/system/drive/$N2
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
	[ "$_v" = "$*" ] || { tail -30 /tmp/nvmed.log; fail "$_p $_n: got '$_v', expected '$*'"; }
}
daemon_alive() {
	kill -0 "$(cat /tmp/nvmed.pid)" 2>/dev/null && name_owned $NVMED
}
# as_nobody COMMAND: COMMAND (a shell line) as uid 65534 (busybox's setpriv
# cannot change uids)
as_nobody() {
	su -s /bin/sh -c "$1" nobody
}
# update NAME IMAGE [OPTIONS...]: mctp-nvme-update, its output in
# /tmp/update.out and its errors in /tmp/update.err; its exit status
update() {
	mctp-nvme-update "$@" >/tmp/update.out 2>/tmp/update.err
}
# the percentages mctp-nvme-update printed ("Downloading 45%") never go down
monotone() {
	awk '/^[A-Z][a-z]+ [0-9]+%$/ { p = $2 + 0; if (p < last) exit 1; last = p }' /tmp/update.out
}
# fw_has SLOT REVISION: the drive's firmware log (nvme-cli) shows
# REVISION in SLOT (its padding printed as dots)
fw_has() {
	nvme fw-log "mctp:1,$E1" >/tmp/fw-log.out 2>&1
	grep -q "^frs$1 : .*($2\.*)" /tmp/fw-log.out
}

wait_for 30 nprop_is $D xyz.openbmc_project.Inventory.Item Present b true ||
	{ cat /tmp/nvmed.log; fail "drive $N1 not published"; }
wait_for 30 nprop_is $D2 xyz.openbmc_project.Inventory.Item Present b true ||
	{ cat /tmp/nvmed.log; fail "drive $N2 not published"; }
nexpect $D xyz.openbmc_project.Software.Version Version s '"1.0.0"'
nexpect $D $FWI State s '"Idle"'
nexpect $D $FWI Progress y 0
pass "both drives published, running 1.0.0; no update yet (State Idle)"

say "update $N1 with a 64 KiB image (revision 2.0.0) to slot 2, activated at once"
printf '2.0.0   ' >/tmp/fw2.bin
dd if=/dev/urandom bs=1024 count=64 2>/dev/null | head -c 65528 >>/tmp/fw2.bin
[ "$(wc -c </tmp/fw2.bin)" = 65536 ] || fail "the test image is not 64 KiB"
chmod 0644 /tmp/fw2.bin
T0=$(cut -d' ' -f1 /proc/uptime)
update $N1 /tmp/fw2.bin --slot 2 || { cat /tmp/update.out /tmp/update.err; tail -30 /tmp/nvmed.log; fail "the update failed (status $?)"; }
T1=$(cut -d' ' -f1 /proc/uptime)
cat /tmp/update.out
grep -q "^Downloading [0-9]*%$" /tmp/update.out || fail "no download progress printed"
[ "$(grep -c '^Downloading' /tmp/update.out)" -ge 5 ] || fail "fewer than 5 progress lines for 16 chunks"
grep -q "^Committing 90%$" /tmp/update.out || fail "no Committing line"
grep -q "^Activated 100%$" /tmp/update.out || fail "no Activated 100% line"
monotone || fail "the progress went down"
grep -q "$N1: activated; the drive runs firmware 2.0.0" /tmp/update.out || fail "no final line naming 2.0.0"
nexpect $D $FWI State s '"Activated"'
nexpect $D $FWI Progress y 100
nexpect $D $FWI Reason s '""'
nexpect $D $FWI ImageRevision s '"2.0.0"'
nexpect $D xyz.openbmc_project.Software.Version Version s '"2.0.0"'
[ "$(grep -c 'admin opcode 0x10' /tmp/emu-drive.log)" -ge 1 ] || fail "the drive saw no Firmware Commit"
grep -q "drive $N1: firmware update Activated, running 2.0.0" /tmp/nvmed.log || fail "no log line for the update"
pass "Activated in $(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.1f", b - a }') s; progress monotone; Software.Version 2.0.0"
if command -v nvme >/dev/null; then
	fw_has 2 '2\.0\.0' || { cat /tmp/fw-log.out; fail "nvme fw-log: slot 2 does not hold 2.0.0"; }
	fw_has 1 '1\.0\.0' || { cat /tmp/fw-log.out; fail "nvme fw-log: slot 1 lost 1.0.0"; }
	grep -q "^afi  : 0x2$" /tmp/fw-log.out || { cat /tmp/fw-log.out; fail "nvme fw-log: slot 2 not active"; }
	pass "nvme fw-log agrees: slot 2 holds 2.0.0 and is active, slot 1 still 1.0.0"
fi

say "refusals"
update $N1 /tmp/fw2.bin --slot 9
[ $? = 2 ] || fail "mctp-nvme-update took slot 9"
grep -q "slot" /tmp/update.err || fail "the slot error does not name the slot: $(cat /tmp/update.err)"
pass "CLI: $(head -1 /tmp/update.err)"
update $N1 /tmp/fw2.bin --action activate
[ $? = 2 ] || fail "mctp-nvme-update took action 'activate'"
pass "CLI: $(head -1 /tmp/update.err)"
update $N1 /nonexistent/fw.bin
[ $? = 1 ] && grep -q "No such file" /tmp/update.err || fail "missing image: $(cat /tmp/update.err)"
pass "CLI: $(head -1 /tmp/update.err)"
update nvme_9_99 /tmp/fw2.bin
[ $? = 1 ] && grep -q "no drive nvme_9_99" /tmp/update.err || fail "unknown drive: $(cat /tmp/update.err)"
pass "CLI: $(head -1 /tmp/update.err)"
: >/tmp/empty.bin
update $N1 /tmp/empty.bin
[ $? = 1 ] && grep -q "the image is empty" /tmp/update.err || fail "empty image: $(cat /tmp/update.err)"
pass "daemon: $(head -1 /tmp/update.err)"
# the daemon's own checks, past the front end's
mctp-test-fw-start $D /tmp/fw2.bin 9 replace-activate >/tmp/start.out 2>&1 &&
	fail "the daemon took slot 9"
grep -q "InvalidArgs: firmware slot 9 out of range 1..7" /tmp/start.out || fail "slot 9: $(cat /tmp/start.out)"
pass "daemon: $(cat /tmp/start.out)"
mctp-test-fw-start $D /tmp/fw2.bin 2 activate >/tmp/start.out 2>&1 &&
	fail "the daemon took action 'activate'"
grep -q "InvalidArgs: unknown commit action 'activate'" /tmp/start.out || fail "action: $(cat /tmp/start.out)"
pass "daemon: $(cat /tmp/start.out)"
as_nobody "$(command -v mctp-nvme-update) $N1 /tmp/fw2.bin" \
	>/tmp/update.out 2>/tmp/update.err && fail "an unprivileged caller updated the firmware"
grep -q "needs root (the caller is uid 65534)" /tmp/update.err ||
	fail "unprivileged caller: $(cat /tmp/update.out /tmp/update.err)"
pass "uid 65534: $(head -1 /tmp/update.err)"
nexpect $D $FWI State s '"Activated"'
pass "the refusals left the last update's state alone"

say "a slot the drive does not have (it has 3): the drive refuses the commit"
update $N1 /tmp/fw2.bin --slot 5 && fail "an update to slot 5 succeeded"
grep -q "Invalid Firmware Slot" /tmp/update.err || fail "slot 5: $(cat /tmp/update.err)"
nexpect $D $FWI State s '"Failed"'
nexpect $D $FWI Progress y 0
pass "$(head -1 /tmp/update.err)"

say "the host off: the host-powered drive refuses updates"
set_host $OFF
wait_for 20 nprop_is $D2 org.mctpstack.NVMe.Drive UnavailableReason s '"host off"' ||
	fail "drive $N2 not unavailable with the host off"
update $N2 /tmp/fw2.bin
[ $? = 1 ] && grep -q "powered by the host, which is off" /tmp/update.err ||
	fail "host off: $(cat /tmp/update.out /tmp/update.err)"
pass "$(head -1 /tmp/update.err)"
set_host $ON

say "a second update while one runs is refused; Cancel stops the download"
printf '9.9.9   ' >/tmp/fw-big.bin
dd if=/dev/urandom bs=1024 count=2048 2>/dev/null | head -c $((2 * 1048576 - 8)) >>/tmp/fw-big.bin
mctp-nvme-update $N1 /tmp/fw-big.bin >/tmp/update-bg.out 2>/tmp/update-bg.err &
UPD=$!
wait_for 60 grep -q "^Downloading [1-9]" /tmp/update-bg.out ||
	fail "the big download did not start: $(cat /tmp/update-bg.out /tmp/update-bg.err)"
update $N1 /tmp/fw2.bin
[ $? = 1 ] && grep -q "a firmware update of $N1 is running (Downloading, [0-9]*%)" /tmp/update.err ||
	fail "second update: $(cat /tmp/update.err)"
pass "$(head -1 /tmp/update.err)"
as_nobody "$(command -v mctp-test-fw-start) --cancel $D" >/tmp/cancel.out 2>&1 &&
	fail "an unprivileged caller cancelled the update"
grep -q "AccessDenied: cancelling the firmware update of $N1 needs root (the caller is uid 65534)" \
	/tmp/cancel.out || fail "unprivileged Cancel: $(cat /tmp/cancel.out)"
pass "uid 65534: $(cat /tmp/cancel.out)"
mctp-test-fw-start --cancel $D >/tmp/cancel.out 2>&1 || fail "Cancel: $(cat /tmp/cancel.out)"
wait $UPD && fail "the cancelled update succeeded"
grep -q "failed: cancelled at byte [0-9]* of 2097152; nothing was committed" /tmp/update-bg.err ||
	fail "cancelled: $(cat /tmp/update-bg.err)"
nexpect $D $FWI State s '"Failed"'
nexpect $D $FWI Progress y 0
pass "$(head -1 /tmp/update-bg.err)"

say "the drive goes silent during the download: Failed with a reason, the daemon stays"
mctp-nvme-update $N1 /tmp/fw-big.bin >/tmp/update.out 2>/tmp/update.err &
UPD=$!
wait_for 60 grep -q "^Downloading [1-9]" /tmp/update.out || fail "the big download did not start: $(cat /tmp/update.out /tmp/update.err)"
kill -USR1 "$(cat /tmp/emu-drive.pid)"
wait $UPD && fail "the update succeeded with the drive silent"
cat /tmp/update.out | tail -2
grep -q "failed: the drive stopped answering during the download at byte" /tmp/update.err ||
	fail "silent drive: $(cat /tmp/update.err)"
pass "$(head -1 /tmp/update.err)"
nexpect $D $FWI State s '"Failed"'
nexpect $D $FWI Progress y 0
nprop $D $FWI Reason | grep -q "stopped answering" || fail "Reason does not say the drive stopped answering"
daemon_alive || fail "mctp-nvmed died"
nexpect $D xyz.openbmc_project.Software.Version Version s '"2.0.0"'
pass "State Failed, Progress 0, Reason set, daemon alive, still running 2.0.0"

wait_for 20 nprop_is $D xyz.openbmc_project.State.Decorator.OperationalStatus Functional b false ||
	fail "the polls after the failed update did not notice the silent drive"
update $N1 /tmp/fw2.bin
[ $? = 1 ] && grep -q "is not answering" /tmp/update.err || fail "silent drive: $(cat /tmp/update.err)"
pass "a silent drive refuses updates: $(head -1 /tmp/update.err)"

say "the drive answers again: a second update succeeds"
kill -USR1 "$(cat /tmp/emu-drive.pid)"
wait_for 30 nprop_is $D xyz.openbmc_project.State.Decorator.OperationalStatus Functional b true ||
	fail "the drive did not come back"
printf '3.0.0   ' >/tmp/fw3.bin
dd if=/dev/urandom bs=1024 count=64 2>/dev/null | head -c 65528 >>/tmp/fw3.bin
update $N1 /tmp/fw3.bin --slot 3 || { cat /tmp/update.out /tmp/update.err; tail -30 /tmp/nvmed.log; fail "the second update failed"; }
nexpect $D $FWI State s '"Activated"'
nexpect $D xyz.openbmc_project.Software.Version Version s '"3.0.0"'
if command -v nvme >/dev/null; then
	fw_has 3 '3\.0\.0' || { cat /tmp/fw-log.out; fail "nvme fw-log: slot 3 does not hold 3.0.0"; }
fi
pass "second update: Activated, Software.Version 3.0.0"

say "replace-on-reset: committed, not running until a reset"
update $N1 /tmp/fw2.bin --slot 2 --action replace-on-reset || { cat /tmp/update.err; fail "replace-on-reset failed"; }
nexpect $D $FWI State s '"Committed"'
nexpect $D xyz.openbmc_project.Software.Version Version s '"3.0.0"'
pass "$(tail -1 /tmp/update.out)"

say "the host-powered drive is back with the host; the daemon stops cleanly"
wait_for 60 nprop_is $D2 xyz.openbmc_project.State.Decorator.OperationalStatus Functional b true ||
	fail "drive $N2 not functional after the host came back"
kill -TERM "$(cat /tmp/nvmed.pid)"
wait "$(cat /tmp/nvmed.pid)" || fail "mctp-nvmed exited with status $? on SIGTERM"
pass "mctp-nvmed stopped cleanly"
stop_ctrld
