// SPDX-License-Identifier: GPL-2.0
// The drives on D-Bus, on OpenBMC's interfaces: per drive an inventory
// object (Inventory.Item, Item.Drive, Decorator.Asset,
// State.Decorator.OperationalStatus, State.Decorator.Availability,
// Software.Version and org.mctpstack.NVMe.Drive for where it is (MCTP
// endpoint, or i2c bus and address of a Basic Management drive) and why it
// is unavailable) and a temperature sensor (Sensor.Value with
// Sensor.Threshold.Warning and .Critical, and their alarm signals), under
// ObjectManagers at /xyz/openbmc_project/inventory and .../sensors.
#pragma once

#include <map>
#include <string>

#include "dbus.hpp"
#include "drive.hpp"

namespace mctpxx::nvmed {

inline constexpr const char *kNvmeService = "org.mctpstack.NVMe";

class Publisher {
public:
	explicit Publisher(sd_bus *bus) : bus_(bus) {}
	Status start();
	// Publish @d (once its identity is known) or announce what changed.
	void update(Drive &d);
	void remove(Drive &d);

private:
	struct Objects {
		std::vector<dbus::Slot> slots;
	};
	Status add(Drive &d);
	void alarms(Drive &d);

	sd_bus *bus_;
	std::vector<dbus::Slot> managers_;
	std::map<Drive *, Objects> objects_;
};

} // namespace mctpxx::nvmed
