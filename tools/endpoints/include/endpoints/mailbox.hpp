// SPDX-License-Identifier: GPL-2.0
// Work handed from the worker threads to the event loop: a queue of
// functions run on the loop, woken through an eventfd. post() may be
// called from any thread; the functions run on the loop's thread only.
#pragma once

#include <deque>
#include <functional>
#include <mutex>

#include "dbus.hpp"
#include "mctpxx/fd.hpp"

namespace mctpxx::endpoints {

class Mailbox {
public:
	Status attach(sd_event *ev);
	void post(std::function<void()> fn);

private:
	static int on_ready(sd_event_source *, int, uint32_t, void *self);
	void drain();

	Fd efd_;
	dbus::EventSource source_;
	std::mutex mu_;
	std::deque<std::function<void()>> queue_;
};

} // namespace mctpxx::endpoints
