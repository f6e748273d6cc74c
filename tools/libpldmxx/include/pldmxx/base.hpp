// SPDX-License-Identifier: GPL-2.0
// PLDM over MCTP (message type 1): the PLDM message header, completion
// codes, instance IDs, the requester's timing (DSP0240 1.1) and the PLDM
// base commands of type 0 (GetTID, SetTID, GetPLDMVersion, GetPLDMTypes,
// GetPLDMCommands). Messages here are as an AF_MCTP socket carries them:
// from the PLDM header on, without the MCTP message type byte.
//
// Every encoder returns the whole message (header included) or an error
// naming the field whose value cannot be sent; every decoder checks the
// header (request or response, PLDM type, command), each field's length and
// value, and that nothing trails the last field, and names what is wrong.
#pragma once

#include <array>
#include <bitset>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "mctpxx/error.hpp"
#include "pldmxx/wire.hpp"

namespace mctpxx::pldm {

inline constexpr std::uint8_t kMessageType = 0x01; // MCTP message type (DSP0239)
inline constexpr std::size_t kHeaderSize = 3;
inline constexpr std::uint8_t kHeaderVersion = 0; // DSP0240 1.1: 00b
inline constexpr std::uint8_t kInstanceIds = 32;   // 5 bits

// PLDM types (DSP0245)
enum class Type : std::uint8_t {
	Base = 0x00,
	Smbios = 0x01,
	Platform = 0x02,
	Bios = 0x03,
	Fru = 0x04,
	FirmwareUpdate = 0x05,
	Redfish = 0x06,
	Oem = 0x3f,
};

// Completion codes common to all types (DSP0240 table 4); 0x80-0xff are
// per command.
namespace cc {
inline constexpr std::uint8_t Success = 0x00;
inline constexpr std::uint8_t Error = 0x01;
inline constexpr std::uint8_t InvalidData = 0x02;
inline constexpr std::uint8_t InvalidLength = 0x03;
inline constexpr std::uint8_t NotReady = 0x04;
inline constexpr std::uint8_t UnsupportedCommand = 0x05;
inline constexpr std::uint8_t InvalidType = 0x20;
// GetPLDMVersion, GetFRURecordTable, GetPDR, ...
inline constexpr std::uint8_t InvalidDataTransferHandle = 0x80;
inline constexpr std::uint8_t InvalidTransferOperationFlag = 0x81;
} // namespace cc

// "success", "invalid length", ... or "command-specific 0x80".
std::string completion_code_name(std::uint8_t code);

// The PLDM message header (DSP0240 table 1).
struct Header {
	bool request = true;	     // Rq
	bool datagram = false;	     // D: an unacknowledged request
	std::uint8_t instance_id = 0; // 0-31
	std::uint8_t version = kHeaderVersion;
	std::uint8_t type = 0;	     // 6 bits
	std::uint8_t command = 0;
	bool operator==(const Header &) const = default;
};

Result<Bytes> encode_header(const Header &h);
// Any header; the error names what is wrong. Header version other than 0
// is refused (this is what DSP0240 1.1 defines).
Result<Header> decode_header(std::span<const std::uint8_t> message);
// The header of the response to @request.
Header response_header(const Header &request);

// What every response starts with, for messages this library has no
// codec for, and for the completion code of any response.
struct ResponseStart {
	Header header;
	std::uint8_t completion_code = cc::Success;
	std::span<const std::uint8_t> payload; // after the completion code
};
Result<ResponseStart> decode_response_start(std::span<const std::uint8_t> message);

// A response of only a completion code (what a responder answers with an
// error, and what SetTID and SetEventReceiver answer with success).
Result<Bytes> encode_cc_response(const Header &request, std::uint8_t completion_code);

// ---- requester timing (DSP0240 1.1, table 6) ----
namespace timing {
using ms = std::chrono::milliseconds;
inline constexpr unsigned kPn1Retries = 2;		   // minimum number of retries
inline constexpr ms kPt1Max{100};			   // request to response, responder
inline constexpr ms kPt4Max{100};			   // transmission delay
inline constexpr ms kPt3Min{5000};			   // instance ID expiration
inline constexpr ms kPt3Max{6000};
inline constexpr ms kPt2Min = kPt1Max + 2 * kPt4Max;	   // 300 ms: timeout waiting
inline constexpr ms kPt2Max = kPt3Min - 2 * kPt4Max;	   // 4800 ms
} // namespace timing

// How a requester retries: each attempt waits @timeout for the response
// (PT2); after a timeout the same request, same instance ID, goes again,
// @retries times at most (PN1: at least 2); all attempts end before the
// instance ID expires (PT3 min), so a late response can still be matched.
struct RetryPolicy {
	timing::ms timeout = timing::kPt2Min;
	unsigned retries = timing::kPn1Retries;

	// The error says which rule is broken (PT2 range, PN1, PT3 bound).
	Status validate() const;
	// Whether another attempt follows @attempts_made timed-out attempts.
	bool retry_after(unsigned attempts_made) const { return attempts_made <= retries; }
	// The time from the first send until the requester gives up.
	timing::ms give_up_after() const { return timeout * (retries + 1); }
};

// Instance IDs of one requester towards its termini (DSP0240 1.1, 8.1):
// each new request to a terminus takes a fresh instance ID (retries reuse
// theirs); an ID stays taken until its response comes (release) or until
// it expires (PT3 max after it was taken). New IDs go round-robin after the
// last one given, so a terminus never sees the ID of a just-finished
// request again at once (it takes a repeated ID for a retry).
class InstanceIds {
public:
	using Clock = std::chrono::steady_clock;
	explicit InstanceIds(timing::ms expiry = timing::kPt3Max) : expiry_(expiry) {}
	// New termini start at @first (mod 32): a requester that starts at a
	// random ID is unlikely to take, as its own, a late response meant for
	// an earlier requester (a program run before) under the same MCTP tag.
	InstanceIds(timing::ms expiry, std::uint8_t first)
		: expiry_(expiry), first_(static_cast<std::uint8_t>(first % kInstanceIds)) {}

	// An ID for a new request to @terminus (a TID or an EID: the caller's
	// key), or an error when all 32 are taken and unexpired.
	Result<std::uint8_t> allocate(unsigned terminus, Clock::time_point now);
	// The response to @id came (or the request was abandoned).
	void release(unsigned terminus, std::uint8_t id);
	// Whether @id is taken (and not expired) at @now.
	bool in_use(unsigned terminus, std::uint8_t id, Clock::time_point now) const;
	std::size_t in_use_count(unsigned terminus, Clock::time_point now) const;

private:
	struct Terminus {
		std::array<std::optional<Clock::time_point>, kInstanceIds> taken{};
		std::uint8_t next = 0;
	};
	timing::ms expiry_;
	std::uint8_t first_ = 0;
	std::map<unsigned, Terminus> termini_;
};

// ---- integrity checks ----
// CRC-32 (ISO 3309, as in Ethernet; DSP0240 and DSP0257 use it).
std::uint32_t crc32(std::span<const std::uint8_t> data);
// CRC-8, polynomial x^8 + x^2 + x + 1, initial 0 (GetPDR's TransferCRC).
std::uint8_t crc8(std::span<const std::uint8_t> data);

// ---- multipart transfers (GetPLDMVersion, GetFRURecordTable, GetPDR) ----
enum class TransferOp : std::uint8_t { GetNextPart = 0x00, GetFirstPart = 0x01 };
enum class TransferFlag : std::uint8_t {
	Start = 0x01,
	Middle = 0x02,
	End = 0x04,
	StartAndEnd = 0x05,
};
bool valid_transfer_op(std::uint8_t v);
bool valid_transfer_flag(std::uint8_t v);

// A requester's side of a multipart read: parts go in as they come, in
// order; the whole is there when the last one is. Errors: a part out of
// order (Middle or End first, Start after Start), more than @limit bytes.
class MultipartReader {
public:
	explicit MultipartReader(std::size_t limit = 1 << 20) : limit_(limit) {}
	// Adds one part; true once the transfer is complete.
	Result<bool> add(TransferFlag flag, std::uint32_t next_handle,
			 std::span<const std::uint8_t> data);
	// The handle to ask for next (valid while not complete).
	std::uint32_t next_handle() const { return next_; }
	TransferOp next_op() const { return started_ ? TransferOp::GetNextPart : TransferOp::GetFirstPart; }
	bool complete() const { return done_; }
	const Bytes &data() const { return data_; }

private:
	std::size_t limit_;
	bool started_ = false, done_ = false;
	std::uint32_t next_ = 0;
	Bytes data_;
};

// ---- type 0: base commands (DSP0240 1.1, clause 9) ----
enum class BaseCommand : std::uint8_t {
	SetTid = 0x01,
	GetTid = 0x02,
	GetPldmVersion = 0x03,
	GetPldmTypes = 0x04,
	GetPldmCommands = 0x05,
};

// A version (DSP0240 ver32): each of major, minor, update is 0xF and a BCD
// digit (0xFn) or two BCD digits; 0xFF for update means none; alpha is an
// ASCII letter or 0.
struct Ver32 {
	std::uint8_t major = 0xf1, minor = 0xf0, update = 0xf0, alpha = 0x00;
	static Ver32 from_u32(std::uint32_t v);
	std::uint32_t to_u32() const;
	// "1.0.0", "1.2", "1.1.0a"; "?" for fields that are not BCD.
	std::string to_string() const;
	bool operator==(const Ver32 &) const = default;
};

// GetTID
Result<Bytes> encode_get_tid_request(std::uint8_t instance_id);
Status decode_get_tid_request(std::span<const std::uint8_t> message);
struct GetTidResponse {
	std::uint8_t completion_code = cc::Success;
	std::uint8_t tid = 0;
};
Result<Bytes> encode_get_tid_response(std::uint8_t instance_id, const GetTidResponse &r);
Result<GetTidResponse> decode_get_tid_response(std::span<const std::uint8_t> message);

// SetTID: TIDs 0x00 and 0xFF are reserved.
Result<Bytes> encode_set_tid_request(std::uint8_t instance_id, std::uint8_t tid);
Result<std::uint8_t> decode_set_tid_request(std::span<const std::uint8_t> message);
Result<Bytes> encode_set_tid_response(std::uint8_t instance_id, std::uint8_t completion_code);
Result<std::uint8_t> decode_set_tid_response(std::span<const std::uint8_t> message);

// GetPLDMVersion
struct GetVersionRequest {
	std::uint32_t transfer_handle = 0;
	TransferOp op = TransferOp::GetFirstPart;
	std::uint8_t type = 0;
};
Result<Bytes> encode_get_version_request(std::uint8_t instance_id, const GetVersionRequest &r);
Result<GetVersionRequest> decode_get_version_request(std::span<const std::uint8_t> message);
struct GetVersionResponse {
	std::uint8_t completion_code = cc::Success;
	std::uint32_t next_handle = 0;
	TransferFlag flag = TransferFlag::StartAndEnd;
	Bytes data; // a portion of the version data
};
Result<Bytes> encode_get_version_response(std::uint8_t instance_id, const GetVersionResponse &r);
Result<GetVersionResponse> decode_get_version_response(std::span<const std::uint8_t> message);
// The version data: the versions, then the CRC-32 of their bytes.
Result<Bytes> encode_version_data(std::span<const Ver32> versions);
Result<std::vector<Ver32>> decode_version_data(std::span<const std::uint8_t> data);

// GetPLDMTypes: bit N set when type N is supported.
Result<Bytes> encode_get_types_request(std::uint8_t instance_id);
Status decode_get_types_request(std::span<const std::uint8_t> message);
struct GetTypesResponse {
	std::uint8_t completion_code = cc::Success;
	std::bitset<64> types;
};
Result<Bytes> encode_get_types_response(std::uint8_t instance_id, const GetTypesResponse &r);
Result<GetTypesResponse> decode_get_types_response(std::span<const std::uint8_t> message);

// GetPLDMCommands: the commands of one type at one version; bit N set
// when command N is supported.
struct GetCommandsRequest {
	std::uint8_t type = 0;
	Ver32 version;
};
Result<Bytes> encode_get_commands_request(std::uint8_t instance_id, const GetCommandsRequest &r);
Result<GetCommandsRequest> decode_get_commands_request(std::span<const std::uint8_t> message);
struct GetCommandsResponse {
	std::uint8_t completion_code = cc::Success;
	std::bitset<256> commands;
};
Result<Bytes> encode_get_commands_response(std::uint8_t instance_id, const GetCommandsResponse &r);
Result<GetCommandsResponse> decode_get_commands_response(std::span<const std::uint8_t> message);

// ---- building blocks for the other types' codecs ----
// A request's header checked (request, type, command); the reader is
// positioned after it.
Result<Reader> open_request(std::span<const std::uint8_t> message, Type type,
			    std::uint8_t command, const char *name);
// A response's header checked and its completion code read; the reader is
// positioned after the completion code.
Result<Reader> open_response(std::span<const std::uint8_t> message, Type type,
			     std::uint8_t command, const char *name, std::uint8_t &completion_code);
// A writer holding the header of a request or a response (with its code).
Result<Writer> start_request(std::uint8_t instance_id, Type type, std::uint8_t command);
Result<Writer> start_response(std::uint8_t instance_id, Type type, std::uint8_t command,
			      std::uint8_t completion_code);

} // namespace mctpxx::pldm
