// SPDX-License-Identifier: GPL-2.0
// Small helpers for command-line numbers with range checks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mctpxx/error.hpp"

namespace mctpxx {

// Parses an unsigned number (decimal, or hex with 0x) within [lo, hi];
// the error names @what and the bad text.
Result<unsigned long> parse_number(std::string_view text, unsigned long lo, unsigned long hi,
				   std::string_view what);

} // namespace mctpxx
