# shellcheck shell=bash
# Shared helpers for kernel/build and kernel/vm: paths, flavours, locking.

MCTP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MCTP_KDIR=$MCTP_ROOT/kernel
MCTP_CACHE=${MCTP_CACHE:-/var/cache/mctp-stack}
MCTP_SRC_PKG=linux-source-6.12
MCTP_SRC_TARBALL=${MCTP_SRC_TARBALL:-/usr/src/$MCTP_SRC_PKG.tar.xz}
MCTP_FLAVOURS="test perf upstream"
# shellcheck disable=SC2034 # used by kernel/build
# Bump when the build recipe changes in a way that needs fresh build dirs.
MCTP_RECIPE=1

die() {
	printf '%s: error: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

note() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
}

check_flavour() {
	case " $MCTP_FLAVOURS " in
	*" $1 "*) ;;
	*) die "unknown flavour '$1' (expected one of: $MCTP_FLAVOURS)" ;;
	esac
}

# Config fragments of a flavour, in the order they are merged (last wins).
flavour_fragments() {
	local f=$MCTP_KDIR/flavours
	case $1 in
	test) echo "$f/common.config $f/test.config $f/systemd.config" ;;
	perf) echo "$f/common.config $f/perf.config" ;;
	upstream) echo "$f/common.config $f/perf.config $f/upstream.config" ;;
	esac
}

# Project module directories built for a flavour (relative to the repo).
flavour_modules() {
	case $1 in
	upstream) echo "tests/smbus-sim" ;;
	*) echo "net-mctp drivers-i2c-mctp tests/smbus-sim" ;;
	esac
}

source_version() {
	dpkg-query -W -f='${Version}' "$MCTP_SRC_PKG" 2>/dev/null ||
		die "package $MCTP_SRC_PKG is not installed (run .ci/install-deps)"
}

# Take an exclusive lock for the rest of the calling shell: lock_file PATH
lock_file() {
	local fd
	mkdir -p "$(dirname "$1")" || die "cannot create $(dirname "$1")"
	exec {fd}>"$1" || die "cannot open lock file $1"
	flock "$fd" || die "cannot lock $1"
}

# Run a command holding PATH's lock only for its duration: with_lock PATH CMD...
with_lock() {
	local lock=$1
	shift
	mkdir -p "$(dirname "$lock")" || die "cannot create $(dirname "$lock")"
	flock "$lock" "$@"
}
