// SPDX-License-Identifier: GPL-2.0
// One device's thread: it owns the device's session (the blocking
// exchanges with it) and runs the jobs the event loop gives it one at a
// time, in order, so a slow or silent device holds up only itself. A job
// posts its result to the Mailbox itself. Destroying the worker drops the
// jobs not started and stops the thread after the one in progress (the
// session is told through its stopping() function, so it sends no more).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace mctpxx::endpoints {

template <typename Session>
class Worker {
public:
	using Job = std::function<void(Session &)>;
	// Makes the thread's session; its argument says whether the worker stops.
	using MakeSession = std::function<Session(std::function<bool()> stopping)>;

	explicit Worker(MakeSession make) : make_(std::move(make)), thread_([this] { run(); }) {}
	~Worker()
	{
		{
			std::lock_guard lock(mu_);
			stop_ = true;
			jobs_.clear();
		}
		cv_.notify_one();
		thread_.join();
	}
	Worker(const Worker &) = delete;
	Worker &operator=(const Worker &) = delete;

	void submit(Job job)
	{
		{
			std::lock_guard lock(mu_);
			if (stop_)
				return;
			jobs_.push_back(std::move(job));
		}
		cv_.notify_one();
	}

private:
	void run()
	{
		Session session = make_([this] {
			std::lock_guard lock(mu_);
			return stop_;
		});
		for (;;) {
			Job job;
			{
				std::unique_lock lock(mu_);
				cv_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
				if (stop_)
					return;
				job = std::move(jobs_.front());
				jobs_.pop_front();
			}
			job(session);
		}
	}

	MakeSession make_;
	std::mutex mu_;
	std::condition_variable cv_;
	std::deque<Job> jobs_;
	bool stop_ = false;
	std::thread thread_; // last: started once everything else is
};

} // namespace mctpxx::endpoints
