// SPDX-License-Identifier: GPL-2.0
// The pure parts of the cycling and load tests: the comparison of what
// the system shows with what is expected, and the load verdict.
#include <gtest/gtest.h>

#include <cerrno>

#include "expectation.hpp"
#include "load_report.hpp"

using namespace mctpxx::cycle;

namespace {

const char *kU1 = "11111111-0000-4000-8000-000000000001";
const char *kU2 = "11111111-0000-4000-8000-000000000002";

EndpointObject object(const char *uuid, unsigned eid, std::uint8_t addr, const char *link,
		      bool hp = false, const char *state = "Available", const char *reason = "")
{
	EndpointObject o;
	o.path = std::string(kRoot) + "/1/" + std::to_string(eid);
	o.net = 1;
	o.eid = eid;
	o.uuid = uuid;
	o.state = state;
	o.reason = reason;
	o.link = link;
	o.phys = {addr};
	o.host_powered = hp;
	return o;
}

// Two endpoints, all in order: ep1 on mctpi2c1, ep2 (host-powered) on mctpi2c9.
SystemView good()
{
	SystemView v;
	v.objects = {object(kU1, 16, 0x20, "mctpi2c1"), object(kU2, 17, 0x30, "mctpi2c9", true)};
	v.routes = {{16, "mctpi2c1"}, {17, "mctpi2c9"}};
	v.neighbours = {{16, "mctpi2c1", {0x20}}, {17, "mctpi2c9", {0x30}}};
	return v;
}

std::vector<Expected> want()
{
	auto w = parse_expected(std::string(kU1) + " 16 0x20 0 Available mctpi2c1\n" + kU2 +
				" 17 0x30 1 Available mctpi2c9\n");
	EXPECT_TRUE(w);
	return *w;
}

} // namespace

TEST(CycleExpectation, ParsesListLines)
{
	auto w = want();
	ASSERT_EQ(w.size(), 2u);
	EXPECT_EQ(w[1].uuid, kU2);
	EXPECT_EQ(w[1].eid, 17u);
	EXPECT_EQ(w[1].addr, 0x30);
	EXPECT_TRUE(w[1].host_powered);
	EXPECT_EQ(format_line(good().objects[1]), std::string(kU2) + " 17 0x30 1 Available mctpi2c9");
	EXPECT_FALSE(parse_expected("x 300 0x20 0\n"));
	EXPECT_FALSE(parse_expected("x 16 0x20\n"));
}

TEST(CycleExpectation, MatchingViewHasNoDifference)
{
	EXPECT_TRUE(compare(good(), want(), {}).empty());
}

TEST(CycleExpectation, EidChangeAndStateAreDifferences)
{
	auto v = good();
	v.objects[0] = object(kU1, 18, 0x20, "mctpi2c1");
	v.routes[0].eid = 18;
	v.neighbours[0].eid = 18;
	EXPECT_FALSE(compare(v, want(), {}).empty());
	auto d = good();
	d.objects[0].state = "Degraded";
	EXPECT_EQ(compare(d, want(), {}).size(), 1u);
}

TEST(CycleExpectation, HostOffWantsHostPoweredUnavailable)
{
	Conditions off;
	off.host_on = false;
	EXPECT_FALSE(compare(good(), want(), off).empty());
	auto v = good();
	v.objects[1].state = "Unavailable";
	v.objects[1].reason = "host off";
	EXPECT_TRUE(compare(v, want(), off).empty());
	EXPECT_FALSE(compare(v, want(), {}).empty());
}

TEST(CycleExpectation, LeftoversAreDifferences)
{
	Conditions gone;
	gone.without = {kU2};
	// ep2 removed, but its route stayed
	auto v = good();
	v.objects.pop_back();
	v.neighbours.pop_back();
	auto d = compare(v, want(), gone);
	ASSERT_EQ(d.size(), 1u);
	EXPECT_NE(d[0].find("route to EID 17"), std::string::npos);
	// an object that should be gone
	EXPECT_EQ(compare(good(), want(), gone).size(), 3u);
	// a duplicate route, a stray neighbour
	auto r = good();
	r.routes.push_back({16, "mctpi2c2"});
	r.neighbours.push_back({40, "mctpi2c1", {0x41}});
	EXPECT_EQ(compare(r, want(), {}).size(), 3u);
}

TEST(CycleExpectation, RouteAndNeighbourFollowTheObjectsLink)
{
	auto v = good();
	v.neighbours[1] = {17, "mctpi2c9", {0x31}};
	EXPECT_EQ(compare(v, want(), {}).size(), 1u);
	auto w = good();
	w.routes[1].link = "mctpi2c1";
	EXPECT_EQ(compare(w, want(), {}).size(), 1u);
}

TEST(CycleExpectation, IntrospectionMustShowTheManagedObjects)
{
	auto v = good();
	v.tree = std::vector<std::string>{v.objects[0].path, v.objects[1].path};
	EXPECT_TRUE(compare(v, want(), {}).empty());
	v.tree->pop_back();
	EXPECT_EQ(compare(v, want(), {}).size(), 1u);
	v.tree->push_back(std::string(kRoot) + "/1/40");
	EXPECT_EQ(compare(v, want(), {}).size(), 2u);
}

TEST(CycleLoad, OnlyTagExhaustionIsAcceptable)
{
	std::vector<RequesterCounts> c(3);
	c[0].completed = 10;
	c[1].completed = 5;
	c[2].completed = 20;
	c[1].errors[EBUSY] = 7;
	c[2].errors[EAGAIN] = 1;
	auto r = summarize(c);
	EXPECT_TRUE(r.pass);
	EXPECT_EQ(r.completed, 35u);
	EXPECT_EQ(r.tag_exhausted, 8u);
	EXPECT_EQ(r.requesters_exhausted, 2u);
	EXPECT_DOUBLE_EQ(r.ratio, 4.0);
	c[0].errors[ETIMEDOUT] = 1;
	r = summarize(c);
	EXPECT_FALSE(r.pass);
	ASSERT_EQ(r.other_errors.size(), 1u);
	EXPECT_EQ(r.other_errors[0].first, ETIMEDOUT);
	EXPECT_NE(format(r).find("ETIMEDOUT"), std::string::npos);
}

TEST(CycleLoad, ARequesterThatCompletedNothingIsStarved)
{
	std::vector<RequesterCounts> c(2);
	c[0].completed = 10;
	c[1].errors[EBUSY] = 100;
	auto r = summarize(c);
	EXPECT_FALSE(r.pass);
	ASSERT_EQ(r.starved.size(), 1u);
	EXPECT_EQ(r.starved[0], 1u);
	EXPECT_EQ(r.ratio, 0.0);
}
