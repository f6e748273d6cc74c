#!/bin/sh
# Runs inside the VM (with --unload): every project module is loaded.
set -e
list=/lib/modules/mctp/load-order
[ -s $list ] || { echo "vm-modules: no project modules in the VM" >&2; exit 1; }
for m in $(cat $list); do
	name=$(echo "${m%.ko}" | tr - _)
	grep -q "^$name " /proc/modules || { echo "vm-modules: $name not loaded" >&2; exit 1; }
done
cat /proc/modules
