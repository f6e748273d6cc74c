// SPDX-License-Identifier: GPL-2.0
// mctp-topology's tree from hand-made snapshots: every node kind where it
// belongs, and every reason a node is not usable, in the words an operator
// reads.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>

#include "topology/build.hpp"
#include "topology_sample.hpp"

using namespace mctpxx::topology;
using namespace topology_test;

namespace {

const std::string kRoot = "/org/mctpstack/topology";
const std::string kBus = kRoot + "/i2c_1";
const std::string kMux = kBus + "/mux_s0_3am0";
const std::string kDriveNode = kMux + "/ch_2/addr_1a/drive_nvme_1_18";
const std::string kBoardNode = kMux + "/ch_0/addr_1c/board_pldm_1_20";
const std::string kNicNode = kBus + "/addr_30/nic_ncsi_1_21";

class Utc : public ::testing::Environment {
public:
	void SetUp() override
	{
		setenv("TZ", "UTC", 1);
		tzset();
	}
};
const auto *utc = ::testing::AddGlobalTestEnvironment(new Utc);

const Node *find(const Tree &t, const std::string &path)
{
	for (const auto &n : t.nodes)
		if (n.path == path)
			return &n;
	return nullptr;
}

// The node at @path; the test fails when there is none.
const Node &at(const Tree &t, const std::string &path)
{
	static const Node none{.path = "(none)", .kind = "none", .present = false};
	const Node *n = find(t, path);
	EXPECT_NE(n, nullptr) << "no node " << path;
	return n ? *n : none;
}

void expect_usable(const Node &n)
{
	EXPECT_TRUE(n.present) << n.path;
	EXPECT_TRUE(n.usable) << n.path << ": " << n.reason;
	EXPECT_EQ(n.reason, "") << n.path;
	EXPECT_FALSE(is_problem(n)) << n.path;
}

void expect_not_usable(const Node &n, const std::string &reason)
{
	EXPECT_TRUE(n.present) << n.path;
	EXPECT_FALSE(n.usable) << n.path;
	EXPECT_EQ(n.reason, reason) << n.path;
	EXPECT_TRUE(is_problem(n)) << n.path;
}

EndpointInfo &endpoint_of(Snapshot &s, unsigned eid)
{
	for (auto &e : s.endpoints)
		if (e.eid == eid)
			return e;
	throw std::runtime_error("no endpoint " + std::to_string(eid));
}

SensorInfo &sensor_named(Snapshot &s, const std::string &name)
{
	for (auto &x : s.sensors)
		if (x.name == name)
			return x;
	throw std::runtime_error("no sensor " + name);
}

} // namespace

// The physical path down: bus, mux, channels, addresses, functions, parts.
TEST(TopologyBuild, EveryKindWhereItBelongs)
{
	const Tree t = build(sample(), kNow);
	struct Want {
		std::string path, parent, kind, name;
	};
	const Want want[] = {
		{kBus, kRoot, kind::kBus, "i2c-1"},
		{kMux, kBus, kind::kMux, "s0:m0"},
		{kMux + "/ch_0", kMux, kind::kChannel, "channel 0"},
		{kMux + "/ch_3", kMux, kind::kChannel, "channel 3"},
		{kBus + "/addr_1d", kBus, kind::kEndpoint, "0x1d"},
		{kBus + "/dev_48", kBus, kind::kDevice, "0x48"},
		{kMux + "/ch_1/addr_1e", kMux + "/ch_1", kind::kEndpoint, "0x1e"},
		{kMux + "/ch_2/addr_1a", kMux + "/ch_2", kind::kEndpoint, "0x1a"},
		{kDriveNode, kMux + "/ch_2/addr_1a", kind::kNvmeSubsystem, "nvme_1_18"},
		{kDriveNode + "/ctrl_0", kDriveNode, kind::kNvmeController, "controller 0"},
		{kDriveNode + "/sensor_temperature_nvme_1_18", kDriveNode, kind::kSensor,
		 "temperature/nvme_1_18"},
		{kBoardNode, kMux + "/ch_0/addr_1c", kind::kPldmTerminus, "pldm_1_20"},
		{kBoardNode + "/fru", kBoardNode, kind::kPldmFru, "FRU"},
		{kBoardNode + "/sensor_temperature_pldm_1_20_1", kBoardNode, kind::kSensor,
		 "temperature/pldm_1_20_1"},
		{kBoardNode + "/sensor_power_pldm_1_20_3", kBoardNode, kind::kSensor, "power/pldm_1_20_3"},
		{kNicNode, kBus + "/addr_30", kind::kNcsiController, "ncsi_1_21"},
		{kNicNode + "/package_0", kNicNode, kind::kNcsiPackage, "package 0"},
		{kNicNode + "/package_0/channel_1", kNicNode + "/package_0", kind::kNcsiChannel,
		 "channel 1"},
	};
	for (const auto &w : want) {
		const Node &n = at(t, w.path);
		EXPECT_EQ(n.parent, w.parent) << w.path;
		EXPECT_EQ(n.kind, w.kind) << w.path;
		EXPECT_EQ(n.name, w.name) << w.path;
	}
	// 1 bus, 1 mux, 4 channels, 7 addresses (6 endpoints, 1 device), the
	// drive with a controller and a sensor, the card with FRU and 2
	// sensors, the NIC with a package and 2 channels
	EXPECT_EQ(t.nodes.size(), 1u + 1 + 4 + 7 + 3 + 4 + 4);
	// each parent comes before its children
	for (std::size_t i = 0; i < t.nodes.size(); i++) {
		if (t.nodes[i].parent == kRoot)
			continue;
		auto p = std::find_if(t.nodes.begin(), t.nodes.begin() + static_cast<long>(i),
				      [&](const Node &n) { return n.path == t.nodes[i].parent; });
		EXPECT_NE(p, t.nodes.begin() + static_cast<long>(i)) << t.nodes[i].path;
	}
	// all usable but what no daemon serves and what is not MCTP
	for (const auto &n : t.nodes) {
		if (n.path == kBus + "/addr_1d" || n.path == kBus + "/addr_1f" ||
		    n.path == kMux + "/ch_1/addr_1e" || n.path == kBus + "/dev_48")
			continue;
		expect_usable(n);
	}
}

TEST(TopologyBuild, Identity)
{
	const Tree t = build(sample(), kNow);
	const Node &bus = at(t, kBus);
	EXPECT_EQ(bus.identity, (Identity{{"adapter", "smbus-sim s0/a0"},
					  {"link", "mctpi2c1"},
					  {"own address", "0x10"}}));
	EXPECT_EQ(bus.present_how, "sysfs: i2c adapter i2c-1");
	EXPECT_EQ(bus.source, "/");
	const Node &ch = at(t, kMux + "/ch_2");
	EXPECT_EQ(ch.identity, (Identity{{"bus", "i2c-7"}, {"channel", "2"}, {"link", "mctpi2c7"}}));
	const Node &ep = at(t, kMux + "/ch_2/addr_1a");
	EXPECT_EQ(ep.identity, (Identity{{"EID", "18"},
					 {"network", "1"},
					 {"UUID", "11111111-0000-4000-8000-000000000018"},
					 {"message types", "0 control, 4 NVMe-MI"}}));
	EXPECT_EQ(ep.source, "/xyz/openbmc_project/mctp/1/18");
	EXPECT_EQ(ep.present_how, "mctp-ctrld: endpoint at 0x1a on mctpi2c7, EID 18 (dynamic)");
	EXPECT_EQ(identity_value(at(t, kBus + "/addr_1d"), "vendor types"), "IANA 32473 set 1");
	const Node &drive = at(t, kDriveNode);
	EXPECT_EQ(drive.identity, (Identity{{"manufacturer", "Acme Storage"},
					    {"model", "Acme X1"},
					    {"part", "ACM-X1-960"},
					    {"serial", "SN-DEMO-0"},
					    {"firmware", "1.4.0"},
					    {"capacity", "960 GB"}}));
	EXPECT_EQ(drive.source, kDrive);
	EXPECT_EQ(identity_value(at(t, kBoardNode + "/fru"), "serial"), "SN-CARD-0");
	EXPECT_EQ(identity_value(at(t, kBoardNode), "TID"), "1");
	EXPECT_EQ(identity_value(at(t, kBoardNode + "/sensor_temperature_pldm_1_20_1"), "critical high"),
		  "85");
	EXPECT_EQ(identity_value(at(t, kNicNode + "/package_0/channel_1"), "MAC"), "02:00:00:00:00:01");
	EXPECT_EQ(identity_value(at(t, kNicNode + "/package_0/channel_1"), "speed"),
		  "1000 Mb/s full duplex");
	EXPECT_EQ(identity_value(at(t, kNicNode), "firmware"), "2.1.0");
}

// A hwmon-style sensor the scan left alone: present, not MCTP, not probed,
// and no problem.
TEST(TopologyBuild, DeviceOfAnotherDriver)
{
	Snapshot s = sample();
	s.sysfs.clients.push_back({1, 0x4c, false, "1-004c", "lm75", ""});
	const Tree t = build(s, kNow);
	for (const char *p : {"/dev_48", "/dev_4c"}) {
		const Node &d = at(t, kBus + p);
		EXPECT_TRUE(d.present);
		EXPECT_FALSE(d.usable);
		EXPECT_EQ(d.reason, kNotMctp);
		EXPECT_FALSE(is_problem(d));
	}
	EXPECT_EQ(at(t, kBus + "/dev_48").present_how, "sysfs: i2c client 1-0048, driver dummy");
	EXPECT_EQ(at(t, kBus + "/dev_4c").present_how, "sysfs: i2c client 1-004c, no driver");
	EXPECT_EQ(identity_value(at(t, kBus + "/dev_4c"), "driver"), "none");
	// this host's own binding and the mux are no devices
	EXPECT_EQ(find(t, kBus + "/dev_10"), nullptr);
}

TEST(TopologyBuild, UnsupportedMessageTypes)
{
	const Tree t = build(sample(), kNow);
	expect_not_usable(at(t, kBus + "/addr_1d"), "unsupported message type 0x7f (vendor-IANA)");
	expect_not_usable(at(t, kMux + "/ch_1/addr_1e"), "unsupported message type 5 (SPDM)");
	expect_not_usable(at(t, kBus + "/addr_1f"), "unsupported message types: only MCTP control (0)");
	Snapshot s = sample();
	endpoint_of(s, 17).types = {0, 5, 0x7e};
	expect_not_usable(at(build(s, kNow), kMux + "/ch_1/addr_1e"),
			  "unsupported message types 5 (SPDM), 0x7e (vendor-PCI)");
	// one served type is enough
	endpoint_of(s, 18).types = {0, 4, 5};
	expect_usable(at(build(s, kNow), kMux + "/ch_2/addr_1a"));
}

TEST(TopologyBuild, HostOff)
{
	Snapshot s = sample();
	auto &e = endpoint_of(s, 20);
	e.state = "Unavailable";
	e.reason = "host off";
	e.host_powered = true;
	s.host_on = false;
	s.termini[0].item.available = false;
	s.termini[0].item.functional = false;
	s.termini[0].reason = "host off";
	s.sensors[1].value = kNaN;
	const Tree t = build(s, kNow);
	expect_not_usable(at(t, kMux + "/ch_0/addr_1c"), "host off");
	expect_not_usable(at(t, kBoardNode), "host off");
	EXPECT_EQ(identity_value(at(t, kMux + "/ch_0/addr_1c"), "powered by"), "host");
	expect_not_usable(at(t, kBoardNode + "/sensor_temperature_pldm_1_20_1"), "no reading");
	// what the control daemon says after power-on passes through
	e.reason = "waiting for the endpoint after host power-on";
	expect_not_usable(at(build(s, kNow), kMux + "/ch_0/addr_1c"),
			  "waiting for the endpoint after host power-on");
}

TEST(TopologyBuild, NoResponseSince)
{
	Snapshot s = sample();
	auto &e = endpoint_of(s, 18);
	e.state = "Degraded";
	e.reason = "not responding";
	e.last_response = kSilentSince;
	auto &d = s.drives[0];
	d.item.available = false;
	d.item.functional = false;
	d.reason = "not answering: subsystem health status poll (mctp:1,18): Connection timed out";
	d.last_response = kSilentSince;
	const Tree t = build(s, kNow);
	expect_not_usable(at(t, kMux + "/ch_2/addr_1a"), "no response since 20:41:07");
	expect_not_usable(at(t, kDriveNode), "no response since 20:41:07");
	expect_not_usable(at(t, kDriveNode + "/ctrl_0"), "no response since 20:41:07");

	// silent long enough to be absent
	d.item.present = false;
	const Tree gone = build(s, kNow);
	const Node &absent = at(gone, kDriveNode);
	EXPECT_FALSE(absent.present);
	EXPECT_FALSE(absent.usable);
	EXPECT_EQ(absent.reason, "no response since 20:41:07");
	EXPECT_EQ(absent.present_how, "mctp-nvmed: seen before, absent after missed polls");
	EXPECT_TRUE(is_problem(absent));

	// a day later the date is said; never answered: no time at all
	EXPECT_EQ(at(build(s, kNow + 86'400'000'000ull), kMux + "/ch_2/addr_1a").reason,
		  "no response since 2024-05-03 20:41:07");
	e.last_response = 0;
	EXPECT_EQ(at(build(s, kNow), kMux + "/ch_2/addr_1a").reason, "no response");

	// a silent PLDM terminus likewise
	Snapshot p = sample();
	p.termini[0].item.available = false;
	p.termini[0].reason = "not answering: no response after 3 attempts of 1000 ms";
	p.termini[0].last_response = kSilentSince;
	expect_not_usable(at(build(p, kNow), kBoardNode), "no response since 20:41:07");
}

TEST(TopologyBuild, MicErrors)
{
	Snapshot s = sample();
	auto &d = s.drives[0];
	d.item.available = false;
	d.item.functional = false;
	d.mic_errors = 7;
	d.reason = "MIC errors: its answers fail their integrity check";
	const Tree t = build(s, kNow);
	expect_not_usable(at(t, kDriveNode), "MIC errors: its answers fail their integrity check");
	EXPECT_EQ(identity_value(at(t, kDriveNode), "MIC errors"), "7");
	// the endpoint itself answers its control requests
	expect_usable(at(t, kMux + "/ch_2/addr_1a"));
	// healthy again: the count stays as identity, the drive is usable
	d.item.available = d.item.functional = true;
	d.reason = "";
	expect_usable(at(build(s, kNow), kDriveNode));
}

TEST(TopologyBuild, OverTemperature)
{
	// the NVMe critical warning's temperature bit
	Snapshot s = sample();
	s.drives[0].critical_warning = 0x02;
	s.drives[0].item.functional = false;
	expect_not_usable(at(build(s, kNow), kDriveNode),
			  "over temperature: critical warning 0x02: temperature threshold crossed");

	// the drive's sensor at its critical threshold
	s = sample();
	sensor_named(s, "nvme_1_18") = sensor("org.mctpstack.NVMe", kDrive, "temperature", "nvme_1_18",
					      85, "DegreesC", 70, 85);
	Tree t = build(s, kNow);
	expect_not_usable(at(t, kDriveNode), "over temperature: 85 C at or above critical 85 C");
	expect_not_usable(at(t, kDriveNode + "/sensor_temperature_nvme_1_18"),
			  "over temperature: 85 C at or above critical 85 C");

	// a card's sensor above its critical threshold
	s = sample();
	sensor_named(s, "pldm_1_20_1") = sensor("org.mctpstack.PLDM", kBoard, "temperature",
						"pldm_1_20_1", 90, "DegreesC", 70, 85);
	t = build(s, kNow);
	expect_not_usable(at(t, kBoardNode), "over temperature: 90 C at or above critical 85 C");
	expect_not_usable(at(t, kBoardNode + "/sensor_temperature_pldm_1_20_1"),
			  "over temperature: 90 C at or above critical 85 C");
	// a warning alone is no reason
	sensor_named(s, "pldm_1_20_1") = sensor("org.mctpstack.PLDM", kBoard, "temperature",
						"pldm_1_20_1", 75, "DegreesC", 70, 85);
	expect_usable(at(build(s, kNow), kBoardNode));

	// a critical power reading is critical, not a temperature
	s = sample();
	auto &w = sensor_named(s, "pldm_1_20_3");
	w.critical_high = 80;
	w.value = 81;
	w.critical_alarm_high = true;
	expect_not_usable(at(build(s, kNow), kBoardNode + "/sensor_power_pldm_1_20_3"),
			  "critical: 81 W at or above critical 80 W");
}

TEST(TopologyBuild, OtherDriveAndCardFaults)
{
	Snapshot s = sample();
	s.drives[0].critical_warning = 0x04;
	s.drives[0].item.functional = false;
	expect_not_usable(at(build(s, kNow), kDriveNode), "critical warning 0x04: reliability degraded");
	s.drives[0].critical_warning = 0;
	expect_not_usable(at(build(s, kNow), kDriveNode), "not functional");

	s = sample();
	s.termini[0].item.functional = false;
	expect_not_usable(at(build(s, kNow), kBoardNode),
			  "not functional (a health sensor is not normal, or not discovered yet)");

	s = sample();
	sensor_named(s, "pldm_1_20_3").functional = false;
	expect_not_usable(at(build(s, kNow), kBoardNode + "/sensor_power_pldm_1_20_3"),
			  "sensor failed or disabled");
}

TEST(TopologyBuild, NcsiReasons)
{
	Snapshot s = sample();
	s.ncsi_channels[1].link_up = false;
	s.ncsi_channels[1].item.functional = true;
	Tree t = build(s, kNow);
	expect_not_usable(at(t, kNicNode + "/package_0/channel_1"), "link down");
	expect_usable(at(t, kNicNode + "/package_0/channel_0"));
	// the daemon's own reason first
	s.ncsi_channels[1].reason = "link down";
	expect_not_usable(at(build(s, kNow), kNicNode + "/package_0/channel_1"), "link down");
	s.ncsi_channels[0].reason = "needs initialisation";
	expect_not_usable(at(build(s, kNow), kNicNode + "/package_0/channel_0"), "needs initialisation");
	// usable needs functional too
	s = sample();
	s.ncsi_channels[0].item.functional = false;
	expect_not_usable(at(build(s, kNow), kNicNode + "/package_0/channel_0"), "not functional");
	// a silent controller: its words, passed through
	s = sample();
	s.ncsi_controllers[0].item.available = false;
	s.ncsi_controllers[0].item.functional = false;
	s.ncsi_controllers[0].reason = "no response since 20:41:07";
	expect_not_usable(at(build(s, kNow), kNicNode), "no response since 20:41:07");
	// a package not functional, and one absent
	s = sample();
	s.ncsi_packages[0].item.functional = false;
	expect_not_usable(at(build(s, kNow), kNicNode + "/package_0"), "not functional");
	s.ncsi_packages[0].item.present = false;
	const Tree t2 = build(s, kNow);
	const Node &gone = at(t2, kNicNode + "/package_0");
	EXPECT_FALSE(gone.present);
	EXPECT_TRUE(is_problem(gone));
}

TEST(TopologyBuild, LinksDown)
{
	Snapshot s = sample();
	s.sysfs.netdevs[0].up = false; // mctpi2c1
	s.sysfs.netdevs.pop_back();    // mctpi2c8: channel 3 without a link
	s.sysfs.netdevs[2].up = false; // mctpi2c6, channel 1's
	s.endpoints.erase(s.endpoints.begin() + 1); // EID 17 on it: nothing known there now
	const Tree t = build(s, kNow);
	expect_not_usable(at(t, kBus), "MCTP link mctpi2c1 down");
	// down, and nothing on it: not in use, no problem
	const Node &ch1 = at(t, kMux + "/ch_1");
	EXPECT_FALSE(ch1.usable);
	EXPECT_EQ(ch1.reason, "MCTP link mctpi2c6 down, nothing known on it");
	EXPECT_FALSE(is_problem(ch1));
	const Node &ch3 = at(t, kMux + "/ch_3");
	EXPECT_FALSE(ch3.usable);
	EXPECT_EQ(ch3.reason, kNoMctpLink);
	EXPECT_FALSE(is_problem(ch3));
}

TEST(TopologyBuild, DaemonsNotRunning)
{
	Snapshot s = sample();
	s.running.nvmed = false;
	s.drives.clear();
	s.sensors.erase(s.sensors.begin()); // the drive's
	Tree t = build(s, kNow);
	expect_not_usable(at(t, kMux + "/ch_2/addr_1a"), "mctp-nvmed not running");
	EXPECT_EQ(find(t, kDriveNode), nullptr);

	// running, and nothing published for this endpoint
	s.running.nvmed = true;
	expect_not_usable(at(build(s, kNow), kMux + "/ch_2/addr_1a"),
			  "no function published by mctp-nvmed (not managed, or not read yet)");

	s = sample();
	s.running.ncsid = false;
	s.ncsi_controllers.clear();
	s.ncsi_packages.clear();
	s.ncsi_channels.clear();
	expect_not_usable(at(build(s, kNow), kBus + "/addr_30"), "mctp-ncsid not running");

	// no control daemon: no endpoints at all, and the bus says why
	s = sample();
	s.running = {};
	s.endpoints.clear();
	s.drives.clear();
	s.termini.clear();
	s.ncsi_controllers.clear();
	s.sensors.clear();
	t = build(s, kNow);
	expect_not_usable(at(t, kBus), "mctp-ctrld not running: no endpoints known");
	EXPECT_EQ(t.nodes.size(), 1u + 1 + 4 + 1); // bus, mux, channels, the device
}

// An endpoint on a link the i2c tree does not have (a virtual link): a
// root of its own, named by EID.
TEST(TopologyBuild, LinkNotOnI2c)
{
	Snapshot s = sample();
	auto e = endpoint(50, "mctpvp0", 0, {0, 4});
	e.phys.clear();
	s.endpoints.push_back(e);
	const Tree t = build(s, kNow);
	const Node &l = at(t, kRoot + "/link_mctpvp0");
	EXPECT_EQ(l.kind, kind::kLink);
	EXPECT_EQ(l.parent, kRoot);
	const Node &ep = at(t, kRoot + "/link_mctpvp0/eid_1_50");
	EXPECT_EQ(ep.name, "EID 50");
	EXPECT_EQ(ep.kind, kind::kEndpoint);
}

// Nested muxes: a mux on a channel of another.
TEST(TopologyBuild, NestedMux)
{
	Snapshot s = sample();
	s.sysfs.adapters.push_back({20, "i2c-7-mux (chan_id 1)", 7u, 1u, "s0:m1", ""});
	s.sysfs.netdevs.push_back({"mctpi2c20", 20, true, true});
	s.endpoints.push_back(endpoint(60, "mctpi2c20", 0x22, {0, 4}));
	s.running.nvmed = true;
	const Tree t = build(s, kNow);
	const std::string m1 = kMux + "/ch_2/mux_s0_3am1";
	EXPECT_EQ(at(t, m1).kind, kind::kMux);
	EXPECT_EQ(at(t, m1 + "/ch_1").parent, m1);
	EXPECT_EQ(at(t, m1 + "/ch_1/addr_22").name, "0x22");
}

// The same snapshot in another order gives the same tree; the same tree
// twice is equal (what the service's "only what changed" relies on).
TEST(TopologyBuild, Deterministic)
{
	Snapshot a = sample();
	Snapshot b = sample();
	std::reverse(b.endpoints.begin(), b.endpoints.end());
	std::reverse(b.sysfs.adapters.begin(), b.sysfs.adapters.end());
	std::reverse(b.sysfs.clients.begin(), b.sysfs.clients.end());
	std::reverse(b.sensors.begin(), b.sensors.end());
	std::reverse(b.ncsi_channels.begin(), b.ncsi_channels.end());
	const Tree ta = build(a, kNow), tb = build(b, kNow);
	ASSERT_EQ(ta.nodes.size(), tb.nodes.size());
	for (std::size_t i = 0; i < ta.nodes.size(); i++)
		EXPECT_EQ(ta.nodes[i], tb.nodes[i]) << ta.nodes[i].path << " vs " << tb.nodes[i].path;
}
