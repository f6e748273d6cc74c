// SPDX-License-Identifier: GPL-2.0
// NC-SI asynchronous event notifications (DSP0222 1.1, 8.5): packets of
// type 0xFF with IID 0, enabled per channel by AEN Enable's control mask.
// The payload is 3 reserved bytes, the AEN type, then the type's data.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <variant>

#include "mctpxx/error.hpp"
#include "ncsixx/packet.hpp"
#include "ncsixx/payloads.hpp"

namespace mctpxx::ncsi {

enum class AenType : std::uint8_t {
	LinkStatusChange = 0x00,
	ConfigurationRequired = 0x01,
	HostNcDriverStatusChange = 0x02,
};
// "Link Status Change", or "AEN 0x70" for others.
std::string aen_name(std::uint8_t type);

// AEN control mask bits (AEN Enable, Get Capabilities' AEN control support).
namespace aen_control {
inline constexpr std::uint32_t LinkStatusChange = 1u << 0;
inline constexpr std::uint32_t ConfigurationRequired = 1u << 1;
inline constexpr std::uint32_t HostNcDriverStatusChange = 1u << 2;
} // namespace aen_control

struct LinkStatusChangeAen {
	std::uint32_t link_status = 0; // the Get Link Status dword
	std::uint32_t oem = 0;
	bool operator==(const LinkStatusChangeAen &) const = default;
};
struct ConfigurationRequiredAen {
	bool operator==(const ConfigurationRequiredAen &) const = default;
};
struct HostNcDriverStatusAen {
	std::uint32_t status = 0; // bit 0: host NC driver ready
	bool driver_ready() const { return status & 1u; }
	bool operator==(const HostNcDriverStatusAen &) const = default;
};
// An AEN of another type (transport-specific, OEM) with its data as sent.
struct OtherAen {
	std::uint8_t type = 0;
	Bytes data;
	bool operator==(const OtherAen &) const = default;
};

struct Aen {
	ChannelId channel;
	std::uint8_t mc_id = kDefaultMcId; // the AEN MC ID set by AEN Enable
	std::variant<LinkStatusChangeAen, ConfigurationRequiredAen, HostNcDriverStatusAen, OtherAen> payload;
	std::uint8_t type() const;
	bool operator==(const Aen &) const = default;
};

// The whole AEN packet (IID 0, type 0xFF, checksum).
Result<Bytes> encode_aen(const Aen &a);
// Checks the packet (parse()), type 0xFF, IID 0, each known type's data
// length.
Result<Aen> decode_aen(std::span<const std::uint8_t> bytes);

} // namespace mctpxx::ncsi
