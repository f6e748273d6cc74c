// SPDX-License-Identifier: GPL-2.0
// One terminus's thread: it owns the terminus's Session and runs the jobs
// the loop gives it (discovery, a poll, reading the PDRs again) one at a
// time, in order, so a slow or silent terminus holds up only itself. A job
// posts its result to the Mailbox itself. Destroying the worker stops the
// thread after the request in progress (the session refuses new ones).
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "endpoints/mailbox.hpp"
#include "session.hpp"

namespace mctpxx::pldmd {

using endpoints::Mailbox;

class Worker {
public:
	using Job = std::function<void(Session &)>;

	Worker(pldm::Peer peer, pldm::RetryPolicy policy, std::chrono::milliseconds gap);
	~Worker();
	Worker(const Worker &) = delete;
	Worker &operator=(const Worker &) = delete;

	void submit(Job job);

private:
	void run();

	pldm::Peer peer_;
	pldm::RetryPolicy policy_;
	std::chrono::milliseconds gap_;
	std::mutex mu_;
	std::condition_variable cv_;
	std::deque<Job> jobs_;
	bool stop_ = false;
	std::thread thread_;
};

} // namespace mctpxx::pldmd
