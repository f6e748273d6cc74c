// SPDX-License-Identifier: GPL-2.0
// MCTP message types (DSP0239) by name, and the vendor framing of the
// project's echo (mctp-echo, mctp-req).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

namespace mctpxx::msgtype {

inline constexpr std::uint8_t kVendorPci = 0x7e;  // body starts with a PCI vendor ID
inline constexpr std::uint8_t kVendorIana = 0x7f; // body starts with an IANA enterprise number

// The echo's own framing for type 0x7F: IANA enterprise number 32473
// (big-endian), which RFC 5612 sets aside for examples and documentation,
// then the payload. The project has no enterprise number of its own.
inline constexpr std::uint32_t kEchoEnterprise = 32473;

// The protocol a type belongs to, or "" for none assigned.
inline std::string protocol(unsigned type)
{
	switch (type) {
	case 0x00: return "MCTP control";
	case 0x01: return "PLDM";
	case 0x02: return "NC-SI";
	case 0x03: return "Ethernet";
	case 0x04: return "NVMe-MI";
	case 0x05: return "SPDM";
	case 0x06: return "secured messages";
	case 0x07: return "CXL FM API";
	case 0x08: return "CXL CCI";
	case kVendorPci: return "vendor-defined PCI";
	case kVendorIana: return "vendor-defined IANA";
	default: return "";
	}
}

// What an echo of this type is, in words: the project's vendor-defined
// echo for 0x7F, otherwise a raw echo, and whose type it borrows.
inline std::string echo_kind(unsigned type)
{
	char hex[8];
	std::snprintf(hex, sizeof(hex), "0x%02x", type);
	if (type == kVendorIana)
		return std::string("vendor-defined echo (type ") + hex + ", IANA enterprise " +
		       std::to_string(kEchoEnterprise) + ")";
	std::string p = protocol(type);
	return std::string("raw echo of type ") + hex +
	       (p.empty() ? std::string(" (unassigned)") : " (" + p + "'s type, not " + p + ")");
}

inline std::vector<std::uint8_t> echo_header(unsigned type)
{
	if (type != kVendorIana)
		return {};
	const std::uint32_t e = kEchoEnterprise;
	return {std::uint8_t(e >> 24), std::uint8_t(e >> 16), std::uint8_t(e >> 8), std::uint8_t(e)};
}

// Whether a message body of this type is the echo's own.
inline bool is_echo(unsigned type, std::span<const std::uint8_t> body)
{
	const auto h = echo_header(type);
	return body.size() >= h.size() && std::equal(h.begin(), h.end(), body.begin());
}

} // namespace mctpxx::msgtype
