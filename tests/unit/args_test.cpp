// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "mctpxx/args.hpp"

TEST(ParseNumber, DecimalAndHex)
{
	EXPECT_EQ(*mctpxx::parse_number("29", 0, 255, "EID"), 29u);
	EXPECT_EQ(*mctpxx::parse_number("0x1d", 0, 255, "EID"), 29u);
}

TEST(ParseNumber, ErrorsNameTheWordAndRange)
{
	auto r = mctpxx::parse_number("300", 0, 255, "EID");
	ASSERT_FALSE(r);
	EXPECT_EQ(r.error().message, "invalid EID \"300\": must be 0..255");
	for (const char *bad : {"", "0x", "12a", "-1", " 5", "0xfg"}) {
		auto b = mctpxx::parse_number(bad, 0, 255, "EID");
		ASSERT_FALSE(b) << bad;
		EXPECT_NE(b.error().message.find("not a number"), std::string::npos) << bad;
	}
}
