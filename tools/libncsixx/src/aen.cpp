// SPDX-License-Identifier: GPL-2.0
#include "ncsixx/aen.hpp"

#include <cstdio>
#include <type_traits>

namespace mctpxx::ncsi {

namespace {
std::string hex2(unsigned v)
{
	char buf[8];
	std::snprintf(buf, sizeof buf, "0x%02x", v & 0xff);
	return buf;
}
} // namespace

std::string aen_name(std::uint8_t type)
{
	switch (type) {
	case 0x00: return "Link Status Change";
	case 0x01: return "Configuration Required";
	case 0x02: return "Host NC Driver Status Change";
	}
	return "AEN " + hex2(type);
}

std::uint8_t Aen::type() const
{
	struct Visit {
		std::uint8_t operator()(const LinkStatusChangeAen &) const { return 0x00; }
		std::uint8_t operator()(const ConfigurationRequiredAen &) const { return 0x01; }
		std::uint8_t operator()(const HostNcDriverStatusAen &) const { return 0x02; }
		std::uint8_t operator()(const OtherAen &o) const { return o.type; }
	};
	return std::visit(Visit{}, payload);
}

Result<Bytes> encode_aen(const Aen &a)
{
	const std::uint8_t type = a.type();
	if (const auto *o = std::get_if<OtherAen>(&a.payload); o && type <= 0x02)
		return fail(Error::msg("NC-SI AEN: type " + hex2(type) + " (" + aen_name(type) +
				       ") has its own payload, not raw data"));
	Writer w;
	w.zeros(3).u8(type);
	std::visit(
		[&w](const auto &p) {
			using T = std::decay_t<decltype(p)>;
			if constexpr (std::is_same_v<T, LinkStatusChangeAen>)
				w.u32(p.link_status).u32(p.oem);
			else if constexpr (std::is_same_v<T, HostNcDriverStatusAen>)
				w.u32(p.status);
			else if constexpr (std::is_same_v<T, OtherAen>)
				w.bytes(p.data);
		},
		a.payload);
	Header h;
	h.mc_id = a.mc_id;
	h.iid = kAenIid;
	h.type = kAenType;
	h.channel = a.channel;
	auto b = frame(h, w.data());
	if (!b)
		return fail(Error::msg("NC-SI AEN (" + aen_name(type) + "): " + b.error().message));
	return b;
}

Result<Aen> decode_aen(std::span<const std::uint8_t> bytes)
{
	auto p = parse(bytes);
	if (!p)
		return fail(Error::msg("NC-SI AEN: " + p.error().message));
	const Header &h = p->header;
	if (h.type != kAenType)
		return fail(Error::msg("NC-SI AEN: packet type " + hex2(h.type) + " (" +
				       (is_command_type(h.type) ? "a command" : "a response") +
				       "), 0xff expected"));
	if (h.iid != kAenIid)
		return fail(Error::msg("NC-SI AEN: IID " + std::to_string(h.iid) + ", 0 expected"));
	Reader r(p->payload, "NC-SI AEN");
	r.skip(3, "reserved bytes");
	const std::uint8_t type = r.u8("AEN type");
	if (!r.ok())
		return fail(r.error());
	Reader d(r.rest(), "NC-SI AEN (" + aen_name(type) + ")");
	Aen a;
	a.channel = h.channel;
	a.mc_id = h.mc_id;
	switch (type) {
	case 0x00: {
		LinkStatusChangeAen l;
		l.link_status = d.u32("link status");
		l.oem = d.u32("OEM link status");
		a.payload = l;
		break;
	}
	case 0x01:
		a.payload = ConfigurationRequiredAen{};
		break;
	case 0x02: {
		HostNcDriverStatusAen s;
		s.status = d.u32("host NC driver status");
		a.payload = s;
		break;
	}
	default: {
		auto rest = d.rest();
		a.payload = OtherAen{type, Bytes(rest.begin(), rest.end())};
	}
	}
	if (auto st = d.finish(); !st)
		return fail(st.error());
	return a;
}

} // namespace mctpxx::ncsi
