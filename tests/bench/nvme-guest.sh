#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Inside the VM: NVMe-MI fleet polling on the simulated bus. This namespace
# is the BMC (mctp-bench-nvme, the daemon's Worker/Session code); the drives
# are MCTP endpoints in a namespace of their own, all served by one
# `mctp-endpoint-emu --all-links --nvme-mi`. Prints "NVME <json>" lines
# (the bench's) and "NVMESTAT <json>" lines (the segment's wire counters of
# the run before, as smbus-sim counted them).
#
#   nvme-guest.sh perf mux SPEEDS COUNTS CYCLES SECONDS [FW]
#     8 muxes x 8 channels (idle=as-is) on the BMC's root adapter, a drive
#     on an adapter behind each channel; for each speed (Hz) and drive count
#     a cycle run on the first COUNT drives; at the largest count a
#     free-running run (fairness), and with FW=fw the firmware download
#     scenario. Drive i sits on m(i/8).(i%8) at 0x20+i with EID 20+i.
#     NDRIVES=N sets up only N drives, MUXES=M only M muxes (N <= 8 M),
#     FW_SIZE the image size, TIMEOUT_MS the request timeout (the smoke test).
#   nvme-guest.sh perf|upstream flat N SECONDS
#     N drives on root adapters of one segment, no wire timing: a
#     free-running run for the CPU cost per exchange.
#   nvme-guest.sh perf probe-disconnect
#     one drive behind a mux with idle=disconnect: does an answer come back?
FLAVOUR=${1:?flavour}
MODE=${2:?mode}
S=/sys/kernel/debug/smbus-sim
SEG=f
mount -t debugfs none /sys/kernel/debug 2>/dev/null
if [ "$FLAVOUR" = upstream ]; then client=mctp-i2c-interface; else client=mctp-smbus; fi
die() { echo "nvme-guest: $*"; exit 1; }
say() { echo "nvme-guest: $*"; }

unshare -n sh -c 'echo $$ >/tmp/drv.pid; exec sleep 100000' &
i=0
while ! [ -s /tmp/drv.pid ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
DRVNS=$(cat /tmp/drv.pid)
indrv() { nsenter -t "$DRVNS" -n "$@"; }
busnr() { awk -v n="$1" '$1 == n { print $2 }' $S/$SEG/adapters; }
hex() { printf '%02x' "$1"; }
ctl() { echo "$*" >$S/$SEG/control || die "smbus-sim: $*"; }

# bind_drive BUS ADDR: a drive's binding, its interface in the drives' namespace
bind_drive() {
	if [ "$FLAVOUR" = upstream ]; then
		echo "$client 0x10$(hex "$2")" >/sys/bus/i2c/devices/i2c-"$1"/new_device || die "bind i2c-$1"
		w=0 # (not i: the callers' loop counter)
		while ! [ -e /sys/class/net/mctpi2c"$1" ] && [ $w -lt 50 ]; do sleep 0.1; w=$((w + 1)); done
		ip link set dev mctpi2c"$1" netns "$DRVNS" || die "move mctpi2c$1"
	else
		indrv sh -c "echo $client 0x10$(hex "$2") >/sys/bus/i2c/devices/i2c-$1/new_device" ||
			die "bind i2c-$1"
	fi
}

# drive_addr BUS EID: the drive's link up at MTU 254 with its EID
drive_addr() {
	indrv mctp-ctl link set mctpi2c"$1" up mtu 254 || die "drive link mctpi2c$1"
	indrv mctp-ctl address add "$2" dev mctpi2c"$1" || die "drive EID $2"
}

# bmc_to LINK EID ADDR: route and neighbour of a drive
bmc_to() {
	mctp-ctl route add "$2" via "$1" || die "route $2 via $1"
	mctp-ctl neigh add "$2" dev "$1" lladdr 0x"$(hex "$3")" || die "neigh $2"
}

start_emu() {
	# not through indrv: a function run with & is a subshell, and $! must be
	# the emulator (nsenter execs it) for --exclude-pid
	nsenter -t "$DRVNS" -n mctp-endpoint-emu --all-links --nvme-mi \
		-u bbbbbbbb-0000-4000-8000-000000000000 >/tmp/emu.log 2>&1 &
	EMU=$!
	sleep 1
}

# stats LABEL: the wire counters as one JSON line (from after the bench's
# warm-up cycle), and the muxes' selects and deselects since they were made
stats() {
	sel=0
	for m in $S/$SEG/m*/counters; do
		[ -e "$m" ] || continue
		n=$(awk '$1 == "selects" || $1 == "deselects" { s += $2 } END { print s + 0 }' "$m")
		sel=$((sel + n))
	done
	printf 'NVMESTAT {"label":"%s","speed":%s,"mux_writes_total":%s' "$1" "$(cat $S/$SEG/speed)" "$sel"
	awk '{ printf ",\"%s\":%s", $1, $2 }' $S/$SEG/stats
	# the BMC binding's flow and NAK counters over the bench run
	flows_now
	printf ',"bmc_flow_holds":%s,"bmc_flow_released":%s,"bmc_flow_expired":%s,"bmc_tx_nak":%s}\n' \
		$((FH - FH0)) $((FR - FR0)) $((FE - FE0)) $((TN - TN0))
}

# flows_now: sums over the BMC's links (this namespace) into FH FR FE TN
flows_now() {
	FH=0 FR=0 FE=0 TN=0
	for d in /sys/class/net/mctpi2c*/smbus; do
		[ -e "$d/flow_holds" ] || continue
		FH=$((FH + $(cat "$d"/flow_holds))) FR=$((FR + $(cat "$d"/flow_released)))
		FE=$((FE + $(cat "$d"/flow_expired))) TN=$((TN + $(cat "$d"/tx_nak)))
	done
}

bench() { # LABEL ARGS...
	label=$1
	shift
	flows_now
	FH0=$FH FR0=$FR FE0=$FE TN0=$TN
	mctp-bench-nvme -n 1 --label "$label" --exclude-pid "$EMU" --stats-reset $S/$SEG/stats "$@" \
		>/tmp/b.json 2>/tmp/b.err ||
		say "mctp-bench-nvme ($label) failed: $(cat /tmp/b.err)"
	sed 's/^/NVME /' /tmp/b.json
	stats "$label"
}

setup_bmc() { # the BMC's binding on a0
	B0=$(busnr a0)
	echo "$client 0x1010" >/sys/bus/i2c/devices/i2c-"$B0"/new_device || die "bind the BMC"
	sleep 0.5
	mctp-ctl link set mctpi2c"$B0" up mtu 254 || die "BMC link"
	mctp-ctl address add 8 dev mctpi2c"$B0" || die "BMC EID"
}

case $MODE in
mux)
	SPEEDS=${3:?speeds} COUNTS=${4:?counts} CYCLES=${5:?cycles} SECS=${6:?seconds} FW=${7:-}
	ND=${NDRIVES:-64} # drives set up (the smoke test: a few)
	echo "add $SEG adapters=1" >$S/control || die "segment"
	k=0
	while [ $k -lt "${MUXES:-8}" ]; do
		ctl add-mux m$k parent=a0 addr=0x7$k channels=8 idle=as-is
		k=$((k + 1))
	done
	i=0
	while [ $i -lt "$ND" ]; do
		ctl add-adapter d$i on=m$((i / 8)).$((i % 8))
		i=$((i + 1))
	done
	setup_bmc
	i=0
	while [ $i -lt "$ND" ]; do
		bind_drive "$(busnr d$i)" $((0x20 + i))
		i=$((i + 1))
	done
	sleep 0.5
	i=0
	while [ $i -lt "$ND" ]; do
		chan=$(busnr m$((i / 8)).$((i % 8)))
		mctp-ctl link set mctpi2c"$chan" up mtu 254 || die "BMC link of m$((i / 8)).$((i % 8))"
		# the source EID comes from the outgoing link: the BMC's EID on each
		mctp-ctl address add 8 dev mctpi2c"$chan" || die "BMC EID on m$((i / 8)).$((i % 8))"
		bmc_to mctpi2c"$chan" $((20 + i)) $((0x20 + i))
		drive_addr "$(busnr d$i)" $((20 + i))
		i=$((i + 1))
	done
	start_emu
	say "${MUXES:-8} muxes x 8 channels (idle=as-is), $ND drives, EIDs 20-$((19 + ND))"
	max=0
	for n in $COUNTS; do [ "$n" -gt $max ] && max=$n; done
	for sp in $SPEEDS; do
		echo "$sp" >$S/$SEG/speed || die "speed $sp"
		for n in $COUNTS; do
			bench "mux-$sp-$n" -e 20-$((19 + n)) --phases cycle --cycles "$CYCLES" --timeout "${TIMEOUT_MS:-60000}"
		done
		bench "free-$sp-$max" -e 20-$((19 + max)) --phases free --seconds "$SECS" --timeout "${TIMEOUT_MS:-60000}"
		if [ "$FW" = fw ]; then
			bench "fw-$sp-$max" -e 20-$((19 + max)) --phases fw --seconds "$SECS" --timeout "${TIMEOUT_MS:-60000}" \
				--fw-size "${FW_SIZE:-65536}"
		fi
	done
	;;
flat)
	N=${3:?drives} SECS=${4:?seconds}
	echo "add $SEG adapters=$((N + 1))" >$S/control || die "segment of $((N + 1)) adapters"
	setup_bmc
	i=1
	while [ $i -le "$N" ]; do
		bind_drive "$(busnr a$i)" $((0x1f + i))
		i=$((i + 1))
	done
	sleep 0.5
	i=1
	while [ $i -le "$N" ]; do
		bmc_to mctpi2c"$B0" $((19 + i)) $((0x1f + i))
		drive_addr "$(busnr a$i)" $((19 + i))
		i=$((i + 1))
	done
	start_emu
	say "flat bus: $N drives on root adapters, no wire timing, EIDs 20-$((19 + N))"
	bench "flat-$FLAVOUR-$N" -e 20-$((19 + N)) --phases cycle,free --cycles 3 --seconds "$SECS"
	;;
probe-disconnect)
	SEG=p # a segment of its own (the others may be there too)
	echo "add $SEG adapters=1" >$S/control || die "segment"
	ctl add-mux m0 parent=a0 addr=0x70 channels=2 idle=disconnect
	ctl add-adapter d0 on=m0.1
	setup_bmc
	bind_drive "$(busnr d0)" 0x1d
	sleep 0.5
	chan=$(busnr m0.1)
	mctp-ctl link set mctpi2c"$chan" up mtu 254 || die "BMC link of m0.1"
	mctp-ctl address add 8 dev mctpi2c"$chan" || die "BMC EID on m0.1"
	bmc_to mctpi2c"$chan" 20 0x1d
	drive_addr "$(busnr d0)" 20
	start_emu
	say "idle=disconnect probe: one drive at 0x1d behind m0.1, EID 20"
	bench probe-disconnect -e 20 --phases cycle --cycles 2 --timeout 2000
	for f in tx_nak tx_io_error flow_holds flow_released flow_expired; do
		printf 'nvme-guest: BMC m0.1 %s %s\n' $f "$(cat /sys/class/net/mctpi2c"$chan"/smbus/$f)"
	done
	# (the drive's /sys/class/net is its namespace's: ip shows its counters)
	indrv ip -s link show dev mctpi2c"$(busnr d0)" | sed 's/^/nvme-guest: drive /'
	sed 's/^/nvme-guest: m0 /' $S/$SEG/m0/counters
	;;
*) die "unknown mode $MODE" ;;
esac
kill "$EMU" 2>/dev/null
exit 0
