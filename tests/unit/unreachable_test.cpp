// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "mctpxx/unreachable.hpp"

using namespace mctpxx;

namespace {

// net 1: mctpi2c1 (ifindex 3, link-layer addresses, EID 8) with a route to
// 9-12 and a neighbour for 9; mv0 (ifindex 4, no link-layer addresses, EID
// 20) with a route to 30; a gateway route to 40-41 through 10; net 2:
// mctpi2c2 (ifindex 5, no EID of its own) with a route to 50.
RoutingState state()
{
	RoutingState s;
	nl::Link i2c1{.ifindex = 3, .name = "mctpi2c1", .type = nl::kArphrdMctp};
	i2c1.hwaddr = {0x10};
	i2c1.net = 1;
	nl::Link mv0{.ifindex = 4, .name = "mv0", .type = nl::kArphrdMctp};
	mv0.net = 1;
	nl::Link i2c2{.ifindex = 5, .name = "mctpi2c2", .type = nl::kArphrdMctp};
	i2c2.hwaddr = {0x10};
	i2c2.net = 2;
	s.links = {i2c1, mv0, i2c2};
	s.addresses = {{3, 8}, {4, 20}};
	s.routes = {{.eid = 9, .extent = 3, .ifindex = 3},
		    {.eid = 30, .ifindex = 4},
		    {.net = 1, .eid = 40, .extent = 1, .gateway = nl::Gateway{1, 10}},
		    {.eid = 50, .ifindex = 5},
		    {.eid = 8, .type = 2, .ifindex = 3}};
	s.neighbours = {{3, 9, {0x1d}}};
	return s;
}

} // namespace

TEST(Unreachable, NoRoute)
{
	EXPECT_EQ(unreachable_reason(state(), 1, 60),
		  "no route to EID 60 in net 1: add one with `mctp-ctl route add 60 via DEV`");
	// the route to 50 is in net 2, not the default network
	EXPECT_EQ(unreachable_reason(state(), kNetAny, 50),
		  "no route to EID 50 in net 1: add one with `mctp-ctl route add 50 via DEV`");
}

TEST(Unreachable, RouteWithoutNeighbour)
{
	EXPECT_EQ(unreachable_reason(state(), 1, 11),
		  "route via mctpi2c1 but no neighbour entry for EID 11 on mctpi2c1: add one with "
		  "`mctp-ctl neigh add 11 dev mctpi2c1 lladdr ADDR`");
	// the neighbour is there: nothing known to be missing
	EXPECT_EQ(unreachable_reason(state(), 1, 9), std::nullopt);
	// a device without link-layer addresses needs no neighbours
	EXPECT_EQ(unreachable_reason(state(), 1, 30), std::nullopt);
}

TEST(Unreachable, DeviceWithoutEid)
{
	EXPECT_EQ(unreachable_reason(state(), 2, 50),
		  "route via mctpi2c2 but mctpi2c2 has no EID of its own to send from: add one "
		  "with `mctp-ctl address add EID dev mctpi2c2`");
}

TEST(Unreachable, ThroughGateway)
{
	// gateway 10 is routed via mctpi2c1, which has no neighbour for it
	EXPECT_EQ(unreachable_reason(state(), 1, 41),
		  "EID 41 in net 1 is reached through gateway EID 10 in net 1; route via mctpi2c1 "
		  "but no neighbour entry for EID 10 on mctpi2c1: add one with "
		  "`mctp-ctl neigh add 10 dev mctpi2c1 lladdr ADDR`");
	auto s = state();
	s.routes[2].gateway = nl::Gateway{1, 70};
	EXPECT_EQ(unreachable_reason(s, 1, 40),
		  "EID 40 in net 1 is reached through gateway EID 70 in net 1; no route to EID 70 "
		  "in net 1: add one with `mctp-ctl route add 70 via DEV`");
}

TEST(Unreachable, OtherErrorsUnchanged)
{
	auto e = explain_unreachable(Error::sys(ETIMEDOUT, "receive"), 1, 9);
	EXPECT_EQ(e.code, ETIMEDOUT);
	EXPECT_EQ(e.message, Error::sys(ETIMEDOUT, "receive").message);
}
