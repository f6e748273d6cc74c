#!/bin/sh
# ExecStart of mctp-vm-late-bus.service: once mctp-config.service says it
# waits for the late i2c bus, segment s1 appears: the BMC's adapter (that
# bus) and ep3 at 0x1f. Fails if apply finished without waiting for it.
E2E_DIR=/add
. /add/lib.sh
read -r _ LATE </run/mctp-vm-buses

waiting() {
	journalctl -b -u mctp-config.service -o cat |
		grep -q "waiting up to .* for .*: i2c bus $LATE does not exist"
}

i=0
until waiting; do
	case $(systemctl is-active mctp-config.service) in
	active | failed)
		waiting && break
		echo "mctp-config.service finished without waiting for i2c bus $LATE" >&2
		exit 1 ;;
	esac
	i=$((i + 1))
	[ $i -lt 1500 ] || { echo "mctp-config.service did not start" >&2; exit 1; }
	sleep 0.2
done
echo "add s1 adapters=2" >$S/control || fail "creating segment s1"
SEG=$S/s1
[ "$(bus_of a0)" = "$LATE" ] || fail "the late adapter is i2c-$(bus_of a0), not i2c-$LATE"
endpoint ep3 a1 0x1f -u 11111111-0000-4000-8000-000000000003 -t 0
echo "late hardware: i2c-$LATE with an endpoint at 0x1f"
