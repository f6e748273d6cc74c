// SPDX-License-Identifier: GPL-2.0
#include "ncsixx/response.hpp"

#include <cstdio>

namespace mctpxx::ncsi {

namespace {
std::string hex(unsigned v, int width)
{
	char buf[16];
	std::snprintf(buf, sizeof buf, "0x%0*x", width, v);
	return buf;
}
} // namespace

std::string response_code_name(std::uint16_t code)
{
	switch (code) {
	case response_code::Completed: return "completed";
	case response_code::Failed: return "failed";
	case response_code::Unavailable: return "unavailable";
	case response_code::Unsupported: return "unsupported";
	case response_code::Delayed: return "delayed";
	}
	return (code >= 0x8000 ? "OEM code " : "code ") + hex(code, 4);
}

std::string reason_name(std::uint16_t r)
{
	switch (r) {
	case reason::None: return "no reason";
	case reason::InterfaceInitRequired: return "interface initialization required";
	case reason::ParameterInvalid: return "parameter invalid, unsupported or out of range";
	case reason::ChannelNotReady: return "channel not ready";
	case reason::PackageNotReady: return "package not ready";
	case reason::InvalidPayloadLength: return "invalid payload length";
	case reason::InformationNotAvailable: return "information not available";
	case reason::UnknownCommand: return "unknown command type";
	case reason::SetLinkHostOsConflict: return "set link: host OS/driver conflict";
	case reason::SetLinkMediaConflict: return "set link: media conflict";
	case reason::SetLinkParameterConflict: return "set link: parameter conflict";
	case reason::SetLinkPowerModeConflict: return "set link: power mode conflict";
	case reason::SetLinkSpeedConflict: return "set link: speed conflict";
	case reason::LinkCommandHardwareError:
	case reason::GetLinkStatusHardwareError: return "link command failed: hardware access error";
	case reason::VlanTagInvalid: return "VLAN tag invalid";
	case reason::MacAddressZero: return "MAC address is zero";
	case reason::IndependentFlowControlUnsupported:
		return "independent transmit and receive flow control not supported";
	}
	return (r >= 0x8000 ? "OEM reason " : "reason ") + hex(r, 4);
}

std::string describe(const ResponseStatus &s)
{
	std::string text = response_code_name(s.code);
	if (s.reason != reason::None || !s.ok())
		text += ": " + reason_name(s.reason);
	return text;
}

Result<Bytes> encode_response(const Header &request, const ResponseStatus &status,
			      std::span<const std::uint8_t> data)
{
	if (!is_command_type(request.type))
		return fail(Error::msg("NC-SI response: the request's packet type " + hex(request.type, 2) +
				       " is not a command"));
	if (data.size() > kMaxPayload - 4u)
		return fail(Error::msg(command_name(request.type) + " response: " + std::to_string(data.size()) +
				       " bytes of data do not fit the 12-bit payload length"));
	Header h = request;
	h.type = response_type(request.type);
	Writer w;
	w.u16(status.code).u16(status.reason).bytes(data);
	auto b = frame(h, w.data());
	if (!b)
		return fail(Error::msg(command_name(request.type) + " response: " + b.error().message));
	return b;
}

Result<Response> decode_response(std::span<const std::uint8_t> bytes, std::uint8_t expected,
				 std::uint8_t expected_iid)
{
	const std::string what = command_name(expected) + " response";
	auto p = parse(bytes);
	if (!p)
		return fail(Error::msg(what + ": " + p.error().message));
	const Header &h = p->header;
	if (h.type == kAenType)
		return fail(Error::msg(what + ": packet type 0xff is an AEN"));
	if (!is_response_type(h.type))
		return fail(Error::msg(what + ": packet type " + hex(h.type, 2) + " is a command (" +
				       command_name(h.type) + "), not a response"));
	if (h.type != response_type(expected))
		return fail(Error::msg(what + ": packet type " + hex(h.type, 2) + " answers " +
				       command_name(h.type & ~kResponseBit) + ", " +
				       hex(response_type(expected), 2) + " expected"));
	if (h.iid != expected_iid)
		return fail(Error::msg(what + ": IID " + std::to_string(h.iid) + ", " +
				       std::to_string(expected_iid) + " expected (a response to another request)"));
	Reader r(p->payload, what);
	Response resp;
	resp.header = h;
	resp.status.code = r.u16("response code");
	resp.status.reason = r.u16("reason code");
	if (!r.ok())
		return fail(r.error());
	resp.data = r.rest();
	return resp;
}

} // namespace mctpxx::ncsi
