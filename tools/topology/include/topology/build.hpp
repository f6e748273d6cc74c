// SPDX-License-Identifier: GPL-2.0
// The tree from a snapshot: where each thing is (i2c bus, mux channel,
// address), what it is, whether it is there and usable, and if not why, in
// words. Pure: the same snapshot at the same time gives the same tree.
#pragma once

#include <cstdint>

#include "topology/snapshot.hpp"
#include "topology/tree.hpp"

namespace mctpxx::topology {

// @now_us (µs since the epoch) dates "no response since ..." in local time.
Tree build(const Snapshot &s, std::uint64_t now_us);

} // namespace mctpxx::topology
