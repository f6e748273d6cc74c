// SPDX-License-Identifier: GPL-2.0
// A periodic timer on an sd-event loop: calls a function every interval
// (CLOCK_MONOTONIC), the first time after a delay of its own. The next
// call is counted from the end of the one before, so a slow call never
// makes calls pile up. Destroying it stops it.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "dbus.hpp"
#include "mctpxx/error.hpp"

namespace mctpxx::daemon {

class Periodic {
public:
	// @what names the timer in an error ("the poll timer").
	Status start(sd_event *ev, std::chrono::microseconds interval, std::chrono::microseconds first,
		     std::function<void()> fn, const std::string &what);

private:
	static int on_timer(sd_event_source *s, uint64_t usec, void *self);

	std::function<void()> fn_;
	std::chrono::microseconds interval_{};
	dbus::EventSource source_;
};

} // namespace mctpxx::daemon
