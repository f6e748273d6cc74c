// SPDX-License-Identifier: GPL-2.0
#include "pldm_events.hpp"

#include <cerrno>

#include "pldmxx/platform.hpp"

namespace mctpxx::emu::pldm {
namespace plat = mctpxx::pldm::platform;

EventSender::EventSender(Say say, std::chrono::milliseconds timeout, unsigned retries)
	: say_(std::move(say)), timeout_(timeout), retries_(retries), thread_([this] { run(); })
{
}

EventSender::~EventSender()
{
	{
		std::lock_guard l(mu_);
		stop_ = true;
	}
	cv_.notify_all();
	thread_.join();
}

void EventSender::send(EventTarget to, std::vector<std::uint8_t> request, std::string what)
{
	{
		std::lock_guard l(mu_);
		queue_.push_back({std::move(to), std::move(request), std::move(what)});
	}
	cv_.notify_all();
}

void EventSender::run()
{
	std::optional<Socket> sock;
	for (;;) {
		Item item;
		{
			std::unique_lock l(mu_);
			cv_.wait(l, [&] { return stop_ || !queue_.empty(); });
			if (stop_)
				return;
			item = std::move(queue_.front());
			queue_.pop_front();
		}
		if (!sock) {
			auto s = Socket::open();
			if (s && !s->set_ext_addressing(true))
				s = fail(Error::msg("extended addressing refused"));
			if (!s) {
				say_("event " + item.what + ": no socket: " + s.error().message);
				continue;
			}
			sock.emplace(std::move(*s));
		}
		deliver(*sock, item);
	}
}

void EventSender::deliver(Socket &sock, const Item &item)
{
	const std::string to_eid = "EID " + std::to_string(item.to.eid);
	auto req = mctpxx::pldm::decode_header(item.request);
	if (!req) {
		say_("event " + item.what + ": " + req.error().message);
		return;
	}
	Address to;
	to.eid = item.to.eid;
	to.type = mctpxx::pldm::kMessageType;
	to.tag = kTagOwner;
	to.ext = item.to.ext;
	for (unsigned attempt = 1; attempt <= retries_ + 1; attempt++) {
		// the kernel gives each attempt a tag; the instance ID stays
		if (auto s = sock.send(to, item.request); !s) {
			say_("event " + item.what + " to " + to_eid + ": " + s.error().message);
			return;
		}
		const Deadline deadline = Clock::now() + timeout_;
		for (;;) {
			auto m = sock.receive(deadline);
			if (!m) {
				if (m.error().code == ETIMEDOUT)
					break;
				if (m.error().code == EINTR)
					continue;
				say_("event " + item.what + " to " + to_eid + ": " + m.error().message);
				return;
			}
			if (m->from.type != mctpxx::pldm::kMessageType || (m->from.tag & kTagOwner) ||
			    m->from.eid != item.to.eid)
				continue;
			auto h = mctpxx::pldm::decode_header(m->data);
			if (!h || h->request || h->instance_id != req->instance_id || h->type != req->type ||
			    h->command != req->command)
				continue;
			auto r = plat::decode_platform_event_response(m->data);
			if (!r)
				say_("event " + item.what + " to " + to_eid + ": bad response: " + r.error().message);
			else
				say_("event " + item.what + " to " + to_eid + ": completion code " +
				     std::to_string(r->completion_code) + " (" +
				     mctpxx::pldm::completion_code_name(r->completion_code) + "), status " +
				     std::to_string(r->status));
			return;
		}
	}
	say_("event " + item.what + " to " + to_eid + ": no response after " + std::to_string(retries_ + 1) +
	     " attempts of " + std::to_string(timeout_.count()) + " ms");
}

} // namespace mctpxx::emu::pldm
