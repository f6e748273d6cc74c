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

} // namespace mctpxx::ctrld
