// SPDX-License-Identifier: GPL-2.0
// mctp-echo: answers every message of one type with the same payload; or,
// as a sink (-s), counts them for a one-way stream (mctp-bench -S). For type
// 0x7F it answers only messages in the echo's vendor framing
// (mctp/message_type.hpp); any other type is a raw echo, and it says so.
#include <sys/socket.h>

#include <cstdio>
#include <string>

#include "command_line.hpp"
#include "mctpxx/message_type.hpp"
#include "mctpxx/socket.hpp"
#include "mctpxx/unreachable.hpp"
#include "sink.hpp"

namespace {

int die(const mctpxx::Error &e)
{
	std::fprintf(stderr, "mctp-echo: %s\n", e.message.c_str());
	return 1;
}

// A sink takes bursts: a receive buffer of some megabytes (beyond rmem_max
// when privileged), so that what it drops is what it could not keep up with.
void sink_rcvbuf(int fd)
{
	int bytes = 16 << 20;
	if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof(bytes)) < 0)
		::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes));
}

} // namespace

int main(int argc, char **argv)
{
	unsigned net = mctpxx::kNetAny;
	unsigned eid = mctpxx::kEidAny, type = 1;
	unsigned long count = 0;
	bool verbose = false, sink = false;

	mctpxx::cli::CommandLine cl("mctp-echo", "[OPTIONS]",
				  "Answers every MCTP message of one type with the same payload; or, as a\n"
				  "sink, counts them for a one-way stream (mctp-bench --stream).");
	cl.number("-n,--net", net, 0, 0xffffffffu, "network", "NET",
		  "MCTP network to listen on (default: any)");
	cl.number("-e,--eid", eid, 0, 255, "EID", "EID", "Local EID to listen on (default: any)");
	cl.number("-t,--type", type, 0, 127, "message type", "TYPE", "Message type (default: 1)");
	cl.number("-c,--count", count, 1, ~0ul, "count", "N",
		  "Exit after N messages (default: run until killed)");
	cl.flag("-s,--sink", sink,
		"Count messages instead; answer only \"CNT?\", with the count since the last");
	cl.flag("-v,--verbose", verbose, "Print each message");
	if (auto status = cl.parse(argc, argv))
		return *status;

	auto sock = mctpxx::Socket::open();
	if (!sock)
		return die(sock.error());
	if (auto s = sock->bind(net, eid, type); !s)
		return die(s.error());
	if (sink)
		sink_rcvbuf(sock->fd());
	// Bound: from here on no message of the type is dropped for want of a
	// listener. Say so, so that a script can wait for it instead of sleeping.
	std::printf("mctp-echo: ready: %s on net %s, eid %s\n",
		    sink ? ("sink for type " + std::to_string(type)).c_str()
			 : mctpxx::msgtype::echo_kind(type).c_str(),
		    net == mctpxx::kNetAny ? "any" : std::to_string(net).c_str(),
		    eid == mctpxx::kEidAny ? "any" : std::to_string(eid).c_str());
	std::fflush(stdout);
	std::uint64_t counted = 0;

	for (unsigned long n = 0; count == 0 || n < count; n++) {
		auto m = sock->receive(mctpxx::Deadline::max());
		if (!m)
			return die(m.error());
		if (verbose)
			std::printf("net %u eid %u tag %u: %zu bytes%s\n", m->from.net,
				    m->from.eid, m->from.tag, m->data.size(),
				    m->truncated ? " (truncated)" : "");
		mctpxx::Address reply = m->from;
		reply.tag = m->from.tag & mctpxx::kTagMask; // response: TO clear
		if (!sink && !mctpxx::msgtype::is_echo(type, m->data)) {
			if (verbose)
				std::printf("not the echo's vendor framing: ignored\n");
			continue;
		}
		if (sink && !mctpxx::sink::is_count_query(m->data)) {
			counted++;
			continue;
		}
		if (sink) {
			m->data = mctpxx::sink::encode_count(counted);
			counted = 0;
		}
		if (auto s = sock->send(reply, m->data); !s)
			std::fprintf(stderr, "mctp-echo: %s\n",
				     mctpxx::explain_unreachable(s.error(), reply.net, reply.eid)
					     .message.c_str());
	}
	return 0;
}
