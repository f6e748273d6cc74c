#!/bin/bash
# A bad configuration file is rejected at start with FILE:LINE: reason and
# a non-zero status; a good one passes --check.
set -u
ctrld=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
status=0

check_bad() {
	local want=$1 out
	out=$("$ctrld" --check -c "$dir/bad.toml" 2>&1) && {
		echo "FAIL: accepted: $(cat "$dir/bad.toml")"
		status=1
		return
	}
	if [[ $out != *"$dir/bad.toml:$want"* ]]; then
		echo "FAIL: expected '$dir/bad.toml:$want', got: $out"
		status=1
	else
		echo "ok: $out"
	fi
}

printf '[[network]]\nnet = 1\npool = "16-300"\n' >"$dir/bad.toml"
check_bad '3: invalid pool EID "300": must be 8..254'
printf '[timing]\n\n\npoll_interval_s = -1\n' >"$dir/bad.toml"
check_bad '4: poll_interval_s -1 out of range 0..86400'
printf '[[probe]]\nbus = 1\naddresses = [0x1d]\nhost_powerd = true\n' >"$dir/bad.toml"
check_bad '4: unknown key "host_powerd" in [[probe]]'
printf '[endpoint\n' >"$dir/bad.toml"
check_bad '1: '

"$ctrld" --check -c "$dir/missing.toml" >/dev/null 2>&1 && {
	echo "FAIL: a missing file was accepted"
	status=1
}
printf '[[network]]\nown_eid = 8\npool = "16-31"\n[[probe]]\nbus = 1\naddresses = ["0x1d-0x1f"]\n' \
	>"$dir/good.toml"
"$ctrld" --check -c "$dir/good.toml" || status=1
exit $status
