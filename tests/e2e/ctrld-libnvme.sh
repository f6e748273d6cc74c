#!/bin/sh
# Debian's libnvme-mi, unchanged, finds the NVMe-MI endpoints the control
# daemon publishes: nvme_mi_scan_mctp() reads the xyz.openbmc_project.MCTP
# objects over D-Bus (and gives up on the whole scan when a property has a
# type it does not expect), then keeps the endpoints that list message
# type 4 (NVMe-MI).
. "$(dirname "$0")"/lib.sh

U1=33333333-0000-4000-8000-000000000001
U2=33333333-0000-4000-8000-000000000002
U3=33333333-0000-4000-8000-000000000003

say "segment: a0 this host, a1 drive 0x1d (NVMe-MI), a2 card 0x1e (PLDM), a3 drive 0x1f (NVMe-MI, static EID 40)"
seg_create 4
bmc_up
endpoint drive1 a1 0x1d -u $U1 -t 0,4
endpoint card a2 0x1e -u $U2 -t 0,1
endpoint drive2 a3 0x1f -u $U3 -t 0,4 -e 40

start_dbus
B0=$(bus_of a0)
cat >/tmp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 1000
retries = 2
rescan_interval_s = 0
poll_interval_s = 0

[[network]]
net = 1
own_eid = 8
pool = "16-31"

[[probe]]
bus = $B0
addresses = ["0x1d-0x1f"]
EOT
start_ctrld /tmp/ctrld.toml
wait_for 120 sh -c "[ \$(busctl --no-pager --list tree $SERVICE | grep -cE '^$ROOT/1/[0-9]+\$') -ge 3 ]" ||
	fail "three endpoints not discovered"
P1=$(endpoint_path $U1) || fail "drive1 not on D-Bus"
P3=$(endpoint_path $U3) || fail "drive2 not on D-Bus"
E1=${P1##*/}
E3=${P3##*/}
expect_prop "$P1" xyz.openbmc_project.MCTP.Endpoint NetworkId i 1
pass "endpoints published: drive1 EID $E1, drive2 EID $E3"

say "nvme_mi_scan_mctp() of the distribution's libnvme-mi"
# the scan only lists endpoints; no NVMe-MI command is sent (the emulated
# drives speak no NVMe-MI yet)
LIBNVME_MI_PROBE_ENABLED=0 mctp-test-nvme-scan >/tmp/scan.txt 2>&1 || {
	cat /tmp/scan.txt
	fail "the scan failed"
}
cat /tmp/scan.txt
grep -q "endpoints 2" /tmp/scan.txt || fail "the scan did not find exactly the two drives"
grep -q "net 1 eid $E1\$" /tmp/scan.txt || fail "drive1 (net 1 EID $E1) not found by the scan"
grep -q "net 1 eid $E3\$" /tmp/scan.txt || fail "drive2 (net 1 EID $E3) not found by the scan"
pass "libnvme-mi finds both NVMe-MI endpoints and not the PLDM card"

say "the daemon stops cleanly"
stop_ctrld
