// SPDX-License-Identifier: GPL-2.0
// The termini on D-Bus, on OpenBMC's interfaces: per terminus a board
// inventory object (Inventory.Item, Item.Board, Decorator.Asset,
// Decorator.Revision, State.Decorator.OperationalStatus and .Availability,
// org.mctpstack.PLDM.Terminus) and per numeric sensor a sensor object
// (Sensor.Value, Sensor.Threshold.Warning and .Critical with their alarm
// signals, OperationalStatus, Association.Definitions to the board), under
// ObjectManagers at /xyz/openbmc_project/inventory and .../sensors.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dbus.hpp"
#include "terminus.hpp"

namespace mctpxx::pldmd {

inline constexpr const char *kPldmService = "org.mctpstack.PLDM";
inline constexpr const char *kTerminusInterface = "org.mctpstack.PLDM.Terminus";

class Publisher {
public:
	explicit Publisher(sd_bus *bus) : bus_(bus) {}
	Status start();
	// Publish @t (once discovered) or announce what changed, every sensor too.
	void update(Terminus &t);
	// One sensor's value, state and alarms changed.
	void sensor_changed(Terminus &t, std::uint16_t id);
	// The repository was replaced: sensors gone or changed leave, new and
	// changed ones come.
	void sync(Terminus &t, const RepositoryDiff &d);
	void remove(Terminus &t);

	// The handle the getters get: a terminus and a sensor ID in it (looked
	// up on each read, so a replaced repository is never read stale).
	struct SensorRef {
		Terminus *t;
		std::uint16_t id;
	};

private:
	struct SensorObject {
		std::string path;
		std::unique_ptr<SensorRef> ref;
		std::vector<dbus::Slot> slots;
	};
	struct Objects {
		std::vector<dbus::Slot> slots;
		std::map<std::uint16_t, SensorObject> sensors;
	};
	Status add(Terminus &t);
	Status add_sensor(Terminus &t, Objects &o, const NumericSensor &s);
	void remove_sensor(Objects &o, std::uint16_t id);
	void alarms(Terminus &t, NumericSensor &s, const std::string &path);

	sd_bus *bus_;
	std::vector<dbus::Slot> managers_;
	std::map<Terminus *, Objects> objects_;
};

} // namespace mctpxx::pldmd
