// SPDX-License-Identifier: GPL-2.0
#include "mctpxx/control.hpp"

#include <algorithm>
#include <cstdio>

namespace mctpxx::control {
namespace {

constexpr std::uint8_t kRqBit = 0x80;
constexpr std::uint8_t kDBit = 0x40;
constexpr std::size_t kHeaderLen = 2;
constexpr std::size_t kResponseHeadLen = 3;

using Bytes = std::vector<std::uint8_t>;
using Span = std::span<const std::uint8_t>;

Bytes header_bytes(bool request, bool datagram, std::uint8_t instance, Command cmd)
{
	std::uint8_t b0 = instance & kInstanceMask;
	if (request)
		b0 |= kRqBit;
	if (datagram)
		b0 |= kDBit;
	return Bytes{b0, static_cast<std::uint8_t>(cmd)};
}

Error short_message(const char *what, std::size_t need, std::size_t have)
{
	return Error::msg(std::string(what) + ": message too short (" +
			  std::to_string(have) + " bytes, need " +
			  std::to_string(need) + ")");
}

// A request of @cmd with at least @body_len bytes after the header.
Result<Span> request_body(Span buf, Command cmd, std::size_t body_len, const char *what)
{
	auto h = parse_header(buf);
	if (!h)
		return fail(h.error());
	if (!h->request || h->command != cmd)
		return fail(Error::msg(std::string(what) + ": not a " + to_string(cmd) + " request"));
	if (buf.size() < kHeaderLen + body_len)
		return fail(short_message(what, kHeaderLen + body_len, buf.size()));
	return buf.subspan(kHeaderLen);
}

// A successful response of @cmd with at least @body_len bytes of body.
Result<Span> response_body(Span buf, Command cmd, std::size_t body_len)
{
	auto r = parse_response(buf);
	if (!r)
		return fail(r.error());
	if (r->header.command != cmd)
		return fail(Error::msg("response is for " + to_string(r->header.command) +
				       ", expected " + to_string(cmd)));
	if (r->cc != Completion::Success)
		return fail(Error::msg(to_string(cmd) + " failed: completion code " +
				       to_string(r->cc)));
	if (buf.size() < kResponseHeadLen + body_len)
		return fail(short_message(to_string(cmd).c_str(), kResponseHeadLen + body_len,
					  buf.size()));
	return buf.subspan(kResponseHeadLen);
}

Bytes response_bytes(const Header &req, Completion cc, Span body)
{
	Bytes out = header_bytes(false, req.datagram, req.instance, req.command);
	out.push_back(static_cast<std::uint8_t>(cc));
	out.insert(out.end(), body.begin(), body.end());
	return out;
}

} // namespace

std::string to_string(Command c)
{
	switch (c) {
	case Command::SetEndpointId: return "Set Endpoint ID";
	case Command::GetEndpointId: return "Get Endpoint ID";
	case Command::GetEndpointUuid: return "Get Endpoint UUID";
	case Command::GetVersionSupport: return "Get MCTP Version Support";
	case Command::GetMessageTypeSupport: return "Get Message Type Support";
	case Command::GetVendorMessageSupport: return "Get Vendor Defined Message Support";
	case Command::ResolveEndpointId: return "Resolve Endpoint ID";
	case Command::AllocateEndpointIds: return "Allocate Endpoint IDs";
	case Command::RoutingInfoUpdate: return "Routing Information Update";
	case Command::GetRoutingTableEntries: return "Get Routing Table Entries";
	case Command::PrepareEndpointDiscovery: return "Prepare for Endpoint Discovery";
	case Command::EndpointDiscovery: return "Endpoint Discovery";
	case Command::DiscoveryNotify: return "Discovery Notify";
	case Command::GetNetworkId: return "Get Network ID";
	case Command::QueryHop: return "Query Hop";
	}
	char buf[32];
	std::snprintf(buf, sizeof(buf), "command 0x%02x", static_cast<unsigned>(c));
	return buf;
}

std::string to_string(Completion c)
{
	switch (c) {
	case Completion::Success: return "SUCCESS";
	case Completion::Error: return "ERROR";
	case Completion::InvalidData: return "ERROR_INVALID_DATA";
	case Completion::InvalidLength: return "ERROR_INVALID_LENGTH";
	case Completion::NotReady: return "ERROR_NOT_READY";
	case Completion::UnsupportedCommand: return "ERROR_UNSUPPORTED_CMD";
	case Completion::MessageTypeUnsupported: return "0x80 (command specific)";
	}
	char buf[32];
	std::snprintf(buf, sizeof(buf), "0x%02x", static_cast<unsigned>(c));
	return buf;
}

std::string to_string(const VersionEntry &v)
{
	// Version fields are BCD with 0xF as "not present" for minor/update.
	auto digit = [](std::uint8_t b) { return static_cast<unsigned>(b & 0x0f); };
	std::string s = std::to_string(digit(v.major)) + "." + std::to_string(digit(v.minor));
	if (v.update != 0xff)
		s += "." + std::to_string(digit(v.update));
	return s;
}

std::string uuid_to_string(const Uuid &u)
{
	char buf[37];
	std::snprintf(buf, sizeof(buf),
		      "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		      u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11],
		      u[12], u[13], u[14], u[15]);
	return buf;
}

Result<Header> parse_header(Span buf)
{
	if (buf.size() < kHeaderLen)
		return fail(short_message("control header", kHeaderLen, buf.size()));
	Header h;
	h.request = buf[0] & kRqBit;
	h.datagram = buf[0] & kDBit;
	h.instance = buf[0] & kInstanceMask;
	h.command = static_cast<Command>(buf[1]);
	return h;
}

Bytes encode_request(Command cmd, std::uint8_t instance)
{
	return header_bytes(true, false, instance, cmd);
}

Bytes encode(const SetEndpointIdRequest &r, std::uint8_t instance)
{
	Bytes out = encode_request(Command::SetEndpointId, instance);
	out.push_back(static_cast<std::uint8_t>(r.op) & 0x03);
	out.push_back(r.eid);
	return out;
}

Bytes encode(const GetVersionSupportRequest &r, std::uint8_t instance)
{
	Bytes out = encode_request(Command::GetVersionSupport, instance);
	out.push_back(r.message_type);
	return out;
}

Bytes encode(const GetVendorMessageSupportRequest &r, std::uint8_t instance)
{
	Bytes out = encode_request(Command::GetVendorMessageSupport, instance);
	out.push_back(r.selector);
	return out;
}

Result<SetEndpointIdRequest> decode_set_eid_request(Span buf)
{
	auto body = request_body(buf, Command::SetEndpointId, 2, "Set Endpoint ID");
	if (!body)
		return fail(body.error());
	return SetEndpointIdRequest{static_cast<SetEidOp>((*body)[0] & 0x03), (*body)[1]};
}

Result<GetVersionSupportRequest> decode_version_request(Span buf)
{
	auto body = request_body(buf, Command::GetVersionSupport, 1, "Get MCTP Version Support");
	if (!body)
		return fail(body.error());
	return GetVersionSupportRequest{(*body)[0]};
}

Result<GetVendorMessageSupportRequest> decode_vendor_request(Span buf)
{
	auto body = request_body(buf, Command::GetVendorMessageSupport, 1,
				 "Get Vendor Defined Message Support");
	if (!body)
		return fail(body.error());
	return GetVendorMessageSupportRequest{(*body)[0]};
}

Bytes encode_response(const Header &req, Completion cc, Span body)
{
	return response_bytes(req, cc, body);
}

Result<ResponseHead> parse_response(Span buf)
{
	auto h = parse_header(buf);
	if (!h)
		return fail(h.error());
	if (h->request)
		return fail(Error::msg("expected a response, got a request (Rq bit set)"));
	if (buf.size() < kResponseHeadLen)
		return fail(short_message("control response", kResponseHeadLen, buf.size()));
	return ResponseHead{*h, static_cast<Completion>(buf[2])};
}

Bytes encode(const Header &req, const SetEndpointIdResponse &r)
{
	const std::uint8_t body[] = {
		static_cast<std::uint8_t>((static_cast<std::uint8_t>(r.status) << 4) |
					  (r.alloc_status & 0x03)),
		r.eid, r.pool_size};
	return response_bytes(req, Completion::Success, body);
}

Bytes encode(const Header &req, const GetEndpointIdResponse &r)
{
	const std::uint8_t body[] = {
		r.eid,
		static_cast<std::uint8_t>((static_cast<std::uint8_t>(r.endpoint_type) << 4) |
					  static_cast<std::uint8_t>(r.eid_type)),
		r.medium_info};
	return response_bytes(req, Completion::Success, body);
}

Bytes encode(const Header &req, const GetEndpointUuidResponse &r)
{
	return response_bytes(req, Completion::Success, r.uuid);
}

Bytes encode(const Header &req, const GetVersionSupportResponse &r)
{
	Bytes body{static_cast<std::uint8_t>(r.versions.size())};
	for (const auto &v : r.versions)
		body.insert(body.end(), {v.major, v.minor, v.update, v.alpha});
	return response_bytes(req, Completion::Success, body);
}

Bytes encode(const Header &req, const GetMessageTypeSupportResponse &r)
{
	Bytes body{static_cast<std::uint8_t>(r.types.size())};
	body.insert(body.end(), r.types.begin(), r.types.end());
	return response_bytes(req, Completion::Success, body);
}

Bytes encode(const Header &req, const GetVendorMessageSupportResponse &r)
{
	Bytes body{r.next_selector, static_cast<std::uint8_t>(r.format)};
	if (r.format == VendorIdFormat::Iana) {
		for (int shift = 24; shift >= 0; shift -= 8)
			body.push_back(static_cast<std::uint8_t>(r.vendor_id >> shift));
	} else {
		body.push_back(static_cast<std::uint8_t>(r.vendor_id >> 8));
		body.push_back(static_cast<std::uint8_t>(r.vendor_id));
	}
	body.push_back(static_cast<std::uint8_t>(r.command_set >> 8));
	body.push_back(static_cast<std::uint8_t>(r.command_set));
	return response_bytes(req, Completion::Success, body);
}

Result<SetEndpointIdResponse> decode_set_eid_response(Span buf)
{
	auto body = response_body(buf, Command::SetEndpointId, 3);
	if (!body)
		return fail(body.error());
	const auto &b = *body;
	const std::uint8_t status = (b[0] >> 4) & 0x03;
	if (status > 1)
		return fail(Error::msg("Set Endpoint ID: reserved assignment status " +
				       std::to_string(status)));
	return SetEndpointIdResponse{static_cast<EidAssignment>(status),
				     static_cast<std::uint8_t>(b[0] & 0x03), b[1], b[2]};
}

Result<GetEndpointIdResponse> decode_get_eid_response(Span buf)
{
	auto body = response_body(buf, Command::GetEndpointId, 3);
	if (!body)
		return fail(body.error());
	const auto &b = *body;
	const std::uint8_t ep_type = (b[1] >> 4) & 0x03;
	if (ep_type > 1)
		return fail(Error::msg("Get Endpoint ID: reserved endpoint type " +
				       std::to_string(ep_type)));
	return GetEndpointIdResponse{b[0], static_cast<EndpointType>(ep_type),
				     static_cast<EidType>(b[1] & 0x03), b[2]};
}

Result<GetEndpointUuidResponse> decode_uuid_response(Span buf)
{
	auto body = response_body(buf, Command::GetEndpointUuid, 16);
	if (!body)
		return fail(body.error());
	GetEndpointUuidResponse r;
	std::copy_n(body->begin(), 16, r.uuid.begin());
	return r;
}

Result<GetVersionSupportResponse> decode_version_response(Span buf)
{
	auto body = response_body(buf, Command::GetVersionSupport, 1);
	if (!body)
		return fail(body.error());
	const std::size_t count = (*body)[0];
	if (body->size() < 1 + 4 * count)
		return fail(Error::msg("Get MCTP Version Support: " + std::to_string(count) +
				       " entries announced, " +
				       std::to_string((body->size() - 1) / 4) + " present"));
	GetVersionSupportResponse r;
	for (std::size_t i = 0; i < count; i++) {
		const auto *e = body->data() + 1 + 4 * i;
		r.versions.push_back(VersionEntry{e[0], e[1], e[2], e[3]});
	}
	return r;
}

Result<GetMessageTypeSupportResponse> decode_message_types_response(Span buf)
{
	auto body = response_body(buf, Command::GetMessageTypeSupport, 1);
	if (!body)
		return fail(body.error());
	const std::size_t count = (*body)[0];
	if (body->size() < 1 + count)
		return fail(Error::msg("Get Message Type Support: " + std::to_string(count) +
				       " types announced, " + std::to_string(body->size() - 1) +
				       " present"));
	return GetMessageTypeSupportResponse{
		std::vector<std::uint8_t>(body->begin() + 1, body->begin() + 1 + count)};
}

Result<GetVendorMessageSupportResponse> decode_vendor_response(Span buf)
{
	auto body = response_body(buf, Command::GetVendorMessageSupport, 2);
	if (!body)
		return fail(body.error());
	const auto &b = *body;
	GetVendorMessageSupportResponse r;
	r.next_selector = b[0];
	std::size_t id_len;
	switch (b[1]) {
	case 0x00:
		r.format = VendorIdFormat::Pci;
		id_len = 2;
		break;
	case 0x01:
		r.format = VendorIdFormat::Iana;
		id_len = 4;
		break;
	default:
		return fail(Error::msg("Get Vendor Defined Message Support: unknown vendor ID format " +
				       std::to_string(b[1])));
	}
	if (b.size() < 2 + id_len + 2)
		return fail(short_message("Get Vendor Defined Message Support",
					  kResponseHeadLen + 2 + id_len + 2, buf.size()));
	for (std::size_t i = 0; i < id_len; i++)
		r.vendor_id = (r.vendor_id << 8) | b[2 + i];
	r.command_set = static_cast<std::uint16_t>((b[2 + id_len] << 8) | b[3 + id_len]);
	return r;
}

} // namespace mctpxx::control
