// SPDX-License-Identifier: GPL-2.0
#include "drives.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>

#include "daemon/log.hpp"

namespace mctpxx::nvmed {
namespace {

using daemon::log_debug;
using daemon::log_info;
using daemon::log_notice;
using daemon::log_warning;
using daemon::LogFields;

LogFields fields(const Drive &d)
{
	return {.eid = d.endpoint.eid, .net = d.endpoint.net, .object = d.inventory_path()};
}

} // namespace

std::uint64_t wall_clock_us()
{
	using namespace std::chrono;
	return static_cast<std::uint64_t>(
		duration_cast<microseconds>(system_clock::now().time_since_epoch()).count());
}

namespace {

} // namespace

Drives::~Drives()
{
	// workers first (they post to the mailbox), then the objects
	for (auto &[path, d] : drives_)
		d->worker.reset();
	for (auto &[path, d] : drives_)
		pub_.remove(*d);
}

Status Drives::start()
{
	return timer_.start(ev_, cfg_.poll_interval, {}, [this] { poll_all(); }, "the poll timer");
}

std::optional<std::string> Drives::selected(const Endpoint &ep) const
{
	return endpoints::select(ep, cfg_.all_drives, cfg_.drives, "nvme");
}

void Drives::endpoint_changed(const Endpoint &ep)
{
	auto it = drives_.find(ep.path);
	if (!ep.supports(kMessageTypeNvmeMi)) {
		if (it != drives_.end())
			drop(it);
		return;
	}
	auto name = selected(ep);
	if (!name) {
		log_debug("not managed (configuration): NVMe-MI endpoint " + ep.path);
		return;
	}
	if (it == drives_.end()) {
		auto d = std::make_unique<Drive>();
		d->name = *name;
		d->endpoint = ep;
		const std::string path = ep.path;
		d->worker = std::make_unique<Worker>(
			ep.net, ep.eid, cfg_.request_timeout, mb_,
			[this, path](PollResult r) { polled(path, std::move(r)); });
		log_notice("managing drive " + d->name + " at " + ep.path, fields(*d));
		it = drives_.emplace(ep.path, std::move(d)).first;
	} else if (it->second->endpoint.eid != ep.eid || it->second->endpoint.net != ep.net) {
		// the control daemon moved the endpoint: start over there
		drop(it);
		endpoint_changed(ep);
		return;
	}
	Drive &d = *it->second;
	d.endpoint = ep;
	const Availability before = d.state.availability;
	if (!ep.available() && ep.reason == "host off")
		d.state.availability = Availability::HostOff;
	else if (before == Availability::HostOff)
		d.state.availability = Availability::Present; // polls will tell
	if (d.state.availability != before) {
		log_info(std::string("drive ") + d.name +
				 (d.state.availability == Availability::HostOff ? ": host off, unavailable"
										: ": host on"),
			 fields(d));
		pub_.update(d);
	}
	if (d.state.availability != Availability::HostOff)
		d.worker->poll(!d.state.identity);
}

void Drives::endpoint_gone(const std::string &path)
{
	if (auto it = drives_.find(path); it != drives_.end())
		drop(it);
}

void Drives::drop(std::map<std::string, std::unique_ptr<Drive>>::iterator it)
{
	Drive &d = *it->second;
	log_notice("drive " + d.name + " gone with its endpoint " + d.endpoint.path, fields(d));
	d.worker.reset();
	pub_.remove(d);
	drives_.erase(it);
}

void Drives::poll_all()
{
	for (auto &[path, d] : drives_)
		if (d->state.availability != Availability::HostOff)
			d->worker->poll(!d->state.identity);
}

void Drives::polled(const std::string &path, PollResult r)
{
	auto it = drives_.find(path);
	if (it == drives_.end())
		return; // dropped while the poll ran
	Drive &d = *it->second;
	if (d.state.availability == Availability::HostOff)
		return; // went unpowered while the poll ran: the failure means nothing
	std::string error;
	if (!r.answered)
		error = r.answered.error().message;
	else if (r.identity && !*r.identity)
		error = r.identity->error().message;
	else if (r.health && !*r.health)
		error = r.health->error().message;

	const Availability before = d.state.availability;
	if (r.answered) {
		if (before == Availability::Silent || before == Availability::BadMic)
			log_notice("drive " + d.name + " answers again", fields(d));
		record_poll(d.state, PollOutcome::Answered, wall_clock_us());
		if (r.identity && *r.identity) {
			d.state.identity = **r.identity;
			d.state.controllers = r.controllers;
		}
		if (r.vpd && *r.vpd)
			d.state.fru = **r.vpd;
		else if (r.vpd) // not every drive has VPD: the rest stands
			log_info("drive " + d.name + ": no VPD (" + r.vpd->error().message +
					 "); Manufacturer from the PCI vendor ID",
				 fields(d));
		if (r.health && *r.health)
			d.state.health = **r.health;
	} else if (r.answered.error().code == EBADMSG) {
		record_poll(d.state, PollOutcome::BadMic, wall_clock_us());
	} else {
		record_poll(d.state, PollOutcome::Silent, wall_clock_us());
	}
	if (error != d.last_error) {
		if (!error.empty())
			log_warning("drive " + d.name + ": " + error, fields(d));
		d.last_error = error;
	}
	const bool was_present = d.present;
	d.present = present(d.state, cfg_.absent_after);
	if (was_present != d.present)
		log_notice("drive " + d.name + (d.present ? " present" : " absent"), fields(d));
	pub_.update(d);
}

} // namespace mctpxx::nvmed
