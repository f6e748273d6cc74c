#!/bin/sh
# The client library and tools over a real SMBus binding, in the VM: a bus
# owner (this namespace) and a device (its own namespace) on one simulated
# segment; mctp-echo answers on the device, mctp-req and mctp-bench ask.
# shellcheck source=tests/e2e/tools/lib.sh
. "$(dirname "$0")"/lib.sh

echo "mctp-smbus 0x1010" >/sys/bus/i2c/devices/i2c-$bus0/new_device || exit 1
indev sh -c "echo mctp-smbus 0x1011 >/sys/bus/i2c/devices/i2c-$bus1/new_device" || exit 1
sleep 0.5
OWN=mctpi2c$bus0
DEV=mctpi2c$bus1
mctp-ctl link set $OWN up mtu 254 && mctp-ctl address add 8 dev $OWN &&
	mctp-ctl route add 9-10 via $OWN && mctp-ctl neigh add 9 dev $OWN lladdr 0x11 &&
	mctp-ctl neigh add 10 dev $OWN lladdr 0x12 || exit 1
indev mctp-ctl link set $DEV up mtu 254 && indev mctp-ctl address add 9 dev $DEV &&
	indev mctp-ctl route add 8 via $DEV && indev mctp-ctl neigh add 8 dev $DEV lladdr 0x10 || exit 1
indev mctp-echo -e 9 -t 1 &
indev mctp-echo -e 9 -t 2 -s &
sleep 0.5

for len in 0 1 249 250 251 1024 65535; do
	# generous timeout: a 64 KiB exchange under the debug kernel takes a while
	expect 0 "echo of $len bytes over SMBus" mctp-req -e 9 -t 1 -l $len -i 3 -w 20000 -q
	has "all answered" "$len bytes: responses match"
done
expect 1 "request to a silent EID times out" mctp-req -e 10 -t 1 -w 300 -q
has "timed out" "timeout reported"
expect 1 "request of a type nobody serves times out" mctp-req -e 9 -t 5 -w 300 -q
# the kernel's "No route to host" made precise: what is missing, and how
# to add it
mctp-ctl route add 11 via $OWN || exit 1
expect 1 "request over a route with no neighbour entry" mctp-req -e 11 -w 300 -q
has "cannot send to EID 11 in net 1: route via $OWN but no neighbour entry for EID 11 on $OWN" \
	"the missing neighbour named"
has "add one with \`mctp-ctl neigh add 11 dev $OWN lladdr ADDR\`" "the command that adds it"
hasnt "No route to host" "not the bare errno text"
expect 1 "bench over a route with no neighbour entry" mctp-bench -e 11 -i 1 -s 8
has "no neighbour entry for EID 11 on $OWN" "bench: the missing neighbour named"
expect 1 "request to an EID with no route" mctp-req -e 40 -w 300 -q
has "cannot send to EID 40 in net 1: no route to EID 40 in net 1" "the missing route named"
hasnt "No route to host" "not the bare errno text"
expect 2 "bad EID argument" mctp-req -e 999
has 'invalid EID "999"' "bad EID named"
expect 2 "missing EID" mctp-req -l 4
expect 2 "bad size list" mctp-bench -e 9 -s 10,x
expect 0 "bench: 4 concurrent requesters" mctp-bench -e 9 -t 1 -c 4 -i 25 -s 64,1024 -j
has '"requests": 100' "bench: every request answered"
has '"errors": 0' "bench: no errors"
expect 0 "bench: one-way stream to a sink" mctp-bench -e 9 -t 2 -S -i 40 -s 64,1024,4096 -j
has '"sent": 40' "stream: 40 messages sent per size"
[ "$(grep -c '"requests": 40,' /tmp/t.out)" = 3 ] && ok "stream: the sink got all 40 of each size" ||
	bad "stream: the sink got all 40 of each size"
has '"errors": 0' "stream: no errors"
expect 1 "stream to an echo (not a sink): its count query answer is refused" \
	mctp-bench -e 9 -t 1 -S -i 5 -s 64
has "not a count" "stream: a wrong sink named"
# preallocated tags are released on every path: many more requests than
# there are tags, half of them timing out
i=0
while [ $i -lt 12 ]; do
	mctp-req -e 10 -t 1 -w 50 -q >/dev/null 2>&1
	i=$((i + 1))
done
expect 0 "tags are released after timeouts" mctp-req -e 9 -t 1 -l 8 -i 20 -q

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
