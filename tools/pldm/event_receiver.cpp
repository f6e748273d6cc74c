// SPDX-License-Identifier: GPL-2.0
#include "event_receiver.hpp"

#include <cerrno>

#include "daemon/log.hpp"

namespace mctpxx::pldmd {
namespace {

namespace platform = pldm::platform;
using daemon::log_debug;
using daemon::log_warning;

} // namespace

Status EventReceiver::start(sd_event *ev)
{
	auto s = Socket::open();
	if (!s)
		return fail(s.error());
	if (auto b = s->bind(kNetAny, kEidAny, pldm::kMessageType); !b) {
		std::string why = b.error().message;
		if (b.error().code == EADDRINUSE)
			why += " (another program is bound to MCTP message type 1, PLDM)";
		else if (b.error().code == EACCES)
			why += " (binding a message type needs CAP_NET_BIND_SERVICE)";
		return fail(Error{b.error().code, "the PLDM event receiver: " + why});
	}
	sock_.emplace(std::move(*s));
	sd_event_source *src = nullptr;
	if (int r = sd_event_add_io(ev, &src, sock_->fd(), EPOLLIN, on_ready, this); r < 0)
		return fail(dbus::error(r, "adding the PLDM event receiver to the event loop"));
	source_.reset(src);
	return {};
}

int EventReceiver::on_ready(sd_event_source *, int, uint32_t, void *self)
{
	static_cast<EventReceiver *>(self)->drain();
	return 0;
}

void EventReceiver::drain()
{
	for (int n = 0; n < 64; n++) {
		auto m = sock_->receive(Clock::now());
		if (!m) {
			if (m.error().code != ETIMEDOUT)
				log_warning("PLDM event receiver: " + m.error().message);
			return;
		}
		handle(*m);
	}
}

void EventReceiver::handle(const Message &m)
{
	const daemon::LogFields where{.eid = m.from.eid, .net = m.from.net};
	// requests only (tag owner set); responses go to the requesters' tags
	if (!(m.from.tag & kTagOwner) || m.truncated)
		return;
	auto h = pldm::decode_header(m.data);
	if (!h || !h->request) {
		log_debug("PLDM event receiver: not a PLDM request, dropped", where);
		return;
	}
	Address to;
	to.net = m.from.net;
	to.eid = m.from.eid;
	to.type = pldm::kMessageType;
	to.tag = m.from.tag & kTagMask; // a response: tag owner clear
	auto answer = [&](const Result<pldm::Bytes> &bytes) {
		if (!bytes)
			return;
		if (auto s = sock_->send(to, *bytes); !s)
			log_warning("PLDM event receiver: answering: " + s.error().message, where);
	};
	if (h->type != static_cast<std::uint8_t>(pldm::Type::Platform) ||
	    h->command != static_cast<std::uint8_t>(platform::Command::PlatformEventMessage)) {
		log_debug("PLDM event receiver: type " + std::to_string(h->type) + " command " +
				  std::to_string(h->command) + " not handled here",
			  where);
		if (!h->datagram)
			answer(pldm::encode_cc_response(*h, pldm::cc::UnsupportedCommand));
		return;
	}
	auto ev = platform::decode_platform_event_request(m.data);
	if (!ev) {
		log_warning("PLDM event from net " + std::to_string(m.from.net) + " EID " +
				    std::to_string(m.from.eid) + ": " + ev.error().message,
			    where);
		if (!h->datagram)
			answer(pldm::encode_cc_response(*h, pldm::cc::InvalidData));
		return;
	}
	if (!h->datagram)
		answer(platform::encode_platform_event_response(h->instance_id, {.status = 0}));
	h_(m.from.net, m.from.eid, *ev);
}

} // namespace mctpxx::pldmd
