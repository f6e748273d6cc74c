// SPDX-License-Identifier: GPL-2.0
#include "drive_state.hpp"

#include <algorithm>
#include <limits>

namespace mctpxx::nvmed {
namespace {

// Identify Controller offsets (NVMe base specification)
constexpr std::size_t kVid = 0, kSn = 4, kSnLen = 20, kMn = 24, kMnLen = 40, kFr = 64,
		      kFrLen = 8, kWctemp = 266, kCctemp = 268, kTnvmcap = 280;
// SMART / Health log offsets
constexpr std::size_t kCritWarn = 0, kTemp = 1, kPercentUsed = 5;

std::uint16_t le16(std::span<const std::uint8_t> b, std::size_t off)
{
	return static_cast<std::uint16_t>(b[off] | b[off + 1] << 8);
}

} // namespace

std::string ascii_field(std::span<const std::uint8_t> f)
{
	// padding is spaces by the specification, NULs in practice too
	std::size_t end = f.size(), begin = 0;
	while (end > 0 && (f[end - 1] == ' ' || f[end - 1] == 0))
		end--;
	while (begin < end && f[begin] == ' ')
		begin++;
	std::string s;
	for (std::size_t i = begin; i < end; i++)
		s += (f[i] >= 0x20 && f[i] < 0x7f) ? static_cast<char>(f[i]) : '?';
	return s;
}

std::optional<double> kelvin_to_c(std::uint16_t k)
{
	if (k == 0 || k > 273 + 200)
		return std::nullopt;
	// NVMe's own scale: 273 K is 0 C (the figures of the SMART log and
	// Identify), so whole degrees stay whole, as nvme-cli shows them
	return static_cast<double>(k) - 273;
}

std::uint64_t le_u128_saturated(std::span<const std::uint8_t> b)
{
	std::uint64_t lo = 0;
	for (int i = 7; i >= 0; i--)
		lo = lo << 8 | b[static_cast<std::size_t>(i)];
	for (std::size_t i = 8; i < 16 && i < b.size(); i++)
		if (b[i])
			return std::numeric_limits<std::uint64_t>::max();
	return lo;
}

std::optional<Identity> parse_identify(std::span<const std::uint8_t> id)
{
	if (id.size() < kTnvmcap + 16)
		return std::nullopt;
	Identity i;
	i.pci_vendor = le16(id, kVid);
	i.serial = ascii_field(id.subspan(kSn, kSnLen));
	i.model = ascii_field(id.subspan(kMn, kMnLen));
	i.firmware = ascii_field(id.subspan(kFr, kFrLen));
	i.warning_c = kelvin_to_c(le16(id, kWctemp));
	i.critical_c = kelvin_to_c(le16(id, kCctemp));
	i.capacity = le_u128_saturated(id.subspan(kTnvmcap, 16));
	return i;
}

std::optional<Health> parse_smart(std::span<const std::uint8_t> log)
{
	if (log.size() < 512)
		return std::nullopt;
	Health h;
	h.critical_warning = log[kCritWarn];
	h.temperature_c = kelvin_to_c(le16(log, kTemp));
	h.percent_used = log[kPercentUsed];
	return h;
}

void record_poll(DriveState &s, PollOutcome o, std::uint64_t now_us)
{
	switch (o) {
	case PollOutcome::Answered:
		s.availability = Availability::Present;
		s.missed_polls = 0;
		s.last_response_us = now_us;
		break;
	case PollOutcome::Silent:
		s.availability = Availability::Silent;
		s.missed_polls++;
		break;
	case PollOutcome::BadMic:
		s.availability = Availability::BadMic;
		s.missed_polls = 0;
		s.mic_errors++;
		break;
	}
}

std::string unavailable_reason(const DriveState &s, const std::string &last_error)
{
	switch (s.availability) {
	case Availability::HostOff:
		return "host off";
	case Availability::Silent:
		return "not answering: " + last_error;
	case Availability::BadMic:
		return "MIC errors: its answers fail their integrity check";
	case Availability::Present:
		break;
	}
	return "";
}

bool mic_mismatch(int rc)
{
	return rc == 1;
}

bool functional(const DriveState &s)
{
	if (s.availability != Availability::Present || !s.health || s.health->failed)
		return false;
	return (s.health->critical_warning & 0x3f) == 0;
}

bool present(const DriveState &s, unsigned absent_after)
{
	if (s.availability == Availability::Silent)
		return s.missed_polls < absent_after;
	return true;
}

} // namespace mctpxx::nvmed
