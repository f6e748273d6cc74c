#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# This project's tools on the upstream kernel's own MCTP stack, which has
# the same uAPI: mctp-ctl sets up a bus owner and a device (two network
# namespaces) over mctp-i2c on the simulated segment; mctp-req asks, with
# a preallocated tag (its default) and with a kernel tag, on the default
# network and on a named one; mctp-echo answers; mctp-bench streams to a
# sink under a preallocated tag.
# shellcheck source=tests/e2e/tools/lib.sh
. "$(dirname "$0")"/lib.sh

# upstream creates its interfaces in the initial namespace: move one
echo "mctp-i2c-interface 0x1010" >/sys/bus/i2c/devices/i2c-$bus0/new_device || exit 1
echo "mctp-i2c-interface 0x1011" >/sys/bus/i2c/devices/i2c-$bus1/new_device || exit 1
OWN=mctpi2c$bus0 DEV=mctpi2c$bus1
i=0
while ! [ -e /sys/class/net/$DEV ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
ip link set dev "$DEV" netns "$DEVNS" || exit 1

expect 0 "mctp-ctl: owner link, address, route, neighbour" sh -c "
	mctp-ctl link set $OWN up mtu 254 && mctp-ctl address add 8 dev $OWN &&
	mctp-ctl route add 9 via $OWN && mctp-ctl neigh add 9 dev $OWN lladdr 0x11"
expect 0 "mctp-ctl: device link, address, route, neighbour" indev sh -c "
	mctp-ctl link set $DEV up mtu 254 && mctp-ctl address add 9 dev $DEV &&
	mctp-ctl route add 8 via $DEV && mctp-ctl neigh add 8 dev $DEV lladdr 0x10"
indev mctp-echo -e 9 -t 1 &
indev mctp-echo -e 9 -t 2 -s &
sleep 0.5

expect 0 "request, preallocated tag, default network" mctp-req -e 9 -t 1 -l 300 -i 3 -w 5000 -q
has "all answered" "responses match"
expect 0 "request, preallocated tag, network 1" mctp-req -n 1 -e 9 -t 1 -l 8 -i 3 -w 5000 -q
expect 0 "request, kernel tag (round trips)" mctp-bench -e 9 -t 1 -i 10 -s 64 -j
has '"requests": 10,' "every request answered"
expect 0 "one-way stream to a sink, preallocated tag" mctp-bench -e 9 -t 2 -S -i 20 -s 64,1024 -j
[ "$(grep -c '"requests": 20,' /tmp/t.out)" = 2 ] && ok "the sink got all 20 of each size" ||
	bad "the sink got all 20 of each size"
expect 0 "mctp-ctl: the neighbour is listed" mctp-ctl neigh show
has "eid 9 net 1 dev $OWN lladdr 11" "neighbour 9 at 0x11 shown"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
