#!/bin/sh
# mctp-ctl against a kernel MCTP stack, in the VM: every command, its human
# and JSON output, its errors, monitor and apply. FLAVOUR=test runs against
# this project's modules, FLAVOUR=upstream against the kernel's own stack.
# The MCTP interfaces come from an SMBus binding on the simulated bus.
FLAVOUR=${1:-test}
pass=0
fail=0
out=/tmp/ctl.out
err=/tmp/ctl.err

ok() { pass=$((pass + 1)); echo "ok - $*"; }
bad() { fail=$((fail + 1)); echo "FAIL - $*"; echo "  stdout: $(cat $out)"; echo "  stderr: $(cat $err)"; }

# run EXPECTED_RC CMD...: run mctp-ctl, check its exit status
run() {
	want=$1
	shift
	mctp-ctl "$@" >$out 2>$err
	rc=$?
	if [ "$rc" = "$want" ]; then ok "mctp-ctl $* -> $rc"; else bad "mctp-ctl $* -> $rc, want $want"; fi
}
has() {
	if grep -q -- "$2" "$1"; then ok "$3"; else
		bad "$3: no '$2' in $1"
		[ "$1" = $out ] || [ "$1" = $err ] || sed 's/^/  file: /' "$1"
	fi
}
hasnt() { if grep -q -- "$2" "$1"; then bad "$3: unexpected '$2' in $1"; else ok "$3"; fi; }

S=/sys/kernel/debug/smbus-sim
mount -t debugfs none /sys/kernel/debug 2>/dev/null
echo "add ctl adapters=2" >$S/control || { echo "cannot create a simulated segment"; exit 1; }
bus0=$(awk '$1 == "a0" { print $2 }' $S/ctl/adapters)
bus1=$(awk '$1 == "a1" { print $2 }' $S/ctl/adapters)
if [ "$FLAVOUR" = upstream ]; then client=mctp-i2c-interface; else client=mctp-smbus; fi
echo "$client 0x1010" >/sys/bus/i2c/devices/i2c-$bus0/new_device || exit 1
DEV=mctpi2c$bus0
i=0
while ! [ -e /sys/class/net/$DEV ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

# ---- usage errors: exit 2, the bad word named ----
run 2 lonk
has $err 'unknown object "lonk"' "unknown object named"
run 2 address add 300 dev $DEV
has $err 'invalid EID "300"' "bad EID named"
run 2 route add 10 via $DEV gw 9 net 1
run 2 neigh add 10 dev $DEV
run 0 route help
has $out "route add EID" "route help"

# ---- -n NETNS: another network namespace, as with `ip -n` ----
ip netns add ctlns || { echo "cannot create a network namespace"; exit 1; }
run 0 -n ctlns link show
hasnt $out "$DEV" "-n ctlns: the root namespace's $DEV not there"
run 1 -n ctlns link set $DEV up
has $err "device \"$DEV\" does not exist" "-n ctlns: $DEV is not in ctlns"
run 1 -n nosuch link show
has $err 'network namespace "nosuch" (/run/netns/nosuch): No such file' "-n: a missing namespace named"
if [ "$FLAVOUR" = test ]; then
	ip -n ctlns link add mv0 type mctpvpair || exit 1
	run 0 -n /run/netns/ctlns link show
	has $out ": mv0: " "-n PATH: the namespace's MCTP link listed"
	run 0 -n ctlns address add 20 dev mv0
	ip netns exec ctlns mctp-ctl address show >$out 2>$err
	has $out "eid 20 net 1 dev mv0" "-n: the address went into the namespace"
	run 0 address show
	hasnt $out "eid 20 " "-n: not into the root namespace"
fi

# ---- bash completion: the MCTP devices of the namespace it runs in ----
complete_dev() { # [ip netns exec NS]: what `mctp-ctl link set <TAB>` offers
	"$@" bash -c '. /tmp/mctp-ctl.bash && COMP_WORDS=(mctp-ctl link set "") COMP_CWORD=3 &&
		_mctp_ctl && printf "%s\n" "${COMPREPLY[@]}"' >$out 2>$err
}
complete_dev
has $out "^$DEV\$" "completion offers $DEV"
has $out "^lo\$" "completion offers lo (an MCTP link)"
ip tuntap add dev ctltap0 mode tap || exit 1
complete_dev
hasnt $out "^ctltap0\$" "completion leaves out non-MCTP links"
if [ "$FLAVOUR" = test ]; then
	complete_dev ip netns exec ctlns
	has $out "^mv0\$" "completion in ctlns offers mv0"
	hasnt $out "^$DEV\$" "completion in ctlns: not the root namespace's $DEV"
fi

# ---- link ----
run 0 link show
has $out "$DEV" "link show lists $DEV"
run 0 l s $DEV up mtu 254 net 2
run 0 -j link show $DEV
has $out '"up":true' "link up in JSON"
has $out '"mtu":254' "mtu 254 in JSON"
has $out '"net":2' "net 2 in JSON"
if [ "$FLAVOUR" = test ]; then has $out '"phys_binding":"smbus"' "physical binding reported"; fi
run 0 link set $DEV net 1
run 1 link set nosuch up
has $err 'device "nosuch" does not exist' "missing device named"
run 0 link set lo up
run 1 link set ctltap0 up
has $err 'not an MCTP device' "non-MCTP device refused"
run 2 link set $DEV mtu 12
run 2 route add 10 via $DEV mtu 67
has $err 'invalid MTU "67": must be 68..65535' "route mtu below the baseline refused like link mtu"
run 2
has $err "missing OBJECT" "no arguments: usage error"

# ---- monitor (in the background while the rest changes things) ----
mctp-ctl -j monitor >/tmp/monitor.json 2>/tmp/monitor.err &
mon=$!
mctp-ctl monitor address >/tmp/monitor.txt 2>&1 &
mon2=$!
# a monitor follows changes from when it has subscribed: wait until both
# have seen one (on a busy host that takes more than a second)
i=0
while [ $i -lt 100 ]; do
	mctp-ctl address add 9 dev $DEV
	mctp-ctl address del 9 dev $DEV
	grep -q '"eid":9' /tmp/monitor.json && grep -q "eid 9 " /tmp/monitor.txt && break
	sleep 0.2
	i=$((i + 1))
done
[ $i -lt 100 ] || echo "monitors not ready after 20 s; stderr: $(cat /tmp/monitor.err)"

# ---- address ----
run 0 address add 8 dev $DEV
run 0 address show dev $DEV
has $out "eid 8 net 1 dev $DEV" "address show"
run 0 -j addr show
has $out '"eid":8' "address in JSON"
run 1 address add 8 dev $DEV
has $err "File exists" "duplicate address: kernel error quoted"
run 1 address add 255 dev $DEV
has $err "Invalid argument" "broadcast address refused by the kernel"
if [ "$FLAVOUR" = test ]; then has $err "(kernel: " "extended ack quoted"; fi

# ---- route ----
run 0 route add 10-20 via $DEV mtu 100
run 0 -j route show
has $out '"eid_last":20' "route range in JSON"
has $out '"mtu":100' "route mtu in JSON"
run 0 route show net 1
has $out "eid 10-20 net 1 via $DEV mtu 100" "route show"
has $out "eid 8 net 1 local dev $DEV" "local route shown"
run 1 route add 10-20 via $DEV mtu 100
if [ "$FLAVOUR" = test ]; then
	run 0 route add 30 gw 10 net 1
	run 0 route show
	has $out "eid 30 net 1 gw 10 net 1" "gateway route shown"
	run 0 route del 30 gw 10 net 1
else
	run 1 route add 30 gw 10 net 1
fi
run 0 route del 10-20 via $DEV
run 0 route show
hasnt $out "eid 10-20" "route deleted"
run 1 route del 10-20 via $DEV

# ---- neigh ----
run 0 neigh add 10 dev $DEV lladdr 0x1d
run 0 neigh show dev $DEV
has $out "eid 10 net 1 dev $DEV lladdr 1d" "neigh show"
run 0 -j neigh show
has $out '"lladdr":"1d"' "neigh in JSON"
run 1 neigh add 10 dev $DEV lladdr 0x1d
run 0 neigh del 10 dev $DEV
run 1 neigh del 10 dev $DEV
run 0 address del 8 dev $DEV

sleep 1
kill -0 $mon 2>/dev/null || echo "monitor -j ended early; its stderr: $(cat /tmp/monitor.err)"
kill $mon $mon2 2>/dev/null
wait $mon $mon2 2>/dev/null
has /tmp/monitor.json '"event":"new","object":"address"' "monitor: address added"
has /tmp/monitor.json '"event":"del","object":"address"' "monitor: address deleted"
has /tmp/monitor.txt "\[address\] new eid 8 net 1 dev $DEV" "monitor text output"
hasnt /tmp/monitor.txt "\[route\]" "monitor filter: only addresses"
hasnt /tmp/monitor.txt "note:" "monitor address: no note (routes not asked for)"
if [ "$FLAVOUR" = test ]; then
	# routes and neighbours come from the stack's generic netlink family
	has /tmp/monitor.json '"event":"new","object":"route"' "monitor: route added"
	has /tmp/monitor.json '"event":"del","object":"route"' "monitor: route deleted"
	has /tmp/monitor.json '"eid":10,"eid_last":20' "monitor: the route's range"
	has /tmp/monitor.json '"event":"new","object":"neigh"' "monitor: neighbour added"
	has /tmp/monitor.json '"event":"del","object":"neigh"' "monitor: neighbour deleted"
	hasnt /tmp/monitor.err "note:" "monitor: no note where the family exists"
else
	# upstream announces no route or neighbour changes: one line says so,
	# and addresses (checked above) are followed all the same
	has /tmp/monitor.err "note: this kernel announces no MCTP route or neighbour changes" \
		"monitor: the missing family noted"
	if [ "$(wc -l </tmp/monitor.err)" = 1 ]; then ok "monitor: one line of note"; else
		bad "monitor: $(wc -l </tmp/monitor.err) lines on stderr"; sed 's/^/  file: /' /tmp/monitor.err
	fi
	hasnt /tmp/monitor.json '"object":"route"' "monitor: no route events on upstream"
	run 1 monitor route neigh
	has $err "no generic netlink family" "monitor of routes only: an error where none can come"
fi

# ---- apply ----
mkdir -p /tmp/etc/mctp.d
cat >/tmp/etc/mctp.toml <<CONF
[link.$DEV]
up = true
mtu = 200
addresses = [8, 12]

[[route]]
dest = "50-52"
dev = "$DEV"
CONF
cat >/tmp/etc/mctp.d/10-neigh.toml <<CONF
[[neigh]]
eid = 50
dev = "$DEV"
lladdr = "0x22"
CONF
run 0 apply --dry-run /tmp/etc/mctp.toml
has $out "would add address 12 dev $DEV" "dry run lists changes"
run 0 address show
hasnt $out "eid 12" "dry run changed nothing"
run 0 apply /tmp/etc/mctp.toml
has $out "add neigh 50 dev $DEV lladdr 22" "apply reads the drop-in directory"
run 0 apply /tmp/etc/mctp.toml
has $out "nothing to change" "second apply changes nothing"
run 0 address add 13 dev $DEV
run 0 apply /tmp/etc/mctp.toml
has $out "del address 13 dev $DEV" "apply removes what the file does not list"

mctp-ctl -j address show >/tmp/before.json
mctp-ctl -j route show >>/tmp/before.json
printf '[link.%s]\naddresses = [8]\n[[route]]\ndest = 60\ndev = "%s"\nmtu = 7\n' "$DEV" "$DEV" >/tmp/etc/bad.toml
run 2 apply /tmp/etc/bad.toml
has $err "bad.toml:6: mtu 7 out of range" "bad file: line and reason"
mctp-ctl -j address show >/tmp/after.json
mctp-ctl -j route show >>/tmp/after.json
if cmp -s /tmp/before.json /tmp/after.json; then ok "bad file applied nothing"; else bad "bad file changed state"; fi
# a missing device holds back only the entries that name it
printf '[[route]]\ndest = 61\ndev = "nosuch"\n[[route]]\ndest = 62\ndev = "%s"\n' "$DEV" \
	>/tmp/etc/missing.toml
run 1 apply /tmp/etc/missing.toml
has $err 'missing.toml:1: device "nosuch" does not exist' "missing device: line named"
has $err '1 entry not applied; everything else was' "missing device: the rest applied"
run 0 route show
has $out "eid 62 net 1 via $DEV" "route on an existing device applied"
run 0 route del 62 via $DEV

if [ "$FLAVOUR" = test ]; then
	printf '[[smbus]]\nbus = %s\naddress = 0x11\n[link.mctpi2c%s]\nup = true\naddresses = [20]\n' \
		"$bus1" "$bus1" >/tmp/etc/smbus.toml
	run 0 apply /tmp/etc/smbus.toml
	has $out "create smbus binding on i2c-$bus1 address 0x11" "apply creates the SMBus binding"
	run 0 address show dev mctpi2c$bus1
	has $out "eid 20" "address on the new binding's interface"
	run 0 apply /tmp/etc/smbus.toml
	has $out "nothing to change" "smbus apply is idempotent"

	# the kernel refuses a second binding on a bus (-EBUSY): apply fails,
	# names the binding and removes the i2c device it created
	printf '[[smbus]]\nbus = %s\naddress = 0x12\n' "$bus1" >/tmp/etc/busy.toml
	run 1 apply /tmp/etc/busy.toml
	has $err "create smbus binding on i2c-$bus1 address 0x12: the kernel refused" "refused binding named"
	has $err "already has an SMBus binding ($bus1-1011)" "refused binding: the bus's binding named"
	if [ -e /sys/bus/i2c/devices/$bus1-1012 ]; then bad "refused binding left $bus1-1012"; else ok "refused binding removed"; fi
	run 0 address show dev mctpi2c$bus1
	has $out "eid 20" "the existing binding still works"

	# an i2c bus that appears later (a driver probing late): without
	# --wait the rest is applied and the binding named; with --wait,
	# apply waits for it and then applies it
	late=$(($(ls /sys/bus/i2c/devices | sed -n 's/^i2c-//p' | sort -n | tail -n1) + 1))
	printf '[[smbus]]\nbus = %s\naddress = 0x10\n[link.mctpi2c%s]\nup = true\naddresses = [21]\n' \
		"$late" "$late" >/tmp/etc/late.toml
	printf '[[route]]\ndest = 63\ndev = "%s"\n' "$DEV" >>/tmp/etc/late.toml
	run 1 apply /tmp/etc/late.toml
	has $err "late.toml:1: i2c bus $late does not exist" "late bus: binding named"
	has $err "late.toml:4: device \"mctpi2c$late\" does not exist" "late bus: its link named"
	run 0 route show
	has $out "eid 63 net 1 via $DEV" "late bus: the rest applied"
	mctp-ctl apply --wait 120 /tmp/etc/late.toml >/tmp/late.out 2>/tmp/late.err &
	apply_pid=$!
	i=0
	while ! grep -q "waiting up to 120 s for .*i2c bus $late does not exist" /tmp/late.out && [ $i -lt 600 ]; do
		sleep 0.2
		i=$((i + 1))
	done
	has /tmp/late.out "waiting up to 120 s for /tmp/etc/late.toml:1: i2c bus $late" "late bus: apply waits"
	echo "add late adapters=1" >$S/control
	[ "$(awk '$1 == "a0" { print $2 }' $S/late/adapters)" = "$late" ] || bad "late adapter is not i2c-$late"
	wait $apply_pid
	rc=$?
	cp /tmp/late.out $out
	cp /tmp/late.err $err
	if [ $rc = 0 ]; then ok "late bus: apply --wait succeeds"; else bad "late bus: apply --wait -> $rc"; fi
	has $out "create smbus binding on i2c-$late address 0x10" "late bus: binding created"
	has $out "add address 21 dev mctpi2c$late" "late bus: its link configured"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
