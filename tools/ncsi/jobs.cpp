// SPDX-License-Identifier: GPL-2.0
#include "jobs.hpp"

#include <algorithm>
#include <cerrno>

namespace mctpxx::ncsid {
namespace {

// Stops a sequence when the package stopped answering (or the daemon stops).
bool fatal(const Error &e)
{
	return silent(e) || e.code == ECANCELED;
}

// The MAC of a channel: the one the controller gives the MC (Get MC MAC
// Address, NC-SI 1.2), else the first enabled MAC filter (Get Parameters).
std::optional<std::string> channel_mac(Session &s, ChannelId ch, std::vector<std::string> &problems,
				       Status &stop)
{
	auto mc = s.mc_mac_addresses(ch);
	if (mc && !mc->macs.empty())
		return ncsi::mac_to_string(mc->macs.front());
	if (!mc && fatal(mc.error())) {
		stop = fail(mc.error());
		return std::nullopt;
	}
	auto p = s.parameters(ch);
	if (!p) {
		if (fatal(p.error()))
			stop = fail(p.error());
		else
			problems.push_back(p.error().message);
		return std::nullopt;
	}
	for (const auto &m : p->macs)
		if (m.enabled)
			return ncsi::mac_to_string(m.mac);
	return std::nullopt;
}

} // namespace

ChannelFound set_up(Session &s, ChannelId ch, bool aens, std::uint32_t aen_support)
{
	ChannelFound f;
	f.id = ch.channel;
	// a failed command is a problem; no answer at all ends the set-up
	auto failed = [&f](const Error &e) {
		f.problems.push_back(e.message);
		f.lost = fatal(e);
		return f.lost;
	};
	if (auto r = s.clear_initial_state(ch); !r) {
		failed(r.error());
		return f;
	}
	f.initialised = true;
	if (auto v = s.version(ch); v)
		f.version = *v;
	else if (failed(v.error()))
		return f;
	Status stop;
	f.mac = channel_mac(s, ch, f.problems, stop);
	if (!stop && failed(stop.error()))
		return f;
	// without AENs, AEN Enable with no type: a controller keeps what an
	// earlier MC (or an earlier run) enabled over Clear Initial State
	const std::uint32_t mask = aens ? kWantedAens & aen_support : 0;
	if (auto r = s.aen_enable(ch, mask); r)
		f.aens = mask;
	else if (failed(r.error()))
		return f;
	if (auto r = s.enable_channel(ch); r)
		f.enabled = true;
	else if (failed(r.error()))
		return f;
	if (auto l = s.link_status(ch); l)
		f.link = *l;
	else
		failed(l.error());
	return f;
}

Discovery discover(Session &s, unsigned packages, const std::vector<std::uint8_t> &known, bool aens)
{
	Discovery d;
	for (unsigned pid = 0; pid < packages || pid <= ncsi::kMaxPackage; pid++) {
		const auto id = static_cast<std::uint8_t>(pid);
		const bool was_known = std::find(known.begin(), known.end(), id) != known.end();
		if (pid >= packages && !was_known)
			continue;
		PackageFound p;
		p.id = id;
		p.answered = s.probe_package(id);
		if (!p.answered) {
			if (p.answered.error().code == ECANCELED)
				return d.cancelled = true, d;
			if (was_known || !silent(p.answered.error()))
				d.packages.push_back(std::move(p));
			continue;
		}
		if (auto u = s.package_uuid(id); u)
			p.uuid = u->to_string();
		else if (u.error().code != EOPNOTSUPP)
			p.problems.push_back(u.error().message);
		// channel 0 tells how many channels there are
		const ChannelId ch0{id, 0};
		std::uint32_t aen_support = kWantedAens;
		unsigned count = 1;
		if (auto r = s.clear_initial_state(ch0); !r) {
			if (fatal(r.error())) {
				p.answered = fail(r.error());
				d.packages.push_back(std::move(p));
				continue;
			}
			p.problems.push_back(r.error().message);
		} else if (auto c = s.capabilities(ch0); c) {
			aen_support = c->aen_control;
			count = std::clamp<unsigned>(c->channel_count, 1, ncsi::kMaxChannel + 1);
		} else {
			p.problems.push_back(c.error().message);
		}
		for (unsigned c = 0; c < count; c++) {
			ChannelFound f = set_up(s, {id, static_cast<std::uint8_t>(c)}, aens, aen_support);
			const bool lost = f.lost;
			p.channels.push_back(std::move(f));
			if (lost) {
				p.answered = fail(Error{ETIMEDOUT, p.channels.back().problems.back()});
				break;
			}
		}
		d.packages.push_back(std::move(p));
	}
	return d;
}

Poll poll(Session &s, const std::map<std::uint8_t, std::vector<std::uint8_t>> &channels, bool aens)
{
	Poll out;
	for (const auto &[pid, chans] : channels) {
		PackagePoll &pp = out.packages[pid];
		for (auto cid : chans) {
			auto l = s.link_status({pid, cid});
			if (!l && fatal(l.error())) {
				pp.answered = fail(l.error());
				break;
			}
			if (!l && l.error().code == EPROTO) {
				pp.malformed = l.error().message;
				continue;
			}
			if (!l && l.error().code == ECONNRESET) {
				pp.set_up.push_back(set_up(s, {pid, cid}, aens, kWantedAens));
				continue;
			}
			pp.links.emplace(cid, std::move(l));
		}
	}
	return out;
}

} // namespace mctpxx::ncsid
