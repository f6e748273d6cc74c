#!/bin/sh
# mctp-demux-bridge on a simulated SMBus segment: demux clients on this
# host (the bus owner, EID 8) exchange messages of type 1 (PLDM's number)
# with an echo in an endpoint's namespace (EID 16); parallel clients each
# get their own answers; clients that disconnect mid-exchange or send
# garbage are logged and dropped while the others go on; requests from the
# endpoint reach every client of their type and no other; the limits hold.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")"/lib.sh

LOG=/tmp/bridge.log
C=/tmp/client

bfail() {
	echo "---- bridge log" >&2
	tail -n 100 $LOG >&2
	for f in $C*.out /tmp/echo*.log; do
		[ -f "$f" ] && { echo "---- $f" >&2; tail -n 5 "$f" >&2; }
	done
	fail "$@"
}

log_has() { grep -q -- "$1" $LOG; }
log_count() { grep -c -- "$1" $LOG; }
fds() { ls /proc/"$BPID"/fd | wc -l; }
# (wait_for runs a command again and again: these read the state each time)
fds_are() { [ "$(fds)" = "$1" ]; }
log_count_at_least() { [ "$(log_count "$1")" -ge "$2" ]; }
alive() { kill -0 "$BPID" 2>/dev/null || bfail "the bridge died"; }

say "segment: a0 this host (EID 8), a1 endpoint ep1 at 0x1d (EID 16)"
seg_create 2
bmc_up
B0=$(bus_of a0)
B1=$(bus_of a1)
ip netns add ep1
ip netns exec ep1 sh -c "echo mctp-smbus 0x101d >/sys/bus/i2c/devices/i2c-$B1/new_device" ||
	fail "binding ep1"
wait_for 10 test -e /sys/class/net/mctpi2c"$B0" || fail "no mctpi2c$B0"
wait_for 10 ip netns exec ep1 test -e /sys/class/net/mctpi2c"$B1" || fail "no mctpi2c$B1 in ep1"
L0=mctpi2c$B0
L1=mctpi2c$B1
mctp-ctl link set $L0 up && mctp-ctl address add 8 dev $L0 &&
	mctp-ctl route add 16 via $L0 && mctp-ctl neigh add 16 dev $L0 lladdr 0x1d ||
	fail "this host's address, route and neighbour"
ip netns exec ep1 mctp-ctl link set $L1 up && ip netns exec ep1 mctp-ctl address add 16 dev $L1 &&
	ip netns exec ep1 mctp-ctl route add 8 via $L1 &&
	ip netns exec ep1 mctp-ctl neigh add 8 dev $L1 lladdr 0x10 ||
	fail "ep1's address, route and neighbour"
ip netns exec ep1 mctp-echo -t 1 >/tmp/echo.log 2>&1 &
wait_for 20 grep -q ready /tmp/echo.log || fail "the echo in ep1 did not start"

say "command line"
mctp-demux-bridge --help >/tmp/out.txt 2>&1 || fail "--help failed"
grep -q -- "--max-clients" /tmp/out.txt || fail "--help lists no --max-clients"
mctp-demux-bridge --max-clients 0 >/tmp/out.txt 2>&1
[ $? = 2 ] || fail "--max-clients 0 was taken"
grep -q "client limit" /tmp/out.txt || fail "bad --max-clients not named: $(cat /tmp/out.txt)"
mctp-demux-bridge --bogus >/dev/null 2>&1
[ $? = 2 ] || fail "an unknown option was taken"
pass "--help, bad arguments refused with status 2"

say "the bridge on @mctp-mux"
mctp-demux-bridge -v >>$LOG 2>&1 &
BPID=$!
wait_for 20 log_has "ready: serving @mctp-mux" || bfail "the bridge did not start"
mctp-demux-bridge >/tmp/second.log 2>&1
[ $? = 1 ] || bfail "a second bridge on the same address started"
grep -q "@mctp-mux is in use" /tmp/second.log || bfail "second bridge: $(cat /tmp/second.log)"
pass "a second bridge is refused: $(cat /tmp/second.log)"
FD0=$(fds)

say "one client: requests of type 1 to EID 16 and their answers"
# the first answer also tells that the path is up (SMBus, echo)
wait_for 60 mctp-test-demux-client -e 16 -t 1 -l 4 -w 3000 || bfail "no answer from EID 16"
for len in 0 8 200 1024; do
	mctp-test-demux-client -e 16 -t 1 -c 3 -l $len -w 30000 >$C-one.out 2>&1 ||
		bfail "exchange of $len bytes: $(cat $C-one.out)"
	grep -q "all answered" $C-one.out || bfail "exchange of $len bytes: $(cat $C-one.out)"
done
# the integrity check bit travels in the type byte, both ways
mctp-test-demux-client -e 16 -t 1 -y 0x81 -l 8 -w 30000 >$C-ic.out 2>&1 ||
	bfail "type byte 0x81: $(cat $C-ic.out)"
grep -q "type 0x81, 9 bytes, matches" $C-ic.out || bfail "type byte 0x81: $(cat $C-ic.out)"
pass "one client: answers of 0, 8, 200 and 1024 bytes, integrity check bit kept"

say "four clients at once, each getting its own answers"
for i in 1 2 3 4; do
	mctp-test-demux-client -e 16 -t 1 -c 10 -l $((16 * i)) -w 30000 >$C-par$i.out 2>&1 &
	eval "P$i=\$!"
done
for i in 1 2 3 4; do
	eval "wait \$P$i" || bfail "parallel client $i: $(cat $C-par$i.out)"
	[ "$(grep -c matches $C-par$i.out)" = 10 ] || bfail "parallel client $i: $(cat $C-par$i.out)"
done
pass "4 parallel clients, 10 answers each, all their own"

say "clients that disconnect mid-exchange"
wait_for 20 fds_are "$FD0" || bfail "descriptors before: $(fds), expected $FD0"
closed0=$(log_count "closed: disconnected")
for i in 1 2 3 4 5 6; do
	mctp-test-demux-client -e 16 -t 1 -l 64 --disconnect >$C-disc.out 2>&1 ||
		bfail "disconnecting client: $(cat $C-disc.out)"
done
wait_for 30 log_count_at_least "closed: disconnected" $((closed0 + 6)) ||
	bfail "the bridge did not see 6 clients go"
# their answers come back to sockets that are gone: later clients are not hurt
sleep 2
alive
mctp-test-demux-client -e 16 -t 1 -c 3 -l 32 -w 30000 >$C-after.out 2>&1 ||
	bfail "a client after the disconnects: $(cat $C-after.out)"
wait_for 20 fds_are "$FD0" ||
	bfail "descriptor leak: $(fds) open, $FD0 before ($(ls -l /proc/$BPID/fd))"
pass "6 clients gone mid-exchange; the bridge serves on with $FD0 descriptors as before"

say "garbage from clients, with a well-behaved client busy meanwhile"
mctp-test-demux-client -e 16 -t 1 -c 20 -l 48 -w 30000 >$C-busy.out 2>&1 &
BUSY=$!
out=$(mctp-test-demux-client --bad-registration -t 1 2>&1) || bfail "bad registration: $out"
wait_for 10 log_has "closed: registration must be one byte (the message type), got 2 bytes" ||
	bfail "no error for a two-byte registration"
out=$(mctp-test-demux-client -t 0 2>&1) || bfail "registration for type 0: $out"
wait_for 10 log_has "closed: registration for message type 0 (MCTP control) refused" ||
	bfail "no error for a registration for type 0"
mctp-test-demux-client --short -e 16 -t 1 -c 2 -w 30000 >$C-short.out 2>&1 ||
	bfail "client after its short datagram: $(cat $C-short.out)"
log_has "datagram rejected: datagram of 1 bytes is shorter than an EID and a message type byte" ||
	bfail "no error for a short datagram"
mctp-test-demux-client --oversize -e 16 -t 1 -c 2 -w 30000 >$C-big.out 2>&1 ||
	bfail "client after its oversized datagram: $(cat $C-big.out)"
log_has "datagram rejected: datagram of 65538 bytes is longer than the limit of 65537" ||
	bfail "no error for an oversized datagram"
wait $BUSY || bfail "the busy client: $(cat $C-busy.out)"
[ "$(grep -c matches $C-busy.out)" = 20 ] || bfail "the busy client: $(cat $C-busy.out)"
grep -E "client [0-9]+ \(pid [0-9]+\)(:| closed:) (datagram rejected|registration)" $LOG
alive
pass "garbage logged with the client named, the offender closed or its datagram rejected"

say "requests from ep1 to this host: to every client of their type, to no other"
reg0=$(log_count "registered for message type")
mctp-test-demux-client -t 1 -r 1 -w 60000 >$C-in1.out 2>&1 &
IN1=$!
mctp-test-demux-client -t 1 -r 1 -w 60000 >$C-in2.out 2>&1 &
IN2=$!
mctp-test-demux-client -t 2 -r 1 -w 60000 >$C-in3.out 2>&1 &
IN3=$!
wait_for 30 log_count_at_least "registered for message type" $((reg0 + 3)) ||
	bfail "the three receiving clients did not register"
# nobody answers: mctp-req times out, what counts is what the clients got.
# Sent again (at most 3 times, each attempt printed) only if neither client
# got it: one run saw the first request not arrive at all.
n=0
while [ $n -lt 3 ] && kill -0 $IN1 2>/dev/null && kill -0 $IN2 2>/dev/null; do
	n=$((n + 1))
	echo "request of type 1 from ep1, attempt $n:"
	ip netns exec ep1 mctp-req -e 8 -t 1 -l 4 -w 500
	wait_for 5 sh -c "! kill -0 $IN1 2>/dev/null"
done
if ! wait $IN1; then
	# is it the bridge, or does no request reach this host at all?
	mctp-echo -t 1 -c 1 >/tmp/echo-root.log 2>&1 &
	sleep 1
	ip netns exec ep1 mctp-req -e 8 -t 1 -l 4 -w 3000
	cat /tmp/echo-root.log
	bfail "type-1 client 1: $(cat $C-in1.out)"
fi
wait $IN2 || bfail "type-1 client 2: $(cat $C-in2.out)"
grep -q "message from eid 16: type 0x01, 5 bytes" $C-in1.out || bfail "client 1: $(cat $C-in1.out)"
grep -q "message from eid 16: type 0x01, 5 bytes" $C-in2.out || bfail "client 2: $(cat $C-in2.out)"
sleep 1
grep -q "message from" $C-in3.out && bfail "the type-2 client got a type-1 request: $(cat $C-in3.out)"
kill -0 $IN3 2>/dev/null || bfail "the type-2 client ended early: $(cat $C-in3.out)"
ip netns exec ep1 mctp-req -e 8 -t 2 -l 6 -w 500
wait $IN3 || bfail "type-2 client: $(cat $C-in3.out)"
grep -q "message from eid 16: type 0x02, 7 bytes" $C-in3.out || bfail "type-2 client: $(cat $C-in3.out)"
pass "a type-1 request reached both type-1 clients and not the type-2 one, which got its own"

say "the client limit"
mctp-demux-bridge -s mctp-mux-small -m 1 >>/tmp/small.log 2>&1 &
SPID=$!
wait_for 20 grep -q "ready: serving @mctp-mux-small" /tmp/small.log || fail "the small bridge did not start"
mctp-test-demux-client -s mctp-mux-small -t 1 -r 1 -w 60000 >$C-first.out 2>&1 &
FIRST=$!
wait_for 20 grep -q registered $C-first.out || fail "first client of the small bridge"
mctp-test-demux-client -s mctp-mux-small -e 16 -t 1 -w 5000 >$C-second.out 2>&1 &&
	fail "a client beyond the limit was served: $(cat $C-second.out)"
grep -q "refused: already 1 clients, the limit (--max-clients)" /tmp/small.log ||
	fail "no error for a client beyond the limit: $(cat /tmp/small.log)"
kill $FIRST
wait $FIRST
wait_for 20 grep -q "closed: disconnected" /tmp/small.log || fail "the small bridge missed a client leaving"
mctp-test-demux-client -s mctp-mux-small -e 16 -t 1 -w 30000 >$C-third.out 2>&1 ||
	fail "a client once the first left: $(cat $C-third.out) $(cat /tmp/small.log)"
kill -TERM $SPID
wait $SPID || fail "the small bridge did not stop cleanly"
pass "a client beyond --max-clients refused and logged; served once a place is free"

say "the end: no descriptor left over, clean stop"
wait_for 20 fds_are "$FD0" || bfail "descriptor leak: $(fds) open, $FD0 at start"
kill -TERM $BPID
wait $BPID
rc=$?
[ $rc = 0 ] || bfail "the bridge exited with $rc on SIGTERM"
pass "descriptors back to $FD0; the bridge stopped cleanly"
echo "---- bridge log (errors and warnings)"
grep -E "error|warning" $LOG
echo "demux bridge: all checks passed"
