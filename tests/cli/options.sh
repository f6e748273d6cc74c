#!/bin/bash
# Every program's command line, run for real (none of this needs the
# kernel's MCTP): --help and --version print to stdout and exit 0, bad
# arguments are named on stderr with the usage line and exit 2, and every
# long option --help lists is described in the program's man page.
# Usage: options.sh VERSION PROGRAM=MAN_SOURCE...
set -u
version=$1
shift
pass=0
fail=0
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

ok() { pass=$((pass + 1)); echo "ok - $*"; }
bad() {
	fail=$((fail + 1))
	echo "FAIL - $*"
	sed 's/^/  stdout| /' "$out"
	sed 's/^/  stderr| /' "$err"
}
# run RC PROGRAM ARGS...: run it, check its exit status
run() {
	local want=$1 prog=$2
	shift 2
	"$prog" "$@" >"$out" 2>"$err" </dev/null
	local rc=$?
	if [[ $rc == "$want" ]]; then ok "${prog##*/} $* -> $rc"; else bad "${prog##*/} $* -> $rc, want $want"; fi
}
has() { if grep -q -- "$2" "$1"; then ok "$3"; else bad "$3: no '$2'"; fi; }
empty() { if [[ ! -s $1 ]]; then ok "$2"; else bad "$2: not empty"; fi; }

# A usage error: status 2, the message and the usage line on stderr,
# nothing on stdout.
usage_error() { # PROGRAM MESSAGE ARGS...
	local prog=$1 msg=$2 name=${1##*/}
	shift 2
	run 2 "$prog" "$@"
	has "$err" "^$name: .*$msg" "${name}: '$msg' named"
	has "$err" "^Usage: $name " "${name}: usage line after the error"
	empty "$out" "${name}: nothing on stdout"
}

for pair in "$@"; do
	prog=${pair%%=*} man=${pair#*=} name=${prog##*/}
	for h in -h --help; do
		run 0 "$prog" $h
		has "$out" "^Usage: $name " "$name $h: usage"
		empty "$err" "$name $h: nothing on stderr"
	done
	run 0 "$prog" --help
	# the long options in the list (descriptions may name other programs')
	for opt in $(grep -oE -- '^ +(-[a-zA-Z],)?--[a-z-]+' "$out" | grep -o -- '--.*'); do
		has "$man" "\*$opt\*" "$name: $opt in the man page"
	done
	for v in -V --version; do
		run 0 "$prog" $v
		if [[ $(cat "$out") == "$name (mctp-stack) $version" ]]; then
			ok "$name $v: $version"
		else
			bad "$name $v: want '$name (mctp-stack) $version'"
		fi
	done
	case $name in
	mctp-req | mctp-bench) usage_error "$prog" "--bogus" -e 9 --bogus ;;
	*) usage_error "$prog" "--bogus" --bogus ;;
	esac
	case $name in
	mctp-ctl)
		usage_error "$prog" "missing OBJECT"
		usage_error "$prog" 'unknown object "lonk"' lonk
		usage_error "$prog" 'invalid MTU "12"' link set x mtu 12
		usage_error "$prog" 'invalid MTU "67"' route add 10 via x mtu 67
		usage_error "$prog" "--netns" -n
		usage_error "$prog" "--dry-run goes with apply only" --dry-run link
		run 0 "$prog" route help
		has "$out" "route add EID" "mctp-ctl route help"
		;;
	mctp-req | mctp-bench)
		usage_error "$prog" "--eid is required" -t 1
		usage_error "$prog" 'invalid EID "999"' -e 999
		usage_error "$prog" 'invalid message type "0x80"' -e 9 -t 0x80
		usage_error "$prog" "not expected: extra" -e 9 extra
		;;
	mctp-echo)
		usage_error "$prog" 'invalid count "0"' -c 0
		usage_error "$prog" 'invalid network "x"' -n x
		;;
	mctp-pldm)
		usage_error "$prog" "missing EID"
		usage_error "$prog" "missing COMMAND" 20
		usage_error "$prog" 'unknown command "bogus"' 20 bogus
		usage_error "$prog" 'invalid EID "300"' 300 tid
		usage_error "$prog" "set-tid: missing TID" 20 set-tid
		usage_error "$prog" 'invalid TID "255"' 20 set-tid 255
		usage_error "$prog" 'sensor: unexpected argument "2"' 20 sensor 1 2
		usage_error "$prog" "options go before EID" 20 -j tid
		;;
	mctp-pldmd)
		usage_error "$prog" "--config" --config
		usage_error "$prog" "not expected: extra" extra
		;;
	mctp-ctrld)
		usage_error "$prog" "--config" --config
		usage_error "$prog" "not expected: extra" extra
		;;
	esac
	if [[ $name == mctp-bench ]]; then
		usage_error "$prog" 'invalid size "x"' -e 9 -s 10,x
		usage_error "$prog" "excludes" -e 9 -d 2 -i 5
	fi
done

echo "$pass passed, $fail failed"
((fail == 0))
