// SPDX-License-Identifier: GPL-2.0
// Helpers of the PLDM codec tests: a message cut short at every length and
// one byte too long must both be refused, with an error that says so.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pldm_test {

using Bytes = std::vector<std::uint8_t>;

// Every proper prefix of @whole fails to decode through @decode.
template <typename Decode>
void every_prefix_fails(const Bytes &whole, Decode decode)
{
	for (std::size_t n = 0; n < whole.size(); n++) {
		auto r = decode(std::span<const std::uint8_t>(whole.data(), n));
		EXPECT_FALSE(r) << "a prefix of " << n << " of " << whole.size()
				<< " bytes was accepted";
		if (!r)
			EXPECT_FALSE(r.error().message.empty());
	}
}

// @whole with one more byte fails, naming the trailing byte.
template <typename Decode>
void one_more_fails(Bytes whole, Decode decode)
{
	whole.push_back(0);
	auto r = decode(std::span<const std::uint8_t>(whole));
	ASSERT_FALSE(r) << "a message with a trailing byte was accepted";
	EXPECT_NE(r.error().message.find("trailing"), std::string::npos) << r.error().message;
}

inline bool mentions(const std::string &message, const std::string &what)
{
	return message.find(what) != std::string::npos;
}

} // namespace pldm_test
