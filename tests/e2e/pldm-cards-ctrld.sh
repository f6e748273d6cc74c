#!/bin/sh
# Two emulated PLDM cards served by one emulator (--all-links --pldm-card),
# found by mctp-ctrld on the simulated SMBus: dynamic EIDs, message type 1
# on D-Bus; mctp-pldm reaches both through the routes the daemon
# installed: each card's own serial number (SN and its SMBus address), its
# terminus locator naming the EID the daemon gave, one control FIFO for
# both, events to this host.
. "$(dirname "$0")"/lib.sh

UB=11111111-0000-4000-8000-0000000000bb
UC=cccccccc-0000-4000-8000-000000000000
FIFO=/tmp/cards.ctl

say "segment: a0 bus owner, a1 and a2 two cards (0x1d, 0x1e) in namespace cards, one emulator"
seg_create 3
bmc_up
B0=$(bus_of a0)
ip netns add cards
for x in "a1 0x1d" "a2 0x1e"; do
	set -- $x
	ip netns exec cards sh -c "echo mctp-smbus $(printf 0x%x $((0x1000 + $2))) \
		>/sys/bus/i2c/devices/i2c-$(bus_of "$1")/new_device" || fail "binding $2"
done
ip netns exec cards mctp-endpoint-emu -v --all-links -u $UC --pldm-card --pldm-control $FIFO \
	>>/tmp/emu-cards.log 2>&1 &
wait_for 10 sh -c '[ $(grep -c "serving mctpi2c" /tmp/emu-cards.log) = 2 ]' ||
	fail "the emulator does not serve both links"

start_dbus
cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 1000
retries = 2
rescan_interval_s = 10
poll_interval_s = 3

[[network]]
net = 1
own_eid = 8
pool = "16-31"

[[probe]]
bus = $B0
addresses = ["0x1d-0x1e"]

[endpoint]
uuid = "$UB"
message_types = [0, 1]
EOT
start_ctrld /tmp/ctrld.toml

say "discovery"
P1=$(wait_for 60 path_of_uuid cccccccc-0000-4000-8000-00000000001d && path_of_uuid cccccccc-0000-4000-8000-00000000001d) ||
	fail "card 0x1d not discovered"
P2=$(wait_for 30 path_of_uuid cccccccc-0000-4000-8000-00000000001e && path_of_uuid cccccccc-0000-4000-8000-00000000001e) ||
	fail "card 0x1e not discovered"
E1=${P1##*/}
E2=${P2##*/}
echo "card 0x1d $P1 (EID $E1), card 0x1e $P2 (EID $E2)"
expect_prop "$P1" xyz.openbmc_project.MCTP.Endpoint SupportedMessageTypes ay 2 0 1
expect_prop "$P2" xyz.openbmc_project.MCTP.Endpoint SupportedMessageTypes ay 2 0 1
pass "two cards with dynamic EIDs $E1 and $E2, message types 0 and 1"

pldm() {
	mctp-pldm -j "$@" >/tmp/pldm.out 2>/tmp/pldm.err || {
		cat /tmp/pldm.out /tmp/pldm.err
		fail "mctp-pldm $* failed"
	}
}
is() {
	_got=$(jq -r "$1" /tmp/pldm.out)
	[ "$_got" = "$2" ] || fail "$1: '$_got', want '$2' in $(cat /tmp/pldm.out)"
}

say "each card: its own TID, EID and serial number"
for x in "$E1 1 SN1D" "$E2 2 SN1E"; do
	set -- $x
	pldm "$1" set-tid "$2"
	pldm "$1" pdr 1
	is '"\(.valid) \(.tid) \(.eid)"' "true $2 $1"
	pldm "$1" fru
	is '.records[0].fields[] | select(.name == "Serial Number") | .value' "$3"
done
pass "terminus locators name TIDs 1 and 2 at EIDs $E1 and $E2; serials SN1D and SN1E"

say "one control FIFO for both cards; an event from one"
mctp-test-pldm-receiver "$E2" 8 1 >/tmp/events.out 2>&1 &
RECV=$!
wait_for 10 grep -q "receiver set" /tmp/events.out || fail "the receiver did not start: $(cat /tmp/events.out)"
echo "set 1 90" >$FIFO
wait_for 5 sh -c '[ $(grep -c "control: sensor 1 set to 90" /tmp/emu-cards.log) = 2 ]' ||
	fail "not both cards took the control line"
for e in $E1 $E2; do
	pldm "$e" sensor 1
	is '"\(.reading) \(.present_state)"' "90 UpperCritical"
done
wait "$RECV" || fail "no event from card $E2: $(cat /tmp/events.out)"
cat /tmp/events.out
grep -q "event from TID 2: sensor 1 numeric UpperCritical (previous Normal) reading 90" /tmp/events.out ||
	fail "the event is not card 2's crossing"
pass "set 1 90 on both cards (UpperCritical); card 2's event reached its receiver"

stop_ctrld
echo "PASS pldm-cards-ctrld"
