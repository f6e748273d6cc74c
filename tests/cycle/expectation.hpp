// SPDX-License-Identifier: GPL-2.0
// The endpoints a cycling test expects to see, and the comparison of a
// SystemView with them: each expected endpoint exactly once on D-Bus with
// its EID, address and state, one route and one neighbour for it over the
// link its object names, and nothing else (no object, route or neighbour
// left behind).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "mctpxx/error.hpp"
#include "system_view.hpp"

namespace mctpxx::cycle {

struct Expected {
	std::string uuid;
	unsigned eid = 0;
	std::uint8_t addr = 0;
	bool host_powered = false;
};

// One line per endpoint: "UUID EID ADDR HP ..." (ADDR in hex, HP 0 or 1;
// further fields are ignored), as `mctp-cycle-check list` prints them.
Result<std::vector<Expected>> parse_expected(std::string_view text);
std::string format_line(const EndpointObject &o);

struct Conditions {
	bool host_on = true;
	std::set<std::string> without; // UUIDs of endpoints that must be gone
	unsigned net = 1;
};

// What differs from the expectation, one message each; empty when the
// view matches.
std::vector<std::string> compare(const SystemView &v, const std::vector<Expected> &want,
				 const Conditions &c);

} // namespace mctpxx::cycle
