#!/bin/sh
# Load: many concurrent requesters against many emulated endpoints, with
# mctp-ctrld running as bus owner (it assigned the EIDs and keeps polling).
#
#   load.sh REQUESTERS ENDPOINTS SECONDS
#
# Up to 25 endpoints per simulated segment (this host on a0 of each, each
# endpoint on an adapter of its own), one emulator per segment. Requester
# i (a thread of mctp-load with its own socket) sends Get Endpoint ID to
# endpoint i mod ENDPOINTS, one request at a time, for SECONDS. Passes when
# the only errors are tag exhaustion and every requester completed
# requests; afterwards every endpoint is still there with its EID, and no
# key is left behind. Figures (totals, max/min completed per requester,
# rate) are printed, never judged.
CYCLE_DIR=$(dirname "$0")
. "$CYCLE_DIR"/lib.sh
. "$CYCLE_DIR"/measure.sh

REQ=${1:-100}
NEPS=${2:-10}
SECS=${3:-5}
PER_SEG=25
BASE=/tmp/load-base
[ "$NEPS" -ge 1 ] && [ "$NEPS" -le 100 ] || fail "1 to 100 endpoints"

say "topology: $NEPS endpoints, up to $PER_SEG per segment"
start_dbus
agent_start
# the daemon polls every endpoint each second throughout the load: its
# requests compete for the same tags
cat >/tmp/ctrld.toml <<EOT
[timing]
poll_interval_s = 1

[[network]]
own_eid = 8
pool = "16-200"
EOT
seg=0 left=$NEPS
while [ $left -gt 0 ]; do
	n=$PER_SEG
	[ $left -lt $n ] && n=$left
	seg_add s$seg
	bmc_bind s$seg
	group_start $((seg + 1))
	addrs=
	i=0
	while [ $i -lt $n ]; do
		addr=$(printf 0x%02x $((0x20 + i)))
		endpoint $((seg + 1)) s$seg e$i "$addr"
		addrs="$addrs${addrs:+, }$addr"
		i=$((i + 1))
	done
	ep_wait
	printf '\n[[probe]]\nbus = %s\naddresses = [%s]\n' "$(bus_of s$seg a0)" "$addrs" \
		>>/tmp/ctrld.toml
	seg=$((seg + 1))
	left=$((left - n))
done
start_ctrld /tmp/ctrld.toml
DPID=$CTRLD_PID

say "discovery"
check available "$NEPS" --wait 900 || fail "not all $NEPS endpoints discovered"
check list | sort >$BASE
check expect $BASE --wait 60 || fail "discovered state inconsistent"
EIDS=$(awk '{ print $2 }' $BASE | tr '\n' ' ')
KEYS0=$(keys_stat || true)
pass "$NEPS endpoints, daemon RSS $(rss_kb "$DPID") KiB"

E1=$(echo $EIDS | cut -d' ' -f1)
say "an application holds every tag towards EID $E1 for 6 s (the daemon polls each second)"
n=$(grep -c . /tmp/ctrld.log)
mctp-cycle-check hold-tags "$E1" 6 >/tmp/hold.log 2>&1 &
HOLD=$!
check more /tmp/hold.log 0 20 holding || fail "holding the tags: $(cat /tmp/hold.log)"
# the check of leftover keys sees them
check tags "$E1" >/dev/null && fail "all tags towards EID $E1 free while they are held"
wait $HOLD || fail "holding the tags: $(cat /tmp/hold.log)"
tail -n +$((n + 1)) /tmp/ctrld.log >/tmp/hold-ctrld.log
grep -q "poll of EID $E1: .*busy" /tmp/hold-ctrld.log ||
	fail "the daemon did not poll EID $E1 while its tags were busy"
grep -E "EID $E1 .*(Degraded|removed)" /tmp/hold-ctrld.log &&
	fail "EID $E1 taken for silent while its tags were busy"
check expect $BASE --tags || fail "after the tags were busy"
pass "EID $E1 kept while its tags were busy"

say "load: $REQ requesters, $NEPS endpoints, $SECS s"
# shellcheck disable=SC2086 # one argument per EID
# A request may wait behind every other one in flight (at most 8 per
# endpoint): the timeout allows 100 ms for each (10 answers a second; the
# test VM answered about 40) on top of 30 s, so that only a lost message
# times out. The long form's 800 requests in flight waited 18 s on average
# and 44 s at most under 30 s, which failed it with one ETIMEDOUT.
INFLIGHT=$((NEPS * 8))
[ "$INFLIGHT" -le "$REQ" ] || INFLIGHT=$REQ
mctp-load -r "$REQ" -d "$SECS" -t $((30000 + INFLIGHT * 100)) $EIDS || fail "load"

say "after the load"
check expect $BASE --wait 30 --tags || fail "endpoints not as before the load"
keys_back "$KEYS0" || fail "a key is left behind after the load"
ctrld_alive
pass "every endpoint still there with its EID; daemon RSS $(rss_kb "$DPID") KiB"
stop_ctrld
echo "PASS: load $REQ requesters, $NEPS endpoints"
