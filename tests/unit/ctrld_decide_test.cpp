// SPDX-License-Identifier: GPL-2.0
// The EID decision for an endpoint found at a physical address.
#include <gtest/gtest.h>

#include "decide.hpp"

using namespace mctpxx;
using namespace mctpxx::ctrld;
using Action = Decision::Action;

namespace {

constexpr int kLink = 3;

PhysKey at(std::uint8_t a)
{
	PhysKey k;
	k.ifindex = kLink;
	k.addr.push_back(a);
	return k;
}

// An endpoint at 0x1d answering Get Endpoint ID with @eid, on network 1
// with the pool 10..12 and one MCTP link.
DecideInput found(std::uint8_t eid, control::EidType type = control::EidType::Dynamic)
{
	DecideInput in;
	in.phys = at(0x1d);
	in.where = "mctpi2c1 0x1d";
	in.eid = eid;
	in.eid_type = type;
	in.state.net = 1;
	in.state.pool = EidPool({{10, 12}});
	nl::Link l;
	l.ifindex = kLink;
	l.name = "mctpi2c1";
	l.net = 1;
	in.state.netlink.links.push_back(l);
	return in;
}

void route(DecideInput &in, std::uint8_t eid, std::uint8_t extent = 0)
{
	nl::RouteEntry r;
	r.net = 1;
	r.eid = eid;
	r.extent = extent;
	r.ifindex = kLink;
	in.state.netlink.routes.push_back(r);
}

void neigh(DecideInput &in, std::uint8_t eid, std::uint8_t addr)
{
	nl::NeighEntry n;
	n.ifindex = kLink;
	n.eid = eid;
	n.lladdr.push_back(addr);
	in.state.netlink.neighs.push_back(n);
}

} // namespace

TEST(CtrldDecide, AssignsFromThePoolWhenItHasNoEid)
{
	auto d = decide(found(0));
	EXPECT_EQ(d.action, Action::Assign);
	EXPECT_EQ(d.eid, 10);
	EXPECT_FALSE(d.conflict);
}

TEST(CtrldDecide, KeepsAStaticOrPoolOrFormerEid)
{
	EXPECT_EQ(decide(found(50, control::EidType::StaticMatch)).action, Action::Keep);
	auto d = decide(found(11));
	EXPECT_EQ(d.action, Action::Keep); // inside the pool
	EXPECT_EQ(d.eid, 11);

	// dynamic, outside the pool: replaced, unless it is the one it had
	d = decide(found(50));
	EXPECT_EQ(d.action, Action::Assign);
	auto in = found(50);
	in.remembered = 50;
	EXPECT_EQ(decide(in).action, Action::Keep);

	// a network without a pool in the configuration: any valid EID stays
	in = found(50);
	in.state.configured = false;
	EXPECT_EQ(decide(in).action, Action::Keep);
}

TEST(CtrldDecide, RememberedEidComesBack)
{
	auto in = found(0);
	in.remembered = 12;
	auto d = decide(in);
	EXPECT_EQ(d.action, Action::Assign);
	EXPECT_EQ(d.eid, 12);
}

TEST(CtrldDecide, ClaimedEidOfAnotherEndpointIsAConflict)
{
	auto in = found(11);
	in.state.endpoints[11] = KnownEndpoint{at(0x1e), "mctpi2c1 0x1e"};
	in.state.pool.reserve(11);
	auto d = decide(in);
	EXPECT_EQ(d.action, Action::Assign);
	EXPECT_EQ(d.eid, 10);
	ASSERT_TRUE(d.conflict);
	EXPECT_EQ(*d.conflict, "EID conflict: mctpi2c1 0x1d claims EID 11, in use by the endpoint "
			       "at mctpi2c1 0x1e; assigning another");

	// learning it is refused
	in.mode = SetupMode::Learn;
	d = decide(in);
	EXPECT_EQ(d.action, Action::Reject);
	EXPECT_EQ(d.error.code, EADDRINUSE);
	EXPECT_TRUE(d.conflict);
}

TEST(CtrldDecide, LocalAddressesAndForeignRoutesAreTaken)
{
	auto in = found(11);
	in.state.netlink.addrs.push_back(nl::AddrEntry{kLink, 11});
	EXPECT_EQ(*eid_holder(in.state, 11, in.phys), "a local address of this host");
	EXPECT_EQ(decide(in).action, Action::Assign);
	EXPECT_EQ(decide(in).eid, 10);

	in = found(11);
	route(in, 10, 1); // 10..11
	EXPECT_EQ(*eid_holder(in.state, 11, in.phys), "routed elsewhere by an existing route");
	auto d = decide(in);
	EXPECT_EQ(d.action, Action::Assign);
	EXPECT_EQ(d.eid, 12); // 10 is routed too
}

TEST(CtrldDecide, ARouteLeftForItByAnEarlierRunIsOurs)
{
	auto in = found(11);
	route(in, 11);
	neigh(in, 11, 0x1d);
	EXPECT_FALSE(eid_holder(in.state, 11, in.phys));
	EXPECT_EQ(decide(in).action, Action::Keep);
	// the same route with a neighbour of another address is not
	in = found(11);
	route(in, 11);
	neigh(in, 11, 0x1e);
	EXPECT_TRUE(eid_holder(in.state, 11, in.phys));
}

TEST(CtrldDecide, PoolExhausted)
{
	auto in = found(0);
	for (std::uint8_t e = 10; e <= 12; e++)
		in.state.pool.reserve(e);
	auto d = decide(in);
	EXPECT_EQ(d.action, Action::Reject);
	EXPECT_EQ(d.error.code, ENOSPC);
	EXPECT_EQ(d.error.message, "no free EID in the pool of network 1 for mctpi2c1 0x1d");
}

TEST(CtrldDecide, SameUuidElsewhere)
{
	auto in = found(11);
	in.twin = Twin{EndpointKey{1, 12}, "mctpi2c2 0x1d", true};
	auto d = decide(in);
	EXPECT_EQ(d.action, Action::Reject);
	EXPECT_EQ(d.error.code, EEXIST);
	EXPECT_EQ(d.error.message,
		  "mctpi2c1 0x1d is EID 12 (same UUID), already reached at mctpi2c2 0x1d");

	in.twin->available = false; // gone from there: it moved
	d = decide(in);
	EXPECT_EQ(d.action, Action::Supersede);
	EXPECT_EQ(d.twin, (EndpointKey{1, 12}));
}

TEST(CtrldDecide, AssignModes)
{
	auto in = found(11);
	in.mode = SetupMode::Assign; // a new one even though 11 would do
	auto d = decide(in);
	EXPECT_EQ(d.action, Action::Assign);
	EXPECT_EQ(d.eid, 10);

	in.mode = SetupMode::AssignStatic;
	in.want = 50;
	d = decide(in);
	EXPECT_EQ(d.action, Action::Assign);
	EXPECT_EQ(d.eid, 50);
	in.state.pool.reserve(50);
	d = decide(in);
	EXPECT_EQ(d.action, Action::Reject);
	EXPECT_EQ(d.error.code, EADDRINUSE);
	EXPECT_EQ(d.error.message, "EID 50 is being assigned to another endpoint");
	in.want = 255;
	EXPECT_EQ(decide(in).error.code, EINVAL);
}

TEST(CtrldDecide, LearnTakesWhatItHas)
{
	auto in = found(50);
	in.mode = SetupMode::Learn;
	auto d = decide(in);
	EXPECT_EQ(d.action, Action::Keep);
	EXPECT_EQ(d.eid, 50);
	in.eid = 0;
	d = decide(in);
	EXPECT_EQ(d.action, Action::Reject);
	EXPECT_EQ(d.error.code, EADDRNOTAVAIL);
}

TEST(CtrldDecide, PureInput)
{
	auto in = found(0);
	const auto before = in.state.pool.free_count();
	(void)decide(in);
	EXPECT_EQ(in.state.pool.free_count(), before); // it takes nothing itself
}

TEST(CtrldDecide, Refused)
{
	auto in = found(0);
	auto d = decide_refused(in.state, in.phys, in.where, 10, 40);
	EXPECT_EQ(d.action, Action::Keep);
	EXPECT_EQ(d.eid, 40);

	in.state.endpoints[40] = KnownEndpoint{at(0x1e), "mctpi2c1 0x1e"};
	d = decide_refused(in.state, in.phys, in.where, 10, 40);
	EXPECT_EQ(d.action, Action::Reject);
	EXPECT_EQ(d.error.code, EADDRINUSE);
	ASSERT_TRUE(d.conflict);
	EXPECT_EQ(*d.conflict, "EID conflict: mctpi2c1 0x1d refused EID 10 and claims EID 40, in use "
			       "by the endpoint at mctpi2c1 0x1e; not added");
	d = decide_refused(in.state, in.phys, in.where, 10, 0);
	EXPECT_EQ(d.action, Action::Reject);
	EXPECT_NE(d.error.message.find("not a valid EID"), std::string::npos);
}

// A known endpoint announced itself again (Discovery Notify).
TEST(CtrldDecide, AnnouncedAfterPowerCycle)
{
	const EndpointKey k{1, 17};
	control::Uuid u{};
	u[0] = 0x22;
	// power cycled: it lost its EID; it gets the one we hold back
	EXPECT_EQ(decide_announced(k, u, 0, u), AnnounceAction::Restore);
	// it took another one meanwhile: ours again (stable EIDs)
	EXPECT_EQ(decide_announced(k, u, 40, u), AnnounceAction::Restore);
	// it still has ours
	EXPECT_EQ(decide_announced(k, u, 17, u), AnnounceAction::Confirm);
	// endpoints without a UUID are told apart by address only
	EXPECT_EQ(decide_announced(k, std::nullopt, 0, std::nullopt), AnnounceAction::Restore);
	EXPECT_EQ(decide_announced(k, std::nullopt, 17, std::nullopt), AnnounceAction::Confirm);
}

TEST(CtrldDecide, AnnouncedByAnotherDevice)
{
	const EndpointKey k{1, 17};
	control::Uuid u{}, v{};
	u[0] = 0x22;
	v[0] = 0x33;
	// another device at that address, even one claiming our EID
	EXPECT_EQ(decide_announced(k, u, 0, v), AnnounceAction::Replace);
	EXPECT_EQ(decide_announced(k, u, 17, v), AnnounceAction::Replace);
	EXPECT_EQ(decide_announced(k, u, 0, std::nullopt), AnnounceAction::Replace);
	EXPECT_EQ(decide_announced(k, std::nullopt, 17, v), AnnounceAction::Replace);
}
