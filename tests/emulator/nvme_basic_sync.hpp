// SPDX-License-Identifier: GPL-2.0
// Keeps an smbus-sim nvme-basic device (its debugfs directory, given with
// --nvme-basic) in step with the emulated drive, so that one drive answers
// NVMe-MI over MCTP and the Basic Management Command consistently: its
// drifting temperature, SMART warnings (the critical warning, inverted),
// status flags (not ready while powered off), vendor ID and serial number.
// Files are written only when their value changes.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "mctpxx/error.hpp"
#include "nvme_drive.hpp"

namespace mctpxx::emu {

// The values of the device's files for @drive at @now (@powered: the
// drive has power); file name -> content. Pure, for the unit tests.
std::map<std::string, std::string> basic_values(const nvme::Drive &drive,
						nvme::Drive::Clock::time_point now, bool powered);

class NvmeBasicSync {
public:
	explicit NvmeBasicSync(std::string dir) : dir_(std::move(dir)) {}
	// Writes what changed since the last call; an error names the file.
	Status sync(const nvme::Drive &drive, nvme::Drive::Clock::time_point now, bool powered);

private:
	std::string dir_;
	std::map<std::string, std::string> written_;
};

} // namespace mctpxx::emu
