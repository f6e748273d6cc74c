// SPDX-License-Identifier: GPL-2.0
#include "controller.hpp"

#include <ctime>

namespace mctpxx::ncsid {

std::string time_text(WallClock::time_point t)
{
	if (t == WallClock::time_point{})
		return "";
	const std::time_t tt = WallClock::to_time_t(t);
	std::tm tm{};
	localtime_r(&tt, &tm);
	char b[32];
	std::strftime(b, sizeof(b), "%Y-%m-%d %H:%M:%S", &tm);
	return b;
}

std::uint64_t epoch_us(WallClock::time_point t)
{
	if (t == WallClock::time_point{})
		return 0;
	return static_cast<std::uint64_t>(
		std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count());
}

namespace {

std::string no_response(WallClock::time_point last)
{
	const std::string since = time_text(last);
	return since.empty() ? "no response" : "no response since " + since;
}

} // namespace

bool available(const Controller &c)
{
	return c.availability != Availability::HostOff;
}

bool functional(const Controller &c)
{
	if (c.availability != Availability::Present || !c.discovered)
		return false;
	for (const auto &[id, p] : c.packages)
		if (p.answering)
			return true;
	return false;
}

bool functional(const Controller &c, const Package &p)
{
	return c.availability == Availability::Present && p.answering && p.malformed.empty();
}

bool functional(const Controller &c, const Package &p, const Channel &ch)
{
	return functional(c, p) && ch.initialised && ch.enabled;
}

std::string reason(const Controller &c)
{
	if (c.availability == Availability::HostOff)
		return c.endpoint.reason.empty() ? "host off" : c.endpoint.reason;
	if (c.availability == Availability::Silent)
		return no_response(c.last_response);
	if (c.discovered && !functional(c))
		return "no package answers";
	return "";
}

std::string reason(const Controller &c, const Package &p)
{
	// the package's own silence says more than "no package answers"
	if (c.availability == Availability::Present && !p.answering)
		return no_response(p.last_response);
	if (c.availability == Availability::Present && !p.malformed.empty())
		return "malformed responses (" + p.malformed + ")";
	return reason(c);
}

std::string reason(const Controller &c, const Package &p, const Channel &ch)
{
	if (std::string r = reason(c, p); !r.empty())
		return r;
	if (!ch.initialised)
		return "needs initialisation" + (ch.problem.empty() ? "" : " (" + ch.problem + ")");
	if (!ch.enabled)
		return "disabled" + (ch.problem.empty() ? "" : " (" + ch.problem + ")");
	if (!ch.link_up)
		return "link down";
	return "";
}

std::string manufacturer_name(std::uint32_t iana)
{
	static const std::map<std::uint32_t, const char *> known = {
		{2, "IBM"}, {11, "Hewlett-Packard"}, {343, "Intel"}, {674, "Dell"},
		{4413, "Broadcom"}, {19046, "Lenovo"}, {33049, "Mellanox"},
	};
	if (auto it = known.find(iana); it != known.end())
		return it->second;
	return "IANA " + std::to_string(iana);
}

} // namespace mctpxx::ncsid
