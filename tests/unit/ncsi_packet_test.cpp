// SPDX-License-Identifier: GPL-2.0
// The NC-SI control packet: channel IDs, the 16-byte header, padding and
// the checksum, with byte vectors written from the DSP0222 1.1 layout
// (clause 8.2) and checksums worked out by hand.
#include <gtest/gtest.h>

#include "ncsi_test_util.hpp"
#include "ncsixx/packet.hpp"

using namespace mctpxx::ncsi;
using namespace ncsi_test;

namespace {
// Get Link Status to package 0 channel 1, IID 5, MC ID 0, no payload.
const Bytes kGetLinkStatus{0x00, 0x01, 0x00, 0x05, 0x0a, 0x01, 0x00, 0x00, 0x00, 0x00,
			   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xf5, 0xf9};
// Select Package to package 0 (channel 0x1f), IID 7, payload 00 00 00 01.
const Bytes kSelectPackage{0x00, 0x01, 0x00, 0x07, 0x01, 0x1f, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00,
			   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xff, 0xff, 0xfe, 0xd4};
} // namespace

TEST(NcsiChannelId, RawForm)
{
	EXPECT_EQ((ChannelId{0, 1}).raw(), 0x01);
	EXPECT_EQ((ChannelId{3, 2}).raw(), 0x62);
	EXPECT_EQ((ChannelId{7, 30}).raw(), 0xfe);
	EXPECT_EQ(ChannelId::whole_package(2).raw(), 0x5f);
	EXPECT_EQ(ChannelId::from_raw(0x62), (ChannelId{3, 2}));
	EXPECT_TRUE(ChannelId::from_raw(0x1f).is_whole_package());
	EXPECT_FALSE(ChannelId::from_raw(0x1e).is_whole_package());
	for (unsigned raw = 0; raw < 256; raw++)
		EXPECT_EQ(ChannelId::from_raw(static_cast<std::uint8_t>(raw)).raw(), raw);
	EXPECT_EQ((ChannelId{1, 4}).to_string(), "package 1 channel 4");
	EXPECT_EQ(ChannelId::whole_package(5).to_string(), "package 5");
	EXPECT_FALSE((ChannelId{8, 0}).valid());
	EXPECT_FALSE((ChannelId{0, 32}).valid());
}

TEST(NcsiChecksum, SumOfBigEndianWordsNegated)
{
	EXPECT_EQ(checksum(std::span(kGetLinkStatus).first(16)), 0xfffff5f9u);
	EXPECT_EQ(checksum(std::span(kSelectPackage).first(20)), 0xfffffed4u);
	// an odd last byte is the high byte of a word: 0x0102 + 0x0300
	EXPECT_EQ(checksum(Bytes{0x01, 0x02, 0x03}), 0xfffffbfeu);
	EXPECT_EQ(checksum(Bytes{}), 0u);
	// the 32-bit sum wraps: 0x10000 words of 0xffff sum to 0xffff0000
	Bytes ones(0x20000, 0xff);
	EXPECT_EQ(checksum(ones), 0x00010000u);
}

TEST(NcsiFrame, HeaderPayloadPaddingChecksum)
{
	Header h;
	h.iid = 5;
	h.type = 0x0a;
	h.channel = {0, 1};
	EXPECT_EQ(*frame(h, {}), kGetLinkStatus);

	h.iid = 7;
	h.type = 0x01;
	h.channel = ChannelId::whole_package(0);
	EXPECT_EQ(*frame(h, Bytes{0, 0, 0, 1}), kSelectPackage);

	// 5 bytes of payload: 3 of padding, checksum over the 5 only
	auto b = frame(h, Bytes{1, 2, 3, 4, 5});
	ASSERT_TRUE(b);
	ASSERT_EQ(b->size(), 16u + 8 + 4);
	EXPECT_EQ((*b)[7], 5);
	EXPECT_EQ(Bytes(b->begin() + 21, b->begin() + 24), (Bytes{0, 0, 0}));
	Bytes covered(b->begin(), b->begin() + 21);
	const std::uint32_t sum = checksum(covered);
	EXPECT_EQ(Bytes(b->end() - 4, b->end()),
		  (Bytes{std::uint8_t(sum >> 24), std::uint8_t(sum >> 16), std::uint8_t(sum >> 8), std::uint8_t(sum)}));

	// without a checksum: the field is there, zero
	auto z = frame(h, Bytes{0, 0, 0, 1}, false);
	ASSERT_TRUE(z);
	EXPECT_EQ(Bytes(z->end() - 4, z->end()), (Bytes{0, 0, 0, 0}));
	EXPECT_TRUE(parse(*z));
}

TEST(NcsiFrame, RefusesWhatCannotBeSent)
{
	Header h;
	EXPECT_TRUE(mentions(error_of(frame(h, Bytes(4096, 0))), "payload of 4096 bytes"));
	EXPECT_TRUE(frame(h, Bytes(4095, 0)));
	h.channel = {8, 0};
	EXPECT_TRUE(mentions(error_of(frame(h, {})), "channel ID"));
	h.channel = {0, 0};
	h.revision = 2;
	EXPECT_TRUE(mentions(error_of(frame(h, {})), "header revision"));
}

TEST(NcsiParse, Fields)
{
	auto p = parse(kSelectPackage);
	ASSERT_TRUE(p);
	EXPECT_EQ(p->header.mc_id, 0);
	EXPECT_EQ(p->header.revision, 1);
	EXPECT_EQ(p->header.iid, 7);
	EXPECT_EQ(p->header.type, 0x01);
	EXPECT_EQ(p->header.channel, ChannelId::whole_package(0));
	EXPECT_EQ(p->header.payload_length, 4);
	EXPECT_EQ(Bytes(p->payload.begin(), p->payload.end()), (Bytes{0, 0, 0, 1}));
	EXPECT_EQ(p->checksum, 0xfffffed4u);

	Header h;
	h.mc_id = 0x42;
	h.iid = 0xff;
	h.type = 0x17;
	h.channel = {6, 3};
	for (std::size_t n : {0u, 1u, 2u, 3u, 4u, 7u, 33u}) {
		Bytes payload(n);
		for (std::size_t i = 0; i < n; i++)
			payload[i] = static_cast<std::uint8_t>(0xa0 + i);
		auto b = frame(h, payload);
		ASSERT_TRUE(b);
		EXPECT_EQ(b->size() % 4, 0u);
		auto q = parse(*b);
		ASSERT_TRUE(q) << q.error().message;
		h.payload_length = static_cast<std::uint16_t>(n);
		EXPECT_EQ(q->header, h);
		EXPECT_EQ(Bytes(q->payload.begin(), q->payload.end()), payload);
	}
}

TEST(NcsiParse, RefusesTruncationAndTrailingBytes)
{
	every_prefix_fails(kSelectPackage, parse);
	EXPECT_TRUE(mentions(error_of(parse(Bytes(kSelectPackage.begin(), kSelectPackage.begin() + 7))),
			     "truncated at payload length"));
	// cut after payload and padding: no checksum field
	EXPECT_TRUE(mentions(error_of(parse(Bytes(kSelectPackage.begin(), kSelectPackage.end() - 4))),
			     "payload length 4 needs 8 bytes"));
	Bytes longer = kSelectPackage;
	longer.push_back(0);
	EXPECT_TRUE(mentions(error_of(parse(longer)), "1 trailing byte"));
}

TEST(NcsiParse, RefusesBadRevisionPaddingAndChecksum)
{
	Bytes b = kGetLinkStatus;
	b[1] = 0x02;
	fix_checksum(b);
	EXPECT_TRUE(mentions(error_of(parse(b)), "header revision 0x02"));

	b = kGetLinkStatus;
	b[19] ^= 1;
	EXPECT_TRUE(mentions(error_of(parse(b)), "checksum 0xfffff5f8 wrong (0xfffff5f9 computed)"));
	b = kGetLinkStatus;
	b[4] = 0x0b; // a changed field, the old checksum
	EXPECT_TRUE(mentions(error_of(parse(b)), "checksum"));
	put_checksum(b, 0); // "not computed": accepted
	EXPECT_TRUE(parse(b));

	// a payload of 1 byte, 3 padding bytes that must be zero
	Header h;
	auto p = frame(h, Bytes{9});
	ASSERT_TRUE(p);
	(*p)[18] = 0x55;
	fix_checksum(*p);
	EXPECT_TRUE(mentions(error_of(parse(*p)), "padding byte 0x55 not zero"));

	// payload length larger than the bytes there
	b = kGetLinkStatus;
	b[7] = 0x08;
	fix_checksum(b);
	EXPECT_TRUE(mentions(error_of(parse(b)), "payload length 8 needs 12 bytes"));
}

TEST(NcsiParse, IgnoresReservedFields)
{
	Bytes b = kSelectPackage;
	b[2] = 0xaa;		// reserved byte
	b[6] |= 0xf0;		// reserved bits of the length field
	b[8] = b[15] = 0x5a;	// reserved bytes 8-15
	fix_checksum(b);
	auto p = parse(b);
	ASSERT_TRUE(p) << p.error().message;
	EXPECT_EQ(p->header.payload_length, 4);
}
