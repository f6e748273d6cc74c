// SPDX-License-Identifier: GPL-2.0
#include "frame.hpp"

#include <algorithm>
#include <string>

namespace mctpxx::demux {

Result<std::uint8_t> parse_registration(std::span<const std::uint8_t> d)
{
	if (d.size() != 1)
		return fail(Error::msg("registration must be one byte (the message type), got " +
				       std::to_string(d.size()) + " bytes"));
	const std::uint8_t type = d[0] & kTypeMask;
	if (type == kControlType)
		return fail(Error::msg("registration for message type 0 (MCTP control) refused: "
				       "control messages belong to the control daemon"));
	return type;
}

Result<Outgoing> parse_outgoing(std::span<const std::uint8_t> d, std::size_t length)
{
	if (length > kMaxDatagram)
		return fail(Error::msg("datagram of " + std::to_string(length) +
				       " bytes is longer than the limit of " +
				       std::to_string(kMaxDatagram) +
				       " (EID and a 64 KiB message)"));
	if (length < kMinDatagram || d.size() < kMinDatagram)
		return fail(Error::msg("datagram of " + std::to_string(length) +
				       " bytes is shorter than an EID and a message type byte"));
	return Outgoing{d[0], d[1], d.subspan(2, std::min(length, d.size()) - 2)};
}

std::vector<std::uint8_t> encode_incoming(std::uint8_t eid, std::uint8_t type,
					  std::span<const std::uint8_t> body)
{
	std::vector<std::uint8_t> out;
	out.reserve(2 + body.size());
	out.push_back(eid);
	out.push_back(type);
	out.insert(out.end(), body.begin(), body.end());
	return out;
}

} // namespace mctpxx::demux
