// SPDX-License-Identifier: GPL-2.0
// NC-SI AENs (DSP0222 1.1, 8.5): byte vectors of a Link Status Change and a
// Host NC Driver Status Change, round trips, and what decode_aen refuses.
#include <gtest/gtest.h>

#include "ncsi_test_util.hpp"
#include "ncsixx/aen.hpp"

using namespace mctpxx::ncsi;
using namespace ncsi_test;

namespace {
// Link Status Change from package 1 channel 1 (0x21): link up, 100BASE-TX
// full duplex (5 << 1 | 1 = 0x0b), OEM status 0.
const Bytes kLinkUp{0x00, 0x01, 0x00, 0x00, 0xff, 0x21, 0x00, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0,
		    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x00,
		    0xff, 0xff, 0x00, 0xc7};
// Host NC Driver Status Change from package 0 channel 0, AEN MC ID 0x22,
// driver running.
const Bytes kDriverUp{0x22, 0x01, 0x00, 0x00, 0xff, 0x00, 0x00, 0x08, 0, 0, 0, 0, 0, 0, 0, 0,
		      0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0xff, 0xfe, 0xde, 0xf4};
} // namespace

TEST(NcsiAen, Names)
{
	EXPECT_EQ(aen_name(0), "Link Status Change");
	EXPECT_EQ(aen_name(1), "Configuration Required");
	EXPECT_EQ(aen_name(2), "Host NC Driver Status Change");
	EXPECT_EQ(aen_name(0x70), "AEN 0x70");
	EXPECT_EQ(aen_control::LinkStatusChange, 1u);
	EXPECT_EQ(aen_control::ConfigurationRequired, 2u);
	EXPECT_EQ(aen_control::HostNcDriverStatusChange, 4u);
}

TEST(NcsiAen, LinkStatusChangeBytes)
{
	Aen a{{1, 1}, 0, LinkStatusChangeAen{0x0b, 0}};
	EXPECT_EQ(*encode_aen(a), kLinkUp);
	auto d = decode_aen(kLinkUp);
	ASSERT_TRUE(d) << d.error().message;
	EXPECT_EQ(*d, a);
	EXPECT_EQ(d->type(), 0);
	const auto &l = std::get<LinkStatusChangeAen>(d->payload);
	LinkStatus s{l.link_status, 0, l.oem};
	EXPECT_TRUE(s.link_up());
	EXPECT_EQ(speed_text(s.speed_duplex()), "100 Mb/s full duplex");
}

TEST(NcsiAen, HostDriverStatusBytes)
{
	Aen a{{0, 0}, 0x22, HostNcDriverStatusAen{1}};
	EXPECT_EQ(*encode_aen(a), kDriverUp);
	auto d = decode_aen(kDriverUp);
	ASSERT_TRUE(d);
	EXPECT_EQ(*d, a);
	EXPECT_TRUE(std::get<HostNcDriverStatusAen>(d->payload).driver_ready());
}

TEST(NcsiAen, RoundTrips)
{
	const Aen cases[] = {
		{{0, 2}, 0, ConfigurationRequiredAen{}},
		{{7, 30}, 0x80, LinkStatusChangeAen{0x0001006f, 0xdeadbeef}},
		{{3, 0}, 1, HostNcDriverStatusAen{0}},
		{{0, 0}, 0, OtherAen{0x70, Bytes{1, 2, 3, 4, 5}}},
		{{0, 0}, 0, OtherAen{0x81, Bytes{}}},
	};
	for (const auto &a : cases) {
		auto b = encode_aen(a);
		ASSERT_TRUE(b) << b.error().message;
		auto d = decode_aen(*b);
		ASSERT_TRUE(d) << d.error().message;
		EXPECT_EQ(*d, a);
	}
	EXPECT_TRUE(mentions(error_of(encode_aen({{0, 0}, 0, OtherAen{0x01, {}}})), "has its own payload"));
}

TEST(NcsiAen, Refuses)
{
	every_prefix_fails(kLinkUp, decode_aen);
	Bytes longer = kLinkUp;
	longer.push_back(0);
	EXPECT_TRUE(mentions(error_of(decode_aen(longer)), "trailing"));
	Bytes b = kLinkUp;
	b[3] = 4;
	fix_checksum(b);
	EXPECT_TRUE(mentions(error_of(decode_aen(b)), "IID 4, 0 expected"));
	b = kLinkUp;
	b[4] = 0x8a;
	fix_checksum(b);
	EXPECT_TRUE(mentions(error_of(decode_aen(b)), "packet type 0x8a (a response), 0xff expected"));
	b = kLinkUp;
	b[1] = 0;
	fix_checksum(b);
	EXPECT_TRUE(mentions(error_of(decode_aen(b)), "header revision"));
	b = kLinkUp;
	b[23] = 0x0c;
	EXPECT_TRUE(mentions(error_of(decode_aen(b)), "checksum"));
	// a payload of the wrong length for the type
	EXPECT_TRUE(mentions(error_of(decode_aen(with_payload(kLinkUp, Bytes{0, 0, 0, 0, 0, 0, 0, 1}))),
			     "(Link Status Change): truncated at OEM link status"));
	EXPECT_TRUE(mentions(error_of(decode_aen(with_payload(kLinkUp, Bytes{0, 0, 0, 1, 0, 0, 0, 0}))),
			     "(Configuration Required): 4 trailing bytes"));
	EXPECT_TRUE(mentions(error_of(decode_aen(with_payload(kLinkUp, Bytes{0, 0, 0}))), "truncated at AEN type"));
}
