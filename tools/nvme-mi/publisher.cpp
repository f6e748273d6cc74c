// SPDX-License-Identifier: GPL-2.0
#include "publisher.hpp"

#include <cmath>
#include <cstdio>

#include "daemon/log.hpp"
#include "firmware_object.hpp"

namespace mctpxx::nvmed {
namespace {

using daemon::log_warning;

constexpr const char *kItem = "xyz.openbmc_project.Inventory.Item";
constexpr const char *kItemDrive = "xyz.openbmc_project.Inventory.Item.Drive";
constexpr const char *kAsset = "xyz.openbmc_project.Inventory.Decorator.Asset";
constexpr const char *kOpStatus = "xyz.openbmc_project.State.Decorator.OperationalStatus";
constexpr const char *kAvailability = "xyz.openbmc_project.State.Decorator.Availability";
constexpr const char *kVersion = "xyz.openbmc_project.Software.Version";
constexpr const char *kLocation = "org.mctpstack.NVMe.Drive";
constexpr const char *kValue = "xyz.openbmc_project.Sensor.Value";
constexpr const char *kWarning = "xyz.openbmc_project.Sensor.Threshold.Warning";
constexpr const char *kCritical = "xyz.openbmc_project.Sensor.Threshold.Critical";

constexpr double kNaN = std::nan("");

Drive &drive(void *ud)
{
	return *static_cast<Drive *>(ud);
}

int reply_str(sd_bus_message *r, const std::string &s)
{
	return sd_bus_message_append(r, "s", s.c_str());
}

#define GETTER(fn) \
	int fn(sd_bus *, const char *, const char *, const char *, sd_bus_message *r, \
	       [[maybe_unused]] void *ud, \
	       sd_bus_error *)

GETTER(get_present)
{
	return sd_bus_message_append(r, "b", static_cast<int>(drive(ud).present));
}
GETTER(get_pretty)
{
	const Drive &d = drive(ud);
	return reply_str(r, d.state.identity && !d.state.identity->model.empty()
				    ? d.state.identity->model
				    : d.name);
}
GETTER(get_protocol)
{
	return reply_str(r, "xyz.openbmc_project.Inventory.Item.Drive.DriveProtocol.NVMe");
}
GETTER(get_type)
{
	return reply_str(r, "xyz.openbmc_project.Inventory.Item.Drive.DriveType.SSD");
}
GETTER(get_capacity)
{
	const Drive &d = drive(ud);
	return sd_bus_message_append(r, "t", d.state.identity ? d.state.identity->capacity : 0);
}
GETTER(get_manufacturer)
{
	const Drive &d = drive(ud);
	if (d.state.fru && !d.state.fru->manufacturer.empty())
		return reply_str(r, d.state.fru->manufacturer);
	char b[32] = "";
	if (d.state.identity)
		std::snprintf(b, sizeof(b), "PCI vendor 0x%04x", d.state.identity->pci_vendor);
	return reply_str(r, b);
}
GETTER(get_part)
{
	const Drive &d = drive(ud);
	return reply_str(r, d.state.fru ? d.state.fru->part_number : "");
}
GETTER(get_functional)
{
	return sd_bus_message_append(r, "b", static_cast<int>(functional(drive(ud).state)));
}
GETTER(get_available)
{
	return sd_bus_message_append(
		r, "b", static_cast<int>(drive(ud).state.availability == Availability::Present));
}
GETTER(get_purpose)
{
	return reply_str(r, "xyz.openbmc_project.Software.Version.VersionPurpose.Other");
}
GETTER(get_endpoint)
{
	return sd_bus_message_append(r, "o", drive(ud).endpoint.path.c_str());
}
GETTER(get_net)
{
	return sd_bus_message_append(r, "u", drive(ud).endpoint.net);
}
GETTER(get_eid)
{
	return sd_bus_message_append(r, "y", drive(ud).endpoint.eid);
}
GETTER(get_transport)
{
	return reply_str(r, drive(ud).basic ? "BasicManagement" : "MCTP");
}
GETTER(get_i2c_bus)
{
	const Drive &d = drive(ud);
	return reply_str(r, d.basic ? d.basic->bus : "");
}
GETTER(get_i2c_address)
{
	const Drive &d = drive(ud);
	return sd_bus_message_append(r, "y", d.basic ? d.basic->address : 0);
}
GETTER(get_reason)
{
	const Drive &d = drive(ud);
	return reply_str(r, unavailable_reason(d.state, d.last_error));
}
GETTER(get_last_response)
{
	return sd_bus_message_append(r, "t", drive(ud).state.last_response_us);
}
GETTER(get_mic_errors)
{
	return sd_bus_message_append(r, "u", drive(ud).state.mic_errors);
}
GETTER(get_critical_warning)
{
	const Drive &d = drive(ud);
	return sd_bus_message_append(r, "y", d.state.health ? d.state.health->critical_warning : 0);
}
GETTER(get_controllers)
{
	const auto &c = drive(ud).state.controllers;
	return sd_bus_message_append_array(r, 'q', c.data(), c.size() * sizeof(c[0]));
}
GETTER(get_value)
{
	return sd_bus_message_append(r, "d", drive(ud).temperature());
}
GETTER(get_unit)
{
	return reply_str(r, "xyz.openbmc_project.Sensor.Value.Unit.DegreesC");
}
GETTER(get_max)
{
	return sd_bus_message_append(r, "d", 127.0);
}
GETTER(get_min)
{
	return sd_bus_message_append(r, "d", -128.0);
}
GETTER(get_nan)
{
	return sd_bus_message_append(r, "d", kNaN);
}
GETTER(get_warning_alarm)
{
	return sd_bus_message_append(r, "b", static_cast<int>(drive(ud).warning_high));
}
GETTER(get_critical_alarm)
{
	return sd_bus_message_append(r, "b", static_cast<int>(drive(ud).critical_high));
}
GETTER(get_false)
{
	return sd_bus_message_append(r, "b", 0);
}
// An Identify field of the drive ("" or NaN until Identify was read).
template <std::string Identity::*Field>
GETTER(get_identity_str)
{
	const Drive &d = drive(ud);
	return reply_str(r, d.state.identity ? (*d.state.identity).*Field : "");
}
template <std::optional<double> Identity::*Field>
GETTER(get_identity_temp)
{
	const Drive &d = drive(ud);
	return sd_bus_message_append(r, "d",
				     d.state.identity ? (*d.state.identity.*Field).value_or(kNaN) : kNaN);
}
#undef GETTER

constexpr auto kConst = SD_BUS_VTABLE_PROPERTY_CONST;
constexpr auto kEmits = SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE;

const sd_bus_vtable kItemVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Present", "b", get_present, 0, kEmits),
	SD_BUS_PROPERTY("PrettyName", "s", get_pretty, 0, kEmits),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kDriveVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Protocol", "s", get_protocol, 0, kConst),
	SD_BUS_PROPERTY("Type", "s", get_type, 0, kConst),
	SD_BUS_PROPERTY("Capacity", "t", get_capacity, 0, kEmits),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kAssetVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Manufacturer", "s", get_manufacturer, 0, kEmits),
	SD_BUS_PROPERTY("Model", "s", get_identity_str<&Identity::model>, 0, kEmits),
	SD_BUS_PROPERTY("PartNumber", "s", get_part, 0, kEmits),
	SD_BUS_PROPERTY("SerialNumber", "s", get_identity_str<&Identity::serial>, 0, kEmits),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kOpStatusVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Functional", "b", get_functional, 0, kEmits),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kAvailabilityVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Available", "b", get_available, 0, kEmits),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kVersionVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Version", "s", get_identity_str<&Identity::firmware>, 0, kEmits),
	SD_BUS_PROPERTY("Purpose", "s", get_purpose, 0, kConst),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kLocationVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Endpoint", "o", get_endpoint, 0, kEmits),
	SD_BUS_PROPERTY("NetworkId", "u", get_net, 0, kEmits),
	SD_BUS_PROPERTY("EID", "y", get_eid, 0, kEmits),
	SD_BUS_PROPERTY("UnavailableReason", "s", get_reason, 0, kEmits),
	SD_BUS_PROPERTY("LastResponse", "t", get_last_response, 0, kEmits),
	SD_BUS_PROPERTY("MICErrors", "u", get_mic_errors, 0, kEmits),
	SD_BUS_PROPERTY("CriticalWarning", "y", get_critical_warning, 0, kEmits),
	SD_BUS_PROPERTY("Controllers", "aq", get_controllers, 0, kEmits),
	// Basic Management drives: no endpoint ("/"), EID 0; their bus and address
	SD_BUS_PROPERTY("Transport", "s", get_transport, 0, kConst),
	SD_BUS_PROPERTY("I2CBus", "s", get_i2c_bus, 0, kConst),
	SD_BUS_PROPERTY("I2CAddress", "y", get_i2c_address, 0, kConst),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kValueVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Value", "d", get_value, 0, kEmits),
	SD_BUS_PROPERTY("Unit", "s", get_unit, 0, kConst),
	SD_BUS_PROPERTY("MaxValue", "d", get_max, 0, kConst),
	SD_BUS_PROPERTY("MinValue", "d", get_min, 0, kConst),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kWarningVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("WarningHigh", "d", get_identity_temp<&Identity::warning_c>, 0, kEmits),
	SD_BUS_PROPERTY("WarningLow", "d", get_nan, 0, kConst),
	SD_BUS_PROPERTY("WarningAlarmHigh", "b", get_warning_alarm, 0, kEmits),
	SD_BUS_PROPERTY("WarningAlarmLow", "b", get_false, 0, kConst),
	SD_BUS_SIGNAL("WarningHighAlarmAsserted", "d", 0),
	SD_BUS_SIGNAL("WarningHighAlarmDeasserted", "d", 0),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kCriticalVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("CriticalHigh", "d", get_identity_temp<&Identity::critical_c>, 0, kEmits),
	SD_BUS_PROPERTY("CriticalLow", "d", get_nan, 0, kConst),
	SD_BUS_PROPERTY("CriticalAlarmHigh", "b", get_critical_alarm, 0, kEmits),
	SD_BUS_PROPERTY("CriticalAlarmLow", "b", get_false, 0, kConst),
	SD_BUS_SIGNAL("CriticalHighAlarmAsserted", "d", 0),
	SD_BUS_SIGNAL("CriticalHighAlarmDeasserted", "d", 0),
	SD_BUS_VTABLE_END,
};

struct Iface {
	bool sensor;
	const char *name;
	const sd_bus_vtable *vtable;
};
constexpr Iface kIfaces[] = {
	{false, kItem, kItemVtable},	   {false, kItemDrive, kDriveVtable},
	{false, kAsset, kAssetVtable},	   {false, kOpStatus, kOpStatusVtable},
	{false, kAvailability, kAvailabilityVtable}, {false, kVersion, kVersionVtable},
	{false, kLocation, kLocationVtable}, {true, kValue, kValueVtable},
	{false, kFirmwareInterface, kFirmwareVtable},
	{true, kWarning, kWarningVtable},  {true, kCritical, kCriticalVtable},
};

} // namespace

double Drive::temperature() const
{
	if (state.availability != Availability::Present || !state.health ||
	    !state.health->temperature_c)
		return kNaN;
	return *state.health->temperature_c;
}

Status Publisher::start()
{
	for (const char *root : {kInventoryRoot, kSensorRoot}) {
		sd_bus_slot *s = nullptr;
		if (int r = sd_bus_add_object_manager(bus_, &s, root); r < 0)
			return fail(dbus::error(r, std::string("object manager at ") + root));
		managers_.emplace_back(s);
	}
	return {};
}

Status Publisher::add(Drive &d)
{
	Objects o;
	for (const Iface &i : kIfaces) {
		sd_bus_slot *s = nullptr;
		const std::string path = i.sensor ? d.sensor_path() : d.inventory_path();
		if (int r = sd_bus_add_object_vtable(bus_, &s, path.c_str(), i.name, i.vtable, &d);
		    r < 0)
			return fail(dbus::error(r, "publishing " + path + " " + i.name));
		o.slots.emplace_back(s);
	}
	objects_[&d] = std::move(o);
	sd_bus_emit_object_added(bus_, d.inventory_path().c_str());
	sd_bus_emit_object_added(bus_, d.sensor_path().c_str());
	return {};
}

void Publisher::update(Drive &d)
{
	if (!d.state.identity)
		return; // nothing worth showing yet
	if (!d.published) {
		if (auto s = add(d); !s) {
			log_warning(s.error().message, {.object = d.inventory_path()});
			objects_.erase(&d);
			return;
		}
		d.published = true;
		alarms(d);
		return;
	}
	const std::string inv = d.inventory_path(), sensor = d.sensor_path();
	sd_bus_emit_properties_changed(bus_, inv.c_str(), kItem, "Present", "PrettyName", nullptr);
	sd_bus_emit_properties_changed(bus_, inv.c_str(), kItemDrive, "Capacity", nullptr);
	sd_bus_emit_properties_changed(bus_, inv.c_str(), kAsset, "Manufacturer", "Model",
				       "SerialNumber", nullptr);
	sd_bus_emit_properties_changed(bus_, inv.c_str(), kOpStatus, "Functional", nullptr);
	sd_bus_emit_properties_changed(bus_, inv.c_str(), kAvailability, "Available", nullptr);
	sd_bus_emit_properties_changed(bus_, inv.c_str(), kVersion, "Version", nullptr);
	sd_bus_emit_properties_changed(bus_, inv.c_str(), kLocation, "Endpoint", "NetworkId", "EID",
				       "UnavailableReason", "LastResponse", "MICErrors",
				       "CriticalWarning", "Controllers", nullptr);
	sd_bus_emit_properties_changed(bus_, sensor.c_str(), kValue, "Value", nullptr);
	sd_bus_emit_properties_changed(bus_, sensor.c_str(), kWarning, "WarningHigh", nullptr);
	sd_bus_emit_properties_changed(bus_, sensor.c_str(), kCritical, "CriticalHigh", nullptr);
	alarms(d);
}

// A threshold alarm is asserted when the temperature reaches the drive's
// threshold and deasserted when it is back below (or unknown).
void Publisher::alarms(Drive &d)
{
	const double t = d.temperature();
	const auto &id = d.state.identity;
	struct Alarm {
		bool &state;
		std::optional<double> threshold;
		const char *iface, *prop, *asserted, *deasserted;
	};
	for (Alarm a : {Alarm{d.warning_high, id ? id->warning_c : std::nullopt, kWarning,
			      "WarningAlarmHigh", "WarningHighAlarmAsserted",
			      "WarningHighAlarmDeasserted"},
			Alarm{d.critical_high, id ? id->critical_c : std::nullopt, kCritical,
			      "CriticalAlarmHigh", "CriticalHighAlarmAsserted",
			      "CriticalHighAlarmDeasserted"}}) {
		const bool now = a.threshold && !std::isnan(t) && t >= *a.threshold;
		if (now == a.state)
			continue;
		a.state = now;
		const std::string sensor = d.sensor_path();
		sd_bus_emit_properties_changed(bus_, sensor.c_str(), a.iface, a.prop, nullptr);
		sd_bus_emit_signal(bus_, sensor.c_str(), a.iface, now ? a.asserted : a.deasserted, "d",
				   std::isnan(t) ? 0.0 : t);
	}
}

void Publisher::remove(Drive &d)
{
	if (!d.published)
		return;
	sd_bus_emit_object_removed(bus_, d.inventory_path().c_str());
	sd_bus_emit_object_removed(bus_, d.sensor_path().c_str());
	objects_.erase(&d);
	d.published = false;
}

} // namespace mctpxx::nvmed
