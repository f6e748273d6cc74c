// SPDX-License-Identifier: GPL-2.0
// The datagrams of the "\0mctp-mux" protocol that libmctp demux clients
// speak, pure: a client registers with one byte, the message type it wants
// to receive; every later datagram is [EID][message type byte][body], the
// destination EID towards the bridge, the source EID from it. The type byte
// keeps its integrity check bit (0x80); types compare on the low 7 bits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "mctpxx/error.hpp"

namespace mctpxx::demux {

inline constexpr std::uint8_t kTypeMask = 0x7f;
inline constexpr std::uint8_t kIntegrityCheck = 0x80;
inline constexpr std::uint8_t kControlType = 0x00;
// The EID byte and a whole MCTP message, type byte included (the kernel
// takes messages of up to 64 KiB with their type byte).
inline constexpr std::size_t kMaxDatagram = 1 + 64 * 1024;
inline constexpr std::size_t kMinDatagram = 2;

// The message type a client registers for (low 7 bits), from its first
// datagram: exactly one byte, not the control type.
Result<std::uint8_t> parse_registration(std::span<const std::uint8_t> d);

// A message a client sends: @body views the datagram.
struct Outgoing {
	std::uint8_t eid = 0;
	std::uint8_t type = 0; // as the client wrote it, integrity check bit included
	std::span<const std::uint8_t> body;
};

// A client's datagram after registration: at least an EID and a type byte,
// at most kMaxDatagram bytes (@length is what the datagram really had,
// @d may be cut short to the receive buffer).
Result<Outgoing> parse_outgoing(std::span<const std::uint8_t> d, std::size_t length);
inline Result<Outgoing> parse_outgoing(std::span<const std::uint8_t> d)
{
	return parse_outgoing(d, d.size());
}

// The datagram that hands a client a message from @eid.
std::vector<std::uint8_t> encode_incoming(std::uint8_t eid, std::uint8_t type,
					  std::span<const std::uint8_t> body);

// Whether a message with type byte @type is one for clients of @registered.
inline bool type_matches(std::uint8_t registered, std::uint8_t type)
{
	return (type & kTypeMask) == (registered & kTypeMask);
}

} // namespace mctpxx::demux
