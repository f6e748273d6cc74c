// SPDX-License-Identifier: GPL-2.0
#include "ncsi_controller.hpp"

#include <utility>

#include "mctpxx/args.hpp"

namespace mctpxx::emu::ncsi {
namespace {

// Locally administered unicast addresses: 02:4e:43 ("NC") for a channel,
// 02:4e:4d ("NM") for the address provisioned for the MC; then the SMBus
// address, the package and the channel.
nc::MacAddress make_mac(std::uint8_t kind, std::uint8_t smbus, std::uint8_t package, std::uint8_t channel)
{
	return {0x02, 0x4e, kind, smbus, package, channel};
}

// 4e435349-0000-4000-8000-00000000SSPP: "NCSI", a version 4 / variant 1
// layout, the SMBus address and the package.
nc::PackageUuid make_uuid(std::uint8_t smbus, std::uint8_t package)
{
	nc::PackageUuid u;
	u.bytes = {0x4e, 0x43, 0x53, 0x49, 0x00, 0x00, 0x40, 0x00,
		   0x80, 0x00, 0x00, 0x00, 0x00, 0x00, smbus, package};
	return u;
}

std::string on_off(bool up)
{
	return up ? "up" : "down";
}

} // namespace

const char *malformed_name(Malformed m)
{
	switch (m) {
	case Malformed::None: return "off";
	case Malformed::Checksum: return "checksum";
	case Malformed::Truncate: return "truncate";
	}
	return "?";
}

Result<std::uint32_t> parse_firmware_version(const std::string &s)
{
	std::uint32_t v = 0;
	unsigned parts = 0;
	std::size_t start = 0;
	for (;;) {
		const auto dot = s.find('.', start);
		const std::string part = s.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
		auto n = parse_number(part, 0, 255, "firmware version part");
		if (!n)
			return fail(Error::msg("firmware version \"" + s + "\": " + n.error().message));
		if (++parts > 4)
			return fail(Error::msg("firmware version \"" + s + "\": at most 4 numbers"));
		v |= static_cast<std::uint32_t>(*n) << (8 * (4 - parts));
		if (dot == std::string::npos)
			return v;
		start = dot + 1;
	}
}

Result<std::pair<unsigned, unsigned>> parse_channel(const std::string &s, const Config &cfg)
{
	const auto dot = s.find('.');
	if (dot == std::string::npos)
		return fail(Error::msg("\"" + s + "\": expected PACKAGE.CHANNEL, e.g. 0.1"));
	auto p = parse_number(s.substr(0, dot), 0, cfg.packages - 1, "package");
	if (!p)
		return fail(Error::msg("\"" + s + "\": " + p.error().message));
	auto c = parse_number(s.substr(dot + 1), 0, cfg.channels - 1, "channel");
	if (!c)
		return fail(Error::msg("\"" + s + "\": " + c.error().message));
	return std::pair<unsigned, unsigned>(static_cast<unsigned>(*p), static_cast<unsigned>(*c));
}

std::optional<std::uint8_t> speed_code(unsigned mbps)
{
	for (std::uint8_t code = 1; code <= 0x0f; code++) {
		auto s = nc::link_speed(code);
		if (s && s->full_duplex && s->mbps == mbps)
			return code;
	}
	return std::nullopt;
}

nc::LinkStatus Channel::link_status() const
{
	nc::LinkStatus s;
	const auto code = speed_code(mbps);
	s.status = nc::LinkStatus::make(link_up, link_up && code ? *code : 0, true, link_up);
	if (driver_ready)
		s.other_indications |= nc::link::HostNcDriverReady;
	return s;
}

Controller::Controller(Config cfg) : cfg_(std::move(cfg)), malformed_(cfg_.malformed)
{
	build();
}

void Controller::build()
{
	packages_.clear();
	for (unsigned p = 0; p < cfg_.packages; p++) {
		Package pkg;
		pkg.id = static_cast<std::uint8_t>(p);
		pkg.silent = cfg_.silent_packages.count(p) != 0;
		pkg.uuid = make_uuid(cfg_.smbus_addr, pkg.id);
		for (unsigned c = 0; c < cfg_.channels; c++) {
			Channel ch;
			ch.id = {pkg.id, static_cast<std::uint8_t>(c)};
			ch.mac = make_mac(0x43, cfg_.smbus_addr, pkg.id, ch.id.channel);
			ch.mc_mac = make_mac(0x4d, cfg_.smbus_addr, pkg.id, ch.id.channel);
			ch.mbps = cfg_.link_mbps;
			ch.link_up = cfg_.link_down.count({p, c}) == 0;
			pkg.channels.push_back(ch);
		}
		packages_.push_back(std::move(pkg));
	}
}

Package *Controller::package(unsigned id)
{
	return id < packages_.size() ? &packages_[id] : nullptr;
}

Channel *Controller::channel(unsigned package, unsigned channel)
{
	auto *p = this->package(package);
	if (!p || channel >= p->channels.size())
		return nullptr;
	return &p->channels[channel];
}

void Controller::reset_state(Channel &c)
{
	c.initial = true;
	c.enabled = false;
	c.network_tx = false;
	c.aen_mask = 0;
	c.aen_mc_id = 0;
	c.aen_eid.reset();
}

void Controller::power(bool on)
{
	if (!on) {
		aens_.clear();
		return;
	}
	for (auto &p : packages_) {
		p.selected = false;
		for (auto &c : p.channels) {
			reset_state(c);
			c.stats = {};
		}
	}
}

void Controller::queue_aen(Package &p, Channel &c, const nc::Aen &aen, std::uint32_t bit,
			   const std::string &what)
{
	if (!(c.aen_mask & bit) || !c.aen_eid || p.silent || !p.selected)
		return;
	nc::Aen a = aen;
	a.channel = c.id;
	a.mc_id = c.aen_mc_id;
	auto packet = nc::encode_aen(a);
	if (!packet)
		return;
	c.stats.aens_sent++;
	c.stats.transmit_packets++;
	aens_.push_back({*c.aen_eid, std::move(*packet),
			 c.id.to_string() + " " + nc::aen_name(a.type()) + ": " + what});
}

bool Controller::set_link(Channel &c, bool up, std::optional<unsigned> mbps)
{
	const bool changed = c.link_up != up || (mbps && up && *mbps != c.mbps);
	c.link_up = up;
	if (mbps)
		c.mbps = *mbps;
	if (changed) {
		const auto s = c.link_status();
		nc::Aen a;
		a.payload = nc::LinkStatusChangeAen{s.status, s.oem};
		queue_aen(packages_[c.id.package], c, a, nc::aen_control::LinkStatusChange,
			  up ? "link up, " + std::to_string(c.mbps) + " Mb/s" : "link down");
	}
	return changed;
}

bool Controller::set_speed(Channel &c, unsigned mbps)
{
	if (c.mbps == mbps)
		return false;
	c.mbps = mbps;
	// a link that is down has no speed to announce
	if (c.link_up) {
		const auto s = c.link_status();
		nc::Aen a;
		a.payload = nc::LinkStatusChangeAen{s.status, s.oem};
		queue_aen(packages_[c.id.package], c, a, nc::aen_control::LinkStatusChange,
			  "link up, " + std::to_string(mbps) + " Mb/s");
	}
	return true;
}

bool Controller::set_driver(Channel &c, bool ready)
{
	if (c.driver_ready == ready)
		return false;
	c.driver_ready = ready;
	nc::Aen a;
	a.payload = nc::HostNcDriverStatusAen{ready ? 1u : 0u};
	queue_aen(packages_[c.id.package], c, a, nc::aen_control::HostNcDriverStatusChange,
		  "host driver " + on_off(ready));
	return true;
}

void Controller::reinit(Channel &c)
{
	nc::Aen a;
	a.payload = nc::ConfigurationRequiredAen{};
	// sent as the channel falls back: with the mask and to the EID it had
	queue_aen(packages_[c.id.package], c, a, nc::aen_control::ConfigurationRequired,
		  "back in the Initial State");
	reset_state(c);
}

std::vector<PendingAen> Controller::take_aens()
{
	return std::exchange(aens_, {});
}

} // namespace mctpxx::emu::ncsi
