// SPDX-License-Identifier: GPL-2.0
#include "endpoints/mailbox.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>

namespace mctpxx::endpoints {

Status Mailbox::attach(sd_event *ev)
{
	efd_ = Fd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
	if (efd_.get() < 0)
		return fail(Error::last("eventfd"));
	sd_event_source *s = nullptr;
	if (int r = sd_event_add_io(ev, &s, efd_.get(), EPOLLIN, on_ready, this); r < 0)
		return fail(dbus::error(r, "adding the worker threads' mailbox to the event loop"));
	source_.reset(s);
	return {};
}

void Mailbox::post(std::function<void()> fn)
{
	{
		std::lock_guard lock(mu_);
		queue_.push_back(std::move(fn));
	}
	const std::uint64_t one = 1;
	// a full counter still wakes the loop, so a failed write loses nothing
	(void)!write(efd_.get(), &one, sizeof(one));
}

int Mailbox::on_ready(sd_event_source *, int, uint32_t, void *self)
{
	static_cast<Mailbox *>(self)->drain();
	return 0;
}

void Mailbox::drain()
{
	std::uint64_t n;
	(void)!read(efd_.get(), &n, sizeof(n));
	std::deque<std::function<void()>> work;
	{
		std::lock_guard lock(mu_);
		work.swap(queue_);
	}
	for (auto &fn : work)
		fn();
}

} // namespace mctpxx::endpoints
