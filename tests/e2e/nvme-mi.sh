#!/bin/sh
# Debian's nvme-cli, unchanged, manages an emulated NVMe drive through the
# stack: NVMe-MI over MCTP over the simulated SMBus. The drive
# (mctp-endpoint-emu --nvme-mi) sits in its own namespace with a static
# EID; this host gets an EID, a route and a neighbour with mctp-ctl.
. "$(dirname "$0")"/lib.sh

MODEL="Emulated NVMe Drive X1"
SERIAL="SN-EMU-4711"
FW=1.2.3
TEMP=42

say "segment: a0 this host, a1 drive 0x1d (EID 20), a2 drive 0x1e with a corrupt MIC (EID 21)"
seg_create 3
bmc_up
endpoint drive a1 0x1d -e 20 --nvme-mi --nvme-model "$MODEL" --nvme-serial "$SERIAL" \
	--nvme-firmware $FW --nvme-temperature $TEMP
endpoint bad a2 0x1e -e 21 --nvme-mi --nvme-corrupt-mic
OWN=mctpi2c$(bus_of a0)
mctp-ctl link set $OWN up && mctp-ctl address add 8 dev $OWN &&
	mctp-ctl route add 20-21 via $OWN && mctp-ctl neigh add 20 dev $OWN lladdr 0x1d &&
	mctp-ctl neigh add 21 dev $OWN lladdr 0x1e || fail "addressing the drives"
DEV=mctp:1,20

# nvme CMD...: run Debian's nvme-cli on the drive, output in /tmp/nvme.out
nvme_ok() {
	nvme "$@" >/tmp/nvme.out 2>&1 || {
		cat /tmp/nvme.out
		fail "nvme $* failed"
	}
	cat /tmp/nvme.out
}
field() { # field NAME: the value of "NAME : value" in /tmp/nvme.out
	sed -n "s/^$1 *: *//p" /tmp/nvme.out | head -1 | sed 's/ *$//'
}

say "the drive lists NVMe-MI (message type 4)"
out=$(mctp-test-control -e 20 types) || fail "Get Message Type Support of EID 20"
[ "$out" = "types 0 4" ] || fail "Get Message Type Support of EID 20: $out"
pass "Get Message Type Support: $out"

say "nvme id-ctrl $DEV"
nvme_ok id-ctrl $DEV
[ "$(field mn)" = "$MODEL" ] || fail "model: '$(field mn)', want '$MODEL'"
[ "$(field sn)" = "$SERIAL" ] || fail "serial: '$(field sn)', want '$SERIAL'"
[ "$(field fr)" = "$FW" ] || fail "firmware revision: '$(field fr)', want '$FW'"
pass "id-ctrl: model, serial and firmware revision as the drive was told"

say "nvme smart-log $DEV"
nvme_ok smart-log $DEV
K=$(sed -n 's/^temperature.*(\([0-9]*\) Kelvin).*/\1/p' /tmp/nvme.out | head -1)
[ -n "$K" ] || fail "no temperature in the SMART log"
C=$((K - 273))
[ $C -ge $((TEMP - 1)) ] && [ $C -le $((TEMP + 1)) ] || fail "temperature $C C, want $TEMP +-1"
pass "smart-log: temperature $C C (the drive holds $TEMP, drifting +-1)"

say "nvme fw-log $DEV"
nvme_ok fw-log $DEV
# (nvme-cli shows the padding of a revision as dots)
grep -q "^afi  : 0x1$" /tmp/nvme.out || fail "slot 1 not active"
grep -q "^frs1 : .*($FW\.*)" /tmp/nvme.out || fail "slot 1 does not hold $FW"
pass "fw-log: slot 1 active, holding $FW"

say "nvme error-log, and the controller named (mctp:NET,EID:CTRLID)"
nvme_ok error-log $DEV -e 4
[ "$(grep -c "^error_count[[:space:]]*: 0$" /tmp/nvme.out)" = 4 ] || fail "not four empty error log entries"
nvme_ok id-ctrl $DEV:0
[ "$(field sn)" = "$SERIAL" ] || fail "controller 0: serial '$(field sn)'"
nvme id-ctrl $DEV:3 >/tmp/nvme.out 2>&1 && fail "controller 3 does not exist, yet id-ctrl worked"
cat /tmp/nvme.out
pass "error-log: four entries, no errors; controller 0 answers, controller 3 does not exist"

say "NVMe-MI commands (libnvme-mi): data structures, health poll, configuration"
mctp-test-nvme-mi 1 20 >/tmp/mi.out 2>&1 || {
	cat /tmp/mi.out
	fail "an NVMe-MI command failed"
}
cat /tmp/mi.out
mi_has() { grep -qx "$1" /tmp/mi.out || fail "NVMe-MI: no '$1'"; }
mi_has "subsystem: ports 2 version 1.2"
mi_has "port1: type 2 mtu-max 250 address 0x1d frequency 1"
mi_has "port7: status 4"
mi_has "controllers: 1 first 0"
mi_has "controller0: port 0 vid 0xfffe"
T=$(sed -n 's/^health: nss 0x38 temperature \([0-9]*\) used 3 ccs 0x0001$/\1/p' /tmp/mi.out)
[ -n "$T" ] && [ "$T" -ge $((TEMP - 1)) ] && [ "$T" -le $((TEMP + 1)) ] ||
	fail "health poll: $(grep health: /tmp/mi.out)"
mi_has "smbus-frequency: 1"
mi_has "smbus-frequency now: 2"
mi_has "mctp-mtu: 64"
mi_has "mctp-mtu now: 128"
mi_has "mctp-mtu 10: status 4"
pass "NVMe-MI data structures, health status poll and configuration as the drive holds them"

say "requests libnvme-mi does not send, on a plain AF_MCTP socket"
mctp-test-nvme-mi 1 20 raw >/tmp/mi.out 2>&1 || {
	cat /tmp/mi.out
	fail "the raw exchanges failed"
}
cat /tmp/mi.out
T=$(sed -n 's/^controller-health: status 0 entries 1 controller 0 temperature \([0-9]*\)$/\1/p' /tmp/mi.out)
[ -n "$T" ] && [ "$T" -ge $((TEMP - 1)) ] && [ "$T" -le $((TEMP + 1)) ] ||
	fail "controller health poll: $(grep controller-health /tmp/mi.out)"
mi_has "wrong-mic: no answer"
grep -q "dropped: integrity check failed" /tmp/emu-drive.log || fail "the drive did not log the bad MIC"
mi_has "truncated: status 5"
mi_has "opcode 0x7f: status 3"
pass "Controller Health Status Poll; a wrong MIC dropped, a short header Invalid Command Size, an unknown opcode Invalid Command Opcode"

say "temperature threshold (Get/Set Features 0x04)"
# (-n: nvme-cli asks a kernel device for its namespace otherwise)
nvme_ok get-feature $DEV -n 1 -f 4
grep -q "Current value:0x0*$(printf %x $((TEMP + 40 + 273)))\$" /tmp/nvme.out ||
	fail "the default over-temperature threshold is not $((TEMP + 40)) C"
# (nvme-cli 2.3 sets features on kernel devices only: libnvme-mi sets it)
mctp-test-nvme-mi 1 20 set-temp-threshold 300 || fail "Set Features failed"
nvme_ok get-feature $DEV -n 1 -f 4
grep -q "Current value:0x0*12c\$" /tmp/nvme.out || fail "the threshold did not change to 300 K"
nvme_ok smart-log $DEV
grep -q "^critical_warning.*: 0x2$\|^critical_warning.*: 2$" /tmp/nvme.out ||
	fail "no temperature warning above the threshold"
mctp-test-nvme-mi 1 20 set-temp-threshold $((TEMP + 40 + 273)) || fail "Set Features failed"
nvme_ok smart-log $DEV
grep -q "^critical_warning.*: 0$" /tmp/nvme.out || fail "the temperature warning stays"
pass "the threshold is set and read back; above it the SMART log warns"

say "nvme fw-download + fw-commit (activate now, slot 2)"
printf '2.0.0   ' >/tmp/fw.bin
dd if=/dev/urandom bs=1024 count=12 2>/dev/null >>/tmp/fw.bin
head -c 8184 /tmp/fw.bin >/tmp/fw2.bin # 8 KiB less 8: a multiple of 4, not of 4096
mv /tmp/fw2.bin /tmp/fw.bin
nvme_ok fw-download $DEV --fw=/tmp/fw.bin
grep -q "Firmware download success" /tmp/nvme.out || fail "no download success"
nvme_ok fw-commit $DEV --slot=2 --action=3
grep -q "Success committing firmware action:3 slot:2" /tmp/nvme.out || fail "commit not reported"
grep -q "admin opcode 0x10" /tmp/emu-drive.log || fail "the drive saw no Firmware Commit"
grep -q "2 More Processing Required before the response" /tmp/emu-drive.log ||
	fail "the commit was not answered More Processing Required first"
nvme_ok fw-log $DEV
grep -q "^afi  : 0x2$" /tmp/nvme.out || fail "slot 2 not active after the commit"
grep -q "^frs2 : .*(2\.0\.0\.*)" /tmp/nvme.out || fail "slot 2 does not hold 2.0.0"
grep -q "^frs1 : .*($FW\.*)" /tmp/nvme.out || fail "slot 1 lost $FW"
nvme_ok id-ctrl $DEV
[ "$(field fr)" = "2.0.0" ] || fail "running firmware: '$(field fr)', want 2.0.0"
pass "firmware 2.0.0 downloaded, committed through More Processing Required, running"

say "a second image for the next reset (commit action 1, slot 3)"
printf '3.0.0   ' >/tmp/fw3.bin
dd if=/dev/zero bs=1024 count=4 2>/dev/null >>/tmp/fw3.bin
nvme_ok fw-download $DEV --fw=/tmp/fw3.bin
nvme_ok fw-commit $DEV --slot=3 --action=1
nvme_ok fw-log $DEV
grep -q "^afi  : 0x32$" /tmp/nvme.out || fail "not slot 2 running with slot 3 next"
grep -q "^frs3 : .*(3\.0\.0\.*)" /tmp/nvme.out || fail "slot 3 does not hold 3.0.0"
nvme_ok id-ctrl $DEV
[ "$(field fr)" = "2.0.0" ] || fail "running firmware: '$(field fr)', want 2.0.0 until a reset"
pass "3.0.0 in slot 3 for the next reset; 2.0.0 still running"

say "namespaces: list-ns (Identify CNS 2), id-ns (CNS 0)"
nvme_ok list-ns $DEV
grep -q "^\[ *0\]:0x1$" /tmp/nvme.out || fail "namespace 1 not listed"
[ "$(grep -c "\]:0x" /tmp/nvme.out)" = 1 ] || fail "not exactly one namespace"
nvme_ok id-ns $DEV -n 1
[ "$(field nsze)" = "0x200000" ] || fail "namespace size '$(field nsze)', want 0x200000 blocks"
pass "one namespace, 0x200000 blocks"

say "nvme security-send + security-recv: an opaque payload through and back"
# NVMe-MI request data comes in whole dwords (libnvme-mi refuses others)
printf 'opaque-payload-0123456789abcdefg' >/tmp/sec.bin
N=$(stat -c %s /tmp/sec.bin)
nvme security-send $DEV --secp=0xea --spsp=0x0102 --tl=$N --file=/tmp/sec.bin >/tmp/nvme.out 2>&1 ||
	{ cat /tmp/nvme.out; fail "security-send"; }
nvme security-recv $DEV --secp=0xea --spsp=0x0102 --size=$N --al=$N --raw-binary >/tmp/sec.out 2>/tmp/nvme.out ||
	{ cat /tmp/nvme.out; fail "security-recv"; }
# nvme-cli prints a success line before the raw data: the data is the tail
tail -c "$N" /tmp/sec.out | cmp /tmp/sec.bin - ||
	{ od -c /tmp/sec.out | head; fail "security-recv did not return what was sent"; }
nvme security-recv $DEV --secp=0 --spsp=0 --size=16 --al=16 --raw-binary >/tmp/sec.out 2>/tmp/nvme.out ||
	{ cat /tmp/nvme.out; fail "security-recv of the protocol list"; }
[ "$(tail -c 16 /tmp/sec.out | od -An -tx1 -j6 -N4 | tr -d ' ')" = 000200ea ] ||
	{ od -An -tx1 /tmp/sec.out; fail "protocol list is not 0x00, 0xea"; }
pass "$N bytes sent and received back under protocol 0xea; protocols 0x00 and 0xea listed"

say "an unknown admin opcode"
nvme admin-passthru $DEV --opcode=0xc5 >/tmp/nvme.out 2>&1 && {
	cat /tmp/nvme.out
	fail "opcode 0xc5 succeeded"
}
cat /tmp/nvme.out
grep -qi "invalid command opcode\|INVALID_OPCODE" /tmp/nvme.out || fail "no Invalid Command Opcode status"
pass "opcode 0xc5: Invalid Command Opcode"

say "a drive whose responses carry a wrong MIC"
nvme id-ctrl mctp:1,21 >/tmp/nvme.out 2>&1 && {
	cat /tmp/nvme.out
	fail "id-ctrl succeeded with a corrupt MIC"
}
cat /tmp/nvme.out
grep -q "crc mismatch" /tmp/nvme.out || fail "libnvme-mi did not report the MIC mismatch"
pass "id-ctrl with a corrupt MIC fails: the MIC mismatch reported"
kill -0 "$(cat /tmp/emu-bad.pid)" || fail "the emulator of the bad drive died"
out=$(mctp-test-control -e 21 types) || fail "the bad drive no longer answers the control protocol"
[ "$out" = "types 0 4" ] || fail "Get Message Type Support of EID 21: $out"
nvme_ok id-ctrl $DEV
[ "$(field sn)" = "$SERIAL" ] || fail "the good drive no longer answers right"
pass "emulator and kernel keep working"
