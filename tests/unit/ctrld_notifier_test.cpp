// SPDX-License-Identifier: GPL-2.0
// Waiting for a signalled condition on a real sd-event loop: Notifier and
// the busy addresses built on it.
#include <gtest/gtest.h>

#include <string>

#include "busy_set.hpp"
#include "notifier.hpp"
#include "task.hpp"

using namespace mctpxx;
using namespace mctpxx::ctrld;
using namespace std::chrono_literals;

namespace {

Task<void> wait_once(Notifier &n, std::string &log, const char *name)
{
	const bool notified = co_await n.wait();
	log += std::string(name) + (notified ? "+" : "-");
}

Task<void> wait_with_deadline(Notifier &n, Deadline d, int &result)
{
	result = (co_await n.wait_until(d)) ? 1 : 0;
}

Task<void> hold(Loop loop, BusySet &busy, PhysKey k, std::string &log, const char *name)
{
	const BusySet::Claim c = co_await busy.claim(k);
	log += std::string(name) + "<";
	co_await loop.sleep(2ms);
	log += std::string(">") + name;
}

PhysKey key(std::uint8_t a)
{
	PhysKey k;
	k.ifindex = 3;
	k.addr.push_back(a);
	return k;
}

} // namespace

TEST(CtrldNotifier, ResumesWaitersOnTheLoopNotInline)
{
	auto ev = dbus::default_event();
	ASSERT_TRUE(ev);
	Notifier n(ev->get());
	Scope scope;
	std::string log;
	scope.spawn(wait_once(n, log, "a"));
	scope.spawn(wait_once(n, log, "b"));
	EXPECT_EQ(n.waiting(), 2u);
	n.notify_all();
	EXPECT_EQ(log, ""); // not from inside notify_all()
	while (scope.size())
		ASSERT_GE(sd_event_run(ev->get(), UINT64_MAX), 0);
	EXPECT_EQ(log, "a+b+");
	EXPECT_EQ(n.waiting(), 0u);
}

TEST(CtrldNotifier, NotifyingNobodyIsANoop)
{
	auto ev = dbus::default_event();
	ASSERT_TRUE(ev);
	Notifier n(ev->get());
	n.notify_all();
	EXPECT_EQ(sd_event_run(ev->get(), 0), 0); // nothing armed
}

TEST(CtrldNotifier, DeadlineEndsTheWait)
{
	auto ev = dbus::default_event();
	ASSERT_TRUE(ev);
	Notifier n(ev->get());
	Scope scope;
	int result = -1;
	scope.spawn(wait_with_deadline(n, Clock::now() + 5ms, result));
	while (scope.size())
		ASSERT_GE(sd_event_run(ev->get(), UINT64_MAX), 0);
	EXPECT_EQ(result, 0);
	EXPECT_EQ(n.waiting(), 0u);

	scope.spawn(wait_with_deadline(n, Clock::now() + 1h, result));
	n.notify_all();
	while (scope.size())
		ASSERT_GE(sd_event_run(ev->get(), UINT64_MAX), 0);
	EXPECT_EQ(result, 1);
	// the timer went with the awaiter
	EXPECT_EQ(sd_event_run(ev->get(), 0), 0);
}

TEST(CtrldNotifier, CancelledWaitersUnlink)
{
	auto ev = dbus::default_event();
	ASSERT_TRUE(ev);
	Notifier n(ev->get());
	std::string log;
	{
		Scope scope;
		scope.spawn(wait_once(n, log, "a"));
		n.notify_all(); // queued for resumption, then cancelled
		EXPECT_EQ(n.waiting(), 1u);
	}
	EXPECT_EQ(n.waiting(), 0u);
	ASSERT_GE(sd_event_run(ev->get(), 0), 0);
	EXPECT_EQ(log, "");
}

TEST(CtrldBusySet, ClaimWaitsForTheHolder)
{
	auto ev = dbus::default_event();
	ASSERT_TRUE(ev);
	BusySet busy(ev->get());
	Scope scope;
	std::string log;
	const Loop loop(ev->get());
	scope.spawn(hold(loop, busy, key(0x1d), log, "a"));
	scope.spawn(hold(loop, busy, key(0x1d), log, "b"));
	scope.spawn(hold(loop, busy, key(0x1e), log, "c")); // another address: at once
	EXPECT_TRUE(busy.contains(key(0x1d)));
	EXPECT_EQ(busy.addrs_on(3), (std::set<std::uint8_t>{0x1d, 0x1e}));
	EXPECT_FALSE(busy.try_claim(key(0x1e)));
	while (scope.size())
		ASSERT_GE(sd_event_run(ev->get(), UINT64_MAX), 0);
	EXPECT_EQ(log.substr(0, 4), "a<c<");
	ASSERT_NE(log.find("b<"), std::string::npos);
	EXPECT_LT(log.find(">a"), log.find("b<")); // b only after a let go
	EXPECT_TRUE(busy.addrs_on(3).empty());
	auto c = busy.try_claim(key(0x1d));
	EXPECT_TRUE(c);
	EXPECT_TRUE(busy.contains(key(0x1d)));
}
