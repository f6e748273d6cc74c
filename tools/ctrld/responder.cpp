// SPDX-License-Identifier: GPL-2.0
#include "responder.hpp"

#include <algorithm>

namespace mctpxx::ctrld {
namespace {

using control::Command;
using control::Completion;

bool unicast(std::uint8_t eid)
{
	return eid >= 8 && eid <= 254;
}

control::EidType eid_type(const EidState &s)
{
	if (!s.static_eid)
		return control::EidType::Dynamic;
	if (s.eid == 0)
		return control::EidType::StaticSupported;
	return s.eid == *s.static_eid ? control::EidType::StaticMatch
				      : control::EidType::StaticMismatch;
}

Reply error(const control::Header &h, Completion cc)
{
	return Reply{control::encode_response(h, cc), std::nullopt};
}

Reply set_eid(std::span<const std::uint8_t> req, const control::Header &h, const EidState &s)
{
	auto r = control::decode_set_eid_request(req);
	if (!r)
		return error(h, Completion::InvalidLength);
	control::SetEndpointIdResponse resp;
	resp.eid = s.eid;
	std::optional<std::uint8_t> next;
	switch (r->op) {
	case control::SetEidOp::Set:
	case control::SetEidOp::Force:
		if (!unicast(r->eid))
			return error(h, Completion::InvalidData);
		if (!s.accept_assignment) {
			resp.status = control::EidAssignment::Rejected;
			break;
		}
		resp.eid = r->eid;
		next = r->eid;
		break;
	case control::SetEidOp::Reset:
		if (!s.static_eid)
			return error(h, Completion::InvalidData);
		resp.eid = *s.static_eid;
		next = *s.static_eid;
		break;
	case control::SetEidOp::SetDiscovered:
		break;
	}
	if (next && *next == s.eid)
		next.reset();
	return Reply{control::encode(h, resp), next};
}

Reply versions(std::span<const std::uint8_t> req, const control::Header &h, const Identity &id)
{
	auto r = control::decode_version_request(req);
	if (!r)
		return error(h, Completion::InvalidLength);
	control::GetVersionSupportResponse resp;
	if (r->message_type == 0xff || r->message_type == control::kMessageType) {
		resp.versions = id.control_versions;
	} else if (std::find(id.message_types.begin(), id.message_types.end(), r->message_type) !=
		   id.message_types.end()) {
		resp.versions = {{0xf1, 0xf0, 0xf0, 0x00}};
	} else {
		return error(h, Completion::MessageTypeUnsupported);
	}
	return Reply{control::encode(h, resp), std::nullopt};
}

Reply vendor(std::span<const std::uint8_t> req, const control::Header &h, const Identity &id)
{
	auto r = control::decode_vendor_request(req);
	if (!r)
		return error(h, Completion::InvalidLength);
	if (id.vendor.empty() || r->selector >= id.vendor.size())
		return error(h, Completion::InvalidData);
	auto e = id.vendor[r->selector];
	e.next_selector = r->selector + 1u < id.vendor.size()
				  ? static_cast<std::uint8_t>(r->selector + 1)
				  : 0xff;
	return Reply{control::encode(h, e), std::nullopt};
}

} // namespace

std::optional<Reply> respond(std::span<const std::uint8_t> request, const Identity &id,
			     const EidState &s)
{
	auto h = control::parse_header(request);
	if (!h || !h->request)
		return std::nullopt;
	switch (h->command) {
	case Command::SetEndpointId:
		return set_eid(request, *h, s);
	case Command::GetEndpointId: {
		control::GetEndpointIdResponse r{s.eid, id.endpoint_type, eid_type(s), 0};
		return Reply{control::encode(*h, r), std::nullopt};
	}
	case Command::GetEndpointUuid:
		if (!id.uuid)
			return error(*h, Completion::UnsupportedCommand);
		return Reply{control::encode(*h, control::GetEndpointUuidResponse{*id.uuid}),
			     std::nullopt};
	case Command::GetVersionSupport:
		return versions(request, *h, id);
	case Command::GetMessageTypeSupport:
		return Reply{control::encode(*h, control::GetMessageTypeSupportResponse{id.message_types}),
			     std::nullopt};
	case Command::GetVendorMessageSupport:
		return vendor(request, *h, id);
	default:
		return error(*h, Completion::UnsupportedCommand);
	}
}

} // namespace mctpxx::ctrld
