// SPDX-License-Identifier: GPL-2.0
#include "worker.hpp"

namespace mctpxx::pldmd {

Worker::Worker(pldm::Peer peer, pldm::RetryPolicy policy, std::chrono::milliseconds gap)
	: peer_(peer), policy_(policy), gap_(gap), thread_([this] { run(); })
{
}

Worker::~Worker()
{
	{
		std::lock_guard lock(mu_);
		stop_ = true;
		jobs_.clear();
	}
	cv_.notify_one();
	thread_.join();
}

void Worker::submit(Job job)
{
	{
		std::lock_guard lock(mu_);
		if (stop_)
			return;
		jobs_.push_back(std::move(job));
	}
	cv_.notify_one();
}

void Worker::run()
{
	Session session(peer_, policy_, gap_, [this] {
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

} // namespace mctpxx::pldmd
