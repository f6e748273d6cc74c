// SPDX-License-Identifier: GPL-2.0
#include "nvme_vpd.hpp"

#include <numeric>
#include <string>

namespace mctpxx::emu::nvme {
namespace {

constexpr std::uint8_t kAscii8 = 0xc0; // type/length: 8-bit ASCII
constexpr std::uint8_t kEnd = 0xc1;

std::uint8_t checksum(const std::vector<std::uint8_t> &b)
{
	return static_cast<std::uint8_t>(-std::accumulate(b.begin(), b.end(), 0u));
}

void field(std::vector<std::uint8_t> &a, const std::string &s)
{
	const std::size_t n = std::min<std::size_t>(s.size(), 63);
	a.push_back(static_cast<std::uint8_t>(kAscii8 | n));
	a.insert(a.end(), s.begin(), s.begin() + static_cast<std::ptrdiff_t>(n));
}

} // namespace

std::vector<std::uint8_t> fru_image(const DriveConfig &cfg)
{
	// product info area: version 1, length, language 0 (English), fields
	std::vector<std::uint8_t> area{0x01, 0, 0};
	field(area, cfg.manufacturer);
	field(area, cfg.model);
	field(area, cfg.part_number);
	field(area, cfg.firmware);
	field(area, cfg.serial);
	field(area, "");		// asset tag
	field(area, "");		// FRU file ID
	area.push_back(kEnd);
	while ((area.size() + 1) % 8)
		area.push_back(0);
	area[1] = static_cast<std::uint8_t>((area.size() + 1) / 8);
	area.push_back(checksum(area));

	// common header: version 1, only the product area (at byte 8)
	std::vector<std::uint8_t> image{0x01, 0, 0, 0, 1, 0, 0, 0};
	image[7] = checksum(image);
	image.insert(image.end(), area.begin(), area.end());
	return image;
}

} // namespace mctpxx::emu::nvme
