// SPDX-License-Identifier: GPL-2.0
#include "requester.hpp"

#include <algorithm>
#include <random>
#include <thread>

#include "mctpxx/control.hpp"

namespace mctpxx::cycle {
namespace {

// Whether @m answers Get Endpoint ID @instance from @eid correctly.
bool good_answer(const Message &m, std::uint8_t instance, std::uint8_t eid)
{
	auto h = control::parse_header(m.data);
	if (!h || h->request || h->command != control::Command::GetEndpointId ||
	    h->instance != instance)
		return false;
	auto r = control::decode_get_eid_response(m.data);
	return r && r->eid == eid;
}

// One request under a tag of its own; 0 when answered, else the errno.
int exchange(Socket &sock, const RequesterSpec &s, std::uint8_t instance, RequesterCounts &c)
{
	auto tag = TagGuard::alloc(sock, s.net, s.eid);
	if (!tag)
		return tag.error().code;
	const Address to{s.net, s.eid, control::kMessageType,
			 static_cast<std::uint8_t>(tag->tag() | kTagOwner), std::nullopt};
	if (auto r = sock.send(to, control::encode_request(control::Command::GetEndpointId, instance));
	    !r)
		return r.error().code;
	const Deadline deadline = Clock::now() + s.timeout;
	for (;;) {
		auto m = sock.receive(deadline);
		if (!m)
			return m.error().code;
		// a response under our tag, from the endpoint
		if (m->from.type != control::kMessageType || (m->from.tag & kTagOwner) ||
		    (m->from.tag & kTagMask) != (tag->tag() & kTagMask) || m->from.eid != s.eid)
			continue;
		if (good_answer(*m, instance, s.eid))
			return 0;
		c.stray++;
	}
}

} // namespace

RequesterCounts run_requester(const RequesterSpec &s, Deadline end)
{
	RequesterCounts c;
	auto sock = Socket::open();
	if (!sock) {
		c.errors[sock.error().code]++;
		return c;
	}
	std::minstd_rand rng(s.seed);
	std::uniform_int_distribution<int> pause_us(200, 2000);
	for (std::uint8_t instance = 0; Clock::now() < end; instance = (instance + 1) & 0x1f) {
		const auto t0 = Clock::now();
		if (int err = exchange(*sock, s, instance, c)) {
			c.errors[err]++;
		} else {
			c.completed++;
			const auto took =
				std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0);
			c.latency_sum += took;
			c.latency_max = std::max(c.latency_max, took);
		}
		std::this_thread::sleep_for(std::chrono::microseconds(pause_us(rng)));
	}
	return c;
}

} // namespace mctpxx::cycle
