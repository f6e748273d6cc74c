// SPDX-License-Identifier: GPL-2.0
// The AEN receiver: an AF_MCTP socket bound to message type 2 (NC-SI) for
// any EID on any network, on the event loop. Network controllers send
// their asynchronous event notifications here (to the EID that sent AEN
// Enable); each that decodes is handed to the handler, the rest is logged
// and dropped (AENs are not answered): at most one warning per sender in
// ten seconds, with the count of those not logged, so a device sending
// garbage cannot flood the journal. Responses never come here: they go
// to the requesters' tags.
//
// AF_MCTP allows one socket bound to a (network, EID, type): another
// program bound to type 2 makes bind() fail with EADDRINUSE, which is fatal.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <utility>

#include "dbus.hpp"
#include "mctpxx/socket.hpp"
#include "ncsixx/aen.hpp"

namespace mctpxx::ncsid {

class AenReceiver {
public:
	using Handler = std::function<void(unsigned net, std::uint8_t eid, const ncsi::Aen &)>;
	explicit AenReceiver(Handler h) : h_(std::move(h)) {}
	Status start(sd_event *ev);

private:
	static int on_ready(sd_event_source *, int, uint32_t, void *self);
	void drain();
	void handle(const Message &m);

	struct Dropped {
		std::chrono::steady_clock::time_point logged{};
		unsigned unlogged = 0;
	};

	Handler h_;
	std::map<std::pair<unsigned, std::uint8_t>, Dropped> dropped_; // by (net, EID)
	std::optional<Socket> sock_;
	dbus::EventSource source_;
};

} // namespace mctpxx::ncsid
