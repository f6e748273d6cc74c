#!/bin/sh
# The demo, inside the test VM: a BMC (this namespace) on a simulated SMBus
# segment with a mux; three MCTP endpoints (emulators in their own network
# namespaces, one behind a mux channel) and a TMP75-like sensor that must
# never be touched, two NVMe drives and a PLDM add-in card behind their own
# mux channels, and an NC-SI network controller behind a second mux.
# mctp-ctrld discovers the endpoints, assigns EIDs, installs routes and
# neighbours and publishes them on D-Bus; the BMC exchanges vendor-defined
# echo messages with one endpoint; mctp-nvmed publishes the drives'
# inventory, health and temperatures, and nvme-cli reads a drive directly;
# mctp-pldmd publishes the card's FRU data and sensors, and a threshold the
# card crosses raises its alarm by the card's own event; mctp-ncsid
# publishes the network controller's channels, and a link going down reaches
# D-Bus by the controller's own AEN; mctp-topology shows it all as one
# tree, from the i2c bus down, present and usable, and what is wrong with
# its reason. Every wait is for a condition (a log line, a D-Bus object),
# never a fixed sleep.
E2E_DIR=/tmp
. /tmp/lib.sh

step() { printf '\n\033[1m==== %s\033[0m\n' "$*"; }
# The echo's vendor framing (mctp/message_type.hpp): type 0x7F, IANA 32473.
ECHO_TYPE=0x7f
ECHO_VENDOR=iana:32473:1

step "A simulated SMBus segment: the BMC on a0; endpoints on a1, a2 and behind channel 1 of mux m0; NVMe drives behind channels 2 and 3, a PLDM card behind channel 0; a network controller behind channel 0 of mux m1; a TMP75-like sensor at 0x48"
seg_create 3
seg_cmd add-mux m0 parent=a0 channels=4 idle=as-is
seg_cmd add-adapter am0 on=m0.0
seg_cmd add-adapter am1 on=m0.1
seg_cmd add-adapter am2 on=m0.2
seg_cmd add-adapter am3 on=m0.3
seg_cmd add-mux m1 parent=a0 addr=0x71 channels=2 idle=as-is
seg_cmd add-adapter an0 on=m1.0
seg_cmd add-tmp75 sensor addr=0x48
# the kernel's view of it: an i2c client (a hwmon part without its driver)
echo tmp75 0x48 >/sys/bus/i2c/devices/i2c-"$(bus_of a0)"/new_device || fail "the tmp75 client"

step "SMBus bindings: the BMC at 0x10; endpoints at 0x1d, 0x1e (behind the mux) and 0x1f"
bmc_up
endpoint ep1 a1 0x1d -u 11111111-0000-4000-8000-000000000001 -t 0,$ECHO_TYPE --vendor $ECHO_VENDOR
endpoint ep2 am1 0x1e -u 11111111-0000-4000-8000-000000000002 -t 0,5
endpoint ep3 a2 0x1f -u 11111111-0000-4000-8000-000000000003 -t 0 -e 40
echo "NVMe drives (NVMe-MI over MCTP) at 0x1a behind channel 2 and 0x1b behind channel 3"
endpoint nvme0 am2 0x1a -u 22222222-0000-4000-8000-000000000001 --nvme-mi \
	--nvme-model "Emulated NVMe Drive" --nvme-serial SN-DEMO-0 --nvme-firmware 1.4.0 --nvme-temperature 38
endpoint nvme1 am3 0x1b -u 22222222-0000-4000-8000-000000000002 --nvme-mi \
	--nvme-model "Emulated NVMe Drive" --nvme-serial SN-DEMO-1 --nvme-firmware 1.4.0 --nvme-temperature 45
echo "A PLDM add-in card (PLDM over MCTP: FRU data, sensors, events) at 0x1c behind channel 0"
endpoint card0 am0 0x1c -u 33333333-0000-4000-8000-000000000001 --pldm-card \
	--pldm-serial SN-CARD-0 --pldm-temperature 42 --pldm-control /tmp/card0.ctl
echo "A network controller (NC-SI over MCTP: 2 packages x 2 channels, AENs) at 0x19 behind channel 0 of mux m1"
endpoint nic0 an0 0x19 -u 44444444-0000-4000-8000-000000000001 --ncsi \
	--ncsi-firmware EMU-NIC,2.1.0.7 --ncsi-link-down 1.1 --ncsi-control /tmp/nic0.ctl
mctp-ctl link show

step "mctp-ctrld on a D-Bus system bus: EID pool 16-31 in network 1, probing 0x19-0x1f"
start_dbus
# one probe attempt of a second: a loaded host may answer a 250 ms probe
# late, and an endpoint on the root segment must not be taken for one
# behind a channel because its own link's probe timed out
cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 1000

[[network]]
net = 1
own_eid = 8
pool = "16-31"

[[probe]]
bus = $(bus_of a0)
addresses = ["0x19-0x1f"]
EOT
cat /tmp/ctrld.toml
start_ctrld /tmp/ctrld.toml
wait_for 120 sh -c "[ \$(busctl --no-pager --list tree $SERVICE | grep -cE '^$ROOT/1/[0-9]+\$') -ge 7 ]" ||
	fail "the endpoints were not discovered"

step "Endpoints: mctp-ctrld's D-Bus objects, each link's place from mctp-ctl"
sh /tmp/endpoint-table.sh

step "Routes and neighbours mctp-ctrld installed"
echo "routes:"
mctp-ctl route show | sed 's/^/  /'
echo "neighbours:"
mctp-ctl neigh show | sed 's/^/  /'

step "A vendor-defined echo with ep1 (type 0x7f, IANA enterprise 32473)"
EP1=$(path_of_uuid 11111111-0000-4000-8000-000000000001) || fail "ep1 is not on D-Bus"
EID1=${EP1##*/}
B1=$(bus_of a1)
ip netns exec ep1 mctp-ctl route add 8 via mctpi2c"$B1" || fail "ep1: route to the BMC"
ip netns exec ep1 mctp-ctl neigh add 8 dev mctpi2c"$B1" lladdr 0x10 || fail "ep1: neighbour BMC"
echo "ep1's way back to the BMC: a route to EID 8 via mctpi2c$B1, EID 8 at 0x10"
# Requests before the echo's bind would be dropped (no listener): wait for
# its ready line. In the loaded VM it took from 0.8 s to 5 s to get there.
ip netns exec ep1 mctp-echo -t $ECHO_TYPE >/tmp/echo.log 2>&1 &
wait_for 30 grep -q "mctp-echo: ready" /tmp/echo.log || fail "mctp-echo did not start"
cat /tmp/echo.log
# Each exchange may take 10 s: a 4000-byte one is 63 packets each way, and
# through this debug kernel under emulation on a loaded machine that took
# up to 2.5 s (the slowest round trip is printed).
mctp-req -e "$EID1" -t $ECHO_TYPE -l 100 -i 3 -w 10000 || fail "echo over SMBus"
mctp-req -e "$EID1" -t $ECHO_TYPE -l 4000 -i 2 -w 10000 -q || fail "echo of 4000 bytes over SMBus"

step "mctp-nvmed: the NVMe drives among those endpoints (message type 4), on OpenBMC's inventory and sensor interfaces"
# a generous request timeout: on a loaded machine a 4 KiB Identify through
# the emulated bus may take a second
printf 'poll_interval_s = 2\nrequest_timeout_ms = 5000\n' >/tmp/nvmed.toml
mctp-nvmed -c /tmp/nvmed.toml >/tmp/nvmed.log 2>&1 &
# both drives published with a temperature (the first poll reads it), functional
drives_read() {
	[ "$(sh /tmp/drive-table.sh | awk 'NR > 1 && $(NF - 1) ~ /^[0-9]+C$/ && $NF == "true"' | wc -l)" -ge 2 ]
}
wait_for 120 drives_read || { cat /tmp/nvmed.log; fail "mctp-nvmed did not publish both drives"; }
sh /tmp/drive-table.sh

step "nvme-cli reads the drive at 0x1a directly through the stack (nvme ... mctp:NET,EID)"
D0=$(path_of_uuid 22222222-0000-4000-8000-000000000001) || fail "nvme0 is not on D-Bus"
D0=${D0##*/}
echo "\$ nvme fw-log mctp:1,$D0"
nvme fw-log "mctp:1,$D0" || fail "nvme fw-log mctp:1,$D0"
echo "\$ nvme smart-log mctp:1,$D0 | grep -E '^(critical_warning|temperature|percentage_used)'"
nvme smart-log "mctp:1,$D0" | grep -E '^(critical_warning|temperature|percentage_used)' ||
	fail "nvme smart-log mctp:1,$D0"

step "mctp-pldmd: the PLDM add-in card (message type 1): its FRU data and sensors from its PDRs, on OpenBMC's inventory and sensor interfaces"
# polls once a minute: the alarm below comes from the card's event
printf 'poll_interval_s = 60\nrequest_timeout_ms = 1600\n' >/tmp/pldmd.toml
mctp-pldmd -c /tmp/pldmd.toml >/tmp/pldmd.log 2>&1 &
# the card and its three numeric sensors published with values
card_read() {
	[ "$(sh /tmp/card-table.sh | awk '$1 ~ /^temperature\/|^power\// && $2 ~ /^[0-9.]+$/' | wc -l)" -ge 3 ]
}
wait_for 120 card_read || { cat /tmp/pldmd.log; fail "mctp-pldmd did not publish the card's sensors"; }
sh /tmp/card-table.sh

step "mctp-ncsid: the network controller (NC-SI over MCTP, message type 2): packages, channels, MAC, link, firmware"
# polls once a minute: the link change below comes by the controller's AEN
printf 'poll_interval_s = 60\nrequest_timeout_ms = 1000\npackages = 2\n' >/tmp/ncsid.toml
mctp-ncsid -c /tmp/ncsid.toml >/tmp/ncsid.log 2>&1 &
nic_read() {
	[ "$(sh /tmp/nic-table.sh | awk '$2 ~ /^02:4e:4d:/' | wc -l)" -ge 4 ]
}
wait_for 120 nic_read || { cat /tmp/ncsid.log; fail "mctp-ncsid did not publish the controller's channels"; }
sh /tmp/nic-table.sh

step "mctp-topology: everything on the bus as one tree, from the physical path down, present and usable (or why not)"
# the daemons' objects and sysfs only: nothing is sent on the bus
mctp-topology || fail "mctp-topology"

step "The card's inlet temperature rises to 90 C: the card sends a PLDM event, the critical alarm is raised at once (the next poll is a minute away)"
CARD=$(busctl --no-pager --list tree org.mctpstack.PLDM | grep -E '^/xyz/openbmc_project/sensors/temperature/pldm_[0-9]+_[0-9]+_1$') ||
	fail "the card's inlet temperature sensor is not on D-Bus"
crit_alarm() {
	busctl --no-pager get-property org.mctpstack.PLDM "$CARD" \
		xyz.openbmc_project.Sensor.Threshold.Critical CriticalAlarmHigh | grep -q true
}
# the card takes events once the daemon is its event receiver
BOARD=/xyz/openbmc_project/inventory/system/board/$(basename "$CARD" _1)
events_on() {
	busctl --no-pager get-property org.mctpstack.PLDM "$BOARD" \
		org.mctpstack.PLDM.Terminus EventsEnabled | grep -q true
}
wait_for 60 events_on || { cat /tmp/pldmd.log; fail "mctp-pldmd is not the card's event receiver"; }
echo "set 1 90" >/tmp/card0.ctl
# centiseconds since boot
now_cs() { awk '{ printf "%d", $1 * 100 }' /proc/uptime; }
start_cs=$(now_cs)
wait_for 20 crit_alarm || { cat /tmp/pldmd.log; fail "the card's event did not raise the alarm"; }
echo "CriticalAlarmHigh raised $((($(now_cs) - start_cs) * 10)) ms after the card was told"
sh /tmp/card-table.sh | sed -n '/^SENSOR/p; /_1 /p'
echo "\$ mctp-topology --problems"
mctp-topology --problems || fail "mctp-topology --problems"

step "The cable of package 0 channel 1 is pulled: the controller sends an AEN, D-Bus says \"link down\" at once (the next poll is a minute away)"
NIC=$(busctl --no-pager --list tree org.mctpstack.NCSI | grep -E '/nic/ncsi_1_[0-9]+/package_0/channel_1$') ||
	fail "package 0 channel 1 is not on D-Bus"
link_down() {
	[ "$(busctl --no-pager get-property org.mctpstack.NCSI "$NIC" org.mctpstack.NCSI.Channel LinkUp)" = "b false" ]
}
start_cs=$(now_cs)
echo "link 0.1 down" >/tmp/nic0.ctl
wait_for 20 link_down || { cat /tmp/ncsid.log; fail "the controller's AEN did not reach D-Bus"; }
echo "LinkUp false $((($(now_cs) - start_cs) * 10)) ms after the cable was pulled"
sh /tmp/nic-table.sh | sed -n '/^CHANNEL/p; /p0\/c1 /p'

step "The TMP75-like sensor at 0x48 was never touched"
tmp75_untouched sensor
echo
echo "demo complete"
