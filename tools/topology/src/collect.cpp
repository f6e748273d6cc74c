// SPDX-License-Identifier: GPL-2.0
#include "topology/collect.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace mctpxx::topology {
namespace {

constexpr const char *kCtrld = "xyz.openbmc_project.MCTP";
constexpr const char *kNvmed = "org.mctpstack.NVMe";
constexpr const char *kPldmd = "org.mctpstack.PLDM";
constexpr const char *kNcsid = "org.mctpstack.NCSI";
constexpr const char *kMctpRoot = "/xyz/openbmc_project/mctp";

constexpr const char *kEndpoint = "xyz.openbmc_project.MCTP.Endpoint";
constexpr const char *kUuid = "xyz.openbmc_project.Common.UUID";
constexpr const char *kConnectivity = "org.mctpstack.Endpoint.Connectivity";
constexpr const char *kDetails = "org.mctpstack.Endpoint";
constexpr const char *kBusOwner = "org.mctpstack.BusOwner";

constexpr const char *kItem = "xyz.openbmc_project.Inventory.Item";
constexpr const char *kAsset = "xyz.openbmc_project.Inventory.Decorator.Asset";
constexpr const char *kRevision = "xyz.openbmc_project.Inventory.Decorator.Revision";
constexpr const char *kOpStatus = "xyz.openbmc_project.State.Decorator.OperationalStatus";
constexpr const char *kAvailability = "xyz.openbmc_project.State.Decorator.Availability";
constexpr const char *kVersion = "xyz.openbmc_project.Software.Version";
constexpr const char *kDriveItem = "xyz.openbmc_project.Inventory.Item.Drive";
constexpr const char *kNvmeDrive = "org.mctpstack.NVMe.Drive";
constexpr const char *kTerminus = "org.mctpstack.PLDM.Terminus";
constexpr const char *kNcsiController = "org.mctpstack.NCSI.Controller";
constexpr const char *kNcsiPackage = "org.mctpstack.NCSI.Package";
constexpr const char *kNcsiChannel = "org.mctpstack.NCSI.Channel";
constexpr const char *kNetworkInterface = "xyz.openbmc_project.Inventory.Item.NetworkInterface";

constexpr const char *kValue = "xyz.openbmc_project.Sensor.Value";
constexpr const char *kWarning = "xyz.openbmc_project.Sensor.Threshold.Warning";
constexpr const char *kCritical = "xyz.openbmc_project.Sensor.Threshold.Critical";
constexpr const char *kAssociations = "xyz.openbmc_project.Association.Definitions";
constexpr const char *kSensorRoot = "/xyz/openbmc_project/sensors/";

std::string last_component(const std::string &path)
{
	auto slash = path.rfind('/');
	return slash == std::string::npos ? path : path.substr(slash + 1);
}

// "/a/b/c" -> "/a/b"
std::string parent_path(const std::string &path)
{
	auto slash = path.rfind('/');
	return slash == std::string::npos || slash == 0 ? "/" : path.substr(0, slash);
}

// "xyz.openbmc_project.Sensor.Value.Unit.DegreesC" -> "DegreesC"
std::string last_dotted(const std::string &s)
{
	auto dot = s.rfind('.');
	return dot == std::string::npos ? s : s.substr(dot + 1);
}

struct Reader {
	const Interfaces &i;
	std::string str(const char *iface, const char *name, std::string def = "") const
	{
		return as_string(property(i, iface, name)).value_or(std::move(def));
	}
	bool flag(const char *iface, const char *name, bool def) const
	{
		return as_bool(property(i, iface, name)).value_or(def);
	}
	std::uint64_t num(const char *iface, const char *name, std::uint64_t def = 0) const
	{
		return as_unsigned(property(i, iface, name)).value_or(def);
	}
	double real(const char *iface, const char *name) const
	{
		return as_double(property(i, iface, name)).value_or(kNaN);
	}
	bool has(const char *iface) const { return i.count(iface) > 0; }
};

ItemInfo item_of(const std::string &path, const Reader &r)
{
	ItemInfo it;
	it.path = path;
	it.name = last_component(path);
	it.present = r.flag(kItem, "Present", true);
	it.pretty_name = r.str(kItem, "PrettyName");
	it.functional = r.flag(kOpStatus, "Functional", true);
	it.available = r.flag(kAvailability, "Available", true);
	it.manufacturer = r.str(kAsset, "Manufacturer");
	it.model = r.str(kAsset, "Model");
	it.part_number = r.str(kAsset, "PartNumber");
	it.serial_number = r.str(kAsset, "SerialNumber");
	it.version = r.str(kVersion, "Version", r.str(kRevision, "Version"));
	return it;
}

void endpoints(const Objects &objs, Snapshot &s)
{
	for (const auto &[path, ifaces] : objs) {
		const Reader r{ifaces};
		if (!r.has(kEndpoint) || path.compare(0, std::string(kMctpRoot).size() + 1,
						      std::string(kMctpRoot) + "/") != 0)
			continue;
		EndpointInfo e;
		e.path = path;
		e.eid = static_cast<std::uint8_t>(r.num(kEndpoint, "EID"));
		// an int32 on this tree: read as signed
		e.net = static_cast<unsigned>(
			as_signed(property(ifaces, kEndpoint, "NetworkId")).value_or(0));
		for (auto t : as_integers(property(ifaces, kEndpoint, "SupportedMessageTypes")))
			e.types.push_back(static_cast<std::uint8_t>(t));
		e.uuid = r.str(kUuid, "UUID");
		e.state = r.str(kConnectivity, "State", "Available");
		e.reason = r.str(kConnectivity, "Reason");
		e.last_response = r.num(kConnectivity, "LastResponse");
		e.link = r.str(kDetails, "Link");
		e.phys = as_bytes(property(ifaces, kDetails, "PhysicalAddress"));
		e.host_powered = r.flag(kDetails, "HostPowered", false);
		e.eid_type = r.str(kDetails, "EIDType");
		for (const auto &v : as_integer_tuples(property(ifaces, kDetails, "VendorDefinedMessageTypes")))
			if (v.size() == 3)
				e.vendor.push_back({static_cast<unsigned>(v[0]), static_cast<std::uint32_t>(v[1]),
						    static_cast<std::uint16_t>(v[2])});
		s.endpoints.push_back(std::move(e));
	}
	if (auto h = as_bool(property(objs, kMctpRoot, kBusOwner, "HostOn")))
		s.host_on = *h;
}

void drives(const Objects &objs, Snapshot &s)
{
	for (const auto &[path, ifaces] : objs) {
		const Reader r{ifaces};
		if (!r.has(kNvmeDrive))
			continue;
		NvmeDriveInfo d;
		d.item = item_of(path, r);
		d.endpoint = r.str(kNvmeDrive, "Endpoint");
		d.reason = r.str(kNvmeDrive, "UnavailableReason");
		d.last_response = r.num(kNvmeDrive, "LastResponse");
		d.mic_errors = static_cast<unsigned>(r.num(kNvmeDrive, "MICErrors"));
		d.critical_warning = static_cast<std::uint8_t>(r.num(kNvmeDrive, "CriticalWarning"));
		for (auto c : as_integers(property(ifaces, kNvmeDrive, "Controllers")))
			d.controllers.push_back(static_cast<std::uint16_t>(c));
		d.capacity = r.num(kDriveItem, "Capacity");
		d.transport = r.str(kNvmeDrive, "Transport", "MCTP");
		s.drives.push_back(std::move(d));
	}
}

void termini(const Objects &objs, Snapshot &s)
{
	for (const auto &[path, ifaces] : objs) {
		const Reader r{ifaces};
		if (!r.has(kTerminus))
			continue;
		PldmTerminusInfo t;
		t.item = item_of(path, r);
		t.endpoint = r.str(kTerminus, "Endpoint");
		t.tid = static_cast<unsigned>(r.num(kTerminus, "TID"));
		t.events = r.flag(kTerminus, "EventsEnabled", false);
		t.reason = r.str(kTerminus, "UnavailableReason");
		t.last_response = r.num(kTerminus, "LastResponse");
		s.termini.push_back(std::move(t));
	}
}

void ncsi(const Objects &objs, Snapshot &s)
{
	for (const auto &[path, ifaces] : objs) {
		const Reader r{ifaces};
		if (r.has(kNcsiController)) {
			NcsiControllerInfo c;
			c.item = item_of(path, r);
			c.endpoint = r.str(kNcsiController, "Endpoint");
			c.net = static_cast<unsigned>(r.num(kNcsiController, "NetworkId"));
			c.eid = static_cast<std::uint8_t>(r.num(kNcsiController, "EID"));
			c.reason = r.str(kNcsiController, "UnavailableReason");
			c.last_response = r.num(kNcsiController, "LastResponse");
			s.ncsi_controllers.push_back(std::move(c));
		} else if (r.has(kNcsiPackage)) {
			NcsiPackageInfo p;
			p.item = item_of(path, r);
			p.controller = parent_path(path);
			p.package = static_cast<unsigned>(r.num(kNcsiPackage, "Package"));
			p.uuid = r.str(kNcsiPackage, "UUID");
			p.selected = r.flag(kNcsiPackage, "Selected", false);
			p.reason = r.str(kNcsiPackage, "UnavailableReason");
			s.ncsi_packages.push_back(std::move(p));
		} else if (r.has(kNcsiChannel)) {
			NcsiChannelInfo c;
			c.item = item_of(path, r);
			c.package_object = parent_path(path);
			c.package = static_cast<unsigned>(r.num(kNcsiChannel, "Package"));
			c.channel = static_cast<unsigned>(r.num(kNcsiChannel, "Channel"));
			c.mac = r.str(kNetworkInterface, "MACAddress");
			c.link_up = r.flag(kNcsiChannel, "LinkUp", false);
			c.speed_mbps = static_cast<unsigned>(r.num(kNcsiChannel, "LinkSpeed"));
			c.full_duplex = r.flag(kNcsiChannel, "FullDuplex", false);
			c.enabled = r.flag(kNcsiChannel, "Enabled", false);
			c.aens = r.flag(kNcsiChannel, "AENsEnabled", false);
			c.host_driver = r.str(kNcsiChannel, "HostDriver", "unknown");
			c.reason = r.str(kNcsiChannel, "UnavailableReason");
			s.ncsi_channels.push_back(std::move(c));
		}
	}
}

void sensors(const std::string &service, const Objects &objs, Snapshot &s)
{
	std::set<std::string> inventory;
	for (const auto &[path, ifaces] : objs)
		if (ifaces.count(kItem))
			inventory.insert(path);
	for (const auto &[path, ifaces] : objs) {
		const Reader r{ifaces};
		if (!r.has(kValue) || path.compare(0, std::string(kSensorRoot).size(), kSensorRoot) != 0)
			continue;
		SensorInfo x;
		x.path = path;
		x.service = service;
		x.name = last_component(path);
		x.kind = last_component(parent_path(path));
		x.value = r.real(kValue, "Value");
		x.unit = last_dotted(r.str(kValue, "Unit"));
		x.warning_high = r.real(kWarning, "WarningHigh");
		x.warning_low = r.real(kWarning, "WarningLow");
		x.critical_high = r.real(kCritical, "CriticalHigh");
		x.critical_low = r.real(kCritical, "CriticalLow");
		x.warning_alarm_high = r.flag(kWarning, "WarningAlarmHigh", false);
		x.warning_alarm_low = r.flag(kWarning, "WarningAlarmLow", false);
		x.critical_alarm_high = r.flag(kCritical, "CriticalAlarmHigh", false);
		x.critical_alarm_low = r.flag(kCritical, "CriticalAlarmLow", false);
		x.functional = r.flag(kOpStatus, "Functional", true);
		// its owner: an association to an inventory object of the
		// daemon, else the inventory object of the same name
		for (const auto &a : as_string_tuples(property(ifaces, kAssociations, "Associations")))
			if (a.size() == 3 && inventory.count(a[2])) {
				x.owner = a[2];
				break;
			}
		if (x.owner.empty())
			for (const auto &inv : inventory)
				if (last_component(inv) == x.name) {
					x.owner = inv;
					break;
				}
		s.sensors.push_back(std::move(x));
	}
}

} // namespace

Snapshot snapshot_from(const ObjectCache &cache, SysfsView sysfs)
{
	Snapshot s;
	s.sysfs = std::move(sysfs);
	s.running = {cache.running(kCtrld), cache.running(kNvmed), cache.running(kPldmd),
		     cache.running(kNcsid)};
	if (const auto *c = cache.find(kCtrld))
		endpoints(c->objects, s);
	if (const auto *c = cache.find(kNvmed)) {
		drives(c->objects, s);
		sensors(kNvmed, c->objects, s);
	}
	if (const auto *c = cache.find(kPldmd)) {
		termini(c->objects, s);
		sensors(kPldmd, c->objects, s);
	}
	if (const auto *c = cache.find(kNcsid)) {
		ncsi(c->objects, s);
		sensors(kNcsid, c->objects, s);
	}
	return s;
}

SysfsView read_sysfs()
{
	auto all = i2c::I2cSysfs().scan();
	std::map<unsigned, const i2c::Adapter *> by_bus;
	for (const auto &a : all.adapters)
		by_bus[a.bus] = &a;
	// the root adapter of a bus: up through the muxes
	auto root_of = [&by_bus](unsigned b) {
		for (unsigned hops = 0; hops < 64; hops++) {
			auto it = by_bus.find(b);
			if (it == by_bus.end() || !it->second->parent)
				break;
			b = *it->second->parent;
		}
		return b;
	};
	std::set<unsigned> roots;
	SysfsView v;
	for (auto &n : all.netdevs) {
		if (!n.mctp)
			continue;
		roots.insert(root_of(n.bus));
		v.netdevs.push_back(std::move(n));
	}
	for (const auto &a : all.adapters)
		if (roots.count(root_of(a.bus)))
			v.adapters.push_back(a);
	for (const auto &c : all.clients)
		if (roots.count(root_of(c.bus)))
			v.clients.push_back(c);
	return v;
}

} // namespace mctpxx::topology
