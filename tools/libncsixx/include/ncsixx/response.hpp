// SPDX-License-Identifier: GPL-2.0
// NC-SI responses (DSP0222 1.1, 8.2): every response payload starts
// with a 16-bit response code and a 16-bit reason code; the command's own
// data follows. encode_response() answers a request; decode_response()
// checks an answer against the request it is waited for.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "mctpxx/error.hpp"
#include "ncsixx/command.hpp"
#include "ncsixx/packet.hpp"

namespace mctpxx::ncsi {

// Response codes.
namespace response_code {
inline constexpr std::uint16_t Completed = 0x0000;
inline constexpr std::uint16_t Failed = 0x0001;
inline constexpr std::uint16_t Unavailable = 0x0002;
inline constexpr std::uint16_t Unsupported = 0x0003;
inline constexpr std::uint16_t Delayed = 0x0004; // DSP0222 1.2
} // namespace response_code

// Reason codes: generic and command-specific (0xNNxx, the high byte being
// the command type; 0x8000 and up are OEM).
namespace reason {
inline constexpr std::uint16_t None = 0x0000;
inline constexpr std::uint16_t InterfaceInitRequired = 0x0001;
inline constexpr std::uint16_t ParameterInvalid = 0x0002;
inline constexpr std::uint16_t ChannelNotReady = 0x0003;
inline constexpr std::uint16_t PackageNotReady = 0x0004;
inline constexpr std::uint16_t InvalidPayloadLength = 0x0005;
inline constexpr std::uint16_t InformationNotAvailable = 0x0006;
inline constexpr std::uint16_t UnknownCommand = 0x7fff;
// Set Link
inline constexpr std::uint16_t SetLinkHostOsConflict = 0x0901;
inline constexpr std::uint16_t SetLinkMediaConflict = 0x0902;
inline constexpr std::uint16_t SetLinkParameterConflict = 0x0903;
inline constexpr std::uint16_t SetLinkPowerModeConflict = 0x0904;
inline constexpr std::uint16_t SetLinkSpeedConflict = 0x0905;
inline constexpr std::uint16_t LinkCommandHardwareError = 0x0906;
// Get Link Status
inline constexpr std::uint16_t GetLinkStatusHardwareError = 0x0a06;
// Set VLAN Filter
inline constexpr std::uint16_t VlanTagInvalid = 0x0b07;
// Set MAC Address
inline constexpr std::uint16_t MacAddressZero = 0x0e08;
// Set NC-SI Flow Control
inline constexpr std::uint16_t IndependentFlowControlUnsupported = 0x1409;
} // namespace reason

std::string response_code_name(std::uint16_t code); // "failed", "code 0x0009"
std::string reason_name(std::uint16_t reason);	     // "parameter invalid", "reason 0x1234"

struct ResponseStatus {
	std::uint16_t code = response_code::Completed;
	std::uint16_t reason = reason::None;

	bool ok() const { return code == response_code::Completed; }
	bool operator==(const ResponseStatus &) const = default;
};
// "completed", "failed: interface initialization required",
// "unsupported: unknown command type"
std::string describe(const ResponseStatus &s);

// The response to @request: same IID, channel, MC ID; type command|0x80;
// payload = status + @data.
Result<Bytes> encode_response(const Header &request, const ResponseStatus &status,
			      std::span<const std::uint8_t> data = {});

struct Response {
	Header header;
	ResponseStatus status;
	std::span<const std::uint8_t> data; // after the codes; into the bytes decoded
};
// A response checked: parse(), type @expected|0x80, IID @expected_iid,
// room for the status. The data is not checked here (a failed response
// may carry less): the typed decoders check it.
Result<Response> decode_response(std::span<const std::uint8_t> bytes, std::uint8_t expected,
				 std::uint8_t expected_iid);
inline Result<Response> decode_response(std::span<const std::uint8_t> bytes, Command expected,
					std::uint8_t expected_iid)
{
	return decode_response(bytes, static_cast<std::uint8_t>(expected), expected_iid);
}

} // namespace mctpxx::ncsi
