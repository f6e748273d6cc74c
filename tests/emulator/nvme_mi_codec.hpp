// SPDX-License-Identifier: GPL-2.0
// The NVMe-MI message format over MCTP (NVMe-MI 1.2): message header,
// CRC-32C message integrity check, request decoding and response encoding.
// Messages here are as an AF_MCTP socket carries them: without the MCTP
// message type byte (0x84, type 4 with the IC bit), which the MIC covers
// all the same.
#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <span>
#include <vector>

#include "mctpxx/nvme_mi.hpp"

namespace mctpxx::emu::nvmemi {

inline constexpr std::uint8_t kMctpType = 0x04;
inline constexpr std::uint8_t kMctpTypeIc = 0x84; // with the integrity check bit

// NMIMT: what kind of message (bits 6:3 of the NMP byte)
enum class Kind : std::uint8_t {
	ControlPrimitive = 0,
	Mi = 1,
	Admin = 2,
	Pcie = 4,
};

// Response status (the byte after the message header)
enum class Status : std::uint8_t {
	Success = 0x00,
	MoreProcessingRequired = 0x01,
	InternalError = 0x02,
	InvalidOpcode = 0x03,
	InvalidParameter = 0x04,
	InvalidCommandSize = 0x05,
	InvalidInputSize = 0x06,
	AccessDenied = 0x07,
};

// The MIC: the client library's (mctpxx/nvme_mi.hpp).
using mctpxx::nvme_mi::append_mic;
using mctpxx::nvme_mi::crc32c;
using mctpxx::nvme_mi::mic_of;

// One decoded request. Fields of the other kind stay zero.
struct Request {
	std::uint8_t nmp = 0;		// as sent: echoed in the response
	Kind kind = Kind::Mi;
	// NVMe-MI command
	std::uint8_t opcode = 0;
	std::uint32_t mi_dw0 = 0, mi_dw1 = 0;
	// NVMe Admin command
	std::uint8_t flags = 0;		// bit 0: dlen valid, bit 1: doff valid
	std::uint16_t ctrl_id = 0;
	std::array<std::uint32_t, 16> cdw{}; // cdw[1..5], cdw[10..15]; 0, 6-9 unused
	std::uint32_t doff = 0, dlen = 0;
	std::vector<std::uint8_t> data; // request data (after the header)
};

enum class DecodeError {
	BadMic,		// integrity check failed: the message is dropped
	TooShort,	// shorter than header + MIC
	NotRequest,	// the ROR bit says response
	Truncated,	// the header of its kind is incomplete (answered: size error)
};

const char *to_string(DecodeError e);

// Decodes @body (without the type byte, MIC at its end).
std::expected<Request, DecodeError> decode_request(std::span<const std::uint8_t> body);

// Responses, without the type byte, MIC appended.
// An NVMe-MI command response: status, 24-bit management response, data.
std::vector<std::uint8_t> mi_response(std::uint8_t req_nmp, Status st, std::uint32_t nmresp,
				      std::span<const std::uint8_t> data = {});
// An Admin command response: completion dwords 0, 1 and 3 (the NVMe status
// in bits 31:17 of dword 3), then data.
std::vector<std::uint8_t> admin_response(std::uint8_t req_nmp, std::uint32_t cdw0,
					 std::uint32_t cdw1, std::uint32_t cdw3,
					 std::span<const std::uint8_t> data = {});
// An error: header, status, three reserved bytes.
std::vector<std::uint8_t> error_response(std::uint8_t req_nmp, Status st);
// More Processing Required: the final response follows within
// @wait_100ms * 100 ms.
std::vector<std::uint8_t> mpr_response(std::uint8_t req_nmp, std::uint16_t wait_100ms);

// The NMP byte of a request of @kind (for tests and clients).
constexpr std::uint8_t request_nmp(Kind kind)
{
	return static_cast<std::uint8_t>(static_cast<std::uint8_t>(kind) << 3);
}

} // namespace mctpxx::emu::nvmemi
