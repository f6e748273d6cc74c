// SPDX-License-Identifier: GPL-2.0
// Everything the view is built from, as plain values: the kernel's i2c
// device tree (adapters, mux channels, clients, the netdevs on them) and
// what each daemon publishes (endpoints, NVMe drives, PLDM termini, NC-SI
// controllers, sensors). collect.hpp fills it; build.hpp makes the tree of
// it; unit tests write it by hand.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "i2c/sysfs.hpp"

namespace mctpxx::topology {

inline const double kNaN = std::nan("");

// The kernel's view: sysfs through sd-device (tools/i2c).
struct SysfsView {
	std::vector<i2c::Adapter> adapters;
	std::vector<i2c::Client> clients;
	std::vector<i2c::Netdev> netdevs;
};

// mctp-ctrld: one endpoint (xyz.openbmc_project.MCTP at .../mctp/NET/EID).
struct EndpointInfo {
	std::string path;
	unsigned net = 0;
	std::uint8_t eid = 0;
	std::string link;		   // the MCTP link it is on
	std::vector<std::uint8_t> phys;	   // its physical address there (SMBus: 1 byte)
	std::string uuid;
	std::vector<std::uint8_t> types;   // SupportedMessageTypes
	std::string state = "Available";   // Connectivity.State
	std::string reason;		   // Connectivity.Reason
	std::uint64_t last_response = 0;   // µs since the epoch, 0: unknown
	bool host_powered = false;
	std::string eid_type;		   // dynamic, static, ...
	struct Vendor {
		unsigned format = 0; // 0 PCI, 1 IANA
		std::uint32_t id = 0;
		std::uint16_t command_set = 0;
	};
	std::vector<Vendor> vendor;
};

// A sensor of mctp-nvmed or mctp-pldmd (xyz.openbmc_project.Sensor.*).
struct SensorInfo {
	std::string path;     // /xyz/openbmc_project/sensors/KIND/NAME
	std::string service;  // who publishes it
	std::string owner;    // the inventory object it belongs to
	std::string kind;     // temperature, power, ...
	std::string name;     // NAME
	double value = kNaN;
	std::string unit;     // Sensor.Value.Unit, last component ("DegreesC")
	double warning_high = kNaN, warning_low = kNaN, critical_high = kNaN, critical_low = kNaN;
	bool warning_alarm_high = false, warning_alarm_low = false;
	bool critical_alarm_high = false, critical_alarm_low = false;
	bool functional = true; // OperationalStatus, true when not published
};

// Inventory's common part (Item, OperationalStatus, Availability, Asset).
struct ItemInfo {
	std::string path;
	std::string name;	// the object's last path component
	bool present = true;
	std::string pretty_name;
	bool functional = true;
	bool available = true;
	std::string manufacturer, model, part_number, serial_number, version;
};

// mctp-nvmed: one drive (an NVM subsystem behind an NVMe-MI endpoint).
struct NvmeDriveInfo {
	ItemInfo item;
	std::string endpoint;	// the control daemon's endpoint object
	std::string reason;	// UnavailableReason
	std::uint64_t last_response = 0;
	unsigned mic_errors = 0;
	std::uint8_t critical_warning = 0;
	std::vector<std::uint16_t> controllers;
	std::uint64_t capacity = 0; // bytes
	std::string transport;	// MCTP, BasicManagement
};

// mctp-pldmd: one terminus (a board).
struct PldmTerminusInfo {
	ItemInfo item;
	std::string endpoint;
	unsigned tid = 0;
	bool events = false;
	std::string reason;
	std::uint64_t last_response = 0;
};

// mctp-ncsid: controllers, packages and channels (the NC-SI contract).
struct NcsiControllerInfo {
	ItemInfo item;
	std::string endpoint;
	unsigned net = 0;
	std::uint8_t eid = 0;
	std::string reason;
	std::uint64_t last_response = 0;
};
struct NcsiPackageInfo {
	ItemInfo item;
	std::string controller; // the controller's object
	unsigned package = 0;
	std::string uuid;
	bool selected = false;
	std::string reason;
};
struct NcsiChannelInfo {
	ItemInfo item;
	std::string package_object;
	unsigned package = 0, channel = 0;
	std::string mac;
	bool link_up = false;
	unsigned speed_mbps = 0;
	bool full_duplex = false, enabled = false, aens = false;
	std::string host_driver; // up, down, unknown
	std::string reason;
};

// Which daemons own their bus names.
struct Running {
	bool ctrld = false, nvmed = false, pldmd = false, ncsid = false;
};

struct Snapshot {
	SysfsView sysfs;
	Running running;
	std::optional<bool> host_on; // mctp-ctrld's HostOn
	std::vector<EndpointInfo> endpoints;
	std::vector<NvmeDriveInfo> drives;
	std::vector<PldmTerminusInfo> termini;
	std::vector<NcsiControllerInfo> ncsi_controllers;
	std::vector<NcsiPackageInfo> ncsi_packages;
	std::vector<NcsiChannelInfo> ncsi_channels;
	std::vector<SensorInfo> sensors;
};

} // namespace mctpxx::topology
