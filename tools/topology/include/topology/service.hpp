// SPDX-License-Identifier: GPL-2.0
// `mctp-topology serve`: the view kept on D-Bus. It follows the daemons'
// objects (their InterfacesAdded, InterfacesRemoved and PropertiesChanged
// signals, and their names coming and going), rebuilds the tree a moment
// after the last change (debounced), and re-reads sysfs now and then (the
// kernel's i2c tree sends no signal); each rebuild publishes only what
// changed (NodePublisher). The tree is built exactly as the command line
// builds it (collect, build), from the objects it keeps.
#pragma once

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "dbus.hpp"
#include "topology/node_dbus.hpp"
#include "topology/objects.hpp"

namespace mctpxx::topology {

struct ServeOptions {
	std::chrono::milliseconds debounce{200}; // after a change, before rebuilding
	std::chrono::seconds refresh{10};	  // sysfs re-read at least this often
};

class TopologyService {
public:
	TopologyService(sd_bus *bus, sd_event *ev, ServeOptions o);
	TopologyService(const TopologyService &) = delete;
	TopologyService &operator=(const TopologyService &) = delete;

	// Follows the daemons, publishes the first tree and takes the name.
	Status start();

	unsigned rebuilds() const { return rebuilds_; }

private:
	struct Watch {
		TopologyService *self;
		const Service *service;
	};
	static int on_added(sd_bus_message *m, void *ud, sd_bus_error *);
	static int on_removed(sd_bus_message *m, void *ud, sd_bus_error *);
	static int on_changed(sd_bus_message *m, void *ud, sd_bus_error *);
	static int on_owner(sd_bus_message *m, void *ud, sd_bus_error *);
	static int on_timer(sd_event_source *s, uint64_t usec, void *ud);
	static int on_refresh(sd_event_source *s, uint64_t usec, void *ud);
	// A change of @w's objects: @r says whether something changed.
	void changed(const Watch &w, const Result<bool> &r, const char *what);
	void schedule();
	void rebuild();

	sd_bus *bus_;
	sd_event *ev_;
	ServeOptions opts_;
	ObjectCache cache_;
	NodePublisher publisher_;
	std::vector<std::unique_ptr<Watch>> watches_;
	std::vector<dbus::Slot> slots_;
	std::set<std::string> stale_; // services to fetch again
	dbus::EventSource debounce_, refresh_;
	bool pending_ = false;
	unsigned rebuilds_ = 0;
};

} // namespace mctpxx::topology
