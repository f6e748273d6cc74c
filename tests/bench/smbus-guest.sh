#!/bin/sh
# Inside the VM: one SMBus benchmark pass on the simulated bus. A bus owner
# (this namespace) and a device (its own namespace) each bind an MCTP
# interface on their own adapter of one segment; the device runs mctp-echo,
# the owner runs mctp-bench. Prints "BENCH <speed> <json>" lines.
#   smbus-guest.sh FLAVOUR   (perf: this project's stack; upstream: the kernel's)
#   smbus-guest.sh FLAVOUR profile SIZE EID SECONDS [stream]
#     for tests/bench/profile-smbus: the same setup, then one mctp-bench run
#     of SIZE-byte messages to EID (9: over the bus, 8: the owner's own),
#     round trips or a one-way stream, between the markers PROFILE-START
#     and PROFILE-STOP, after the module symbols as "KSYM" lines.
FLAVOUR=${1:?flavour}
MODE=${2:-bench}
S=/sys/kernel/debug/smbus-sim
mount -t debugfs none /sys/kernel/debug 2>/dev/null
if [ "$FLAVOUR" = upstream ]; then client=mctp-i2c-interface; else client=mctp-smbus; fi

die() { echo "smbus-guest: $*"; exit 1; }

# device namespace, held open by a sleeping process
unshare -n sh -c 'echo $$ >/tmp/dev.pid; exec sleep 100000' &
i=0
while ! [ -s /tmp/dev.pid ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
DEVNS=$(cat /tmp/dev.pid)
indev() { nsenter -t "$DEVNS" -n "$@"; }

wait_dev() { # NAME [nsenter-prefix]
	i=0
	while ! "$@" sh -c "[ -e /sys/class/net/$1 ]" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

echo "add b adapters=2" >$S/control || die "cannot create the segment"
bus0=$(awk '$1 == "a0" { print $2 }' $S/b/adapters)
bus1=$(awk '$1 == "a1" { print $2 }' $S/b/adapters)
OWN=mctpi2c$bus0
DEV=mctpi2c$bus1

echo "$client 0x1010" >/sys/bus/i2c/devices/i2c-$bus0/new_device || die "bind owner"
if [ "$FLAVOUR" = upstream ]; then
	# upstream creates its interfaces in the initial namespace: move one
	echo "$client 0x1011" >/sys/bus/i2c/devices/i2c-$bus1/new_device || die "bind device"
	sleep 0.5
	ip link set dev "$DEV" netns "$DEVNS" || die "move $DEV"
else
	indev sh -c "echo $client 0x1011 >/sys/bus/i2c/devices/i2c-$bus1/new_device" || die "bind device"
fi
sleep 0.5

mctp-ctl link set "$OWN" up mtu 254 || die "owner link"
mctp-ctl address add 8 dev "$OWN" || die "owner address"
mctp-ctl route add 9 via "$OWN" || die "owner route"
mctp-ctl neigh add 9 dev "$OWN" lladdr 0x11 || die "owner neigh"
indev mctp-ctl link set "$DEV" up mtu 254 || die "device link"
indev mctp-ctl address add 9 dev "$DEV" || die "device address"
indev mctp-ctl route add 8 via "$DEV" || die "device route"
indev mctp-ctl neigh add 8 dev "$DEV" lladdr 0x10 || die "device neigh"
indev mctp-echo -e 9 -t 1 &
# the sink of the one-way stream, on a type of its own
indev mctp-echo -e 9 -t 2 -s &
sleep 0.5

if [ "$MODE" = profile ]; then
	size=${3:?size} eid=${4:?eid} secs=${5:?seconds}
	if [ "${6:-}" = stream ]; then pattern="-t 2 -S"; else pattern="-t 1"; fi
	if [ "$eid" = 8 ]; then
		mctp-echo -e 8 -t 1 &
		mctp-echo -e 8 -t 2 -s &
		sleep 0.5
	fi
	grep -E '^[0-9a-f]+ [tT] .*\[' /proc/kallsyms | sed 's/^/KSYM /'
	echo PROFILE-START
	# shellcheck disable=SC2086 # $pattern is several arguments
	mctp-bench -e "$eid" $pattern -w 20000 -s "$size" -d "$secs"
	echo PROFILE-STOP
	exit 0
fi

# One mctp-bench run against EID, printed as "BENCH LABEL <json>".
run_bench() { # LABEL EID ARGS...
	label=$1
	eid=$2
	shift 2
	mctp-bench -e "$eid" -t 1 -w 20000 -j "$@" >/tmp/bench.json 2>/tmp/bench.err ||
		echo "smbus-guest: mctp-bench ($label) failed: $(cat /tmp/bench.err)"
	printf 'BENCH %s ' "$label"
	tr -d '\n' </tmp/bench.json
	echo
}

bench() { # SPEED ARGS...
	speed=$1
	shift
	echo "$speed" >$S/b/speed || die "set speed $speed"
	run_bench "$speed" 9 "$@"
}

bench 0 -s 64,1024,65535 -d 3
run_bench stream 9 -t 2 -S -s 64,1024,65535 -d 3
bench 100000 -s 4096 -d 6
bench 400000 -s 4096 -d 4
bench 1000000 -s 4096 -d 4

# The floor: the same tools and message pattern with no bus at all (the
# owner's own EID, delivered locally by the same kernel).
mctp-echo -e 8 -t 1 &
mctp-echo -e 8 -t 2 -s &
sleep 0.5
run_bench local 8 -s 64,1024,65535 -d 2
run_bench local-stream 8 -t 2 -S -s 64,1024,65535 -d 2
cat $S/b/stats 2>/dev/null | sed 's/^/stats: /'
