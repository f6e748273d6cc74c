// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "frame.hpp"

using namespace mctpxx::demux;
using Bytes = std::vector<std::uint8_t>;

TEST(DemuxFrame, RegistrationIsOneByteOfANonControlType)
{
	EXPECT_EQ(parse_registration(Bytes{0x01}).value(), 0x01);
	EXPECT_EQ(parse_registration(Bytes{0x7f}).value(), 0x7f);
	// the integrity check bit is no part of the type registered
	EXPECT_EQ(parse_registration(Bytes{0x81}).value(), 0x01);
}

TEST(DemuxFrame, RegistrationOfAnotherLengthIsRefused)
{
	auto none = parse_registration(Bytes{});
	ASSERT_FALSE(none);
	EXPECT_EQ(none.error().message, "registration must be one byte (the message type), got 0 bytes");
	auto two = parse_registration(Bytes{0x01, 0x02});
	ASSERT_FALSE(two);
	EXPECT_NE(two.error().message.find("got 2 bytes"), std::string::npos);
}

TEST(DemuxFrame, RegistrationForControlIsRefused)
{
	for (std::uint8_t t : {0x00, 0x80}) {
		auto r = parse_registration(Bytes{t});
		ASSERT_FALSE(r) << int(t);
		EXPECT_NE(r.error().message.find("type 0 (MCTP control) refused"), std::string::npos);
	}
}

TEST(DemuxFrame, OutgoingSplitsEidTypeAndBody)
{
	const Bytes d{0x10, 0x81, 0xaa, 0xbb};
	auto o = parse_outgoing(d);
	ASSERT_TRUE(o);
	EXPECT_EQ(o->eid, 0x10);
	EXPECT_EQ(o->type, 0x81); // integrity check bit kept
	EXPECT_EQ(Bytes(o->body.begin(), o->body.end()), (Bytes{0xaa, 0xbb}));
}

TEST(DemuxFrame, OutgoingOfJustEidAndTypeHasAnEmptyBody)
{
	auto o = parse_outgoing(Bytes{0x09, 0x01});
	ASSERT_TRUE(o);
	EXPECT_TRUE(o->body.empty());
}

TEST(DemuxFrame, ShortOutgoingIsRejected)
{
	for (const Bytes &d : {Bytes{}, Bytes{0x10}}) {
		auto o = parse_outgoing(d);
		ASSERT_FALSE(o);
		EXPECT_NE(o.error().message.find("shorter than an EID and a message type byte"),
			  std::string::npos);
	}
}

TEST(DemuxFrame, OutgoingAtTheLimitPassesOneMoreIsRejected)
{
	Bytes d(kMaxDatagram, 0x5a);
	auto ok = parse_outgoing(d);
	ASSERT_TRUE(ok);
	EXPECT_EQ(ok->body.size(), kMaxDatagram - 2);
	d.push_back(0);
	auto big = parse_outgoing(d);
	ASSERT_FALSE(big);
	EXPECT_EQ(big.error().message, "datagram of 65538 bytes is longer than the limit of 65537 "
				       "(EID and a 64 KiB message)");
}

TEST(DemuxFrame, OversizeIsJudgedOnTheRealLengthNotWhatWasRead)
{
	// the receive buffer cut it short: the length the kernel reported counts
	const Bytes d(16, 0);
	EXPECT_FALSE(parse_outgoing(d, 70000));
	EXPECT_TRUE(parse_outgoing(d, 16));
}

TEST(DemuxFrame, IncomingIsEidThenTypeThenBody)
{
	const Bytes body{1, 2, 3};
	EXPECT_EQ(encode_incoming(0x1d, 0x81, body), (Bytes{0x1d, 0x81, 1, 2, 3}));
	EXPECT_EQ(encode_incoming(0x08, 0x02, {}), (Bytes{0x08, 0x02}));
}

TEST(DemuxFrame, TypesCompareOnTheLowSevenBits)
{
	EXPECT_TRUE(type_matches(0x01, 0x01));
	EXPECT_TRUE(type_matches(0x01, 0x81));
	EXPECT_FALSE(type_matches(0x01, 0x02));
	EXPECT_FALSE(type_matches(0x02, 0x81));
}
