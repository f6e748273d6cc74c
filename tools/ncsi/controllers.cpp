// SPDX-License-Identifier: GPL-2.0
#include "controllers.hpp"

#include <cerrno>
#include <cstdio>

#include "daemon/log.hpp"

namespace mctpxx::ncsid {
namespace {

using daemon::log_debug;
using daemon::log_info;
using daemon::log_notice;
using daemon::log_warning;
using daemon::LogFields;

// between two commands to one controller: room on a shared bus for others
constexpr std::chrono::milliseconds kGap{10};

LogFields fields(const Controller &c)
{
	return {.eid = c.endpoint.eid, .net = c.endpoint.net, .object = c.path()};
}

// "controller ncsi_1_20 (net 1 EID 20)"
std::string who(const Controller &c)
{
	char b[64];
	std::snprintf(b, sizeof(b), " (net %u EID %u)", c.endpoint.net, c.endpoint.eid);
	return "controller " + c.name + b;
}

std::string where(std::uint8_t p, std::uint8_t ch)
{
	return ncsi::ChannelId{p, ch}.to_string();
}

// The control daemon says the endpoint is unpowered with the host.
bool unpowered(const Endpoint &ep)
{
	return ep.state == "Unavailable";
}

} // namespace

Controllers::~Controllers()
{
	// workers first (they post to the mailbox), then the objects
	for (auto &[path, c] : controllers_)
		c->worker.reset();
	for (auto &[path, c] : controllers_)
		pub_.remove(*c);
}

Status Controllers::start()
{
	return timer_.start(ev_, cfg_.poll_interval, cfg_.poll_interval, [this] { poll_all(); },
			    "the poll timer");
}

Controller *Controllers::job_done(const std::string &path, std::uint64_t gen)
{
	auto it = controllers_.find(path);
	if (it == controllers_.end() || it->second->generation != gen)
		return nullptr; // dropped (or replaced) while the job ran
	Controller *c = it->second.get();
	c->busy = false;
	// went unpowered meanwhile: the outcome means nothing
	return c->availability == Availability::HostOff ? nullptr : c;
}

void Controllers::endpoint_changed(const Endpoint &ep)
{
	auto it = controllers_.find(ep.path);
	if (!ep.supports(kMessageTypeNcsi)) {
		if (it != controllers_.end())
			drop(it);
		return;
	}
	auto name = endpoints::select(ep, cfg_.all_controllers, cfg_.controllers, "ncsi");
	if (!name) {
		log_debug("not managed (configuration): NC-SI endpoint " + ep.path);
		return;
	}
	if (it == controllers_.end()) {
		auto c = std::make_unique<Controller>();
		c->name = *name;
		c->endpoint = ep;
		c->generation = ++generation_;
		c->worker = std::make_unique<Worker>(
			[peer = Peer{ep.net, ep.eid},
			 policy = RetryPolicy{.timeout = cfg_.request_timeout, .retries = cfg_.retries}](
				std::function<bool()> stopping) {
				return Session(peer, policy, kGap, std::move(stopping));
			});
		log_notice("managing " + who(*c) + " at " + ep.path, fields(*c));
		c->availability = unpowered(ep) ? Availability::HostOff : Availability::Present;
		it = controllers_.emplace(ep.path, std::move(c)).first;
		if (it->second->availability != Availability::HostOff)
			discover(*it->second);
		return;
	}
	if (it->second->endpoint.eid != ep.eid || it->second->endpoint.net != ep.net) {
		// the control daemon moved the endpoint: start over there
		drop(it);
		endpoint_changed(ep);
		return;
	}
	Controller &c = *it->second;
	const std::string reason_before = c.endpoint.reason;
	c.endpoint = ep;
	const Availability before = c.availability;
	if (unpowered(ep))
		c.availability = Availability::HostOff;
	else if (before == Availability::HostOff)
		c.availability = Availability::Present; // its answers will tell
	if (c.availability == before) {
		if (c.availability == Availability::HostOff && ep.reason != reason_before)
			pub_.update(c);
		return;
	}
	if (c.availability == Availability::HostOff) {
		log_info(who(c) + ": unavailable (" + ep.reason + ")", fields(c));
	} else {
		// powered again: its channels are back in their initial state
		log_info(who(c) + ": host on, discovering it again", fields(c));
		c.rediscover = true;
		if (!c.busy)
			discover(c);
	}
	pub_.update(c);
}

void Controllers::endpoint_gone(const std::string &path)
{
	if (auto it = controllers_.find(path); it != controllers_.end())
		drop(it);
}

void Controllers::drop(std::map<std::string, std::unique_ptr<Controller>>::iterator it)
{
	Controller &c = *it->second;
	log_notice(who(c) + " gone with its endpoint " + c.endpoint.path, fields(c));
	c.worker.reset();
	pub_.remove(c);
	controllers_.erase(it);
}

void Controllers::poll_all()
{
	for (auto &[path, c] : controllers_) {
		if (c->availability == Availability::HostOff || c->busy)
			continue;
		if (!c->discovered || c->availability == Availability::Silent)
			discover(*c);
		else
			poll(*c);
	}
}

void Controllers::discover(Controller &c)
{
	c.busy = true;
	c.rediscover = false;
	c.reinit.clear();
	std::vector<std::uint8_t> known;
	for (const auto &[id, p] : c.packages)
		known.push_back(id);
	const std::string path = c.endpoint.path;
	const std::uint64_t gen = c.generation;
	const unsigned packages = cfg_.packages;
	const bool aens = cfg_.aens;
	Mailbox &mb = mb_;
	c.worker->submit([this, &mb, path, gen, packages, known, aens](Session &s) {
		Discovery d = ncsid::discover(s, packages, known, aens);
		if (d.cancelled)
			return;
		mb.post([this, path, gen, d = std::move(d)]() mutable { discovered(path, gen, std::move(d)); });
	});
}

void Controllers::poll(Controller &c)
{
	c.busy = true;
	std::map<std::uint8_t, std::vector<std::uint8_t>> chans;
	for (const auto &[pid, p] : c.packages)
		for (const auto &[cid, ch] : p.channels)
			chans[pid].push_back(cid);
	const std::string path = c.endpoint.path;
	const std::uint64_t gen = c.generation;
	const bool aens = cfg_.aens;
	Mailbox &mb = mb_;
	c.worker->submit([this, &mb, path, gen, chans, aens](Session &s) {
		Poll p = ncsid::poll(s, chans, aens);
		mb.post([this, path, gen, p = std::move(p)]() mutable { polled(path, gen, std::move(p)); });
	});
}

void Controllers::set_up_again(Controller &c)
{
	if (c.reinit.empty())
		return;
	c.busy = true;
	// one package per job: the channels of the first package asking
	const std::uint8_t pid = c.reinit.begin()->first;
	std::vector<std::uint8_t> chans;
	for (auto it = c.reinit.begin(); it != c.reinit.end() && it->first == pid;)
		chans.push_back(it->second), it = c.reinit.erase(it);
	const std::string path = c.endpoint.path;
	const std::uint64_t gen = c.generation;
	const bool aens = cfg_.aens;
	Mailbox &mb = mb_;
	c.worker->submit([this, &mb, path, gen, pid, chans, aens](Session &s) {
		std::vector<ChannelFound> found;
		for (auto cid : chans) {
			found.push_back(set_up(s, {pid, cid}, aens, kWantedAens));
			if (found.back().lost)
				break;
		}
		mb.post([this, path, gen, pid, found = std::move(found)]() mutable {
			set_up_done(path, gen, pid, std::move(found));
		});
	});
}

void Controllers::log_problems(Controller &c, const std::vector<std::string> &problems)
{
	for (const auto &p : problems)
		if (c.logged.insert(p).second)
			log_warning(who(c) + ": " + p, fields(c));
}

void Controllers::apply_link(Controller &c, Channel &ch, const ncsi::LinkStatus &l, const char *how)
{
	const bool up = l.link_up();
	const auto sp = l.speed();
	const unsigned mbps = up && sp ? sp->mbps : 0;
	const bool fd = up && sp && sp->full_duplex;
	const std::string driver = l.host_nc_driver_ready() ? "up" : "down";
	if (ch.published && (up != ch.link_up || mbps != ch.speed_mbps))
		log_notice(who(c) + " " + where(ch.package, ch.id) + ": link " +
				   (up ? "up, " + ncsi::speed_text(l.speed_duplex()) : std::string("down")) +
				   " (" + how + ")",
			   fields(c));
	ch.link_up = up;
	ch.speed_mbps = mbps;
	ch.full_duplex = fd;
	ch.host_driver = driver;
}

void Controllers::apply(Controller &c, Package &p, const ChannelFound &f)
{
	Channel &ch = p.channels[f.id];
	ch.package = p.id;
	ch.id = f.id;
	ch.initialised = f.initialised && !f.lost;
	ch.enabled = f.enabled;
	ch.aens = f.aens;
	ch.problem = f.problems.empty() ? "" : f.problems.front();
	if (f.version) {
		ch.firmware = f.version->firmware_version_text();
		ch.firmware_name = f.version->firmware_name;
		if (c.firmware.empty() || (p.id == c.packages.begin()->first && f.id == 0)) {
			c.firmware = ch.firmware;
			c.ncsi_version = f.version->ncsi.to_string();
			c.manufacturer = manufacturer_name(f.version->manufacturer_id);
			char ids[48];
			std::snprintf(ids, sizeof(ids), " (PCI %04x:%04x)", f.version->pci_vid,
				      f.version->pci_did);
			c.model = f.version->firmware_name + ids;
		}
	}
	if (f.mac)
		ch.mac = *f.mac;
	if (f.link)
		apply_link(c, ch, *f.link, "set up");
	log_problems(c, f.problems);
}

void Controllers::package_silent(Controller &c, Package &p, const Error &e)
{
	if (p.answering)
		log_warning(who(c) + " package " + std::to_string(p.id) + " does not answer: " + e.message,
			    fields(c));
	p.answering = false;
	p.last_error = e.message;
}

void Controllers::missed(Controller &c, const Error &e)
{
	if (c.availability == Availability::Present)
		log_warning(who(c) + " does not answer: " + e.message, fields(c));
	c.availability = Availability::Silent;
	c.last_error = e.message;
	c.missed_polls++;
	const bool was = c.present;
	c.present = c.missed_polls < cfg_.absent_after;
	if (was && !c.present)
		log_notice(who(c) + " absent after " + std::to_string(c.missed_polls) + " missed polls",
			   fields(c));
	pub_.update(c);
}

void Controllers::idle(Controller &c)
{
	if (c.rediscover && c.availability == Availability::Present)
		return discover(c);
	if (!c.reinit.empty())
		set_up_again(c);
}

void Controllers::discovered(const std::string &path, std::uint64_t gen, Discovery d)
{
	Controller *cp = job_done(path, gen);
	if (!cp)
		return;
	Controller &c = *cp;
	const auto now = WallClock::now();
	bool any = false;
	for (const PackageFound &f : d.packages) {
		Package &p = c.packages[f.id];
		p.id = f.id;
		if (!f.answered && silent(f.answered.error())) {
			package_silent(c, p, f.answered.error());
			continue;
		}
		any = true;
		if (!p.answering)
			log_notice(who(c) + " package " + std::to_string(p.id) + " answers again", fields(c));
		// an answer that does not decode is an answer, not a usable one
		const bool garbled = !f.answered && f.answered.error().code == EPROTO;
		p.answering = f.answered.has_value() || garbled;
		p.last_error = f.answered ? "" : f.answered.error().message;
		p.malformed = garbled ? f.answered.error().message : "";
		p.last_response = now;
		p.selected = true;
		if (f.uuid)
			p.uuid = *f.uuid;
		log_problems(c, f.problems);
		for (const ChannelFound &ch : f.channels)
			apply(c, p, ch);
	}
	if (!any) {
		missed(c, Error{ETIMEDOUT, c.packages.empty() ? "no package answers"
							       : "none of its packages answers"});
		return idle(c);
	}
	if (c.availability == Availability::Silent)
		log_notice(who(c) + " answers again", fields(c));
	c.availability = Availability::Present;
	c.missed_polls = 0;
	c.present = true;
	c.last_response = now;
	if (!c.discovered) {
		unsigned channels = 0;
		for (const auto &[id, p] : c.packages)
			channels += static_cast<unsigned>(p.channels.size());
		log_notice(who(c) + " discovered: " + std::to_string(c.packages.size()) + " packages, " +
				   std::to_string(channels) + " channels, NC-SI " + c.ncsi_version +
				   ", firmware " + c.firmware,
			   fields(c));
	}
	c.discovered = true;
	pub_.update(c);
	idle(c);
}

void Controllers::polled(const std::string &path, std::uint64_t gen, Poll poll_result)
{
	Controller *cp = job_done(path, gen);
	if (!cp)
		return;
	Controller &c = *cp;
	const auto now = WallClock::now();
	bool any = false, rediscover = false;
	for (auto &[pid, pp] : poll_result.packages) {
		auto it = c.packages.find(pid);
		if (it == c.packages.end())
			continue;
		Package &p = it->second;
		if (!pp.answered) {
			package_silent(c, p, pp.answered.error());
			continue;
		}
		any = true;
		if (!p.answering) {
			// back: set it up again (it may have been reset meanwhile)
			log_notice(who(c) + " package " + std::to_string(pid) + " answers again", fields(c));
			rediscover = true;
		}
		p.answering = true;
		p.last_response = now;
		if (pp.malformed != p.malformed) {
			if (!pp.malformed.empty())
				log_warning(who(c) + " package " + std::to_string(pid) +
						    " answers with malformed packets: " + pp.malformed,
					    fields(c));
			else
				log_notice(who(c) + " package " + std::to_string(pid) +
						   " answers well-formed packets again",
					   fields(c));
			p.malformed = pp.malformed;
		}
		for (auto &[cid, l] : pp.links) {
			Channel &ch = p.channels[cid];
			if (l) {
				apply_link(c, ch, *l, "poll");
			} else {
				ch.problem = l.error().message;
				log_problems(c, {l.error().message});
			}
		}
		for (const ChannelFound &f : pp.set_up) {
			log_notice(who(c) + " " + where(pid, f.id) +
					   " was in its initial state: set up again",
				   fields(c));
			apply(c, p, f);
		}
	}
	if (!any && !poll_result.packages.empty()) {
		missed(c, Error{ETIMEDOUT, "none of its packages answers"});
		return idle(c);
	}
	c.missed_polls = 0;
	c.last_response = now;
	pub_.update(c);
	if (rediscover)
		return discover(c);
	idle(c);
}

void Controllers::set_up_done(const std::string &path, std::uint64_t gen, std::uint8_t pid,
			      std::vector<ChannelFound> found)
{
	Controller *cp = job_done(path, gen);
	if (!cp)
		return;
	Controller &c = *cp;
	auto it = c.packages.find(pid);
	if (it != c.packages.end()) {
		for (const ChannelFound &f : found) {
			apply(c, it->second, f);
			if (f.lost)
				package_silent(c, it->second, Error{ETIMEDOUT, f.problems.back()});
			else
				log_info(who(c) + " " + where(pid, f.id) + " set up again", fields(c));
		}
		if (!found.empty() && !found.back().lost)
			it->second.last_response = WallClock::now();
	}
	pub_.update(c);
	idle(c);
}

void Controllers::aen(unsigned net, std::uint8_t eid, const ncsi::Aen &a)
{
	auto it = std::find_if(controllers_.begin(), controllers_.end(), [&](const auto &kv) {
		return kv.second->endpoint.net == net && kv.second->endpoint.eid == eid;
	});
	if (it == controllers_.end()) {
		log_debug("NC-SI AEN from net " + std::to_string(net) + " EID " + std::to_string(eid) +
				  ", not a managed controller",
			  {.eid = eid, .net = net});
		return;
	}
	Controller &c = *it->second;
	if (!c.discovered || c.availability == Availability::HostOff)
		return;
	auto p = c.packages.find(a.channel.package);
	if (p == c.packages.end() || !p->second.channels.count(a.channel.channel)) {
		log_debug(who(c) + ": " + ncsi::aen_name(a.type()) + " AEN for unknown " +
				  a.channel.to_string(),
			  fields(c));
		return;
	}
	Package &pkg = p->second;
	Channel &ch = pkg.channels[a.channel.channel];
	pkg.last_response = c.last_response = WallClock::now();
	if (auto *l = std::get_if<ncsi::LinkStatusChangeAen>(&a.payload)) {
		ncsi::LinkStatus ls;
		ls.status = l->link_status;
		ls.oem = l->oem;
		// the AEN does not carry the other indications: keep the driver's
		ls.other_indications = ch.host_driver == "up" ? ncsi::link::HostNcDriverReady : 0;
		apply_link(c, ch, ls, "AEN");
	} else if (std::get_if<ncsi::ConfigurationRequiredAen>(&a.payload)) {
		log_notice(who(c) + " " + a.channel.to_string() + " asks to be configured again", fields(c));
		ch.initialised = false;
		ch.enabled = false;
		c.reinit.emplace(a.channel.package, a.channel.channel);
		if (!c.busy)
			set_up_again(c);
	} else if (auto *h = std::get_if<ncsi::HostNcDriverStatusAen>(&a.payload)) {
		ch.host_driver = h->driver_ready() ? "up" : "down";
		log_info(who(c) + " " + a.channel.to_string() + ": host driver " + ch.host_driver, fields(c));
	} else {
		log_debug(who(c) + ": " + ncsi::aen_name(a.type()) + " AEN ignored", fields(c));
		return;
	}
	pub_.update(c);
}

} // namespace mctpxx::ncsid
