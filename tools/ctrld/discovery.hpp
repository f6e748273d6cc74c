// SPDX-License-Identifier: GPL-2.0
// Which SMBus addresses one discovery pass probes on one link. Pure
// logic: the caller supplies what the configuration, the endpoint table
// and sysfs say.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "daemon_config.hpp"

namespace mctpxx::ctrld {

struct ProbeCandidate {
	std::uint8_t addr = 0;
	bool host_powered = false;
	bool operator==(const ProbeCandidate &) const = default;
};

struct SkippedAddress {
	std::uint8_t addr = 0;
	std::string why;
};

struct ProbePlan {
	std::vector<ProbeCandidate> probe; // ascending addresses
	std::vector<SkippedAddress> skipped;
};

struct PlanInput {
	std::vector<const ProbeRule *> rules; // rules_for_link()
	std::optional<std::uint8_t> own_addr; // the link's own address
	// Addresses with a known endpoint on this link, on a mux parent of it
	// or behind its mux channels (reachable from here too): not probed twice.
	std::set<std::uint8_t> known;
	// Addresses a setup is already busy with.
	std::set<std::uint8_t> busy;
	bool host_on = true;
	// Why an address belongs to a non-MCTP device (I2cSysfs), if it does.
	std::function<std::optional<std::string>(std::uint8_t)> foreign;
};

ProbePlan plan_probes(const PlanInput &in);

// Which link a device found on a bus with mux channels below it sits on.
//
// A device on a bus answers there whatever its muxes select, and through
// every mux channel below the bus too (a channel connects its bus to the
// parent). A device behind channel K answers through K (and everything
// below K) always, on the parent bus only while K is selected, and never
// through another channel of the mux. With muxes that stay selected after
// use (idle as-is, common on BMCs: it saves a select per transfer), a
// probe of the parent bus therefore reaches whatever sits behind the
// channel last used, and the kernel credits the answer to the link the
// probe went out on. Probing channels before their parents does not cure
// that: a device on the parent would then be found through a channel.
//
// So the device found on the parent is asked again through the channel
// links below it, by UUID (identical cards at one address behind
// different channels are the reason muxes exist; only the UUID tells them
// apart). Its link is the highest one, parent first, through which it
// answered and through every link below which it answered too: the
// parent if it answered through all channels, else the channel that is
// the root of the links it answered through. This does not depend on
// what the muxes select meanwhile. A mux with a single channel link cannot
// be told from a wire (its device stays connected once selected): the
// parent keeps it.
struct ChannelReach {
	std::optional<unsigned> bus;	// the link's i2c bus
	std::vector<unsigned> parents;	// its mux parents (I2cSysfs::parents)
	enum { Silent, Answered, Unknown } reach = Unknown; // Unknown: not asked
};

// The index in @below of the link the device sits on, or nullopt for the
// bus it was found on (@bus).
std::optional<std::size_t> home_link(std::optional<unsigned> bus,
				     const std::vector<ChannelReach> &below);

} // namespace mctpxx::ctrld
