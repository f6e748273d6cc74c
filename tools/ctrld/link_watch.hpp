// SPDX-License-Identifier: GPL-2.0
// Following MCTP links as they come and go: an rtnetlink socket of its own,
// subscribed to link notifications and read from the event loop. The
// daemon rescans when an MCTP link appears, goes away or comes up (a
// hot-added mux channel, a binding bound at run time, an interface brought
// up), instead of waiting for the periodic rescan.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "dbus.hpp"
#include "mctpxx/netlink.hpp"

namespace mctpxx::ctrld {

class LinkWatch {
public:
	// @changed gets what happened ("link mctpi2c3 appeared", "... came
	// up", "... went away", or that notifications were lost) and, when a
	// link went away, its ifindex (0 otherwise).
	using Changed = std::function<void(const std::string &what, int gone_ifindex)>;

	LinkWatch(sd_event *ev, Changed changed) : ev_(ev), changed_(std::move(changed)) {}
	LinkWatch(const LinkWatch &) = delete;
	LinkWatch &operator=(const LinkWatch &) = delete;

	// Subscribes, then takes the current links from @nl (another socket)
	// as the known state: a link that appears in between is reported.
	Status start(nl::Netlink &nl);

private:
	static int on_io(sd_event_source *, int, std::uint32_t, void *self);
	void event(const nl::Event &ev);

	sd_event *ev_;
	Changed changed_;
	std::optional<nl::Netlink> sock_;
	dbus::EventSource src_;
	std::map<int, bool> up_; // MCTP links by ifindex: administratively up
};

} // namespace mctpxx::ctrld
