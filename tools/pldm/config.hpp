// SPDX-License-Identifier: GPL-2.0
// mctp-pldmd configuration (TOML, /etc/mctp/pldmd.toml by default; a
// missing file means the defaults). Format: tools/pldm/README.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "endpoints/selection.hpp"
#include "mctpxx/error.hpp"

namespace mctpxx::pldmd {

inline constexpr const char *kDefaultConfigFile = "/etc/mctp/pldmd.toml";

// A terminus to manage, by UUID or by (network, EID), with its object name.
using TerminusRule = endpoints::Rule;

struct Config {
	std::chrono::seconds poll_interval{10};
	// one attempt's wait for a response (DSP0240 PT2); three attempts fit
	// in the instance ID's lifetime (PT3 min, 5 s)
	std::chrono::milliseconds request_timeout{1000};
	unsigned absent_after = 3;	// missed polls before a silent terminus is absent
	bool all_termini = true;	// every PLDM endpoint, unless [[terminus]] given
	std::vector<TerminusRule> termini;
};

// The configuration in @file; errors are "FILE:LINE: reason" naming the key.
Result<Config> load_config(const std::string &file);
// The same from text (unit tests).
Result<Config> parse_config(const std::string &text, const std::string &file);

} // namespace mctpxx::pldmd
