// SPDX-License-Identifier: GPL-2.0
#include <gtest/gtest.h>

#include "eid_pool.hpp"

using namespace mctpxx::ctrld;

TEST(CtrldEidPool, AllocatesInOrderAndSkipsBusy)
{
	EidPool p({{10, 12}});
	EXPECT_EQ(p.allocate(std::nullopt), 10);
	EXPECT_EQ(p.allocate(std::nullopt, [](std::uint8_t e) { return e == 11; }), 12);
	EXPECT_EQ(p.allocate(std::nullopt, [](std::uint8_t e) { return e == 11; }), std::nullopt);
	EXPECT_EQ(p.allocate(std::nullopt), 11);
	EXPECT_EQ(p.free_count(), 0u);
}

TEST(CtrldEidPool, PreferredEidEvenOutsideThePool)
{
	EidPool p({{10, 12}});
	EXPECT_EQ(p.allocate(std::uint8_t{50}), 50);
	EXPECT_TRUE(p.is_used(50));
	// used already: falls back to the pool
	EXPECT_EQ(p.allocate(std::uint8_t{50}), 10);
	// not unicast
	EXPECT_EQ(p.allocate(std::uint8_t{0}), 11);
}

TEST(CtrldEidPool, ReleasedEidsComeBackLast)
{
	EidPool p({{10, 13}});
	auto a = p.allocate(std::nullopt);
	auto b = p.allocate(std::nullopt);
	ASSERT_EQ(a, 10);
	ASSERT_EQ(b, 11);
	p.release(10);
	// never used ones first
	EXPECT_EQ(p.allocate(std::nullopt), 12);
	EXPECT_EQ(p.allocate(std::nullopt), 13);
	EXPECT_EQ(p.allocate(std::nullopt), 10);
}

TEST(CtrldEidPool, KeptEidsWaitForTheirEndpoint)
{
	EidPool p({{10, 12}});
	ASSERT_EQ(p.allocate(std::nullopt), 10);
	ASSERT_EQ(p.allocate(std::nullopt), 11);
	p.release(10, true); // kept for a departed endpoint
	p.release(11);
	// 12 never used, then 11 (released, not kept), then 10
	EXPECT_EQ(p.allocate(std::nullopt), 12);
	EXPECT_EQ(p.allocate(std::nullopt), 11);
	p.release(11);
	// the departed endpoint comes back and asks for its EID
	EXPECT_EQ(p.allocate(std::uint8_t{10}), 10);
	// exhausted except 11
	EXPECT_EQ(p.allocate(std::nullopt), 11);
	EXPECT_EQ(p.allocate(std::nullopt), std::nullopt);
}

TEST(CtrldEidPool, ReserveAndInPool)
{
	EidPool p({{10, 12}, {20, 20}});
	EXPECT_TRUE(p.in_pool(20));
	EXPECT_FALSE(p.in_pool(13));
	EXPECT_TRUE(p.reserve(11));
	EXPECT_FALSE(p.reserve(11));
	EXPECT_FALSE(p.reserve(255));
	EXPECT_TRUE(p.reserve(100)); // a static EID outside the pool
	EXPECT_EQ(p.free_count(), 3u);
}

TEST(CtrldEidReservation, ReleasedUnlessCommitted)
{
	EidPool p({{10, 12}});
	{
		auto r = p.take(std::nullopt);
		ASSERT_TRUE(r);
		EXPECT_EQ(r.eid(), 10);
		EXPECT_TRUE(p.is_used(10));
	}
	EXPECT_FALSE(p.is_used(10));
	{
		auto r = p.take(std::nullopt);
		ASSERT_TRUE(r);
		r.commit();
	}
	EXPECT_TRUE(p.is_used(11)); // 10 was released: 11 is never used, first
	EXPECT_EQ(p.free_count(), 2u);
}

TEST(CtrldEidReservation, ExactAndEmpty)
{
	EidPool p({{10, 10}});
	auto a = p.take_exact(50); // a static EID outside the pool
	ASSERT_TRUE(a);
	EXPECT_EQ(a.eid(), 50);
	EXPECT_FALSE(p.take_exact(50)); // already used
	EXPECT_FALSE(p.take_exact(0));  // not unicast
	auto b = p.take(std::nullopt);
	ASSERT_TRUE(b);
	EXPECT_FALSE(p.take(std::nullopt)); // exhausted
	b.reset();
	EXPECT_FALSE(p.is_used(10));
	b.reset(); // twice: nothing more
	EXPECT_TRUE(p.take(std::nullopt));
}

TEST(CtrldEidReservation, MovesCarryTheEid)
{
	EidPool p({{10, 12}});
	EidReservation outer;
	{
		auto r = p.take(std::nullopt);
		outer = std::move(r);
	} // the moved-from one releases nothing
	EXPECT_TRUE(p.is_used(10));
	EidReservation other = p.take(std::nullopt);
	ASSERT_EQ(other.eid(), 11);
	outer = std::move(other); // 10 goes back, 11 is now held by outer
	EXPECT_FALSE(p.is_used(10));
	EXPECT_TRUE(p.is_used(11));
	outer.reset();
	EXPECT_FALSE(p.is_used(11));
}
