// SPDX-License-Identifier: GPL-2.0
// mctp-req: sends requests and checks that each response echoes the request.
// Type 0x7F carries the echo's vendor framing (mctp/message_type.hpp); any
// other type is a raw echo, and the summary says which it was.
#include <getopt.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "mctp/args.hpp"
#include "mctp/message_type.hpp"
#include "mctp/request.hpp"

namespace {

void usage(FILE *out)
{
	std::fprintf(out,
		     "usage: mctp-req -e EID [-n NET] [-t TYPE] [-l LEN] [-i ITER] [-w MS] [-q]\n"
		     "  -e EID   destination EID (required)\n"
		     "  -n NET   network (default: the default network)\n"
		     "  -t TYPE  message type (default: 1)\n"
		     "  -l LEN   payload bytes, 0..65535 (default: 16)\n"
		     "  -i ITER  requests to send (default: 1)\n"
		     "  -w MS    response timeout in ms (default: 1000)\n"
		     "  -q       print only the summary\n");
}

} // namespace

int main(int argc, char **argv)
{
	mctp::Address to;
	to.type = 1;
	unsigned long len = 16, iters = 1, timeout = 1000;
	bool have_eid = false, quiet = false;
	int opt;

	while ((opt = getopt(argc, argv, "e:n:t:l:i:w:qh")) != -1) {
		mctp::Result<unsigned long> v;
		switch (opt) {
		case 'e': v = mctp::parse_number(optarg, 0, 255, "EID"); if (v) { to.eid = *v; have_eid = true; } break;
		case 'n': v = mctp::parse_number(optarg, 0, 0xffffffffu, "network"); if (v) to.net = *v; break;
		case 't': v = mctp::parse_number(optarg, 0, 127, "message type"); if (v) to.type = *v; break;
		case 'l': v = mctp::parse_number(optarg, 0, mctp::kMaxMessage - 1, "length"); if (v) len = *v; break;
		case 'i': v = mctp::parse_number(optarg, 1, ~0ul, "iterations"); if (v) iters = *v; break;
		case 'w': v = mctp::parse_number(optarg, 1, 3600000, "timeout"); if (v) timeout = *v; break;
		case 'q': quiet = true; continue;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
		if (!v) {
			std::fprintf(stderr, "mctp-req: %s\n", v.error().message.c_str());
			return 2;
		}
	}
	if (!have_eid || optind != argc) {
		usage(stderr);
		return 2;
	}

	auto sock = mctp::Socket::open();
	if (!sock) {
		std::fprintf(stderr, "mctp-req: %s\n", sock.error().message.c_str());
		return 1;
	}
	mctp::RequestOptions opts;
	opts.timeout = std::chrono::milliseconds(timeout);
	opts.preallocate_tag = to.eid != mctp::kEidAny;

	// type 0x7F: the echo's vendor framing, then LEN bytes
	const auto header = mctp::msgtype::echo_header(to.type);
	if (header.size() + len >= mctp::kMaxMessage) {
		std::fprintf(stderr, "mctp-req: %lu bytes do not fit after the %zu-byte vendor header\n",
			     len, header.size());
		return 2;
	}
	std::vector<std::uint8_t> payload(header.size() + len);
	std::copy(header.begin(), header.end(), payload.begin());
	const auto start = mctp::Clock::now();
	std::chrono::duration<double, std::milli> slowest{0};
	for (unsigned long i = 0; i < iters; i++) {
		for (std::size_t j = 0; j < len; j++)
			payload[header.size() + j] = static_cast<std::uint8_t>(i + j * 7);
		const auto sent = mctp::Clock::now();
		auto r = mctp::request(*sock, to, payload, opts);
		if (!r) {
			std::fprintf(stderr, "mctp-req: request %lu: %s (after %.0f ms)\n", i,
				     r.error().message.c_str(),
				     std::chrono::duration<double, std::milli>(mctp::Clock::now() - sent).count());
			return 1;
		}
		slowest = std::max<std::chrono::duration<double, std::milli>>(slowest, mctp::Clock::now() - sent);
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
	const std::chrono::duration<double> secs = mctp::Clock::now() - start;
	std::printf("%lu requests of %lu bytes to eid %u: all answered, %.1f req/s, slowest %.0f ms; %s\n",
		    iters, len, unsigned(to.eid), iters / secs.count(), slowest.count(),
		    mctp::msgtype::echo_kind(to.type).c_str());
	return 0;
}
