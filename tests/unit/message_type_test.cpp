// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "mctpxx/message_type.hpp"

using namespace mctpxx::msgtype;

TEST(MessageType, EchoFramingIsIanaEnterpriseBigEndian)
{
	// 32473 = 0x7ED9
	EXPECT_EQ(echo_header(0x7f), (std::vector<std::uint8_t>{0x00, 0x00, 0x7e, 0xd9}));
	EXPECT_TRUE(echo_header(0x01).empty());
	EXPECT_TRUE(echo_header(0x7e).empty());
}

TEST(MessageType, OnlyTheEchosFramingIsEchoed)
{
	const std::vector<std::uint8_t> ours{0x00, 0x00, 0x7e, 0xd9, 1, 2};
	const std::vector<std::uint8_t> other{0x00, 0x00, 0x01, 0x57, 1, 2}; // another enterprise
	const std::vector<std::uint8_t> shorter{0x00, 0x00, 0x7e};
	EXPECT_TRUE(is_echo(0x7f, ours));
	EXPECT_FALSE(is_echo(0x7f, other));
	EXPECT_FALSE(is_echo(0x7f, shorter));
	EXPECT_TRUE(is_echo(0x01, other)); // raw echo: anything
}

TEST(MessageType, EchoKindNamesTheBorrowedProtocol)
{
	EXPECT_EQ(echo_kind(0x7f), "vendor-defined echo (type 0x7f, IANA enterprise 32473)");
	EXPECT_EQ(echo_kind(0x01), "raw echo of type 0x01 (PLDM's type, not PLDM)");
	EXPECT_EQ(echo_kind(0x04), "raw echo of type 0x04 (NVMe-MI's type, not NVMe-MI)");
	EXPECT_EQ(echo_kind(0x40), "raw echo of type 0x40 (unassigned)");
}
