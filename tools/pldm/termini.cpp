// SPDX-License-Identifier: GPL-2.0
#include "termini.hpp"

#include <algorithm>
#include <bitset>
#include <cerrno>
#include <cstdio>

#include "daemon/log.hpp"

namespace mctpxx::pldmd {
namespace {

using daemon::log_debug;
using daemon::log_info;
using daemon::log_notice;
using daemon::log_warning;
using daemon::LogFields;
namespace platform = pldm::platform;

// between two requests to one terminus: room on a shared bus for others
constexpr std::chrono::milliseconds kGap{20};
constexpr unsigned kMaxBackoffS = 30;

LogFields fields(const Terminus &t)
{
	return {.eid = t.endpoint.eid, .net = t.endpoint.net, .object = t.inventory_path()};
}

// "terminus pldm_1_20 (net 1 EID 20 TID 3)"
std::string who(const Terminus &t)
{
	char b[96];
	std::snprintf(b, sizeof(b), " (net %u EID %u TID %u)", t.endpoint.net, t.endpoint.eid, t.tid);
	return "terminus " + t.name + b;
}

std::string lower(std::string s)
{
	for (auto &c : s)
		c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
	return s;
}

// The control daemon says the endpoint is unpowered with the host: state
// Unavailable, reason "host off", then "waiting for the endpoint after host
// power-on" until it has its EID again (misses of its own polls make an
// endpoint Degraded, never Unavailable). Not asked anything meanwhile.
bool unpowered(const Endpoint &ep)
{
	return ep.state == "Unavailable";
}

// A failure that says the terminus did not answer (rather than answered badly).
bool silent(const Error &e)
{
	return e.code != EPROTO && e.code != EAGAIN && e.code != EOPNOTSUPP;
}

} // namespace

struct Termini::Discovery {
	Status ok;
	std::vector<std::string> info;
	std::optional<Result<std::vector<pldm::fru::Record>>> fru;
	std::optional<Result<std::vector<pldm::Bytes>>> pdrs;
	std::vector<std::string> problems;
	std::optional<Status> events;
};

struct Termini::Poll {
	Status answered;
	std::optional<std::uint8_t> tid; // what GetTID said first
	std::map<std::uint16_t, Result<platform::SensorReading>> numeric;
	std::map<std::uint16_t, Result<platform::StateSensorReadings>> state;
};

struct Termini::Reread {
	Result<std::vector<pldm::Bytes>> pdrs;
	std::vector<std::string> problems;
};

Termini::~Termini()
{
	// workers first (they post to the mailbox), then the objects
	for (auto &[path, t] : termini_)
		t->worker.reset();
	for (auto &[path, t] : termini_)
		pub_.remove(*t);
}

Status Termini::start()
{
	return timer_.start(ev_, cfg_.poll_interval, cfg_.poll_interval, [this] { poll_all(); },
			    "the poll timer");
}

std::optional<std::string> Termini::selected(const Endpoint &ep) const
{
	return endpoints::select(ep, cfg_.all_termini, cfg_.termini, "pldm");
}

Terminus *Termini::find(const std::string &path, std::uint64_t gen)
{
	auto it = termini_.find(path);
	if (it == termini_.end() || it->second->generation != gen)
		return nullptr; // dropped (or replaced) while the job ran
	return it->second.get();
}

Terminus *Termini::job_done(const std::string &path, std::uint64_t gen)
{
	Terminus *t = find(path, gen);
	if (!t)
		return nullptr;
	t->busy = false;
	// went unpowered meanwhile: the outcome means nothing
	return t->availability == Availability::HostOff ? nullptr : t;
}

void Termini::endpoint_changed(const Endpoint &ep)
{
	auto it = termini_.find(ep.path);
	if (!ep.supports(kMessageTypePldm)) {
		if (it != termini_.end())
			drop(it);
		return;
	}
	auto name = selected(ep);
	if (!name) {
		log_debug("not managed (configuration): PLDM endpoint " + ep.path);
		return;
	}
	if (it == termini_.end()) {
		char stable[32];
		std::snprintf(stable, sizeof(stable), "%u/%u", ep.net, ep.eid);
		auto tid = tids_.assign(ep.path, ep.uuid.empty() ? stable : lower(ep.uuid));
		if (!tid) {
			log_warning("no TID left for the PLDM endpoint " + ep.path +
					    " (254 termini managed); not managed",
				    {.eid = ep.eid, .net = ep.net});
			return;
		}
		auto t = std::make_unique<Terminus>();
		t->name = *name;
		t->endpoint = ep;
		t->tid = *tid;
		t->generation = ++generation_;
		t->worker = std::make_unique<Worker>(
			[peer = pldm::Peer{ep.net, ep.eid},
			 policy = pldm::RetryPolicy{.timeout = cfg_.request_timeout, .retries = 2}](
				std::function<bool()> stopping) {
				return Session(peer, policy, kGap, std::move(stopping));
			});
		Terminus *raw = t.get();
		t->on_retry = [this, raw] {
			raw->retry.reset();
			if (!raw->busy && raw->availability != Availability::HostOff)
				discover(*raw);
		};
		log_notice("managing " + who(*t) + " at " + ep.path, fields(*t));
		it = termini_.emplace(ep.path, std::move(t)).first;
		it->second->availability =
			unpowered(ep) ? Availability::HostOff : Availability::Present;
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
	Terminus &t = *it->second;
	const std::string reason_before = t.endpoint.reason;
	t.endpoint = ep;
	const Availability before = t.availability;
	if (unpowered(ep))
		t.availability = Availability::HostOff;
	else if (before == Availability::HostOff)
		t.availability = Availability::Present; // its answers will tell
	if (t.availability == before) {
		if (t.availability == Availability::HostOff && ep.reason != reason_before)
			pub_.update(t); // "host off", then "waiting for the endpoint ..."
		return;
	}
	if (t.availability == Availability::HostOff) {
		log_info(who(t) + ": unavailable (" + ep.reason + ")", fields(t));
		t.retry.reset();
		t.backoff_s = 0;
	} else {
		// powered again: its TID, event receiver and maybe PDRs are new
		log_info(who(t) + ": host on, discovering it again", fields(t));
		t.rediscover = true;
		if (!t.busy)
			discover(t);
	}
	pub_.update(t);
}

void Termini::endpoint_gone(const std::string &path)
{
	if (auto it = termini_.find(path); it != termini_.end())
		drop(it);
}

void Termini::drop(std::map<std::string, std::unique_ptr<Terminus>>::iterator it)
{
	Terminus &t = *it->second;
	log_notice(who(t) + " gone with its endpoint " + t.endpoint.path, fields(t));
	t.worker.reset();
	pub_.remove(t);
	tids_.release(it->first);
	termini_.erase(it);
}

void Termini::poll_all()
{
	for (auto &[path, t] : termini_) {
		if (t->availability == Availability::HostOff || t->busy || t->retry)
			continue;
		if (t->availability == Availability::Silent && t->skip_polls > 0) {
			t->skip_polls--; // each unanswered request holds the bus for others
			continue;
		}
		if (!t->discovered || t->availability == Availability::Silent)
			discover(*t);
		else
			poll(*t);
	}
}

void Termini::discover(Terminus &t)
{
	t.busy = true;
	t.rediscover = false;
	const std::string path = t.endpoint.path;
	const std::uint64_t gen = t.generation;
	const std::uint8_t tid = t.tid;
	const unsigned net = t.endpoint.net;
	Mailbox &mb = mb_;
	t.worker->submit([this, &mb, path, gen, tid, net](Session &s) {
		Discovery d;
		auto post = [&] {
			mb.post([this, path, gen, d = std::move(d)]() mutable {
				discovered(path, gen, std::move(d));
			});
		};
		auto got = s.assign_tid(tid);
		if (!got) {
			d.ok = fail(got.error());
			return post();
		}
		auto types = s.types();
		if (!types) {
			d.ok = fail(types.error());
			return post();
		}
		std::string list;
		for (unsigned i = 0; i < 64; i++)
			if ((*types)[i])
				list += (list.empty() ? "" : " ") + std::to_string(i);
		d.info.push_back("PLDM types " + list);
		for (std::uint8_t type : {0, 2, 4}) {
			if (!(*types)[type])
				continue;
			auto v = s.versions(type);
			if (!v && v.error().code == EAGAIN) {
				d.ok = fail(v.error());
				return post();
			}
			d.info.push_back("type " + std::to_string(type) + " versions " +
					 (v ? *v : "unknown (" + v.error().message + ")"));
		}
		if ((*types)[4]) {
			d.fru = s.fru();
			if (!*d.fru && d.fru->error().code == EAGAIN) {
				d.ok = fail(d.fru->error());
				return post();
			}
		}
		if ((*types)[2]) {
			d.pdrs = s.pdrs(d.problems);
			if (!*d.pdrs && d.pdrs->error().code == EAGAIN) {
				d.ok = fail(d.pdrs->error());
				return post();
			}
			auto eid = local_eid(net);
			if (!eid)
				d.events = fail(eid.error());
			else
				d.events = s.set_event_receiver(*eid);
		}
		post();
	});
}

void Termini::poll(Terminus &t)
{
	t.busy = true;
	std::vector<std::uint16_t> numeric, state;
	for (auto &[id, s] : t.repo.numeric)
		numeric.push_back(id);
	for (auto &[id, s] : t.repo.state)
		state.push_back(id);
	const std::string path = t.endpoint.path;
	const std::uint64_t gen = t.generation;
	Mailbox &mb = mb_;
	t.worker->submit([this, &mb, path, gen, numeric, state](Session &s) {
		Poll p;
		// GetTID first: it says the terminus is there (even one without
		// sensors) and whether it restarted meanwhile (its TID back at 0:
		// its event receiver is gone too)
		if (auto r = s.tid(); r)
			p.tid = *r;
		else if (silent(r.error()))
			p.answered = fail(r.error());
		for (auto id : numeric) {
			if (!p.answered)
				break;
			auto r = s.read_numeric(id);
			if (!r && silent(r.error())) {
				p.answered = fail(r.error());
				break;
			}
			p.numeric.emplace(id, std::move(r));
		}
		for (auto id : state) {
			if (!p.answered)
				break;
			auto r = s.read_state(id);
			if (!r && silent(r.error())) {
				p.answered = fail(r.error());
				break;
			}
			p.state.emplace(id, std::move(r));
		}
		mb.post([this, path, gen, p = std::move(p)]() mutable { polled(path, gen, std::move(p)); });
	});
}

void Termini::reread(Terminus &t)
{
	t.busy = true;
	t.repo_dirty = false;
	const std::string path = t.endpoint.path;
	const std::uint64_t gen = t.generation;
	Mailbox &mb = mb_;
	t.worker->submit([this, &mb, path, gen](Session &s) {
		Reread r{.pdrs = {}, .problems = {}};
		r.pdrs = s.pdrs(r.problems);
		mb.post([this, path, gen, r = std::move(r)]() mutable {
			reread_done(path, gen, std::move(r));
		});
	});
}

void Termini::log_problems(Terminus &t, const std::vector<std::string> &problems)
{
	for (const auto &p : problems)
		if (t.logged.insert(p).second)
			log_warning(who(t) + ": " + p, fields(t));
}

void Termini::missed(Terminus &t, const Error &e)
{
	if (t.availability == Availability::Present)
		log_warning(who(t) + " does not answer: " + e.message, fields(t));
	t.availability = Availability::Silent;
	t.last_error = e.message;
	t.missed_polls++;
	// ask a silent terminus less and less often: every interval, then every
	// 2nd, 4th, at most every 8th
	t.skip_polls = (1u << std::min(t.missed_polls - 1, 3u)) - 1;
	const bool was = t.present;
	t.present = t.missed_polls < cfg_.absent_after;
	if (was && !t.present)
		log_notice(who(t) + " absent after " + std::to_string(t.missed_polls) +
				   " missed polls",
			   fields(t));
	pub_.update(t);
}

void Termini::not_ready(Terminus &t, const Error &e)
{
	t.backoff_s = t.backoff_s ? std::min(t.backoff_s * 2, kMaxBackoffS) : 1;
	log_notice(who(t) + " not ready (" + e.message + "); asking again in " +
			   std::to_string(t.backoff_s) + " s",
		   fields(t));
	sd_event_source *s = nullptr;
	auto cb = [](sd_event_source *, uint64_t, void *ud) -> int {
		(*static_cast<std::function<void()> *>(ud))();
		return 0;
	};
	if (sd_event_add_time_relative(ev_, &s, CLOCK_MONOTONIC, t.backoff_s * 1000000ULL, 0, cb,
				       &t.on_retry) >= 0)
		t.retry.reset(s);
}

void Termini::idle(Terminus &t)
{
	if (t.rediscover && t.availability == Availability::Present)
		return discover(t);
	if (t.repo_dirty && t.discovered && t.availability == Availability::Present)
		reread(t);
}

void Termini::discovered(const std::string &path, std::uint64_t gen, Discovery d)
{
	Terminus *tp = job_done(path, gen);
	if (!tp)
		return;
	Terminus &t = *tp;
	if (!d.ok) {
		if (d.ok.error().code == EAGAIN)
			return not_ready(t, d.ok.error());
		if (silent(d.ok.error()))
			return missed(t, d.ok.error());
		log_problems(t, {"discovery failed: " + d.ok.error().message});
		return missed(t, d.ok.error());
	}
	t.backoff_s = 0;
	if (t.availability == Availability::Silent)
		log_notice(who(t) + " answers again", fields(t));
	t.availability = Availability::Present;
	t.answered(wall_clock_us());
	t.present = true;
	for (const auto &i : d.info)
		log_info(who(t) + ": " + i, fields(t));
	if (d.fru) {
		if (*d.fru)
			t.asset = asset_from(**d.fru);
		else
			log_problems(t, {"FRU record table: " + d.fru->error().message +
						 "; no asset information"});
	}
	Repository repo;
	if (d.pdrs) {
		if (*d.pdrs)
			repo = build_repository(**d.pdrs);
		else
			log_problems(t, {"PDR repository: " + d.pdrs->error().message +
						 "; no sensors"});
	}
	log_problems(t, d.problems);
	log_problems(t, repo.problems);
	if (d.events) {
		const bool was = t.events;
		t.events = bool(*d.events);
		if (!t.events && t.logged.insert("events: " + d.events->error().message).second)
			log_notice(who(t) + ": no events (" + d.events->error().message +
					   "); its sensors are polled only",
				   fields(t));
		else if (t.events && !was)
			log_info(who(t) + ": events enabled", fields(t));
	}
	const bool first = !t.discovered;
	carry_values(t.repo, repo);
	const RepositoryDiff df = diff(t.repo, repo);
	t.repo = std::move(repo);
	t.discovered = true;
	if (first) {
		log_notice(who(t) + " discovered: " + std::to_string(t.repo.numeric.size()) +
				   " numeric and " + std::to_string(t.repo.state.size()) +
				   " state sensors" +
				   (t.asset.model.empty() ? "" : ", model " + t.asset.model),
			   fields(t));
		pub_.update(t);
	} else {
		pub_.sync(t, df);
		pub_.update(t);
	}
	poll(t); // values now, not a poll interval later
}

void Termini::polled(const std::string &path, std::uint64_t gen, Poll p)
{
	Terminus *tp = job_done(path, gen);
	if (!tp)
		return;
	Terminus &t = *tp;
	if (!p.answered) {
		missed(t, p.answered.error());
		return;
	}
	t.answered(wall_clock_us());
	if (t.availability == Availability::Silent) {
		// it answers again: it may have restarted (TID, event receiver)
		log_notice(who(t) + " answers again", fields(t));
		t.availability = Availability::Present;
		t.present = true;
		pub_.update(t);
		discover(t);
		return;
	}
	if (p.tid && *p.tid != t.tid) {
		log_notice(who(t) + " has TID " + std::to_string(*p.tid) +
				   ": it restarted; discovering it again",
			   fields(t));
		discover(t);
		return;
	}
	std::vector<std::string> problems;
	for (auto &[id, r] : p.numeric) {
		auto it = t.repo.numeric.find(id);
		if (it == t.repo.numeric.end())
			continue; // gone with a repository change meanwhile
		Status s = r ? apply_reading(it->second, *r) : fail(r.error());
		if (!s) {
			if (s.error().code == EAGAIN)
				log_debug(who(t) + ": sensor " + std::to_string(id) + " not ready", fields(t));
			else
				problems.push_back("numeric sensor " + std::to_string(id) + ": " +
						   s.error().message);
			it->second.value = kNaN;
		}
		pub_.sensor_changed(t, id);
	}
	for (auto &[id, r] : p.state) {
		auto it = t.repo.state.find(id);
		if (it == t.repo.state.end())
			continue;
		Status s = r ? apply_state_readings(it->second, *r) : fail(r.error());
		if (!s && s.error().code != EAGAIN)
			problems.push_back("state sensor " + std::to_string(id) + ": " + s.error().message);
		pub_.sensor_changed(t, id);
	}
	log_problems(t, problems);
	idle(t);
}

void Termini::reread_done(const std::string &path, std::uint64_t gen, Reread r)
{
	Terminus *tp = job_done(path, gen);
	if (!tp)
		return;
	Terminus &t = *tp;
	if (!r.pdrs) {
		if (r.pdrs.error().code == EAGAIN)
			t.repo_dirty = true; // the next poll tick asks again
		else if (silent(r.pdrs.error()))
			missed(t, r.pdrs.error());
		else
			log_problems(t, {"PDR repository: " + r.pdrs.error().message});
		return;
	}
	Repository repo = build_repository(*r.pdrs);
	log_problems(t, r.problems);
	log_problems(t, repo.problems);
	carry_values(t.repo, repo);
	const RepositoryDiff d = diff(t.repo, repo);
	auto list = [](const std::vector<std::uint16_t> &v) {
		std::string s;
		for (auto id : v)
			s += (s.empty() ? "" : " ") + std::to_string(id);
		return s.empty() ? std::string("none") : s;
	};
	log_notice(who(t) + ": PDR repository changed: sensors added " + list(d.added) +
			   ", removed " + list(d.removed) + ", changed " + list(d.changed),
		   fields(t));
	t.repo = std::move(repo);
	pub_.sync(t, d);
	poll(t);
}

void Termini::event(unsigned net, std::uint8_t eid, const platform::PlatformEventRequest &ev)
{
	auto it = std::find_if(termini_.begin(), termini_.end(), [&](const auto &kv) {
		return kv.second->endpoint.net == net && kv.second->endpoint.eid == eid;
	});
	if (it == termini_.end()) {
		log_debug("PLDM event from net " + std::to_string(net) + " EID " + std::to_string(eid) +
				  ", not a managed terminus",
			  {.eid = eid, .net = net});
		return;
	}
	Terminus &t = *it->second;
	if (!t.discovered || t.availability == Availability::HostOff)
		return;
	if (ev.tid != t.tid)
		log_debug(who(t) + ": event names TID " + std::to_string(ev.tid), fields(t));
	Repository &repo = t.repo;
	auto e = apply_event(repo, ev);
	if (!e) {
		log_warning(who(t) + ": event: " + e.error().message, fields(t));
		return;
	}
	switch (e->kind) {
	case EventEffect::Kind::Numeric:
	case EventEffect::Kind::State:
		log_debug(who(t) + ": event for sensor " + std::to_string(e->sensor_id), fields(t));
		pub_.sensor_changed(t, e->sensor_id);
		break;
	case EventEffect::Kind::RepositoryChanged:
		log_info(who(t) + ": PDR repository change event", fields(t));
		t.repo_dirty = true;
		if (!t.busy)
			idle(t);
		break;
	case EventEffect::Kind::Ignored:
		log_debug(who(t) + ": event ignored: " + e->note, fields(t));
		break;
	}
}

} // namespace mctpxx::pldmd
