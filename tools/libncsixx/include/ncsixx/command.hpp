// SPDX-License-Identifier: GPL-2.0
// NC-SI commands (DSP0222 1.1 clause 8.4, 1.2 additions): the command
// types, each command's request payload length, encoders for the requests
// a management controller sends, and decode_request() for a responder.
// Every encoder returns the whole packet (header, payload, padding,
// checksum) ready for an AF_MCTP socket after the message type byte.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "mctpxx/error.hpp"
#include "ncsixx/packet.hpp"

namespace mctpxx::ncsi {

enum class Command : std::uint8_t {
	ClearInitialState = 0x00,
	SelectPackage = 0x01,
	DeselectPackage = 0x02,
	EnableChannel = 0x03,
	DisableChannel = 0x04,
	ResetChannel = 0x05,
	EnableChannelNetworkTx = 0x06,
	DisableChannelNetworkTx = 0x07,
	AenEnable = 0x08,
	SetLink = 0x09,
	GetLinkStatus = 0x0a,
	SetVlanFilter = 0x0b,
	EnableVlan = 0x0c,
	DisableVlan = 0x0d,
	SetMacAddress = 0x0e,
	EnableBroadcastFilter = 0x10,
	DisableBroadcastFilter = 0x11,
	EnableGlobalMulticastFilter = 0x12,
	DisableGlobalMulticastFilter = 0x13,
	SetNcsiFlowControl = 0x14,
	GetVersionId = 0x15,
	GetCapabilities = 0x16,
	GetParameters = 0x17,
	GetControllerPacketStatistics = 0x18,
	GetNcsiStatistics = 0x19,
	GetNcsiPassThroughStatistics = 0x1a,
	GetPackageStatus = 0x1b,
	Oem = 0x50,
	Pldm = 0x51,
	GetPackageUuid = 0x52,
	GetMcMacAddress = 0x58, // DSP0222 1.2
};

// "Get Link Status", or "command 0x2f" for a type this library does not know.
std::string command_name(std::uint8_t type);
inline std::string command_name(Command c) { return command_name(static_cast<std::uint8_t>(c)); }
// Whether @type is one of the commands above.
bool known_command(std::uint8_t type);
// The request payload length of @type; nullopt for a variable length (OEM,
// PLDM) or an unknown command.
std::optional<std::size_t> request_payload_length(std::uint8_t type);

// Who a request goes to and with which instance ID (1-255: IID 0 is the
// AENs').
struct Target {
	ChannelId channel;
	std::uint8_t iid = 1;
	std::uint8_t mc_id = kDefaultMcId;
};

// Any request: @payload must have the command's length (any length for
// OEM/PLDM and unknown commands). The typed encoders below use it.
Result<Bytes> encode_request(const Target &t, std::uint8_t type, std::span<const std::uint8_t> payload);

Result<Bytes> encode_clear_initial_state(const Target &t);
// @hw_arbitration_disable: bit 0 of the payload's last byte.
Result<Bytes> encode_select_package(const Target &t, bool hw_arbitration_disable);
Result<Bytes> encode_deselect_package(const Target &t);
Result<Bytes> encode_enable_channel(const Target &t);
// @allow_link_down: ALD, bit 0 of the payload's last byte.
Result<Bytes> encode_disable_channel(const Target &t, bool allow_link_down);
Result<Bytes> encode_reset_channel(const Target &t);
// AEN MC ID (the MC ID the controller puts in its AENs) + AEN control mask
// (aen_control:: bits below).
Result<Bytes> encode_aen_enable(const Target &t, std::uint8_t aen_mc_id, std::uint32_t aen_control);
Result<Bytes> encode_get_link_status(const Target &t);
Result<Bytes> encode_get_version_id(const Target &t);
Result<Bytes> encode_get_capabilities(const Target &t);
Result<Bytes> encode_get_parameters(const Target &t);
Result<Bytes> encode_get_controller_packet_statistics(const Target &t);
Result<Bytes> encode_get_ncsi_statistics(const Target &t);
Result<Bytes> encode_get_package_uuid(const Target &t);
Result<Bytes> encode_get_mc_mac_address(const Target &t);

// A request as a responder receives it: the packet checked (parse()), a
// command type (not a response, not an AEN), IID not 0, and for a known
// command the payload length it must have.
struct Request {
	Header header;
	std::span<const std::uint8_t> payload; // into the bytes decoded: keep them
	std::uint8_t type() const { return header.type; }
	bool known() const { return known_command(header.type); }
};
Result<Request> decode_request(std::span<const std::uint8_t> bytes);

// The arguments of the requests that have some (@r must be that command).
Result<bool> decode_select_package(const Request &r);	// hardware arbitration disable
Result<bool> decode_disable_channel(const Request &r);	// allow link down
struct AenEnable {
	std::uint8_t aen_mc_id = 0;
	std::uint32_t aen_control = 0;
	bool operator==(const AenEnable &) const = default;
};
Result<AenEnable> decode_aen_enable(const Request &r);

} // namespace mctpxx::ncsi
