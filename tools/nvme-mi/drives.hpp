// SPDX-License-Identifier: GPL-2.0
// The managed drives: created from the control daemon's endpoints that
// support NVMe-MI (message type 4) and the configuration's choice, polled
// every poll interval by their own threads, and kept on D-Bus.
//
// A drive powered by the host (the endpoint's connectivity is
// "Unavailable" with reason "host off") is not polled and shows as
// unavailable, not failed. A drive that stops answering is non-functional
// at once and absent after `absent_after` missed polls; it comes back
// when it answers again. Its endpoint disappearing removes it.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "daemon/periodic.hpp"
#include "config.hpp"
#include "drive.hpp"
#include "endpoints/mailbox.hpp"
#include "publisher.hpp"

namespace mctpxx::nvmed {

using endpoints::Mailbox;

inline constexpr std::uint8_t kMessageTypeNvmeMi = 4;

class Drives {
public:
	Drives(sd_event *ev, const Config &cfg, Mailbox &mb, Publisher &pub)
		: ev_(ev), cfg_(cfg), mb_(mb), pub_(pub)
	{
	}
	~Drives();
	Status start();

	void endpoint_changed(const Endpoint &ep);
	void endpoint_gone(const std::string &path);

private:
	void poll_all();
	void polled(const std::string &path, PollResult r);
	// The configured rule that selects @ep (its name), or nullopt.
	std::optional<std::string> selected(const Endpoint &ep) const;
	void drop(std::map<std::string, std::unique_ptr<Drive>>::iterator it);

	sd_event *ev_;
	const Config &cfg_;
	Mailbox &mb_;
	Publisher &pub_;
	daemon::Periodic timer_;
	std::map<std::string, std::unique_ptr<Drive>> drives_; // by endpoint path
};

} // namespace mctpxx::nvmed
