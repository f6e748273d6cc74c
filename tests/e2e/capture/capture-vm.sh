#!/bin/sh
# In the test VM: capture MCTP traffic with tcpdump, on an SMBus binding
# link (the bus owner's side of one simulated segment, an emulated endpoint
# on the other) and on a vpair, and print each capture as base64 between
# "PCAP-BEGIN NAME" and "PCAP-END" for check-capture.sh to decode.
# shellcheck source=tests/e2e/tools/lib.sh
. "$(dirname "$0")"/lib.sh

UUID=12345678-9abc-4def-8123-456789abcdef

# capture_start NAME IFACE COUNT: tcpdump on IFACE into /tmp/NAME.pcap until
# it has written COUNT packets (a signal would stop it with packets the
# filter took still unwritten, on a busy host)
capture_start() {
	_name=$1 _if=$2 _count=$3
	tcpdump -Z root -U -n -c "$_count" -i "$_if" -w /tmp/"$_name".pcap >/tmp/"$_name".tcpdump 2>&1 &
	echo $! >/tmp/"$_name".pid
	_i=0
	while ! grep -q "listening on" /tmp/"$_name".tcpdump && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	grep -q "listening on" /tmp/"$_name".tcpdump || {
		cat /tmp/"$_name".tcpdump
		echo "capture-vm: tcpdump did not start on $_if"
		exit 1
	}
}

# capture_stop NAME: wait (30 s at most) for tcpdump to have all its
# packets, print the capture
capture_stop() {
	_i=0
	while kill -0 "$(cat /tmp/"$1".pid)" 2>/dev/null && [ $_i -lt 300 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	kill -INT "$(cat /tmp/"$1".pid)" 2>/dev/null
	wait "$(cat /tmp/"$1".pid)"
	sed 's/^/tcpdump: /' /tmp/"$1".tcpdump
	echo "PCAP-BEGIN $1 $(md5sum </tmp/"$1".pcap | cut -d' ' -f1)"
	base64 /tmp/"$1".pcap | sed 's/^/PCAP /'
	echo "PCAP-END"
}

# ---- SMBus: bus owner EID 8 at 0x10, emulated endpoint EID 9 at 0x11 ----
echo "mctp-smbus 0x1010" >/sys/bus/i2c/devices/i2c-$bus0/new_device || exit 1
indev sh -c "echo mctp-smbus 0x1011 >/sys/bus/i2c/devices/i2c-$bus1/new_device" || exit 1
sleep 0.5
OWN=mctpi2c$bus0
DEV=mctpi2c$bus1
mctp-ctl link set $OWN up && mctp-ctl address add 8 dev $OWN &&
	mctp-ctl route add 9 via $OWN && mctp-ctl neigh add 9 dev $OWN lladdr 0x11 || exit 1
indev mctp-ctl link set $DEV up && indev mctp-ctl route add 8 via $DEV &&
	indev mctp-ctl neigh add 8 dev $DEV lladdr 0x10 || exit 1
indev mctp-endpoint-emu -l $DEV -e 9 -u $UUID -t 0,1 >/tmp/emu.log 2>&1 &
_i=0
while ! grep -q serving /tmp/emu.log && [ $_i -lt 100 ]; do sleep 0.1; _i=$((_i + 1)); done
grep -q serving /tmp/emu.log || { cat /tmp/emu.log; echo "capture-vm: emulator did not start"; exit 1; }
indev mctp-echo -e 9 -t 1 >/tmp/echo.log 2>&1 &
sleep 0.5

# 16 packets: three control requests and responses, 5 + 5 for the echo
capture_start smbus $OWN 16
expect 0 "Get Endpoint ID over SMBus" mctp-test-control -e 9 get-eid
expect 0 "Get Endpoint UUID over SMBus" mctp-test-control -e 9 uuid
has "$UUID" "the emulator's UUID"
expect 0 "Get Message Type Support over SMBus" mctp-test-control -e 9 types
# a 300-byte body at the baseline MTU: five packets each way
expect 0 "a 301-byte type 1 message and its echo" mctp-req -e 9 -t 1 -l 300 -i 1 -w 20000 -q
capture_stop smbus

# ---- vpair: EID 20 here, EID 21 in the device namespace ----
ip link add mv0 type mctpvpair || exit 1
ip link set mv0p netns "$DEVNS" || exit 1
mctp-ctl link set mv0 up && mctp-ctl address add 20 dev mv0 && mctp-ctl route add 21 via mv0 || exit 1
indev mctp-ctl link set mv0p up && indev mctp-ctl address add 21 dev mv0p &&
	indev mctp-ctl route add 20 via mv0p || exit 1
indev mctp-echo -e 21 -t 1 >/tmp/echo21.log 2>&1 &
sleep 0.5
capture_start vpair mv0 4
expect 0 "a 101-byte type 1 message and its echo over a vpair" mctp-req -e 21 -t 1 -l 100 -i 1 -w 20000 -q
capture_stop vpair

echo "capture-vm: $pass passed, $fail failed"
[ "$fail" = 0 ]
