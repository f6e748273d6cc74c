// SPDX-License-Identifier: GPL-2.0
#include "worker.hpp"

#include "session.hpp"

namespace mctpxx::nvmed {

Worker::Worker(unsigned net, std::uint8_t eid, std::chrono::milliseconds timeout, Mailbox &mb,
	       OnPoll on_poll)
	: net_(net), eid_(eid), timeout_(timeout), mb_(mb), on_poll_(std::move(on_poll)),
	  thread_([this] { run(); })
{
}

Worker::~Worker()
{
	{
		std::lock_guard lock(mu_);
		stop_ = true;
	}
	cv_.notify_one();
	thread_.join();
}

bool Worker::poll(bool with_identity)
{
	{
		std::lock_guard lock(mu_);
		if (pending_ || busy_)
			return false;
		pending_ = true;
		with_identity_ = with_identity;
	}
	cv_.notify_one();
	return true;
}

bool Worker::run_job(Job job)
{
	{
		std::lock_guard lock(mu_);
		if (job_ || job_busy_ || stop_)
			return false;
		job_ = std::move(job);
	}
	cv_.notify_one();
	return true;
}

void Worker::run()
{
	Session session(net_, eid_, timeout_);
	const std::function<bool()> stopping = [this] {
		std::lock_guard lock(mu_);
		return stop_;
	};
	for (;;) {
		bool with_identity;
		{
			std::unique_lock lock(mu_);
			cv_.wait(lock, [this] { return stop_ || pending_ || job_; });
			if (stop_)
				return;
			if (job_) {
				Job job = std::move(job_);
				job_ = nullptr;
				job_busy_ = busy_ = true;
				lock.unlock();
				job(session, stopping);
				lock.lock();
				job_busy_ = busy_ = false;
				continue;
			}
			pending_ = false;
			busy_ = true;
			with_identity = with_identity_;
		}
		PollResult r;
		r.answered = session.health_poll();
		if (r.answered) {
			if (with_identity) {
				r.identity = session.identify();
				if (*r.identity) {
					r.controllers = session.controller_ids();
					r.vpd = session.vpd();
				}
			}
			r.health = session.smart();
		}
		{
			std::lock_guard lock(mu_);
			busy_ = false;
			if (stop_)
				return;
		}
		// the loop may destroy this worker before the result runs: the
		// callback must look its drive up again rather than hold `this`
		mb_.post([fn = on_poll_, r = std::move(r)]() mutable { fn(std::move(r)); });
	}
}

} // namespace mctpxx::nvmed
