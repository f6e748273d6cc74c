#!/bin/sh
# mctp-topology on the whole stack, in one VM boot: a bus owner on a
# simulated segment with a mux; a PLDM card behind channel 0, NVMe drives
# behind channels 2 and 3 (the one on 3 powered by the host), an endpoint
# with only an unsupported message type (SPDM) and an NC-SI network
# controller on the root bus, and a TMP75-like sensor with an i2c client of
# no driver at 0x48. mctp-ctrld, mctp-nvmed, mctp-pldmd, mctp-ncsid and
# `mctp-topology serve` on a real dbus-daemon.
#
# Checked: the tree (text and JSON) has each thing where it is, present and
# usable, the sensor "present, not MCTP, not probed" and never touched, the
# SPDM endpoint "unsupported message type 5 (SPDM)"; the command line and
# the service show the same tree; then each not-usable reason is caused
# (host off, a silent card: "no response since", a drive answering with a
# wrong MIC: "MIC errors", over temperature by a card's sensor and by a
# drive's critical warning, a NIC channel's "link down" by its AEN) and checked on the command line (text and
# JSON) and on the D-Bus node, then the cause is removed and the reason
# checked gone; the unsupported endpoint is replaced by an NVMe drive and
# becomes usable; a quiet bus makes the service emit nothing, and a change
# emits PropertiesChanged for just that node.
. "$(dirname "$0")"/lib.sh

TOPO=org.mctpstack.Topology
NODEIF=org.mctpstack.Topology.Node
R=/org/mctpstack/topology
UC=77777777-0000-4000-8000-000000000001 # card
U0=77777777-0000-4000-8000-000000000002 # drive behind channel 2
U1=77777777-0000-4000-8000-000000000003 # drive behind channel 3, host-powered
US=77777777-0000-4000-8000-000000000004 # SPDM only, then an NVMe drive
UN=77777777-0000-4000-8000-000000000005 # NC-SI network controller
HS_SVC=xyz.openbmc_project.State.Host
HS_PATH=/xyz/openbmc_project/state/host0
ON=xyz.openbmc_project.State.Host.HostState.Running
OFF=xyz.openbmc_project.State.Host.HostState.Off
TEMP=35
T_START=$(cut -d' ' -f1 /proc/uptime)

# each section's start, for the run time (uptime since the test began)
say() { echo "== $* (at $(awk -v s="$T_START" '{ printf "%d", $1 - s }' /proc/uptime) s)"; }

# within SECONDS CMD...: until CMD succeeds, for at most SECONDS of uptime
# (wait_for counts tries, and a try here runs the CLI twice)
within() {
	_end=$(awk -v d="$1" '{ printf "%d", $1 + d }' /proc/uptime)
	shift
	while :; do
		"$@" >/dev/null 2>&1 && return 0
		[ "$(cut -d. -f1 /proc/uptime)" -lt "$_end" ] || return 1
		sleep 1
	done
}

set_host() {
	busctl --no-pager set-property $HS_SVC $HS_PATH $HS_SVC CurrentHostState s "$1" ||
		fail "setting the host state"
}

# ---- the view, as the command line and the service give it ----

# look: the view now, as text and JSON (/tmp/view.txt, /tmp/view.json),
# and the service's (/tmp/svc.json: its D-Bus nodes, read back)
look() {
	mctp-topology >/tmp/view.txt 2>&1 && mctp-topology -j >/tmp/view.json 2>/dev/null &&
		mctp-topology --service -j >/tmp/svc.json 2>/dev/null
}
# field PATH FIELD: a field of the node at PATH in the last look's JSON
field() { jq -r --arg p "$1" ".. | objects | select(.path? == \$p) | .$2" /tmp/view.json; }
# sfield PATH FIELD: the same of the service's node
sfield() { jq -r --arg p "$1" ".. | objects | select(.path? == \$p) | .$2" /tmp/svc.json; }
# bus_prop PATH PROP: the node's property on D-Bus, without type and quotes
bus_prop() {
	busctl --no-pager get-property $TOPO "$1" $NODEIF "$2" 2>/dev/null |
		sed -e 's/^[a-z{}]* //' -e 's/^"\(.*\)"$/\1/'
}
# text_has NAME STATE: a line of the last look's text with the node NAME
# (a regular expression) that ends with STATE (as it is)
text_has() {
	grep -E -- "(^|─ )$1 " /tmp/view.txt | {
		while IFS= read -r _l; do
			case $_l in *"  $2") exit 0 ;; esac
		done
		exit 1
	}
}
# usable_now PATH NAME: usable in the last look: the command line (JSON and
# text) and the service's node
usable_now() {
	[ "$(field "$1" usable)" = true ] && [ "$(field "$1" present)" = true ] &&
		[ "$(sfield "$1" usable)" = true ] && [ -z "$(sfield "$1" reason)" ] &&
		text_has "$2" usable
}
# usable PATH NAME: so, looking again, and the node's own D-Bus properties
usable() {
	look && usable_now "$1" "$2" && [ "$(bus_prop "$1" Usable)" = true ] &&
		[ -z "$(bus_prop "$1" Reason)" ]
}
# unusable PATH NAME REGEX: not usable for a reason matching REGEX, the
# same words in the JSON, the text line and on D-Bus
unusable() {
	look || return 1
	_r=$(field "$1" reason)
	echo "$_r" | grep -qE "^$3\$" || return 1
	[ "$(field "$1" usable)" = false ] && [ "$(bus_prop "$1" Usable)" = false ] &&
		[ "$(bus_prop "$1" Reason)" = "$_r" ] && text_has "$2" "not usable: $_r"
}
# diagnose: what the daemons and emulators said last
diagnose() {
	mctp-topology -d
	tail -n 15 /tmp/nvmed.log /tmp/pldmd.log /tmp/ncsid.log /tmp/topology.log
	for e in card nvme0 nvme1 spdm nic; do
		echo "---- $e: $(tail -n 40 /tmp/emu-$e.log | grep -v "request" | tail -n 5 | tr '\n' '|')"
		grep -c "" /tmp/emu-$e.log
	done
	grep "control\|silent\|answering\|event" /tmp/emu-card.log | tail -n 20
}
expect_usable() {
	within "${3:-30}" usable "$1" "$2" || {
		diagnose
		fail "$2 ($1) is not usable: '$(field "$1" reason)', on D-Bus '$(bus_prop "$1" Reason)'"
	}
	pass "$2: usable (command line and D-Bus)"
}
expect_unusable() {
	within "${4:-30}" unusable "$1" "$2" "$3" || {
		diagnose
		fail "$2 ($1): expected not usable '$3', got '$(field "$1" reason)', on D-Bus '$(bus_prop "$1" Reason)'"
	}
	pass "$2: not usable: $(field "$1" reason)"
}
# same_view: `mctp-topology -j` and `mctp-topology --service -j` agree
same_view() {
	mctp-topology -j >/tmp/cli.json 2>/dev/null && mctp-topology --service -j >/tmp/svc.json &&
		cmp -s /tmp/cli.json /tmp/svc.json
}
expect_same_view() {
	within 20 same_view || {
		diff /tmp/cli.json /tmp/svc.json | head -40
		fail "the command line and the service differ ($1)"
	}
	pass "the command line and the service give the same tree ($1, $(jq '[.. | objects | select(.path?)] | length' /tmp/cli.json) nodes)"
}
# signals of the service and of the daemons so far (busctl monitor, one
# JSON object a line)
topo_signals() { jq -c 'select(.type == "signal")' /tmp/monitor.json 2>/dev/null | wc -l; }
daemon_signals() { jq -c 'select(.type == "signal")' /tmp/daemons.json 2>/dev/null | wc -l; }

say "segment: a0 the BMC; mux m0: card 0x1c on m0.0, drives 0x1a on m0.2 and 0x1b on m0.3 (host-powered); SPDM-only 0x1d on a1; NIC 0x1e on a2; TMP75 at 0x48"
seg_create 3
seg_cmd add-mux m0 parent=a0 channels=4 idle=as-is
for k in 0 1 2 3; do seg_cmd add-adapter am$k on=m0.$k; done
seg_cmd add-tmp75 t0 addr=0x48
B0=$(bus_of a0)
# a client of no driver at the sensor's address: the kernel's view of a
# hwmon part whose driver is not there
echo tmp75 0x48 >/sys/bus/i2c/devices/i2c-"$B0"/new_device || fail "the tmp75 client"
bmc_up
endpoint card am0 0x1c -u $UC --pldm-card --pldm-serial SN-TOPO-CARD --pldm-control /tmp/card.ctl
endpoint nvme0 am2 0x1a -u $U0 --nvme-mi --nvme-serial SN-TOPO-0 --nvme-temperature $TEMP \
	--nvme-control /tmp/nvme0.ctl
endpoint nvme1 am3 0x1b -u $U1 --nvme-mi --nvme-serial SN-TOPO-1 --nvme-temperature $TEMP
endpoint spdm a1 0x1d -u $US -t 0,5
endpoint nic a2 0x1e -u $UN --ncsi --ncsi-firmware EMU-NIC,3.0.1.2 --ncsi-control /tmp/nic.ctl
L0=mctpi2c$(bus_of m0.0) L2=mctpi2c$(bus_of m0.2) L3=mctpi2c$(bus_of m0.3)

start_dbus
mctp-test-host-state -s $ON >/tmp/host-state.log 2>&1 &
wait_for 10 name_owned $HS_SVC || fail "host state service"
cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 1500
retries = 2
rescan_interval_s = 0
poll_interval_s = 2
remove_after = 100
host_debounce_ms = 1000

[[network]]
own_eid = 8
pool = "16-31"

[[probe]]
bus = $B0
mux_channels = false
addresses = [0x1d, 0x1e]

[[probe]]
link = "$L0"
addresses = [0x1c]

[[probe]]
link = "$L2"
addresses = [0x1a]

[[probe]]
link = "$L3"
addresses = [0x1b]
host_powered = true

[host]
EOT
start_ctrld /tmp/ctrld.toml
PC=$(endpoint_path $UC) || fail "the card is not on D-Bus"
P0=$(endpoint_path $U0) || fail "drive 0 is not on D-Bus"
P1=$(endpoint_path $U1) || fail "drive 1 is not on D-Bus"
PS=$(endpoint_path $US) || fail "the SPDM endpoint is not on D-Bus"
PN=$(endpoint_path $UN) || fail "the NIC is not on D-Bus"
EC=${PC##*/} E0=${P0##*/} E1=${P1##*/} ES=${PS##*/} EN=${PN##*/}
pass "mctp-ctrld found the five endpoints: EIDs $EC $E0 $E1 $ES $EN"

# polls every 2 s: the emulated segment behind its mux carries four
# endpoints' polls and the three daemons' requests
printf 'poll_interval_s = 2\nrequest_timeout_ms = 3000\nabsent_after = 1000\n' >/tmp/nvmed.toml
mctp-nvmed -v -c /tmp/nvmed.toml >/tmp/nvmed.log 2>&1 &
printf 'poll_interval_s = 2\nrequest_timeout_ms = 1500\nabsent_after = 1000\n' >/tmp/pldmd.toml
mctp-pldmd -v -c /tmp/pldmd.toml >/tmp/pldmd.log 2>&1 &
wait_for 20 name_owned org.mctpstack.NVMe || { cat /tmp/nvmed.log; fail "mctp-nvmed did not start"; }
wait_for 20 name_owned org.mctpstack.PLDM || { cat /tmp/pldmd.log; fail "mctp-pldmd did not start"; }
# a poll a minute: the link change below comes by the controller's AEN
printf 'poll_interval_s = 60\nrequest_timeout_ms = 1500\npackages = 2\n' >/tmp/ncsid.toml
mctp-ncsid -v -c /tmp/ncsid.toml >/tmp/ncsid.log 2>&1 &
wait_for 20 name_owned org.mctpstack.NCSI || { cat /tmp/ncsid.log; fail "mctp-ncsid did not start"; }
mctp-topology serve -v --debounce-ms 100 --refresh-s 5 >/tmp/topology.log 2>&1 &
echo $! >/tmp/topology.pid
wait_for 20 name_owned $TOPO || { cat /tmp/topology.log; fail "mctp-topology serve did not take its name"; }
busctl --no-pager monitor --json=short $TOPO >/tmp/monitor.json 2>/dev/null &
MONITOR=$!
busctl --no-pager monitor --json=short org.mctpstack.NVMe org.mctpstack.PLDM $SERVICE \
	>/tmp/daemons.json 2>/dev/null &
MONITOR2=$!

BUS=$R/i2c_$B0
MUX=$BUS/mux_s0_3am0
CARD_EP=$MUX/ch_0/addr_1c CARD=$MUX/ch_0/addr_1c/board_pldm_1_$EC
CARD_T=$CARD/sensor_temperature_pldm_1_${EC}_1
D0_EP=$MUX/ch_2/addr_1a D0=$MUX/ch_2/addr_1a/drive_nvme_1_$E0
D1_EP=$MUX/ch_3/addr_1b D1=$MUX/ch_3/addr_1b/drive_nvme_1_$E1
SPDM=$BUS/addr_1d DEV=$BUS/dev_48
NIC_EP=$BUS/addr_1e NIC=$BUS/addr_1e/nic_ncsi_1_$EN

say "the tree: everything where it is, present and usable"
# every node of the path down to each function (the drives and the card
# read, with their sensors), in one look
NODES="$BUS:i2c-$B0 $MUX:s0:m0 $MUX/ch_0:channel.0 $MUX/ch_2:channel.2 $MUX/ch_3:channel.3
	$CARD_EP:0x1c $CARD:pldm_1_$EC $CARD/fru:FRU $CARD_T:temperature/pldm_1_${EC}_1
	$D0_EP:0x1a $D0:nvme_1_$E0 $D0/ctrl_0:controller.0 $D1_EP:0x1b $D1:nvme_1_$E1
	$NIC_EP:0x1e $NIC:ncsi_1_$EN $NIC/package_0:package.0 $NIC/package_1/channel_1:channel.1"
all_usable() {
	look || return 1
	for n in $NODES; do
		usable_now "${n%%:*}" "${n#*:}" || { echo "${n#*:}"; return 1; }
	done
}
within 60 all_usable || { all_usable; diagnose; fail "not every node on the way is usable"; }
cat /tmp/view.txt
for n in $NODES; do pass "$(echo "${n#*:}" | tr . ' '): usable (command line and service)"; done
T0=$(cut -d' ' -f1 /proc/uptime)
mctp-topology -j >/dev/null
echo "one mctp-topology -j took $(awk -v s="$T0" '{ printf "%.2f", $1 - s }' /proc/uptime) s"
expect_usable "$D0" "nvme_1_$E0" 5 # and on the node's own properties
# what each is (each check looks again: on a loaded host an endpoint may
# miss a poll meanwhile)
is() { [ "$(field "$1" "$2")" = "$3" ] || { echo "$1 $2: '$(field "$1" "$2")', expected '$3'"; return 1; }; }
shape() {
	look && is "$BUS" kind i2c-bus && is "$MUX" kind i2c-mux && is "$MUX/ch_2" kind mux-channel &&
		is "$D0_EP" kind mctp-endpoint && is "$D0" kind nvme-subsystem &&
		is "$D0/ctrl_0" kind nvme-controller && is "$CARD" kind pldm-terminus &&
		is "$CARD/fru" kind pldm-fru && is "$CARD_T" kind sensor && is "$DEV" kind i2c-device &&
		is "$D0" identity.serial SN-TOPO-0 && is "$CARD/fru" identity.serial SN-TOPO-CARD &&
		is "$D0_EP" identity.UUID $U0 && is "$D0_EP" 'identity."message types"' "0 control, 4 NVMe-MI" &&
		is "$D1_EP" 'identity."powered by"' host && is "$MUX/ch_2" identity.link "$L2" &&
		is "$D0" source /xyz/openbmc_project/inventory/system/drive/nvme_1_$E0 &&
		is "$NIC" kind ncsi-controller && is "$NIC/package_1" kind ncsi-package &&
		is "$NIC/package_1/channel_0" kind ncsi-channel &&
		is "$NIC/package_1/channel_0" identity.MAC 02:4e:4d:1e:01:00 &&
		is "$NIC/package_1/channel_0" identity.firmware 3.0.1.2
}
within 30 shape || { shape; fail "kinds or identity wrong"; }
pass "kinds, identity (serials, UUID, message types, links) and sources"

say "the i2c device of no driver: present, not MCTP, not probed, and never touched"
look
is "$DEV" present true && is "$DEV" usable false && is "$DEV" reason "not MCTP, not probed" &&
	is "$DEV" problem false && is "$DEV" identity.name tmp75 && is "$DEV" identity.driver none ||
	fail "the tmp75 client: $(jq -c --arg p "$DEV" '.. | objects | select(.path? == $p)' /tmp/view.json)"
text_has 0x48 "present, not MCTP, not probed" || fail "the text tree does not say so for 0x48"
[ "$(bus_prop "$DEV" Reason)" = "not MCTP, not probed" ] || fail "D-Bus: $(bus_prop "$DEV" Reason)"
pass "0x48: present, not MCTP, not probed (no driver), on the command line and D-Bus"
tmp75_untouched t0

say "an endpoint with only an unsupported message type"
expect_unusable "$SPDM" 0x1d "unsupported message type 5 \\(SPDM\\)" 5
only_spdm() {
	mctp-topology --problems >/tmp/problems.txt &&
		grep -q "0x1d .*unsupported message type 5 (SPDM)" /tmp/problems.txt &&
		! grep -q "0x48\|nvme_1_\|pldm_1_\|channel" /tmp/problems.txt
}
within 30 only_spdm || { cat /tmp/problems.txt; fail "--problems: not the SPDM endpoint alone"; }
cat /tmp/problems.txt
pass "--problems: the SPDM endpoint and the path to it only"

expect_same_view "everything up"

say "quiet: the daemons signal each poll, the service emits nothing (nothing in the tree changed)"
# a window of 4 s in which the tree stayed the same: the service must have
# said nothing while the daemons said plenty (an endpoint missing a poll on
# a loaded host changes the tree: then another window)
quiet() {
	look && cp /tmp/view.json /tmp/before.json
	_t0=$(topo_signals) _d0=$(daemon_signals)
	sleep 4
	_t1=$(topo_signals) _d1=$(daemon_signals)
	look && cmp -s /tmp/before.json /tmp/view.json || return 2
	echo "$((_d1 - _d0)) daemon signals, $((_t1 - _t0)) of the service"
	[ "$_t1" = "$_t0" ] && [ "$_d1" -gt "$_d0" ]
}
for try in 1 2 3; do
	quiet >/tmp/quiet.out
	rc=$?
	[ $rc = 2 ] && continue
	[ $rc = 0 ] || { cat /tmp/quiet.out; fail "the service emitted signals while its tree stayed the same"; }
	break
done
[ $rc = 0 ] || fail "the tree never stayed the same for 4 s"
pass "no signal of the service in 4 s: $(cat /tmp/quiet.out)"

say "wrong MIC: the drive behind channel 2 answers with a wrong integrity check"
M0=$(wc -l </tmp/monitor.json)
echo "corrupt-mic on" >/tmp/nvme0.ctl
expect_unusable "$D0" "nvme_1_$E0" "MIC errors: its answers fail their integrity check"
# the service's PropertiesChanged since the cause: "PATH PROP,PROP,..."
changes() {
	tail -n +$((M0 + 1)) /tmp/monitor.json |
		jq -r 'select(.member == "PropertiesChanged") | "\(.path) \(.payload.data[1] | keys | join(","))"'
}
changed_usable() { changes | grep -qE "^$D0 (Identity,)?Reason,Usable\$"; }
within 10 changed_usable || { changes | tail -5; fail "no PropertiesChanged of Usable and Reason for $D0"; }
changes | grep -E "Kind|Name|Parent|Source|PresentHow" && fail "PropertiesChanged of what did not change"
pass "PropertiesChanged for the drive: Usable and Reason (and Identity: the count)"
expect_usable "$D0_EP" 0x1a 5 # its control protocol answers right
echo "corrupt-mic off" >/tmp/nvme0.ctl
expect_usable "$D0" "nvme_1_$E0"
look
[ "$(field "$D0" 'identity."MIC errors"')" -gt 0 ] || fail "the MIC errors are not counted"

say "over temperature: the card's inlet at 90 C"
echo "set 1 90" >/tmp/card.ctl
expect_unusable "$CARD_T" "temperature/pldm_1_${EC}_1" "over temperature: 90 C at or above critical 85 C"
expect_unusable "$CARD" "pldm_1_$EC" "over temperature: 90 C at or above critical 85 C" 5
echo "set 1 40" >/tmp/card.ctl
expect_usable "$CARD_T" "temperature/pldm_1_${EC}_1"
expect_usable "$CARD" "pldm_1_$EC" 5

say "over temperature: the drive's temperature threshold below its temperature (critical warning)"
mctp-test-nvme-mi 1 "$E0" set-temp-threshold 300 >/tmp/mi.out 2>&1 || { cat /tmp/mi.out; fail "Set Features"; }
expect_unusable "$D0" "nvme_1_$E0" "over temperature: critical warning 0x02: temperature threshold crossed"
mctp-test-nvme-mi 1 "$E0" set-temp-threshold $((TEMP + 40 + 273)) >/tmp/mi.out 2>&1 || { cat /tmp/mi.out; fail "Set Features"; }
expect_usable "$D0" "nvme_1_$E0"

say "host off: the drive behind channel 3 is powered by the host"
set_host $OFF
expect_unusable "$D1_EP" 0x1b "host off"
expect_unusable "$D1" "nvme_1_$E1" "host off" 10
expect_same_view "host off"
set_host $ON
expect_usable "$D1_EP" 0x1b 60
expect_usable "$D1" "nvme_1_$E1"

say "link down: the cable of the NIC's package 0 channel 1 pulled (the controller's AEN)"
echo "link 0.1 down" >/tmp/nic.ctl
expect_unusable "$NIC/package_0/channel_1" "channel.1" "link down" 10
expect_usable "$NIC/package_0/channel_0" "channel.0" 5
expect_usable "$NIC" "ncsi_1_$EN" 5
echo "link 0.1 up" >/tmp/nic.ctl
expect_usable "$NIC/package_0/channel_1" "channel.1" 10

say "a silent card: no response since its last answer"
secs() { echo "$1" | awk -F: '{ print $1 * 3600 + $2 * 60 + $3 }'; }
BEFORE=$(date +%H:%M:%S)
kill -USR1 "$(cat /tmp/emu-card.pid)"
SINCE="no response since [0-2][0-9]:[0-5][0-9]:[0-5][0-9]"
expect_unusable "$CARD_EP" 0x1c "$SINCE"
expect_unusable "$CARD" "pldm_1_$EC" "$SINCE"
AT=$(field "$CARD_EP" reason | awk '{ print $NF }') # (the look that found it)
AGO=$(($(secs "$BEFORE") - $(secs "$AT")))
[ "$AGO" -ge 0 ] && [ "$AGO" -le 15 ] || fail "the last answer ($AT) is not just before the card went silent ($BEFORE)"
pass "the last answer at $AT, the card silenced at $BEFORE"
kill -USR1 "$(cat /tmp/emu-card.pid)"
expect_usable "$CARD_EP" 0x1c
expect_usable "$CARD" "pldm_1_$EC" 60

say "the unsupported endpoint gives way to an NVMe drive at its address"
emu_stop spdm
busctl --no-pager call $SERVICE "$PS" org.mctpstack.Endpoint Remove || fail "Remove()"
emu_start spdm -u $US --nvme-mi --nvme-serial SN-TOPO-2
# set up at its address as discovery does (one probe of a busy segment may miss)
setup() {
	busctl --no-pager call $SERVICE $ROOT org.mctpstack.BusOwner SetupEndpoint say \
		"mctpi2c$B0" 1 0x1d
}
within 30 setup || fail "SetupEndpoint of the new drive at 0x1d"
PS=$(endpoint_path $US) || fail "the new drive is not on D-Bus"
ES=${PS##*/}
expect_usable "$SPDM" 0x1d 60
expect_usable "$SPDM/drive_nvme_1_$ES" "nvme_1_$ES" 60
mctp-topology --problems | grep -q "unsupported" && fail "still an unsupported endpoint"
pass "no problem left"

expect_same_view "at the end"
mctp-topology -d | head -n 40

kill "$MONITOR" "$MONITOR2" 2>/dev/null
kill -TERM "$(cat /tmp/topology.pid)"
wait "$(cat /tmp/topology.pid)" || fail "mctp-topology serve exited with status $? on SIGTERM"
grep -q "rebuilt:" /tmp/topology.log || fail "the service logged no rebuild"
echo "rebuilds with changes: $(grep -c 'rebuilt:' /tmp/topology.log)"
stop_ctrld
tmp75_untouched t0
echo "the scenario took $(awk -v s="$T_START" '{ printf "%d", $1 - s }' /proc/uptime) s"
echo "PASS: topology"
