// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "mctpxx/control.hpp"

using namespace mctpxx::control;
using Bytes = std::vector<std::uint8_t>;

TEST(ControlHeader, RequestBitsAndInstance)
{
	Bytes req = encode_request(Command::GetEndpointId, 0x25);
	ASSERT_EQ(req.size(), 2u);
	EXPECT_EQ(req[0], 0x80 | 0x05) << "Rq set, instance masked to 5 bits";
	EXPECT_EQ(req[1], 0x02);
	auto h = parse_header(req);
	ASSERT_TRUE(h);
	EXPECT_TRUE(h->request);
	EXPECT_FALSE(h->datagram);
	EXPECT_EQ(h->instance, 5);
	EXPECT_EQ(h->command, Command::GetEndpointId);
}

TEST(ControlHeader, ShortBufferIsAnError)
{
	Bytes one{0x80};
	auto h = parse_header(one);
	ASSERT_FALSE(h);
	EXPECT_NE(h.error().message.find("too short"), std::string::npos);
}

TEST(SetEndpointId, RequestRoundTrip)
{
	Bytes b = encode(SetEndpointIdRequest{SetEidOp::Force, 0x1d}, 3);
	EXPECT_EQ(b, (Bytes{0x83, 0x01, 0x01, 0x1d}));
	auto r = decode_set_eid_request(b);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->op, SetEidOp::Force);
	EXPECT_EQ(r->eid, 0x1d);
}

TEST(SetEndpointId, RequestTooShort)
{
	EXPECT_FALSE(decode_set_eid_request(Bytes{0x80, 0x01, 0x00}));
}

TEST(SetEndpointId, ResponseRoundTrip)
{
	Header req{true, false, 7, Command::SetEndpointId};
	Bytes b = encode(req, SetEndpointIdResponse{EidAssignment::Rejected, 0, 0x20, 0});
	EXPECT_EQ(b, (Bytes{0x07, 0x01, 0x00, 0x10, 0x20, 0x00}));
	auto r = decode_set_eid_response(b);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->status, EidAssignment::Rejected);
	EXPECT_EQ(r->eid, 0x20);
}

TEST(Response, ErrorCompletionCodeIsReported)
{
	Bytes b{0x01, 0x02, 0x05};
	auto r = decode_get_eid_response(b);
	ASSERT_FALSE(r);
	EXPECT_NE(r.error().message.find("ERROR_UNSUPPORTED_CMD"), std::string::npos)
		<< r.error().message;
}

TEST(Response, RequestInsteadOfResponseRejected)
{
	Bytes b{0x81, 0x02, 0x00, 0x09, 0x00, 0x00};
	EXPECT_FALSE(decode_get_eid_response(b));
}

TEST(Response, WrongCommandRejected)
{
	Bytes b{0x01, 0x03, 0x00, 0x09, 0x00, 0x00};
	auto r = decode_get_eid_response(b);
	ASSERT_FALSE(r);
	EXPECT_NE(r.error().message.find("Get Endpoint UUID"), std::string::npos);
}

TEST(GetEndpointId, RoundTripAndReservedType)
{
	Header req{true, false, 1, Command::GetEndpointId};
	GetEndpointIdResponse in{0x0a, EndpointType::BusOwnerBridge, EidType::StaticMatch, 0x42};
	Bytes b = encode(req, in);
	auto r = decode_get_eid_response(b);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->eid, 0x0a);
	EXPECT_EQ(r->endpoint_type, EndpointType::BusOwnerBridge);
	EXPECT_EQ(r->eid_type, EidType::StaticMatch);
	EXPECT_EQ(r->medium_info, 0x42);
	b[4] = 0x30; // endpoint type 3 is reserved
	EXPECT_FALSE(decode_get_eid_response(b));
	b.resize(5);
	EXPECT_FALSE(decode_get_eid_response(b)) << "truncated body";
}

TEST(GetUuid, RoundTripAndFormat)
{
	Header req{true, false, 0, Command::GetEndpointUuid};
	GetEndpointUuidResponse in;
	for (int i = 0; i < 16; i++)
		in.uuid[i] = static_cast<std::uint8_t>(i * 17);
	auto r = decode_uuid_response(encode(req, in));
	ASSERT_TRUE(r);
	EXPECT_EQ(r->uuid, in.uuid);
	EXPECT_EQ(uuid_to_string(in.uuid), "00112233-4455-6677-8899-aabbccddeeff");
	Bytes shorter = encode(req, in);
	shorter.pop_back();
	EXPECT_FALSE(decode_uuid_response(shorter));
}

TEST(GetVersion, EntriesAndCountMismatch)
{
	Header req{true, false, 0, Command::GetVersionSupport};
	GetVersionSupportResponse in{{{0xf1, 0xf3, 0xf1, 0x00}, {0xf1, 0xf2, 0xff, 0x00}}};
	Bytes b = encode(req, in);
	auto r = decode_version_response(b);
	ASSERT_TRUE(r);
	ASSERT_EQ(r->versions.size(), 2u);
	EXPECT_EQ(to_string(r->versions[0]), "1.3.1");
	EXPECT_EQ(to_string(r->versions[1]), "1.2");
	b[3] = 3; // claims three entries
	EXPECT_FALSE(decode_version_response(b));
}

TEST(GetVersion, UnsupportedTypeCode)
{
	Bytes b{0x00, 0x04, 0x80};
	auto r = decode_version_response(b);
	ASSERT_FALSE(r);
}

TEST(GetMessageTypes, RoundTripAndTruncation)
{
	Header req{true, false, 0, Command::GetMessageTypeSupport};
	Bytes b = encode(req, GetMessageTypeSupportResponse{{0x00, 0x04, 0x7e}});
	auto r = decode_message_types_response(b);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->types, (Bytes{0x00, 0x04, 0x7e}));
	b.pop_back();
	EXPECT_FALSE(decode_message_types_response(b));
}

TEST(GetVendor, PciAndIana)
{
	Header req{true, false, 0, Command::GetVendorMessageSupport};
	GetVendorMessageSupportResponse pci{0xff, VendorIdFormat::Pci, 0x8086, 0x0102};
	auto r = decode_vendor_response(encode(req, pci));
	ASSERT_TRUE(r);
	EXPECT_EQ(r->vendor_id, 0x8086u);
	EXPECT_EQ(r->command_set, 0x0102);
	GetVendorMessageSupportResponse iana{0x01, VendorIdFormat::Iana, 0x0000ab12, 7};
	Bytes b = encode(req, iana);
	r = decode_vendor_response(b);
	ASSERT_TRUE(r);
	EXPECT_EQ(r->next_selector, 0x01);
	EXPECT_EQ(r->vendor_id, 0xab12u);
	b[4] = 0x02; // unknown format
	EXPECT_FALSE(decode_vendor_response(b));
}

TEST(Fuzz, TruncationsNeverCrash)
{
	Header req{true, false, 0, Command::GetVersionSupport};
	Bytes full = encode(req, GetVersionSupportResponse{{{0xf1, 0xf3, 0xf1, 0}}});
	for (std::size_t n = 0; n < full.size(); n++) {
		Bytes cut(full.begin(), full.begin() + n);
		EXPECT_FALSE(decode_version_response(cut)) << "length " << n;
		EXPECT_FALSE(decode_get_eid_response(cut));
		EXPECT_FALSE(decode_vendor_response(cut));
	}
}
