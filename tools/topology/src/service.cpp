// SPDX-License-Identifier: GPL-2.0
#include "topology/service.hpp"

#include <chrono>

#include "daemon/log.hpp"
#include "topology/build.hpp"
#include "topology/collect.hpp"

namespace mctpxx::topology {
namespace {

using daemon::log_debug;
using daemon::log_info;
using daemon::log_warning;

std::uint64_t wall_clock_us()
{
	using namespace std::chrono;
	return static_cast<std::uint64_t>(
		duration_cast<microseconds>(system_clock::now().time_since_epoch()).count());
}

std::uint64_t monotonic_us(std::chrono::microseconds after)
{
	using namespace std::chrono;
	return static_cast<std::uint64_t>(
		       duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count()) +
	       static_cast<std::uint64_t>(after.count());
}

} // namespace

TopologyService::TopologyService(sd_bus *bus, sd_event *ev, ServeOptions o)
	: bus_(bus), ev_(ev), opts_(o), publisher_(bus)
{
}

Status TopologyService::start()
{
	if (auto s = publisher_.start(); !s)
		return s;
	for (const auto &svc : services()) {
		auto w = std::make_unique<Watch>(Watch{this, &svc});
		const std::string sender = std::string("type='signal',sender='") + svc.name + "',";
		struct Match {
			std::string rule;
			sd_bus_message_handler_t fn;
		};
		const Match matches[] = {
			{sender + "interface='org.freedesktop.DBus.ObjectManager',member='InterfacesAdded'",
			 on_added},
			{sender + "interface='org.freedesktop.DBus.ObjectManager',member='InterfacesRemoved'",
			 on_removed},
			{sender + "interface='org.freedesktop.DBus.Properties',member='PropertiesChanged'",
			 on_changed},
			{std::string("type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',"
				     "member='NameOwnerChanged',arg0='") +
				 svc.name + "'",
			 on_owner},
		};
		for (const auto &m : matches) {
			sd_bus_slot *s = nullptr;
			if (int r = sd_bus_add_match(bus_, &s, m.rule.c_str(), m.fn, w.get()); r < 0)
				return fail(dbus::error(r, std::string("following ") + svc.name));
			slots_.emplace_back(s);
		}
		watches_.push_back(std::move(w));
	}
	// what is there now (the matches first: nothing is missed meanwhile)
	cache_.fetch_all(bus_);
	rebuild();
	sd_event_source *s = nullptr;
	if (int r = sd_event_add_time(ev_, &s, CLOCK_MONOTONIC,
				      monotonic_us(std::chrono::duration_cast<std::chrono::microseconds>(opts_.refresh)),
				      0, on_refresh, this);
	    r < 0)
		return fail(dbus::error(r, "adding the refresh timer"));
	refresh_.reset(s);
	if (int r = sd_bus_request_name(bus_, kTopologyService, 0); r < 0)
		return fail(dbus::error(r, std::string("taking the name ") + kTopologyService));
	return {};
}

void TopologyService::changed(const Watch &w, const Result<bool> &r, const char *what)
{
	if (!r) {
		log_warning(std::string(w.service->program) + ": " + what + ": " + r.error().message +
			    "; reading its objects again");
		stale_.insert(w.service->name);
		schedule();
		return;
	}
	if (*r)
		schedule();
}

int TopologyService::on_added(sd_bus_message *m, void *ud, sd_bus_error *)
{
	auto *w = static_cast<Watch *>(ud);
	w->self->changed(*w, w->self->cache_.interfaces_added(w->service->name, m), "InterfacesAdded");
	return 0;
}

int TopologyService::on_removed(sd_bus_message *m, void *ud, sd_bus_error *)
{
	auto *w = static_cast<Watch *>(ud);
	w->self->changed(*w, w->self->cache_.interfaces_removed(w->service->name, m),
			 "InterfacesRemoved");
	return 0;
}

int TopologyService::on_changed(sd_bus_message *m, void *ud, sd_bus_error *)
{
	auto *w = static_cast<Watch *>(ud);
	w->self->changed(*w, w->self->cache_.properties_changed(w->service->name, m),
			 "PropertiesChanged");
	return 0;
}

int TopologyService::on_owner(sd_bus_message *m, void *ud, sd_bus_error *)
{
	auto *w = static_cast<Watch *>(ud);
	const char *name = nullptr, *old_owner = nullptr, *new_owner = nullptr;
	if (sd_bus_message_read(m, "sss", &name, &old_owner, &new_owner) < 0)
		return 0;
	log_info(std::string(w->service->program) +
		 (new_owner && *new_owner ? " is on the bus" : " left the bus"));
	w->self->stale_.insert(w->service->name);
	w->self->schedule();
	return 0;
}

void TopologyService::schedule()
{
	if (pending_)
		return;
	sd_event_source *s = nullptr;
	if (int r = sd_event_add_time(ev_, &s, CLOCK_MONOTONIC,
				      monotonic_us(std::chrono::duration_cast<std::chrono::microseconds>(opts_.debounce)),
				      0, on_timer, this);
	    r < 0) {
		log_warning(dbus::error(r, "arming the rebuild timer").message + "; rebuilding now");
		rebuild();
		return;
	}
	debounce_.reset(s);
	pending_ = true;
}

int TopologyService::on_timer(sd_event_source *, uint64_t, void *ud)
{
	auto *self = static_cast<TopologyService *>(ud);
	self->pending_ = false;
	self->rebuild();
	return 0;
}

int TopologyService::on_refresh(sd_event_source *s, uint64_t, void *ud)
{
	auto *self = static_cast<TopologyService *>(ud);
	self->rebuild();
	sd_event_source_set_time(
		s, monotonic_us(std::chrono::duration_cast<std::chrono::microseconds>(self->opts_.refresh)));
	sd_event_source_set_enabled(s, SD_EVENT_ONESHOT);
	return 0;
}

void TopologyService::rebuild()
{
	for (const auto &name : stale_)
		if (const Service *s = service(name))
			cache_.fetch(bus_, *s);
	stale_.clear();
	publisher_.publish(build(snapshot_from(cache_, read_sysfs()), wall_clock_us()));
	rebuilds_++;
	const auto &c = publisher_.last();
	if (c.added || c.removed || c.changed)
		log_debug("rebuilt: " + std::to_string(c.added) + " added, " + std::to_string(c.removed) +
			  " removed, " + std::to_string(c.changed) + " changed");
}

} // namespace mctpxx::topology
