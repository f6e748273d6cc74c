// SPDX-License-Identifier: GPL-2.0
// mctp-topology's D-Bus side without a bus daemon: property values of
// every type read from real sd-bus messages, the daemons' signals applied
// to the object cache, the snapshot from those objects, and a node read
// back as the service publishes it.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <unistd.h>

#include "topology/collect.hpp"
#include "topology/node_dbus.hpp"
#include "topology/objects.hpp"

using namespace mctpxx;
using namespace mctpxx::topology;

namespace {

// The unique name of the daemon the tests' signals come from.
constexpr const char *kOwner = ":1.42";

// An sd-bus connection on one end of a socketpair: enough to build and
// read messages (never sent).
class TopologyMessages : public ::testing::Test {
protected:
	void SetUp() override
	{
		ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds_), 0);
		sd_bus *b = nullptr;
		ASSERT_GE(sd_bus_new(&b), 0);
		bus_.reset(b);
		ASSERT_GE(sd_bus_set_fd(b, fds_[0], fds_[0]), 0);
		ASSERT_GE(sd_bus_start(b), 0);
	}
	void TearDown() override { close(fds_[1]); }

	// A signal @iface.@member at @path from @sender; @fill appends its body.
	template <typename F>
	dbus::Message signal(const char *path, const char *iface, const char *member, F fill,
			     const char *sender = kOwner)
	{
		sd_bus_message *m = nullptr;
		EXPECT_GE(sd_bus_message_new_signal(bus_.get(), &m, path, iface, member), 0);
		dbus::Message msg(m);
		EXPECT_GE(sd_bus_message_set_sender(m, sender), 0);
		fill(m);
		EXPECT_GE(sd_bus_message_seal(m, 1, 0), 0);
		EXPECT_GE(sd_bus_message_rewind(m, 1), 0);
		return msg;
	}

	dbus::Bus bus_;
	int fds_[2] = {-1, -1};
};

// a{sv} entries
void prop(sd_bus_message *m, const char *name, const char *sig, auto... v)
{
	ASSERT_GE(sd_bus_message_open_container(m, 'e', "sv"), 0);
	ASSERT_GE(sd_bus_message_append(m, "s", name), 0);
	ASSERT_GE(sd_bus_message_append(m, "v", sig, v...), 0);
	ASSERT_GE(sd_bus_message_close_container(m), 0);
}

void iface(sd_bus_message *m, const char *name, std::function<void(sd_bus_message *)> props)
{
	ASSERT_GE(sd_bus_message_open_container(m, 'e', "sa{sv}"), 0);
	ASSERT_GE(sd_bus_message_append(m, "s", name), 0);
	ASSERT_GE(sd_bus_message_open_container(m, 'a', "{sv}"), 0);
	props(m);
	ASSERT_GE(sd_bus_message_close_container(m), 0);
	ASSERT_GE(sd_bus_message_close_container(m), 0);
}

// InterfacesAdded of a control daemon endpoint at EID @eid on @link.
void endpoint_added(sd_bus_message *m, unsigned eid, const char *link, std::uint8_t addr)
{
	const std::string path = "/xyz/openbmc_project/mctp/1/" + std::to_string(eid);
	ASSERT_GE(sd_bus_message_append(m, "o", path.c_str()), 0);
	ASSERT_GE(sd_bus_message_open_container(m, 'a', "{sa{sv}}"), 0);
	iface(m, "xyz.openbmc_project.MCTP.Endpoint", [&](sd_bus_message *p) {
		prop(p, "EID", "y", static_cast<std::uint8_t>(eid));
		prop(p, "NetworkId", "i", 1);
		prop(p, "SupportedMessageTypes", "ay", 2, 0, 4);
	});
	iface(m, "xyz.openbmc_project.Common.UUID",
	      [&](sd_bus_message *p) { prop(p, "UUID", "s", "22222222-0000-4000-8000-000000000001"); });
	iface(m, "org.mctpstack.Endpoint.Connectivity", [&](sd_bus_message *p) {
		prop(p, "State", "s", "Available");
		prop(p, "Reason", "s", "");
		prop(p, "LastResponse", "t", std::uint64_t{1714768867000000});
	});
	iface(m, "org.mctpstack.Endpoint", [&](sd_bus_message *p) {
		prop(p, "Link", "s", link);
		prop(p, "PhysicalAddress", "ay", 1, addr);
		prop(p, "HostPowered", "b", 1);
		prop(p, "EIDType", "s", "dynamic");
		prop(p, "VendorDefinedMessageTypes", "a(yuq)", 1, 1, 32473u, 1);
	});
	ASSERT_GE(sd_bus_message_close_container(m), 0);
}

} // namespace

TEST_F(TopologyMessages, EveryValueType)
{
	auto m = signal("/x", "org.example", "Values", [](sd_bus_message *s) {
		ASSERT_GE(sd_bus_message_open_container(s, 'a', "{sv}"), 0);
		prop(s, "b", "b", 1);
		prop(s, "y", "y", 200);
		prop(s, "n", "n", -5);
		prop(s, "q", "q", 65535);
		prop(s, "i", "i", -70000);
		prop(s, "u", "u", 4000000000u);
		prop(s, "x", "x", std::int64_t{-1});
		prop(s, "t", "t", std::uint64_t{18446744073709551615ull});
		prop(s, "d", "d", 42.5);
		prop(s, "s", "s", "text");
		prop(s, "o", "o", "/a/b");
		prop(s, "ay", "ay", 3, 1, 2, 3);
		prop(s, "aq", "aq", 2, 0, 7);
		prop(s, "as", "as", 2, "one", "two");
		prop(s, "a(sss)", "a(sss)", 1, "chassis", "all_sensors", "/board");
		prop(s, "a{ss}", "a{ss}", 2, "vendor", "Acme", "model", "X1");
		prop(s, "a(sv)", "a(sv)", 1, "k", "u", 1u);
		prop(s, "after", "s", "still read");
		ASSERT_GE(sd_bus_message_close_container(s), 0);
	});
	Properties p;
	auto names = read_properties(m.get(), p);
	ASSERT_TRUE(names) << names.error().message;
	EXPECT_EQ(names->size(), 18u);
	EXPECT_EQ(as_bool(&p["b"]), true);
	EXPECT_EQ(as_unsigned(&p["y"]), 200u);
	EXPECT_EQ(as_signed(&p["n"]), -5);
	EXPECT_EQ(as_unsigned(&p["q"]), 65535u);
	EXPECT_EQ(as_signed(&p["i"]), -70000);
	EXPECT_EQ(as_unsigned(&p["u"]), 4000000000u);
	EXPECT_EQ(as_signed(&p["x"]), -1);
	EXPECT_EQ(as_unsigned(&p["x"]), std::nullopt);
	EXPECT_EQ(as_unsigned(&p["t"]), 18446744073709551615ull);
	EXPECT_EQ(as_double(&p["d"]), 42.5);
	EXPECT_EQ(as_string(&p["s"]), "text");
	EXPECT_EQ(as_string(&p["o"]), "/a/b");
	EXPECT_EQ(as_bytes(&p["ay"]), (std::vector<std::uint8_t>{1, 2, 3}));
	EXPECT_EQ(as_integers(&p["ay"]), (std::vector<std::int64_t>{1, 2, 3}));
	EXPECT_EQ(as_integers(&p["aq"]), (std::vector<std::int64_t>{0, 7}));
	EXPECT_EQ(as_strings(&p["as"]), (std::vector<std::string>{"one", "two"}));
	EXPECT_EQ(as_string_tuples(&p["a(sss)"]),
		  (std::vector<std::vector<std::string>>{{"chassis", "all_sensors", "/board"}}));
	EXPECT_EQ(as_string_tuples(&p["a{ss}"]),
		  (std::vector<std::vector<std::string>>{{"vendor", "Acme"}, {"model", "X1"}}));
	EXPECT_TRUE(std::holds_alternative<Unknown>(p["a(sv)"]));
	EXPECT_EQ(as_string(&p["after"]), "still read");
	// a value of another type is no value
	EXPECT_EQ(as_string(&p["b"]), std::nullopt);
	EXPECT_EQ(as_bool(&p["s"]), std::nullopt);
	EXPECT_EQ(as_double(nullptr), std::nullopt);
}

TEST_F(TopologyMessages, MalformedIsAnError)
{
	// a PropertiesChanged whose body is not (s, a{sv}, as)
	auto m = signal("/xyz/openbmc_project/mctp/1/20", "org.freedesktop.DBus.Properties",
			"PropertiesChanged",
			[](sd_bus_message *s) { ASSERT_GE(sd_bus_message_append(s, "ss", "i", "x"), 0); });
	ObjectCache c;
	c["xyz.openbmc_project.MCTP"].owner = kOwner;
	c["xyz.openbmc_project.MCTP"].objects["/xyz/openbmc_project/mctp/1/20"]["i"]["p"] = true;
	auto r = c.properties_changed("xyz.openbmc_project.MCTP", m.get());
	EXPECT_FALSE(r);
	auto added = signal("/x", "org.freedesktop.DBus.ObjectManager", "InterfacesAdded",
			    [](sd_bus_message *s) { ASSERT_GE(sd_bus_message_append(s, "s", "oops"), 0); });
	EXPECT_FALSE(c.interfaces_added("xyz.openbmc_project.MCTP", added.get()));
}

// The control daemon's signals into the cache, and the snapshot of it.
TEST_F(TopologyMessages, SignalsIntoTheSnapshot)
{
	const std::string svc = "xyz.openbmc_project.MCTP";
	ObjectCache c;
	c[svc].running = true;
	c[svc].owner = kOwner;
	// another daemon's signal (sd-bus gives every match it) changes nothing
	auto other = signal("/xyz/openbmc_project/mctp", "org.freedesktop.DBus.ObjectManager",
			    "InterfacesAdded", [](sd_bus_message *s) { endpoint_added(s, 18, "mctpi2c7", 0x1a); },
			    ":1.7");
	auto ignored = c.interfaces_added(svc, other.get());
	ASSERT_TRUE(ignored);
	EXPECT_FALSE(*ignored);
	EXPECT_TRUE(c[svc].objects.empty());
	auto added = signal("/xyz/openbmc_project/mctp", "org.freedesktop.DBus.ObjectManager",
			    "InterfacesAdded", [](sd_bus_message *s) { endpoint_added(s, 18, "mctpi2c7", 0x1a); });
	auto r = c.interfaces_added(svc, added.get());
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_TRUE(*r);
	Snapshot s = snapshot_from(c, {});
	EXPECT_TRUE(s.running.ctrld);
	EXPECT_FALSE(s.running.nvmed);
	ASSERT_EQ(s.endpoints.size(), 1u);
	const EndpointInfo &e = s.endpoints[0];
	EXPECT_EQ(e.path, "/xyz/openbmc_project/mctp/1/18");
	EXPECT_EQ(e.eid, 18);
	EXPECT_EQ(e.net, 1u);
	EXPECT_EQ(e.types, (std::vector<std::uint8_t>{0, 4}));
	EXPECT_EQ(e.uuid, "22222222-0000-4000-8000-000000000001");
	EXPECT_EQ(e.state, "Available");
	EXPECT_EQ(e.last_response, 1714768867000000u);
	EXPECT_EQ(e.link, "mctpi2c7");
	EXPECT_EQ(e.phys, (std::vector<std::uint8_t>{0x1a}));
	EXPECT_TRUE(e.host_powered);
	ASSERT_EQ(e.vendor.size(), 1u);
	EXPECT_EQ(e.vendor[0].id, 32473u);

	// the same again changes nothing
	auto again = signal("/xyz/openbmc_project/mctp", "org.freedesktop.DBus.ObjectManager",
			    "InterfacesAdded", [](sd_bus_message *s) { endpoint_added(s, 18, "mctpi2c7", 0x1a); });
	EXPECT_FALSE(*c.interfaces_added(svc, again.get()));

	// it stops answering
	auto changed = signal("/xyz/openbmc_project/mctp/1/18", "org.freedesktop.DBus.Properties",
			      "PropertiesChanged", [](sd_bus_message *m) {
				      ASSERT_GE(sd_bus_message_append(m, "s", "org.mctpstack.Endpoint.Connectivity"), 0);
				      ASSERT_GE(sd_bus_message_open_container(m, 'a', "{sv}"), 0);
				      prop(m, "State", "s", "Degraded");
				      prop(m, "Reason", "s", "not responding");
				      ASSERT_GE(sd_bus_message_close_container(m), 0);
				      ASSERT_GE(sd_bus_message_append(m, "as", 0), 0);
			      });
	r = c.properties_changed(svc, changed.get());
	ASSERT_TRUE(r) << r.error().message;
	EXPECT_TRUE(*r);
	s = snapshot_from(c, {});
	EXPECT_EQ(s.endpoints[0].state, "Degraded");
	EXPECT_EQ(s.endpoints[0].reason, "not responding");

	// removed
	auto removed = signal("/xyz/openbmc_project/mctp", "org.freedesktop.DBus.ObjectManager",
			      "InterfacesRemoved", [](sd_bus_message *m) {
				      ASSERT_GE(sd_bus_message_append(m, "o", "/xyz/openbmc_project/mctp/1/18"), 0);
				      ASSERT_GE(sd_bus_message_append(m, "as", 4, "xyz.openbmc_project.MCTP.Endpoint",
								      "xyz.openbmc_project.Common.UUID",
								      "org.mctpstack.Endpoint.Connectivity",
								      "org.mctpstack.Endpoint"),
						0);
			      });
	r = c.interfaces_removed(svc, removed.get());
	ASSERT_TRUE(r);
	EXPECT_TRUE(*r);
	EXPECT_TRUE(snapshot_from(c, {}).endpoints.empty());
	EXPECT_TRUE(c[svc].objects.empty());
}

// The function daemons' objects (as their GetManagedObjects gives them)
// into drives, termini, NC-SI parts and sensors with their owners.
TEST(TopologyCollect, FunctionObjects)
{
	ObjectCache c;
	auto &nvme = c["org.mctpstack.NVMe"];
	nvme.running = true;
	const std::string drive = "/xyz/openbmc_project/inventory/system/drive/nvme_1_18";
	auto &d = nvme.objects[drive];
	d["xyz.openbmc_project.Inventory.Item"] = {{"Present", true}, {"PrettyName", std::string("X1")}};
	d["xyz.openbmc_project.Inventory.Decorator.Asset"] = {{"Manufacturer", std::string("Acme")},
							      {"SerialNumber", std::string("SN1")}};
	d["xyz.openbmc_project.State.Decorator.OperationalStatus"] = {{"Functional", false}};
	d["xyz.openbmc_project.State.Decorator.Availability"] = {{"Available", false}};
	d["xyz.openbmc_project.Software.Version"] = {{"Version", std::string("1.4.0")}};
	d["xyz.openbmc_project.Inventory.Item.Drive"] = {{"Capacity", std::uint64_t{4096}}};
	d["org.mctpstack.NVMe.Drive"] = {{"Endpoint", std::string("/xyz/openbmc_project/mctp/1/18")},
					 {"UnavailableReason", std::string("MIC errors: ...")},
					 {"LastResponse", std::uint64_t{7}},
					 {"MICErrors", std::uint64_t{3}},
					 {"CriticalWarning", std::uint64_t{2}},
					 {"Controllers", std::vector<std::int64_t>{0, 1}},
					 {"Transport", std::string("MCTP")}};
	auto &ds = nvme.objects["/xyz/openbmc_project/sensors/temperature/nvme_1_18"];
	ds["xyz.openbmc_project.Sensor.Value"] = {{"Value", 38.0},
						  {"Unit", std::string("xyz.openbmc_project.Sensor.Value.Unit.DegreesC")}};
	ds["xyz.openbmc_project.Sensor.Threshold.Critical"] = {{"CriticalHigh", 85.0},
							       {"CriticalAlarmHigh", false}};

	auto &pldm = c["org.mctpstack.PLDM"];
	pldm.running = true;
	const std::string board = "/xyz/openbmc_project/inventory/system/board/card0";
	auto &b = pldm.objects[board];
	b["xyz.openbmc_project.Inventory.Item"] = {{"Present", true}};
	b["xyz.openbmc_project.Inventory.Decorator.Revision"] = {{"Version", std::string("1.0")}};
	b["org.mctpstack.PLDM.Terminus"] = {{"TID", std::uint64_t{3}},
					    {"Endpoint", std::string("/xyz/openbmc_project/mctp/1/20")},
					    {"EventsEnabled", true},
					    {"LastResponse", std::uint64_t{9}}};
	// named after the board's configured name, found by its association
	auto &bs = pldm.objects["/xyz/openbmc_project/sensors/power/card0_3"];
	bs["xyz.openbmc_project.Sensor.Value"] = {{"Value", 25.0},
						  {"Unit", std::string("xyz.openbmc_project.Sensor.Value.Unit.Watts")}};
	bs["xyz.openbmc_project.State.Decorator.OperationalStatus"] = {{"Functional", true}};
	bs["xyz.openbmc_project.Association.Definitions"] = {
		{"Associations", std::vector<std::vector<std::string>>{{"chassis", "all_sensors", board}}}};

	auto &ncsi = c["org.mctpstack.NCSI"];
	ncsi.running = true;
	const std::string nic = "/xyz/openbmc_project/inventory/system/nic/ncsi_1_21";
	ncsi.objects[nic]["org.mctpstack.NCSI.Controller"] = {
		{"NetworkId", std::uint64_t{1}}, {"EID", std::uint64_t{21}},
		{"Endpoint", std::string("/xyz/openbmc_project/mctp/1/21")}};
	ncsi.objects[nic + "/package_0"]["org.mctpstack.NCSI.Package"] = {
		{"Package", std::uint64_t{0}}, {"Selected", true}, {"UUID", std::string("u")}};
	auto &ch = ncsi.objects[nic + "/package_0/channel_1"];
	ch["org.mctpstack.NCSI.Channel"] = {{"Package", std::uint64_t{0}}, {"Channel", std::uint64_t{1}},
					    {"LinkUp", false},	 {"LinkSpeed", std::uint64_t{0}},
					    {"HostDriver", std::string("down")},
					    {"UnavailableReason", std::string("link down")}};
	ch["xyz.openbmc_project.Inventory.Item.NetworkInterface"] = {
		{"MACAddress", std::string("02:00:00:00:00:01")}};

	const Snapshot s = snapshot_from(c, {});
	ASSERT_EQ(s.drives.size(), 1u);
	const auto &dr = s.drives[0];
	EXPECT_EQ(dr.item.name, "nvme_1_18");
	EXPECT_EQ(dr.item.manufacturer, "Acme");
	EXPECT_EQ(dr.item.version, "1.4.0");
	EXPECT_FALSE(dr.item.functional);
	EXPECT_FALSE(dr.item.available);
	EXPECT_EQ(dr.endpoint, "/xyz/openbmc_project/mctp/1/18");
	EXPECT_EQ(dr.mic_errors, 3u);
	EXPECT_EQ(dr.critical_warning, 2);
	EXPECT_EQ(dr.controllers, (std::vector<std::uint16_t>{0, 1}));
	EXPECT_EQ(dr.capacity, 4096u);
	ASSERT_EQ(s.termini.size(), 1u);
	EXPECT_EQ(s.termini[0].tid, 3u);
	EXPECT_EQ(s.termini[0].item.version, "1.0");
	EXPECT_TRUE(s.termini[0].events);
	ASSERT_EQ(s.sensors.size(), 2u);
	for (const auto &x : s.sensors) {
		if (x.service == "org.mctpstack.NVMe") {
			EXPECT_EQ(x.owner, drive); // by name
			EXPECT_EQ(x.unit, "DegreesC");
			EXPECT_EQ(x.critical_high, 85.0);
			EXPECT_TRUE(std::isnan(x.warning_high));
		} else {
			EXPECT_EQ(x.owner, board); // by association
			EXPECT_EQ(x.kind, "power");
			EXPECT_EQ(x.value, 25.0);
		}
	}
	ASSERT_EQ(s.ncsi_controllers.size(), 1u);
	EXPECT_EQ(s.ncsi_controllers[0].eid, 21);
	ASSERT_EQ(s.ncsi_packages.size(), 1u);
	EXPECT_EQ(s.ncsi_packages[0].controller, nic);
	EXPECT_TRUE(s.ncsi_packages[0].selected);
	ASSERT_EQ(s.ncsi_channels.size(), 1u);
	EXPECT_EQ(s.ncsi_channels[0].package_object, nic + "/package_0");
	EXPECT_EQ(s.ncsi_channels[0].channel, 1u);
	EXPECT_EQ(s.ncsi_channels[0].mac, "02:00:00:00:00:01");
	EXPECT_EQ(s.ncsi_channels[0].reason, "link down");
	EXPECT_FALSE(s.ncsi_channels[0].link_up);
	EXPECT_EQ(s.ncsi_channels[0].host_driver, "down");
}

// A node as the service publishes it (org.mctpstack.Topology.Node), read
// back by `mctp-topology --service`: the same node.
TEST_F(TopologyMessages, NodeReadBack)
{
	Node n;
	n.path = "/org/mctpstack/topology/i2c_1/addr_1d";
	n.parent = "/org/mctpstack/topology/i2c_1";
	n.kind = kind::kEndpoint;
	n.name = "0x1d";
	n.present_how = "mctp-ctrld: endpoint at 0x1d on mctpi2c1, EID 16 (dynamic)";
	n.usable = false;
	n.reason = "unsupported message type 0x7f (vendor-IANA)";
	n.identity = {{"EID", "16"}, {"network", "1"}, {"message types", "0 control, 0x7f vendor-IANA"}};
	n.source = "/xyz/openbmc_project/mctp/1/16";
	Node bus;
	bus.path = n.parent;
	bus.parent = kTopologyRoot;
	bus.kind = kind::kBus;
	bus.name = "i2c-1";
	auto ifaces_of = [](sd_bus_message *m, const Node &x) {
		ASSERT_GE(sd_bus_message_open_container(m, 'a', "{sa{sv}}"), 0);
		iface(m, kNodeInterface, [&](sd_bus_message *p) {
			prop(p, "Kind", "s", x.kind.c_str());
			prop(p, "Name", "s", x.name.c_str());
			prop(p, "Parent", "o", x.parent.c_str());
			prop(p, "Present", "b", x.present);
			prop(p, "PresentHow", "s", x.present_how.c_str());
			prop(p, "Usable", "b", x.usable);
			prop(p, "Reason", "s", x.reason.c_str());
			ASSERT_GE(sd_bus_message_open_container(p, 'e', "sv"), 0);
			ASSERT_GE(sd_bus_message_append(p, "s", "Identity"), 0);
			ASSERT_GE(sd_bus_message_open_container(p, 'v', "a{ss}"), 0);
			ASSERT_GE(sd_bus_message_open_container(p, 'a', "{ss}"), 0);
			for (const auto &[k, v] : x.identity)
				ASSERT_GE(sd_bus_message_append(p, "{ss}", k.c_str(), v.c_str()), 0);
			ASSERT_GE(sd_bus_message_close_container(p), 0);
			ASSERT_GE(sd_bus_message_close_container(p), 0);
			ASSERT_GE(sd_bus_message_close_container(p), 0);
			prop(p, "Source", "o", x.source.c_str());
		});
		ASSERT_GE(sd_bus_message_close_container(m), 0);
	};
	Objects objects;
	for (const Node *x : {&n, &bus}) {
		auto m = signal("/o", "org.example", "Objects", [&](sd_bus_message *s) { ifaces_of(s, *x); });
		ASSERT_TRUE(read_interfaces(m.get(), objects[x->path]));
	}
	objects["/org/mctpstack/topology/other"]["org.example.NotANode"]["x"] = true;
	const Tree t = tree_from_objects(objects);
	ASSERT_EQ(t.nodes.size(), 2u);
	EXPECT_EQ(t.nodes[0], bus);
	EXPECT_EQ(t.nodes[1], n);
}

TEST(TopologyNode, ChangedProperties)
{
	Node a;
	a.path = "/org/mctpstack/topology/i2c_1";
	Node b = a;
	EXPECT_TRUE(changed_properties(a, b).empty());
	b.usable = false;
	b.reason = "MCTP link mctpi2c1 down";
	auto c = changed_properties(a, b);
	ASSERT_EQ(c.size(), 2u);
	EXPECT_STREQ(c[0], "Usable");
	EXPECT_STREQ(c[1], "Reason");
	b = a;
	b.identity = {{"link", "mctpi2c1"}};
	b.present = false;
	b.source = "/x";
	c = changed_properties(a, b);
	ASSERT_EQ(c.size(), 3u);
	EXPECT_STREQ(c[0], "Present");
	EXPECT_STREQ(c[1], "Identity");
	EXPECT_STREQ(c[2], "Source");
}
