// SPDX-License-Identifier: GPL-2.0
#include "basic_mgmt.hpp"

#include <cstdio>

namespace mctpxx::nvmed::basic {
namespace {

// The two blocks: status (command code 0) and identification (8).
constexpr std::size_t kStatusOff = 0, kStatusLen = 6, kIdOff = 8, kIdLen = 22;
constexpr std::size_t kFlags = 1, kWarnings = 2, kCtemp = 3, kPdlu = 4, kVid = 9, kSerial = 11,
		      kSerialLen = 20;

std::string hex(unsigned v)
{
	char b[8];
	std::snprintf(b, sizeof(b), "0x%02x", v);
	return b;
}

// The block at @off: its length byte must be @len and the byte after the
// block the PEC of an SMBus block read of command code @off.
Status check_block(std::span<const std::uint8_t> d, std::size_t off, std::size_t len,
		   std::uint8_t addr, const char *what)
{
	if (d[off] != len)
		return fail(Error::msg(std::string(what) + " block length " + std::to_string(d[off]) +
				       " at offset " + std::to_string(off) + ", want " +
				       std::to_string(len)));
	const std::uint8_t head[] = {static_cast<std::uint8_t>(addr << 1),
				     static_cast<std::uint8_t>(off),
				     static_cast<std::uint8_t>(addr << 1 | 1)};
	const std::uint8_t pec = smbus_pec(d.subspan(off, len + 1), smbus_pec(head));
	if (pec != d[off + len + 1])
		return fail(Error::msg(std::string(what) + " block PEC " + hex(d[off + len + 1]) +
				       ", want " + hex(pec)));
	return {};
}

} // namespace

std::uint8_t Reading::critical_warning() const
{
	// SWARN bits 0..5 are active low, in the critical warning's order
	return static_cast<std::uint8_t>(~smart_warnings & 0x3f);
}

std::uint8_t smbus_pec(std::span<const std::uint8_t> bytes, std::uint8_t crc)
{
	for (std::uint8_t b : bytes) {
		crc ^= b;
		for (int i = 0; i < 8; i++)
			crc = static_cast<std::uint8_t>(crc & 0x80 ? (crc << 1) ^ 0x07 : crc << 1);
	}
	return crc;
}

Result<Temperature> decode_ctemp(std::uint8_t v)
{
	using K = Temperature::Kind;
	if (v <= 0x7f)
		return Temperature{K::Celsius, v};
	if (v == 0x80)
		return Temperature{K::NoData, 0};
	if (v == 0x81)
		return Temperature{K::SensorFailure, 0};
	if (v >= 0xc4)
		return Temperature{K::Celsius, static_cast<int>(static_cast<std::int8_t>(v))};
	return fail(Error::msg("composite temperature " + hex(v) + " is a reserved code"));
}

Result<Reading> decode(std::span<const std::uint8_t> d, std::uint8_t addr)
{
	if (d.size() < kReadLength)
		return fail(Error::msg("short answer: " + std::to_string(d.size()) + " bytes, want " +
				       std::to_string(kReadLength)));
	if (auto s = check_block(d, kStatusOff, kStatusLen, addr, "status"); !s)
		return fail(s.error());
	Reading r;
	r.flags = d[kFlags];
	if (!r.ready())
		return r; // the rest may be invalid (NVMe-MI: drive not ready)
	if (auto s = check_block(d, kIdOff, kIdLen, addr, "identification"); !s)
		return fail(s.error());
	auto t = decode_ctemp(d[kCtemp]);
	if (!t)
		return fail(t.error());
	r.temperature = *t;
	r.smart_warnings = d[kWarnings];
	r.drive_life_used = d[kPdlu];
	r.vendor_id = static_cast<std::uint16_t>(d[kVid] << 8 | d[kVid + 1]);
	r.serial = ascii_field(d.subspan(kSerial, kSerialLen));
	return r;
}

std::optional<Identity> identity_of(const Reading &r)
{
	if (!r.ready())
		return std::nullopt;
	Identity i;
	i.serial = r.serial;
	i.pci_vendor = r.vendor_id;
	return i;
}

Health health_of(const Reading &r)
{
	Health h;
	h.failed = !r.functional();
	if (!r.ready())
		return h;
	h.critical_warning = r.critical_warning();
	if (r.temperature.kind == Temperature::Kind::Celsius)
		h.temperature_c = r.temperature.celsius;
	h.percent_used = r.drive_life_used;
	return h;
}

} // namespace mctpxx::nvmed::basic
