// SPDX-License-Identifier: GPL-2.0
// NVMe-MI (NVMe Management Interface 1.2) messages over MCTP: the message
// integrity check (CRC-32C), NVMe-MI command requests and their responses,
// for what a general NVMe-MI library may lack (VPD Read, Controller Health
// Status Poll) and for emulated drives. Bodies here are as an AF_MCTP
// socket carries them: without the message type byte (0x84: type 4 with
// the integrity check bit), which the MIC covers all the same.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <vector>

#include "mctpxx/error.hpp"
#include "mctpxx/socket.hpp"

namespace mctpxx::nvme_mi {

inline constexpr std::uint8_t kMessageType = 0x04;
inline constexpr std::uint8_t kMessageTypeIc = 0x84; // with the integrity check bit
inline constexpr std::size_t kMicSize = 4;

// NVMe-MI command opcodes (NVMe-MI 1.2, figure 68)
enum class MiOpcode : std::uint8_t {
	ReadDataStructure = 0x00,
	SubsystemHealthStatusPoll = 0x01,
	ControllerHealthStatusPoll = 0x02,
	ConfigurationSet = 0x03,
	ConfigurationGet = 0x04,
	VpdRead = 0x05,
	VpdWrite = 0x06,
};

// CRC-32C (Castagnoli, reflected), as the MIC uses it.
std::uint32_t crc32c(std::span<const std::uint8_t> data, std::uint32_t crc = 0xffffffffu);
// The MIC of @body (given without the type byte; the type byte counts).
std::uint32_t mic_of(std::span<const std::uint8_t> body);
// Appends the MIC of @body to it.
void append_mic(std::vector<std::uint8_t> &body);
// Whether the last four bytes of @message are the MIC of the rest.
bool mic_ok(std::span<const std::uint8_t> message);

// An NVMe-MI command request (NMIMT 1, command slot 0), MIC appended.
std::vector<std::uint8_t> mi_request(MiOpcode op, std::uint32_t dw0, std::uint32_t dw1,
				     std::span<const std::uint8_t> data = {});

// An NVMe-MI command response.
struct MiResponse {
	std::uint8_t status = 0;	// 0 success, 1 more processing required, ...
	std::uint32_t nmresp = 0;	// management response (24 bits)
	std::vector<std::uint8_t> data;
};

// Decodes a response to an NVMe-MI command; the error names what is wrong
// (short, wrong MIC, not a response, not an MI command response).
Result<MiResponse> decode_mi_response(std::span<const std::uint8_t> message);

// Sends one NVMe-MI command to @eid on @net over @sock and decodes the
// answer (a status other than success is returned as it is, not as an
// error).
Result<MiResponse> mi_command(Socket &sock, unsigned net, std::uint8_t eid, MiOpcode op,
			      std::uint32_t dw0, std::uint32_t dw1,
			      std::chrono::milliseconds timeout);

// Status text (NVMe-MI 1.2, figure 29), e.g. "invalid parameter".
const char *status_name(std::uint8_t status);

} // namespace mctpxx::nvme_mi
