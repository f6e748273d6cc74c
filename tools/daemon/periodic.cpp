// SPDX-License-Identifier: GPL-2.0
#include "daemon/periodic.hpp"

namespace mctpxx::daemon {

Status Periodic::start(sd_event *ev, std::chrono::microseconds interval, std::chrono::microseconds first,
		       std::function<void()> fn, const std::string &what)
{
	fn_ = std::move(fn);
	interval_ = interval;
	sd_event_source *s = nullptr;
	if (int r = sd_event_add_time_relative(ev, &s, CLOCK_MONOTONIC, static_cast<uint64_t>(first.count()),
					       0, on_timer, this);
	    r < 0)
		return fail(dbus::error(r, "adding " + what));
	source_.reset(s);
	return {};
}

int Periodic::on_timer(sd_event_source *s, uint64_t, void *self)
{
	auto *p = static_cast<Periodic *>(self);
	p->fn_();
	sd_event_source_set_time_relative(s, static_cast<uint64_t>(p->interval_.count()));
	sd_event_source_set_enabled(s, SD_EVENT_ONESHOT);
	return 0;
}

} // namespace mctpxx::daemon
