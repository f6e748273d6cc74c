// SPDX-License-Identifier: GPL-2.0
#include "basic_drives.hpp"

#include <cstdio>

#include "daemon/log.hpp"

namespace mctpxx::nvmed {
namespace {

using daemon::log_notice;
using daemon::log_warning;
using daemon::LogFields;

LogFields fields(const Drive &d)
{
	return {.object = d.inventory_path()};
}

std::string where(const Drive &d)
{
	char a[8];
	std::snprintf(a, sizeof(a), "0x%02x", d.basic->address);
	const std::string &b = d.basic->bus;
	const bool number = b.find_first_not_of("0123456789") == std::string::npos;
	return "i2c bus " + (number ? b : "\"" + b + "\"") + " address " + a;
}

} // namespace

BasicDrives::~BasicDrives()
{
	// workers first (they post to the mailbox), then the objects
	for (auto &[name, e] : drives_)
		e.worker.reset();
	for (auto &[name, e] : drives_)
		pub_.remove(*e.drive);
}

Status BasicDrives::start()
{
	if (cfg_.basic_drives.empty())
		return {};
	for (const BasicDriveRule &r : cfg_.basic_drives) {
		Entry e;
		e.rule = &r;
		e.drive = std::make_unique<Drive>();
		e.drive->name = r.name;
		e.drive->endpoint.path = "/"; // no MCTP endpoint
		e.drive->basic = BasicLocation{
			r.bus_number ? std::to_string(*r.bus_number) : r.bus_name, r.address};
		const std::string name = r.name;
		e.worker = std::make_unique<basic::Worker>(
			r, mb_, [this, name](basic::Poll p) { polled(name, std::move(p)); });
		log_notice("managing Basic Management drive " + name + " at " + where(*e.drive),
			   fields(*e.drive));
		drives_.emplace(name, std::move(e));
	}
	return timer_.start(
		ev_, cfg_.poll_interval, {},
		[this] {
			for (auto &[name, e] : drives_)
				e.worker->poll();
		},
		"the Basic Management poll timer");
}

void BasicDrives::polled(const std::string &name, basic::Poll p)
{
	auto it = drives_.find(name);
	if (it == drives_.end())
		return;
	Drive &d = *it->second.drive;
	std::string error;
	if (p.reading) {
		if (d.state.availability == Availability::Silent)
			log_notice("drive " + d.name + " answers again", fields(d));
		record_poll(d.state, PollOutcome::Answered, wall_clock_us());
		if (auto id = basic::identity_of(*p.reading)) {
			const BasicDriveRule &rule = *it->second.rule;
			if (rule.warning_c)
				id->warning_c = *rule.warning_c;
			if (rule.critical_c)
				id->critical_c = *rule.critical_c;
			d.state.identity = *id;
		}
		d.state.health = basic::health_of(*p.reading);
		if (!p.reading->ready())
			error = where(d) + ": drive not ready";
	} else {
		// an I/O error names the bus and address already
		error = p.answered ? where(d) + ": malformed answer: " + p.reading.error().message
				   : p.reading.error().message;
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
