// SPDX-License-Identifier: GPL-2.0
#include "requester.hpp"

#include <cerrno>
#include <cstdio>
#include <random>
#include <string>

namespace mctpxx::ncsid {

Result<Requester> Requester::open(RetryPolicy policy)
{
	auto s = Socket::open();
	if (!s)
		return fail(s.error());
	// a random first instance ID: a late answer meant for a requester that
	// ran before is then unlikely to carry the ID this one sends first
	std::random_device rd;
	return Requester(std::move(*s), policy, static_cast<std::uint8_t>(1 + rd() % 255));
}

std::uint8_t Requester::next_iid()
{
	iid_ = iid_ == 255 ? 1 : static_cast<std::uint8_t>(iid_ + 1);
	return iid_;
}

Result<Reply> Requester::exchange(const Peer &peer, ncsi::ChannelId channel, std::uint8_t type,
				  std::span<const std::uint8_t> payload)
{
	const std::uint8_t iid = next_iid();
	auto msg = ncsi::encode_request({.channel = channel, .iid = iid}, type, payload);
	if (!msg)
		return fail(Error{EINVAL, "NC-SI " + ncsi::command_name(type) + ": " + msg.error().message});

	// one tag for every attempt: a late answer to the first one matches
	auto guard = TagGuard::alloc(sock_, peer.net, peer.eid);
	if (!guard)
		return fail(guard.error());
	Address to;
	to.net = peer.net;
	to.eid = peer.eid;
	to.type = ncsi::kMessageType;
	to.tag = guard->tag() | kTagOwner | kTagPrealloc;

	std::string bad; // the last answer under our tag that did not decode
	for (unsigned attempt = 1;; ++attempt) {
		if (auto s = sock_.send(to, *msg); !s)
			return fail(s.error());
		const Deadline deadline = Clock::now() + policy_.timeout;
		for (;;) {
			auto m = sock_.receive(deadline);
			if (!m) {
				if (m.error().code == ETIMEDOUT)
					break;
				return fail(m.error());
			}
			if (m->from.type != ncsi::kMessageType || (m->from.tag & kTagOwner) ||
			    (m->from.tag & kTagMask) != (guard->tag() & kTagMask) ||
			    m->from.eid != peer.eid)
				continue;
			if (m->truncated) {
				bad = "an answer longer than the receive buffer";
				continue;
			}
			auto r = ncsi::decode_response(m->data, type, iid);
			if (!r) {
				bad = r.error().message;
				continue;
			}
			return Reply{r->status, Bytes(r->data.begin(), r->data.end())};
		}
		if (attempt > policy_.retries) {
			char what[200];
			std::snprintf(what, sizeof(what), " from net %u EID %u (%s) to %s after %u attempts of %lld ms",
				      peer.net, peer.eid, channel.to_string().c_str(),
				      ncsi::command_name(type).c_str(), attempt,
				      static_cast<long long>(policy_.timeout.count()));
			if (!bad.empty())
				return fail(Error{EPROTO, "no valid NC-SI response" + std::string(what) +
								  ": " + bad});
			return fail(Error{ETIMEDOUT, "no NC-SI response" + std::string(what)});
		}
	}
}

} // namespace mctpxx::ncsid
