// SPDX-License-Identifier: GPL-2.0
#include "publisher.hpp"

#include <cmath>

#include "daemon/log.hpp"

namespace mctpxx::pldmd {
namespace {

using daemon::log_warning;

constexpr const char *kItem = "xyz.openbmc_project.Inventory.Item";
constexpr const char *kBoard = "xyz.openbmc_project.Inventory.Item.Board";
constexpr const char *kAsset = "xyz.openbmc_project.Inventory.Decorator.Asset";
constexpr const char *kRevision = "xyz.openbmc_project.Inventory.Decorator.Revision";
constexpr const char *kOpStatus = "xyz.openbmc_project.State.Decorator.OperationalStatus";
constexpr const char *kAvailability = "xyz.openbmc_project.State.Decorator.Availability";
constexpr const char *kValue = "xyz.openbmc_project.Sensor.Value";
constexpr const char *kWarning = "xyz.openbmc_project.Sensor.Threshold.Warning";
constexpr const char *kCritical = "xyz.openbmc_project.Sensor.Threshold.Critical";
constexpr const char *kAssociations = "xyz.openbmc_project.Association.Definitions";

Terminus &term(void *ud)
{
	return *static_cast<Terminus *>(ud);
}

// The sensor a getter is about, or nullptr when it is gone.
const NumericSensor *sensor(void *ud)
{
	auto *ref = static_cast<Publisher::SensorRef *>(ud);
	auto it = ref->t->repo.numeric.find(ref->id);
	return it == ref->t->repo.numeric.end() ? nullptr : &it->second;
}
const Terminus &sensor_terminus(void *ud)
{
	return *static_cast<Publisher::SensorRef *>(ud)->t;
}

// The value D-Bus shows: unknown while the terminus does not answer.
double shown_value(const Terminus &t, const NumericSensor &s)
{
	return t.availability == Availability::Present && s.functional() ? s.value : kNaN;
}

int reply_str(sd_bus_message *r, const std::string &s)
{
	return sd_bus_message_append(r, "s", s.c_str());
}

#define GETTER(fn) \
	int fn(sd_bus *, const char *, const char *, const char *, sd_bus_message *r, \
	       [[maybe_unused]] void *ud, sd_bus_error *)

GETTER(get_present)
{
	return sd_bus_message_append(r, "b", static_cast<int>(term(ud).present));
}
GETTER(get_pretty)
{
	const Terminus &t = term(ud);
	return reply_str(r, t.asset.model.empty() ? t.name : t.asset.model);
}
template <std::string Asset::*Field>
GETTER(get_asset)
{
	return reply_str(r, term(ud).asset.*Field);
}
GETTER(get_empty)
{
	return reply_str(r, "");
}
GETTER(get_functional)
{
	return sd_bus_message_append(r, "b", static_cast<int>(term(ud).functional()));
}
GETTER(get_available)
{
	return sd_bus_message_append(r, "b",
				     static_cast<int>(term(ud).availability == Availability::Present));
}
GETTER(get_tid)
{
	return sd_bus_message_append(r, "y", term(ud).tid);
}
GETTER(get_net)
{
	return sd_bus_message_append(r, "u", term(ud).endpoint.net);
}
GETTER(get_eid)
{
	return sd_bus_message_append(r, "y", term(ud).endpoint.eid);
}
GETTER(get_endpoint)
{
	return sd_bus_message_append(r, "o", term(ud).endpoint.path.c_str());
}
GETTER(get_events)
{
	return sd_bus_message_append(r, "b", static_cast<int>(term(ud).events));
}
GETTER(get_reason)
{
	return reply_str(r, unavailable_reason(term(ud)));
}
GETTER(get_last_response)
{
	return sd_bus_message_append(r, "t", term(ud).last_response_us);
}
GETTER(get_value)
{
	const NumericSensor *s = sensor(ud);
	return sd_bus_message_append(r, "d", s ? shown_value(sensor_terminus(ud), *s) : kNaN);
}
GETTER(get_unit)
{
	const NumericSensor *s = sensor(ud);
	return reply_str(r, s ? s->unit.unit : "");
}
GETTER(get_max)
{
	const NumericSensor *s = sensor(ud);
	return sd_bus_message_append(r, "d", s ? convert(s->pdr, s->pdr.max_readable) : kNaN);
}
GETTER(get_min)
{
	const NumericSensor *s = sensor(ud);
	return sd_bus_message_append(r, "d", s ? convert(s->pdr, s->pdr.min_readable) : kNaN);
}
template <double Thresholds::*Field>
GETTER(get_threshold)
{
	const NumericSensor *s = sensor(ud);
	return sd_bus_message_append(r, "d", s ? s->thresholds.*Field : kNaN);
}
template <bool Alarms::*Field>
GETTER(get_alarm)
{
	const NumericSensor *s = sensor(ud);
	return sd_bus_message_append(r, "b", static_cast<int>(s && s->alarm.*Field));
}
GETTER(get_sensor_functional)
{
	const NumericSensor *s = sensor(ud);
	const Terminus &t = sensor_terminus(ud);
	return sd_bus_message_append(
		r, "b", static_cast<int>(s && s->functional() && t.availability == Availability::Present));
}
GETTER(get_associations)
{
	const Terminus &t = sensor_terminus(ud);
	int e = sd_bus_message_open_container(r, 'a', "(sss)");
	if (e < 0)
		return e;
	const std::string inv = t.inventory_path();
	if ((e = sd_bus_message_append(r, "(sss)", "chassis", "all_sensors", inv.c_str())) < 0)
		return e;
	return sd_bus_message_close_container(r);
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
const sd_bus_vtable kBoardVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kAssetVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Manufacturer", "s", get_asset<&Asset::manufacturer>, 0, kEmits),
	SD_BUS_PROPERTY("Model", "s", get_asset<&Asset::model>, 0, kEmits),
	SD_BUS_PROPERTY("PartNumber", "s", get_asset<&Asset::part_number>, 0, kEmits),
	SD_BUS_PROPERTY("SerialNumber", "s", get_asset<&Asset::serial_number>, 0, kEmits),
	SD_BUS_PROPERTY("SparePartNumber", "s", get_empty, 0, kConst),
	SD_BUS_PROPERTY("SubModel", "s", get_asset<&Asset::sku>, 0, kEmits),
	SD_BUS_PROPERTY("BuildDate", "s", get_empty, 0, kConst),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kRevisionVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Version", "s", get_asset<&Asset::version>, 0, kEmits),
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
const sd_bus_vtable kTerminusVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("TID", "y", get_tid, 0, kEmits),
	SD_BUS_PROPERTY("NetworkId", "u", get_net, 0, kEmits),
	SD_BUS_PROPERTY("EID", "y", get_eid, 0, kEmits),
	SD_BUS_PROPERTY("Endpoint", "o", get_endpoint, 0, kEmits),
	SD_BUS_PROPERTY("EventsEnabled", "b", get_events, 0, kEmits),
	SD_BUS_PROPERTY("UnavailableReason", "s", get_reason, 0, kEmits),
	SD_BUS_PROPERTY("LastResponse", "t", get_last_response, 0, kEmits),
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
	SD_BUS_PROPERTY("WarningHigh", "d", get_threshold<&Thresholds::warning_high>, 0, kConst),
	SD_BUS_PROPERTY("WarningLow", "d", get_threshold<&Thresholds::warning_low>, 0, kConst),
	SD_BUS_PROPERTY("WarningAlarmHigh", "b", get_alarm<&Alarms::warning_high>, 0, kEmits),
	SD_BUS_PROPERTY("WarningAlarmLow", "b", get_alarm<&Alarms::warning_low>, 0, kEmits),
	SD_BUS_SIGNAL("WarningHighAlarmAsserted", "d", 0),
	SD_BUS_SIGNAL("WarningHighAlarmDeasserted", "d", 0),
	SD_BUS_SIGNAL("WarningLowAlarmAsserted", "d", 0),
	SD_BUS_SIGNAL("WarningLowAlarmDeasserted", "d", 0),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kCriticalVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("CriticalHigh", "d", get_threshold<&Thresholds::critical_high>, 0, kConst),
	SD_BUS_PROPERTY("CriticalLow", "d", get_threshold<&Thresholds::critical_low>, 0, kConst),
	SD_BUS_PROPERTY("CriticalAlarmHigh", "b", get_alarm<&Alarms::critical_high>, 0, kEmits),
	SD_BUS_PROPERTY("CriticalAlarmLow", "b", get_alarm<&Alarms::critical_low>, 0, kEmits),
	SD_BUS_SIGNAL("CriticalHighAlarmAsserted", "d", 0),
	SD_BUS_SIGNAL("CriticalHighAlarmDeasserted", "d", 0),
	SD_BUS_SIGNAL("CriticalLowAlarmAsserted", "d", 0),
	SD_BUS_SIGNAL("CriticalLowAlarmDeasserted", "d", 0),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kSensorOpStatusVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Functional", "b", get_sensor_functional, 0, kEmits),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kAssociationsVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Associations", "a(sss)", get_associations, 0, kConst),
	SD_BUS_VTABLE_END,
};

struct Iface {
	const char *name;
	const sd_bus_vtable *vtable;
};
constexpr Iface kInventoryIfaces[] = {
	{kItem, kItemVtable},		{kBoard, kBoardVtable},
	{kAsset, kAssetVtable},		{kRevision, kRevisionVtable},
	{kOpStatus, kOpStatusVtable},	{kAvailability, kAvailabilityVtable},
	{kTerminusInterface, kTerminusVtable},
};
constexpr Iface kSensorIfaces[] = {
	{kValue, kValueVtable},		{kWarning, kWarningVtable},
	{kCritical, kCriticalVtable},	{kOpStatus, kSensorOpStatusVtable},
	{kAssociations, kAssociationsVtable},
};

} // namespace

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

Status Publisher::add_sensor(Terminus &t, Objects &o, const NumericSensor &s)
{
	SensorObject so;
	so.path = t.sensor_path(s);
	so.ref = std::make_unique<SensorRef>(SensorRef{&t, s.pdr.sensor_id});
	for (const Iface &i : kSensorIfaces) {
		sd_bus_slot *sl = nullptr;
		if (int r = sd_bus_add_object_vtable(bus_, &sl, so.path.c_str(), i.name, i.vtable,
						     so.ref.get());
		    r < 0)
			return fail(dbus::error(r, "publishing " + so.path + " " + i.name));
		so.slots.emplace_back(sl);
	}
	sd_bus_emit_object_added(bus_, so.path.c_str());
	o.sensors[s.pdr.sensor_id] = std::move(so);
	return {};
}

void Publisher::remove_sensor(Objects &o, std::uint16_t id)
{
	auto it = o.sensors.find(id);
	if (it == o.sensors.end())
		return;
	sd_bus_emit_object_removed(bus_, it->second.path.c_str());
	o.sensors.erase(it);
}

Status Publisher::add(Terminus &t)
{
	Objects &o = objects_[&t];
	const std::string inv = t.inventory_path();
	for (const Iface &i : kInventoryIfaces) {
		sd_bus_slot *s = nullptr;
		if (int r = sd_bus_add_object_vtable(bus_, &s, inv.c_str(), i.name, i.vtable, &t); r < 0)
			return fail(dbus::error(r, "publishing " + inv + " " + i.name));
		o.slots.emplace_back(s);
	}
	sd_bus_emit_object_added(bus_, inv.c_str());
	for (auto &[id, s] : t.repo.numeric) {
		if (auto st = add_sensor(t, o, s); !st)
			log_warning(st.error().message, {.object = inv});
	}
	return {};
}

void Publisher::update(Terminus &t)
{
	if (!t.discovered)
		return; // nothing worth showing yet
	if (!t.published) {
		if (auto s = add(t); !s) {
			log_warning(s.error().message, {.object = t.inventory_path()});
			objects_.erase(&t);
			return;
		}
		t.published = true;
		for (auto &[id, s] : t.repo.numeric)
			alarms(t, s, t.sensor_path(s));
		return;
	}
	const std::string inv = t.inventory_path();
	sd_bus_emit_properties_changed(bus_, inv.c_str(), kItem, "Present", "PrettyName", nullptr);
	sd_bus_emit_properties_changed(bus_, inv.c_str(), kAsset, "Manufacturer", "Model",
				       "PartNumber", "SerialNumber", "SubModel", nullptr);
	sd_bus_emit_properties_changed(bus_, inv.c_str(), kRevision, "Version", nullptr);
	sd_bus_emit_properties_changed(bus_, inv.c_str(), kOpStatus, "Functional", nullptr);
	sd_bus_emit_properties_changed(bus_, inv.c_str(), kAvailability, "Available", nullptr);
	sd_bus_emit_properties_changed(bus_, inv.c_str(), kTerminusInterface, "TID", "NetworkId",
				       "EID", "Endpoint", "EventsEnabled", "UnavailableReason",
				       "LastResponse", nullptr);
	for (auto &[id, s] : t.repo.numeric)
		sensor_changed(t, id);
}

void Publisher::sensor_changed(Terminus &t, std::uint16_t id)
{
	if (!t.published)
		return;
	auto &o = objects_[&t];
	auto so = o.sensors.find(id);
	auto s = t.repo.numeric.find(id);
	if (so == o.sensors.end() || s == t.repo.numeric.end()) {
		// a state sensor: the board's health
		const std::string inv = t.inventory_path();
		sd_bus_emit_properties_changed(bus_, inv.c_str(), kOpStatus, "Functional", nullptr);
		return;
	}
	const std::string &path = so->second.path;
	NumericSensor &ns = s->second;
	const double v = shown_value(t, ns);
	const bool f = ns.functional() && t.availability == Availability::Present;
	const bool same = ns.shown_value && (*ns.shown_value == v || (std::isnan(v) && std::isnan(*ns.shown_value)));
	if (!same) {
		ns.shown_value = v;
		sd_bus_emit_properties_changed(bus_, path.c_str(), kValue, "Value", nullptr);
	}
	if (ns.shown_functional != f) {
		ns.shown_functional = f;
		sd_bus_emit_properties_changed(bus_, path.c_str(), kOpStatus, "Functional", nullptr);
	}
	alarms(t, ns, path);
}

// An alarm is asserted when the shown value reaches its threshold and
// deasserted when it is back (or unknown).
void Publisher::alarms(Terminus &t, NumericSensor &s, const std::string &path)
{
	const double v = shown_value(t, s);
	const Alarms now = pldmd::alarms(s.thresholds, v);
	struct One {
		bool Alarms::*field;
		const char *iface, *prop, *asserted, *deasserted;
	};
	static const One all[] = {
		{&Alarms::warning_high, kWarning, "WarningAlarmHigh", "WarningHighAlarmAsserted",
		 "WarningHighAlarmDeasserted"},
		{&Alarms::warning_low, kWarning, "WarningAlarmLow", "WarningLowAlarmAsserted",
		 "WarningLowAlarmDeasserted"},
		{&Alarms::critical_high, kCritical, "CriticalAlarmHigh", "CriticalHighAlarmAsserted",
		 "CriticalHighAlarmDeasserted"},
		{&Alarms::critical_low, kCritical, "CriticalAlarmLow", "CriticalLowAlarmAsserted",
		 "CriticalLowAlarmDeasserted"},
	};
	for (const One &a : all) {
		if (now.*a.field == s.alarm.*a.field)
			continue;
		s.alarm.*a.field = now.*a.field;
		sd_bus_emit_properties_changed(bus_, path.c_str(), a.iface, a.prop, nullptr);
		sd_bus_emit_signal(bus_, path.c_str(), a.iface,
				   now.*a.field ? a.asserted : a.deasserted, "d",
				   std::isnan(v) ? 0.0 : v);
	}
}

void Publisher::sync(Terminus &t, const RepositoryDiff &d)
{
	if (!t.published)
		return;
	Objects &o = objects_[&t];
	for (auto id : d.removed)
		remove_sensor(o, id);
	for (auto id : d.changed)
		remove_sensor(o, id);
	for (const auto *v : {&d.added, &d.changed})
		for (auto id : *v) {
			auto it = t.repo.numeric.find(id);
			if (it == t.repo.numeric.end())
				continue; // a state sensor
			if (auto st = add_sensor(t, o, it->second); !st)
				log_warning(st.error().message, {.object = t.inventory_path()});
			else
				alarms(t, it->second, t.sensor_path(it->second));
		}
	sd_bus_emit_properties_changed(bus_, t.inventory_path().c_str(), kOpStatus, "Functional",
				       nullptr);
}

void Publisher::remove(Terminus &t)
{
	if (!t.published)
		return;
	auto it = objects_.find(&t);
	if (it != objects_.end()) {
		for (auto &[id, so] : it->second.sensors)
			sd_bus_emit_object_removed(bus_, so.path.c_str());
		sd_bus_emit_object_removed(bus_, t.inventory_path().c_str());
		objects_.erase(it);
	}
	t.published = false;
}

} // namespace mctpxx::pldmd
