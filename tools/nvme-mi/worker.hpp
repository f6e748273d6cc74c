// SPDX-License-Identifier: GPL-2.0
// One drive's thread: it owns the drive's Session and runs what the loop
// asks of it (a poll), one thing at a time, so a slow or silent drive
// holds up only itself. Results go back through the Mailbox. Destroying
// the worker stops the thread after the call in progress (at most the
// request timeout times libnvme's tries).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "drive_state.hpp"
#include "endpoints/mailbox.hpp"
#include "mctpxx/error.hpp"

namespace mctpxx::nvmed {

using endpoints::Mailbox;

// What one poll found.
struct PollResult {
	Status answered;		  // the health status poll
	std::optional<Result<Identity>> identity; // asked when not known yet
	std::optional<Result<Health>> health;
	std::optional<Result<Fru>> vpd;	// read with the identity
	std::vector<std::uint16_t> controllers; // read with the identity
};

class Session;

class Worker {
public:
	using OnPoll = std::function<void(PollResult)>;
	// Work other than a poll (a firmware update): runs on the drive's
	// thread with its Session, polls waiting meanwhile; @stopping tells
	// it the worker is being destroyed, so it should end soon.
	using Job = std::function<void(Session &, const std::function<bool()> &stopping)>;

	Worker(unsigned net, std::uint8_t eid, std::chrono::milliseconds timeout, Mailbox &mb,
	       OnPoll on_poll);
	~Worker();
	Worker(const Worker &) = delete;
	Worker &operator=(const Worker &) = delete;

	// Ask for a poll (identity too if @with_identity); ignored while one
	// is pending or running. Returns whether it was queued.
	bool poll(bool with_identity);
	// Run @job before the next poll; refused (false) while one is pending
	// or running.
	bool run_job(Job job);
	Mailbox &mailbox() { return mb_; }

private:
	void run();

	unsigned net_;
	std::uint8_t eid_;
	std::chrono::milliseconds timeout_;
	Mailbox &mb_;
	OnPoll on_poll_;
	std::mutex mu_;
	std::condition_variable cv_;
	bool pending_ = false, busy_ = false, with_identity_ = false, stop_ = false;
	Job job_;
	bool job_busy_ = false;
	std::thread thread_;
};

} // namespace mctpxx::nvmed
