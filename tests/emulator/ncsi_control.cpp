// SPDX-License-Identifier: GPL-2.0
// The control lines of the emulated NC-SI controller (--ncsi-control): a
// line is checked whole before anything changes.
#include <sstream>
#include <vector>

#include "mctpxx/args.hpp"
#include "ncsi_controller.hpp"

namespace mctpxx::emu::ncsi {
namespace {

constexpr const char *kGrammar =
	"link P.C up [MBPS], link P.C down, speed P.C MBPS, driver P.C up|down, reinit P.C, "
	"silent P on|off, malformed on|off|checksum|truncate";

Result<unsigned> parse_speed(const std::string &s)
{
	auto n = parse_number(s, 1, 1000000, "speed");
	if (!n)
		return fail(n.error());
	if (!speed_code(static_cast<unsigned>(*n)))
		return fail(Error::msg("speed " + s +
				       " Mb/s: not one of 10, 100, 1000, 2500, 10000, 20000, 25000, "
				       "40000, 50000, 100000"));
	return static_cast<unsigned>(*n);
}

Result<bool> parse_up_down(const std::string &s, const char *up, const char *down)
{
	if (s == up)
		return true;
	if (s == down)
		return false;
	return fail(Error::msg("\"" + s + "\": expected " + up + " or " + down));
}

} // namespace

Result<std::string> Controller::control(const std::string &line)
{
	std::istringstream in(line);
	std::vector<std::string> w;
	for (std::string s; in >> s;)
		w.push_back(s);
	auto wrong = [&](const Error &e) {
		return fail(Error::msg("control line \"" + line + "\": " + e.message));
	};
	if (w.empty())
		return wrong(Error::msg(std::string("empty (") + kGrammar + ")"));
	const std::size_t before = aens_.size();
	auto aen_note = [&]() -> std::string {
		const std::size_t n = aens_.size() - before;
		return n ? " (AEN queued)" : " (no AEN: not enabled)";
	};
	const std::string &verb = w[0];

	if (verb == "link" || verb == "speed" || verb == "driver" || verb == "reinit") {
		const std::size_t want_min = verb == "reinit" ? 2 : 3;
		const std::size_t want_max = verb == "link" ? 4 : want_min;
		if (w.size() < want_min || w.size() > want_max)
			return wrong(Error::msg(std::string("wrong number of words (") + kGrammar + ")"));
		auto pc = parse_channel(w[1], cfg_);
		if (!pc)
			return wrong(pc.error());
		Channel &c = *channel(pc->first, pc->second);
		if (verb == "reinit") {
			reinit(c);
			return "reinit " + w[1] + ": in the Initial State" + aen_note();
		}
		if (verb == "speed") {
			auto mbps = parse_speed(w[2]);
			if (!mbps)
				return wrong(mbps.error());
			if (!set_speed(c, *mbps))
				return "speed " + w[1] + ": already " + w[2] + " Mb/s";
			return "speed " + w[1] + " " + w[2] + " Mb/s" + (c.link_up ? aen_note() : " (link down)");
		}
		if (verb == "driver") {
			auto up = parse_up_down(w[2], "up", "down");
			if (!up)
				return wrong(up.error());
			if (!set_driver(c, *up))
				return "driver " + w[1] + ": already " + w[2];
			return "driver " + w[1] + " " + w[2] + aen_note();
		}
		auto up = parse_up_down(w[2], "up", "down");
		if (!up)
			return wrong(up.error());
		std::optional<unsigned> mbps;
		if (w.size() == 4) {
			if (!*up)
				return wrong(Error::msg("a speed only with \"up\""));
			auto m = parse_speed(w[3]);
			if (!m)
				return wrong(m.error());
			mbps = *m;
		}
		if (!set_link(c, *up, mbps))
			return "link " + w[1] + ": already " + w[2];
		return "link " + w[1] + " " + w[2] + (*up ? " " + std::to_string(c.mbps) + " Mb/s" : "") +
		       aen_note();
	}
	if (verb == "silent") {
		if (w.size() != 3)
			return wrong(Error::msg("expected silent P on|off"));
		auto p = parse_number(w[1], 0, cfg_.packages - 1, "package");
		if (!p)
			return wrong(p.error());
		auto on = parse_up_down(w[2], "on", "off");
		if (!on)
			return wrong(on.error());
		set_silent(*package(static_cast<unsigned>(*p)), *on);
		return "package " + w[1] + (*on ? " silent" : " answering again");
	}
	if (verb == "malformed") {
		if (w.size() != 2)
			return wrong(Error::msg("expected malformed on|off|checksum|truncate"));
		Malformed m;
		if (w[1] == "on" || w[1] == "checksum")
			m = Malformed::Checksum;
		else if (w[1] == "truncate")
			m = Malformed::Truncate;
		else if (w[1] == "off")
			m = Malformed::None;
		else
			return wrong(Error::msg("\"" + w[1] + "\": expected on, off, checksum or truncate"));
		set_malformed(m);
		return std::string("malformed responses: ") + malformed_name(m);
	}
	return wrong(Error::msg("unknown command \"" + verb + "\" (" + kGrammar + ")"));
}

} // namespace mctpxx::emu::ncsi
