// SPDX-License-Identifier: GPL-2.0
// mctp-req: sends requests and checks that each response echoes the request.
// Type 0x7F carries the echo's vendor framing (mctp/message_type.hpp); any
// other type is a raw echo, and the summary says which it was.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "command_line.hpp"
#include "mctpxx/message_type.hpp"
#include "mctpxx/request.hpp"
#include "mctpxx/unreachable.hpp"

int main(int argc, char **argv)
{
	mctpxx::Address to;
	to.type = 1;
	unsigned long len = 16, iters = 1, timeout = 1000;
	bool quiet = false;

	mctpxx::cli::CommandLine cl("mctp-req", "-e EID [OPTIONS]",
				  "Sends requests to an MCTP endpoint and checks that each response echoes\n"
				  "the request (the other side runs mctp-echo).");
	cl.number("-e,--eid", to.eid, 0, 255, "EID", "EID", "Destination EID").required();
	cl.number("-n,--net", to.net, 0, 0xffffffffu, "network", "NET",
		  "MCTP network (default: the default network)");
	cl.number("-t,--type", to.type, 0, 127, "message type", "TYPE", "Message type (default: 1)");
	cl.number("-l,--length", len, 0, mctpxx::kMaxMessage - 1, "length", "LEN",
		  "Payload bytes (default: 16)");
	cl.number("-i,--iterations", iters, 1, ~0ul, "iterations", "N",
		  "Requests to send (default: 1)");
	cl.number("-w,--timeout", timeout, 1, 3600000, "timeout", "MS",
		  "Response timeout in milliseconds (default: 1000)");
	cl.flag("-q,--quiet", quiet, "Print only the summary");
	if (auto status = cl.parse(argc, argv))
		return *status;

	auto sock = mctpxx::Socket::open();
	if (!sock) {
		std::fprintf(stderr, "mctp-req: %s\n", sock.error().message.c_str());
		return 1;
	}
	mctpxx::RequestOptions opts;
	opts.timeout = std::chrono::milliseconds(timeout);
	opts.preallocate_tag = to.eid != mctpxx::kEidAny;

	// type 0x7F: the echo's vendor framing, then LEN bytes
	const auto header = mctpxx::msgtype::echo_header(to.type);
	if (header.size() + len >= mctpxx::kMaxMessage) {
		std::fprintf(stderr, "mctp-req: %lu bytes do not fit after the %zu-byte vendor header\n",
			     len, header.size());
		return 2;
	}
	std::vector<std::uint8_t> payload(header.size() + len);
	std::copy(header.begin(), header.end(), payload.begin());
	const auto start = mctpxx::Clock::now();
	std::chrono::duration<double, std::milli> slowest{0};
	for (unsigned long i = 0; i < iters; i++) {
		for (std::size_t j = 0; j < len; j++)
			payload[header.size() + j] = static_cast<std::uint8_t>(i + j * 7);
		const auto sent = mctpxx::Clock::now();
		auto r = mctpxx::request(*sock, to, payload, opts);
		if (!r) {
			auto e = mctpxx::explain_unreachable(r.error(), to.net, to.eid);
			std::fprintf(stderr, "mctp-req: request %lu: %s (after %.0f ms)\n", i,
				     e.message.c_str(),
				     std::chrono::duration<double, std::milli>(mctpxx::Clock::now() - sent).count());
			return 1;
		}
		slowest = std::max<std::chrono::duration<double, std::milli>>(slowest, mctpxx::Clock::now() - sent);
		const auto &resp = r->front();
		if (resp.data != payload) {
			std::fprintf(stderr, "mctp-req: request %lu: response differs (%zu bytes, sent %zu)\n",
				     i, resp.data.size(), payload.size());
			return 1;
		}
		if (!quiet)
			std::printf("reply from eid %u net %u: %zu bytes\n", resp.from.eid,
				    resp.from.net, resp.data.size());
	}
	const std::chrono::duration<double> secs = mctpxx::Clock::now() - start;
	std::printf("%lu requests of %lu bytes to eid %u: all answered, %.1f req/s, slowest %.0f ms; %s\n",
		    iters, len, unsigned(to.eid), iters / secs.count(), slowest.count(),
		    mctpxx::msgtype::echo_kind(to.type).c_str());
	return 0;
}
