# shellcheck shell=sh
# Leftover measurements of the cycling tests (dash and busybox, in the VM):
# daemon RSS, kernel slab and live MCTP keys, each against a baseline.

# rss_kb PID: resident set size in KiB
rss_kb() {
	local k v rest
	while read -r k v rest; do
		[ "$k" = VmRSS: ] && echo "$v"
	done </proc/"$1"/status
}

# slab_snapshot FILE: "CACHE BYTES" lines (active objects x object size),
# after freed objects went back to their caches (mctp-slab)
slab_snapshot() {
	mctp-slab >"$1" || fail "measuring slab"
}

slab_kb() { # FILE: total KiB
	awk '{ s += $2 } END { printf "%d\n", s / 1024 }' "$1"
}

# slab_growth BEFORE AFTER: the caches that grew most, "CACHE +KiB"
slab_growth() {
	awk 'NR == FNR { b[$1] = $2; next } { d = $2 - b[$1]; if (d > 0) printf "%s +%.1f\n", $1, d / 1024 }' \
		"$1" "$2" | sort -t+ -k2 -rn | head -n 8 | tr '\n' ' '
}

# ---- KEYS ----
# The core is getting per-namespace counters in /proc/net/mctp_stat
# ("name value" lines, a live key count "keys"). Until it has them, what
# is observable of keys is their tags: a key left behind holds one of the
# eight tags towards its peer, so every endpoint's EID must have all eight
# free (mctp-cycle-check expect --tags, or tags). With the counters, the
# live count must also come back to the baseline.
keys_stat() {
	[ -r /proc/net/mctp_stat ] || return 1
	awk '$1 == "keys" { print $2; found = 1 } END { exit !found }' /proc/net/mctp_stat
}

keys_at_most() { [ "$(keys_stat)" -le "$1" ]; }

# keys_back BASELINE: the live key count is back to BASELINE (keys_stat
# then; empty without the counters: nothing to compare). A request of the
# daemon's may hold a key for a moment: this waits up to 5 s.
keys_back() {
	[ -n "$1" ] || return 0
	wait_for 5 keys_at_most "$1" && return 0
	echo "keys: $(keys_stat), baseline $1"
	return 1
}
