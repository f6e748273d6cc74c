// SPDX-License-Identifier: GPL-2.0
// One Basic Management drive's thread: it owns the drive's I2cReader and
// reads and decodes when the loop asks for a poll, so a slow bus or a
// stuck drive holds up only itself. Results go back through the Mailbox.
// Destroying the worker stops the thread after the read in progress (at
// most the adapter's timeout).
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "basic_mgmt.hpp"
#include "config.hpp"
#include "endpoints/mailbox.hpp"

namespace mctpxx::nvmed::basic {

using endpoints::Mailbox;

// What one poll found: an I/O error (not answering) or the decoded data
// (or why it does not decode: answering, but with garbage).
struct Poll {
	bool answered = false;
	Result<Reading> reading;
};

class Worker {
public:
	using OnPoll = std::function<void(Poll)>;

	Worker(const BasicDriveRule &rule, Mailbox &mb, OnPoll on_poll);
	~Worker();
	Worker(const Worker &) = delete;
	Worker &operator=(const Worker &) = delete;

	// Ask for a poll; ignored while one is pending or running.
	bool poll();

private:
	void run();

	BasicDriveRule rule_;
	Mailbox &mb_;
	OnPoll on_poll_;
	std::mutex mu_;
	std::condition_variable cv_;
	bool pending_ = false, busy_ = false, stop_ = false;
	std::thread thread_;
};

} // namespace mctpxx::nvmed::basic
