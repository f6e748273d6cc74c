#!/bin/bash
# dkms-refuse.sh HEADERS_DIR: DKMS must refuse to build the package for a
# kernel with its own MCTP stack (CONFIG_MCTP=y: AF_MCTP is taken there).
# The kernel is HEADERS_DIR's configuration with CONFIG_MCTP=y (DKMS decides
# from the .config before it builds anything, so that is all the tree has);
# private DKMS trees, nothing of the machine's is touched.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
headers=${1:?usage: dkms-refuse.sh HEADERS_DIR}
release=$(cat "$headers/include/config/kernel.release")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' "$root/dkms.conf")
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$root/dkms.conf")
trees=(--sourcetree "$tmp/src" --dkmstree "$tmp/dkms")

mkdir -p "$tmp/kernel"
sed -e '/^# CONFIG_MCTP is not set/d' -e '/^CONFIG_MCTP=/d' "$headers/.config" >"$tmp/kernel/.config"
echo CONFIG_MCTP=y >>"$tmp/kernel/.config"
mkdir -p "$tmp/dkms"
make -s -C "$root" --no-print-directory dkms-source DKMS_SOURCE_TREE="$tmp/src" >/dev/null
dkms add "$name/$version" "${trees[@]}" >/dev/null
rc=0
sign_file=/nonexistent dkms build "$name/$version" -k "$release" --kernelsourcedir "$tmp/kernel" \
	"${trees[@]}" >"$tmp/out" 2>&1 || rc=$?
if ((rc != 77)) || ! grep -q "BUILD_EXCLUSIVE directive which does not match" "$tmp/out"; then
	cat "$tmp/out" >&2
	echo "dkms-refuse: FAIL: dkms build for a kernel with CONFIG_MCTP=y exited $rc, not refused (77)" >&2
	exit 1
fi
echo "dkms-refuse: PASS: DKMS refuses a kernel with CONFIG_MCTP=y"
