// SPDX-License-Identifier: GPL-2.0
#include "ncsixx/payloads.hpp"

#include <algorithm>
#include <cstdio>

#include "ncsixx/packet.hpp"

namespace mctpxx::ncsi {

namespace {

std::string hex(unsigned v, int width)
{
	char buf[16];
	std::snprintf(buf, sizeof buf, "0x%0*x", width, v);
	return buf;
}

// The decoder's last step: no field left unread, nothing failed.
template <typename T>
Result<T> done(Reader &r, T value)
{
	if (auto st = r.finish(); !st)
		return fail(st.error());
	return value;
}

// A packed BCD byte: two decimal digits, or 0xF and one digit.
bool bcd_ok(std::uint8_t b)
{
	const unsigned hi = b >> 4, lo = b & 0xf;
	return lo <= 9 && (hi <= 9 || hi == 0xf);
}

bool printable(std::uint8_t b) { return b >= 0x20 && b < 0x7f; }

// An alpha field of the NC-SI version: 0 (none) or a printable character.
void check_alpha(Reader &r, const char *name, std::uint8_t b)
{
	r.expect(b == 0 || printable(b), std::string("NC-SI version ") + name + " " + hex(b, 2) +
						 " is neither 0 nor printable ASCII");
}

std::string bcd_text(std::uint8_t b)
{
	if (!bcd_ok(b))
		return "?";
	const unsigned hi = b >> 4, lo = b & 0xf;
	return hi == 0xf ? std::to_string(lo) : std::to_string(hi) + std::to_string(lo);
}

} // namespace

std::string mac_to_string(const MacAddress &m)
{
	char buf[18];
	std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
	return buf;
}

// ---- link status ----

std::optional<LinkSpeed> link_speed(std::uint8_t speed_duplex)
{
	switch (speed_duplex) {
	case 0x1: return LinkSpeed{10, false};
	case 0x2: return LinkSpeed{10, true};
	case 0x3: return LinkSpeed{100, false};
	case 0x4: return LinkSpeed{100, false}; // 100BASE-T4 is half duplex only
	case 0x5: return LinkSpeed{100, true};
	case 0x6: return LinkSpeed{1000, false};
	case 0x7: return LinkSpeed{1000, true};
	case 0x8: return LinkSpeed{10000, true};
	case 0x9: return LinkSpeed{20000, true};
	case 0xa: return LinkSpeed{25000, true};
	case 0xb: return LinkSpeed{40000, true};
	case 0xc: return LinkSpeed{50000, true};
	case 0xd: return LinkSpeed{100000, true};
	case 0xe: return LinkSpeed{2500, true};
	}
	return std::nullopt;
}

std::string speed_text(std::uint8_t speed_duplex)
{
	if (speed_duplex == 0)
		return "auto-negotiation not complete";
	auto s = link_speed(speed_duplex);
	if (!s)
		return "speed code " + hex(speed_duplex, 1);
	return std::to_string(s->mbps) + " Mb/s " + (s->full_duplex ? "full" : "half") + " duplex";
}

std::uint32_t LinkStatus::make(bool up, std::uint8_t speed_duplex, bool autoneg_enabled, bool autoneg_complete)
{
	std::uint32_t v = (static_cast<std::uint32_t>(speed_duplex & 0xf) << link::SpeedDuplexShift);
	if (up)
		v |= link::Up;
	if (autoneg_enabled)
		v |= link::AutonegEnabled;
	if (autoneg_complete)
		v |= link::AutonegComplete;
	return v;
}

Result<Bytes> encode_link_status(const LinkStatus &s)
{
	Writer w;
	w.u32(s.status).u32(s.other_indications).u32(s.oem);
	return w.take();
}

Result<LinkStatus> decode_link_status(std::span<const std::uint8_t> data)
{
	Reader r(data, "Get Link Status response");
	LinkStatus s;
	s.status = r.u32("link status");
	s.other_indications = r.u32("other indications");
	s.oem = r.u32("OEM link status");
	return done(r, s);
}

// ---- version ID ----

std::string NcsiVersion::to_string() const
{
	std::string s = bcd_text(major) + "." + bcd_text(minor);
	if (update != 0xff)
		s += "." + bcd_text(update);
	if (alpha1)
		s += static_cast<char>(alpha1);
	if (alpha2)
		s += static_cast<char>(alpha2);
	return s;
}

std::string VersionId::firmware_version_text() const
{
	return std::to_string(firmware_version >> 24) + "." + std::to_string((firmware_version >> 16) & 0xff) +
	       "." + std::to_string((firmware_version >> 8) & 0xff) + "." +
	       std::to_string(firmware_version & 0xff);
}

Result<Bytes> encode_version_id(const VersionId &v)
{
	const char *what = "Get Version ID response";
	if (v.firmware_name.size() > 12)
		return fail(Error::msg(std::string(what) + ": firmware name \"" + v.firmware_name + "\" is " +
				       std::to_string(v.firmware_name.size()) + " bytes, 12 at most"));
	for (unsigned char c : v.firmware_name)
		if (!printable(c))
			return fail(Error::msg(std::string(what) + ": firmware name byte " + hex(c, 2) +
					       " is not printable ASCII"));
	for (auto [name, b] : {std::pair{"alpha1", v.ncsi.alpha1}, std::pair{"alpha2", v.ncsi.alpha2}})
		if (b != 0 && !printable(b))
			return fail(Error::msg(std::string(what) + ": NC-SI version " + name + " " + hex(b, 2) +
					       " is neither 0 nor printable ASCII"));
	for (auto [name, b] : {std::pair{"major", v.ncsi.major}, std::pair{"minor", v.ncsi.minor}})
		if (!bcd_ok(b))
			return fail(Error::msg(std::string(what) + ": NC-SI version " + name + " " + hex(b, 2) +
					       " is not packed BCD"));
	if (v.ncsi.update != 0xff && !bcd_ok(v.ncsi.update))
		return fail(Error::msg(std::string(what) + ": NC-SI version update " + hex(v.ncsi.update, 2) +
				       " is not packed BCD (nor 0xff)"));
	Writer w;
	w.u8(v.ncsi.major).u8(v.ncsi.minor).u8(v.ncsi.update).u8(v.ncsi.alpha1).zeros(3).u8(v.ncsi.alpha2);
	w.bytes({reinterpret_cast<const std::uint8_t *>(v.firmware_name.data()), v.firmware_name.size()});
	w.zeros(12 - v.firmware_name.size());
	w.u32(v.firmware_version).u16(v.pci_did).u16(v.pci_vid).u16(v.pci_ssid).u16(v.pci_ssvid);
	w.u32(v.manufacturer_id);
	return w.take();
}

Result<VersionId> decode_version_id(std::span<const std::uint8_t> data)
{
	Reader r(data, "Get Version ID response");
	VersionId v;
	v.ncsi.major = r.u8("NC-SI version major");
	v.ncsi.minor = r.u8("NC-SI version minor");
	v.ncsi.update = r.u8("NC-SI version update");
	v.ncsi.alpha1 = r.u8("NC-SI version alpha1");
	r.skip(3, "reserved bytes");
	v.ncsi.alpha2 = r.u8("NC-SI version alpha2");
	auto name = r.bytes(12, "firmware name");
	v.firmware_version = r.u32("firmware version");
	v.pci_did = r.u16("PCI DID");
	v.pci_vid = r.u16("PCI VID");
	v.pci_ssid = r.u16("PCI SSID");
	v.pci_ssvid = r.u16("PCI SSVID");
	v.manufacturer_id = r.u32("manufacturer ID");
	if (!r.ok())
		return fail(r.error());
	r.expect(bcd_ok(v.ncsi.major), "NC-SI version major " + hex(v.ncsi.major, 2) + " is not packed BCD");
	r.expect(bcd_ok(v.ncsi.minor), "NC-SI version minor " + hex(v.ncsi.minor, 2) + " is not packed BCD");
	r.expect(v.ncsi.update == 0xff || bcd_ok(v.ncsi.update),
		 "NC-SI version update " + hex(v.ncsi.update, 2) + " is not packed BCD (nor 0xff)");
	check_alpha(r, "alpha1", v.ncsi.alpha1);
	check_alpha(r, "alpha2", v.ncsi.alpha2);
	// printable ASCII up to the first NUL, zeros after it
	bool ended = false;
	for (std::size_t i = 0; i < name.size() && r.ok(); i++) {
		const std::uint8_t b = name[i];
		if (b == 0)
			ended = true;
		else if (ended)
			r.invalid("firmware name byte " + std::to_string(i) + " (" + hex(b, 2) +
				  ") after the terminating NUL is not zero");
		else if (!printable(b))
			r.invalid("firmware name byte " + std::to_string(i) + " (" + hex(b, 2) +
				  ") is not printable ASCII");
		else
			v.firmware_name += static_cast<char>(b);
	}
	return done(r, v);
}

// ---- capabilities ----

Result<Bytes> encode_capabilities(const Capabilities &c)
{
	Writer w;
	w.u32(c.flags).u32(c.broadcast_filter).u32(c.multicast_filter).u32(c.buffering).u32(c.aen_control);
	w.u8(c.vlan_filter_count).u8(c.mixed_filter_count).u8(c.multicast_filter_count);
	w.u8(c.unicast_filter_count).zeros(2).u8(c.vlan_modes).u8(c.channel_count);
	return w.take();
}

Result<Capabilities> decode_capabilities(std::span<const std::uint8_t> data)
{
	Reader r(data, "Get Capabilities response");
	Capabilities c;
	c.flags = r.u32("capabilities flags");
	c.broadcast_filter = r.u32("broadcast packet filter capabilities");
	c.multicast_filter = r.u32("multicast packet filter capabilities");
	c.buffering = r.u32("buffering capability");
	c.aen_control = r.u32("AEN control support");
	c.vlan_filter_count = r.u8("VLAN filter count");
	c.mixed_filter_count = r.u8("mixed filter count");
	c.multicast_filter_count = r.u8("multicast filter count");
	c.unicast_filter_count = r.u8("unicast filter count");
	r.skip(2, "reserved bytes");
	c.vlan_modes = r.u8("VLAN mode support");
	c.channel_count = r.u8("channel count");
	if (r.ok())
		r.expect(c.channel_count <= kMaxChannel + 1u,
			 "channel count " + std::to_string(c.channel_count) + " over 31 (5-bit channel IDs)");
	return done(r, c);
}

// ---- parameters ----

namespace {
constexpr std::size_t kMaxMacs = 8;   // one enable bit each in a byte
constexpr std::size_t kMaxVlans = 16; // one enable bit each in 16 bits
} // namespace

Result<Bytes> encode_parameters(const Parameters &p)
{
	if (p.macs.size() > kMaxMacs)
		return fail(Error::msg("Get Parameters response: " + std::to_string(p.macs.size()) +
				       " MAC addresses, 8 at most (one flag bit each)"));
	if (p.vlans.size() > kMaxVlans)
		return fail(Error::msg("Get Parameters response: " + std::to_string(p.vlans.size()) +
				       " VLAN tags, 16 at most (one flag bit each)"));
	std::uint8_t mac_flags = 0;
	for (std::size_t i = 0; i < p.macs.size(); i++)
		if (p.macs[i].enabled)
			mac_flags |= static_cast<std::uint8_t>(1u << i);
	std::uint16_t vlan_flags = 0;
	for (std::size_t i = 0; i < p.vlans.size(); i++)
		if (p.vlans[i].enabled)
			vlan_flags |= static_cast<std::uint16_t>(1u << i);
	Writer w;
	w.u8(static_cast<std::uint8_t>(p.macs.size())).zeros(2).u8(mac_flags);
	w.u8(static_cast<std::uint8_t>(p.vlans.size())).zeros(1).u16(vlan_flags);
	w.u32(p.link_settings).u32(p.broadcast_filter).u32(p.configuration_flags);
	w.u8(p.vlan_mode).u8(p.flow_control).zeros(2).u32(p.aen_control);
	for (const auto &m : p.macs)
		w.bytes(m.mac);
	for (const auto &v : p.vlans)
		w.u16(v.tag);
	return w.take();
}

Result<Parameters> decode_parameters(std::span<const std::uint8_t> data)
{
	Reader r(data, "Get Parameters response");
	Parameters p;
	const std::uint8_t mac_count = r.u8("MAC address count");
	r.skip(2, "reserved bytes");
	const std::uint8_t mac_flags = r.u8("MAC address flags");
	const std::uint8_t vlan_count = r.u8("VLAN tag count");
	r.skip(1, "reserved byte");
	const std::uint16_t vlan_flags = r.u16("VLAN tag flags");
	p.link_settings = r.u32("link settings");
	p.broadcast_filter = r.u32("broadcast packet filter settings");
	p.configuration_flags = r.u32("configuration flags");
	p.vlan_mode = r.u8("VLAN mode");
	p.flow_control = r.u8("flow control enable");
	r.skip(2, "reserved bytes");
	p.aen_control = r.u32("AEN control");
	if (!r.ok())
		return fail(r.error());
	if (!r.expect(mac_count <= kMaxMacs, "MAC address count " + std::to_string(mac_count) +
						     " over 8 (one flag bit each)") ||
	    !r.expect(vlan_count <= kMaxVlans,
		      "VLAN tag count " + std::to_string(vlan_count) + " over 16 (one flag bit each)") ||
	    !r.expect((mac_flags >> mac_count) == 0,
		      "MAC address flags " + hex(mac_flags, 2) + " enable an address past the count (" +
			      std::to_string(mac_count) + ")") ||
	    !r.expect((vlan_flags >> vlan_count) == 0,
		      "VLAN tag flags " + hex(vlan_flags, 4) + " enable a tag past the count (" +
			      std::to_string(vlan_count) + ")"))
		return fail(r.error());
	for (unsigned i = 0; i < mac_count; i++) {
		MacFilter m;
		const std::string field = "MAC address " + std::to_string(i + 1);
		auto b = r.bytes(6, field.c_str());
		if (!r.ok())
			return fail(r.error());
		std::copy(b.begin(), b.end(), m.mac.begin());
		m.enabled = mac_flags & (1u << i);
		p.macs.push_back(m);
	}
	for (unsigned i = 0; i < vlan_count; i++) {
		VlanFilter v;
		const std::string field = "VLAN tag " + std::to_string(i + 1);
		v.tag = r.u16(field.c_str());
		v.enabled = vlan_flags & (1u << i);
		p.vlans.push_back(v);
	}
	return done(r, p);
}

// ---- package UUID ----

std::string PackageUuid::to_string() const
{
	std::string s;
	char buf[3];
	for (std::size_t i = 0; i < bytes.size(); i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			s += '-';
		std::snprintf(buf, sizeof buf, "%02x", bytes[i]);
		s += buf;
	}
	return s;
}

Result<Bytes> encode_package_uuid(const PackageUuid &u) { return Bytes(u.bytes.begin(), u.bytes.end()); }

Result<PackageUuid> decode_package_uuid(std::span<const std::uint8_t> data)
{
	Reader r(data, "Get Package UUID response");
	PackageUuid u;
	auto b = r.bytes(16, "UUID");
	if (r.ok())
		std::copy(b.begin(), b.end(), u.bytes.begin());
	return done(r, u);
}

// ---- MC MAC addresses ----

Result<Bytes> encode_mc_mac_addresses(const McMacAddresses &m)
{
	if (m.macs.size() > 0xff)
		return fail(Error::msg("Get MC MAC Address response: " + std::to_string(m.macs.size()) +
				       " addresses, 255 at most (an 8-bit count)"));
	Writer w;
	w.u8(static_cast<std::uint8_t>(m.macs.size())).zeros(3);
	for (const auto &mac : m.macs)
		w.bytes(mac);
	return w.take();
}

Result<McMacAddresses> decode_mc_mac_addresses(std::span<const std::uint8_t> data)
{
	Reader r(data, "Get MC MAC Address response");
	McMacAddresses m;
	const std::uint8_t count = r.u8("address count");
	r.skip(3, "reserved bytes");
	for (unsigned i = 0; i < count && r.ok(); i++) {
		const std::string field = "MAC address " + std::to_string(i + 1);
		auto b = r.bytes(6, field.c_str());
		if (!r.ok())
			break;
		MacAddress mac;
		std::copy(b.begin(), b.end(), mac.begin());
		m.macs.push_back(mac);
	}
	return done(r, m);
}

} // namespace mctpxx::ncsi
