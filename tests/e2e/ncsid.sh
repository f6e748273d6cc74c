#!/bin/sh
# mctp-ncsid on the stack: emulated NC-SI network controllers (2 packages x
# 2 channels) on the simulated SMBus, one behind a mux channel powered by
# the host, found through the control daemon's endpoints and published on
# D-Bus: per channel its link, speed, MAC, firmware; a link change reaches
# D-Bus by the controller's AEN (poll interval 60 s), a channel asking for
# configuration is set up again, the host driver state follows its AEN;
# with AENs off a link change comes by the poll; a silent package is
# non-functional with "no response since T" while the other goes on, and
# set up again when it answers; malformed answers make a package unusable,
# naming why; host power off makes the controller unavailable ("host off")
# and power-on brings it back; type 2 has one binder; a bad configuration
# names its line; nobody without capabilities cannot start the daemon.
. "$(dirname "$0")"/lib.sh
HERE=$(cd "$(dirname "$0")" && pwd)

NCSID=org.mctpstack.NCSI
U1=77777777-0000-4000-8000-000000000001
U2=77777777-0000-4000-8000-000000000002
HS_SVC=xyz.openbmc_project.State.Host
HS_PATH=/xyz/openbmc_project/state/host0
ON=xyz.openbmc_project.State.Host.HostState.Running
OFF=xyz.openbmc_project.State.Host.HostState.Off
ITEM=xyz.openbmc_project.Inventory.Item
NETIF=xyz.openbmc_project.Inventory.Item.NetworkInterface
ASSET=xyz.openbmc_project.Inventory.Decorator.Asset
VERSION=xyz.openbmc_project.Software.Version
OPST=xyz.openbmc_project.State.Decorator.OperationalStatus
AVAIL=xyz.openbmc_project.State.Decorator.Availability
CTL=org.mctpstack.NCSI.Controller
PKG=org.mctpstack.NCSI.Package
CHAN=org.mctpstack.NCSI.Channel

set_host() {
	busctl --no-pager set-property $HS_SVC $HS_PATH $HS_SVC CurrentHostState s "$1" ||
		fail "setting the host state"
}
nprop() { busctl --no-pager get-property $NCSID "$@" 2>/dev/null; }
nprop_is() {
	_p=$1 _i=$2 _n=$3
	shift 3
	[ "$(nprop "$_p" "$_i" "$_n")" = "$*" ]
}
nexpect() {
	_p=$1 _n=$3
	_v=$(nprop "$1" "$2" "$3")
	shift 3
	[ "$_v" = "$*" ] || { tail -30 /tmp/ncsid.log; fail "$_p $_n: got '$_v', expected '$*'"; }
}
# await SECONDS PATH IFACE PROP VALUE...: the property becomes VALUE
await() {
	_t=$1
	shift
	wait_for "$_t" nprop_is "$@" ||
		{ tail -40 /tmp/ncsid.log; fail "$1 $3: '$(nprop "$1" "$2" "$3")', waited for '$4 $5'"; }
}
published() { busctl --no-pager --list tree $NCSID 2>/dev/null | grep -qx "$1"; }
# requests EMU COMMAND: how many NC-SI commands named COMMAND the emulator saw
requests() { grep -c "NC-SI .*$2" /tmp/emu-"$1".log; }
start_ncsid() {
	mctp-ncsid -v -c "$1" >>/tmp/ncsid.log 2>&1 &
	echo $! >/tmp/ncsid.pid
	wait_for 20 name_owned $NCSID || { cat /tmp/ncsid.log; fail "mctp-ncsid did not take its bus name"; }
}
stop_ncsid() {
	kill -TERM "$(cat /tmp/ncsid.pid)"
	wait "$(cat /tmp/ncsid.pid)" || fail "mctp-ncsid exited with status $? on SIGTERM"
}

say "segment: a1 NIC 0x40 (firmware EMU-NIC 1.2.3.4), m0.1 NIC 0x41 (host-powered)"
seg_create 2
seg_cmd add-mux m0 parent=a0 channels=4 idle=as-is
seg_cmd add-adapter am1 on=m0.1
B0=$(bus_of a0)
L1=mctpi2c$(bus_of m0.1)
bmc_up
endpoint nic a1 0x40 -v -u $U1 --ncsi --ncsi-firmware EMU-NIC,1.2.3.4 --ncsi-control /tmp/nic.ctl
endpoint hostnic am1 0x41 -v -u $U2 --ncsi --ncsi-control /tmp/hostnic.ctl

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
addresses = [0x40]

[[probe]]
link = "$L1"
addresses = [0x41]
host_powered = true

[host]
EOT
start_ctrld /tmp/ctrld.toml
P1=$(endpoint_path $U1) || fail "the NIC not on D-Bus"
P2=$(endpoint_path $U2) || fail "the host-powered NIC not on D-Bus"
E1=${P1##*/} E2=${P2##*/}
pass "the control daemon found the NICs (EIDs $E1 $E2)"

say "a bad configuration is refused, naming the file, line and key"
printf 'poll_interval_s = 60\n\npackages = 9\n' >/tmp/ncsid-bad.toml
mctp-ncsid --check -c /tmp/ncsid-bad.toml >/tmp/ncsid-check.out 2>&1 && fail "bad configuration accepted"
grep -q "ncsid-bad.toml:3: packages 9 out of range 1..8" /tmp/ncsid-check.out ||
	{ cat /tmp/ncsid-check.out; fail "the error does not name the line and the key"; }
pass "refused: $(tail -1 /tmp/ncsid-check.out)"

# a long poll interval: what changes within seconds came by an AEN
cat >/tmp/ncsid.toml <<EOT
poll_interval_s = 60
request_timeout_ms = 1000
retries = 1
packages = 3
EOT
start_ncsid /tmp/ncsid.toml

say "one AEN receiver: a second daemon cannot bind message type 2"
mctp-ncsid -c /tmp/ncsid.toml >/tmp/ncsid2.out 2>&1 && fail "a second mctp-ncsid started"
grep -q "another program is bound to MCTP message type 2" /tmp/ncsid2.out ||
	{ cat /tmp/ncsid2.out; fail "the second daemon's error does not say why"; }
pass "refused: $(tail -1 /tmp/ncsid2.out)"

say "discovery: 2 packages x 2 channels, package ID 2 absent"
N=/xyz/openbmc_project/inventory/system/nic/ncsi_1_$E1
wait_for 20 published "$N/package_1/channel_1" || { tail -40 /tmp/ncsid.log; fail "channels not published"; }
published "$N/package_2" && fail "a package 2 that does not exist"
nexpect "$N" $ITEM Present b true
nexpect "$N" $OPST Functional b true
nexpect "$N" $AVAIL Available b true
nexpect "$N" $VERSION Version s '"1.2.3.4"'
nexpect "$N" $CTL EID y "$E1"
nexpect "$N" $CTL Endpoint o "\"$P1\""
nexpect "$N" $CTL UnavailableReason s '""'
MODEL=$(nprop "$N" $ASSET Model)
case $MODEL in 's "EMU-NIC (PCI '*) ;; *) fail "model $MODEL" ;; esac
for p in 0 1; do
	nexpect "$N/package_$p" $PKG UUID s "\"4e435349-0000-4000-8000-0000000040$(printf %02x $p)\""
	nexpect "$N/package_$p" $OPST Functional b true
	for c in 0 1; do
		C=$N/package_$p/channel_$c
		nexpect "$C" $NETIF MACAddress s "\"02:4e:4d:40:0$p:0$c\""
		nexpect "$C" $VERSION Version s '"1.2.3.4"'
		nexpect "$C" $CHAN LinkUp b true
		nexpect "$C" $CHAN LinkSpeed u 1000
		nexpect "$C" $CHAN FullDuplex b true
		nexpect "$C" $CHAN Enabled b true
		nexpect "$C" $CHAN AENsEnabled b true
		nexpect "$C" $OPST Functional b true
		nexpect "$C" $CHAN UnavailableReason s '""'
	done
done
LAST=$(nprop "$N" $CTL LastResponse | cut -d' ' -f2)
NOW=$(($(date +%s) * 1000000))
[ "$LAST" -gt $((NOW - 60000000)) ] && [ "$LAST" -le $((NOW + 1000000)) ] || fail "LastResponse $LAST, now $NOW"
pass "$MODEL, $(nprop "$N" $ASSET Manufacturer), NC-SI $(nprop "$N" $CTL NCSIVersion); MACs 02:4e:4d:40:PP:CC, 1000 Mb/s full duplex, AENs on"

say "a link change comes by the controller's AEN (poll interval 60 s)"
LS0=$(requests nic "Get Link Status")
emu_control nic /tmp/nic.ctl "link 0.1 down"
C=$N/package_0/channel_1
await 3 "$C" $CHAN LinkUp b false
nexpect "$C" $CHAN UnavailableReason s '"link down"'
nexpect "$C" $CHAN LinkSpeed u 0
nexpect "$C" $OPST Functional b true
grep -q "package 0 channel 1: link down (AEN)" /tmp/ncsid.log || fail "no AEN logged"
emu_control nic /tmp/nic.ctl "link 0.1 up 100"
await 3 "$C" $CHAN LinkSpeed u 100
nexpect "$C" $CHAN UnavailableReason s '""'
[ "$(requests nic "Get Link Status")" = "$LS0" ] || fail "the daemon polled meanwhile: not the AEN"
pass "down within 3 s, \"link down\"; up at 100 Mb/s; no Get Link Status sent meanwhile"

say "host driver status change AEN"
emu_control nic /tmp/nic.ctl "driver 1.0 up"
await 3 "$N/package_1/channel_0" $CHAN HostDriver s '"up"'
emu_control nic /tmp/nic.ctl "driver 1.0 down"
await 3 "$N/package_1/channel_0" $CHAN HostDriver s '"down"'
pass "host driver up, then down"

say "a channel that falls back to its initial state asks to be configured: set up again"
CIS=$(requests nic "Clear Initial State")
emu_control nic /tmp/nic.ctl "reinit 1.1"
wait_for 5 sh -c "[ \$(grep -c 'NC-SI .*Clear Initial State' /tmp/emu-nic.log) -gt $CIS ]" ||
	{ tail -20 /tmp/ncsid.log; fail "no Clear Initial State after the AEN"; }
wait_for 5 grep -q "package 1 channel 1 set up again" /tmp/ncsid.log || fail "set-up not logged"
nexpect "$N/package_1/channel_1" $OPST Functional b true
nexpect "$N/package_1/channel_1" $CHAN Enabled b true
nexpect "$N/package_1/channel_1" $CHAN AENsEnabled b true
pass "Configuration Required -> Clear Initial State, AEN Enable, Enable Channel again"

say "restarted with AENs off and a 2 s poll: a link change comes by the poll"
stop_ncsid
cat >/tmp/ncsid.toml <<EOT
poll_interval_s = 2
request_timeout_ms = 1000
retries = 1
packages = 2
aens = false
EOT
start_ncsid /tmp/ncsid.toml
wait_for 20 published "$N/package_1/channel_1" || fail "not published again"
await 10 "$N/package_0/channel_0" $CHAN AENsEnabled b false
emu_control nic /tmp/nic.ctl "link 0.0 down"
await 6 "$N/package_0/channel_0" $CHAN LinkUp b false
grep -q "package 0 channel 0: link down (poll)" /tmp/ncsid.log || fail "not by the poll"
emu_control nic /tmp/nic.ctl "link 0.0 up"
await 6 "$N/package_0/channel_0" $CHAN LinkUp b true
pass "AENs off; down and up again by polls"

say "package 1 stops answering: \"no response since T\", package 0 goes on"
emu_control nic /tmp/nic.ctl "silent 1 on"
await 20 "$N/package_1" $OPST Functional b false
R=$(nprop "$N/package_1/channel_0" $CHAN UnavailableReason | cut -c3-)
case $R in '"no response since '????-??-??' '??:??:??'"') ;; *) fail "reason $R" ;; esac
nexpect "$N/package_1" $PKG UnavailableReason s "$R"
nexpect "$N/package_1/channel_0" $OPST Functional b false
nexpect "$N/package_0" $OPST Functional b true
nexpect "$N/package_0/channel_0" $CHAN UnavailableReason s '""'
nexpect "$N" $OPST Functional b true
emu_control nic /tmp/nic.ctl "silent 1 off"
await 20 "$N/package_1/channel_0" $OPST Functional b true
nexpect "$N/package_1" $PKG UnavailableReason s '""'
pass "package 1: $R; back and set up again"

say "malformed answers: the package answers, unusable, named why"
emu_control nic /tmp/nic.ctl "malformed checksum"
await 20 "$N/package_0" $OPST Functional b false
# answers that come too late on a loaded host read as none: wait for one
# that came in time and did not decode
malformed() { nprop "$N/package_0" $PKG UnavailableReason | grep -q 'malformed responses (.*checksum'; }
wait_for 30 malformed || { tail -20 /tmp/ncsid.log; fail "reason $(nprop "$N/package_0" $PKG UnavailableReason)"; }
R=$(nprop "$N/package_0" $PKG UnavailableReason)
emu_control nic /tmp/nic.ctl "malformed off"
await 20 "$N/package_0" $OPST Functional b true
pass "$R; well-formed again: functional"

say "host off: the host-powered NIC is unavailable (\"host off\"), back after power-on"
H=/xyz/openbmc_project/inventory/system/nic/ncsi_1_$E2
wait_for 10 published "$H/package_1/channel_1" || fail "the host-powered NIC not published"
set_host $OFF
await 15 "$H" $AVAIL Available b false
nexpect "$H" $CTL UnavailableReason s '"host off"'
nexpect "$H/package_0/channel_0" $CHAN UnavailableReason s '"host off"'
nexpect "$H" $ITEM Present b true
set_host $ON
await 30 "$H" $AVAIL Available b true
await 15 "$H/package_0/channel_0" $CHAN UnavailableReason s '""'
pass "host off: unavailable, present; on: discovered again"

say "the daemon stops cleanly; an unprivileged user cannot start it"
stop_ncsid
grep -q stopped /tmp/ncsid.log || fail "mctp-ncsid did not log its stop"
"$HERE"/setpriv --reuid=65534 --regid=65534 --clear-groups mctp-ncsid -c /tmp/ncsid.toml \
	>/tmp/ncsid-nobody.out 2>&1 && fail "mctp-ncsid ran as nobody without capabilities"
grep -q "CAP_NET_BIND_SERVICE" /tmp/ncsid-nobody.out || { cat /tmp/ncsid-nobody.out; fail "the error does not name the capability"; }
pass "stopped; as nobody: $(tail -1 /tmp/ncsid-nobody.out)"
echo "---- what mctp-ncsid warned about (expected: silence, malformed answers)"
grep "warning: " /tmp/ncsid.log | sort -k2 | uniq -f1 | head -20
stop_ctrld
echo "PASS: ncsid"
