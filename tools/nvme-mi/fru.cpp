// SPDX-License-Identifier: GPL-2.0
#include "fru.hpp"

#include <cstdio>
#include <numeric>

namespace mctpxx::nvmed {
namespace {

constexpr std::uint8_t kFormatVersion = 0x01;
constexpr std::uint8_t kEndOfFields = 0xc1;
constexpr std::size_t kHeaderProductOffset = 4;
// product area: version, length, language, then the fields
constexpr std::size_t kProductFieldsStart = 3;

bool zero_sum(std::span<const std::uint8_t> b)
{
	return std::accumulate(b.begin(), b.end(), 0u) % 256 == 0;
}

std::string printable(std::string s)
{
	for (auto &c : s)
		if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e)
			c = '?';
	while (!s.empty() && (s.back() == ' ' || s.back() == '\0'))
		s.pop_back();
	return s;
}

// A type/length field's data by its type (bits 7:6).
std::string decode_field(std::uint8_t type, std::span<const std::uint8_t> d)
{
	std::string out;
	switch (type) {
	case 0: // binary: shown as hex
		for (auto b : d) {
			char h[3];
			std::snprintf(h, sizeof(h), "%02x", b);
			out += h;
		}
		return out;
	case 1: { // BCD plus: two digits per byte
		static const char kDigits[] = "0123456789 -.???";
		for (auto b : d) {
			out += kDigits[b >> 4];
			out += kDigits[b & 0x0f];
		}
		return printable(out);
	}
	case 2: { // 6-bit packed ASCII: four characters in three bytes
		std::uint32_t bits = 0;
		unsigned have = 0;
		for (auto b : d) {
			bits |= static_cast<std::uint32_t>(b) << have;
			have += 8;
			while (have >= 6) {
				out += static_cast<char>((bits & 0x3f) + 0x20);
				bits >>= 6;
				have -= 6;
			}
		}
		return printable(out);
	}
	default: // 8-bit ASCII + Latin 1
		return printable(std::string(d.begin(), d.end()));
	}
}

} // namespace

Result<std::size_t> fru_product_offset(std::span<const std::uint8_t> h)
{
	if (h.size() < kFruHeaderSize)
		return fail(Error::msg("FRU header of " + std::to_string(h.size()) +
				       " bytes, shorter than 8"));
	if ((h[0] & 0x0f) != kFormatVersion)
		return fail(Error::msg("FRU header format version " + std::to_string(h[0] & 0x0f) +
				       ", not 1"));
	if (!zero_sum(h.first(kFruHeaderSize)))
		return fail(Error::msg("FRU header checksum wrong"));
	return static_cast<std::size_t>(h[kHeaderProductOffset]) * 8;
}

Result<std::size_t> fru_area_length(std::span<const std::uint8_t> a)
{
	if (a.size() < 2)
		return fail(Error::msg("FRU product area cut short before its length"));
	if ((a[0] & 0x0f) != kFormatVersion)
		return fail(Error::msg("FRU product area format version " +
				       std::to_string(a[0] & 0x0f) + ", not 1"));
	if (a[1] == 0)
		return fail(Error::msg("FRU product area of length 0"));
	return static_cast<std::size_t>(a[1]) * 8;
}

Result<Fru> parse_product_area(std::span<const std::uint8_t> a)
{
	auto len = fru_area_length(a);
	if (!len)
		return fail(len.error());
	if (a.size() < *len)
		return fail(Error::msg("FRU product area of " + std::to_string(*len) +
				       " bytes, only " + std::to_string(a.size()) + " read"));
	a = a.first(*len);
	if (!zero_sum(a))
		return fail(Error::msg("FRU product area checksum wrong"));
	std::string *fields[] = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
	Fru f;
	fields[0] = &f.manufacturer;
	fields[1] = &f.product;
	fields[2] = &f.part_number;
	fields[3] = &f.version;
	fields[4] = &f.serial;
	fields[5] = &f.asset_tag;
	std::size_t at = kProductFieldsStart;
	// the last byte is the checksum: fields end before it
	const std::size_t end = a.size() - 1;
	for (std::size_t i = 0;; i++) {
		if (at >= end)
			return fail(Error::msg("FRU product area without its end-of-fields marker"));
		const std::uint8_t tl = a[at++];
		if (tl == kEndOfFields)
			break;
		const std::size_t n = tl & 0x3f;
		if (at + n > end)
			return fail(Error::msg("FRU product field " + std::to_string(i + 1) + " of " +
					       std::to_string(n) + " bytes runs past the area"));
		if (i < std::size(fields))
			*fields[i] = decode_field(tl >> 6, a.subspan(at, n));
		at += n;
	}
	return f;
}

Result<Fru> parse_fru(std::span<const std::uint8_t> image)
{
	auto off = fru_product_offset(image);
	if (!off)
		return fail(off.error());
	if (*off == 0)
		return fail(Error::msg("FRU image without a product info area"));
	if (*off >= image.size())
		return fail(Error::msg("FRU product area at byte " + std::to_string(*off) +
				       ", past the image's " + std::to_string(image.size())));
	return parse_product_area(image.subspan(*off));
}

} // namespace mctpxx::nvmed
