// SPDX-License-Identifier: GPL-2.0
// Follows the host's power state on D-Bus (by default
// xyz.openbmc_project.State.Host CurrentHostState): reads it when the
// service appears and on every PropertiesChanged.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "daemon_config.hpp"
#include "dbus.hpp"

namespace mctpxx::ctrld {

// Whether @value means "powered on" (matched whole or by its last
// dot-separated word, e.g. "xyz.openbmc_project.State.Host.HostState.Running").
bool host_value_is_on(const HostSource &src, const std::string &value);

class HostWatch {
public:
	HostWatch(sd_bus *bus, HostSource src, std::function<void(bool)> on_change);
	HostWatch(const HostWatch &) = delete;
	HostWatch &operator=(const HostWatch &) = delete;

	Status start();

private:
	static int on_properties(sd_bus_message *m, void *self, sd_bus_error *);
	static int on_owner(sd_bus_message *m, void *self, sd_bus_error *);
	static int on_get(sd_bus_message *m, void *self, sd_bus_error *);
	void query();
	void value(const std::string &v);

	sd_bus *bus_;
	HostSource src_;
	std::function<void(bool)> on_change_;
	std::optional<bool> last_;
	dbus::Slot props_, owner_, get_;
};

} // namespace mctpxx::ctrld
