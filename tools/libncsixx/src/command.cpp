// SPDX-License-Identifier: GPL-2.0
#include "ncsixx/command.hpp"

#include <array>
#include <cstdio>

namespace mctpxx::ncsi {

namespace {

// What this library knows of each command: its name and the length of its
// request payload (-1: variable).
struct CommandInfo {
	std::uint8_t type;
	const char *name;
	int request_length;
};

constexpr std::array kCommands{
	CommandInfo{0x00, "Clear Initial State", 0},
	CommandInfo{0x01, "Select Package", 4},
	CommandInfo{0x02, "Deselect Package", 0},
	CommandInfo{0x03, "Enable Channel", 0},
	CommandInfo{0x04, "Disable Channel", 4},
	CommandInfo{0x05, "Reset Channel", 4},
	CommandInfo{0x06, "Enable Channel Network TX", 0},
	CommandInfo{0x07, "Disable Channel Network TX", 0},
	CommandInfo{0x08, "AEN Enable", 8},
	CommandInfo{0x09, "Set Link", 8},
	CommandInfo{0x0a, "Get Link Status", 0},
	CommandInfo{0x0b, "Set VLAN Filter", 8},
	CommandInfo{0x0c, "Enable VLAN", 4},
	CommandInfo{0x0d, "Disable VLAN", 0},
	CommandInfo{0x0e, "Set MAC Address", 8},
	CommandInfo{0x10, "Enable Broadcast Filter", 4},
	CommandInfo{0x11, "Disable Broadcast Filter", 0},
	CommandInfo{0x12, "Enable Global Multicast Filter", 4},
	CommandInfo{0x13, "Disable Global Multicast Filter", 0},
	CommandInfo{0x14, "Set NC-SI Flow Control", 4},
	CommandInfo{0x15, "Get Version ID", 0},
	CommandInfo{0x16, "Get Capabilities", 0},
	CommandInfo{0x17, "Get Parameters", 0},
	CommandInfo{0x18, "Get Controller Packet Statistics", 0},
	CommandInfo{0x19, "Get NC-SI Statistics", 0},
	CommandInfo{0x1a, "Get NC-SI Pass-through Statistics", 0},
	CommandInfo{0x1b, "Get Package Status", 0},
	CommandInfo{0x50, "OEM", -1},
	CommandInfo{0x51, "PLDM", -1},
	CommandInfo{0x52, "Get Package UUID", 0},
	CommandInfo{0x58, "Get MC MAC Address", 0},
};

const CommandInfo *find(std::uint8_t type)
{
	for (const auto &c : kCommands)
		if (c.type == type)
			return &c;
	return nullptr;
}

std::string hex2(unsigned v)
{
	char buf[8];
	std::snprintf(buf, sizeof buf, "0x%02x", v & 0xff);
	return buf;
}

Result<Bytes> simple(const Target &t, Command c) { return encode_request(t, static_cast<std::uint8_t>(c), {}); }

Result<Bytes> one_flag(const Target &t, Command c, bool flag)
{
	const std::array<std::uint8_t, 4> payload{0, 0, 0, static_cast<std::uint8_t>(flag ? 1 : 0)};
	return encode_request(t, static_cast<std::uint8_t>(c), payload);
}

// The payload of @r, checked to be a @c request.
Result<Reader> open_args(const Request &r, Command c)
{
	if (r.header.type != static_cast<std::uint8_t>(c))
		return fail(Error::msg(command_name(c) + " request: packet type " + hex2(r.header.type) +
				       " (" + command_name(r.header.type) + ")"));
	return Reader(r.payload, command_name(c) + " request");
}

} // namespace

std::string command_name(std::uint8_t type)
{
	if (const auto *c = find(type))
		return c->name;
	return "command " + hex2(type);
}

bool known_command(std::uint8_t type) { return find(type) != nullptr; }

std::optional<std::size_t> request_payload_length(std::uint8_t type)
{
	const auto *c = find(type);
	if (!c || c->request_length < 0)
		return std::nullopt;
	return static_cast<std::size_t>(c->request_length);
}

Result<Bytes> encode_request(const Target &t, std::uint8_t type, std::span<const std::uint8_t> payload)
{
	const std::string what = command_name(type) + " request";
	if (!is_command_type(type))
		return fail(Error::msg(what + ": packet type " + hex2(type) +
				       " is not a command (bit 7 set: a response or an AEN)"));
	if (t.iid == 0)
		return fail(Error::msg(what + ": IID 0 is reserved for AENs (commands use 1-255)"));
	if (auto len = request_payload_length(type); len && *len != payload.size())
		return fail(Error::msg(what + ": payload of " + std::to_string(payload.size()) + " bytes, " +
				       std::to_string(*len) + " expected"));
	Header h;
	h.mc_id = t.mc_id;
	h.iid = t.iid;
	h.type = type;
	h.channel = t.channel;
	auto b = frame(h, payload);
	if (!b)
		return fail(Error::msg(what + ": " + b.error().message));
	return b;
}

Result<Bytes> encode_clear_initial_state(const Target &t) { return simple(t, Command::ClearInitialState); }
Result<Bytes> encode_select_package(const Target &t, bool hw_arbitration_disable)
{
	return one_flag(t, Command::SelectPackage, hw_arbitration_disable);
}
Result<Bytes> encode_deselect_package(const Target &t) { return simple(t, Command::DeselectPackage); }
Result<Bytes> encode_enable_channel(const Target &t) { return simple(t, Command::EnableChannel); }
Result<Bytes> encode_disable_channel(const Target &t, bool allow_link_down)
{
	return one_flag(t, Command::DisableChannel, allow_link_down);
}
Result<Bytes> encode_reset_channel(const Target &t)
{
	const std::array<std::uint8_t, 4> reserved{};
	return encode_request(t, static_cast<std::uint8_t>(Command::ResetChannel), reserved);
}
Result<Bytes> encode_aen_enable(const Target &t, std::uint8_t aen_mc_id, std::uint32_t aen_control)
{
	Writer w;
	w.zeros(3).u8(aen_mc_id).u32(aen_control);
	return encode_request(t, static_cast<std::uint8_t>(Command::AenEnable), w.data());
}
Result<Bytes> encode_get_link_status(const Target &t) { return simple(t, Command::GetLinkStatus); }
Result<Bytes> encode_get_version_id(const Target &t) { return simple(t, Command::GetVersionId); }
Result<Bytes> encode_get_capabilities(const Target &t) { return simple(t, Command::GetCapabilities); }
Result<Bytes> encode_get_parameters(const Target &t) { return simple(t, Command::GetParameters); }
Result<Bytes> encode_get_controller_packet_statistics(const Target &t)
{
	return simple(t, Command::GetControllerPacketStatistics);
}
Result<Bytes> encode_get_ncsi_statistics(const Target &t) { return simple(t, Command::GetNcsiStatistics); }
Result<Bytes> encode_get_package_uuid(const Target &t) { return simple(t, Command::GetPackageUuid); }
Result<Bytes> encode_get_mc_mac_address(const Target &t) { return simple(t, Command::GetMcMacAddress); }

Result<Request> decode_request(std::span<const std::uint8_t> bytes)
{
	auto p = parse(bytes);
	if (!p)
		return fail(p.error());
	Request r{p->header, p->payload};
	const std::string what = "NC-SI request (" + command_name(r.header.type) + ")";
	if (r.header.type == kAenType)
		return fail(Error::msg("NC-SI request: packet type 0xff is an AEN, not a command"));
	if (!is_command_type(r.header.type))
		return fail(Error::msg("NC-SI request: packet type " + hex2(r.header.type) + " is a response (" +
				       command_name(r.header.type & ~kResponseBit) + "), not a command"));
	if (r.header.iid == 0)
		return fail(Error::msg(what + ": IID 0 (reserved for AENs)"));
	if (auto len = request_payload_length(r.header.type); len && *len != r.payload.size())
		return fail(Error::msg(what + ": payload length " + std::to_string(r.payload.size()) + ", " +
				       std::to_string(*len) + " expected"));
	return r;
}

Result<bool> decode_select_package(const Request &r)
{
	auto rd = open_args(r, Command::SelectPackage);
	if (!rd)
		return fail(rd.error());
	rd->skip(3, "reserved bytes");
	const bool flag = rd->u8("hardware arbitration disable") & 1;
	if (auto st = rd->finish(); !st)
		return fail(st.error());
	return flag;
}

Result<bool> decode_disable_channel(const Request &r)
{
	auto rd = open_args(r, Command::DisableChannel);
	if (!rd)
		return fail(rd.error());
	rd->skip(3, "reserved bytes");
	const bool flag = rd->u8("allow link down") & 1;
	if (auto st = rd->finish(); !st)
		return fail(st.error());
	return flag;
}

Result<AenEnable> decode_aen_enable(const Request &r)
{
	auto rd = open_args(r, Command::AenEnable);
	if (!rd)
		return fail(rd.error());
	AenEnable a;
	rd->skip(3, "reserved bytes");
	a.aen_mc_id = rd->u8("AEN MC ID");
	a.aen_control = rd->u32("AEN control");
	if (auto st = rd->finish(); !st)
		return fail(st.error());
	return a;
}

} // namespace mctpxx::ncsi
