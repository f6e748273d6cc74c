#!/bin/sh
# The demo, inside the test VM: a BMC (this namespace) on a simulated SMBus
# segment with a mux; three MCTP endpoints (emulators in their own network
# namespaces, one behind a mux channel) and a TMP75-like sensor that must
# never be touched. mctp-ctrld discovers the endpoints, assigns EIDs,
# installs routes and neighbours and publishes them on D-Bus; then the BMC
# exchanges messages with one endpoint.
E2E_DIR=/tmp
. /tmp/lib.sh

step() { printf '\n\033[1m==== %s\033[0m\n' "$*"; }

step "A simulated SMBus segment: BMC on a0, endpoints on a1 and a2, mux m0 with one behind channel 1"
seg_create 3
seg_cmd add-mux m0 parent=a0 channels=4 idle=as-is
seg_cmd add-adapter am1 on=m0.1
seg_cmd add-tmp75 sensor addr=0x48
cat $SEG/topology

step "SMBus bindings: the BMC at 0x10, endpoints at 0x1d, 0x1e (behind the mux), 0x1f"
bmc_up
endpoint ep1 a1 0x1d -u 11111111-0000-4000-8000-000000000001 -t 0,1
endpoint ep2 am1 0x1e -u 11111111-0000-4000-8000-000000000002 -t 0,5
endpoint ep3 a2 0x1f -u 11111111-0000-4000-8000-000000000003 -t 0 -e 40
mctp-ctl link show

step "The control daemon on a D-Bus system bus: pool 16-31 in network 1, probing only 0x1d-0x1f"
start_dbus
B0=$(bus_of a0)
cat >/tmp/ctrld.toml <<EOT
[[network]]
net = 1
own_eid = 8
pool = "16-31"

[[probe]]
bus = $B0
addresses = ["0x1d-0x1f"]
EOT
cat /tmp/ctrld.toml
start_ctrld /tmp/ctrld.toml
wait_for 120 sh -c "[ \$(busctl --no-pager --list tree $SERVICE | grep -cE '^$ROOT/1/[0-9]+\$') -ge 3 ]" ||
	fail "the endpoints were not discovered"

step "D-Bus: one object per endpoint"
busctl --no-pager tree $SERVICE
for o in $(objects); do
	echo "-- $o"
	for p in "xyz.openbmc_project.MCTP.Endpoint EID" "xyz.openbmc_project.MCTP.Endpoint NetworkId" \
		"xyz.openbmc_project.MCTP.Endpoint SupportedMessageTypes" \
		"xyz.openbmc_project.Common.UUID UUID" "org.mctpstack.Endpoint.Connectivity State" \
		"org.mctpstack.Endpoint Link"; do
		set -- $p
		printf '   %-22s %s\n' "$2" "$(prop "$o" "$1" "$2")"
	done
done

step "mctp-ctl: links, addresses, routes and neighbours the daemon installed"
mctp-ctl link show
mctp-ctl address show
mctp-ctl route show
mctp-ctl neigh show

step "A message exchange: an echo service (type 1) on ep1, requests from the BMC"
EP1=$(path_of_uuid 11111111-0000-4000-8000-000000000001)
EID1=${EP1##*/}
B1=$(bus_of a1)
echo "ep1's way back to the BMC (EID 8 at 0x10):"
ip netns exec ep1 mctp-ctl route add 8 via mctpi2c"$B1"
ip netns exec ep1 mctp-ctl neigh add 8 dev mctpi2c"$B1" lladdr 0x10
ip netns exec ep1 mctp-ctl route show
ip netns exec ep1 mctp-echo -t 1 >/tmp/echo.log 2>&1 &
sleep 0.5
mctp-req -e "$EID1" -t 1 -l 100 -i 3 || fail "echo over SMBus"
mctp-req -e "$EID1" -t 1 -l 4000 -i 2 -q || fail "echo of 4000 bytes over SMBus"

step "The TMP75-like sensor at 0x48 was never touched"
cat $SEG/sensor/counters
tmp75_untouched sensor
echo
echo "demo complete"
