#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# smbus-sim under concurrency: several masters (adapters, mux channels, a
# device adapter behind a channel, the IPMB responder's replies) on one
# timed segment while speed, devices and faults change, then the segment is
# deleted with transfers in flight; three rounds. The assertions are the
# kernel's: lockdep, KASAN and kmemleak must stay silent.
set -u

S=/sys/kernel/debug/smbus-sim
DEV=/sys/bus/i2c/devices
failed=0

busnr() { awk -v n="$2" '$1 == n { print $2 }' "$S/$1/adapters"; }
sctl() { echo "$*" >"$S/s0/control"; }
slave_new() { echo "smbus-sim-slave $2" >"$DEV/i2c-$1/new_device"; }

for round in 1 2 3; do
	echo "add s0 adapters=3 speed=1000000" >"$S/control" || failed=1
	sctl add-mux m0 parent=a0 channels=4
	sctl add-adapter d0 on=m0.1
	sctl add-ipmb i0 addr=0x20 on=m0.1
	sctl add-tmp75 t0 addr=0x48 on=m0.2
	B1=$(busnr s0 a1) B2=$(busnr s0 a2) M1=$(busnr s0 m0.1) M2=$(busnr s0 m0.2) D0=$(busnr s0 d0)
	slave_new "$(busnr s0 a0)" 0x1010
	slave_new "$B1" 0x1011
	slave_new "$D0" 0x1012
	echo "any nak-data byte=3 count=5" >"$S/s0/faults"
	echo "any arb-loss count=5" >"$S/s0/faults"
	ssim-xfer -c -n 200 "$M1" w6@0x20 0x18 0xa8 0x20 0x04 0x01 0xdb >/tmp/o1 &
	ssim-xfer -c -n 200 "$M2" w1@0x48 0 r2@0x48 >/tmp/o2 &
	ssim-xfer -c -n 200 "$B1" w40@0x10 >/tmp/o3 &
	ssim-xfer -c -n 200 "$B2" w40@0x11 >/tmp/o4 &
	ssim-xfer -c -n 200 "$D0" w20@0x11 >/tmp/o5 &
	ssim-xfer -c -n 200 "$M1" w10@0x12 >/tmp/o6 &
	for i in 1 2 3 4 5; do
		echo 0 >"$S/s0/speed"
		sleep 0.1
		echo 400000 >"$S/s0/speed"
		sleep 0.1
		sctl add-tmp75 tx addr=0x49
		sctl del tx
		echo "0x11 gone count=3" >"$S/s0/faults"
	done
	wait
	echo "# round $round: $(cat /tmp/o1) | $(cat /tmp/o2) | $(cat /tmp/o3) |" \
		"$(cat /tmp/o4) | $(cat /tmp/o5) | $(cat /tmp/o6)"
	echo "# ipmb: $(tr '\n' ' ' <"$S/s0/i0/counters")"
	ssim-xfer -c -n 100 "$M1" w6@0x20 0x18 0xa8 0x20 0x04 0x01 0xdb >/dev/null &
	ssim-xfer -c -n 100 "$B2" w40@0x11 >/dev/null &
	sleep 0.3
	echo "del s0" >"$S/control" || failed=1
	wait
	[ -z "$(cat "$S/control")" ] || failed=1
done
echo "# stress $([ $failed = 0 ] && echo passed || echo FAILED)"
exit $failed
