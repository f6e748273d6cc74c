// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "discovery.hpp"

using namespace mctpxx::ctrld;

namespace {

std::vector<std::uint8_t> addrs(const ProbePlan &p)
{
	std::vector<std::uint8_t> out;
	for (const auto &c : p.probe)
		out.push_back(c.addr);
	return out;
}

ProbeRule rule(std::vector<std::uint8_t> a, bool host_powered = false)
{
	ProbeRule r;
	r.bus = 0;
	r.addresses = std::move(a);
	r.host_powered = host_powered;
	return r;
}

} // namespace

TEST(CtrldDiscovery, PlansOnlyAllowedFreeAddresses)
{
	ProbeRule a = rule({0x10, 0x1d, 0x1e, 0x48});
	ProbeRule b = rule({0x1e, 0x30}, true);
	PlanInput in;
	in.rules = {&a, &b};
	in.own_addr = 0x10;
	in.known = {0x1d};
	in.foreign = [](std::uint8_t x) -> std::optional<std::string> {
		if (x == 0x48)
			return "i2c device 0-0048 bound to driver dummy";
		return std::nullopt;
	};
	auto p = plan_probes(in);
	EXPECT_EQ(addrs(p), (std::vector<std::uint8_t>{0x1e, 0x30}));
	EXPECT_TRUE(p.probe[0].host_powered); // any rule saying so counts
	EXPECT_TRUE(p.probe[1].host_powered);
	ASSERT_EQ(p.skipped.size(), 3u);
	EXPECT_EQ(p.skipped[0].why, "our own address");
	EXPECT_EQ(p.skipped[1].why, "endpoint known");
	EXPECT_EQ(p.skipped[2].why, "i2c device 0-0048 bound to driver dummy");
}

TEST(CtrldDiscovery, HostOffSkipsHostPowered)
{
	ProbeRule a = rule({0x1d});
	ProbeRule b = rule({0x30}, true);
	PlanInput in;
	in.rules = {&a, &b};
	in.host_on = false;
	in.busy = {0x1d};
	auto p = plan_probes(in);
	EXPECT_TRUE(p.probe.empty());
	ASSERT_EQ(p.skipped.size(), 2u);
	EXPECT_EQ(p.skipped[0].why, "setup in progress");
	EXPECT_EQ(p.skipped[1].why, "host-powered and the host is off");
	in.host_on = true;
	in.busy.clear();
	EXPECT_EQ(addrs(plan_probes(in)), (std::vector<std::uint8_t>{0x1d, 0x30}));
}

TEST(CtrldDiscovery, NothingWithoutRules)
{
	PlanInput in;
	EXPECT_TRUE(plan_probes(in).probe.empty());
}

namespace {

// A mux channel link on @bus below @parents (nearest first).
ChannelReach chan(unsigned bus, std::vector<unsigned> parents, decltype(ChannelReach::reach) r)
{
	ChannelReach c;
	c.bus = bus;
	c.parents = std::move(parents);
	c.reach = r;
	return c;
}

constexpr auto A = ChannelReach::Answered;
constexpr auto S = ChannelReach::Silent;
constexpr auto U = ChannelReach::Unknown;

} // namespace

// Bus 0 with a mux: channels 3 and 4; below channel 4 another mux with
// channels 5 and 6.
TEST(CtrldDiscovery, HomeOfADeviceOnTheParent)
{
	// it answers through every channel: it is on bus 0
	EXPECT_EQ(home_link(0, {chan(3, {0}, A), chan(4, {0}, A)}), std::nullopt);
	EXPECT_EQ(home_link(0, {chan(3, {0}, A), chan(4, {0}, A), chan(5, {4, 0}, A),
				chan(6, {4, 0}, A)}),
		  std::nullopt);
	// a channel that could not be asked does not count against it
	EXPECT_EQ(home_link(0, {chan(3, {0}, U), chan(4, {0}, A)}), std::nullopt);
	// no channel links below: it stays where it was found
	EXPECT_EQ(home_link(0, {}), std::nullopt);
	// a single channel: nothing tells it from the parent
	EXPECT_EQ(home_link(0, {chan(3, {0}, A)}), std::nullopt);
}

TEST(CtrldDiscovery, HomeOfADeviceBehindASelectedChannel)
{
	// found on bus 0 while channel 4 was left selected: only 4 reaches it
	EXPECT_EQ(home_link(0, {chan(3, {0}, S), chan(4, {0}, A)}), 1u);
	// the same with the other channel asked after (the mux moved): 4
	EXPECT_EQ(home_link(0, {chan(4, {0}, A), chan(3, {0}, S)}), 0u);
	// behind channel 4, which has a mux of its own: through 4, 5 and 6
	EXPECT_EQ(home_link(0, {chan(3, {0}, S), chan(4, {0}, A), chan(5, {4, 0}, A),
				chan(6, {4, 0}, A)}),
		  1u);
	// behind channel 6: through 6 (and through 4 while 6 is selected)
	EXPECT_EQ(home_link(0, {chan(3, {0}, S), chan(4, {0}, A), chan(5, {4, 0}, S),
				chan(6, {4, 0}, A)}),
		  3u);
	EXPECT_EQ(home_link(0, {chan(3, {0}, S), chan(4, {0}, S), chan(5, {4, 0}, S),
				chan(6, {4, 0}, A)}),
		  3u);
	// answered through no channel (another device at that address on
	// each, or silent): it stays where it was found
	EXPECT_EQ(home_link(0, {chan(3, {0}, S), chan(4, {0}, S)}), std::nullopt);
}
