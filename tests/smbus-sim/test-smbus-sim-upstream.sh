#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# smbus-sim under the upstream kernel's own MCTP stack: mctp-i2c binds to
# the simulated adapters like to any controller with slave support, gets a
# netdev per root adapter and mux channel, and receives SMBus block writes.
set -u

S=/sys/kernel/debug/smbus-sim
DEV=/sys/bus/i2c/devices
failed=0
n=0

ok() { n=$((n + 1)); echo "ok $n - $*"; }
nok() { n=$((n + 1)); echo "not ok $n - $*"; failed=1; }
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else nok "$desc"; fi
}
busnr() { awk -v n="$2" '$1 == n { print $2 }' "$S/$1/adapters"; }
stat() { cat "/sys/class/net/mctpi2c$1/statistics/$2"; }

check "segment with 2 adapters" sh -c "echo 'add s0 adapters=2' >$S/control"
check "mux with 2 channels on a0" sh -c "echo 'add-mux m0 parent=a0 channels=2' >$S/s0/control"
B0=$(busnr s0 a0) B1=$(busnr s0 a1) M0=$(busnr s0 m0.0) M1=$(busnr s0 m0.1)
check "mctp-i2c-interface binds on a0 (0x10)" \
	sh -c "echo mctp-i2c-interface 0x1010 >$DEV/i2c-$B0/new_device"
check "mctp-i2c-interface binds on a1 (0x11)" \
	sh -c "echo mctp-i2c-interface 0x1011 >$DEV/i2c-$B1/new_device"
for b in $B0 $B1; do
	check "netdev mctpi2c$b exists" test -d "/sys/class/net/mctpi2c$b"
done
# Upstream gives a mux channel a netdev only when its device-tree node has
# "mctp-controller"; this x86 kernel has no device tree, so there are none.
echo "# netdevs: $(ls /sys/class/net | tr '\n' ' ')(mux channels i2c-$M0, i2c-$M1: none without DT)"
check "bring mctpi2c$B0 up" ip link set "mctpi2c$B0" up
# MCTP control message from 0x11 (EID 9) to EID 8, as an SMBus block write
# with PEC built by the i2c core: cmd 0x0f, source slave 0x23, MCTP header.
check "block write from a1 to 0x10" i2cset -y "$B1" 0x10 0x0f 0x23 0x01 0x08 0x09 0xc8 0x00 sp
check "mctp-i2c received it (rx_packets $(stat "$B0" rx_packets))" test "$(stat "$B0" rx_packets)" -ge 1
echo "0x10 corrupt" >"$S/s0/faults"
check "corrupted block write" i2cset -y "$B1" 0x10 0x0f 0x23 0x01 0x08 0x09 0xc8 0x00 sp
check "mctp-i2c saw the bad PEC (rx_crc_errors $(stat "$B0" rx_crc_errors))" \
	test "$(stat "$B0" rx_crc_errors)" -eq 1
echo "0x10 truncate len=4" >"$S/s0/faults"
check "truncated block write" i2cset -y "$B1" 0x10 0x0f 0x23 0x01 0x08 0x09 0xc8 0x00 sp
check "mctp-i2c saw the short packet (rx_length_errors $(stat "$B0" rx_length_errors))" \
	test "$(stat "$B0" rx_length_errors)" -eq 1
check "delete the segment with mctp-i2c bound" sh -c "echo 'del s0' >$S/control"
check "netdevs gone" test ! -e "/sys/class/net/mctpi2c$B0"

echo "# $n tests, $([ $failed = 0 ] && echo all passed || echo FAILURES)"
exit $failed
