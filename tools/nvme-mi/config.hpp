// SPDX-License-Identifier: GPL-2.0
// mctp-nvmed configuration (TOML, /etc/mctp/nvmed.toml by default; a
// missing file means the defaults). Format: tools/nvme-mi/README.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "endpoints/selection.hpp"
#include "mctpxx/error.hpp"

namespace mctpxx::nvmed {

inline constexpr const char *kDefaultConfigFile = "/etc/mctp/nvmed.toml";

// A drive to manage, by UUID or by (network, EID), with its object name.
using DriveRule = endpoints::Rule;

// A drive with only the NVMe-MI Basic Management Command: polled by SMBus
// reads at @address on an i2c bus, by number or by the adapter's name (as
// /sys/bus/i2c/devices/i2c-N/name shows it; stable across boots).
struct BasicDriveRule {
	std::optional<unsigned> bus_number;
	std::string bus_name;		// when not by number
	std::uint8_t address = 0x6a;	// 7-bit
	std::string name;
	// temperature thresholds (degrees C): the command has none, a BMC's
	// configuration knows the drive's
	std::optional<int> warning_c, critical_c;
	int line = 0;			// in the file, for messages

	std::string bus() const
	{
		return bus_number ? std::to_string(*bus_number) : "\"" + bus_name + "\"";
	}
};

struct Config {
	std::chrono::seconds poll_interval{5};
	std::chrono::milliseconds request_timeout{1000};
	unsigned absent_after = 3;	// missed polls before a silent drive is absent
	bool all_drives = true;		// every NVMe-MI endpoint, unless [[drive]] given
	std::vector<DriveRule> drives;
	std::vector<BasicDriveRule> basic_drives;
};

// The configuration in @file; errors are "FILE:LINE: reason".
Result<Config> load_config(const std::string &file);
// The same from text (unit tests).
Result<Config> parse_config(const std::string &text, const std::string &file);

} // namespace mctpxx::nvmed
