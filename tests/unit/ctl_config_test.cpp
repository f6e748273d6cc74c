// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "config.hpp"
#include "plan.hpp"

using namespace mctpxx::ctl;
using mctpxx::nl::AddrEntry;
using mctpxx::nl::Link;
using mctpxx::nl::NeighEntry;
using mctpxx::nl::RouteEntry;

namespace {

const char *kGood = R"(
[[smbus]]
bus = 1
address = 0x10

[link.mctpi2c1]
up = true
mtu = 254
net = 1
addresses = [8]

[[route]]
dest = "10-20"
dev = "mctpi2c1"
mtu = 100

[[route]]
dest = 30
gateway = { eid = 10, net = 1 }

[[neigh]]
eid = 10
dev = "mctpi2c1"
lladdr = "0x1d"
)";

std::string error_of(const char *text)
{
	Config c;
	auto s = parse_config(text, "test.toml", c);
	return s ? "(accepted)" : s.error().message;
}

SystemState one_link()
{
	SystemState s;
	Link l;
	l.ifindex = 3;
	l.name = "mctpi2c1";
	l.type = mctpxx::nl::kArphrdMctp;
	l.mtu = 68;
	l.net = 1;
	s.links.push_back(l);
	s.i2c_buses = {1};
	s.smbus_driver = true;
	return s;
}

} // namespace

TEST(CtlConfig, ParsesEverySection)
{
	Config c;
	ASSERT_TRUE(parse_config(kGood, "test.toml", c));
	ASSERT_EQ(c.smbus.size(), 1u);
	EXPECT_EQ(c.smbus[0].bus, 1u);
	EXPECT_EQ(c.smbus[0].address, 0x10);
	const auto &l = c.links.at("mctpi2c1");
	EXPECT_EQ(l.up, true);
	EXPECT_EQ(l.mtu, 254u);
	EXPECT_EQ(l.addresses, std::vector<std::uint8_t>{8});
	ASSERT_EQ(c.routes.size(), 2u);
	EXPECT_EQ(c.routes[0].eid, 10);
	EXPECT_EQ(c.routes[0].extent, 10);
	EXPECT_EQ(c.routes[1].gateway->eid, 10);
	ASSERT_EQ(c.neighs.size(), 1u);
	EXPECT_EQ(c.neighs[0].lladdr, std::vector<std::uint8_t>{0x1d});
}

TEST(CtlConfig, ErrorsNameLineAndReason)
{
	EXPECT_EQ(error_of("[link.a]\nmtu = 10\n"), "test.toml:2: mtu 10 out of range 68..65535");
	EXPECT_EQ(error_of("[link.a]\nspeed = 1\n"), "test.toml:2: unknown key \"speed\" in link \"a\"");
	EXPECT_EQ(error_of("[[route]]\ndest = 10\n"),
		  "test.toml:1: route needs exactly one of \"dev\" and \"gateway\"");
	EXPECT_EQ(error_of("[[route]]\ndest = \"9-300\"\ndev = \"x\"\n"),
		  "test.toml:2: invalid EID \"300\": must be 0..255");
	EXPECT_EQ(error_of("[link.a]\naddresses = [8, 8]\n"), "test.toml:2: address 8 listed twice");
	EXPECT_EQ(error_of("[link.a]\naddresses = [255]\n"), "test.toml:2: address 255 out of range 8..254");
	EXPECT_EQ(error_of("[[neigh]]\neid = 9\ndev = \"a\"\nlladdr = \"zz\"\n"),
		  "test.toml:4: invalid lladdr \"zz\": expected hex bytes like 0x1d or 1d:2e");
	EXPECT_EQ(error_of("bogus = 1\n"), "test.toml:1: unknown key \"bogus\" in the top level");
	auto syntax = error_of("[link.a\n");
	EXPECT_EQ(syntax.rfind("test.toml:1: ", 0), 0u) << syntax;
}

TEST(CtlConfig, BadDocumentLeavesConfigUntouched)
{
	Config c;
	ASSERT_TRUE(parse_config("[link.a]\nmtu = 100\n", "a.toml", c));
	EXPECT_FALSE(parse_config("[link.a]\nmtu = 200\n[link.b]\nmtu = 1\n", "b.toml", c));
	EXPECT_EQ(c.links.at("a").mtu, 100u);
	EXPECT_EQ(c.links.count("b"), 0u);
}

TEST(CtlPlan, FromEmptyStateAddsEverything)
{
	Config c;
	ASSERT_TRUE(parse_config(kGood, "t", c));
	auto smbus = plan_smbus(c, one_link());
	ASSERT_EQ(smbus.steps.size(), 1u);
	EXPECT_EQ(smbus.steps[0].text, "create smbus binding on i2c-1 address 0x10");
	EXPECT_TRUE(smbus.pending.empty());

	auto steps = plan_netlink(c, one_link());
	ASSERT_TRUE(steps) << steps.error().message;
	EXPECT_TRUE(steps->pending.empty());
	std::vector<std::string> texts;
	for (auto &s : steps->steps)
		texts.push_back(s.text);
	EXPECT_EQ(texts, (std::vector<std::string>{
				 "set link mctpi2c1 mtu 254 up",
				 "add address 8 dev mctpi2c1",
				 "add route 10-20 via mctpi2c1 mtu 100",
				 "add route 30 gw 10 net 1",
				 "add neigh 10 dev mctpi2c1 lladdr 1d",
			 }));
}

TEST(CtlPlan, AppliedStateNeedsNothing)
{
	Config c;
	ASSERT_TRUE(parse_config(kGood, "t", c));
	SystemState s = one_link();
	s.links[0].mtu = 254;
	s.links[0].up = true;
	s.smbus_clients = {{1, 0x10}};
	s.addrs = {AddrEntry{3, 8}};
	RouteEntry local;
	local.eid = 8;
	local.type = 2;
	local.ifindex = 3;
	RouteEntry r1;
	r1.eid = 10;
	r1.extent = 10;
	r1.ifindex = 3;
	r1.mtu = 100;
	RouteEntry r2;
	r2.eid = 30;
	r2.gateway = mctpxx::nl::Gateway{1, 10};
	r2.net = 1;
	s.routes = {local, r1, r2};
	s.neighs = {NeighEntry{3, 10, {0x1d}}};
	EXPECT_TRUE(plan_smbus(c, s).steps.empty());
	auto steps = plan_netlink(c, s);
	ASSERT_TRUE(steps);
	EXPECT_TRUE(steps->steps.empty()) << steps->steps[0].text;
	EXPECT_TRUE(steps->pending.empty());
}

TEST(CtlPlan, RemovesWhatOwnedLinksShouldNotHave)
{
	Config c;
	ASSERT_TRUE(parse_config("[link.mctpi2c1]\naddresses = [8]\n", "t", c));
	SystemState s = one_link();
	s.addrs = {AddrEntry{3, 8}, AddrEntry{3, 9}};
	RouteEntry stale;
	stale.eid = 40;
	stale.ifindex = 3;
	s.routes = {stale};
	s.neighs = {NeighEntry{3, 40, {0x22}}};
	auto steps = plan_netlink(c, s);
	ASSERT_TRUE(steps);
	std::vector<std::string> texts;
	for (auto &st : steps->steps)
		texts.push_back(st.text);
	EXPECT_EQ(texts, (std::vector<std::string>{"del neigh 40 dev mctpi2c1", "del route 40 via mctpi2c1",
						   "del address 9 dev mctpi2c1"}));
}

static std::vector<std::string> texts_of(const Plan &p)
{
	std::vector<std::string> t;
	for (auto &st : p.steps)
		t.push_back(st.text);
	return t;
}

static std::vector<std::string> pending_of(const Plan &p)
{
	std::vector<std::string> t;
	for (auto &x : p.pending)
		t.push_back(x.str());
	return t;
}

TEST(CtlPlan, MissingDeviceWaitsWithLine)
{
	Config c;
	ASSERT_TRUE(parse_config("[[route]]\ndest = 10\ndev = \"nope\"\n", "t.toml", c));
	auto steps = plan_netlink(c, one_link());
	ASSERT_TRUE(steps);
	EXPECT_TRUE(steps->steps.empty());
	EXPECT_EQ(pending_of(*steps), std::vector<std::string>{"t.toml:1: device \"nope\" does not exist"});
	Config b;
	ASSERT_TRUE(parse_config("[[smbus]]\nbus = 7\naddress = 0x10\n", "t.toml", b));
	auto smbus = plan_smbus(b, one_link());
	EXPECT_TRUE(smbus.steps.empty());
	EXPECT_EQ(pending_of(smbus), std::vector<std::string>{"t.toml:1: i2c bus 7 does not exist"});
}

// A late i2c bus holds back its binding and what names its link, not the
// rest of the file.
TEST(CtlPlan, LateBusHoldsBackOnlyItsOwnEntries)
{
	Config c;
	ASSERT_TRUE(parse_config(R"([[smbus]]
bus = 1
address = 0x10
[[smbus]]
bus = 5
address = 0x10
[link.mctpi2c1]
addresses = [8]
[link.mctpi2c5]
addresses = [9]
[[route]]
dest = 20
dev = "mctpi2c5"
[[neigh]]
eid = 20
dev = "mctpi2c5"
lladdr = "0x1d"
[[route]]
dest = 30
dev = "mctpi2c1"
)",
				 "t.toml", c));
	SystemState s = one_link();
	s.smbus_clients = {{1, 0x10}};
	auto smbus = plan_smbus(c, s);
	EXPECT_TRUE(smbus.steps.empty());
	EXPECT_EQ(pending_of(smbus), std::vector<std::string>{"t.toml:4: i2c bus 5 does not exist"});
	auto net = plan_netlink(c, s);
	ASSERT_TRUE(net) << net.error().message;
	EXPECT_EQ(texts_of(*net),
		  (std::vector<std::string>{"add address 8 dev mctpi2c1", "add route 30 via mctpi2c1"}));
	EXPECT_EQ(pending_of(*net), (std::vector<std::string>{
					    "t.toml:9: device \"mctpi2c5\" does not exist",
					    "t.toml:11: device \"mctpi2c5\" does not exist",
					    "t.toml:14: device \"mctpi2c5\" does not exist",
				    }));

	// the bus appears: its binding is created
	s.i2c_buses.insert(5);
	smbus = plan_smbus(c, s);
	EXPECT_EQ(texts_of(smbus), std::vector<std::string>{"create smbus binding on i2c-5 address 0x10"});
	EXPECT_TRUE(smbus.pending.empty());
}

TEST(CtlPlan, BindingWaitsForItsDriver)
{
	Config c;
	ASSERT_TRUE(parse_config("[[smbus]]\nbus = 1\naddress = 0x10\n", "t.toml", c));
	SystemState s = one_link();
	s.smbus_driver = false;
	auto smbus = plan_smbus(c, s);
	EXPECT_TRUE(smbus.steps.empty());
	EXPECT_EQ(pending_of(smbus),
		  std::vector<std::string>{"t.toml:1: the SMBus binding driver (mctp-smbus) is not loaded"});
}

// lo and tun devices carry MCTP state (the kernel reports their network):
// an address on them is planned like on a binding's device
TEST(CtlPlan, LoopbackAndTunAreMctpLinks)
{
	Config c;
	ASSERT_TRUE(parse_config("[link.lo]\naddresses = [30]\n[link.tun0]\naddresses = [31]\n",
				 "t.toml", c));
	SystemState s = one_link();
	Link lo;
	lo.ifindex = 1;
	lo.name = "lo";
	lo.type = 772; // ARPHRD_LOOPBACK
	lo.net = 1;
	s.links.push_back(lo);
	Link tun;
	tun.ifindex = 4;
	tun.name = "tun0";
	tun.type = 65534; // ARPHRD_NONE
	tun.net = 1;
	s.links.push_back(tun);
	auto net = plan_netlink(c, s);
	ASSERT_TRUE(net) << net.error().message;
	EXPECT_EQ(texts_of(*net),
		  (std::vector<std::string>{"add address 30 dev lo", "add address 31 dev tun0"}));
}

TEST(CtlPlan, NonMctpDeviceFails)
{
	Config c;
	ASSERT_TRUE(parse_config("[[route]]\ndest = 10\ndev = \"eth0\"\n", "t.toml", c));
	SystemState s = one_link();
	Link eth;
	eth.ifindex = 2;
	eth.name = "eth0";
	eth.type = 1;
	s.links.push_back(eth);
	auto steps = plan_netlink(c, s);
	ASSERT_FALSE(steps);
	EXPECT_EQ(steps.error().message, "t.toml:1: device \"eth0\" is not an MCTP device");
}
