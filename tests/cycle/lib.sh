# shellcheck shell=sh
# Helpers of the cycling and load tests (dash and busybox, in the test VM):
# simulated SMBus segments with this host's binding on a0 of each,
# endpoints in groups (a network namespace per group, one emulator serving
# every endpoint link of the group), a system bus, the host state service
# and mctp-ctrld.

S=/sys/kernel/debug/smbus-sim
SERVICE=xyz.openbmc_project.MCTP
ROOT=/xyz/openbmc_project/mctp
HS_SVC=xyz.openbmc_project.State.Host
HS_PATH=/xyz/openbmc_project/state/host0
HOST_ON=xyz.openbmc_project.State.Host.HostState.Running
HOST_OFF=xyz.openbmc_project.State.Host.HostState.Off
CYCLE_DIR=${CYCLE_DIR:-$(dirname "$0")}
BMC_ADDR=0x10
: >/tmp/cycle-pending

say() { echo "== [$(uptime_s)] $*"; }
pass() { echo "ok: $*"; }
uptime_s() {
	local up rest
	read -r up rest </proc/uptime
	echo "$up"
}

dump_state() {
	echo "---- daemon log (last lines, probe misses left out)"
	grep -v -e "probing" -e "nothing answers at" -e "not probing" \
		-e "no response to Get Endpoint ID (attempt" /tmp/ctrld.log 2>/dev/null | tail -n "${DUMP_LINES:-80}"
	for f in /tmp/emu-*.log; do
		[ -f "$f" ] || continue
		echo "---- $f"
		tail -n 8 "$f"
	done
	echo "---- endpoints on D-Bus"
	mctp-cycle-check list 2>&1
	echo "---- routes, neighbours"
	mctp-ctl route show 2>&1
	mctp-ctl neigh show 2>&1
	for f in $S/*/topology; do
		echo "---- $f"
		cat "$f"
	done
}

fail() {
	echo "FAIL: $* (uptime $(uptime_s))" >&2
	dump_state >&2
	exit 1
}

# wait_for SECONDS CMD...: until CMD succeeds; status 1 on timeout.
wait_for() {
	local tries=$(($1 * 5))
	shift
	while [ $tries -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
		tries=$((tries - 1))
	done
	return 1
}

# ---- segments ----

seg_add() { # SEG: a segment with a0 only (this host)
	mount -t debugfs none /sys/kernel/debug 2>/dev/null
	echo "add $1 adapters=1" >$S/control || fail "creating segment $1"
}

seg_cmd() { # SEG COMMAND...
	local seg=$1
	shift
	echo "$*" >$S/"$seg"/control || fail "segment $seg: '$*'"
}

bus_of() { # SEG NAME: i2c bus number of an adapter or mux channel
	awk -v n="$2" '$1 == n { print $2 }' $S/"$1"/adapters
}

# bmc_bind SEG: this host's binding on a0 of SEG, in this namespace
bmc_bind() {
	echo mctp-smbus $(printf 0x%x $((0x1000 + BMC_ADDR))) \
		>/sys/bus/i2c/devices/i2c-"$(bus_of "$1" a0)"/new_device || fail "binding a0 of $1"
}

# ---- endpoint groups ----

# (group_start, ep_bind and ep_wait use the check agent: agent_start first)

# uuid_of GROUP ADDR: the UUID the group's emulator gives the endpoint at
# ADDR (its base UUID ends in the link's SMBus address)
uuid_of() {
	printf 'cccccccc-0000-4000-8000-0000%06x%02x\n' "$1" "$(($2))"
}

# log_count GROUP TEXT: how many lines of the group's emulator log have TEXT
log_count() {
	check count /tmp/emu-"$1".log "$2"
}

# log_more GROUP TEXT N: wait until more than N lines have TEXT
log_more() {
	check more /tmp/emu-"$1".log "$3" 20 "$2"
}

# group_start GROUP [EMULATOR OPTIONS]: the group's namespace (once) and
# its emulator (pid in EMU_PID_GROUP), serving every link that is and will
# be bound there
group_start() {
	local g=$1 n
	shift
	[ -e /run/netns/g"$g" ] || ip netns add g"$g" || fail "netns g$g"
	n=$(log_count "$g" "serving every MCTP link")
	ip netns exec g"$g" mctp-endpoint-emu --all-links -u "$(uuid_of "$g" 0)" "$@" \
		>>/tmp/emu-"$g".log 2>&1 &
	eval EMU_PID_"$g"=$!
	log_more "$g" "serving every MCTP link" "$n" || fail "emulator of group $g did not start"
}

# ep_bind GROUP SEG ADAPTER ADDR: the endpoint's binding on its own adapter,
# in the group's namespace (ep_wait: until the emulator serves it)
ep_bind() {
	local bus
	bus=$(bus_of "$2" "$3")
	[ -n "$bus" ] || fail "no adapter $3 in $2"
	echo "$1 mctpi2c$bus $(log_count "$1" "serving mctpi2c$bus with")" >>/tmp/cycle-pending
	# (the interface is created in the namespace of the writer)
	echo mctp-smbus "$(printf 0x%x $((0x1000 + $4)))" |
		nsenter --net=/run/netns/g"$1" tee /sys/bus/i2c/devices/i2c-"$bus"/new_device >/dev/null ||
		fail "binding $3 ($4) in group $1"
}

# ep_wait: every link bound since the last ep_wait is served
ep_wait() {
	local g link n
	while read -r g link n; do
		log_more "$g" "serving $link with" "$n" || fail "group $g does not serve $link"
	done </tmp/cycle-pending
	: >/tmp/cycle-pending
}

# ep_unbind SEG ADAPTER ADDR: the endpoint's binding is removed
ep_unbind() {
	printf '0x%x\n' $((0x1000 + $3)) >/sys/bus/i2c/devices/i2c-"$(bus_of "$1" "$2")"/delete_device ||
		fail "unbinding $2 ($3)"
}

# endpoint GROUP SEG ADAPTER ADDR [on=BUS]: a new adapter and its endpoint
# (ep_wait: until it is served)
endpoint() {
	seg_cmd "$2" add-adapter "$3" ${5:+"$5"}
	ep_bind "$1" "$2" "$3" "$4"
}

# ---- D-Bus, host state, daemon ----

start_dbus() {
	mkdir -p /run/dbus /var/lib/dbus
	[ -s /etc/machine-id ] || echo 5ca1ab1e0123456789abcdef00000012 >/etc/machine-id
	dbus-daemon --config-file="$CYCLE_DIR"/system-bus.conf --fork --nopidfile ||
		fail "dbus-daemon did not start"
	wait_for 10 test -S /run/dbus/system_bus_socket || fail "no system bus socket"
}

start_host_state() {
	mctp-test-host-state -s $HOST_ON >/tmp/host-state.log 2>&1 &
	check owned $HS_SVC 20 || fail "host state service"
}

set_host() { # on|off
	check host "$1" || fail "setting the host state $1"
}

# ---- the check agent ----
# mctp-cycle-check serving commands over two FIFOs: starting a program in
# the VM costs more than most checks, and the tests run hundreds.

agent_start() {
	rm -f /tmp/agent.in /tmp/agent.out
	mkfifo /tmp/agent.in /tmp/agent.out || fail "agent FIFOs"
	mctp-cycle-check serve </tmp/agent.in >/tmp/agent.out 2>&1 &
	exec 3>/tmp/agent.in 4</tmp/agent.out
}

# check COMMAND [ARGS]: a command of mctp-cycle-check, run by the agent;
# its output shown, its status returned
check() {
	local line
	echo "$*" >&3 || fail "the check agent is gone"
	while IFS= read -r line <&4; do
		case $line in
		"= "*) return "${line#= }" ;;
		*) echo "$line" ;;
		esac
	done
	fail "the check agent is gone"
}

start_ctrld() { # CONFIG
	mctp-ctrld -v -c "$1" >>/tmp/ctrld.log 2>&1 &
	CTRLD_PID=$!
	check owned $SERVICE 30 || fail "mctp-ctrld did not take its bus name"
}

stop_ctrld() {
	local rc
	kill -TERM "$CTRLD_PID"
	wait "$CTRLD_PID"
	rc=$?
	[ $rc = 0 ] || fail "mctp-ctrld exited with status $rc on SIGTERM"
	pass "mctp-ctrld stopped cleanly"
}

ctrld_alive() {
	kill -0 "$CTRLD_PID" 2>/dev/null || fail "mctp-ctrld died"
}
