// SPDX-License-Identifier: GPL-2.0
// The MCTP endpoints the control daemon publishes (xyz.openbmc_project.MCTP
// at /xyz/openbmc_project/mctp), followed as they appear, disappear and
// change connectivity: one GetManagedObjects when the service appears
// (at start and after a restart of it), then its InterfacesAdded,
// InterfacesRemoved and PropertiesChanged signals.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "dbus.hpp"

namespace mctpxx::endpoints {

inline constexpr const char *kMctpService = "xyz.openbmc_project.MCTP";
inline constexpr const char *kMctpRoot = "/xyz/openbmc_project/mctp";

struct Endpoint {
	std::string path;
	unsigned net = 0;
	std::uint8_t eid = 0;
	std::vector<std::uint8_t> types;	// SupportedMessageTypes
	std::string uuid;
	std::string state = "Available";	// Connectivity.State
	std::string reason;			// Connectivity.Reason ("host off", ...)

	bool supports(std::uint8_t type) const;
	bool available() const { return state == "Available"; }
};

class EndpointWatch {
public:
	struct Handlers {
		std::function<void(const Endpoint &)> changed; // new or updated
		std::function<void(const std::string &path)> gone;
	};

	EndpointWatch(sd_bus *bus, Handlers h) : bus_(bus), h_(std::move(h)) {}
	Status start();

private:
	static int on_added(sd_bus_message *m, void *self, sd_bus_error *);
	static int on_removed(sd_bus_message *m, void *self, sd_bus_error *);
	static int on_props(sd_bus_message *m, void *self, sd_bus_error *);
	static int on_owner(sd_bus_message *m, void *self, sd_bus_error *);
	static int on_objects(sd_bus_message *m, void *self, sd_bus_error *);
	void resync();
	// Reads a{sa{sv}} of @path into the endpoint, if it is one; returns
	// whether it changed anything an endpoint has.
	int read_interfaces(sd_bus_message *m, Endpoint &ep);

	sd_bus *bus_;
	Handlers h_;
	std::vector<dbus::Slot> slots_;
	dbus::Slot resync_call_;
	std::map<std::string, Endpoint> known_;
};

} // namespace mctpxx::endpoints
