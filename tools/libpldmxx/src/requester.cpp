// SPDX-License-Identifier: GPL-2.0
#include "pldmxx/requester.hpp"

#include <cerrno>
#include <cstdio>
#include <optional>
#include <random>

namespace mctpxx::pldm {

Result<Requester> Requester::open(RetryPolicy policy)
{
	if (auto v = policy.validate(); !v)
		return fail(v.error());
	auto s = Socket::open();
	if (!s)
		return fail(s.error());
	// a random first instance ID: a late response to a requester that ran
	// before (same terminus, possibly the same MCTP tag) is then unlikely
	// to carry the ID this one sends first
	std::random_device rd;
	return Requester(std::move(*s), policy, static_cast<std::uint8_t>(rd() % kInstanceIds));
}

Result<Bytes> Requester::exchange(const Peer &peer, std::span<const std::uint8_t> request)
{
	auto req_header = decode_header(request);
	if (!req_header)
		return fail(Error::msg("PLDM request: " + req_header.error().message));
	if (!req_header->request)
		return fail(Error::msg("PLDM request: the Rq bit is clear (a response, not a request)"));

	const unsigned key = terminus_key(peer);
	auto id = ids_.allocate(key, InstanceIds::Clock::now());
	if (!id)
		return fail(id.error());
	Bytes msg(request.begin(), request.end());
	msg[0] = static_cast<std::uint8_t>((msg[0] & 0xe0) | *id);

	// One tag for every attempt: a late answer to the first one matches.
	auto guard = TagGuard::alloc(sock_, peer.net, peer.eid);
	if (!guard) {
		ids_.release(key, *id);
		return fail(guard.error());
	}
	Address to;
	to.net = peer.net;
	to.eid = peer.eid;
	to.type = kMessageType;
	to.tag = guard->tag() | kTagOwner | kTagPrealloc;

	for (unsigned attempt = 1;; ++attempt) {
		if (auto s = sock_.send(to, msg); !s) {
			ids_.release(key, *id);
			return fail(s.error());
		}
		const Deadline deadline = Clock::now() + policy_.timeout;
		for (;;) {
			auto m = sock_.receive(deadline);
			if (!m) {
				if (m.error().code == ETIMEDOUT)
					break;
				ids_.release(key, *id);
				return fail(m.error());
			}
			if (m->from.type != kMessageType || (m->from.tag & kTagOwner) ||
			    (m->from.tag & kTagMask) != (guard->tag() & kTagMask) ||
			    m->from.eid != peer.eid || m->truncated)
				continue;
			auto h = decode_header(m->data);
			if (!h || h->request || h->instance_id != *id ||
			    h->type != req_header->type || h->command != req_header->command)
				continue;
			ids_.release(key, *id);
			return std::move(m->data);
		}
		// Given up: the ID stays taken until it expires, as the
		// terminus may still be working on it.
		if (!policy_.retry_after(attempt)) {
			char what[160];
			std::snprintf(what, sizeof(what),
				      "no PLDM response from net %u EID %u to type %u command 0x%02x "
				      "after %u attempts of %lld ms",
				      peer.net, peer.eid, req_header->type, req_header->command,
				      attempt, static_cast<long long>(policy_.timeout.count()));
			return fail(Error{ETIMEDOUT, what});
		}
	}
}

} // namespace mctpxx::pldm
