#!/bin/sh
# mctp-ctrld as installed, under systemd as PID 1 (kernel/vm --boot systemd),
# on Debian's stock system bus with the project's D-Bus policy. At boot
# (fixtures in systemd/): a simulated segment with two endpoints, and a
# second adapter that appears only while mctp-config.service waits for it.
# Checked from inside: mctp-config applied the whole file, late bus
# included; mctp-ctrld (Type=notify, its own user, three capabilities)
# reached READY, owns its name, found the three endpoints and answers Get
# Endpoint ID; the journal has its structured fields; an unprivileged user
# can read but not change anything or own the names; `systemctl restart`
# and a crash (SIGSEGV, Restart=on-failure) both recover. mctp-nvmed (its
# own user, CAP_NET_RAW only) publishes ep1's NVMe drive; others read it but
# cannot change it or own its name. mctp-topology serve (its own user, no
# capabilities) publishes the tree, which nobody can read.
. "$(dirname "$0")"/lib.sh

OK=0
BAD=0
DAEMON=mctp-ctrld.service
U1=11111111-0000-4000-8000-000000000001
U2=11111111-0000-4000-8000-000000000002
U3=11111111-0000-4000-8000-000000000003
# the application ID of mctp-ctrld's own UUID (tools/ctrld/uuid.cpp)
APP_ID=5c2e8a41930d4b7ea2610f3cd817946b
read -r B0 LATE </run/mctp-vm-buses

section() { say "$* (uptime $(cut -d' ' -f1 /proc/uptime) s)"; }

# check DESCRIPTION CMD...: one check; the run goes on after a failure
check() {
	_d=$1
	shift
	if "$@" >/tmp/check.out 2>&1; then
		OK=$((OK + 1))
		echo "ok: $_d"
	else
		BAD=$((BAD + 1))
		echo "FAIL: $_d"
		sed 's/^/    /' /tmp/check.out | tail -n 20
	fi
}

# ---- helpers of the checks ----
is() { [ "$(cat)" = "$1" ] || { echo "expected '$1'"; return 1; }; }
unit_prop() { systemctl show -p "$2" --value "$1"; }
all_active() {
	for u in "$@"; do
		s=$(systemctl is-active "$u")
		[ "$s" = active ] || { echo "$u is $s"; return 1; }
	done
}
no_failed_units() {
	_f=$(systemctl list-units --failed --plain --no-legend)
	[ -z "$_f" ] || { echo "$_f"; return 1; }
}
journal_has() { _u=$1; shift; journalctl -b -u "$_u" -o cat | grep -q -- "$*" || { echo "not in the journal of $_u: $*"; journalctl -b -u "$_u" -o cat | tail -n 15; return 1; }; }
as_user() { _who=$1; shift; setpriv --reuid="$_who" --regid="$(id -g "$_who")" --clear-groups "$@"; }
# answered_by WHO WANT PATH IFACE MEMBER: who answers WHO's call and how
# (busctl says "Access denied" whether the bus or the daemon refused)
answered_by() {
	_who=$1 _want=$2
	shift 2
	_got=$(as_user "$_who" mctp-test-dbus-call $SERVICE "$@" 2>&1)
	case $_got in
	$_want) ;;
	*) echo "got '$_got', expected '$_want'"; return 1 ;;
	esac
}
BUS_DENIES="error org.freedesktop.DBus.Error.AccessDenied from org.freedesktop.DBus"
DAEMON_ANSWERS="* from :1.*"
# cannot_own WHO NAME: the bus refuses WHO the name
cannot_own() {
	if as_user "$1" busctl --no-pager call org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus RequestName su "$2" 4 >/tmp/own.out 2>&1; then
		echo "allowed:"; cat /tmp/own.out; return 1
	fi
	grep -q "Access denied" /tmp/own.out || { cat /tmp/own.out; return 1; }
}
# the three endpoints' UUIDs are on the bus (one call: the VM is slow)
three_endpoints() {
	busctl --no-pager call $SERVICE $ROOT org.freedesktop.DBus.ObjectManager GetManagedObjects >/tmp/objs &&
		grep -q "$U1" /tmp/objs && grep -q "$U2" /tmp/objs && grep -q "$U3" /tmp/objs
}
main_pid() { unit_prop $DAEMON MainPID; }
notify_ready() { [ "$(unit_prop $DAEMON Type)" = notify ] && [ "$(unit_prop $DAEMON StatusText)" = running ]; }
has_addresses() {
	mctp-ctl address show | grep -q "eid 8 net 1 dev mctpi2c$B0" &&
		mctp-ctl address show | grep -q "eid 9 net 1 dev mctpi2c$LATE"
}
runs_as_mctp() { [ "$(stat -c %U /proc/"$PID")" = mctp ]; }
# CAP_NET_BIND_SERVICE (10), CAP_NET_ADMIN (12), CAP_NET_RAW (13), no other
caps_are() {
	grep -q "^$1:.*0000000000003400\$" /proc/"$PID"/status && return 0
	grep "^$1" /proc/"$PID"/status
	return 1
}
owner_is_mctp() { busctl --no-pager status $SERVICE | grep -qx "EUID=$(id -u mctp)"; }
in_pool() { [ "$E1" -ge 16 ] && [ "$E1" -le 31 ]; }
tree_shows() { busctl --no-pager tree $SERVICE | grep -q "$ROOT/1/$E1"; }
get_eid_of_bmc() { ip netns exec ep1 mctp-test-control -e 8 get-eid | grep -qx 'eid 8 type 1 eid_type 0'; }
uuid_of_bmc() {
	_want="uuid $(systemd-id128 machine-id -u --app-specific=$APP_ID)"
	_got=$(ip netns exec ep1 mctp-test-control -e 8 uuid)
	[ "$_got" = "$_want" ] || { echo "got '$_got', expected '$_want'"; return 1; }
}
# journal_match REGEX MATCH...: an entry of the daemon's with the fields
# (journalctl -u would OR its own matches with the fields)
journal_match() { _re=$1; shift; journalctl -b _SYSTEMD_UNIT=$DAEMON "$@" -o cat | grep -q "$_re"; }
priority_is_info() {
	journal_match "endpoint EID $E1 on net 1" -p info MCTP_EID="$E1" &&
		! journal_match "endpoint EID $E1 on net 1" -p notice MCTP_EID="$E1"
}
journal_verbose_has() { journalctl -b _SYSTEMD_UNIT=$DAEMON MCTP_EID="$E1" -o verbose | grep -q "$1"; }
eid_as_nobody() {
	as_user nobody busctl --no-pager get-property $SERVICE "$P1" xyz.openbmc_project.MCTP.Endpoint EID |
		grep -qx "y $E1"
}
# the daemon (user mctp) owns the name of the au.com.codeconstruct.MCTP1 API
# too, with its ObjectManager there
ccapi_served() {
	name_owned au.com.codeconstruct.MCTP1 &&
		as_user nobody busctl --no-pager call au.com.codeconstruct.MCTP1 /au/com/codeconstruct/mctp1 \
			org.freedesktop.DBus.ObjectManager GetManagedObjects >/dev/null
}
restarts_are() { [ "$(unit_prop $DAEMON NRestarts)" = "$1" ]; }
eid_kept() { prop_is "$P1" xyz.openbmc_project.Common.UUID UUID s "\"$U1\""; }
# back_after OLD_PID: a new daemon process is running, ready, on the bus,
# with the three endpoints
back_after() {
	_p=$(main_pid)
	[ "$_p" != 0 ] && [ "$_p" != "$1" ] && [ "$(systemctl is-active $DAEMON)" = active ] &&
		name_owned $SERVICE && three_endpoints >/dev/null
}

section "boot: units, as installed"
check "mctp-config, mctp.target, mctp-ctrld and dbus are active" \
	all_active mctp-config.service mctp.target $DAEMON dbus.service
check "mctp-ctrld is Type=notify and reported READY with its status" notify_ready
check "journalctl -u mctp-ctrld: ready" journal_has $DAEMON ready
check "no unit failed during boot" no_failed_units

section "the configuration at boot, late i2c bus included"
check "apply waited for the late bus i2c-$LATE" \
	journal_has mctp-config.service "waiting up to 30 s for /etc/mctp/mctp.toml:7: i2c bus $LATE does not exist"
check "apply created the binding on i2c-$LATE when it appeared" \
	journal_has mctp-config.service "create smbus binding on i2c-$LATE address 0x10"
check "apply configured the late link" journal_has mctp-config.service "add address 9 dev mctpi2c$LATE"
check "addresses of both links" has_addresses

section "mctp-ctrld: its user, its capabilities, its name, discovery"
PID=$(main_pid)
check "runs as the system user mctp" runs_as_mctp
check "effective capabilities: NET_BIND_SERVICE, NET_ADMIN, NET_RAW" caps_are CapEff
check "bounding set: the same three" caps_are CapBnd
check "owns $SERVICE, as the user mctp" owner_is_mctp
check "discovers the three endpoints (one behind the late bus)" wait_for 120 three_endpoints
P1=$(path_of_uuid $U1)
E1=${P1##*/}
check "ep1 on mctpi2c$B0 at 0x1d has an EID from the pool" in_pool
check "busctl tree shows it" tree_shows

section "the endpoint role (bind() needs CAP_NET_BIND_SERVICE)"
EP1_LINK=mctpi2c$(cat /tmp/emu-ep1.bus)
ip netns exec ep1 mctp-ctl route add 8 via "$EP1_LINK" >/dev/null 2>&1
ip netns exec ep1 mctp-ctl neigh add 8 dev "$EP1_LINK" lladdr 0x10 >/dev/null 2>&1
check "Get Endpoint ID of EID 8 from ep1" get_eid_of_bmc
check "Get Endpoint UUID: the machine's app-specific ID (sd-id128)" uuid_of_bmc

section "the journal: structured fields"
check "journalctl MCTP_EID=$E1 MCTP_NET=1: ep1's setup" \
	journal_match "endpoint EID $E1 on net 1 at mctpi2c$B0 0x1d UUID $U1" MCTP_EID="$E1" MCTP_NET=1
check "journalctl MCTP_LINK=mctpi2c$B0 MCTP_SMBUS_ADDR=0x1d: the same" \
	journal_match "endpoint EID $E1 on net 1" MCTP_LINK=mctpi2c"$B0" MCTP_SMBUS_ADDR=0x1d
check "its priority is info (journalctl -p)" priority_is_info
check "entries carry their source location" journal_verbose_has "CODE_FILE=.*bus_owner.cpp"

section "D-Bus policy (stock system bus): others read, only root changes, only mctp owns"
check "nobody: busctl tree" as_user nobody busctl --no-pager tree $SERVICE
check "nobody: introspect" as_user nobody busctl --no-pager introspect $SERVICE $P1
check "nobody: get-property EID" eid_as_nobody
check "nobody: ObjectManager GetManagedObjects" \
	as_user nobody busctl --no-pager call $SERVICE $ROOT org.freedesktop.DBus.ObjectManager GetManagedObjects
check "nobody: the bus lets GetManagedObjects through" \
	answered_by nobody "reply from :1.*" $ROOT org.freedesktop.DBus.ObjectManager GetManagedObjects
check "nobody: the bus denies Rescan" answered_by nobody "$BUS_DENIES" $ROOT org.mctpstack.BusOwner Rescan
check "nobody: the bus denies SetupEndpoint" \
	answered_by nobody "$BUS_DENIES" $ROOT org.mctpstack.BusOwner SetupEndpoint
check "nobody: the bus denies an endpoint's Remove" \
	answered_by nobody "$BUS_DENIES" "$P1" org.mctpstack.Endpoint Remove
check "nobody: the bus denies Properties.Set" \
	answered_by nobody "$BUS_DENIES" "$P1" org.freedesktop.DBus.Properties Set
check "nobody: cannot own $SERVICE" cannot_own nobody $SERVICE
check "nobody: cannot own au.com.codeconstruct.MCTP1" cannot_own nobody au.com.codeconstruct.MCTP1
check "root: cannot own $SERVICE either" cannot_own root $SERVICE
check "root: the bus lets SetupEndpoint through (to the daemon)" \
	answered_by root "$DAEMON_ANSWERS" $ROOT org.mctpstack.BusOwner SetupEndpoint
check "mctp-ctrld owns au.com.codeconstruct.MCTP1, nobody reads its objects" ccapi_served
check "root: Rescan" busctl --no-pager call $SERVICE $ROOT org.mctpstack.BusOwner Rescan

section "mctp-nvmed: its user, one capability, its name, the drive"
NVMED=mctp-nvmed.service
NVME=org.mctpstack.NVMe
NPID=$(unit_prop $NVMED MainPID)
DRIVE=/xyz/openbmc_project/inventory/system/drive/nvme_1_$E1
SENSOR=/xyz/openbmc_project/sensors/temperature/nvme_1_$E1
nvmed_ready() { [ "$(unit_prop $NVMED Type)" = notify ] && [ "$(unit_prop $NVMED StatusText)" = running ]; }
nvmed_as_user() { [ "$(stat -c %U /proc/"$NPID")" = mctp-nvme ]; }
# CAP_NET_RAW (13) only: sendmsg on AF_MCTP needs it
nvmed_caps() { grep -q "^$1:.*0000000000002000\$" /proc/"$NPID"/status || { grep ^Cap /proc/"$NPID"/status; return 1; }; }
nvmed_owner() { busctl --no-pager status $NVME | grep -qx "EUID=$(id -u mctp-nvme)"; }
drive_serial() {
	as_user nobody busctl --no-pager get-property $NVME $DRIVE \
		xyz.openbmc_project.Inventory.Decorator.Asset SerialNumber | grep -qx 's "SN-SYSTEMD-1"'
}
drive_temperature() {
	_t=$(as_user nobody busctl --no-pager get-property $NVME $SENSOR xyz.openbmc_project.Sensor.Value Value)
	case $_t in "d 36" | "d 37" | "d 38") ;; *) echo "temperature: '$_t'"; return 1 ;; esac
}
nvme_answered_by() {
	_who=$1 _want=$2
	shift 2
	_got=$(as_user "$_who" mctp-test-dbus-call $NVME "$@" 2>&1)
	case $_got in
	$_want) ;;
	*) echo "got '$_got', expected '$_want'"; return 1 ;;
	esac
}
check "mctp-nvmed is active, Type=notify, READY" nvmed_ready
check "runs as the system user mctp-nvme" nvmed_as_user
check "effective capabilities: NET_RAW only" nvmed_caps CapEff
check "bounding set: the same" nvmed_caps CapBnd
check "owns $NVME, as the user mctp-nvme" nvmed_owner
check "nobody reads the drive's serial number (ep1 found through mctp-ctrld)" wait_for 60 drive_serial
check "nobody reads its temperature sensor" drive_temperature
check "nobody: the bus lets GetManagedObjects through" \
	nvme_answered_by nobody "reply from :1.*" /xyz/openbmc_project/inventory \
	org.freedesktop.DBus.ObjectManager GetManagedObjects
check "nobody: the bus denies Properties.Set" \
	nvme_answered_by nobody "$BUS_DENIES" $DRIVE org.freedesktop.DBus.Properties Set
check "nobody: the bus denies a firmware update's Cancel" \
	nvme_answered_by nobody "$BUS_DENIES" $DRIVE org.mctpstack.NVMe.FirmwareUpdate Cancel
check "root: the bus lets Cancel through (to the daemon, which has nothing to cancel)" \
	nvme_answered_by root "error * from :1.*" $DRIVE org.mctpstack.NVMe.FirmwareUpdate Cancel
check "nobody: cannot own $NVME" cannot_own nobody $NVME
check "root: cannot own $NVME either" cannot_own root $NVME
check "journalctl -u mctp-nvmed: ready" journal_has $NVMED ready

section "mctp-pldmd: its user, two capabilities, its name"
PLDMD_UNIT=mctp-pldmd.service
PLDM=org.mctpstack.PLDM
PPID_=$(unit_prop $PLDMD_UNIT MainPID)
pldmd_ready() { [ "$(unit_prop $PLDMD_UNIT Type)" = notify ] && [ "$(unit_prop $PLDMD_UNIT StatusText)" = running ]; }
pldmd_as_user() { [ "$(stat -c %U /proc/"$PPID_")" = mctp-pldm ]; }
# CAP_NET_RAW (13): sendmsg; CAP_NET_BIND_SERVICE (10): bind() of message type 1
pldmd_caps() { grep -q "^$1:.*0000000000002400\$" /proc/"$PPID_"/status || { grep ^Cap /proc/"$PPID_"/status; return 1; }; }
pldmd_owner() { busctl --no-pager status $PLDM | grep -qx "EUID=$(id -u mctp-pldm)"; }
check "mctp-pldmd is active, Type=notify, READY" pldmd_ready
check "runs as the system user mctp-pldm" pldmd_as_user
check "effective capabilities: NET_RAW and NET_BIND_SERVICE" pldmd_caps CapEff
check "bounding set: the same" pldmd_caps CapBnd
check "owns $PLDM, as the user mctp-pldm" pldmd_owner
pldm_objects_for_nobody() {
	_got=$(as_user nobody mctp-test-dbus-call $PLDM /xyz/openbmc_project/inventory \
		org.freedesktop.DBus.ObjectManager GetManagedObjects 2>&1)
	case $_got in "reply from :1."*) ;; *) echo "got '$_got'"; return 1 ;; esac
}
check "nobody: the bus lets GetManagedObjects through" pldm_objects_for_nobody
check "nobody: cannot own $PLDM" cannot_own nobody $PLDM
check "root: cannot own $PLDM either" cannot_own root $PLDM

section "mctp-ncsid: its user, two capabilities, its name"
NCSID_UNIT=mctp-ncsid.service
NCSI=org.mctpstack.NCSI
NPID_=$(unit_prop $NCSID_UNIT MainPID)
ncsid_ready() { [ "$(unit_prop $NCSID_UNIT Type)" = notify ] && [ "$(unit_prop $NCSID_UNIT StatusText)" = running ]; }
ncsid_as_user() { [ "$(stat -c %U /proc/"$NPID_")" = mctp-ncsi ]; }
# CAP_NET_RAW (13): sendmsg; CAP_NET_BIND_SERVICE (10): bind() of message type 2
ncsid_caps() { grep -q "^$1:.*0000000000002400\$" /proc/"$NPID_"/status || { grep ^Cap /proc/"$NPID_"/status; return 1; }; }
ncsid_owner() { busctl --no-pager status $NCSI | grep -qx "EUID=$(id -u mctp-ncsi)"; }
check "mctp-ncsid is active, Type=notify, READY" ncsid_ready
check "runs as the system user mctp-ncsi" ncsid_as_user
check "effective capabilities: NET_RAW and NET_BIND_SERVICE" ncsid_caps CapEff
check "bounding set: the same" ncsid_caps CapBnd
check "owns $NCSI, as the user mctp-ncsi" ncsid_owner
ncsi_objects_for_nobody() {
	_got=$(as_user nobody mctp-test-dbus-call $NCSI /xyz/openbmc_project/inventory \
		org.freedesktop.DBus.ObjectManager GetManagedObjects 2>&1)
	case $_got in "reply from :1."*) ;; *) echo "got '$_got'"; return 1 ;; esac
}
check "nobody: the bus lets GetManagedObjects through" ncsi_objects_for_nobody
check "nobody: cannot own $NCSI" cannot_own nobody $NCSI
check "root: cannot own $NCSI either" cannot_own root $NCSI

section "mctp-topology serve: its user, no capabilities, its name; anyone reads the tree"
TOPO_UNIT=mctp-topology.service
TOPO=org.mctpstack.Topology
TPID=$(unit_prop $TOPO_UNIT MainPID)
topo_ready() { [ "$(unit_prop $TOPO_UNIT Type)" = notify ] && [ "$(unit_prop $TOPO_UNIT StatusText)" = "publishing the topology" ]; }
topo_as_user() { [ "$(stat -c %U /proc/"$TPID")" = mctp-topology ]; }
# no capability at all: it reads D-Bus and sysfs
topo_caps() { grep -q "^$1:.*0000000000000000\$" /proc/"$TPID"/status || { grep ^Cap /proc/"$TPID"/status; return 1; }; }
topo_owner() { busctl --no-pager status $TOPO | grep -qx "EUID=$(id -u mctp-topology)"; }
# ep1's drive in the tree the service publishes (sysfs read under its
# unit's protections: the bus is there), usable, read by nobody
topo_drive_for_nobody() {
	as_user nobody mctp-topology --service >/tmp/topo.txt 2>&1 &&
		grep -qE "^i2c-$B0 +i2c bus " /tmp/topo.txt &&
		grep -qE "─ nvme_1_$E1 +NVMe subsystem .* usable\$" /tmp/topo.txt || { cat /tmp/topo.txt; return 1; }
}
check "mctp-topology serve is active, Type=notify, READY" topo_ready
check "runs as the system user mctp-topology" topo_as_user
check "effective capabilities: none" topo_caps CapEff
check "bounding set: none" topo_caps CapBnd
check "owns $TOPO, as the user mctp-topology" topo_owner
check "nobody reads the tree from it: ep1's drive, usable" wait_for 60 topo_drive_for_nobody
check "nobody: cannot own $TOPO" cannot_own nobody $TOPO
check "root: cannot own $TOPO either" cannot_own root $TOPO

section "systemctl restart"
OLD=$(main_pid)
systemctl restart $DAEMON
check "a new process, ready, on the bus, with the endpoints" wait_for 120 back_after "$OLD"
check "EIDs kept over the restart" eid_kept

section "a crash: SIGSEGV, Restart=on-failure"
OLD=$(main_pid)
N0=$(unit_prop $DAEMON NRestarts)
kill -SEGV "$OLD"
check "restarted by systemd" wait_for 120 restarts_are $((N0 + 1))
check "a new process, ready, on the bus, with the endpoints" wait_for 120 back_after "$OLD"
check "journalctl -u mctp-ctrld: the crash" journal_has $DAEMON "status=11/SEGV"
check "EIDs kept over the crash" eid_kept
check "still no failed unit" no_failed_units

echo "$OK passed, $BAD failed"
if [ $BAD -gt 0 ]; then
	echo "---- journal of the MCTP units"
	journalctl -b -u mctp-config.service -u $DAEMON -u mctp-nvmed.service -u mctp-pldmd.service -u mctp-ncsid.service -u mctp-topology.service -u mctp-vm-hw.service -u mctp-vm-late-bus.service \
		-o short-monotonic --no-pager 2>&1 | tail -n 120
	dump_state
fi
[ $BAD = 0 ]
