// SPDX-License-Identifier: GPL-2.0
// The NVMe-MI Basic Management Command (NVMe-MI Appendix A): what a drive
// without MCTP answers to a plain SMBus read at its management address.
// Pure decoding of the first 32 bytes of its data (command codes 0 and 8),
// PEC included; no I/O here, so it has unit tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "drive_state.hpp"
#include "mctpxx/error.hpp"

namespace mctpxx::nvmed::basic {

inline constexpr std::uint8_t kDefaultAddress = 0x6a; // 7-bit (0xd4 on the wire)
inline constexpr std::size_t kReadLength = 32;	      // offsets 0..31

// Status flags (SFLGS, offset 1)
inline constexpr std::uint8_t kFlagNotReady = 1 << 6;
inline constexpr std::uint8_t kFlagFunctional = 1 << 5;
inline constexpr std::uint8_t kFlagResetNotRequired = 1 << 4;
inline constexpr std::uint8_t kFlagPcieLinkActive = 1 << 3;

// Composite temperature (CTemp, offset 3) as a drive reports it.
struct Temperature {
	enum class Kind { Celsius, NoData, SensorFailure } kind = Kind::NoData;
	int celsius = 0; // Kind::Celsius: 127 means 127 or more, -60 -60 or less
};

struct Reading {
	std::uint8_t flags = 0;		// SFLGS as read
	std::uint8_t smart_warnings = 0xff; // SWARN: a bit cleared to 0 is a warning
	Temperature temperature;
	std::uint8_t drive_life_used = 0; // PDLU, percent (255: 255 or more)
	std::uint16_t vendor_id = 0;	// PCI vendor ID
	std::string serial;		// trimmed, unprintable bytes as '?'

	bool ready() const { return !(flags & kFlagNotReady); }
	bool functional() const { return ready() && (flags & kFlagFunctional); }
	// The SMART warnings in the SMART log's critical-warning form (1 = warning).
	std::uint8_t critical_warning() const;
};

// SMBus PEC (CRC-8, x^8 + x^2 + x + 1) of @bytes, continuing @crc.
std::uint8_t smbus_pec(std::span<const std::uint8_t> bytes, std::uint8_t crc = 0);

// CTemp into a temperature; an error for the reserved codes 0x82..0xc3.
Result<Temperature> decode_ctemp(std::uint8_t v);

// Bytes 0..31 read from command code 0 at 7-bit address @addr into a
// Reading; errors name the field (short data, a wrong block length, a PEC
// that does not match, a reserved temperature code). A drive that is not
// ready has no valid data beyond the flags: decoded are the flags only.
Result<Reading> decode(std::span<const std::uint8_t> data, std::uint8_t addr);

// What the daemon keeps of a reading: the identity (serial number and
// vendor; nullopt while the drive is not ready) and the health (the drive's
// own "not functional"/"not ready" as failed, SMART warnings as the critical
// warning, temperature unless no data or a failed sensor).
std::optional<Identity> identity_of(const Reading &r);
Health health_of(const Reading &r);

} // namespace mctpxx::nvmed::basic
