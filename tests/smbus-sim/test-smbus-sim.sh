#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# smbus-sim in the test VM: segments, delivery, muxes, devices, timing and
# every fault class, through the debugfs interface, i2c-dev (ssim-xfer,
# busybox i2c tools) and the smbus-sim-slave backend. Timing is printed,
# only checked against the no-timing case.
set -u

S=/sys/kernel/debug/smbus-sim
DEV=/sys/bus/i2c/devices
failed=0
n=0

ok() { n=$((n + 1)); echo "ok $n - $*"; }
nok() { n=$((n + 1)); echo "not ok $n - $*"; failed=1; }

# expect DESC WANT CMD...: CMD's output (all lines joined) must equal WANT.
expect() {
	desc=$1 want=$2
	shift 2
	got=$("$@" 2>&1 | tr '\n' ' ' | sed 's/ *$//')
	if [ "$got" = "$want" ]; then ok "$desc"; else nok "$desc: want '$want', got '$got'"; fi
}

# check DESC CMD...: CMD must succeed.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else nok "$desc"; fi
}

ctl() { echo "$*" >"$S/control"; }
sctl() { seg=$1; shift; echo "$*" >"$S/$seg/control"; }
busnr() { awk -v n="$2" '$1 == n { print $2 }' "$S/$1/adapters"; }
# counter FILE NAME
counter() { awk -v n="$2" '$1 == n { print $2 }' "$1"; }
slave_new() { echo "smbus-sim-slave $(printf '0x%x' $((0x1000 + $2)))" >"$DEV/i2c-$1/new_device"; }
slave_dir() { echo "$S/slave/$1-$(printf '%04x' $((0x1000 + $2)))"; }
lastlog() { tail -n 1 "$(slave_dir "$1" "$2")/log"; }
log_clear() { echo >"$(slave_dir "$1" "$2")/log"; }
# counters FILE NAME...: the values, space separated
counters() { f=$1; shift; for c in "$@"; do printf '%s ' "$(counter "$f" "$c")"; done | sed 's/ *$//'; }
faults() { echo "$*" >"$S/s0/faults"; }
# wait_for SECONDS CMD...: poll until CMD succeeds.
wait_for() {
	t=$(($1 * 10))
	shift
	while ! "$@" 2>/dev/null; do
		t=$((t - 1))
		[ $t -gt 0 ] || return 1
		sleep 0.1
	done
}
time_of() { "$@" | sed -n 's/^time_us=//p'; }

echo "# --- segments"
check "debugfs interface present" test -w "$S/control"
check "create segment s0 with 3 adapters" ctl add s0 adapters=3
check "duplicate segment refused" sh -c "! echo 'add s0' >$S/control 2>/dev/null"
check "bad option refused" sh -c "! echo 'add s1 bogus=1' >$S/control 2>/dev/null"
check "more than 64 adapters per add refused" sh -c "! echo 'add s1 adapters=65' >$S/control 2>/dev/null"
expect "segment listed" "s0" cat "$S/control"
B0=$(busnr s0 a0) B1=$(busnr s0 a1) B2=$(busnr s0 a2)
echo "# a0=i2c-$B0 a1=i2c-$B1 a2=i2c-$B2"
expect "adapter names" "smbus-sim s0/a0" cat "$DEV/i2c-$B0/name"
check "i2c-dev node exists" test -c "/dev/i2c-$B0"

echo "# --- delivery"
expect "write with no listener is NAKed" "ERR ENXIO" ssim-xfer "$B0" w1@0x50 0
check "bind smbus-sim-slave at 0x50 on a1" slave_new "$B1" 0x50
expect "topology shows the slave" "a1 adapter bus=$B1 on=root slaves=0x50" grep '^a1 ' "$S/s0/topology"
expect "write reaches the slave" "" ssim-xfer "$B0" w3@0x50 1 2 3
expect "slave saw WRITE_REQUESTED, bytes, STOP" "W 01 02 03 P" lastlog "$B1" 0x50
expect "write+read with repeated start" "aa ff" ssim-xfer "$B0" w1@0x50 0xaa r2@0x50
expect "slave saw W, R (2 bytes), one STOP" "W aa R 2 P" lastlog "$B1" 0x50
expect "zero-length write (SMBus quick)" "" ssim-xfer "$B0" w0@0x50
expect "quick write logged" "W P" lastlog "$B1" 0x50
expect "an adapter does not hear itself" "ERR ENXIO" ssim-xfer "$B1" w1@0x50 0
check "SMBus block write with PEC (i2c core emulation)" i2cset -y "$B0" 0x50 0x0f 1 2 3 sp
expect "block write bytes and PEC on the wire" "W 0f 03 01 02 03 95 P" \
	lastlog "$B1" 0x50
ssim-xfer "$B0" w4@0x50 3 0xaa 0xbb 0xcc >/dev/null
expect "SMBus block read (I2C_M_RECV_LEN)" "03 aa bb cc" ssim-xfer "$B0" rb@0x50
echo "nak=1" >"$(slave_dir "$B1" 0x50)/ctl"
expect "slave NAK of a data byte gives EIO" "ERR EIO" ssim-xfer "$B0" w3@0x50 1 2 3
expect "slave NAK logged" "W 01 N P" lastlog "$B1" 0x50
echo "nak=-1" >"$(slave_dir "$B1" 0x50)/ctl"
check "second slave at 0x51 on a2" slave_new "$B2" 0x51
ssim-xfer "$B0" w1@0x51 0x51 >/dev/null
expect "0x51 traffic reaches a2's slave" "W 51 P" lastlog "$B2" 0x51
check "... and not a1's" sh -c "! grep -q '^W 51' $(slave_dir "$B1" 0x50)/log"
if [ -d /sys/bus/i2c/drivers/slave-24c02 ]; then
	echo "slave-24c02 0x1060" >"$DEV/i2c-$B2/new_device"
	ssim-xfer "$B0" w3@0x60 0x10 0x5a 0xa5 >/dev/null
	expect "i2c-slave-eeprom stores and returns data" "5a a5" ssim-xfer "$B0" w1@0x60 0x10 r2@0x60
else
	echo "# i2c-slave-eeprom not in this kernel: covered by smbus-sim-slave"
fi

echo "# --- muxes"
check "add mux m0 (4 channels, idle disconnect) on a0" sctl s0 add-mux m0 parent=a0 addr=0x70 channels=4
check "tmp75 t1 at 0x48 behind m0.1" sctl s0 add-tmp75 t1 addr=0x48 on=m0.1
check "device adapter d0 behind m0.2" sctl s0 add-adapter d0 on=m0.2
M00=$(busnr s0 m0.0) M01=$(busnr s0 m0.1) M02=$(busnr s0 m0.2) D0=$(busnr s0 d0)
echo "# m0.0=i2c-$M00 m0.1=i2c-$M01 m0.2=i2c-$M02 d0=i2c-$D0"
check "channel adapters registered by the i2c-mux core" test -e "$DEV/i2c-$M01/mux_device"
check "slave at 0x1d on d0" slave_new "$D0" 0x1d
expect "device behind a deselected channel unreachable" "ERR ENXIO" ssim-xfer "$B0" w1@0x48 0 r2@0x48
expect "device reachable through its channel" "19 00" ssim-xfer "$M01" w1@0x48 0 r2@0x48
expect "device unreachable through another channel" "ERR ENXIO" ssim-xfer "$M00" w1@0x48 0 r2@0x48
expect "idle disconnect: nothing selected after use" "0x00" counter "$S/s0/m0/counters" selected
expect "slave behind m0.2 gets writes through m0.2" "" ssim-xfer "$M02" w2@0x1d 7 8
expect "... as WRITE_REQUESTED, bytes, STOP" "W 07 08 P" lastlog "$D0" 0x1d
expect "slave behind m0.2 unreachable through m0.1" "ERR ENXIO" ssim-xfer "$M01" w1@0x1d 0
expect "d0 cannot write upstream while m0.2 is deselected" "ERR ENXIO" ssim-xfer "$D0" w1@0x50 0x77
expect "register write from a0 selects channel 2" "" ssim-xfer "$B0" w1@0x70 4
expect "mux register reads back" "04" ssim-xfer "$B0" r1@0x70
expect "d0 writes upstream while m0.2 is selected" "" ssim-xfer "$D0" w1@0x50 0x77
expect "... and a1's slave gets it" "W 77 P" lastlog "$B1" 0x50
ssim-xfer "$B0" w1@0x70 0 >/dev/null
echo "# m0: $(tr '\n' ' ' <"$S/s0/m0/counters")"
expect "mux counted no select errors" "0" counter "$S/s0/m0/counters" select_errors
check "add mux m1 (idle as-is) on a2" sctl s0 add-mux m1 parent=a2 addr=0x71 channels=2 idle=as-is
check "tmp75 t2 at 0x49 behind m1.0" sctl s0 add-tmp75 t2 addr=0x49 on=m1.0
M10=$(busnr s0 m1.0)
expect "t2 through m1.0" "19 00" ssim-xfer "$M10" w1@0x49 0 r2@0x49
expect "idle as-is: m1.0 stays connected" "19 00" ssim-xfer "$B0" w1@0x49 0 r2@0x49
check "mux m2 (idle channel 1) nested behind m1.1" sctl s0 add-mux m2 parent=m1.1 addr=0x72 channels=2 idle=1
check "tmp75 t3 at 0x4b behind m2.0" sctl s0 add-tmp75 t3 addr=0x4b on=m2.0
expect "nested mux: t3 through m2.0" "19 00" ssim-xfer "$(busnr s0 m2.0)" w1@0x4b 0 r2@0x4b
expect "nested mux idles on channel 1" "0x02" counter "$S/s0/m2/counters" selected
check "delete with dependents refused" sh -c "! echo 'del m1' >$S/s0/control 2>/dev/null"
check "delete t3, m2" sh -c "echo 'del t3' >$S/s0/control && echo 'del m2' >$S/s0/control"

echo "# --- tmp75 counters"
check "tmp75 t0 at 0x4a on the root bus" sctl s0 add-tmp75 t0 addr=0x4a
T0=$S/s0/t0
ssim-xfer -n 20 "$B0" w8@0x50 >/dev/null
ssim-xfer "$B0" w1@0x51 1 >/dev/null
expect "other traffic leaves t0 untouched" "0 0 0" counters "$T0/counters" accesses writes reads
expect "temperature register (25 C)" "19 00" ssim-xfer "$B0" w1@0x4a 0 r2@0x4a
expect "counted: 2 accesses, 1 write, 1 read" "2 1 1" counters "$T0/counters" accesses writes reads
echo 50000 >"$T0/temp"
expect "temperature set through debugfs (50 C)" "32 00" ssim-xfer "$B0" w1@0x4a 0 r2@0x4a
ssim-xfer "$B0" w3@0x4a 3 0x55 0x00 >/dev/null
expect "tos register written and read back" "55 00" ssim-xfer "$B0" w1@0x4a 3 r2@0x4a
expect "config register" "00" ssim-xfer "$B0" w1@0x4a 1 r1@0x4a
before=$(counter "$T0/counters" accesses)
i2cdetect -y -q "$B0" >/dev/null 2>&1
after=$(counter "$T0/counters" accesses)
check "a bus scan is counted ($before -> $after)" test "$after" -gt "$before"
echo 0 >"$T0/counters"
expect "counters reset" "0" counter "$T0/counters" accesses

echo "# --- ipmb responder"
check "ipmb responder i0 at 0x20" sctl s0 add-ipmb i0 addr=0x20
check "requester slave at 0x10 on a1" slave_new "$B1" 0x10
# Get Device ID from rqSA 0x20 (7-bit 0x10), seq 1
ssim-xfer "$B1" w6@0x20 0x18 0xa8 0x20 0x04 0x01 0xdb >/dev/null
rsp_ok() { tail -n1 "$(slave_dir "$B1" 0x10)/log" | grep -q '^W'; }
wait_for 5 rsp_ok
expect "Get Device ID answered by a master write to the requester" \
	"W 1c c4 40 04 01 00 20 01 01 00 02 00 00 00 00 00 00 97 P" \
	lastlog "$B1" 0x10
log_clear "$B1" 0x10
ssim-xfer "$B1" w6@0x20 0x18 0xa8 0x20 0x08 0x02 0xd6 >/dev/null
wait_for 5 rsp_ok
expect "unknown command answered with cc 0xc1" "W 1c c4 40 08 02 c1 f5 P" \
	lastlog "$B1" 0x10
ssim-xfer "$B1" w6@0x20 0x18 0xa8 0x20 0x04 0x01 0x00 >/dev/null
expect "bad checksum counted" "1" counter "$S/s0/i0/counters" bad_checksum
expect "responses counted" "2" counter "$S/s0/i0/counters" responses

echo "# --- timing"
t0=$(time_of ssim-xfer -T -n 20 "$B0" w100@0x50)
echo 100000 >"$S/s0/speed"
expect "speed set" "100000" cat "$S/s0/speed"
t100=$(time_of ssim-xfer -T -n 20 "$B0" w100@0x50)
echo 400000 >"$S/s0/speed"
t400=$(time_of ssim-xfer -T -n 20 "$B0" w100@0x50)
echo 1000000 >"$S/s0/speed"
t1m=$(time_of ssim-xfer -T -n 20 "$B0" w100@0x50)
echo "# 20 x 100-byte writes (911 bits each): none ${t0} us, 100 kHz ${t100} us (wire 182200)," \
	"400 kHz ${t400} us (45550), 1 MHz ${t1m} us (18220)"
check "a timed transfer takes longer than an untimed one" test "$t100" -gt "$t0"
expect "timed delivery still complete" "" ssim-xfer "$B0" w2@0x50 0x12 0x34
expect "... in order" "W 12 34 P" lastlog "$B1" 0x50
expect "timed NAK" "ERR ENXIO" ssim-xfer "$B0" w1@0x33 0
echo 100000 >"$S/s0/speed"
echo 0 >"$S/s0/stats"
ssim-xfer -c -n 15 "$B0" w200@0x50 >/tmp/arb0 &
p0=$!
ssim-xfer -c -n 15 "$B1" w200@0x51 >/tmp/arb1 &
p1=$!
ssim-xfer -c -n 15 "$B2" w200@0x50 1 >/tmp/arb2 &
p2=$!
wait $p0 $p1 $p2
echo "# three masters at 100 kHz: a0 $(cat /tmp/arb0), a1 $(cat /tmp/arb1), a2 $(cat /tmp/arb2)"
lost=$(counter "$S/s0/stats" arb_lost)
eagain=$(cat /tmp/arb0 /tmp/arb1 /tmp/arb2 | sed -n 's/.*EAGAIN=\([0-9]*\).*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
check "arbitration lost by someone ($lost), reported as EAGAIN ($eagain)" \
	test "$lost" -gt 0 -a "$lost" = "$eagain"
echo "# wire_ns $(counter "$S/s0/stats" wire_ns)"
echo 0 >"$S/s0/speed"

echo "# --- faults"
log_clear "$B1" 0x50
faults 0x50 nak-addr
expect "nak-addr" "ERR ENXIO" ssim-xfer "$B0" w1@0x50 1
expect "nak-addr is used up (once)" "" ssim-xfer "$B0" w1@0x50 2
expect "rule listed with its hits" "1 0x50 nak-addr left=0 hits=1" cat "$S/s0/faults"
faults clear
faults 0x50 nak-addr count=2
expect "count=2: first" "ERR ENXIO" ssim-xfer "$B0" w1@0x50 1
expect "count=2: second" "ERR ENXIO" ssim-xfer "$B0" w1@0x50 1
expect "count=2: then clear" "" ssim-xfer "$B0" w1@0x50 3
faults 0x50 nak-data byte=2
expect "nak-data byte=2" "ERR EIO" ssim-xfer "$B0" w4@0x50 1 2 3 4
expect "slave got bytes 0..1 and STOP" "W 01 02 P" lastlog "$B1" 0x50
faults 0x50 arb-loss
expect "arb-loss" "ERR EAGAIN" ssim-xfer "$B0" w2@0x50 5 6
expect "nothing delivered on arbitration loss" "W 01 02 P" lastlog "$B1" 0x50
faults 0x50 corrupt mask=0x80
expect "corrupt: master sees success" "" ssim-xfer "$B0" w3@0x50 1 2 3
expect "last byte flipped" "W 01 02 83 P" lastlog "$B1" 0x50
faults 0x50 corrupt byte=0
check "corrupted SMBus block write" i2cset -y "$B0" 0x50 0x0f 1 2 3 sp
expect "... PEC no longer matches" "W 0e 03 01 02 03 95 P" lastlog "$B1" 0x50
faults 0x50 truncate len=1
expect "truncate: master sees success" "" ssim-xfer "$B0" w3@0x50 1 2 3
expect "slave got 1 byte then STOP" "W 01 P" lastlog "$B1" 0x50
echo 200 >"$S/s0/timeout_ms"
faults any stuck
ts=$(ssim-xfer -T "$B0" w1@0x50 1 | tr '\n' ' ')
echo "# stuck bus: $ts"
check "stuck bus times out (ETIMEDOUT)" sh -c "echo '$ts' | grep -q 'ERR ETIMEDOUT'"
faults 0x70 mux-fail
expect "mux-fail: select error to the caller" "ERR EIO" ssim-xfer "$M01" w1@0x48 0 r2@0x48
expect "mux counted the select error" "1" counter "$S/s0/m0/counters" select_errors
expect "mux select works again" "32 00" sh -c "echo 50000 >$S/s0/t1/temp; ssim-xfer $M01 w1@0x48 0 r2@0x48"
faults 0x50 gone
expect "gone: the device NAKs" "ERR ENXIO" ssim-xfer "$B0" w1@0x50 1
expect "gone: still gone" "ERR ENXIO" ssim-xfer "$B0" w1@0x50 1
expect "gone: its own writes fail too" "ERR ENXIO" ssim-xfer "$B1" w1@0x51 1
id=$(awk '$3 == "gone" { print $1 }' "$S/s0/faults")
faults del "$id"
expect "back after the rule is deleted" "" ssim-xfer "$B0" w1@0x50 1
echo 100000 >"$S/s0/speed"
faults any nak-addr
expect "fault with timing on" "ERR ENXIO" ssim-xfer "$B0" w1@0x50 1
faults any stuck
ts=$(ssim-xfer -T "$B0" w1@0x50 1 | tr '\n' ' ')
echo "# stuck bus with timing: $ts"
check "stuck with timing times out" sh -c "echo '$ts' | grep -q 'ERR ETIMEDOUT'"
echo 0 >"$S/s0/speed"
echo "# stats: $(tr '\n' ' ' <"$S/s0/stats")"
for c in nak_addr nak_data arb_lost timeouts truncated corrupted mux_fail gone; do
	v=$(counter "$S/s0/stats" $c)
	check "stats $c counted ($v)" test "$v" -gt 0
done
faults clear
expect "faults cleared" "" cat "$S/s0/faults"

echo "# --- nvme-basic drive (NVMe-MI Basic Management Command)"
check "nvme-basic n0 at the default address 0x6a" sctl s0 add-nvme-basic n0
N0=$S/s0/n0
expect "listed in the topology" "n0 nvme-basic on=root addr=0x6a" \
	sh -c "grep '^n0 ' $S/s0/topology"
expect "status block from command code 0, PEC last" "06 3f ff 23 00 00 00 c0" \
	ssim-xfer "$B0" w1@0x6a 0 r8@0x6a
echo 0x1b96 >"$N0/vid"
echo SN-BASIC-0001 >"$N0/serial"
expect "identification block from command code 8" \
	"16 1b 96 53 4e 2d 42 41 53 49 43 2d 30 30 30 31 20 20 20 20 20 20 20 d9" \
	ssim-xfer "$B0" w1@0x6a 8 r24@0x6a
expect "serial read back" "SN-BASIC-0001" cat "$N0/serial"
expect "vendor specific area and beyond read 0xff" "ff ff ff ff" ssim-xfer "$B0" w1@0x6a 254 r4@0x6a
# (busybox prints SMBus blocks oddly: only success counts, the i2c core checks the PEC)
check "SMBus block read with PEC (i2cdump sp) checks out" \
	sh -c "i2cdump -y $B0 0x6a sp >/dev/null"
expect "I2C block reads (i2cdump i) from offset 0" "00: 06 3f ff 23 00 00 00 c0 16 1b 96 53" \
	sh -c "i2cdump -y $B0 0x6a i | grep '^00:' | cut -c1-39"
expect "SMBus block read: 6 bytes" "06 3f ff 23 00 00 00" ssim-xfer "$B0" w1@0x6a 0 rb@0x6a
echo -5 >"$N0/temp"
expect "CTemp -5 C is 0xfb" "06 3f ff fb 00 00 00 bd" ssim-xfer "$B0" w1@0x6a 0 r8@0x6a
ctemp() { echo "$1" >"$N0/temp" && i2cget -y "$B0" 0x6a 3 b; }
expect "CTemp 127 C and above is 0x7f" "0x7f" ctemp 200
expect "CTemp -60 C and below is 0xc4" "0xc4" ctemp -100
expect "CTemp without data is 0x80" "0x80" ctemp none
expect "temp reads back none" "none" cat "$N0/temp"
expect "CTemp of a failed sensor is 0x81" "0x81" ctemp failed
expect "CTemp 0 C" "0x00" ctemp 0
echo 0x1b >"$N0/status"
echo 0xfd >"$N0/warnings"
echo 7 >"$N0/pdlu"
expect "status, warnings and drive life used set" "06 1b fd 00 07" \
	ssim-xfer "$B0" w1@0x6a 0 r5@0x6a
for bad in "temp abc" "temp 256" "temp -129" "status 256" "warnings x" "pdlu 300" \
	"vid 0x10000" "serial 123456789012345678901" "serial $(printf 'a\tb')"; do
	f=${bad%% *} v=${bad#* }
	check "bad $f '$v' refused" sh -c "! echo '$v' >$N0/$f 2>/dev/null"
done
expect "temp unchanged by refused writes" "0" cat "$N0/temp"
check "reads counted" test "$(counter "$N0/counters" reads)" -gt 5
faults 0x6a gone
expect "a pulled drive does not answer" "ERR ENXIO" ssim-xfer "$B0" w1@0x6a 0 r8@0x6a
faults clear
check "delete n0" sctl s0 del n0
check "nvme-basic n1 at 0x6b, left for the segment's deletion" sctl s0 add-nvme-basic n1 addr=0x6b
expect "n1 answers at 0x6b" "06" ssim-xfer "$B0" w1@0x6b 0 r1@0x6b

echo "# --- teardown and reload"
check "second segment with a mux and bound slaves" sh -c "
	echo 'add s1 adapters=2 speed=400000' >$S/control &&
	echo 'add-mux mx parent=a1' >$S/s1/control &&
	echo 'add-adapter dx on=mx.3' >$S/s1/control &&
	echo 'add-ipmb ix addr=0x20 on=mx.3' >$S/s1/control &&
	echo 'add-nvme-basic nx on=mx.3' >$S/s1/control"
C0=$(busnr s1 a0)
expect "nvme-basic behind a mux channel" "06 3f" ssim-xfer "$(busnr s1 mx.3)" w1@0x6a 0 r2@0x6a
check "slave on s1" slave_new "$C0" 0x12
expect "segments are isolated" "ERR ENXIO" ssim-xfer "$B0" w1@0x12 1
check "delete segment s0 with everything bound" ctl del s0
expect "s0 gone" "s1" cat "$S/control"
check "s0's adapters are gone" test ! -e "$DEV/i2c-$B0"
check "rmmod with segments, muxes and bound clients" rmmod smbus_sim
check "insmod again" insmod /lib/modules/mctp/smbus_sim.ko
check "fresh state works" sh -c "echo 'add s0 adapters=1' >$S/control && echo 'add-mux m0 parent=a0' >$S/s0/control"

echo "# $n tests, $([ $failed = 0 ] && echo all passed || echo FAILURES)"
exit $failed
