// SPDX-License-Identifier: GPL-2.0
// NC-SI over MCTP (message type 2): the NC-SI control packet as an AF_MCTP
// socket carries it, from the NC-SI header on (the MCTP message type byte
// is the socket's business): the 16-byte control packet header (DSP0222
// 1.1, 8.2), the payload padded to a multiple of 4 bytes, then the 32-bit
// checksum. Every field is big-endian.
//
// frame() builds a whole packet; parse() checks one (header revision,
// payload length against the bytes, padding, checksum unless it is 0,
// nothing trailing) and names what is wrong.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "mctpxx/error.hpp"
#include "ncsixx/wire.hpp"

namespace mctpxx::ncsi {

inline constexpr std::uint8_t kMessageType = 0x02;	// MCTP message type (DSP0239)
inline constexpr std::size_t kHeaderSize = 16;
inline constexpr std::size_t kChecksumSize = 4;
inline constexpr std::uint8_t kHeaderRevision = 0x01;
inline constexpr std::uint8_t kResponseBit = 0x80;	// response type = command | 0x80
inline constexpr std::uint8_t kAenType = 0xff;		// AEN packets: type 0xFF, IID 0
inline constexpr std::uint8_t kAenIid = 0x00;
inline constexpr std::uint16_t kMaxPayload = 0x0fff;	// 12-bit payload length
inline constexpr std::uint8_t kMaxPackage = 7;		// 3-bit package ID
inline constexpr std::uint8_t kMaxChannel = 0x1e;	// 5-bit channel, 0x1F is the package
inline constexpr std::uint8_t kWholePackage = 0x1f;
// The MC ID a management controller sends (see README: DSP0261 and 1.1).
inline constexpr std::uint8_t kDefaultMcId = 0x00;

// A channel address: package ID (bits 7:5) and internal channel ID
// (bits 4:0); internal channel 0x1F addresses the package itself.
struct ChannelId {
	std::uint8_t package = 0; // 0-7
	std::uint8_t channel = 0; // 0-30, or kWholePackage

	static ChannelId whole_package(std::uint8_t package) { return {package, kWholePackage}; }
	bool is_whole_package() const { return channel == kWholePackage; }
	bool valid() const { return package <= kMaxPackage && channel <= kWholePackage; }
	std::uint8_t raw() const
	{
		return static_cast<std::uint8_t>((package & 0x07) << 5 | (channel & 0x1f));
	}
	static ChannelId from_raw(std::uint8_t raw)
	{
		return {static_cast<std::uint8_t>(raw >> 5), static_cast<std::uint8_t>(raw & 0x1f)};
	}
	// "package 0 channel 1", "package 2"
	std::string to_string() const;
	bool operator==(const ChannelId &) const = default;
};

// What the packet type byte says.
inline bool is_response_type(std::uint8_t type) { return type != kAenType && (type & kResponseBit); }
inline bool is_command_type(std::uint8_t type) { return !(type & kResponseBit); }
inline std::uint8_t response_type(std::uint8_t command) { return command | kResponseBit; }

// The control packet header (DSP0222 1.1, 8.2). payload_length is
// set by frame() from the payload given; parse() gives what was received.
struct Header {
	std::uint8_t mc_id = kDefaultMcId;
	std::uint8_t revision = kHeaderRevision;
	std::uint8_t iid = 0;	// instance ID: 1-255 for commands, 0 in AENs
	std::uint8_t type = 0;	// control packet type
	ChannelId channel;
	std::uint16_t payload_length = 0;
	bool operator==(const Header &) const = default;
};

// A packet that parse() found well formed.
struct Packet {
	Header header;
	std::span<const std::uint8_t> payload; // payload_length bytes, no padding
	std::uint32_t checksum = 0;	       // as received; 0: none was computed
};

// The NC-SI checksum of @data (header + payload, unpadded): the two's
// complement of the 32-bit sum of its 16-bit big-endian words (an odd last
// byte counts as the high byte of a word ending in 0).
std::uint32_t checksum(std::span<const std::uint8_t> data);

// @n rounded up to a multiple of 4 (the payload's padded length).
inline std::size_t padded(std::size_t n) { return (n + 3) & ~std::size_t{3}; }

// The whole packet: @h (its payload_length ignored) + @payload + zero
// padding + the checksum (0 when @with_checksum is false). Errors: a
// payload over 4095 bytes, a channel ID out of range, revision not 0x01.
Result<Bytes> frame(const Header &h, std::span<const std::uint8_t> payload,
		    bool with_checksum = true);

// Checks a whole packet: header revision, the payload length against the
// bytes there, zero padding, the checksum (unless 0), no trailing bytes.
// Reserved fields (byte 2, the top 4 bits of the length, bytes 8-15) are
// ignored, as receivers of reserved fields must.
// A packet cut after its payload and padding (no checksum field at all) is
// refused: the checksum field is required even when it holds 0.
Result<Packet> parse(std::span<const std::uint8_t> bytes);

} // namespace mctpxx::ncsi
