// SPDX-License-Identifier: GPL-2.0
#include "basic_worker.hpp"

#include "basic_i2c.hpp"

namespace mctpxx::nvmed::basic {

Worker::Worker(const BasicDriveRule &rule, Mailbox &mb, OnPoll on_poll)
	: rule_(rule), mb_(mb), on_poll_(std::move(on_poll)), thread_([this] { run(); })
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

bool Worker::poll()
{
	{
		std::lock_guard lock(mu_);
		if (pending_ || busy_)
			return false;
		pending_ = true;
	}
	cv_.notify_one();
	return true;
}

void Worker::run()
{
	I2cReader reader(rule_);
	for (;;) {
		{
			std::unique_lock lock(mu_);
			cv_.wait(lock, [this] { return stop_ || pending_; });
			if (stop_)
				return;
			pending_ = false;
			busy_ = true;
		}
		Poll p;
		auto data = reader.read();
		if (data) {
			p.answered = true;
			p.reading = decode(*data, rule_.address);
		} else {
			p.reading = fail(data.error());
		}
		{
			std::lock_guard lock(mu_);
			busy_ = false;
			if (stop_)
				return;
		}
		// the loop may destroy this worker before the result runs: the
		// callback looks its drive up again rather than hold `this`
		mb_.post([fn = on_poll_, p = std::move(p)]() mutable { fn(std::move(p)); });
	}
}

} // namespace mctpxx::nvmed::basic
