// SPDX-License-Identifier: GPL-2.0
#include "aen_receiver.hpp"

#include <cerrno>

#include "daemon/log.hpp"

namespace mctpxx::ncsid {

Status AenReceiver::start(sd_event *ev)
{
	auto s = Socket::open();
	if (!s)
		return fail(s.error());
	if (auto b = s->bind(kNetAny, kEidAny, ncsi::kMessageType); !b) {
		std::string why = b.error().message;
		if (b.error().code == EADDRINUSE)
			why += " (another program is bound to MCTP message type 2, NC-SI)";
		else if (b.error().code == EACCES)
			why += " (binding a message type needs CAP_NET_BIND_SERVICE)";
		return fail(Error{b.error().code, "the NC-SI AEN receiver: " + why});
	}
	sock_.emplace(std::move(*s));
	sd_event_source *src = nullptr;
	if (int r = sd_event_add_io(ev, &src, sock_->fd(), EPOLLIN, on_ready, this); r < 0)
		return fail(dbus::error(r, "adding the NC-SI AEN receiver to the event loop"));
	source_.reset(src);
	return {};
}

int AenReceiver::on_ready(sd_event_source *, int, uint32_t, void *self)
{
	static_cast<AenReceiver *>(self)->drain();
	return 0;
}

void AenReceiver::drain()
{
	for (int n = 0; n < 64; n++) {
		auto m = sock_->receive(Clock::now());
		if (!m) {
			if (m.error().code != ETIMEDOUT)
				daemon::log_warning("NC-SI AEN receiver: " + m.error().message);
			return;
		}
		handle(*m);
	}
}

void AenReceiver::handle(const Message &m)
{
	const daemon::LogFields at{.eid = m.from.eid, .net = m.from.net};
	if (!(m.from.tag & kTagOwner) || m.truncated)
		return;
	auto a = ncsi::decode_aen(m.data);
	if (!a) {
		Dropped &d = dropped_[{m.from.net, m.from.eid}];
		const auto now = std::chrono::steady_clock::now();
		if (d.logged != std::chrono::steady_clock::time_point{} &&
		    now - d.logged < std::chrono::seconds(10)) {
			d.unlogged++;
			return;
		}
		std::string more;
		if (d.unlogged)
			more = " (and " + std::to_string(d.unlogged) + " more not logged since the last)";
		d = Dropped{now, 0};
		daemon::log_warning("NC-SI packet from net " + std::to_string(m.from.net) + " EID " +
					    std::to_string(m.from.eid) + " dropped: " + a.error().message + more,
				    at);
		return;
	}
	h_(m.from.net, m.from.eid, *a);
}

} // namespace mctpxx::ncsid
