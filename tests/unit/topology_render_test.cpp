// SPDX-License-Identifier: GPL-2.0
// mctp-topology's output: the aligned tree (one line per node, its state
// and reason on the line), the details of -d, the problems filter and the
// JSON schema.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "topology/build.hpp"
#include "topology/render.hpp"
#include "topology_sample.hpp"

using namespace mctpxx::topology;
using namespace topology_test;

namespace {

class Utc : public ::testing::Environment {
public:
	void SetUp() override
	{
		setenv("TZ", "UTC", 1);
		tzset();
	}
};
const auto *utc = ::testing::AddGlobalTestEnvironment(new Utc);

} // namespace

TEST(TopologyRender, Tree)
{
	const std::string want =
		"NODE                                    WHAT                                          STATE\n"
		"i2c-1                                   i2c bus (smbus-sim s0/a0), link mctpi2c1      usable\n"
		"├─ 0x1d                                 MCTP endpoint EID 16: vendor-IANA             not usable: unsupported message type 0x7f (vendor-IANA)\n"
		"├─ 0x1f                                 MCTP endpoint EID 40                          not usable: unsupported message types: only MCTP control (0)\n"
		"├─ 0x30                                 MCTP endpoint EID 21: NC-SI                   usable\n"
		"│  └─ ncsi_1_21                         NC-SI controller Emulated NICs EMU-NIC-2      usable\n"
		"│     └─ package 0                      NC-SI package (selected)                      usable\n"
		"│        ├─ channel 0                   NC-SI channel 02:00:00:00:00:00               usable\n"
		"│        └─ channel 1                   NC-SI channel 02:00:00:00:00:01               usable\n"
		"├─ 0x48                                 i2c device tmp75 (driver dummy)               present, not MCTP, not probed\n"
		"└─ s0:m0                                i2c mux                                       usable\n"
		"   ├─ channel 0                         mux channel i2c-5, link mctpi2c5              usable\n"
		"   │  └─ 0x1c                           MCTP endpoint EID 20: PLDM                    usable\n"
		"   │     └─ pldm_1_20                   PLDM terminus TID 1                           usable\n"
		"   │        ├─ FRU                      FRU Emulated Devices EMU-ACCEL-100 SN-CARD-0  usable\n"
		"   │        ├─ power/pldm_1_20_3        sensor (W, warning 75 W)                      usable\n"
		"   │        └─ temperature/pldm_1_20_1  sensor (C, critical 85 C)                     usable\n"
		"   ├─ channel 1                         mux channel i2c-6, link mctpi2c6              usable\n"
		"   │  └─ 0x1e                           MCTP endpoint EID 17: SPDM                    not usable: unsupported message type 5 (SPDM)\n"
		"   ├─ channel 2                         mux channel i2c-7, link mctpi2c7              usable\n"
		"   │  └─ 0x1a                           MCTP endpoint EID 18: NVMe-MI                 usable\n"
		"   │     └─ nvme_1_18                   NVMe subsystem Acme X1 (960 GB)               usable\n"
		"   │        ├─ controller 0             NVMe controller                               usable\n"
		"   │        └─ temperature/nvme_1_18    sensor (C, critical 85 C)                     usable\n"
		"   └─ channel 3                         mux channel i2c-8, link mctpi2c8              usable\n";
	EXPECT_EQ(render_text(build(sample(), kNow)), want);
}

// -d: below each node, how it is known to be there, its identity and the
// object it came from, in line with its children.
TEST(TopologyRender, Details)
{
	Snapshot s = sample();
	s.endpoints.resize(1); // the vendor-type endpoint at 0x1d only
	s.drives.clear();
	s.termini.clear();
	s.ncsi_controllers.clear();
	s.sensors.clear();
	s.sysfs.clients.pop_back();
	s.sysfs.adapters.resize(2); // channel 0 only
	s.sysfs.netdevs.resize(2);
	const std::string text = render_text(build(s, kNow), {.details = true});
	const std::string want =
		"NODE             WHAT                                      STATE\n"
		"i2c-1            i2c bus (smbus-sim s0/a0), link mctpi2c1  usable\n"
		"│    present: sysfs: i2c adapter i2c-1\n"
		"│    adapter: smbus-sim s0/a0\n"
		"│    link: mctpi2c1\n"
		"│    own address: 0x10\n"
		"├─ 0x1d          MCTP endpoint EID 16: vendor-IANA         not usable: unsupported message type 0x7f (vendor-IANA)\n"
		"│       present: mctp-ctrld: endpoint at 0x1d on mctpi2c1, EID 16 (dynamic)\n"
		"│       EID: 16\n"
		"│       network: 1\n"
		"│       UUID: 11111111-0000-4000-8000-000000000016\n"
		"│       message types: 0 control, 0x7f vendor-IANA\n"
		"│       vendor types: IANA 32473 set 1\n"
		"│       source: /xyz/openbmc_project/mctp/1/16\n"
		"└─ s0:m0         i2c mux                                   usable\n"
		"   │    present: sysfs: mux device s0:m0 on i2c-1\n"
		"   │    device: s0:m0\n"
		"   └─ channel 0  mux channel i2c-5, link mctpi2c5          usable\n"
		"           present: sysfs: channel 0 of mux s0:m0, adapter i2c-5\n"
		"           bus: i2c-5\n"
		"           channel: 0\n"
		"           link: mctpi2c5\n";
	EXPECT_EQ(text, want);
}

// --problems: what is absent or not usable, with the path down to it; what
// is merely not MCTP is no problem.
TEST(TopologyRender, Problems)
{
	Snapshot s = sample();
	s.drives[0].item.available = false;
	s.drives[0].item.functional = false;
	s.drives[0].reason = "MIC errors: its answers fail their integrity check";
	s.drives[0].mic_errors = 3;
	const Tree p = problems(build(s, kNow));
	std::vector<std::string> names;
	for (const auto &n : p.nodes)
		names.push_back(n.name);
	EXPECT_EQ(names, (std::vector<std::string>{"i2c-1", "0x1d", "0x1f", "s0:m0", "channel 1", "0x1e",
						   "channel 2", "0x1a", "nvme_1_18", "controller 0"}));
	const std::string text = render_text(p);
	EXPECT_NE(text.find("\n         └─ nvme_1_18        NVMe subsystem Acme X1 (960 GB)           "
			    "not usable: MIC errors: its answers fail their integrity check\n"),
		  std::string::npos)
		<< text;
	EXPECT_EQ(text.find("0x48"), std::string::npos);
	EXPECT_EQ(text.find("usable\n0x1c"), std::string::npos);

	// nothing wrong: nothing shown but the header
	Snapshot ok = sample();
	ok.endpoints.erase(ok.endpoints.begin(), ok.endpoints.begin() + 3);
	EXPECT_TRUE(problems(build(ok, kNow)).nodes.empty());
	EXPECT_EQ(render_text(problems(build(ok, kNow))), "NODE  WHAT  STATE\n");
}

TEST(TopologyRender, States)
{
	Node n;
	EXPECT_EQ(state(n), "usable");
	n.usable = false;
	n.reason = "host off";
	EXPECT_EQ(state(n), "not usable: host off");
	n.reason = kNotMctp;
	EXPECT_EQ(state(n), "present, not MCTP, not probed");
	n.present = false;
	n.reason = "no response since 20:41:07";
	EXPECT_EQ(state(n), "absent: no response since 20:41:07");
	n.reason = "";
	EXPECT_EQ(state(n), "absent");
}

// The JSON schema: nested nodes with every field, identity in order.
TEST(TopologyRender, Json)
{
	Snapshot s = sample();
	s.drives[0].item.available = false;
	s.drives[0].reason = "host off";
	const auto j = to_json(build(s, kNow));
	EXPECT_EQ(j["schema"], 1);
	ASSERT_EQ(j["nodes"].size(), 1u);
	const auto &bus = j["nodes"][0];
	EXPECT_EQ(bus["path"], "/org/mctpstack/topology/i2c_1");
	EXPECT_EQ(bus["kind"], "i2c-bus");
	EXPECT_EQ(bus["name"], "i2c-1");
	EXPECT_EQ(bus["present"], true);
	EXPECT_EQ(bus["usable"], true);
	EXPECT_EQ(bus["problem"], false);
	EXPECT_EQ(bus["source"], "/");
	EXPECT_EQ(bus["identity"].dump(),
		  R"({"adapter":"smbus-sim s0/a0","link":"mctpi2c1","own address":"0x10"})");
	std::vector<std::string> keys;
	for (auto it = bus.begin(); it != bus.end(); ++it)
		keys.push_back(it.key());
	EXPECT_EQ(keys, (std::vector<std::string>{"path", "kind", "name", "present", "present_how",
						  "usable", "reason", "problem", "identity", "source",
						  "children"}));
	// down to the drive: bus > mux > channel 2 > 0x1a > drive
	const auto &mux = bus["children"].back();
	EXPECT_EQ(mux["name"], "s0:m0");
	const auto &drive = mux["children"][2]["children"][0]["children"][0];
	EXPECT_EQ(drive["kind"], "nvme-subsystem");
	EXPECT_EQ(drive["usable"], false);
	EXPECT_EQ(drive["reason"], "host off");
	EXPECT_EQ(drive["problem"], true);
	EXPECT_EQ(drive["identity"]["serial"], "SN-DEMO-0");
	EXPECT_EQ(drive["source"], kDrive);
	EXPECT_EQ(drive["children"].size(), 2u); // controller 0, temperature
	const auto &dev = bus["children"][3];
	EXPECT_EQ(dev["kind"], "i2c-device");
	EXPECT_EQ(dev["reason"], "not MCTP, not probed");
	EXPECT_EQ(dev["problem"], false);
}
