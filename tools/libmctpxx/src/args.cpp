// SPDX-License-Identifier: GPL-2.0
#include "mctpxx/args.hpp"

#include <charconv>

namespace mctpxx {

Result<unsigned long> parse_number(std::string_view text, unsigned long lo, unsigned long hi,
				   std::string_view what)
{
	int base = 10;
	std::string_view digits = text;
	if (digits.starts_with("0x") || digits.starts_with("0X")) {
		base = 16;
		digits.remove_prefix(2);
	}
	unsigned long v = 0;
	auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, base);
	if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
		return fail(Error::msg("invalid " + std::string(what) + " \"" + std::string(text) +
				       "\": not a number"));
	if (v < lo || v > hi)
		return fail(Error::msg("invalid " + std::string(what) + " \"" + std::string(text) +
				       "\": must be " + std::to_string(lo) + ".." +
				       std::to_string(hi)));
	return v;
}

} // namespace mctpxx
