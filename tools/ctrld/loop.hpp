// SPDX-License-Identifier: GPL-2.0
// Waiting on the sd-event loop from coroutines: sleeps and readable file
// descriptors with deadlines. Each awaiter owns its event sources, so a
// coroutine destroyed while waiting leaves nothing behind.
#pragma once

#include <chrono>
#include <coroutine>
#include <functional>

#include "dbus.hpp"
#include "mctpxx/socket.hpp"

namespace mctpxx::ctrld {

// CLOCK_MONOTONIC microseconds of a steady_clock time point (the same
// clock on Linux).
std::uint64_t to_usec(Deadline d);

class Loop {
public:
	explicit Loop(sd_event *ev) : ev_(ev) {}
	sd_event *get() const { return ev_; }

	class SleepAwaiter {
	public:
		SleepAwaiter(sd_event *ev, Deadline until) : ev_(ev), until_(until) {}
		bool await_ready() const { return false; }
		bool await_suspend(std::coroutine_handle<> h);
		void await_resume() const {}

	private:
		static int on_time(sd_event_source *, std::uint64_t, void *self);
		sd_event *ev_;
		Deadline until_;
		std::coroutine_handle<> h_;
		dbus::EventSource timer_;
	};

	// Resolves to true when @fd is readable, false at @deadline.
	class ReadableAwaiter {
	public:
		ReadableAwaiter(sd_event *ev, int fd, Deadline deadline)
			: ev_(ev), fd_(fd), deadline_(deadline) {}
		bool await_ready() const { return false; }
		bool await_suspend(std::coroutine_handle<> h);
		bool await_resume() const { return readable_; }

	private:
		static int on_io(sd_event_source *, int, std::uint32_t, void *self);
		static int on_time(sd_event_source *, std::uint64_t, void *self);
		void wake(bool readable);
		sd_event *ev_;
		int fd_;
		Deadline deadline_;
		bool readable_ = false;
		std::coroutine_handle<> h_;
		dbus::EventSource io_, timer_;
	};

	SleepAwaiter sleep(std::chrono::milliseconds d) const { return {ev_, Clock::now() + d}; }
	SleepAwaiter sleep_until(Deadline d) const { return {ev_, d}; }
	ReadableAwaiter readable(int fd, Deadline deadline) const { return {ev_, fd, deadline}; }

private:
	sd_event *ev_;
};

// A callback timer that can be (re)armed and cancelled.
class Timer {
public:
	Timer(sd_event *ev, std::function<void()> fn) : ev_(ev), fn_(std::move(fn)) {}
	Timer(const Timer &) = delete;
	Timer &operator=(const Timer &) = delete;
	// Fires once after @d, replacing any earlier arming.
	Status arm(std::chrono::milliseconds d);
	void cancel() { src_.reset(); }
	bool armed() const { return static_cast<bool>(src_); }

private:
	static int on_time(sd_event_source *, std::uint64_t, void *self);
	sd_event *ev_;
	std::function<void()> fn_;
	dbus::EventSource src_;
};

} // namespace mctpxx::ctrld
