// SPDX-License-Identifier: GPL-2.0
#include "publisher.hpp"

#include <cstdio>
#include <span>

#include "daemon/log.hpp"

namespace mctpxx::ncsid {
namespace {

constexpr const char *kItem = "xyz.openbmc_project.Inventory.Item";
constexpr const char *kNetworkInterface = "xyz.openbmc_project.Inventory.Item.NetworkInterface";
constexpr const char *kAsset = "xyz.openbmc_project.Inventory.Decorator.Asset";
constexpr const char *kVersion = "xyz.openbmc_project.Software.Version";
constexpr const char *kOpStatus = "xyz.openbmc_project.State.Decorator.OperationalStatus";
constexpr const char *kAvailability = "xyz.openbmc_project.State.Decorator.Availability";

Controller &ctl(void *ud)
{
	return *static_cast<Controller *>(ud);
}

const Publisher::Ref &ref(void *ud)
{
	return *static_cast<Publisher::Ref *>(ud);
}

// The package and channel a getter is about; nullptr when gone.
const Package *package(void *ud)
{
	const auto &r = ref(ud);
	auto it = r.c->packages.find(r.package);
	return it == r.c->packages.end() ? nullptr : &it->second;
}
const Channel *channel(void *ud)
{
	const Package *p = package(ud);
	if (!p)
		return nullptr;
	auto it = p->channels.find(ref(ud).channel);
	return it == p->channels.end() ? nullptr : &it->second;
}

int reply_str(sd_bus_message *r, const std::string &s)
{
	return sd_bus_message_append(r, "s", s.c_str());
}
int reply_bool(sd_bus_message *r, bool b)
{
	return sd_bus_message_append(r, "b", static_cast<int>(b));
}

#define GETTER(fn) \
	int fn(sd_bus *, const char *, const char *, const char *, sd_bus_message *r, \
	       [[maybe_unused]] void *ud, sd_bus_error *)

// ---- the controller ----
GETTER(get_present)
{
	return reply_bool(r, ctl(ud).present);
}
GETTER(get_pretty)
{
	const Controller &c = ctl(ud);
	return reply_str(r, c.model.empty() ? c.name : c.model);
}
GETTER(get_manufacturer)
{
	return reply_str(r, ctl(ud).manufacturer);
}
GETTER(get_model)
{
	return reply_str(r, ctl(ud).model);
}
GETTER(get_empty)
{
	return reply_str(r, "");
}
GETTER(get_version)
{
	return reply_str(r, ctl(ud).firmware);
}
GETTER(get_purpose)
{
	return reply_str(r, "xyz.openbmc_project.Software.Version.VersionPurpose.Other");
}
GETTER(get_functional)
{
	return reply_bool(r, functional(ctl(ud)));
}
GETTER(get_available)
{
	return reply_bool(r, available(ctl(ud)));
}
GETTER(get_net)
{
	return sd_bus_message_append(r, "u", ctl(ud).endpoint.net);
}
GETTER(get_eid)
{
	return sd_bus_message_append(r, "y", ctl(ud).endpoint.eid);
}
GETTER(get_endpoint)
{
	return sd_bus_message_append(r, "o", ctl(ud).endpoint.path.c_str());
}
GETTER(get_reason)
{
	return reply_str(r, reason(ctl(ud)));
}
GETTER(get_last_response)
{
	return sd_bus_message_append(r, "t", epoch_us(ctl(ud).last_response));
}
GETTER(get_ncsi_version)
{
	return reply_str(r, ctl(ud).ncsi_version);
}

// ---- a package ----
GETTER(get_pkg_present)
{
	return reply_bool(r, package(ud) != nullptr);
}
GETTER(get_pkg_pretty)
{
	return reply_str(r, "NC-SI package " + std::to_string(ref(ud).package));
}
GETTER(get_pkg_functional)
{
	const Package *p = package(ud);
	return reply_bool(r, p && functional(*ref(ud).c, *p));
}
GETTER(get_pkg_id)
{
	return sd_bus_message_append(r, "y", ref(ud).package);
}
GETTER(get_pkg_uuid)
{
	const Package *p = package(ud);
	return reply_str(r, p ? p->uuid : "");
}
GETTER(get_pkg_selected)
{
	const Package *p = package(ud);
	return reply_bool(r, p && p->selected);
}
GETTER(get_pkg_reason)
{
	const Package *p = package(ud);
	return reply_str(r, p ? reason(*ref(ud).c, *p) : "gone");
}
GETTER(get_pkg_last_response)
{
	const Package *p = package(ud);
	return sd_bus_message_append(r, "t", p ? epoch_us(p->last_response) : 0);
}

// ---- a channel ----
template <typename T, typename F>
int channel_value(sd_bus_message *r, void *ud, const char *sig, T dflt, F f)
{
	const Channel *ch = channel(ud);
	return sd_bus_message_append(r, sig, ch ? f(*ch) : dflt);
}
GETTER(get_ch_pretty)
{
	char b[64];
	std::snprintf(b, sizeof(b), "NC-SI package %u channel %u", ref(ud).package, ref(ud).channel);
	return reply_str(r, b);
}
GETTER(get_ch_present)
{
	return reply_bool(r, channel(ud) != nullptr);
}
GETTER(get_ch_mac)
{
	const Channel *ch = channel(ud);
	return reply_str(r, ch ? ch->mac : "");
}
GETTER(get_ch_version)
{
	const Channel *ch = channel(ud);
	return reply_str(r, ch ? ch->firmware : "");
}
GETTER(get_ch_functional)
{
	const Channel *ch = channel(ud);
	const Package *p = package(ud);
	return reply_bool(r, ch && p && functional(*ref(ud).c, *p, *ch));
}
GETTER(get_ch_available)
{
	return reply_bool(r, available(*ref(ud).c));
}
GETTER(get_ch_package)
{
	return sd_bus_message_append(r, "y", ref(ud).package);
}
GETTER(get_ch_channel)
{
	return sd_bus_message_append(r, "y", ref(ud).channel);
}
GETTER(get_ch_link_up)
{
	return channel_value(r, ud, "b", 0, [](const Channel &c) { return static_cast<int>(c.link_up); });
}
GETTER(get_ch_speed)
{
	return channel_value(r, ud, "u", 0u, [](const Channel &c) { return c.speed_mbps; });
}
GETTER(get_ch_duplex)
{
	return channel_value(r, ud, "b", 0, [](const Channel &c) { return static_cast<int>(c.full_duplex); });
}
GETTER(get_ch_enabled)
{
	return channel_value(r, ud, "b", 0, [](const Channel &c) { return static_cast<int>(c.enabled); });
}
GETTER(get_ch_aens)
{
	return channel_value(r, ud, "b", 0, [](const Channel &c) { return static_cast<int>(c.aens != 0); });
}
GETTER(get_ch_driver)
{
	const Channel *ch = channel(ud);
	return reply_str(r, ch ? ch->host_driver : "unknown");
}
GETTER(get_ch_reason)
{
	const Channel *ch = channel(ud);
	const Package *p = package(ud);
	return reply_str(r, ch && p ? reason(*ref(ud).c, *p, *ch) : "gone");
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
const sd_bus_vtable kAssetVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Manufacturer", "s", get_manufacturer, 0, kEmits),
	SD_BUS_PROPERTY("Model", "s", get_model, 0, kEmits),
	SD_BUS_PROPERTY("PartNumber", "s", get_empty, 0, kConst),
	SD_BUS_PROPERTY("SerialNumber", "s", get_empty, 0, kConst),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kVersionVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Version", "s", get_version, 0, kEmits),
	SD_BUS_PROPERTY("Purpose", "s", get_purpose, 0, kConst),
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
const sd_bus_vtable kControllerVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("NetworkId", "u", get_net, 0, kConst),
	SD_BUS_PROPERTY("EID", "y", get_eid, 0, kConst),
	SD_BUS_PROPERTY("Endpoint", "o", get_endpoint, 0, kConst),
	SD_BUS_PROPERTY("NCSIVersion", "s", get_ncsi_version, 0, kEmits),
	SD_BUS_PROPERTY("UnavailableReason", "s", get_reason, 0, kEmits),
	SD_BUS_PROPERTY("LastResponse", "t", get_last_response, 0, 0), // read it, no signal
	SD_BUS_VTABLE_END,
};

const sd_bus_vtable kPkgItemVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Present", "b", get_pkg_present, 0, kEmits),
	SD_BUS_PROPERTY("PrettyName", "s", get_pkg_pretty, 0, kConst),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kPkgOpStatusVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Functional", "b", get_pkg_functional, 0, kEmits),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kPackageVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Package", "y", get_pkg_id, 0, kConst),
	SD_BUS_PROPERTY("UUID", "s", get_pkg_uuid, 0, kEmits),
	SD_BUS_PROPERTY("Selected", "b", get_pkg_selected, 0, kEmits),
	SD_BUS_PROPERTY("UnavailableReason", "s", get_pkg_reason, 0, kEmits),
	SD_BUS_PROPERTY("LastResponse", "t", get_pkg_last_response, 0, 0),
	SD_BUS_VTABLE_END,
};

const sd_bus_vtable kChItemVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Present", "b", get_ch_present, 0, kEmits),
	SD_BUS_PROPERTY("PrettyName", "s", get_ch_pretty, 0, kConst),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kChNetVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("MACAddress", "s", get_ch_mac, 0, kEmits),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kChVersionVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Version", "s", get_ch_version, 0, kEmits),
	SD_BUS_PROPERTY("Purpose", "s", get_purpose, 0, kConst),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kChOpStatusVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Functional", "b", get_ch_functional, 0, kEmits),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kChAvailabilityVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Available", "b", get_ch_available, 0, kEmits),
	SD_BUS_VTABLE_END,
};
const sd_bus_vtable kChannelVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Package", "y", get_ch_package, 0, kConst),
	SD_BUS_PROPERTY("Channel", "y", get_ch_channel, 0, kConst),
	SD_BUS_PROPERTY("LinkUp", "b", get_ch_link_up, 0, kEmits),
	SD_BUS_PROPERTY("LinkSpeed", "u", get_ch_speed, 0, kEmits),
	SD_BUS_PROPERTY("FullDuplex", "b", get_ch_duplex, 0, kEmits),
	SD_BUS_PROPERTY("Enabled", "b", get_ch_enabled, 0, kEmits),
	SD_BUS_PROPERTY("AENsEnabled", "b", get_ch_aens, 0, kEmits),
	SD_BUS_PROPERTY("HostDriver", "s", get_ch_driver, 0, kEmits),
	SD_BUS_PROPERTY("UnavailableReason", "s", get_ch_reason, 0, kEmits),
	SD_BUS_VTABLE_END,
};

struct Iface {
	const char *name;
	const sd_bus_vtable *vtable;
};
constexpr Iface kControllerIfaces[] = {
	{kItem, kItemVtable},	      {kAsset, kAssetVtable},
	{kVersion, kVersionVtable},     {kOpStatus, kOpStatusVtable},
	{kAvailability, kAvailabilityVtable}, {kControllerInterface, kControllerVtable},
};
constexpr Iface kPackageIfaces[] = {
	{kItem, kPkgItemVtable},
	{kOpStatus, kPkgOpStatusVtable},
	{kPackageInterface, kPackageVtable},
};
constexpr Iface kChannelIfaces[] = {
	{kItem, kChItemVtable},		{kNetworkInterface, kChNetVtable},
	{kVersion, kChVersionVtable},	{kOpStatus, kChOpStatusVtable},
	{kAvailability, kChAvailabilityVtable}, {kChannelInterface, kChannelVtable},
};

// Everything a signal would announce, to emit only what changed.
std::string shown(const Controller &c)
{
	return std::to_string(c.present) + "|" + c.model + "|" + c.manufacturer + "|" + c.firmware + "|" +
	       std::to_string(functional(c)) + std::to_string(available(c)) + "|" + c.ncsi_version +
	       "|" + reason(c);
}
std::string shown(const Controller &c, const Package &p)
{
	return p.uuid + "|" + std::to_string(p.selected) + std::to_string(functional(c, p)) + "|" +
	       reason(c, p);
}
std::string shown(const Controller &c, const Package &p, const Channel &ch)
{
	char b[64];
	std::snprintf(b, sizeof(b), "%d%d%u%d%d%d%d|", functional(c, p, ch), available(c), ch.speed_mbps,
		      ch.link_up, ch.full_duplex, ch.enabled, ch.aens != 0);
	return b + ch.mac + "|" + ch.firmware + "|" + ch.host_driver + "|" + reason(c, p, ch);
}

} // namespace

Status Publisher::start()
{
	sd_bus_slot *s = nullptr;
	if (int r = sd_bus_add_object_manager(bus_, &s, kInventoryRoot); r < 0)
		return fail(dbus::error(r, std::string("object manager at ") + kInventoryRoot));
	manager_.reset(s);
	return {};
}

Status Publisher::add(Object &o, const std::string &path, void *ud, bool chan, bool pkg)
{
	o.path = path;
	std::span<const Iface> ifaces = chan  ? std::span<const Iface>(kChannelIfaces)
					: pkg ? std::span<const Iface>(kPackageIfaces)
					      : std::span<const Iface>(kControllerIfaces);
	for (const Iface &i : ifaces) {
		sd_bus_slot *s = nullptr;
		if (int r = sd_bus_add_object_vtable(bus_, &s, path.c_str(), i.name, i.vtable, ud); r < 0)
			return fail(dbus::error(r, "publishing " + path + " " + i.name));
		o.slots.emplace_back(s);
	}
	sd_bus_emit_object_added(bus_, path.c_str());
	return {};
}

void Publisher::update(Controller &c)
{
	if (!c.discovered)
		return; // nothing worth showing yet
	Objects &o = objects_[&c];
	if (!c.published) {
		if (auto s = add(o.controller, c.path(), &c, false, false); !s) {
			daemon::log_warning(s.error().message, {.object = c.path()});
			objects_.erase(&c);
			return;
		}
		c.published = true;
		o.controller.shown = shown(c);
	} else if (std::string now = shown(c); now != o.controller.shown) {
		o.controller.shown = now;
		const std::string path = c.path();
		const char *p = path.c_str();
		sd_bus_emit_properties_changed(bus_, p, kItem, "Present", "PrettyName", nullptr);
		sd_bus_emit_properties_changed(bus_, p, kAsset, "Manufacturer", "Model", nullptr);
		sd_bus_emit_properties_changed(bus_, p, kVersion, "Version", nullptr);
		sd_bus_emit_properties_changed(bus_, p, kOpStatus, "Functional", nullptr);
		sd_bus_emit_properties_changed(bus_, p, kAvailability, "Available", nullptr);
		sd_bus_emit_properties_changed(bus_, p, kControllerInterface, "NCSIVersion",
					       "UnavailableReason", nullptr);
	}
	for (auto &[pid, pkg] : c.packages) {
		auto po = o.packages.find(pid);
		const std::string ppath = c.package_path(pid);
		if (po == o.packages.end()) {
			Object obj;
			obj.ref = std::make_unique<Ref>(Ref{&c, pid, 0});
			if (auto s = add(obj, ppath, obj.ref.get(), false, true); !s) {
				daemon::log_warning(s.error().message, {.object = ppath});
				continue;
			}
			obj.shown = shown(c, pkg);
			o.packages.emplace(pid, std::move(obj));
		} else if (std::string now = shown(c, pkg); now != po->second.shown) {
			po->second.shown = now;
			const char *p = ppath.c_str();
			sd_bus_emit_properties_changed(bus_, p, kItem, "Present", nullptr);
			sd_bus_emit_properties_changed(bus_, p, kOpStatus, "Functional", nullptr);
			sd_bus_emit_properties_changed(bus_, p, kPackageInterface, "UUID", "Selected",
						       "UnavailableReason", nullptr);
		}
		for (auto &[cid, ch] : pkg.channels) {
			const auto key = std::make_pair(pid, cid);
			const std::string cpath = c.channel_path(pid, cid);
			ch.published = true;
			auto co = o.channels.find(key);
			if (co == o.channels.end()) {
				Object obj;
				obj.ref = std::make_unique<Ref>(Ref{&c, pid, cid});
				if (auto s = add(obj, cpath, obj.ref.get(), true, false); !s) {
					daemon::log_warning(s.error().message, {.object = cpath});
					continue;
				}
				obj.shown = shown(c, pkg, ch);
				o.channels.emplace(key, std::move(obj));
				continue;
			}
			std::string now = shown(c, pkg, ch);
			if (now == co->second.shown)
				continue;
			co->second.shown = now;
			const char *p = cpath.c_str();
			sd_bus_emit_properties_changed(bus_, p, kItem, "Present", nullptr);
			sd_bus_emit_properties_changed(bus_, p, kNetworkInterface, "MACAddress", nullptr);
			sd_bus_emit_properties_changed(bus_, p, kVersion, "Version", nullptr);
			sd_bus_emit_properties_changed(bus_, p, kOpStatus, "Functional", nullptr);
			sd_bus_emit_properties_changed(bus_, p, kAvailability, "Available", nullptr);
			sd_bus_emit_properties_changed(bus_, p, kChannelInterface, "LinkUp", "LinkSpeed",
						       "FullDuplex", "Enabled", "AENsEnabled", "HostDriver",
						       "UnavailableReason", nullptr);
		}
	}
}

void Publisher::remove(Controller &c)
{
	if (!c.published)
		return;
	auto it = objects_.find(&c);
	if (it != objects_.end()) {
		for (auto &[k, o] : it->second.channels)
			sd_bus_emit_object_removed(bus_, o.path.c_str());
		for (auto &[k, o] : it->second.packages)
			sd_bus_emit_object_removed(bus_, o.path.c_str());
		sd_bus_emit_object_removed(bus_, it->second.controller.path.c_str());
		objects_.erase(it);
	}
	c.published = false;
}

} // namespace mctpxx::ncsid
