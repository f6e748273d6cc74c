// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "controller.hpp"
#include "mctpxx/uuid.hpp"
#include "mctpxx/responder.hpp"

using namespace mctpxx;
using namespace mctpxx::ctrld;
using namespace mctpxx::control;

namespace {

Identity identity()
{
	Identity id;
	id.uuid = parse_uuid("00112233-4455-6677-8899-aabbccddeeff");
	id.message_types = {0x00, 0x01};
	control::GetVendorMessageSupportResponse v;
	v.format = control::VendorIdFormat::Iana;
	v.vendor_id = 0x1234;
	v.command_set = 7;
	id.vendor = {v, v};
	return id;
}

std::vector<std::uint8_t> req(Command c, std::uint8_t inst = 3)
{
	return control::encode_request(c, inst);
}

} // namespace

TEST(ControlResponder, GetEndpointId)
{
	EidState s;
	s.eid = 0;
	auto r = respond(req(Command::GetEndpointId), identity(), s);
	ASSERT_TRUE(r);
	auto d = control::decode_get_eid_response(r->response);
	ASSERT_TRUE(d) << d.error().message;
	EXPECT_EQ(d->eid, 0);
	EXPECT_EQ(d->eid_type, control::EidType::Dynamic);
	auto h = control::parse_header(r->response);
	EXPECT_EQ(h->instance, 3);

	s.eid = 30;
	s.static_eid = 30;
	d = control::decode_get_eid_response(respond(req(Command::GetEndpointId), identity(), s)->response);
	EXPECT_EQ(d->eid, 30);
	EXPECT_EQ(d->eid_type, control::EidType::StaticMatch);
}

TEST(ControlResponder, SetEndpointId)
{
	EidState s;
	auto r = respond(control::encode(control::SetEndpointIdRequest{control::SetEidOp::Set, 20}, 1),
			 identity(), s);
	ASSERT_TRUE(r);
	auto d = control::decode_set_eid_response(r->response);
	ASSERT_TRUE(d);
	EXPECT_EQ(d->status, control::EidAssignment::Accepted);
	EXPECT_EQ(d->eid, 20);
	EXPECT_EQ(r->new_eid, 20);

	s.eid = 16;
	s.accept_assignment = false;
	r = respond(control::encode(control::SetEndpointIdRequest{control::SetEidOp::Set, 20}, 1),
		    identity(), s);
	d = control::decode_set_eid_response(r->response);
	EXPECT_EQ(d->status, control::EidAssignment::Rejected);
	EXPECT_EQ(d->eid, 16);
	EXPECT_FALSE(r->new_eid);

	// the null and broadcast EIDs cannot be assigned
	r = respond(control::encode(control::SetEndpointIdRequest{control::SetEidOp::Set, 0xff}, 1),
		    identity(), EidState{});
	EXPECT_EQ(control::parse_response(r->response)->cc, control::Completion::InvalidData);
}

TEST(ControlResponder, UuidTypesVersionsVendor)
{
	EidState s;
	auto u = control::decode_uuid_response(respond(req(Command::GetEndpointUuid), identity(), s)->response);
	ASSERT_TRUE(u);
	EXPECT_EQ(uuid_to_string(u->uuid), "00112233-4455-6677-8899-aabbccddeeff");

	auto t = control::decode_message_types_response(
		respond(req(Command::GetMessageTypeSupport), identity(), s)->response);
	ASSERT_TRUE(t);
	EXPECT_EQ(t->types, (std::vector<std::uint8_t>{0, 1}));

	auto v = control::decode_version_response(
		respond(control::encode(control::GetVersionSupportRequest{0xff}, 0), identity(), s)->response);
	ASSERT_TRUE(v);
	EXPECT_EQ(to_string(v->versions.at(0)), "1.3.1");
	auto bad = respond(control::encode(control::GetVersionSupportRequest{0x7e}, 0), identity(), s);
	EXPECT_EQ(control::parse_response(bad->response)->cc, control::Completion::MessageTypeUnsupported);

	auto v0 = control::decode_vendor_response(
		respond(control::encode(control::GetVendorMessageSupportRequest{0}, 0), identity(), s)->response);
	ASSERT_TRUE(v0);
	EXPECT_EQ(v0->next_selector, 1);
	EXPECT_EQ(v0->vendor_id, 0x1234u);
	auto v1 = control::decode_vendor_response(
		respond(control::encode(control::GetVendorMessageSupportRequest{1}, 0), identity(), s)->response);
	EXPECT_EQ(v1->next_selector, 0xff);
	auto v2 = respond(control::encode(control::GetVendorMessageSupportRequest{2}, 0), identity(), s);
	EXPECT_EQ(control::parse_response(v2->response)->cc, control::Completion::InvalidData);
}

TEST(ControlResponder, NoUuidUnknownCommandsAndResponses)
{
	Identity id = identity();
	id.uuid.reset();
	auto r = respond(req(Command::GetEndpointUuid), id, EidState{});
	EXPECT_EQ(control::parse_response(r->response)->cc, control::Completion::UnsupportedCommand);
	r = respond(req(Command::QueryHop), id, EidState{});
	EXPECT_EQ(control::parse_response(r->response)->cc, control::Completion::UnsupportedCommand);
	// responses and scraps get no answer
	std::vector<std::uint8_t> resp{0x00, 0x02, 0x00};
	EXPECT_FALSE(respond(resp, id, EidState{}));
	std::vector<std::uint8_t> scrap{0x80};
	EXPECT_FALSE(respond(scrap, id, EidState{}));
}

TEST(ControlResponder, DiscoveryNotify)
{
	// an endpoint does not take it
	auto r = respond(req(Command::DiscoveryNotify, 9), identity(), EidState{});
	ASSERT_TRUE(r);
	EXPECT_EQ(control::parse_response(r->response)->cc, control::Completion::UnsupportedCommand);
	EXPECT_FALSE(r->discovery_notify);
	// a bus owner answers success, same instance, and is told to act
	Identity owner = identity();
	owner.takes_discovery_notify = true;
	r = respond(req(Command::DiscoveryNotify, 9), owner, EidState{});
	ASSERT_TRUE(r);
	auto h = control::parse_response(r->response);
	ASSERT_TRUE(h);
	EXPECT_EQ(h->cc, control::Completion::Success);
	EXPECT_EQ(r->response.size(), 3u);
	EXPECT_EQ(r->response[0] & 0x1f, 9);
	EXPECT_EQ(r->response[1], 0x0d);
	EXPECT_TRUE(r->discovery_notify);
	EXPECT_FALSE(r->new_eid);
	// its response is not a request to act on
	std::vector<std::uint8_t> resp{0x09, 0x0d, 0x00};
	EXPECT_FALSE(respond(resp, owner, EidState{}));
}

TEST(CtrldController, ResponseMatching)
{
	std::string why;
	auto ok = control::encode(control::Header{true, false, 5, Command::GetEndpointId},
				  control::GetEndpointIdResponse{});
	EXPECT_TRUE(response_matches(ok, Command::GetEndpointId, 5, why));
	EXPECT_FALSE(response_matches(ok, Command::GetEndpointId, 6, why));
	EXPECT_EQ(why, "instance ID 5, expected 6");
	EXPECT_FALSE(response_matches(ok, Command::SetEndpointId, 5, why));
	EXPECT_EQ(why, "answers Get Endpoint ID, not Set Endpoint ID");
	auto request = control::encode_request(Command::GetEndpointId, 5);
	EXPECT_FALSE(response_matches(request, Command::GetEndpointId, 5, why));
	std::vector<std::uint8_t> one{0x05};
	EXPECT_FALSE(response_matches(one, Command::GetEndpointId, 5, why));
}

TEST(CtrldUuid, ParseAndFormat)
{
	auto u = parse_uuid("00112233-4455-6677-8899-AABBCCDDEEFF");
	ASSERT_TRUE(u);
	EXPECT_EQ(uuid_to_string(*u), "00112233-4455-6677-8899-aabbccddeeff");
	EXPECT_TRUE(parse_uuid("00112233445566778899aabbccddeeff"));
	EXPECT_FALSE(parse_uuid("00112233-4455-6677-8899-aabbccddeef"));
	EXPECT_FALSE(parse_uuid("00112233-4455-6677-8899-aabbccddeeff0"));
	EXPECT_FALSE(parse_uuid("0011223-34455-6677-8899-aabbccddeeff"));
	EXPECT_FALSE(parse_uuid("g0112233-4455-6677-8899-aabbccddeeff"));
	EXPECT_TRUE(uuid_is_nil(control::Uuid{}));
}
