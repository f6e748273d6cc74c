// SPDX-License-Identifier: GPL-2.0
// The event receiver: an AF_MCTP socket bound to message type 1 (PLDM)
// for any EID on any network, on the event loop. Termini send their
// PlatformEventMessage requests here (SetEventReceiver named this host's
// EID); each is answered at once (success, status "no logging") and handed
// to the handler. Other requests are answered ERROR_UNSUPPORTED_PLDM_CMD;
// what does not decode is answered ERROR_INVALID_DATA (when its header
// allows an answer) and logged.
//
// AF_MCTP allows one socket bound to a (network, EID, type): another
// program bound to type 1 (the demux bridge with a PLDM client, a second
// PLDM daemon) makes bind() fail with EADDRINUSE, which is fatal here.
#pragma once

#include <functional>
#include <optional>

#include "dbus.hpp"
#include "mctpxx/socket.hpp"
#include "pldmxx/platform.hpp"

namespace mctpxx::pldmd {

class EventReceiver {
public:
	using Handler = std::function<void(unsigned net, std::uint8_t eid,
					   const pldm::platform::PlatformEventRequest &)>;
	explicit EventReceiver(Handler h) : h_(std::move(h)) {}
	Status start(sd_event *ev);

private:
	static int on_ready(sd_event_source *, int, uint32_t, void *self);
	void drain();
	void handle(const Message &m);

	Handler h_;
	std::optional<Socket> sock_;
	dbus::EventSource source_;
};

} // namespace mctpxx::pldmd
