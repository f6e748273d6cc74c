#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Smoke run of the NVMe-MI fleet polling benchmark (tests/bench/run-nvme) in
# the VM: four drives behind one mux, a few polls, a small firmware image.
# Checks only that every phase ran and printed its JSON line; figures are
# printed, never judged. A poll may fail (an answer lost when the BMC's bus
# hold expires on a slow kernel, see README.md): that is a figure too.
NDRIVES=4 MUXES=1 FW_SIZE=8192 TIMEOUT_MS=3000 sh ./nvme-guest.sh perf mux 400000 "2 4" 2 2 fw >/tmp/smoke.out 2>&1
rc=$?
cat /tmp/smoke.out
[ $rc = 0 ] || { echo "smoke-nvme: nvme-guest.sh failed ($rc)"; exit 1; }
bad=0
want() { # PATTERN WHAT
	grep -q "$1" /tmp/smoke.out || { echo "smoke-nvme: no $2"; bad=1; }
}
want '^NVME {"phase":"cycle","label":"mux-400000-2","drives":2,"cycles":2,"polls":[0-9]*,"errors":[0-9]*,' "cycle line for 2 drives"
want '^NVME {"phase":"cycle","label":"mux-400000-4","drives":4,"cycles":2,"polls":[0-9]*,"errors":[0-9]*,' "cycle line for 4 drives"
want '^NVME {"phase":"free","label":"free-400000-4","drives":4,.*"fairness":' "free-running line"
want '^NVME {"phase":"fw",.*"drives":3,.*"images":[1-9].*"p99_ratio":.*}$' "firmware line"
want '^NVMESTAT {"label":"mux-400000-4","speed":400000,"mux_writes_total":[1-9].*"bmc_flow_holds":[1-9]' "wire counters"
[ $bad = 0 ] && echo "smoke-nvme: ok"
exit $bad
