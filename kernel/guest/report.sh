# shellcheck shell=sh
# The guest's end of a kernel/vm run, shared by both boot modes: the
# kmemleak scan, the kernel log and the command's status between the markers
# that kernel/vm parses. Sourced by /init (busybox boot) and by the
# system-shutdown hook (systemd boot); needs TOKEN from /etc/mctp-vm/conf.

KMEMLEAK=/sys/kernel/debug/kmemleak

# An error of the VM itself, not of the command: reported as a failure.
vm_error() {
	echo "MCTP-VM-ERROR $TOKEN $*"
}

# Uptime in centiseconds.
uptime_cs() {
	read -r up _ </proc/uptime
	frac=${up#*.}
	echo $((${up%.*} * 100 + ${frac#0}))
}

# Two scans: kmemleak reports an object only once it is at least 5 s old and
# unchanged since the previous scan. Everything the command allocated exists
# at the first scan, so the second starts 5.5 s after the first did.
scan_kmemleak() {
	[ -w "$KMEMLEAK" ] || return 0
	t0=$(uptime_cs)
	echo scan >"$KMEMLEAK"
	wait_cs=$((t0 + 550 - $(uptime_cs)))
	[ $wait_cs -le 0 ] || sleep "$((wait_cs / 100)).$((wait_cs % 100 / 10))"
	echo scan >"$KMEMLEAK"
	echo "MCTP-VM-KMEMLEAK-BEGIN $TOKEN"
	cat "$KMEMLEAK"
	echo "MCTP-VM-KMEMLEAK-END $TOKEN"
}

# report STATUS: leak scan, kernel log, exit marker. Nothing else may write
# to the console meanwhile: kernel messages go only to the dmesg dump.
report() {
	dmesg -n 1
	scan_kmemleak
	echo "MCTP-VM-DMESG-BEGIN $TOKEN"
	dmesg
	echo "MCTP-VM-DMESG-END $TOKEN"
	echo "MCTP-VM-EXIT $TOKEN $1 $TOKEN"
}
