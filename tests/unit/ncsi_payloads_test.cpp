// SPDX-License-Identifier: GPL-2.0
// Typed response data of the Get commands: whole-packet byte vectors for
// Get Link Status and Get Version ID written from the DSP0222 1.1 layout,
// round trips of every type, and what each decoder refuses.
#include <gtest/gtest.h>

#include "ncsi_test_util.hpp"
#include "ncsixx/payloads.hpp"
#include "ncsixx/response.hpp"

using namespace mctpxx::ncsi;
using namespace ncsi_test;

namespace {
// Get Link Status response, package 0 channel 1, IID 5: completed; link up,
// 1000BASE-T full duplex, auto-negotiation enabled and complete, TX flow
// control (0x0001006f); host NC driver ready; OEM 0x12345678.
const Bytes kLinkStatusResponse{
	0x00, 0x01, 0x00, 0x05, 0x8a, 0x01, 0x00, 0x10, 0, 0, 0, 0, 0, 0, 0, 0,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x6f, 0x00, 0x00, 0x00, 0x01,
	0x12, 0x34, 0x56, 0x78, 0xff, 0xff, 0x0c, 0xcc};
// Get Version ID response, package 1 channel 0, IID 0x22: NC-SI 1.2
// (f1 f2 ff 00, alpha2 0), firmware "NICFW", version 1.2.3.4, PCI DID
// 0x1533 VID 0x8086 SSID 0x0001 SSVID 0x8086, IANA 343.
const Bytes kVersionIdResponse{
	0x00, 0x01, 0x00, 0x22, 0x95, 0x20, 0x00, 0x28, 0, 0, 0, 0, 0, 0, 0, 0,
	0x00, 0x00, 0x00, 0x00, 0xf1, 0xf2, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00,
	'N', 'I', 'C', 'F', 'W', 0, 0, 0, 0, 0, 0, 0,
	0x01, 0x02, 0x03, 0x04, 0x15, 0x33, 0x80, 0x86, 0x00, 0x01, 0x80, 0x86,
	0x00, 0x00, 0x01, 0x57, 0xff, 0xfb, 0x75, 0x77};

// The typed decoder @decode refuses @data cut at every length and with one
// more byte, naming the trailing byte.
template <typename Decode>
void strict_length(const Bytes &data, Decode decode)
{
	every_prefix_fails(data, decode);
	Bytes longer = data;
	longer.push_back(0);
	auto r = decode(longer);
	ASSERT_FALSE(r);
	EXPECT_TRUE(mentions(r.error().message, "1 trailing byte")) << r.error().message;
}
} // namespace

TEST(NcsiLinkStatus, ResponseBytes)
{
	auto resp = decode_response(kLinkStatusResponse, Command::GetLinkStatus, 5);
	ASSERT_TRUE(resp) << resp.error().message;
	auto s = decode_link_status(resp->data);
	ASSERT_TRUE(s) << s.error().message;
	EXPECT_EQ(s->status, 0x0001006fu);
	EXPECT_TRUE(s->link_up());
	EXPECT_EQ(s->speed_duplex(), 7);
	EXPECT_EQ(s->speed(), (LinkSpeed{1000, true}));
	EXPECT_TRUE(s->autoneg_enabled());
	EXPECT_TRUE(s->autoneg_complete());
	EXPECT_TRUE(s->status & link::TxFlowControl);
	EXPECT_FALSE(s->status & link::RxFlowControl);
	EXPECT_TRUE(s->host_nc_driver_ready());
	EXPECT_EQ(s->oem, 0x12345678u);
	EXPECT_EQ(speed_text(s->speed_duplex()), "1000 Mb/s full duplex");

	Header req;
	req.iid = 5;
	req.type = 0x0a;
	req.channel = {0, 1};
	EXPECT_EQ(*encode_response(req, {}, *encode_link_status(*s)), kLinkStatusResponse);
	Bytes data = payload_of(kLinkStatusResponse);
	data.erase(data.begin(), data.begin() + 4);
	strict_length(data, [](std::span<const std::uint8_t> d) { return decode_link_status(d); });
}

TEST(NcsiLinkStatus, SpeedsAndMake)
{
	EXPECT_EQ(speed_text(0), "auto-negotiation not complete");
	EXPECT_EQ(speed_text(1), "10 Mb/s half duplex");
	EXPECT_EQ(speed_text(2), "10 Mb/s full duplex");
	EXPECT_EQ(speed_text(4), "100 Mb/s half duplex");
	EXPECT_EQ(speed_text(5), "100 Mb/s full duplex");
	EXPECT_EQ(speed_text(8), "10000 Mb/s full duplex");
	EXPECT_EQ(speed_text(0xa), "25000 Mb/s full duplex");
	EXPECT_EQ(speed_text(0xd), "100000 Mb/s full duplex");
	EXPECT_EQ(speed_text(0xe), "2500 Mb/s full duplex");
	EXPECT_EQ(speed_text(0xf), "speed code 0xf");
	EXPECT_EQ(link_speed(0), std::nullopt);
	EXPECT_EQ(LinkStatus::make(true, 7, true, true), 0x6fu);
	EXPECT_EQ(LinkStatus::make(false, 0, false, false), 0u);
	EXPECT_EQ(LinkStatus::make(true, 5, false, false), 0x0bu);
	LinkStatus down{LinkStatus::make(false, 0, true, false), 0, 0};
	EXPECT_FALSE(down.link_up());
	EXPECT_FALSE(down.speed());
	EXPECT_FALSE(down.host_nc_driver_ready());
}

TEST(NcsiVersionId, ResponseBytes)
{
	auto resp = decode_response(kVersionIdResponse, Command::GetVersionId, 0x22);
	ASSERT_TRUE(resp) << resp.error().message;
	auto v = decode_version_id(resp->data);
	ASSERT_TRUE(v) << v.error().message;
	EXPECT_EQ(v->ncsi.to_string(), "1.2");
	EXPECT_EQ(v->firmware_name, "NICFW");
	EXPECT_EQ(v->firmware_version, 0x01020304u);
	EXPECT_EQ(v->firmware_version_text(), "1.2.3.4");
	EXPECT_EQ(v->pci_did, 0x1533);
	EXPECT_EQ(v->pci_vid, 0x8086);
	EXPECT_EQ(v->pci_ssid, 0x0001);
	EXPECT_EQ(v->pci_ssvid, 0x8086);
	EXPECT_EQ(v->manufacturer_id, 343u);

	Header req;
	req.iid = 0x22;
	req.type = 0x15;
	req.channel = {1, 0};
	EXPECT_EQ(*encode_response(req, {}, *encode_version_id(*v)), kVersionIdResponse);
	Bytes data = payload_of(kVersionIdResponse);
	data.erase(data.begin(), data.begin() + 4);
	strict_length(data, [](std::span<const std::uint8_t> d) { return decode_version_id(d); });
}

TEST(NcsiVersionId, VersionTextAndFields)
{
	EXPECT_EQ((NcsiVersion{0xf1, 0xf1, 0xff, 0, 0}).to_string(), "1.1");
	EXPECT_EQ((NcsiVersion{0xf1, 0xf0, 0xff, 'a', 0}).to_string(), "1.0a");
	EXPECT_EQ((NcsiVersion{0x10, 0x01, 0xf7, 0, 0}).to_string(), "10.01.7");
	EXPECT_EQ((NcsiVersion{0xf3, 0xf7, 0x10, 'a', 'b'}).to_string(), "3.7.10ab");
	EXPECT_EQ((NcsiVersion{0x1a, 0xf1, 0xff, 0, 0}).to_string(), "?.1");

	VersionId v;
	v.firmware_name = "ABCDEFGHIJKL"; // 12 bytes: no NUL on the wire
	auto b = encode_version_id(v);
	ASSERT_TRUE(b);
	EXPECT_EQ(decode_version_id(*b)->firmware_name, "ABCDEFGHIJKL");
	v.firmware_name = "ABCDEFGHIJKLM";
	EXPECT_TRUE(mentions(error_of(encode_version_id(v)), "13 bytes, 12 at most"));
	v.firmware_name = std::string("A\0B", 3);
	EXPECT_TRUE(mentions(error_of(encode_version_id(v)), "firmware name byte 0x00 is not printable"));
	v.firmware_name = "caf\xc3\xa9";
	EXPECT_TRUE(mentions(error_of(encode_version_id(v)), "byte 0xc3 is not printable"));
	v.firmware_name = "x";
	v.ncsi.alpha2 = 0x07;
	EXPECT_TRUE(mentions(error_of(encode_version_id(v)), "alpha2 0x07"));
	v.ncsi.alpha2 = 0;
	v.firmware_name = "x";
	v.ncsi.minor = 0xaa;
	EXPECT_TRUE(mentions(error_of(encode_version_id(v)), "minor 0xaa is not packed BCD"));

	Bytes data = payload_of(kVersionIdResponse);
	data.erase(data.begin(), data.begin() + 4);
	data[0] = 0xfa;
	EXPECT_TRUE(mentions(error_of(decode_version_id(data)), "major 0xfa is not packed BCD"));
	data[0] = 0xf1;
	data[2] = 0xf0; // update 0 is fine
	EXPECT_TRUE(decode_version_id(data));
	data[2] = 0x3f;
	EXPECT_TRUE(mentions(error_of(decode_version_id(data)), "update 0x3f"));
	data[2] = 0xff;
	data[3] = 0x80;
	EXPECT_TRUE(mentions(error_of(decode_version_id(data)), "alpha1 0x80 is neither 0 nor printable"));
	data[3] = 'b';
	EXPECT_EQ(decode_version_id(data)->ncsi.to_string(), "1.2b");
	// the name: "NICFW", NUL, then zeros
	data[8 + 6] = 'X';
	EXPECT_TRUE(mentions(error_of(decode_version_id(data)),
			     "firmware name byte 6 (0x58) after the terminating NUL is not zero"));
	data[8 + 6] = 0;
	data[8 + 1] = 0x01;
	EXPECT_TRUE(mentions(error_of(decode_version_id(data)), "firmware name byte 1 (0x01) is not printable ASCII"));
}

TEST(NcsiCapabilities, RoundTripAndChecks)
{
	Capabilities c{0x1f, 0x0f, 0x07, 16384, 0x00010007, 4, 0, 2, 2, 0x07, 2};
	auto b = encode_capabilities(c);
	ASSERT_TRUE(b);
	EXPECT_EQ(b->size(), 28u);
	EXPECT_EQ(Bytes(b->begin(), b->begin() + 4), (Bytes{0, 0, 0, 0x1f}));
	EXPECT_EQ(Bytes(b->end() - 8, b->end()), (Bytes{4, 0, 2, 2, 0, 0, 0x07, 2}));
	EXPECT_EQ(*decode_capabilities(*b), c);
	strict_length(*b, [](std::span<const std::uint8_t> d) { return decode_capabilities(d); });
	c.channel_count = 32;
	EXPECT_TRUE(mentions(error_of(decode_capabilities(*encode_capabilities(c))), "channel count 32 over 31"));
}

TEST(NcsiParameters, MacsWithTheirFlags)
{
	Parameters p;
	p.macs = {{{0x02, 0x00, 0x00, 0x00, 0x00, 0x01}, true}, {{0x02, 0, 0, 0, 0, 2}, false},
		  {{0x02, 0, 0, 0, 0, 3}, true}};
	p.vlans = {{0x0064, true}, {0x2fff, false}};
	p.link_settings = 0x0000020f;
	p.broadcast_filter = 0x0f;
	p.configuration_flags = 0x0b;
	p.vlan_mode = 2;
	p.flow_control = 3;
	p.aen_control = 0x7;
	auto b = encode_parameters(p);
	ASSERT_TRUE(b);
	ASSERT_EQ(b->size(), 28u + 3 * 6 + 2 * 2);
	// count 3, flags 0b101; 2 VLAN tags, flags 0b01
	EXPECT_EQ(Bytes(b->begin(), b->begin() + 8), (Bytes{3, 0, 0, 0x05, 2, 0, 0x00, 0x01}));
	EXPECT_EQ(Bytes(b->begin() + 28, b->begin() + 34), (Bytes{0x02, 0, 0, 0, 0, 1}));
	EXPECT_EQ(Bytes(b->end() - 4, b->end()), (Bytes{0x00, 0x64, 0x2f, 0xff}));
	auto d = decode_parameters(*b);
	ASSERT_TRUE(d) << d.error().message;
	EXPECT_EQ(*d, p);
	EXPECT_TRUE(d->macs[0].enabled);
	EXPECT_FALSE(d->macs[1].enabled);
	EXPECT_EQ(mac_to_string(d->macs[2].mac), "02:00:00:00:00:03");
	strict_length(*b, [](std::span<const std::uint8_t> x) { return decode_parameters(x); });
	EXPECT_TRUE(decode_parameters(*encode_parameters(Parameters{})));
}

TEST(NcsiParameters, Refuses)
{
	Parameters p;
	p.macs.resize(9);
	EXPECT_TRUE(mentions(error_of(encode_parameters(p)), "9 MAC addresses, 8 at most"));
	p.macs.clear();
	p.vlans.resize(17);
	EXPECT_TRUE(mentions(error_of(encode_parameters(p)), "17 VLAN tags, 16 at most"));

	p.vlans.clear();
	p.macs.resize(2);
	Bytes b = *encode_parameters(p);
	b[3] = 0x04; // enables a third address of two
	EXPECT_TRUE(mentions(error_of(decode_parameters(b)), "MAC address flags 0x04 enable an address past the count (2)"));
	b[3] = 0;
	b[0] = 9;
	EXPECT_TRUE(mentions(error_of(decode_parameters(b)), "MAC address count 9 over 8"));
	b[0] = 3; // claims a third address the bytes do not hold
	EXPECT_TRUE(mentions(error_of(decode_parameters(b)), "truncated at MAC address 3"));
	b[0] = 2;
	b[4] = 1;
	b[6] = 0x00;
	b[7] = 0x02;
	b.push_back(0);
	b.push_back(5);
	EXPECT_TRUE(mentions(error_of(decode_parameters(b)), "VLAN tag flags 0x0002 enable a tag past the count (1)"));
}

TEST(NcsiStatistics, ControllerPacketStatistics)
{
	ControllerPacketStatistics s;
	s.counters_cleared_high = 1;
	s.counters_cleared_low = 0x80000000;
	s.rx_bytes = 0x0123456789abcdefull;
	s.tx_bytes = 2;
	s.rx_unicast = 3;
	s.rx_multicast = 4;
	s.rx_broadcast = 5;
	s.tx_unicast = 6;
	s.tx_multicast = 7;
	s.tx_broadcast = 0xffffffffffffffffull;
	s.fcs_errors = 9;
	s.jabber_packets = 10;
	s.excessive_collision = 11;
	s.rx_control_frames = 12;
	s.rx_frames_by_size = {13, 14, 15, 16, 17, 18, 19};
	s.tx_frames_by_size = {20, 21, 22, 23, 24, 25, 26};
	s.rx_valid_bytes = 0xfedcba9876543210ull;
	s.rx_runt_errors = 27;
	s.rx_jabber_errors = 28;
	auto b = encode_controller_packet_statistics(s);
	ASSERT_TRUE(b);
	ASSERT_EQ(b->size(), 200u); // 204 with response and reason codes
	EXPECT_EQ(Bytes(b->begin() + 8, b->begin() + 16), (Bytes{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}));
	EXPECT_EQ(Bytes(b->begin() + 184, b->begin() + 192),
		  (Bytes{0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10}));
	EXPECT_EQ(Bytes(b->end() - 4, b->end()), (Bytes{0, 0, 0, 28}));
	EXPECT_EQ(*decode_controller_packet_statistics(*b), s);
	strict_length(*b, [](std::span<const std::uint8_t> d) { return decode_controller_packet_statistics(d); });
	EXPECT_TRUE(mentions(error_of(decode_controller_packet_statistics(std::span(*b).first(134))),
			     "truncated at 65-127-byte frames received"));
}

TEST(NcsiStatistics, NcsiStatistics)
{
	NcsiStatistics s{100, 1, 2, 3, 90, 91, 4};
	auto b = encode_ncsi_statistics(s);
	ASSERT_TRUE(b);
	ASSERT_EQ(b->size(), 28u);
	EXPECT_EQ(Bytes(b->begin(), b->begin() + 4), (Bytes{0, 0, 0, 100}));
	EXPECT_EQ(*decode_ncsi_statistics(*b), s);
	strict_length(*b, [](std::span<const std::uint8_t> d) { return decode_ncsi_statistics(d); });
	EXPECT_TRUE(mentions(error_of(decode_ncsi_statistics(std::span(*b).first(26))), "truncated at AENs sent"));
}

TEST(NcsiPackageUuid, CanonicalText)
{
	PackageUuid u;
	for (std::size_t i = 0; i < 16; i++)
		u.bytes[i] = static_cast<std::uint8_t>(0x10 * (i % 16) + i);
	EXPECT_EQ(u.to_string(), "00112233-4455-6677-8899-aabbccddeeff");
	auto b = encode_package_uuid(u);
	ASSERT_TRUE(b);
	EXPECT_EQ(*decode_package_uuid(*b), u);
	strict_length(*b, [](std::span<const std::uint8_t> d) { return decode_package_uuid(d); });
}

TEST(NcsiMcMacAddress, CountAndAddresses)
{
	McMacAddresses m{{{0x02, 0x11, 0x22, 0x33, 0x44, 0x55}, {0x02, 0x11, 0x22, 0x33, 0x44, 0x56}}};
	auto b = encode_mc_mac_addresses(m);
	ASSERT_TRUE(b);
	EXPECT_EQ(b->size(), 4u + 12);
	EXPECT_EQ(Bytes(b->begin(), b->begin() + 5), (Bytes{2, 0, 0, 0, 0x02}));
	EXPECT_EQ(*decode_mc_mac_addresses(*b), m);
	strict_length(*b, [](std::span<const std::uint8_t> d) { return decode_mc_mac_addresses(d); });
	EXPECT_TRUE(mentions(error_of(decode_mc_mac_addresses(Bytes{3, 0, 0, 0, 1, 2, 3, 4, 5, 6})),
			     "truncated at MAC address 2"));
	EXPECT_EQ(decode_mc_mac_addresses(Bytes{0, 0, 0, 0})->macs.size(), 0u);
	McMacAddresses many;
	many.macs.resize(256);
	EXPECT_TRUE(mentions(error_of(encode_mc_mac_addresses(many)), "255 at most"));
}
