// SPDX-License-Identifier: GPL-2.0
// Waiting on the sd-event loop for a condition that its owner signals,
// instead of polling it. A coroutine awaits wait() (optionally with a
// deadline), re-checks its condition when resumed and waits again if it
// still does not hold; the owner calls notify_all() when the condition
// may have changed. Waiters are resumed from a defer source on the loop,
// never from inside notify_all(), so notifying is safe anywhere (in a
// destructor, while another coroutine runs). Each awaiter unlinks itself
// when destroyed, so a cancelled waiter leaves nothing behind.
#pragma once

#include <coroutine>
#include <optional>
#include <vector>

#include "loop.hpp"

namespace mctpxx::ctrld {

class Notifier {
public:
	explicit Notifier(sd_event *ev) : ev_(ev) {}
	Notifier(const Notifier &) = delete;
	Notifier &operator=(const Notifier &) = delete;
	// Waiters still suspended are never resumed by it any more.
	~Notifier();

	// Resolves to true when notified, false at the deadline.
	class Awaiter {
	public:
		Awaiter(Notifier &n, std::optional<Deadline> until) : n_(&n), until_(until) {}
		Awaiter(const Awaiter &) = delete;
		Awaiter &operator=(const Awaiter &) = delete;
		~Awaiter();
		bool await_ready() const { return false; }
		bool await_suspend(std::coroutine_handle<> h);
		bool await_resume() const { return notified_; }

	private:
		friend class Notifier;
		static int on_time(sd_event_source *, std::uint64_t, void *self);
		void wake(bool notified);
		Notifier *n_;
		std::optional<Deadline> until_;
		bool notified_ = false;
		std::coroutine_handle<> h_;
		dbus::EventSource timer_;
	};

	Awaiter wait() { return {*this, std::nullopt}; }
	Awaiter wait_until(Deadline d) { return {*this, d}; }

	// Resumes, on the next loop iteration, everyone waiting now.
	void notify_all();
	std::size_t waiting() const { return waiting_.size() + ready_.size(); }

private:
	static int on_defer(sd_event_source *, void *self);
	void resume_ready();
	void unlink(Awaiter *a);

	sd_event *ev_;
	std::vector<Awaiter *> waiting_; // suspended, not notified yet
	std::vector<Awaiter *> ready_;	 // notified, to be resumed
	dbus::EventSource defer_;
};

} // namespace mctpxx::ctrld
