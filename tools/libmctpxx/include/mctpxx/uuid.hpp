// SPDX-License-Identifier: GPL-2.0
// UUIDs as DSP0236 carries them (16 bytes, RFC 4122 byte order) and as
// text (8-4-4-4-12 hex digits).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mctpxx/control.hpp"

namespace mctpxx {

using control::Uuid;
using control::uuid_to_string;

// Parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (either case; the dashes
// may be left out). nullopt when the text is not a UUID.
inline std::optional<Uuid> parse_uuid(std::string_view text)
{
	Uuid u{};
	std::size_t n = 0;
	int hi = -1;
	for (std::size_t i = 0; i < text.size(); i++) {
		char c = text[i];
		int v;
		if (c == '-' && hi < 0 && (i == 8 || i == 13 || i == 18 || i == 23))
			continue;
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v = c - 'A' + 10;
		else
			return std::nullopt;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n >= u.size())
			return std::nullopt;
		u[n++] = static_cast<std::uint8_t>(hi << 4 | v);
		hi = -1;
	}
	if (n != u.size() || hi >= 0)
		return std::nullopt;
	return u;
}

inline bool uuid_is_nil(const Uuid &u)
{
	for (auto b : u)
		if (b)
			return false;
	return true;
}

} // namespace mctpxx
