// SPDX-License-Identifier: GPL-2.0
// An emulated drive's VPD: the IPMI FRU Information image (common header
// and product info area, 8-bit ASCII fields) that NVMe-MI's VPD Read
// returns, built from the drive's configuration.
#pragma once

#include <cstdint>
#include <vector>

#include "nvme_drive.hpp"

namespace mctpxx::emu::nvme {

std::vector<std::uint8_t> fru_image(const DriveConfig &cfg);

} // namespace mctpxx::emu::nvme
