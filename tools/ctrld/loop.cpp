// SPDX-License-Identifier: GPL-2.0
#include "loop.hpp"

#include <sys/epoll.h>

#include <ctime>

namespace mctpxx::ctrld {

std::uint64_t to_usec(Deadline d)
{
	auto us = std::chrono::duration_cast<std::chrono::microseconds>(d.time_since_epoch()).count();
	return us < 0 ? 0 : static_cast<std::uint64_t>(us);
}

bool Loop::SleepAwaiter::await_suspend(std::coroutine_handle<> h)
{
	sd_event_source *s = nullptr;
	h_ = h;
	if (sd_event_add_time(ev_, &s, CLOCK_MONOTONIC, to_usec(until_), 0, on_time, this) < 0)
		return false; // cannot wait: carry on at once
	timer_.reset(s);
	return true;
}

int Loop::SleepAwaiter::on_time(sd_event_source *, std::uint64_t, void *self)
{
	// Resuming may destroy this awaiter: touch nothing afterwards.
	auto h = static_cast<SleepAwaiter *>(self)->h_;
	h.resume();
	return 0;
}

bool Loop::ReadableAwaiter::await_suspend(std::coroutine_handle<> h)
{
	sd_event_source *s = nullptr;
	h_ = h;
	if (sd_event_add_io(ev_, &s, fd_, EPOLLIN, on_io, this) < 0)
		return false;
	io_.reset(s);
	if (sd_event_add_time(ev_, &s, CLOCK_MONOTONIC, to_usec(deadline_), 0, on_time, this) < 0) {
		io_.reset();
		return false;
	}
	timer_.reset(s);
	return true;
}

void Loop::ReadableAwaiter::wake(bool readable)
{
	readable_ = readable;
	// Stop both sources before resuming: the coroutine may wait again.
	io_.reset();
	timer_.reset();
	auto h = h_;
	h.resume();
}

int Loop::ReadableAwaiter::on_io(sd_event_source *, int, std::uint32_t, void *self)
{
	static_cast<ReadableAwaiter *>(self)->wake(true);
	return 0;
}

int Loop::ReadableAwaiter::on_time(sd_event_source *, std::uint64_t, void *self)
{
	static_cast<ReadableAwaiter *>(self)->wake(false);
	return 0;
}

Status Timer::arm(std::chrono::milliseconds d)
{
	sd_event_source *s = nullptr;
	src_.reset();
	int r = sd_event_add_time_relative(ev_, &s, CLOCK_MONOTONIC,
					   static_cast<std::uint64_t>(d.count()) * 1000, 0, on_time, this);
	if (r < 0)
		return fail(dbus::error(r, "adding a timer"));
	src_.reset(s);
	return {};
}

int Timer::on_time(sd_event_source *, std::uint64_t, void *self)
{
	auto *t = static_cast<Timer *>(self);
	t->src_.reset();
	auto fn = t->fn_; // the callback may re-arm or destroy the timer
	fn();
	return 0;
}

} // namespace mctpxx::ctrld
