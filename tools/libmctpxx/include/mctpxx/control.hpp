// SPDX-License-Identifier: GPL-2.0
// MCTP control protocol (DSP0236 clause 12) message codec.
//
// Buffers here start at the control header (Rq/D/instance byte): on an
// AF_MCTP socket the message type byte (0x00) travels in smctp_type and is
// not part of the data.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mctpxx/error.hpp"

namespace mctpxx::control {

inline constexpr std::uint8_t kMessageType = 0x00;
inline constexpr std::uint8_t kInstanceMask = 0x1f;

enum class Command : std::uint8_t {
	SetEndpointId = 0x01,
	GetEndpointId = 0x02,
	GetEndpointUuid = 0x03,
	GetVersionSupport = 0x04,
	GetMessageTypeSupport = 0x05,
	GetVendorMessageSupport = 0x06,
	ResolveEndpointId = 0x07,
	AllocateEndpointIds = 0x08,
	RoutingInfoUpdate = 0x09,
	GetRoutingTableEntries = 0x0a,
	PrepareEndpointDiscovery = 0x0b,
	EndpointDiscovery = 0x0c,
	DiscoveryNotify = 0x0d,
	GetNetworkId = 0x0e,
	QueryHop = 0x0f,
};

enum class Completion : std::uint8_t {
	Success = 0x00,
	Error = 0x01,
	InvalidData = 0x02,
	InvalidLength = 0x03,
	NotReady = 0x04,
	UnsupportedCommand = 0x05,
	// 0x80..0xff are command specific, e.g. version: message type unsupported
	MessageTypeUnsupported = 0x80,
};

std::string to_string(Command c);
std::string to_string(Completion c);

struct Header {
	bool request = true;
	bool datagram = false;
	std::uint8_t instance = 0;
	Command command = Command::GetEndpointId;
};

// Parses the 2-byte control header.
Result<Header> parse_header(std::span<const std::uint8_t> buf);

// ---- requests ----

enum class SetEidOp : std::uint8_t {
	Set = 0,
	Force = 1,
	Reset = 2,
	SetDiscovered = 3,
};

struct SetEndpointIdRequest {
	SetEidOp op = SetEidOp::Set;
	std::uint8_t eid = 0;
};

struct GetVersionSupportRequest {
	std::uint8_t message_type = 0xff; // 0xff: the base specification
};

struct GetVendorMessageSupportRequest {
	std::uint8_t selector = 0;
};

// A request with no payload: Get Endpoint ID, Get UUID, Get Message Type
// Support.
std::vector<std::uint8_t> encode_request(Command cmd, std::uint8_t instance);
std::vector<std::uint8_t> encode(const SetEndpointIdRequest &r,
				 std::uint8_t instance);
std::vector<std::uint8_t> encode(const GetVersionSupportRequest &r,
				 std::uint8_t instance);
std::vector<std::uint8_t> encode(const GetVendorMessageSupportRequest &r,
				 std::uint8_t instance);

Result<SetEndpointIdRequest> decode_set_eid_request(std::span<const std::uint8_t> buf);
Result<GetVersionSupportRequest> decode_version_request(std::span<const std::uint8_t> buf);
Result<GetVendorMessageSupportRequest> decode_vendor_request(std::span<const std::uint8_t> buf);

// ---- responses ----

// Builds a response header for @req with completion code @cc and @body.
std::vector<std::uint8_t> encode_response(const Header &req, Completion cc,
					  std::span<const std::uint8_t> body = {});

// Header and completion code of a response; the body follows at byte 3.
struct ResponseHead {
	Header header;
	Completion cc = Completion::Success;
};
Result<ResponseHead> parse_response(std::span<const std::uint8_t> buf);

enum class EidAssignment : std::uint8_t { Accepted = 0, Rejected = 1 };

struct SetEndpointIdResponse {
	EidAssignment status = EidAssignment::Accepted;
	std::uint8_t alloc_status = 0;
	std::uint8_t eid = 0;
	std::uint8_t pool_size = 0;
};

enum class EndpointType : std::uint8_t { Simple = 0, BusOwnerBridge = 1 };
enum class EidType : std::uint8_t {
	Dynamic = 0,
	StaticSupported = 1,
	StaticMatch = 2,
	StaticMismatch = 3,
};

struct GetEndpointIdResponse {
	std::uint8_t eid = 0;
	EndpointType endpoint_type = EndpointType::Simple;
	EidType eid_type = EidType::Dynamic;
	std::uint8_t medium_info = 0;
};

using Uuid = std::array<std::uint8_t, 16>;
std::string uuid_to_string(const Uuid &u);

struct GetEndpointUuidResponse {
	Uuid uuid{};
};

struct VersionEntry {
	std::uint8_t major = 0xf1, minor = 0xf3, update = 0xf1, alpha = 0x00;
	bool operator==(const VersionEntry &) const = default;
};
std::string to_string(const VersionEntry &v);

struct GetVersionSupportResponse {
	std::vector<VersionEntry> versions;
};

struct GetMessageTypeSupportResponse {
	std::vector<std::uint8_t> types;
};

enum class VendorIdFormat : std::uint8_t { Pci = 0x00, Iana = 0x01 };

struct GetVendorMessageSupportResponse {
	std::uint8_t next_selector = 0xff; // 0xff: no more entries
	VendorIdFormat format = VendorIdFormat::Pci;
	std::uint32_t vendor_id = 0;
	std::uint16_t command_set = 0;
};

std::vector<std::uint8_t> encode(const Header &req, const SetEndpointIdResponse &r);
std::vector<std::uint8_t> encode(const Header &req, const GetEndpointIdResponse &r);
std::vector<std::uint8_t> encode(const Header &req, const GetEndpointUuidResponse &r);
std::vector<std::uint8_t> encode(const Header &req, const GetVersionSupportResponse &r);
std::vector<std::uint8_t> encode(const Header &req, const GetMessageTypeSupportResponse &r);
std::vector<std::uint8_t> encode(const Header &req, const GetVendorMessageSupportResponse &r);

// Decoders check the header (a response, of the expected command) and a
// Success completion code; any other code is returned as an Error whose
// message names it.
Result<SetEndpointIdResponse> decode_set_eid_response(std::span<const std::uint8_t> buf);
Result<GetEndpointIdResponse> decode_get_eid_response(std::span<const std::uint8_t> buf);
Result<GetEndpointUuidResponse> decode_uuid_response(std::span<const std::uint8_t> buf);
Result<GetVersionSupportResponse> decode_version_response(std::span<const std::uint8_t> buf);
Result<GetMessageTypeSupportResponse> decode_message_types_response(std::span<const std::uint8_t> buf);
Result<GetVendorMessageSupportResponse> decode_vendor_response(std::span<const std::uint8_t> buf);

} // namespace mctpxx::control
