#!/bin/bash
# dkms-build.sh KERNEL_BUILD_DIR MODULE...: `dkms add`, `build`, `install`
# and `remove` of this tree (dkms.conf, as `make dkms-source` ships it)
# against a kernel build tree, in private DKMS, source, install and
# modules-load.d trees (nothing of the machine's is touched, nothing is
# signed, no depmod); passes when DKMS built and installed exactly the
# MODULEs named, each a module for that kernel's release, the package's
# modules-load.d file loads af_mctp while installed and is gone after.
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
trees=(--sourcetree "$tmp/src" --dkmstree "$tmp/dkms" --installtree "$tmp/modules")
export MCTP_MODULES_LOAD_DIR=$tmp/modules-load.d MCTP_MODULES_ROOT=$tmp/modules
conf=$MCTP_MODULES_LOAD_DIR/mctp-stack.conf
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

mkdir -p "$tmp/modules/$release" # the kernel, "installed" in the private tree
dkms install "$name/$version" -k "$release" -a "$arch" --no-depmod --kernelsourcedir "$kdir" "${trees[@]}" ||
	{ echo "dkms-build: FAIL: dkms install" >&2; exit 1; }
got=$(cd "$tmp/modules/$release/updates/dkms" && ls | sed 's/\.ko\(\.[a-z]*\)\{0,1\}$//' | sort | tr '\n' ' ')
[[ $got == "$want" ]] || { echo "dkms-build: FAIL: installed '$got', expected '$want'" >&2; exit 1; }
grep -qx af_mctp "$conf" 2>/dev/null ||
	{ echo "dkms-build: FAIL: after install, $conf does not load af_mctp" >&2; exit 1; }
dkms remove "$name/$version" -k "$release" -a "$arch" --no-depmod "${trees[@]}" ||
	{ echo "dkms-build: FAIL: dkms remove" >&2; exit 1; }
[[ ! -e $conf ]] || { echo "dkms-build: FAIL: $conf still there after dkms remove" >&2; exit 1; }
echo "dkms-build: PASS: $want built and installed for $release, loaded at boot, removed again"
