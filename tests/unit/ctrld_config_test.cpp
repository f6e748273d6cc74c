// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "daemon_config.hpp"

using namespace mctpxx::ctrld;

namespace {

const char *kGood = R"(
[timing]
request_timeout_ms = 500
retries = 1
rescan_interval_s = 5
poll_interval_s = 2
degraded_after = 1
remove_after = 3
host_debounce_ms = 1000

[[network]]
net = 1
own_eid = 8
pool = ["16-31", 40]

[[probe]]
bus = 0
addresses = ["0x1d", "0x20-0x22", 0x48]

[[probe]]
link = "mctpi2c4"
addresses = [0x1e]
host_powered = true

[host]
service = "org.example.Host"
path = "/org/example/host0"

[endpoint]
uuid = "01234567-89ab-cdef-0123-456789abcdef"
message_types = [0, 1]
assignable_links = ["mctpi2c9*"]
eids = { mctpi2c9 = 20 }

[dbus]
service = "org.example.MCTP"
)";

std::string error_of(const char *text)
{
	auto c = parse_config(text, "ctrld.toml");
	return c ? "(accepted)" : c.error().message;
}

} // namespace

TEST(CtrldConfig, ParsesAllSections)
{
	auto c = parse_config(kGood, "ctrld.toml");
	ASSERT_TRUE(c) << c.error().message;
	EXPECT_EQ(c->timing.request_timeout.count(), 500);
	EXPECT_EQ(c->timing.retries, 1u);
	EXPECT_EQ(c->timing.rescan_interval.count(), 5);
	EXPECT_EQ(c->timing.host_debounce.count(), 1000);
	ASSERT_EQ(c->networks.count(1), 1u);
	const auto &n = c->networks.at(1);
	EXPECT_EQ(n.own_eid, 8);
	ASSERT_EQ(n.pool.size(), 2u);
	EXPECT_EQ(n.pool[0], (EidRange{16, 31}));
	EXPECT_EQ(n.pool[1], (EidRange{40, 40}));
	ASSERT_EQ(c->probes.size(), 2u);
	EXPECT_EQ(c->probes[0].bus, 0u);
	EXPECT_EQ(c->probes[0].addresses, (std::vector<std::uint8_t>{0x1d, 0x20, 0x21, 0x22, 0x48}));
	EXPECT_FALSE(c->probes[0].host_powered);
	EXPECT_EQ(c->probes[1].link, "mctpi2c4");
	EXPECT_TRUE(c->probes[1].host_powered);
	EXPECT_EQ(c->probes[1].origin.str(), "ctrld.toml:20");
	ASSERT_TRUE(c->host);
	EXPECT_EQ(c->host->service, "org.example.Host");
	EXPECT_EQ(c->host->property, "CurrentHostState");
	ASSERT_TRUE(c->endpoint.uuid);
	EXPECT_EQ((*c->endpoint.uuid)[0], 0x01);
	EXPECT_EQ((*c->endpoint.uuid)[15], 0xef);
	EXPECT_EQ(c->endpoint.message_types, (std::vector<std::uint8_t>{0, 1}));
	EXPECT_EQ(c->endpoint.eids.at("mctpi2c9"), 20);
	EXPECT_EQ(c->dbus_service, "org.example.MCTP");
}

TEST(CtrldConfig, EmptyFileMeansDefaults)
{
	auto c = parse_config("", "ctrld.toml");
	ASSERT_TRUE(c);
	EXPECT_TRUE(c->probes.empty());
	EXPECT_FALSE(c->host);
	EXPECT_EQ(c->timing.request_timeout.count(), 250);
	EXPECT_EQ(c->dbus_service, "xyz.openbmc_project.MCTP");
}

TEST(CtrldConfig, RejectsBadInputWithLine)
{
	EXPECT_EQ(error_of("[timing]\nretries = \"two\"\n"), "ctrld.toml:2: retries must be an integer");
	EXPECT_EQ(error_of("\n\nbogus = 1\n"), "ctrld.toml:3: unknown key \"bogus\" in the top level");
	EXPECT_EQ(error_of("[[network]]\nnet = 1\npool = \"20-10\"\n"),
		  "ctrld.toml:3: pool EID \"20-10\": range ends before it starts");
	EXPECT_EQ(error_of("[[network]]\npool = [\"10-20\", \"15-30\"]\n"),
		  "ctrld.toml:2: pool ranges overlap at EID 15");
	EXPECT_EQ(error_of("[[network]]\npool = \"5-20\"\n"),
		  "ctrld.toml:2: invalid pool EID \"5\": must be 8..254");
	EXPECT_EQ(error_of("[[network]]\nown_eid = 12\npool = \"10-20\"\n"),
		  "ctrld.toml:2: own_eid 12 lies inside the pool");
	EXPECT_EQ(error_of("[[network]]\nnet = 1\n[[network]]\nnet = 1\n"),
		  "ctrld.toml:3: network 1 already configured at ctrld.toml:1");
	EXPECT_EQ(error_of("[[probe]]\naddresses = [0x1d]\n"),
		  "ctrld.toml:1: probe entry needs exactly one of \"link\" and \"bus\"");
	EXPECT_EQ(error_of("[[probe]]\nbus = 1\n"),
		  "ctrld.toml:1: probe entry needs \"addresses\" (the SMBus addresses allowed to be probed)");
	EXPECT_EQ(error_of("[[probe]]\nbus = 1\naddresses = [0x78]\n"),
		  "ctrld.toml:3: SMBus address 120 out of range 8..119");
	EXPECT_EQ(error_of("[[probe]]\nlink = \"x\"\nmux_channels = false\naddresses = [8]\n"),
		  "ctrld.toml:3: mux_channels applies to \"bus\" entries only");
	EXPECT_EQ(error_of("[endpoint]\nuuid = \"not-a-uuid\"\n"),
		  "ctrld.toml:2: uuid \"not-a-uuid\" is not a UUID");
	EXPECT_EQ(error_of("[host]\npath = \"relative\"\n"),
		  "ctrld.toml:2: path must be a D-Bus object path starting with \"/\"");
	EXPECT_EQ(error_of("[timing]\ndegraded_after = 3\nremove_after = 2\n"),
		  "ctrld.toml:1: remove_after (2) must not be less than degraded_after (3)");
	// TOML syntax errors carry the parser's line too
	EXPECT_EQ(error_of("[timing]\nretries = = 1\n").rfind("ctrld.toml:2: ", 0), 0u);
}

TEST(CtrldConfig, RulesForLink)
{
	auto c = parse_config(kGood, "ctrld.toml");
	ASSERT_TRUE(c);
	// the root bus and a mux channel below it match the bus rule
	EXPECT_EQ(rules_for_link(*c, "mctpi2c0", 0u, {}).size(), 1u);
	auto ch = rules_for_link(*c, "mctpi2c4", 4u, {0});
	ASSERT_EQ(ch.size(), 2u);
	EXPECT_TRUE(ch[1]->host_powered);
	EXPECT_TRUE(rules_for_link(*c, "mctpi2c7", 7u, {}).empty());
	c->probes[0].mux_channels = false;
	EXPECT_EQ(rules_for_link(*c, "mctpi2c3", 3u, {0}).size(), 0u);
}
