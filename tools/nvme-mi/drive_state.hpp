// SPDX-License-Identifier: GPL-2.0
// What the daemon knows of one drive, in the units D-Bus publishes, and the
// pure rules that turn an NVMe drive's raw answers into it. No I/O here:
// the rules have unit tests (tests/unit/nvme-mi).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

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
	// The drive itself reports it is not functional or not ready (the
	// Basic Management Command's status flags; MCTP drives: never set).
	bool failed = false;
};

// Where a drive stands, as D-Bus shows it.
enum class Availability {
	Present,	// answering
	HostOff,	// powered by the host, which is off: unavailable, not failed
	Silent,		// stopped answering: non-functional, then absent
	BadMic,		// answers, but with a wrong MIC: present, not to be trusted
};

struct DriveState {
	std::optional<Identity> identity;
	std::optional<Health> health;
	std::optional<Fru> fru;		// from VPD Read; nullopt: no usable VPD
	std::vector<std::uint16_t> controllers; // the subsystem's controller list
	Availability availability = Availability::Present;
	unsigned missed_polls = 0;
	std::uint64_t last_response_us = 0; // the last good answer, µs since the epoch (0: none)
	unsigned mic_errors = 0;	// answers with a wrong MIC, all told
};

// What one poll came to.
enum class PollOutcome {
	Answered,	// a good answer
	Silent,		// no answer (or none that could be read)
	BadMic,		// an answer whose MIC was wrong
};

// The poll's effect on @s at @now_us (µs since the epoch): a good answer
// is the last response and ends a silence or a run of wrong MICs; no
// answer counts a missed poll; a wrong MIC is counted and makes the drive
// BadMic (it answers, so it is no missed poll, but nothing it says counts).
void record_poll(DriveState &s, PollOutcome o, std::uint64_t now_us);

// org.mctpstack.NVMe.Drive.UnavailableReason: "" while available, "host
// off", "not answering: " and the last error, or "MIC errors: ..." (the
// count is MICErrors: the reason stays the same while the fault lasts).
std::string unavailable_reason(const DriveState &s, const std::string &last_error);

// Whether libnvme-mi's return @rc of an NVMe-MI command (not an admin
// command) means the response's MIC did not check out: libnvme-mi 1.3
// passes its MIC check's failure (1) up as the result, where an MI status
// would be More Processing Required, which it waits through itself.
bool mic_mismatch(int rc);

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

// OperationalStatus.Functional: answering, not failed, and no critical
// warning (spare, temperature, reliability, read-only, volatile backup, PMR).
bool functional(const DriveState &s);

// Present in inventory: answering or merely unpowered; a silent drive
// stays present (non-functional) until it missed @absent_after polls.
bool present(const DriveState &s, unsigned absent_after);

// Capacity: TNVMCAP, the 128-bit little-endian byte count, saturated.
std::uint64_t le_u128_saturated(std::span<const std::uint8_t> b);

} // namespace mctpxx::nvmed
