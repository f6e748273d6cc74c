# shellcheck shell=sh
# Shared helpers of the mctp-ctrld end-to-end scenarios (busybox sh, in the
# test VM): a simulated SMBus segment, endpoint emulators in their own
# network namespaces, a system bus, the daemon, and checks.

S=/sys/kernel/debug/smbus-sim
SEG=$S/s0
SERVICE=xyz.openbmc_project.MCTP
ROOT=/xyz/openbmc_project/mctp
E2E_DIR=${E2E_DIR:-$(dirname "$0")}
BMC_ADDR=0x10

say() { echo "== $*"; }
pass() { echo "ok: $*"; }

dump_state() {
	echo "---- daemon log (probe misses left out)"
	grep -v -e "probing" -e "nothing answers at" -e "no response to Get Endpoint ID (attempt" \
		/tmp/ctrld.log 2>/dev/null | tail -n 150
	for f in /tmp/emu-*.log /tmp/echo*.log; do
		[ -f "$f" ] || continue
		echo "---- $f"
		tail -n 10 "$f"
	done
	echo "---- D-Bus objects"
	busctl --no-pager --list tree $SERVICE 2>&1
	echo "---- links, routes, neighbours"
	mctp-ctl link show 2>&1
	mctp-ctl route show 2>&1
	mctp-ctl neigh show 2>&1
	echo "---- SMBus binding counters (non-zero), here and in each endpoint's namespace"
	link_counters
	for _ns in $(ip netns list 2>/dev/null | cut -d' ' -f1); do
		ip netns exec "$_ns" sh -c ". '$E2E_DIR/lib.sh'; link_counters" 2>/dev/null |
			sed "s/^/$_ns: /"
	done
	echo "---- segment"
	cat $SEG/topology $SEG/stats 2>&1
	echo "---- kernel log (last 30 lines)"
	dmesg | tail -n 30
}

# link_counters: the non-zero netdev and SMBus binding counters of this
# namespace's SMBus links, one line per link (two processes a link: this
# runs when a test failed, often on a loaded host)
link_counters() {
	for _d in /sys/class/net/mctpi2c*; do
		[ -d "$_d" ] || continue
		grep -s . "$_d"/statistics/* "$_d"/smbus/* |
			awk -F: -v l="${_d##*/}:" '$2 != "0" { sub(".*/", "", $1); l = l " " $1 "=" $2 }
				END { print l }'
	done
}

fail() {
	echo "FAIL: $* (uptime $(cut -d' ' -f1 /proc/uptime))" >&2
	dump_state >&2
	exit 1
}

# wait_for SECONDS CMD...: until CMD succeeds; status 1 on timeout.
wait_for() {
	_t=$(($1 * 5))
	shift
	while [ $_t -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
		_t=$((_t - 1))
	done
	return 1
}

# ---- the segment ----

# seg_create ADAPTERS: segment s0 with adapters a0 (the bus owner) ...
seg_create() {
	mount -t debugfs none /sys/kernel/debug 2>/dev/null
	echo "add s0 adapters=$1" >$S/control || fail "creating the segment"
}

seg_cmd() {
	echo "$*" >$SEG/control || fail "segment command '$*'"
}

# bus_of NAME: i2c bus number of adapter or mux channel NAME
bus_of() {
	awk -v n="$1" '$1 == n { print $2 }' $SEG/adapters
}

# tmp75_untouched NAME: its access counter is still 0
tmp75_untouched() {
	_a=$(awk '$1 == "accesses" { print $2 }' $SEG/"$1"/counters)
	[ "$_a" = 0 ] || fail "TMP75 $1 was accessed: $(tr '\n' ' ' <$SEG/"$1"/counters)"
	pass "TMP75 $1 untouched (accesses 0)"
}

# ---- the bus owner and the endpoints ----

# bmc_up: the SMBus binding on a0 at our address; netdevs for a0 and every
# mux channel below it appear in this namespace.
bmc_up() {
	# responses through a mux channel arrive while our flow holds it
	echo 2000 >/sys/module/i2c_mctp/parameters/flow_hold_ms
	echo mctp-smbus $(printf 0x%x $((0x1000 + BMC_ADDR))) \
		>/sys/bus/i2c/devices/i2c-"$(bus_of a0)"/new_device || fail "binding mctp-smbus on a0"
}

# endpoint NAME ADAPTER ADDR [EMULATOR OPTIONS...]: namespace NAME with an
# SMBus binding instance on ADAPTER at ADDR, and an emulator serving it.
endpoint() {
	_n=$1 _ad=$2 _addr=$3
	shift 3
	_bus=$(bus_of "$_ad")
	[ -n "$_bus" ] || fail "no adapter $_ad"
	ip netns add "$_n" 2>/dev/null
	ip netns exec "$_n" sh -c "echo mctp-smbus $(printf 0x%x $((0x1000 + _addr))) \
		>/sys/bus/i2c/devices/i2c-$_bus/new_device" || fail "binding $_n"
	echo "$_bus" >/tmp/emu-"$_n".bus
	emu_start "$_n" "$@"
}

# emu_start NAME [OPTIONS...]: (re)start the emulator of NAME
emu_start() {
	_n=$1
	shift
	_bus=$(cat /tmp/emu-"$_n".bus)
	ip netns exec "$_n" mctp-endpoint-emu -v -l mctpi2c"$_bus" "$@" >>/tmp/emu-"$_n".log 2>&1 &
	echo $! >/tmp/emu-"$_n".pid
	wait_for 10 grep -q serving /tmp/emu-"$_n".log || fail "emulator $_n did not start"
}

# emu_stop NAME: the endpoint loses power: the emulator stops and the EID
# it was given is gone.
emu_stop() {
	kill "$(cat /tmp/emu-"$1".pid)" 2>/dev/null
	wait "$(cat /tmp/emu-"$1".pid)" 2>/dev/null
	_bus=$(cat /tmp/emu-"$1".bus)
	for _e in $(ip netns exec "$1" mctp-ctl address show 2>/dev/null |
		awk '{ for (i = 1; i < NF; i++) if ($i == "eid") print $(i + 1) }'); do
		ip netns exec "$1" mctp-ctl address del "$_e" dev mctpi2c"$_bus"
	done
}

# emu_eid NAME: the EID the endpoint holds now
emu_eid() {
	ip netns exec "$1" mctp-ctl -j address show | tr ',{}' '\n\n\n' |
		awk -F: '$1 ~ /"eid"/ { print $2; exit }'
}

# ---- D-Bus and the daemon ----

start_dbus() {
	mkdir -p /run/dbus /var/lib/dbus
	[ -s /etc/machine-id ] || echo 5ca1ab1e0123456789abcdef00000001 >/etc/machine-id
	dbus-daemon --config-file="$E2E_DIR"/system-bus.conf --fork --nopidfile ||
		fail "dbus-daemon did not start"
	wait_for 10 test -S /run/dbus/system_bus_socket || fail "no system bus socket"
}

name_owned() {
	busctl --no-pager call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus \
		NameHasOwner s "$1" | grep -q true
}

# start_ctrld CONFIG: the daemon, logging to /tmp/ctrld.log
start_ctrld() {
	mctp-ctrld -v -c "$1" >>/tmp/ctrld.log 2>&1 &
	echo $! >/tmp/ctrld.pid
	wait_for 20 name_owned $SERVICE || fail "mctp-ctrld did not take its bus name"
}

# stop_ctrld: SIGTERM, and it must exit cleanly
stop_ctrld() {
	_p=$(cat /tmp/ctrld.pid)
	kill -TERM "$_p"
	wait "$_p"
	_rc=$?
	[ $_rc = 0 ] || fail "mctp-ctrld exited with status $_rc on SIGTERM"
	pass "mctp-ctrld stopped cleanly"
}

# objects: endpoint object paths, one a line
objects() {
	busctl --no-pager --list tree $SERVICE 2>/dev/null | grep -E "^$ROOT/[0-9]+/[0-9]+\$"
}

has_object() { objects | grep -qx "$1"; }
no_object() { ! objects | grep -qx "$1"; }

# prop PATH IFACE NAME: the value as busctl prints it, e.g. 'y 16'
prop() {
	busctl --no-pager get-property $SERVICE "$1" "$2" "$3"
}

# prop_is PATH IFACE NAME VALUE...: succeeds when it matches
prop_is() {
	_p=$1 _i=$2 _n=$3
	shift 3
	[ "$(prop "$_p" "$_i" "$_n" 2>/dev/null)" = "$*" ]
}

# expect_prop PATH IFACE NAME VALUE...: fails the test unless it matches
expect_prop() {
	_ep=$1 _en=$3
	_v=$(prop "$1" "$2" "$3" 2>&1)
	shift 3
	[ "$_v" = "$*" ] || fail "$_ep $_en: got '$_v', expected '$*'"
}

state_is() { prop_is "$1" org.mctpstack.Endpoint.Connectivity State s "\"$2\""; }

# path_of_uuid UUID: the object of the endpoint with that UUID
path_of_uuid() {
	for _o in $(objects); do
		if prop_is "$_o" xyz.openbmc_project.Common.UUID UUID s "\"$1\""; then
			echo "$_o"
			return 0
		fi
	done
	return 1
}

# endpoint_path UUID: as path_of_uuid, for an endpoint that should be there
# already, given a few seconds (a busctl call can fail on a starved VM)
endpoint_path() {
	wait_for 10 path_of_uuid "$1"
	path_of_uuid "$1"
}

# ---- routing checks ----

route_to() {
	mctp-ctl -j route show | tr '{' '\n' | grep "\"eid\": *$1," | grep -q "\"dev\": *\"$2\""
}

neigh_of() {
	mctp-ctl -j neigh show | tr '{' '\n' | grep "\"eid\": *$1," | grep "\"dev\": *\"$2\"" |
		grep -qi "\"lladdr\": *\"$3\""
}

no_route_to() {
	! mctp-ctl -j route show | tr '{' '\n' | grep -q "\"eid\": *$1,"
}

log_has() { grep -q "$1" /tmp/ctrld.log; }

# ---- emulators ----

# emu_control EMU FIFO LINE: a line to an emulator's control FIFO
# (--pldm-control, --ncsi-control, ...), returning once its log shows it
# took it (a "control: " line), failing when it does not within 5 s.
emu_control() {
	_n=$(grep -c "control: " /tmp/emu-"$1".log)
	echo "$3" >"$2"
	wait_for 5 sh -c "[ \$(grep -c 'control: ' /tmp/emu-$1.log) -gt $_n ]" ||
		{ tail -5 /tmp/emu-"$1".log; fail "emulator $1 did not take '$3'"; }
}
