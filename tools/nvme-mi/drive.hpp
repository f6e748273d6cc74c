// SPDX-License-Identifier: GPL-2.0
// One managed drive: where it is (its MCTP endpoint), what is known of it,
// its worker thread and its D-Bus objects' paths.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "drive_state.hpp"
#include "endpoints/endpoint_watch.hpp"
#include "firmware_update.hpp"
#include "worker.hpp"

namespace mctpxx::nvmed {

using endpoints::Endpoint;
using endpoints::EndpointWatch;
using endpoints::kMctpRoot;
using endpoints::kMctpService;

inline constexpr const char *kInventoryRoot = "/xyz/openbmc_project/inventory";
inline constexpr const char *kSensorRoot = "/xyz/openbmc_project/sensors";

// Where a drive with only the Basic Management Command is (no endpoint).
struct BasicLocation {
	std::string bus;		// as configured: a number or an adapter name (unquoted)
	std::uint8_t address = 0;	// 7-bit
};

struct Drive {
	std::string name;		// object name: "nvme_NET_EID" or configured
	Endpoint endpoint;		// MCTP drives
	std::optional<BasicLocation> basic; // Basic Management drives
	DriveState state;
	std::unique_ptr<Worker> worker;
	FirmwareUpdate firmware;	// its firmware updates (firmware_update.hpp)
	std::string last_error;		// logged once until it changes
	bool published = false;
	bool present = true;		// in inventory (see present())
	// thresholds' alarms as last signalled
	bool warning_high = false, critical_high = false;

	std::string inventory_path() const
	{
		return std::string(kInventoryRoot) + "/system/drive/" + name;
	}
	std::string sensor_path() const
	{
		return std::string(kSensorRoot) + "/temperature/" + name;
	}
	// Whether the drive's sensor reading is above a threshold (NaN: no).
	double temperature() const;
};

// Now, in µs since the epoch (LastResponse).
std::uint64_t wall_clock_us();

} // namespace mctpxx::nvmed
