# shellcheck shell=sh
# shellcheck disable=SC2034 # its variables are for the scripts that source it
# Shared by the tools' VM tests: checks that count and report, and the
# setup both use, a simulated segment "t" with adapters a0 (this namespace,
# the bus owner: bus $bus0) and a1 (bus $bus1), and a device namespace
# ($DEVNS, entered with indev) held open by a sleeping process.
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
bad() { fail=$((fail + 1)); echo "FAIL - $*"; sed 's/^/  | /' /tmp/t.out; }
expect() { # RC DESCRIPTION CMD...
	want=$1 what=$2
	shift 2
	"$@" >/tmp/t.out 2>&1
	rc=$?
	if [ $rc = "$want" ]; then ok "$what"; else bad "$what (exit $rc, want $want)"; fi
}
has() { if grep -q -- "$1" /tmp/t.out; then ok "$2"; else bad "$2: no '$1'"; fi; }
hasnt() { if grep -q -- "$1" /tmp/t.out; then bad "$2: '$1'"; else ok "$2"; fi; }

S=/sys/kernel/debug/smbus-sim
mount -t debugfs none /sys/kernel/debug 2>/dev/null
echo "add t adapters=2" >$S/control || exit 1
bus0=$(awk '$1 == "a0" { print $2 }' $S/t/adapters)
bus1=$(awk '$1 == "a1" { print $2 }' $S/t/adapters)
unshare -n sh -c 'echo $$ >/tmp/dev.pid; exec sleep 100000' &
_i=0
while ! [ -s /tmp/dev.pid ] && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
DEVNS=$(cat /tmp/dev.pid)
indev() { nsenter -t "$DEVNS" -n "$@"; }
