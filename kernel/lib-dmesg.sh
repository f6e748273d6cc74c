# shellcheck shell=bash
# Kernel log checks for kernel/vm (and its self-test, tests/vm/vm-selftest).

# Each entry: "extended regex|why it fails the run" (split at the last '|').
DMESG_PROBLEMS=(
	'BUG:|kernel BUG (bad state, sleeping in atomic context, KASAN, ...)'
	'WARNING:|kernel WARNING'
	'KASAN|KASAN report'
	'possible (circular|recursive) locking|lockdep report'
	'INFO: lockdep is turned off|turning off the locking correctness validator|DEBUG_LOCKS_WARN_ON|lockdep report'
	'kmemleak: [0-9]+ new suspected memory leaks?|kmemleak found leaks'
	'unreferenced object 0x|kmemleak found leaks'
	'kmemleak: .*(disabled|[Cc]annot allocate|[Ff]ailed)|kmemleak stopped; leak check incomplete'
	'Oops|kernel oops'
	'Call Trace|kernel stack trace'
	'Kernel panic|kernel panic'
	'general protection fault|general protection fault'
	'UBSAN:|undefined behaviour'
	'ODEBUG:|debug-objects report (timer/work/rcu lifetime)'
	'unregister_netdevice: waiting for|leaked net device reference'
	'rcu: INFO: .*detected stalls?|RCU stall'
	'INFO: task .* blocked for more than|hung task'
)

# Lines that match a pattern above but are not reports.
DMESG_BENIGN=(
	'kmemleak: Kernel memory leak detector initialized'
	'kmemleak: Automatic memory scanning thread'
	'RCU lockdep checking is enabled'
)

# Lines that do not fail a run but make its timings worthless: "regex|note".
DMESG_NOTES=(
	'Could not switch to high resolution mode|guest timers fell back to low resolution (host busy at boot); timings are coarse'
	'Marking clocksource .tsc. as unstable|guest TSC clock marked unstable; timings are coarse'
)

# dmesg_notes FILE: print each note whose pattern occurs in FILE, once.
dmesg_notes() {
	local entry
	for entry in "${DMESG_NOTES[@]}"; do
		if grep -qaE "${entry%|*}" "$1"; then
			printf '%s\n' "${entry##*|}"
		fi
	done
}

# dmesg_problems FILE: print "why: line" for each offending line; return 1 if any.
dmesg_problems() {
	local file=$1 entry re why line found=0 b
	while IFS= read -r line; do
		line=${line%$'\r'}
		for b in "${DMESG_BENIGN[@]}"; do
			[[ $line == *"$b"* ]] && continue 2
		done
		for entry in "${DMESG_PROBLEMS[@]}"; do
			re=${entry%|*}
			why=${entry##*|}
			if [[ $line =~ $re ]]; then
				printf '%s: %s\n' "$why" "$line"
				found=1
				break
			fi
		done
	done <"$file"
	return $((!found))
}
