#!/bin/sh
# In the VM: an SMBus binding link on the simulated bus (this project's
# mctp-smbus, or the kernel's own mctp-i2c-interface on the upstream
# flavour), then the uAPI transcript (mctp-uapi-transcript) over it.
FLAVOUR=${1:-test}
S=/sys/kernel/debug/smbus-sim
mount -t debugfs none /sys/kernel/debug 2>/dev/null
echo "add uapi adapters=1" >$S/control || { echo "uapi-scenario: cannot create a simulated segment"; exit 1; }
bus=$(awk '$1 == "a0" { print $2 }' $S/uapi/adapters)
if [ "$FLAVOUR" = upstream ]; then client=mctp-i2c-interface; else client=mctp-smbus; fi
echo "$client 0x1010" >/sys/bus/i2c/devices/i2c-$bus/new_device || exit 1
i=0
while ! [ -e /sys/class/net/mctpi2c$bus ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
exec mctp-uapi-transcript mctpi2c$bus
