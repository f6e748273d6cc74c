// SPDX-License-Identifier: GPL-2.0
// The snapshot from its two sources: the daemons' objects (an ObjectCache,
// filled from D-Bus) and the kernel's device tree (sysfs). Reading sysfs
// and D-Bus only: nothing here sends anything on an i2c bus.
#pragma once

#include "topology/objects.hpp"
#include "topology/snapshot.hpp"

namespace mctpxx::topology {

// The daemons' part of a snapshot, from their objects (pure: unit tests
// give it hand-made objects).
Snapshot snapshot_from(const ObjectCache &objects, SysfsView sysfs);

// The i2c trees that carry an MCTP link of this network namespace: their
// root adapters, every mux channel below, the clients on each, and the
// netdevs on them.
SysfsView read_sysfs();

} // namespace mctpxx::topology
