// SPDX-License-Identifier: GPL-2.0
// The managed termini: created from the control daemon's endpoints that
// support PLDM (message type 1) and the configuration's choice, each with
// its own worker thread: discovery (TID, types, versions, FRU, PDRs,
// SetEventReceiver), then a poll of its sensors every poll interval, and
// events applied as they come.
//
// A terminus powered by the host (the endpoint's connectivity is
// "Unavailable" with reason "host off") is not polled and shows as
// unavailable, not failed; at power-on it is discovered again. A terminus
// answering ERROR_NOT_READY is asked again later (1 s, doubling up to 30 s).
// One that stops answering is non-functional at once and absent after
// `absent_after` missed polls; it is discovered again when it answers.
// Its endpoint disappearing removes it.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "daemon/periodic.hpp"
#include "config.hpp"
#include "endpoints/mailbox.hpp"
#include "publisher.hpp"
#include "terminus.hpp"

namespace mctpxx::pldmd {

inline constexpr std::uint8_t kMessageTypePldm = 1;

class Termini {
public:
	Termini(sd_event *ev, const Config &cfg, Mailbox &mb, Publisher &pub)
		: ev_(ev), cfg_(cfg), mb_(mb), pub_(pub)
	{
	}
	~Termini();
	Status start();

	void endpoint_changed(const Endpoint &ep);
	void endpoint_gone(const std::string &path);
	// A PlatformEventMessage from (net, eid).
	void event(unsigned net, std::uint8_t eid, const pldm::platform::PlatformEventRequest &ev);

private:
	struct Discovery;
	struct Poll;
	struct Reread;

	void poll_all();
	void discover(Terminus &t);
	void poll(Terminus &t);
	void reread(Terminus &t);
	void discovered(const std::string &path, std::uint64_t gen, Discovery d);
	void polled(const std::string &path, std::uint64_t gen, Poll p);
	void reread_done(const std::string &path, std::uint64_t gen, Reread r);
	// Whatever the terminus should do next once a job ended.
	void idle(Terminus &t);
	void missed(Terminus &t, const Error &e);
	void not_ready(Terminus &t, const Error &e);
	void log_problems(Terminus &t, const std::vector<std::string> &problems);
	Terminus *find(const std::string &path, std::uint64_t gen);
	// The terminus whose worker job (of generation @gen) just ended, no longer
	// busy; nullptr when it is gone or went unpowered meanwhile.
	Terminus *job_done(const std::string &path, std::uint64_t gen);
	std::optional<std::string> selected(const Endpoint &ep) const;
	void drop(std::map<std::string, std::unique_ptr<Terminus>>::iterator it);

	sd_event *ev_;
	const Config &cfg_;
	Mailbox &mb_;
	Publisher &pub_;
	daemon::Periodic timer_;
	TidPool tids_;
	std::uint64_t generation_ = 0;
	std::map<std::string, std::unique_ptr<Terminus>> termini_; // by endpoint path
};

} // namespace mctpxx::pldmd
