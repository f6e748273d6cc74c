// SPDX-License-Identifier: GPL-2.0
// mctp-nvmed configuration (TOML, /etc/mctp/nvmed.toml by default; a
// missing file means the defaults). Format: tools/nvme-mi/README.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mctpxx/error.hpp"

namespace mctpxx::nvmed {

inline constexpr const char *kDefaultConfigFile = "/etc/mctp/nvmed.toml";

// A drive to manage, by UUID or by (network, EID), with its object name.
struct DriveRule {
	std::optional<std::string> uuid;
	std::optional<unsigned> net;
	std::optional<std::uint8_t> eid;
	std::string name;
};

struct Config {
	std::chrono::seconds poll_interval{5};
	std::chrono::milliseconds request_timeout{1000};
	unsigned absent_after = 3;	// missed polls before a silent drive is absent
	bool all_drives = true;		// every NVMe-MI endpoint, unless [[drive]] given
	std::vector<DriveRule> drives;
};

// The configuration in @file; errors are "FILE:LINE: reason".
Result<Config> load_config(const std::string &file);
// The same from text (unit tests).
Result<Config> parse_config(const std::string &text, const std::string &file);

} // namespace mctpxx::nvmed
