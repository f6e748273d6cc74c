// SPDX-License-Identifier: GPL-2.0
// The managed network controllers: created from the control daemon's
// endpoints that support NC-SI (MCTP message type 2) and the
// configuration's choice, each with its own worker thread: discovery
// (packages, channels, their set-up with AENs enabled), then Get Link
// Status of every channel each poll interval as the fallback for a lost
// AEN, and AENs applied as they come (a link change at once, a channel
// asking for configuration set up again).
//
// A controller powered by the host (the endpoint's connectivity is
// "Unavailable", "host off") is not asked anything and shows as
// unavailable, not failed; at power-on it is discovered again. A package
// that stops answering is non-functional ("no response since T") while the
// others go on; a controller none of whose packages answers is absent
// after `absent_after` missed polls, and discovered again when it answers.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "daemon/periodic.hpp"
#include "config.hpp"
#include "controller.hpp"
#include "jobs.hpp"
#include "publisher.hpp"

namespace mctpxx::ncsid {

inline constexpr std::uint8_t kMessageTypeNcsi = 2;

class Controllers {
public:
	Controllers(sd_event *ev, const Config &cfg, Mailbox &mb, Publisher &pub)
		: ev_(ev), cfg_(cfg), mb_(mb), pub_(pub)
	{
	}
	~Controllers();
	Status start();

	void endpoint_changed(const Endpoint &ep);
	void endpoint_gone(const std::string &path);
	// An AEN from (net, eid).
	void aen(unsigned net, std::uint8_t eid, const ncsi::Aen &a);

private:
	void poll_all();
	void discover(Controller &c);
	void poll(Controller &c);
	void set_up_again(Controller &c);
	void discovered(const std::string &path, std::uint64_t gen, Discovery d);
	void polled(const std::string &path, std::uint64_t gen, Poll p);
	void set_up_done(const std::string &path, std::uint64_t gen, std::uint8_t package,
			 std::vector<ChannelFound> found);
	void apply(Controller &c, Package &p, const ChannelFound &f);
	void apply_link(Controller &c, Channel &ch, const ncsi::LinkStatus &l, const char *how);
	void package_silent(Controller &c, Package &p, const Error &e);
	void missed(Controller &c, const Error &e);
	// Whatever the controller should do next once a job ended.
	void idle(Controller &c);
	void log_problems(Controller &c, const std::vector<std::string> &problems);
	Controller *job_done(const std::string &path, std::uint64_t gen);
	void drop(std::map<std::string, std::unique_ptr<Controller>>::iterator it);

	sd_event *ev_;
	const Config &cfg_;
	Mailbox &mb_;
	Publisher &pub_;
	daemon::Periodic timer_;
	std::uint64_t generation_ = 0;
	std::map<std::string, std::unique_ptr<Controller>> controllers_; // by endpoint path
};

} // namespace mctpxx::ncsid
