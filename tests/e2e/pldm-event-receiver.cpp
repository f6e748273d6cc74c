// SPDX-License-Identifier: GPL-2.0
// mctp-test-pldm-receiver EID OWN_EID COUNT: makes this host (OWN_EID) the
// PLDM event receiver of the terminus at EID (SetEventReceiver, MCTP,
// asynchronous), prints "receiver set", then answers COUNT
// PlatformEventMessage requests from it, one line each as decoded, and
// exits 0; 1 on an error or after 20 s without them.
#include <cstdio>
#include <string>

#include "mctpxx/args.hpp"
#include "mctpxx/socket.hpp"
#include "pldmxx/platform.hpp"
#include "pldmxx/requester.hpp"
#include "query.hpp"

using namespace mctpxx;
using namespace mctpxx::pldm;
namespace plat = mctpxx::pldm::platform;

namespace {

int die(const std::string &m)
{
	std::fprintf(stderr, "mctp-test-pldm-receiver: %s\n", m.c_str());
	return 1;
}

std::string describe(const plat::PlatformEventRequest &e)
{
	std::string s = "event from TID " + std::to_string(e.tid) + ": ";
	if (e.event_class == plat::event_class::Sensor) {
		auto se = plat::decode_sensor_event(e.event_data);
		if (!se)
			return s + "bad sensor event: " + se.error().message;
		s += "sensor " + std::to_string(se->sensor_id) + " ";
		if (auto *n = std::get_if<plat::NumericSensorStateEvent>(&se->data)) {
			char r[32];
			std::snprintf(r, sizeof(r), "%g", n->reading);
			return s + "numeric " + tool::sensor_state_name(n->event_state) + " (previous " +
			       tool::sensor_state_name(n->previous_event_state) + ") reading " + r;
		}
		if (auto *st = std::get_if<plat::StateSensorStateEvent>(&se->data))
			return s + "state " + std::to_string(st->event_state) + " (previous " +
			       std::to_string(st->previous_event_state) + ")";
		return s + "operational state";
	}
	if (e.event_class == plat::event_class::PdrRepositoryChange) {
		auto c = plat::decode_pdr_repository_change_event(e.event_data);
		if (!c)
			return s + "bad repository change event: " + c.error().message;
		s += "PDR repository change:";
		for (const auto &r : c->records) {
			s += " operation " + std::to_string(r.operation) + " records";
			for (auto h : r.entries)
				s += " " + std::to_string(h);
		}
		return s;
	}
	return s + "class " + std::to_string(e.event_class);
}

} // namespace

int main(int argc, char **argv)
{
	if (argc != 4)
		return die("usage: mctp-test-pldm-receiver EID OWN_EID COUNT");
	auto eid = parse_number(argv[1], 0, 255, "EID");
	auto own = parse_number(argv[2], 0, 255, "own EID");
	auto count = parse_number(argv[3], 0, 100, "count");
	if (!eid || !own || !count)
		return die("bad arguments");

	auto listen = Socket::open();
	if (!listen)
		return die(listen.error().message);
	if (auto s = listen->bind(kNetAny, kEidAny, kMessageType); !s)
		return die("binding type 1: " + s.error().message);

	auto rq = Requester::open();
	if (!rq)
		return die(rq.error().message);
	const Peer peer{kNetAny, static_cast<std::uint8_t>(*eid)};
	auto req = plat::encode_set_event_receiver_request(
		0, {plat::EventGlobalEnable::EnableAsync, 0, static_cast<std::uint8_t>(*own), 0});
	auto resp = rq->exchange(peer, *req);
	if (!resp)
		return die("SetEventReceiver: " + resp.error().message);
	auto code = plat::decode_set_event_receiver_response(*resp);
	if (!code)
		return die("SetEventReceiver: " + code.error().message);
	if (*code != cc::Success)
		return die("SetEventReceiver: completion code " +
			   tool::completion_code_symbol(2, 0x04, *code));
	std::printf("receiver set\n");
	std::fflush(stdout);

	const Deadline end = Clock::now() + std::chrono::seconds(20);
	for (unsigned long got = 0; got < *count;) {
		auto m = listen->receive(end);
		if (!m)
			return die("waiting for events: " + m.error().message);
		if (!(m->from.tag & kTagOwner) || m->from.eid != *eid)
			continue;
		auto e = plat::decode_platform_event_request(m->data);
		if (!e) {
			std::printf("not an event: %s\n", e.error().message.c_str());
			continue;
		}
		auto h = decode_header(m->data);
		auto answer = plat::encode_platform_event_response(h->instance_id, {cc::Success, 0});
		Address to = m->from;
		to.tag = m->from.tag & kTagMask;
		if (auto s = listen->send(to, *answer); !s)
			return die("answering: " + s.error().message);
		std::printf("%s\n", describe(*e).c_str());
		std::fflush(stdout);
		got++;
	}
	return 0;
}
