// SPDX-License-Identifier: GPL-2.0
// A drive's VPD as NVMe-MI's VPD Read returns it: an IPMI FRU Information
// image (Platform Management FRU Information Storage Definition 1.0),
// of which the daemon reads the product info area (manufacturer, product,
// part number, version, serial number, asset tag). Pure decoding, no I/O:
// unit tests in tests/unit/nvme-mi, fuzzed by mctp-fuzz-nvme-fru.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "mctpxx/error.hpp"

namespace mctpxx::nvmed {

inline constexpr std::size_t kFruHeaderSize = 8;

struct Fru {
	std::string manufacturer;
	std::string product;
	std::string part_number;
	std::string version;
	std::string serial;
	std::string asset_tag;
};

// The common header: checks its version and checksum and returns the
// product info area's byte offset (0: the image has none).
Result<std::size_t> fru_product_offset(std::span<const std::uint8_t> header);

// The product info area's length in bytes from its first two bytes
// (format version, length in multiples of 8).
Result<std::size_t> fru_area_length(std::span<const std::uint8_t> area_start);

// The product info area (its whole length): version, length and checksum
// checked, fields decoded (8-bit ASCII, 6-bit packed ASCII, BCD plus;
// binary fields as hex), unprintable bytes as '?', trailing blanks dropped.
Result<Fru> parse_product_area(std::span<const std::uint8_t> area);

// A whole image: the header, then the product area it points to.
Result<Fru> parse_fru(std::span<const std::uint8_t> image);

} // namespace mctpxx::nvmed
