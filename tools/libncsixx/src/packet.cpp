// SPDX-License-Identifier: GPL-2.0
#include "ncsixx/packet.hpp"

#include <cstdio>

namespace mctpxx::ncsi {

namespace {
std::string hex(unsigned v, int width)
{
	char buf[16];
	std::snprintf(buf, sizeof buf, "0x%0*x", width, v);
	return buf;
}
} // namespace

std::string ChannelId::to_string() const
{
	std::string s = "package " + std::to_string(package);
	if (!is_whole_package())
		s += " channel " + std::to_string(channel);
	return s;
}

std::uint32_t checksum(std::span<const std::uint8_t> data)
{
	std::uint32_t sum = 0;
	for (std::size_t i = 0; i < data.size(); i += 2) {
		std::uint32_t word = static_cast<std::uint32_t>(data[i]) << 8;
		if (i + 1 < data.size())
			word |= data[i + 1];
		sum += word;
	}
	return ~sum + 1;
}

Result<Bytes> frame(const Header &h, std::span<const std::uint8_t> payload, bool with_checksum)
{
	if (payload.size() > kMaxPayload)
		return fail(Error::msg("NC-SI packet: payload of " + std::to_string(payload.size()) +
				       " bytes is over the 12-bit payload length (4095)"));
	if (!h.channel.valid())
		return fail(Error::msg("NC-SI packet: channel ID out of range (package " +
				       std::to_string(h.channel.package) + ", channel " +
				       std::to_string(h.channel.channel) + ")"));
	if (h.revision != kHeaderRevision)
		return fail(Error::msg("NC-SI packet: header revision " + hex(h.revision, 2) +
				       " (only 0x01 is defined)"));
	Writer w;
	w.u8(h.mc_id).u8(h.revision).u8(0).u8(h.iid).u8(h.type).u8(h.channel.raw());
	w.u16(static_cast<std::uint16_t>(payload.size())).zeros(8);
	w.bytes(payload);
	const std::uint32_t sum = with_checksum ? checksum(w.data()) : 0;
	w.zeros(padded(payload.size()) - payload.size());
	w.u32(sum);
	return w.take();
}

Result<Packet> parse(std::span<const std::uint8_t> bytes)
{
	Reader r(bytes, "NC-SI packet");
	Packet p;
	p.header.mc_id = r.u8("MC ID");
	p.header.revision = r.u8("header revision");
	r.skip(1, "reserved byte 2");
	p.header.iid = r.u8("IID");
	p.header.type = r.u8("packet type");
	p.header.channel = ChannelId::from_raw(r.u8("channel ID"));
	const std::uint16_t length_field = r.u16("payload length") & kMaxPayload; // 15:12 reserved
	r.skip(8, "reserved bytes 8-15");
	if (!r.ok())
		return fail(r.error());
	if (!r.expect(p.header.revision == kHeaderRevision,
		      "header revision " + hex(p.header.revision, 2) + " (only 0x01 is defined)"))
		return fail(r.error());
	p.header.payload_length = length_field;
	const std::size_t want = padded(length_field) + kChecksumSize;
	if (!r.expect(r.left() >= want,
		      "payload length " + std::to_string(length_field) + " needs " +
			      std::to_string(want) + " bytes of payload, padding and checksum after the header, " +
			      std::to_string(r.left()) + " there"))
		return fail(r.error());
	p.payload = r.bytes(length_field, "payload");
	for (auto b : r.bytes(padded(length_field) - length_field, "padding"))
		if (!r.expect(b == 0, "padding byte " + hex(b, 2) + " not zero"))
			return fail(r.error());
	p.checksum = r.u32("checksum");
	if (auto st = r.finish(); !st)
		return fail(st.error());
	if (p.checksum != 0) {
		const std::uint32_t want_sum = checksum(bytes.first(kHeaderSize + length_field));
		if (p.checksum != want_sum)
			return fail(Error::msg("NC-SI packet: checksum " + hex(p.checksum, 8) + " wrong (" +
					       hex(want_sum, 8) + " computed)"));
	}
	return p;
}

} // namespace mctpxx::ncsi
