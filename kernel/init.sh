#!/bin/sh
# PID 1 of the test VM in the busybox boot (/bin/sh: dash, or busybox sh).
# Sets up the system, loads the project's modules, runs the command from
# /etc/mctp-vm/cmd, then reports kmemleak, dmesg and the command's exit
# status between markers that kernel/vm parses (guest/report.sh).
# /etc/mctp-vm/conf sets TOKEN, LOAD_MODULES and UNLOAD_MODULES.

export PATH=/add:/usr/local/bin:/bin HOME=/root TERM=dumb LC_ALL=C
. /etc/mctp-vm/conf

. /lib/mctp-vm/report.sh

MODDIR=/lib/modules/mctp
status=0

say() {
	echo "vm: $*"
}

setup() {
	mount -t proc proc /proc &&
		mount -t sysfs sysfs /sys &&
		mount -t devtmpfs devtmpfs /dev &&
		mkdir -p /dev/pts /dev/shm &&
		mount -t devpts devpts /dev/pts &&
		mount -t tmpfs tmpfs /dev/shm &&
		mount -t debugfs debugfs /sys/kernel/debug &&
		mount -t tmpfs tmpfs /tmp &&
		mount -t tmpfs tmpfs /run &&
		hostname mctp-vm &&
		ip link set lo up &&
		cp -a /add/. /tmp/
}

load_modules() {
	[ "$LOAD_MODULES" = yes ] || return 0
	while read -r m; do
		insmod "$MODDIR/$m" || {
			vm_error "insmod $m failed"
			return 1
		}
	done <"$MODDIR/load-order"
}

# Killed processes and namespaces may hold module references for a moment
# (netns cleanup runs from a workqueue): retry for up to 10 s.
unload_module() {
	tries=0
	until rmmod "$1" 2>/dev/null; do
		tries=$((tries + 1))
		if [ $tries -ge 20 ]; then
			rmmod "$1" || vm_error "rmmod $1 failed"
			return
		fi
		sleep 0.5
	done
}

unload_modules() {
	[ "$LOAD_MODULES" = yes ] && [ "$UNLOAD_MODULES" = yes ] || return 0
	for m in $(tac "$MODDIR/load-order"); do
		unload_module "${m%.ko}"
	done
}

if ! setup; then
	vm_error "system setup failed"
	status=125
elif ! load_modules; then
	status=125
else
	read -r up _ </proc/uptime
	say "running command (uptime ${up}s)"
	(cd /tmp && exec sh /etc/mctp-vm/cmd) </dev/null
	status=$?
	say "command exited with status $status"
fi

# Nothing else may write to the console from here on: stop leftover
# processes (their sockets are released before the leak scan) and keep
# kernel messages for the dmesg dump below.
kill -KILL -1 2>/dev/null
unload_modules
report "$status"
reboot -f
