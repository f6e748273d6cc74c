// SPDX-License-Identifier: GPL-2.0
// Helpers of the NC-SI codec tests: packets cut short or lengthened must be
// refused with an error naming the problem; a packet changed on purpose
// gets its checksum recomputed so only the intended change is wrong.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ncsixx/packet.hpp"

namespace ncsi_test {

using Bytes = std::vector<std::uint8_t>;

inline bool mentions(const std::string &message, const std::string &what)
{
	return message.find(what) != std::string::npos;
}

// The error of @r, which must have failed.
template <typename R>
std::string error_of(const R &r)
{
	if (r)
		return "(accepted)";
	return r.error().message;
}

// Every proper prefix of @whole fails to decode through @decode.
template <typename Decode>
void every_prefix_fails(const Bytes &whole, Decode decode)
{
	for (std::size_t n = 0; n < whole.size(); n++) {
		auto r = decode(std::span<const std::uint8_t>(whole.data(), n));
		EXPECT_FALSE(r) << "a prefix of " << n << " of " << whole.size() << " bytes was accepted";
		if (!r)
			EXPECT_FALSE(r.error().message.empty());
	}
}

// Writes @checksum into the last 4 bytes of @packet.
inline void put_checksum(Bytes &packet, std::uint32_t checksum)
{
	const std::size_t at = packet.size() - 4;
	for (int i = 0; i < 4; i++)
		packet[at + i] = static_cast<std::uint8_t>(checksum >> (24 - 8 * i));
}

// Recomputes the checksum of a packet whose bytes a test changed (the
// payload length field is taken as it is).
inline void fix_checksum(Bytes &packet)
{
	const std::size_t length = (packet[6] << 8 | packet[7]) & 0x0fff;
	const std::size_t covered = std::min(packet.size() - 4, mctpxx::ncsi::kHeaderSize + length);
	put_checksum(packet, mctpxx::ncsi::checksum(std::span(packet).first(covered)));
}

// @packet with its payload replaced by @payload (length field, padding and
// checksum made to fit): to feed a decoder a payload of the wrong length.
inline Bytes with_payload(const Bytes &packet, const Bytes &payload)
{
	Bytes out(packet.begin(), packet.begin() + mctpxx::ncsi::kHeaderSize);
	out[6] = static_cast<std::uint8_t>(payload.size() >> 8);
	out[7] = static_cast<std::uint8_t>(payload.size());
	out.insert(out.end(), payload.begin(), payload.end());
	out.resize(mctpxx::ncsi::kHeaderSize + mctpxx::ncsi::padded(payload.size()) + 4, 0);
	fix_checksum(out);
	return out;
}

// The payload of a well-formed @packet.
inline Bytes payload_of(const Bytes &packet)
{
	const std::size_t length = (packet[6] << 8 | packet[7]) & 0x0fff;
	return Bytes(packet.begin() + mctpxx::ncsi::kHeaderSize,
		     packet.begin() + mctpxx::ncsi::kHeaderSize + length);
}

} // namespace ncsi_test
