// SPDX-License-Identifier: GPL-2.0
#include "mctpxx/responder.hpp"

#include <algorithm>

namespace mctpxx::control {
namespace {

bool unicast(std::uint8_t eid)
{
	return eid >= 8 && eid <= 254;
}

EidType eid_type(const EidState &s)
{
	if (!s.static_eid)
		return EidType::Dynamic;
	if (s.eid == 0)
		return EidType::StaticSupported;
	return s.eid == *s.static_eid ? EidType::StaticMatch
				      : EidType::StaticMismatch;
}

Reply error(const Header &h, Completion cc)
{
	return Reply{encode_response(h, cc), std::nullopt};
}

Reply set_eid(std::span<const std::uint8_t> req, const Header &h, const EidState &s)
{
	auto r = decode_set_eid_request(req);
	if (!r)
		return error(h, Completion::InvalidLength);
	SetEndpointIdResponse resp;
	resp.eid = s.eid;
	std::optional<std::uint8_t> next;
	switch (r->op) {
	case SetEidOp::Set:
	case SetEidOp::Force:
		if (!unicast(r->eid))
			return error(h, Completion::InvalidData);
		if (!s.accept_assignment) {
			resp.status = EidAssignment::Rejected;
			break;
		}
		resp.eid = r->eid;
		next = r->eid;
		break;
	case SetEidOp::Reset:
		if (!s.static_eid)
			return error(h, Completion::InvalidData);
		resp.eid = *s.static_eid;
		next = *s.static_eid;
		break;
	case SetEidOp::SetDiscovered:
		break;
	}
	if (next && *next == s.eid)
		next.reset();
	return Reply{encode(h, resp), next};
}

Reply versions(std::span<const std::uint8_t> req, const Header &h, const Identity &id)
{
	auto r = decode_version_request(req);
	if (!r)
		return error(h, Completion::InvalidLength);
	GetVersionSupportResponse resp;
	if (r->message_type == 0xff || r->message_type == kMessageType) {
		resp.versions = id.control_versions;
	} else if (std::find(id.message_types.begin(), id.message_types.end(), r->message_type) !=
		   id.message_types.end()) {
		resp.versions = {{0xf1, 0xf0, 0xf0, 0x00}};
	} else {
		return error(h, Completion::MessageTypeUnsupported);
	}
	return Reply{encode(h, resp), std::nullopt};
}

Reply vendor(std::span<const std::uint8_t> req, const Header &h, const Identity &id)
{
	auto r = decode_vendor_request(req);
	if (!r)
		return error(h, Completion::InvalidLength);
	if (id.vendor.empty() || r->selector >= id.vendor.size())
		return error(h, Completion::InvalidData);
	auto e = id.vendor[r->selector];
	e.next_selector = r->selector + 1u < id.vendor.size()
				  ? static_cast<std::uint8_t>(r->selector + 1)
				  : 0xff;
	return Reply{encode(h, e), std::nullopt};
}

} // namespace

std::optional<Reply> respond(std::span<const std::uint8_t> request, const Identity &id,
			     const EidState &s)
{
	auto h = parse_header(request);
	if (!h || !h->request)
		return std::nullopt;
	switch (h->command) {
	case Command::SetEndpointId:
		return set_eid(request, *h, s);
	case Command::GetEndpointId: {
		GetEndpointIdResponse r{s.eid, id.endpoint_type, eid_type(s), 0};
		return Reply{encode(*h, r), std::nullopt};
	}
	case Command::GetEndpointUuid:
		if (!id.uuid)
			return error(*h, Completion::UnsupportedCommand);
		return Reply{encode(*h, GetEndpointUuidResponse{*id.uuid}),
			     std::nullopt};
	case Command::GetVersionSupport:
		return versions(request, *h, id);
	case Command::GetMessageTypeSupport:
		return Reply{encode(*h, GetMessageTypeSupportResponse{id.message_types}),
			     std::nullopt};
	case Command::GetVendorMessageSupport:
		return vendor(request, *h, id);
	case Command::DiscoveryNotify: {
		// no request data; the caller acts on the sender's address
		if (!id.takes_discovery_notify)
			return error(*h, Completion::UnsupportedCommand);
		Reply r = error(*h, Completion::Success);
		r.discovery_notify = true;
		return r;
	}
	default:
		return error(*h, Completion::UnsupportedCommand);
	}
}

} // namespace mctpxx::control
