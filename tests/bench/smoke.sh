#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Smoke run of the benchmarks in the VM: tiny counts, exit statuses only.
# Figures are printed but never judged.
set -e
mctp-bench-rr --count 200 --chunk 50
mctp-bench-routes --count 200 --chunk 50 --nets 3 --per-net 3
mctp-bench-rr --count 100 --chunk 100 --json
mctp-bench-routes --count 100 --chunk 100 --nets 2 --per-net 2 --json
