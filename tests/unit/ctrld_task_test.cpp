// SPDX-License-Identifier: GPL-2.0
// The daemon's coroutines on a real sd-event loop.
#include <gtest/gtest.h>

#include <unistd.h>

#include "loop.hpp"
#include "task.hpp"

using namespace mctpxx;
using namespace mctpxx::ctrld;
using namespace std::chrono_literals;

namespace {

Task<int> add_later(Loop loop, int a, int b)
{
	co_await loop.sleep(1ms);
	co_return a + b;
}

Task<void> sum_into(Loop loop, int &out)
{
	int x = co_await add_later(loop, 1, 2);
	int y = co_await add_later(loop, x, 10);
	out = y;
	sd_event_exit(loop.get(), 0);
}

struct Guard {
	bool *flag;
	~Guard() { *flag = true; }
};

Task<void> wait_forever(Loop loop, bool &destroyed)
{
	Guard g{&destroyed};
	co_await loop.sleep(1h);
}

Task<void> read_pipe(Loop loop, int fd, int &result)
{
	bool ok = co_await loop.readable(fd, Clock::now() + 20ms);
	result = ok ? 1 : 0;
	ok = co_await loop.readable(fd, Clock::now() + 5s);
	result = result * 10 + (ok ? 1 : 0);
	sd_event_exit(loop.get(), 0);
}

Task<void> throws()
{
	throw std::runtime_error("boom");
	co_return;
}

} // namespace

TEST(CtrldTask, AwaitsNestedTasks)
{
	auto ev = dbus::default_event();
	ASSERT_TRUE(ev);
	Scope scope;
	int out = 0;
	scope.spawn(sum_into(Loop(ev->get()), out));
	EXPECT_EQ(scope.size(), 1u);
	ASSERT_GE(sd_event_loop(ev->get()), 0);
	EXPECT_EQ(out, 13);
	EXPECT_EQ(scope.size(), 0u);
}

TEST(CtrldTask, DestroyingTheScopeCancels)
{
	auto ev = dbus::default_event();
	ASSERT_TRUE(ev);
	bool destroyed = false;
	{
		Scope scope;
		scope.spawn(wait_forever(Loop(ev->get()), destroyed));
		EXPECT_FALSE(destroyed);
	}
	EXPECT_TRUE(destroyed);
	// the timer went with the task: nothing left to dispatch
	EXPECT_EQ(sd_event_run(ev->get(), 0), 0);
}

TEST(CtrldTask, ReadableWithDeadline)
{
	auto ev = dbus::default_event();
	ASSERT_TRUE(ev);
	int fds[2];
	ASSERT_EQ(pipe(fds), 0);
	Scope scope;
	int result = -1;
	Timer writer(ev->get(), [&] { ASSERT_EQ(write(fds[1], "x", 1), 1); });
	ASSERT_TRUE(writer.arm(100ms));
	scope.spawn(read_pipe(Loop(ev->get()), fds[0], result));
	ASSERT_GE(sd_event_loop(ev->get()), 0);
	EXPECT_EQ(result, 1); // timed out first, then readable
	close(fds[0]);
	close(fds[1]);
}

TEST(CtrldTask, ExceptionsReachTheHandler)
{
	std::string what;
	Scope scope([&](std::exception_ptr e) {
		try {
			std::rethrow_exception(e);
		} catch (const std::exception &x) {
			what = x.what();
		}
	});
	scope.spawn(throws());
	EXPECT_EQ(what, "boom");
	EXPECT_EQ(scope.size(), 0u);
}
