# shellcheck shell=bash
# verify_config DOTCONFIG FRAGMENT...
# Every option a fragment sets must have that value in the final .config
# (later fragments override earlier ones). Prints each mismatch; returns 1
# if there is any.
verify_config() {
	local dotconfig=$1
	shift
	awk '
	function want(line,   name, val) {
		if (line ~ /^CONFIG_[A-Za-z0-9_]+=/) {
			name = line; sub(/=.*/, "", name)
			val = line; sub(/^[^=]*=/, "", val)
		} else if (line ~ /^# CONFIG_[A-Za-z0-9_]+ is not set$/) {
			name = line; sub(/^# /, "", name); sub(/ is not set$/, "", name)
			val = "n"
		} else {
			return
		}
		if (!(name in wanted))
			order[++n] = name
		wanted[name] = val
		from[name] = FILENAME
	}
	FILENAME != dotconfig { want($0); next }
	/^CONFIG_[A-Za-z0-9_]+=/ {
		name = $0; sub(/=.*/, "", name)
		val = $0; sub(/^[^=]*=/, "", val)
		have[name] = val
	}
	END {
		bad = 0
		for (i = 1; i <= n; i++) {
			name = order[i]
			got = (name in have) ? have[name] : "n"
			if (got != wanted[name]) {
				printf "config check: %s=%s wanted by %s, but .config has %s\n",
					name, wanted[name], from[name], got > "/dev/stderr"
				bad = 1
			}
		}
		exit bad
	}' dotconfig="$dotconfig" "$@" "$dotconfig"
}
