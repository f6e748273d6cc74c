// SPDX-License-Identifier: GPL-2.0
// A hand-made snapshot for the topology tests: a BMC's i2c bus with a mux
// of four channels, every kind of node (endpoints of every message type,
// NVMe drive, PLDM card, NC-SI NIC, sensors, an i2c device of another
// driver) and, in variants, every reason a node is not usable.
#pragma once

#include "topology/snapshot.hpp"

namespace topology_test {

using namespace mctpxx::topology;

// 2024-05-03 20:41:07 UTC, and 20:51:00 the same day (TZ=UTC in the tests)
inline constexpr std::uint64_t kSilentSince = 1714768867ull * 1000000;
inline constexpr std::uint64_t kNow = 1714769460ull * 1000000;

inline EndpointInfo endpoint(unsigned eid, const std::string &link, std::uint8_t addr,
			     std::vector<std::uint8_t> types)
{
	EndpointInfo e;
	e.path = "/xyz/openbmc_project/mctp/1/" + std::to_string(eid);
	e.net = 1;
	e.eid = static_cast<std::uint8_t>(eid);
	e.link = link;
	e.phys = {addr};
	e.uuid = "11111111-0000-4000-8000-0000000000" + std::to_string(eid);
	e.types = std::move(types);
	e.eid_type = "dynamic";
	e.last_response = kNow - 1000000;
	return e;
}

inline ItemInfo item(const std::string &path)
{
	ItemInfo i;
	i.path = path;
	i.name = path.substr(path.rfind('/') + 1);
	return i;
}

inline SensorInfo sensor(const std::string &service, const std::string &owner,
			 const std::string &kind, const std::string &name, double value,
			 const std::string &unit, double warn, double crit)
{
	SensorInfo s;
	s.path = "/xyz/openbmc_project/sensors/" + kind + "/" + name;
	s.service = service;
	s.owner = owner;
	s.kind = kind;
	s.name = name;
	s.value = value;
	s.unit = unit;
	s.warning_high = warn;
	s.critical_high = crit;
	s.warning_alarm_high = value >= warn;
	s.critical_alarm_high = value >= crit;
	return s;
}

inline const std::string kDrive = "/xyz/openbmc_project/inventory/system/drive/nvme_1_18";
inline const std::string kBoard = "/xyz/openbmc_project/inventory/system/board/pldm_1_20";
inline const std::string kNic = "/xyz/openbmc_project/inventory/system/nic/ncsi_1_21";

// Everything present and usable (but the endpoints whose only types no
// daemon serves, and the i2c device, which is not MCTP).
inline Snapshot sample()
{
	Snapshot s;
	s.running = {true, true, true, true};
	s.host_on = true;
	auto &v = s.sysfs;
	v.adapters.push_back({1, "smbus-sim s0/a0", {}, {}, "", ""});
	for (unsigned k = 0; k < 4; k++)
		v.adapters.push_back({5 + k, "i2c-1-mux (chan_id " + std::to_string(k) + ")", 1u, k,
				      "s0:m0", ""});
	v.netdevs.push_back({"mctpi2c1", 1, true, true});
	for (unsigned k = 0; k < 4; k++)
		v.netdevs.push_back({"mctpi2c" + std::to_string(5 + k), 5 + k, true, true});
	v.clients.push_back({1, 0x10, true, "1-1010", "mctp-smbus", "mctp-smbus"});
	v.clients.push_back({1, 0x48, false, "1-0048", "tmp75", "dummy"});

	// control only, a vendor type, SPDM: no function daemon serves them
	auto vendor = endpoint(16, "mctpi2c1", 0x1d, {0, 0x7f});
	vendor.vendor.push_back({1, 32473, 1});
	s.endpoints.push_back(vendor);
	s.endpoints.push_back(endpoint(17, "mctpi2c6", 0x1e, {0, 5}));
	auto control = endpoint(40, "mctpi2c1", 0x1f, {0});
	control.eid_type = "static";
	s.endpoints.push_back(control);

	// an NVMe drive behind channel 2
	s.endpoints.push_back(endpoint(18, "mctpi2c7", 0x1a, {0, 4}));
	NvmeDriveInfo d;
	d.item = item(kDrive);
	d.item.manufacturer = "Acme Storage";
	d.item.model = "Acme X1";
	d.item.part_number = "ACM-X1-960";
	d.item.serial_number = "SN-DEMO-0";
	d.item.version = "1.4.0";
	d.endpoint = "/xyz/openbmc_project/mctp/1/18";
	d.last_response = kNow - 2000000;
	d.controllers = {0};
	d.capacity = 960'000'000'000;
	d.transport = "MCTP";
	s.drives.push_back(d);
	s.sensors.push_back(sensor("org.mctpstack.NVMe", kDrive, "temperature", "nvme_1_18", 38,
				   "DegreesC", 70, 85));

	// a PLDM card behind channel 0
	s.endpoints.push_back(endpoint(20, "mctpi2c5", 0x1c, {0, 1}));
	PldmTerminusInfo t;
	t.item = item(kBoard);
	t.item.manufacturer = "Emulated Devices";
	t.item.model = "EMU-ACCEL-100";
	t.item.part_number = "PN-100-01";
	t.item.serial_number = "SN-CARD-0";
	t.item.version = "1.0";
	t.endpoint = "/xyz/openbmc_project/mctp/1/20";
	t.tid = 1;
	t.events = true;
	s.termini.push_back(t);
	s.sensors.push_back(sensor("org.mctpstack.PLDM", kBoard, "temperature", "pldm_1_20_1", 42,
				   "DegreesC", 70, 85));
	s.sensors.push_back(sensor("org.mctpstack.PLDM", kBoard, "power", "pldm_1_20_3", 25, "Watts",
				   75, kNaN));

	// a NIC on the root bus: one package, two channels, link up on 0
	s.endpoints.push_back(endpoint(21, "mctpi2c1", 0x30, {0, 2}));
	NcsiControllerInfo n;
	n.item = item(kNic);
	n.item.manufacturer = "Emulated NICs";
	n.item.model = "EMU-NIC-2";
	n.item.version = "2.1.0";
	n.endpoint = "/xyz/openbmc_project/mctp/1/21";
	n.net = 1;
	n.eid = 21;
	n.last_response = kNow - 3000000;
	s.ncsi_controllers.push_back(n);
	NcsiPackageInfo p;
	p.item = item(kNic + "/package_0");
	p.controller = kNic;
	p.package = 0;
	p.uuid = "aaaaaaaa-0000-4000-8000-000000000000";
	p.selected = true;
	s.ncsi_packages.push_back(p);
	for (unsigned c = 0; c < 2; c++) {
		NcsiChannelInfo ch;
		ch.item = item(kNic + "/package_0/channel_" + std::to_string(c));
		ch.package_object = p.item.path;
		ch.package = 0;
		ch.channel = c;
		ch.mac = "02:00:00:00:00:0" + std::to_string(c);
		ch.item.version = "2.1.0";
		ch.link_up = true;
		ch.speed_mbps = 1000;
		ch.full_duplex = true;
		ch.enabled = c == 0;
		ch.host_driver = "up";
		s.ncsi_channels.push_back(ch);
	}
	return s;
}

} // namespace topology_test
