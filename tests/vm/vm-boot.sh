#!/bin/sh
# Runs inside the VM: the machine kernel/vm promises to every test.
set -e
fail() { echo "vm-boot: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "not root"
[ "$PWD" = /tmp ] || fail "cwd is $PWD, not /tmp"
[ "$(grep -c '^processor' /proc/cpuinfo)" = 2 ] || fail "not 2 CPUs"
for m in /proc /sys /dev /tmp /run /sys/kernel/debug; do
	grep -q " $m " /proc/mounts || fail "$m not mounted"
done
ip link show lo | grep -q UP || fail "lo is down"
[ -x "$(command -v vm-boot.sh)" ] || fail "--add executable not on PATH"
unshare -n true || fail "cannot create a network namespace"
[ ! -d /proc/sys/net/mctp ] || fail "MCTP is built into the test kernel"
echo "vm-boot: ok"
