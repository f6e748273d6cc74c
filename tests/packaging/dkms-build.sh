#!/bin/bash
# dkms-build.sh KERNEL_BUILD_DIR MODULE...: `dkms add` and `dkms build` of
# this tree (dkms.conf, as `make dkms-source` ships it) against a kernel
# build tree, in a private DKMS tree (nothing under /var/lib/dkms or
# /usr/src is touched, nothing is signed); passes when DKMS built exactly
# the MODULEs named, each a module for that kernel's release.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kdir=${1:?usage: dkms-build.sh KERNEL_BUILD_DIR MODULE...}
shift
(($#)) || { echo "dkms-build: name the modules DKMS must build" >&2; exit 2; }
command -v dkms >/dev/null || { echo "dkms-build: dkms is not installed (run .ci/install-deps)" >&2; exit 1; }
release=$(cat "$kdir/include/config/kernel.release") ||
	{ echo "dkms-build: $kdir is not a prepared kernel build tree" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' "$root/dkms.conf")
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$root/dkms.conf")
trees=(--sourcetree "$tmp/src" --dkmstree "$tmp/dkms")
arch=$(uname -m)

mkdir -p "$tmp/dkms"
make -s -C "$root" --no-print-directory dkms-source DKMS_SOURCE_TREE="$tmp/src"
dkms add "$name/$version" "${trees[@]}"
start=$SECONDS
if ! sign_file=/nonexistent dkms build "$name/$version" -k "$release" -a "$arch" \
	--kernelsourcedir "$kdir" "${trees[@]}"; then
	cat "$tmp/dkms/$name/$version/build/make.log" 2>/dev/null | tail -n 40 >&2
	echo "dkms-build: FAIL: dkms build for $release ($kdir)" >&2
	exit 1
fi
echo "dkms-build: built for $release in $((SECONDS - start)) s"

built=$tmp/dkms/$name/$version/$release/$arch/module
got=$(cd "$built" && ls | sed 's/\.ko\(\.[a-z]*\)\{0,1\}$//' | sort | tr '\n' ' ')
want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
[[ $got == "$want" ]] || { echo "dkms-build: FAIL: built '$got', expected '$want'" >&2; exit 1; }
for m in "$built"/*; do
	v=$(modinfo -F vermagic "$m" | cut -d' ' -f1)
	[[ $v == "$release" ]] || { echo "dkms-build: FAIL: ${m##*/} is for '$v', not $release" >&2; exit 1; }
done
echo "dkms-build: PASS: $want for $release"
