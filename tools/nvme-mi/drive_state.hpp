// SPDX-License-Identifier: GPL-2.0
// What the daemon knows of one drive, in the units D-Bus publishes, and the
// pure rules that turn an NVMe drive's raw answers into it. No I/O here:
// the rules have unit tests (tests/unit/nvme-mi).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "fru.hpp"

namespace mctpxx::nvmed {

// From Identify Controller (CNS 01h).
struct Identity {
	std::string model;		// MN, trimmed
	std::string serial;		// SN, trimmed
	std::string firmware;		// FR, trimmed
	std::uint16_t pci_vendor = 0;	// VID
	std::uint64_t capacity = 0;	// TNVMCAP in bytes (0: not reported)
	std::optional<double> warning_c;  // WCTEMP in degrees C
	std::optional<double> critical_c; // CCTEMP in degrees C
};

// From the SMART / Health Information log page (02h).
struct Health {
	std::uint8_t critical_warning = 0;
	std::optional<double> temperature_c; // composite temperature
	std::uint8_t percent_used = 0;
};

// Where a drive stands, as D-Bus shows it.
enum class Availability {
	Present,	// answering
	HostOff,	// powered by the host, which is off: unavailable, not failed
	Silent,		// stopped answering: non-functional, then absent
};

struct DriveState {
	std::optional<Identity> identity;
	std::optional<Health> health;
	std::optional<Fru> fru;		// from VPD Read; nullopt: no usable VPD
	Availability availability = Availability::Present;
	unsigned missed_polls = 0;
};

// A fixed-width ASCII field of Identify (space padded): trimmed, with
// anything unprintable replaced by '?', so garbage never reaches D-Bus.
std::string ascii_field(std::span<const std::uint8_t> f);

// A temperature in Kelvin as NVMe reports it (0: not reported) in degrees
// C; nullopt for 0 and for values no drive can have (above 200 C).
std::optional<double> kelvin_to_c(std::uint16_t k);

// Identify Controller data (4096 bytes) into Identity; nullopt when too short.
std::optional<Identity> parse_identify(std::span<const std::uint8_t> id);
// SMART / Health log (512 bytes) into Health; nullopt when too short.
std::optional<Health> parse_smart(std::span<const std::uint8_t> log);

// OperationalStatus.Functional: answering, and no critical warning
// (spare, temperature, reliability, read-only, volatile backup, PMR).
bool functional(const DriveState &s);

// Present in inventory: answering or merely unpowered; a silent drive
// stays present (non-functional) until it missed @absent_after polls.
bool present(const DriveState &s, unsigned absent_after);

// Capacity: TNVMCAP, the 128-bit little-endian byte count, saturated.
std::uint64_t le_u128_saturated(std::span<const std::uint8_t> b);

} // namespace mctpxx::nvmed
