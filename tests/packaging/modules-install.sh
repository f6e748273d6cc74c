#!/bin/bash
# modules-install.sh KERNEL_BUILD_DIR MODULE...: `make modules_install` for
# that kernel into a temporary INSTALL_MOD_PATH; passes when exactly the
# MODULEs named were installed under lib/modules/RELEASE/updates, each built
# for that release.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kdir=${1:?usage: modules-install.sh KERNEL_BUILD_DIR MODULE...}
shift
release=$(cat "$kdir/include/config/kernel.release") ||
	{ echo "modules-install: $kdir is not a prepared kernel build tree" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
start=$SECONDS
make -C "$root" --no-print-directory modules_install KDIR="$kdir" INSTALL_MOD_PATH="$tmp" \
	KMOD_DIR="$tmp/kmod"
echo "modules-install: built and installed for $release in $((SECONDS - start)) s"

dir=$tmp/lib/modules/$release/updates
got=$(find "$dir" -name '*.ko*' -printf '%f\n' 2>/dev/null | sed 's/\.ko.*$//' | sort | tr '\n' ' ')
want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
[[ $got == "$want" ]] ||
	{ echo "modules-install: FAIL: installed '$got' in $dir, expected '$want'" >&2; exit 1; }
while IFS= read -r m; do
	v=$(modinfo -F vermagic "$m" | cut -d' ' -f1)
	[[ $v == "$release" ]] || { echo "modules-install: FAIL: ${m##*/} is for '$v', not $release" >&2; exit 1; }
done < <(find "$dir" -name '*.ko*')
echo "modules-install: PASS: $want in ${dir#"$tmp"}"
