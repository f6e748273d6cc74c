#!/bin/sh
# Cycling the whole system with mctp-ctrld running as bus owner:
#
#   cycle.sh POWER_CYCLES HOTPLUG_CYCLES [full|small]
#
# One segment: this host on a0, a mux m0 (idle as-is) with 4 channels and
# emulated endpoints in three groups: always on at the root (group 1),
# host-powered at the root and behind channels 0 and 1 (group 2), always
# on behind channels 2 and 3 (group 3); 12 endpoints (full, the default)
# or 6 (small). The cycles run in rounds, each of some power cycles and
# one hot-remove cycle:
#
# - power cycle: the host goes off (host-powered endpoints Unavailable,
#   kept with route and neighbour), group 2 loses power (its EIDs dropped,
#   nothing answered, addresses NAK), then power and host come back: every
#   endpoint Available with its EID.
# - hot-remove cycle: one root endpoint's binding is removed, and either
#   one channel endpoint's binding or (odd cycles) the whole mux with every
#   endpoint behind it; the daemon drops exactly those (object, route,
#   neighbour); then everything is added back and every endpoint returns
#   with its EID.
#
# After every cycle: D-Bus objects (GetManagedObjects, and introspection
# as busctl tree walks it), routes and neighbours match the live endpoints
# exactly, no key is left (see measure.sh); daemon RSS is recorded. After
# the first round (warm-up) and every later one (at most about 20 times):
# kernel slab. At the end RSS and slab are compared with the baseline of
# the first round.
CYCLE_DIR=$(dirname "$0")
. "$CYCLE_DIR"/lib.sh
. "$CYCLE_DIR"/measure.sh

POWER=${1:-20}
HOTPLUG=${2:-5}
SIZE=${3:-full}
# Tolerances (KiB) for "back to baseline", from measured noise: see README.md
RSS_TOL_KB=${RSS_TOL_KB:-256}
SLAB_TOL_KB=${SLAB_TOL_KB:-512}
BASE=/tmp/cycle-base
SAMPLES=/tmp/cycle-samples
T0=$(uptime_s)

# ---- topology: NAME:ADDR[:CHANNEL] ----
if [ "$SIZE" = small ]; then
	ROOT_EPS="r1:0x20 r2:0x21"
	HP_ROOT="h1:0x30"
	HP_CHAN="hm1:0x32:m0.0"
	CHAN_EPS="c1:0x40:m0.2 c2:0x42:m0.3"
else
	ROOT_EPS="r1:0x20 r2:0x21 r3:0x22 r4:0x23"
	HP_ROOT="h1:0x30 h2:0x31"
	HP_CHAN="hm1:0x32:m0.0 hm2:0x33:m0.1"
	CHAN_EPS="c1:0x40:m0.2 c2:0x41:m0.2 c3:0x42:m0.3 c4:0x43:m0.3"
fi

# ep_fields ENTRY: NAME, ADDR and ON (channel or empty) of NAME:ADDR[:ON]
ep_fields() {
	local IFS=:
	# shellcheck disable=SC2086 # split at the colons
	set -- $1
	NAME=$1 ADDR=$2 ON=${3:-}
}

count() { echo $#; }
# nth N WORDS...: the Nth word (1-based)
nth() {
	shift "$1"
	echo "$1"
}

NEPS=$(count $ROOT_EPS $HP_ROOT $HP_CHAN $CHAN_EPS)
HP_ADDRS=
for e in $HP_ROOT $HP_CHAN; do
	ep_fields "$e"
	HP_ADDRS="$HP_ADDRS $ADDR"
done

add_mux() {
	seg_cmd s0 add-mux m0 parent=a0 channels=4 idle=as-is
}

# the endpoints behind the mux, adapters first (their order keeps the bus
# numbers the same each time: the i2c core hands out the lowest free one)
add_mux_endpoints() {
	local e
	for e in $HP_CHAN $CHAN_EPS; do
		ep_fields "$e"
		seg_cmd s0 add-adapter "$NAME" on="$ON"
	done
	for e in $HP_CHAN; do
		ep_fields "$e"
		ep_bind 2 s0 "$NAME" "$ADDR"
	done
	for e in $CHAN_EPS; do
		ep_fields "$e"
		ep_bind 3 s0 "$NAME" "$ADDR"
	done
	ep_wait
}

# probe_rules: the daemon's [[probe]] entries for the topology: the root
# addresses on a0's bus (channels left out), each channel's on its link
probe_rules() {
	local e k addrs hp
	for hp in false true; do
		addrs=
		[ $hp = false ] && set -- $ROOT_EPS || set -- $HP_ROOT
		for e in "$@"; do
			ep_fields "$e"
			addrs="$addrs${addrs:+, }$ADDR"
		done
		printf '\n[[probe]]\nbus = %s\nmux_channels = false\naddresses = [%s]\nhost_powered = %s\n' \
			"$B0" "$addrs" $hp
	done
	for k in 0 1 2 3; do
		addrs= hp=false
		for e in $HP_CHAN $CHAN_EPS; do
			ep_fields "$e"
			[ "$ON" = m0.$k ] || continue
			addrs="$addrs${addrs:+, }$ADDR"
			case " $HP_CHAN " in *" $e "*) hp=true ;; esac
		done
		[ -n "$addrs" ] || continue
		printf '\n[[probe]]\nlink = "mctpi2c%s"\naddresses = [%s]\nhost_powered = %s\n' \
			"$(bus_of s0 m0.$k)" "$addrs" $hp
	done
}

start_dbus
agent_start
start_host_state
say "topology: $NEPS endpoints on s0 ($SIZE)"
seg_add s0
echo 2000 >/sys/module/i2c_mctp/parameters/flow_hold_ms
bmc_bind s0
B0=$(bus_of s0 a0)
group_start 1
group_start 2
group_start 3
for e in $ROOT_EPS; do
	ep_fields "$e"
	endpoint 1 s0 "$NAME" "$ADDR"
done
for e in $HP_ROOT; do
	ep_fields "$e"
	endpoint 2 s0 "$NAME" "$ADDR"
done
add_mux
add_mux_endpoints
MUX_BUSES="$(bus_of s0 m0.0) $(bus_of s0 m0.1) $(bus_of s0 m0.2) $(bus_of s0 m0.3)"

cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 1000
retries = 1
rescan_interval_s = 2
poll_interval_s = 2
degraded_after = 1
remove_after = 2
host_debounce_ms = 500

[[network]]
own_eid = 8
pool = "16-63"
$(probe_rules)

[host]
EOT
start_ctrld /tmp/ctrld.toml
DPID=$CTRLD_PID

say "discovery"
check available "$NEPS" --wait 300 || fail "not all $NEPS endpoints discovered"
check list | sort >$BASE
# each endpoint found with the identity its group's emulator gives it
check_identity() { # GROUP ENTRY...
	local g=$1 e u
	shift
	for e in "$@"; do
		ep_fields "$e"
		u=$(uuid_of "$g" "$ADDR")
		grep -q "^$u [0-9]* $(printf 0x%02x $((ADDR))) " $BASE || fail "$NAME ($ADDR): no endpoint $u"
	done
}
check_identity 1 $ROOT_EPS
check_identity 2 $HP_ROOT $HP_CHAN
check_identity 3 $CHAN_EPS
check expect $BASE --wait 60 || fail "discovered state inconsistent"
EIDS=$(awk '{ print $2 }' $BASE | tr '\n' ' ')
pass "$NEPS endpoints, EIDs $EIDS"
KEYS0=$(keys_stat || true)
RSS_START=$(rss_kb "$DPID")
slab_snapshot /tmp/slab-start

# every check after a cycle: the expected state (D-Bus objects and tree,
# routes, neighbours, all tags free), the key count, the daemon alive
check_all() { # WHAT
	check expect $BASE --wait 60 --tags || fail "$1: endpoints not back as they were"
	keys_back "$KEYS0" || fail "$1: a key is left behind"
	ctrld_alive
}

power_cycle() { # N
	local a n
	set_host off
	check expect $BASE --host-off --wait 20 || fail "power cycle $1: host off"
	# group 2 loses power: its endpoints drop their EIDs and NAK their address
	n=$(log_count 2 "power off")
	kill -USR2 "$EMU_PID_2"
	log_more 2 "power off" "$n" || fail "power cycle $1: group 2 did not power off"
	for a in $HP_ADDRS; do echo "$a gone" >$S/s0/faults; done
	# unpowered, they stay known (Unavailable, route kept) and nothing else moves
	check expect $BASE --host-off --wait 30 || fail "power cycle $1: while the host is off"
	echo clear >$S/s0/faults
	n=$(log_count 2 "power on")
	kill -USR2 "$EMU_PID_2"
	log_more 2 "power on" "$n" || fail "power cycle $1: group 2 did not power on"
	set_host on
	check_all "power cycle $1"
}

hotplug_cycle() { # N
	local n=$1 r c e g gone what
	r=$(nth $(((n - 1) % $(count $ROOT_EPS) + 1)) $ROOT_EPS)
	ep_fields "$r"
	r=$NAME:$ADDR
	gone="--without $(uuid_of 1 "$ADDR")"
	ep_unbind s0 "$NAME" "$ADDR"
	if [ $((n % 2)) = 1 ]; then
		for e in $HP_CHAN $CHAN_EPS; do
			ep_fields "$e"
			seg_cmd s0 del "$NAME"
			g=3
			case " $HP_CHAN " in *" $e "*) g=2 ;; esac
			gone="$gone --without $(uuid_of $g "$ADDR")"
		done
		seg_cmd s0 del m0
		what="mux m0 and the $(count $HP_CHAN $CHAN_EPS) endpoints behind it"
	else
		c=$(nth $(((n / 2 - 1) % $(count $CHAN_EPS) + 1)) $CHAN_EPS)
		ep_fields "$c"
		ep_unbind s0 "$NAME" "$ADDR"
		gone="$gone --without $(uuid_of 3 "$ADDR")"
		what=$NAME
	fi
	# shellcheck disable=SC2086 # word splitting wanted
	check expect $BASE $gone --wait 60 ||
		fail "hot-remove cycle $n: ${r%%:*} and $what not dropped cleanly"
	echo "hot-remove cycle $n: ${r%%:*} and $what dropped at $(uptime_s) s"
	ep_bind 1 s0 "${r%%:*}" "${r#*:}"
	if [ $((n % 2)) = 1 ]; then
		add_mux
		add_mux_endpoints
		[ "$(bus_of s0 m0.0) $(bus_of s0 m0.1) $(bus_of s0 m0.2) $(bus_of s0 m0.3)" = "$MUX_BUSES" ] ||
			fail "the mux channels came back with other bus numbers"
	else
		ep_fields "$c"
		ep_bind 3 s0 "$NAME" "$ADDR"
		ep_wait
	fi
	check_all "hot-remove cycle $n"
}

# ---- rounds ----
ROUNDS=$HOTPLUG
[ "$ROUNDS" -ge 1 ] || ROUNDS=1
EVERY=$(((ROUNDS + 19) / 20)) # at most ~20 slab samples
echo "round power hotplug rss_kb slab_kb uptime" >$SAMPLES
p=0 h=0 round=0 last=
while [ $round -lt $ROUNDS ]; do
	round=$((round + 1))
	n=$((POWER / ROUNDS))
	[ $round -le $((POWER % ROUNDS)) ] && n=$((n + 1))
	i=0
	while [ $i -lt $n ]; do
		i=$((i + 1))
		p=$((p + 1))
		t=$(uptime_s)
		power_cycle $p
		r=$(rss_kb "$DPID")
		echo "$p $r $t $(uptime_s)" >>/tmp/cycle-rss
		echo "power cycle $p done ($t to $(uptime_s) s), RSS $r KiB"
	done
	if [ $h -lt "$HOTPLUG" ]; then
		h=$((h + 1))
		t=$(uptime_s)
		hotplug_cycle $h
		r=$(rss_kb "$DPID")
		echo "h$h $r $t $(uptime_s)" >>/tmp/cycle-rss
		echo "hot-remove cycle $h done ($t to $(uptime_s) s), RSS $r KiB"
	fi
	if [ $round = 1 ] || [ $((round % EVERY)) = 0 ] || [ $round = $ROUNDS ]; then
		t=$(uptime_s)
		[ -z "$last" ] || [ "$last" = 1 ] || rm -f /tmp/slab-"$last"
		last=$round
		slab_snapshot /tmp/slab-$round
		say "slab snapshot took $(awk -v a="$t" -v b="$(uptime_s)" 'BEGIN { printf "%.1f", b - a }') s"
		if [ $round = 1 ] && [ "$ROUNDS" -gt 10 ]; then # the noise of the measurement itself
			slab_snapshot /tmp/slab-1b
			say "slab noise: back to back $(slab_kb /tmp/slab-1) then $(slab_kb /tmp/slab-1b) KiB;" \
				"grew: $(slab_growth /tmp/slab-1 /tmp/slab-1b); shrank: $(slab_growth /tmp/slab-1b /tmp/slab-1)"
		fi
		echo "$round $p $h $(rss_kb "$DPID") $(slab_kb /tmp/slab-$round) $(uptime_s)" >>$SAMPLES
		say "round $round: $p power cycles, $h hot-remove cycles; RSS $(rss_kb "$DPID") KiB," \
			"slab $(slab_kb /tmp/slab-$round) KiB; since round 1 grew: $(slab_growth /tmp/slab-1 /tmp/slab-$round)"
	fi
done

say "figures"
cat $SAMPLES
RSS_BASE=$(awk 'NR == 2 { print $4 }' $SAMPLES)
SLAB_BASE=$(awk 'NR == 2 { print $5 }' $SAMPLES)
RSS_END=$(rss_kb "$DPID")
SLAB_END=$(slab_kb /tmp/slab-$ROUNDS)
echo "cycles: $p power, $h hot-remove, in $(awk -v a="$T0" -v b="$(uptime_s)" 'BEGIN { printf "%d", b - a }') s"
echo "EIDs stable: $NEPS endpoints, each back with its EID after every cycle"
echo "daemon RSS: start $RSS_START KiB, baseline (round 1) $RSS_BASE KiB, end $RSS_END KiB," \
	"max $(awk '{ print $2 }' /tmp/cycle-rss | sort -n | tail -n 1) KiB (tolerance $RSS_TOL_KB)"
echo "kernel slab: start $(slab_kb /tmp/slab-start) KiB, baseline (round 1) $SLAB_BASE KiB," \
	"end $SLAB_END KiB (tolerance $SLAB_TOL_KB); grew most: $(slab_growth /tmp/slab-1 /tmp/slab-$ROUNDS)"
[ $((RSS_END - RSS_BASE)) -le "$RSS_TOL_KB" ] ||
	fail "daemon RSS grew from $RSS_BASE to $RSS_END KiB"
[ $((SLAB_END - SLAB_BASE)) -le "$SLAB_TOL_KB" ] ||
	fail "slab grew from $SLAB_BASE to $SLAB_END KiB"
[ -z "$CYCLE_DUMP" ] || dump_state
stop_ctrld
echo "PASS: cycle $p power cycles, $h hot-remove cycles"
