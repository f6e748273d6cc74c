// SPDX-License-Identifier: GPL-2.0
#include "notifier.hpp"

#include <algorithm>

namespace mctpxx::ctrld {

namespace {

void erase(std::vector<Notifier::Awaiter *> &v, Notifier::Awaiter *a)
{
	v.erase(std::remove(v.begin(), v.end(), a), v.end());
}

} // namespace

Notifier::~Notifier()
{
	for (auto *a : waiting_)
		a->n_ = nullptr;
	for (auto *a : ready_)
		a->n_ = nullptr;
}

void Notifier::unlink(Awaiter *a)
{
	erase(waiting_, a);
	erase(ready_, a);
}

void Notifier::notify_all()
{
	if (waiting_.empty())
		return;
	ready_.insert(ready_.end(), waiting_.begin(), waiting_.end());
	waiting_.clear();
	if (defer_) {
		if (sd_event_source_set_enabled(defer_.get(), SD_EVENT_ONESHOT) >= 0)
			return;
		defer_.reset();
	}
	sd_event_source *s = nullptr;
	if (sd_event_add_defer(ev_, &s, on_defer, this) >= 0) {
		defer_.reset(s);
		return;
	}
	// (out of memory) nothing can wake them later: at once, then
	resume_ready();
}

int Notifier::on_defer(sd_event_source *, void *self)
{
	static_cast<Notifier *>(self)->resume_ready();
	return 0;
}

void Notifier::resume_ready()
{
	// One at a time from the front: a resumed coroutine may destroy other
	// ready awaiters (they unlink themselves) or wait again (it goes to
	// waiting_, for the next notification).
	while (!ready_.empty()) {
		Awaiter *a = ready_.front();
		ready_.erase(ready_.begin());
		a->wake(true);
	}
}

Notifier::Awaiter::~Awaiter()
{
	if (n_)
		n_->unlink(this);
}

bool Notifier::Awaiter::await_suspend(std::coroutine_handle<> h)
{
	h_ = h;
	if (!n_)
		return false;
	if (until_) {
		sd_event_source *s = nullptr;
		if (sd_event_add_time(n_->ev_, &s, CLOCK_MONOTONIC, to_usec(*until_), 0, on_time,
				      this) < 0)
			return false; // cannot time out: carry on at once, as on a timeout
		timer_.reset(s);
	}
	n_->waiting_.push_back(this);
	return true;
}

void Notifier::Awaiter::wake(bool notified)
{
	notified_ = notified;
	if (n_)
		n_->unlink(this);
	timer_.reset();
	// Resuming may destroy this awaiter: touch nothing afterwards.
	auto h = h_;
	h.resume();
}

int Notifier::Awaiter::on_time(sd_event_source *, std::uint64_t, void *self)
{
	static_cast<Awaiter *>(self)->wake(false);
	return 0;
}

} // namespace mctpxx::ctrld
