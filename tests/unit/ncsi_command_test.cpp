// SPDX-License-Identifier: GPL-2.0
// NC-SI requests: the encoders (byte vectors from DSP0222 1.1 clause 8.4),
// decode_request() as a responder uses it, and the arguments of Select
// Package, Disable Channel and AEN Enable.
#include <gtest/gtest.h>

#include "ncsi_test_util.hpp"
#include "ncsixx/aen.hpp"
#include "ncsixx/command.hpp"

using namespace mctpxx::ncsi;
using namespace ncsi_test;

namespace {
Bytes header(std::uint8_t iid, std::uint8_t type, std::uint8_t channel, std::uint8_t length)
{
	return Bytes{0x00, 0x01, 0x00, iid, type, channel, 0x00, length, 0, 0, 0, 0, 0, 0, 0, 0};
}
Bytes cat(Bytes a, const Bytes &b)
{
	a.insert(a.end(), b.begin(), b.end());
	return a;
}
} // namespace

TEST(NcsiCommand, Names)
{
	EXPECT_EQ(command_name(Command::GetLinkStatus), "Get Link Status");
	EXPECT_EQ(command_name(0x52), "Get Package UUID");
	EXPECT_EQ(command_name(0x58), "Get MC MAC Address");
	EXPECT_EQ(command_name(0x2f), "command 0x2f");
	EXPECT_TRUE(known_command(0x18));
	EXPECT_FALSE(known_command(0x0f));
	EXPECT_EQ(request_payload_length(0x08), 8u);
	EXPECT_EQ(request_payload_length(0x15), 0u);
	EXPECT_EQ(request_payload_length(0x50), std::nullopt);
	EXPECT_EQ(request_payload_length(0x7f), std::nullopt);
}

TEST(NcsiCommand, GetLinkStatusBytes)
{
	// package 0 channel 1, IID 5: checksum -(0x0001 + 0x0005 + 0x0a01)
	EXPECT_EQ(*encode_get_link_status({{0, 1}, 5}),
		  cat(header(0x05, 0x0a, 0x01, 0), Bytes{0xff, 0xff, 0xf5, 0xf9}));
}

TEST(NcsiCommand, GetVersionIdBytes)
{
	// package 1 channel 0 (0x20), IID 0x22: -(0x0001 + 0x0022 + 0x1520)
	EXPECT_EQ(*encode_get_version_id({{1, 0}, 0x22}),
		  cat(header(0x22, 0x15, 0x20, 0), Bytes{0xff, 0xff, 0xea, 0xbd}));
}

TEST(NcsiCommand, ArgumentsOnTheWire)
{
	const Target t{ChannelId::whole_package(0), 7};
	EXPECT_EQ(*encode_select_package(t, true),
		  cat(header(0x07, 0x01, 0x1f, 4), Bytes{0, 0, 0, 1, 0xff, 0xff, 0xfe, 0xd4}));
	auto p = parse(*encode_select_package(t, false));
	ASSERT_TRUE(p);
	EXPECT_EQ(Bytes(p->payload.begin(), p->payload.end()), (Bytes{0, 0, 0, 0}));
	p = parse(*encode_disable_channel({{0, 2}, 9}, true));
	ASSERT_TRUE(p);
	EXPECT_EQ(p->header.type, 0x04);
	EXPECT_EQ(Bytes(p->payload.begin(), p->payload.end()), (Bytes{0, 0, 0, 1}));
	p = parse(*encode_reset_channel({{0, 2}, 9}));
	ASSERT_TRUE(p);
	EXPECT_EQ(Bytes(p->payload.begin(), p->payload.end()), (Bytes{0, 0, 0, 0}));
	p = parse(*encode_aen_enable({{0, 0}, 3}, 0x21,
				     aen_control::LinkStatusChange | aen_control::HostNcDriverStatusChange));
	ASSERT_TRUE(p);
	EXPECT_EQ(Bytes(p->payload.begin(), p->payload.end()), (Bytes{0, 0, 0, 0x21, 0, 0, 0, 0x05}));
}

TEST(NcsiCommand, EveryEncoderRoundTrips)
{
	const Target t{{2, 3}, 0x41, 0x09};
	struct Case {
		Command c;
		mctpxx::Result<Bytes> b;
	};
	Case cases[] = {
		{Command::ClearInitialState, encode_clear_initial_state(t)},
		{Command::SelectPackage, encode_select_package(t, true)},
		{Command::DeselectPackage, encode_deselect_package(t)},
		{Command::EnableChannel, encode_enable_channel(t)},
		{Command::DisableChannel, encode_disable_channel(t, false)},
		{Command::ResetChannel, encode_reset_channel(t)},
		{Command::AenEnable, encode_aen_enable(t, 1, 7)},
		{Command::GetLinkStatus, encode_get_link_status(t)},
		{Command::GetVersionId, encode_get_version_id(t)},
		{Command::GetCapabilities, encode_get_capabilities(t)},
		{Command::GetParameters, encode_get_parameters(t)},
		{Command::GetControllerPacketStatistics, encode_get_controller_packet_statistics(t)},
		{Command::GetNcsiStatistics, encode_get_ncsi_statistics(t)},
		{Command::GetPackageUuid, encode_get_package_uuid(t)},
		{Command::GetMcMacAddress, encode_get_mc_mac_address(t)},
	};
	for (auto &c : cases) {
		ASSERT_TRUE(c.b) << command_name(c.c) << ": " << c.b.error().message;
		auto r = decode_request(*c.b);
		ASSERT_TRUE(r) << command_name(c.c) << ": " << r.error().message;
		EXPECT_EQ(r->header.type, static_cast<std::uint8_t>(c.c));
		EXPECT_EQ(r->header.iid, 0x41);
		EXPECT_EQ(r->header.mc_id, 0x09);
		EXPECT_EQ(r->header.channel, (ChannelId{2, 3}));
		EXPECT_EQ(r->payload.size(), *request_payload_length(r->type()));
		EXPECT_TRUE(r->known());
	}
	EXPECT_EQ(*decode_select_package(*decode_request(*encode_select_package(t, true))), true);
	EXPECT_EQ(*decode_select_package(*decode_request(*encode_select_package(t, false))), false);
	EXPECT_EQ(*decode_disable_channel(*decode_request(*encode_disable_channel(t, true))), true);
	EXPECT_EQ(*decode_disable_channel(*decode_request(*encode_disable_channel(t, false))), false);
	auto ae = decode_aen_enable(*decode_request(*encode_aen_enable(t, 0x33, 0x00010007)));
	ASSERT_TRUE(ae);
	EXPECT_EQ(*ae, (AenEnable{0x33, 0x00010007}));
}

TEST(NcsiCommand, EncodersRefuse)
{
	EXPECT_TRUE(mentions(error_of(encode_get_link_status({{0, 0}, 0})), "IID 0 is reserved for AENs"));
	EXPECT_TRUE(mentions(error_of(encode_get_link_status({{8, 0}, 1})), "channel ID out of range"));
	EXPECT_TRUE(mentions(error_of(encode_request({{0, 0}, 1}, 0x8a, {})), "not a command"));
	EXPECT_TRUE(mentions(error_of(encode_request({{0, 0}, 1}, 0x01, Bytes{0, 0})),
			     "Select Package request: payload of 2 bytes, 4 expected"));
	// OEM and unknown commands take any payload
	EXPECT_TRUE(encode_request({{0, 0}, 1}, 0x50, Bytes{0, 0, 0x01, 0x57, 1, 2, 3}));
	EXPECT_TRUE(encode_request({{0, 0}, 1}, 0x2f, Bytes{1}));
}

TEST(NcsiDecodeRequest, Refuses)
{
	const Bytes sp = *encode_select_package({ChannelId::whole_package(1), 12}, true);
	every_prefix_fails(sp, decode_request);
	Bytes longer = sp;
	longer.insert(longer.end(), 4, 0);
	EXPECT_TRUE(mentions(error_of(decode_request(longer)), "4 trailing bytes"));

	Bytes b = sp;
	b[1] = 0;
	fix_checksum(b);
	EXPECT_TRUE(mentions(error_of(decode_request(b)), "header revision 0x00"));
	b = sp;
	b[20] ^= 0xff;
	EXPECT_TRUE(mentions(error_of(decode_request(b)), "checksum"));
	b = sp;
	b[3] = 0;
	fix_checksum(b);
	EXPECT_TRUE(mentions(error_of(decode_request(b)), "IID 0"));
	b = sp;
	b[4] = 0x81;
	fix_checksum(b);
	EXPECT_TRUE(mentions(error_of(decode_request(b)), "is a response (Select Package)"));
	b = sp;
	b[4] = 0xff;
	fix_checksum(b);
	EXPECT_TRUE(mentions(error_of(decode_request(b)), "AEN"));
	// a payload of the wrong length for the command
	EXPECT_TRUE(mentions(error_of(decode_request(with_payload(sp, Bytes{0, 0, 0, 1, 0, 0, 0, 0}))),
			     "(Select Package): payload length 8, 4 expected"));
	EXPECT_TRUE(mentions(error_of(decode_request(with_payload(*encode_get_link_status({{0, 0}, 1}),
								   Bytes{0, 0, 0, 0}))),
			     "payload length 4, 0 expected"));
	// an unknown command: framing checked, payload taken as it is
	auto u = decode_request(*encode_request({{0, 0}, 1}, 0x2f, Bytes{1, 2, 3}));
	ASSERT_TRUE(u);
	EXPECT_FALSE(u->known());
	EXPECT_EQ(u->payload.size(), 3u);
}

TEST(NcsiDecodeRequest, ArgumentsOfTheWrongCommand)
{
	auto r = decode_request(*encode_get_link_status({{0, 0}, 1}));
	ASSERT_TRUE(r);
	EXPECT_TRUE(mentions(error_of(decode_aen_enable(*r)), "AEN Enable request: packet type 0x0a"));
	EXPECT_TRUE(mentions(error_of(decode_select_package(*r)), "Get Link Status"));
}
