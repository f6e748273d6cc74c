#!/bin/sh
# ExecStart of mctp-vm-hw.service: segment s0 with the BMC's adapter a0 and
# two endpoints (ep1 on a1 at 0x1d, ep2 on a2 at 0x1e) in their own network
# namespaces, and the configuration of both MCTP services. The adapter of
# the late segment (mctp-vm-late-bus.service) will be the next i2c bus.
E2E_DIR=/add
. /add/lib.sh

seg_create 3
B0=$(bus_of a0)
LATE=$(($(bus_of a2) + 1))
echo "$B0 $LATE" >/run/mctp-vm-buses
# ep1 is also an NVMe drive's management endpoint (mctp-nvmed.service)
endpoint ep1 a1 0x1d -u 11111111-0000-4000-8000-000000000001 -t 0,1 --nvme-mi \
	--nvme-serial SN-SYSTEMD-1 --nvme-temperature 37
endpoint ep2 a2 0x1e -u 11111111-0000-4000-8000-000000000002 -t 0,5

mkdir -p /etc/mctp
cat >/etc/mctp/mctp.toml <<EOT
# the BMC's own SMBus bindings: one on a bus there at boot, one on a bus
# that appears later
[[smbus]]
bus = $B0
address = 0x10

[[smbus]]
bus = $LATE
address = 0x10

[link.mctpi2c$B0]
up = true
net = 1
addresses = [8]

[link.mctpi2c$LATE]
up = true
net = 1
addresses = [9]
EOT
cat >/etc/mctp/ctrld.toml <<EOT
[timing]
request_timeout_ms = 1000
retries = 2
rescan_interval_s = 0
poll_interval_s = 3

[[network]]
net = 1
own_eid = 8
pool = "16-31"

[[probe]]
bus = $B0
addresses = [0x1d, 0x1e]

[[probe]]
bus = $LATE
addresses = [0x1f]

[endpoint]
message_types = [0]
EOT
cat >/etc/mctp/nvmed.toml <<EOT
poll_interval_s = 2
request_timeout_ms = 1000
EOT
echo "hardware: i2c-$B0 (BMC), endpoints 0x1d, 0x1e; the late bus will be i2c-$LATE"
